/**
 * Execution engine benchmark (exported for `bench/run.ts`; asserts nothing):
 *
 *  - per-step overhead: a chain of 50 no-op steps run by the engine (each a `run_step`
 *    process, outputs through local storage, records written), against one plain Python
 *    process importing the operation and making the same 50 calls. Target ≤ 150 ms per step.
 *  - passing a 1 GB numpy array between two steps: from the producer's exit to the consumer's
 *    start (stored content-addressed, handed over as a file), against a raw copy of the same
 *    file. Target ≥ 50 % of the raw throughput.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline, type EngineEvent } from '../server/execution/engine.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

export interface ExecutionBenchResult {
    readonly steps: number;
    readonly engineMs: number;
    readonly plainMs: number;
    readonly overheadPerStepMs: number;
    readonly bytes: number;
    readonly transferMs: number;
    readonly rawCopyMs: number;
    readonly throughputRatio: number;
}

function python(): string {
    const venv = join(root, '.venv', 'bin', 'python');
    return existsSync(venv) ? venv : 'python3';
}

function project(files: Record<string, string>): string {
    const folder = mkdtempSync(join(tmpdir(), 'deepforge-bench-exec-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(folder, name, '..'), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    return folder;
}

const NOOP = `class Start():
    def execute(self):
        return 0


class Noop():
    def execute(self, x):
        return x
`;

export async function benchExecution(options: { steps?: number; bytes?: number; log?: (line: string) => void } = {}): Promise<ExecutionBenchResult> {
    const log = options.log ?? console.log;
    const steps = options.steps ?? 50;
    const env = { ...process.env, DEEPFORGE_PYTHON: python() };

    // ---- 50 no-op steps -------------------------------------------------------------------
    const lines = ['operation Start {', '    outputs x', '    code "ops.py"', '}', 'operation Noop {', '    inputs x', '    outputs x', '    code "ops.py"', '}', 'pipeline Chain {', '    s0 = Start()'];
    for (let i = 1; i < steps; i++) lines.push(`    s${i} = Noop()(x=s${i - 1}.x)`);
    lines.push('}');
    const chain = project({ 'chain.dfp': lines.join('\n') + '\n', 'ops.py': NOOP });
    const started = performance.now();
    const result = await runPipeline({ project: chain, file: join(chain, 'chain.dfp'), cache: false, parallel: 1, env });
    const engineMs = performance.now() - started;
    if (result.record.status !== 'succeeded') throw new Error(`the no-op chain ${result.record.status}: ${result.record.error}`);
    const plainScript = `import sys, time\nsys.path.insert(0, ${JSON.stringify(chain)})\nimport ops\nx = ops.Start().execute()\nfor _ in range(${steps - 1}):\n    x = ops.Noop().execute(x)\n`;
    const plainStart = performance.now();
    execFileSync(python(), ['-c', plainScript]);
    const plainMs = performance.now() - plainStart;
    const overheadPerStepMs = (engineMs - plainMs) / steps;
    log(`Execution engine: ${steps} no-op steps (local compute, local storage, records)`);
    log(`  engine               ${(engineMs / 1000).toFixed(2)} s`);
    log(`  one Python process   ${plainMs.toFixed(0)} ms`);
    log(`  overhead per step    ${overheadPerStepMs.toFixed(0)} ms   (target ≤ 150 ms)`);
    rmSync(chain, { recursive: true, force: true });

    // ---- a 1 GB array between two steps ---------------------------------------------------
    const bytes = options.bytes ?? 1 << 30;
    const big = project({
        'big.dfp': 'operation Make {\n    attributes { bytes: int = 1 }\n    outputs data\n    code "big.py"\n}\noperation Sum {\n    inputs data\n    outputs total\n    code "big.py"\n}\n' +
            `pipeline Big {\n    made = Make(bytes=${bytes})\n    Sum()(data=made.data)\n}\n`,
        'big.py': 'import numpy as np\n\n\nclass Make():\n    def __init__(self, bytes=1):\n        self.bytes = bytes\n\n    def execute(self):\n        return np.ones(self.bytes // 8, dtype=np.float64)\n\n\nclass Sum():\n    def execute(self, data):\n        return float(data[:10].sum())\n'
    });
    let consumerRunning = 0;
    const bigResult = await runPipeline({
        project: big, file: join(big, 'big.dfp'), cache: false, parallel: 1, env,
        onEvent: (event: EngineEvent) => {
            if (event.type === 'step' && event.step === 'Sum#1' && event.status === 'running') consumerRunning = Date.now();
        }
    });
    if (bigResult.record.status !== 'succeeded') throw new Error(`the 1 GB pipeline ${bigResult.record.status}: ${bigResult.record.error}`);
    const producer = join(big, '.deepforge', 'executions', bigResult.record.name, 'steps', 'made');
    const producerExit = statSync(join(producer, 'exit')).mtimeMs;
    const transferMs = consumerRunning - producerExit;
    const source = join(producer, 'outputs', 'data.npy');
    const copyStart = performance.now();
    copyFileSync(source, join(big, 'raw-copy.npy'));
    const rawCopyMs = performance.now() - copyStart;
    const size = statSync(source).size;
    const throughputRatio = rawCopyMs / transferMs;
    log(`\nA ${(size / 2 ** 30).toFixed(2)} GiB numpy array from one step to the next`);
    log(`  producer exit → consumer start   ${transferMs.toFixed(0)} ms   (${(size / 2 ** 20 / (transferMs / 1000)).toFixed(0)} MiB/s: stored, hashed, handed over)`);
    log(`  raw file copy                    ${rawCopyMs.toFixed(0)} ms   (${(size / 2 ** 20 / (rawCopyMs / 1000)).toFixed(0)} MiB/s)`);
    log(`  throughput vs raw copy           ${(throughputRatio * 100).toFixed(0)} %   (target ≥ 50 %)`);
    rmSync(big, { recursive: true, force: true });
    return { steps, engineMs, plainMs, overheadPerStepMs, bytes: size, transferMs, rawCopyMs, throughputRatio };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    await benchExecution();
}
