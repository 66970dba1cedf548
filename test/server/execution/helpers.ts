import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline, type EngineEvent, type RunOptions } from '../../../server/execution/engine.js';
import type { ExecutionRecord } from '../../../server/execution/store.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const OPS = join(root, 'test', 'server', 'execution', 'fixtures', 'ops', 'ops.dfp');
export const DIGITS = join(root, 'examples', 'digits', 'digits.dfp');
export const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The Python with numpy, matplotlib and Keras (scripts/setup-python.sh). */
export function python(): string {
    const python = process.env.DEEPFORGE_ORACLE_PYTHON ?? join(root, '.venv', 'bin', 'python');
    if (!existsSync(python)) throw new Error(`No Python at ${python}: run scripts/setup-python.sh (npm test does it).`);
    return python;
}

/** The environment runs get: the test Python, nothing from the developer's DEEPFORGE_* settings. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('DEEPFORGE_')) env[key] = value;
    return { ...env, DEEPFORGE_PYTHON: python(), ...extra };
}

export function tempProject(prefix = 'exec'): string {
    return mkdtempSync(join(tmpdir(), `deepforge-${prefix}-`));
}

export async function run(project: string, options: Partial<RunOptions> & { file?: string } = {}): Promise<{ record: ExecutionRecord; events: EngineEvent[]; failedStep?: string; ms: number }> {
    const events: EngineEvent[] = [];
    const started = performance.now();
    const result = await runPipeline({ project, file: OPS, env: testEnv(), ...options, onEvent: e => events.push(e) });
    return { ...result, events, ms: performance.now() - started };
}

export function statuses(record: ExecutionRecord): Record<string, string> {
    return Object.fromEntries(record.order.map(id => [id, record.steps[id].status]));
}

export function readRecord(project: string, name: string): ExecutionRecord {
    return JSON.parse(readFileSync(join(project, '.deepforge', 'executions', name, 'execution.json'), 'utf-8')) as ExecutionRecord;
}

/** Runs the CLI in a child process (node ≥ 22 from node_modules). */
export function cli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
    const node = existsSync(join(root, 'node_modules', 'node', 'bin', 'node')) ? join(root, 'node_modules', 'node', 'bin', 'node') : process.execPath;
    const child = spawn(node, [join(root, 'bin', 'deepforge.cjs'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; });
    const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(resolve => {
        child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    return { child, done };
}

/** Polls until `condition` holds (or throws after `timeoutMs`). */
export async function until<T>(condition: () => T | undefined | false, timeoutMs = 30_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        let value: T | undefined | false;
        try {
            value = condition();
        } catch {
            value = undefined;
        }
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 50));
    }
}
