/**
 * `npm run bench`: how fast DeepForge checks and infers networks, measured against real Keras
 * building the same model in the same run. Prints figures and ratios; asserts nothing (tests
 * stay fast and deterministic, benchmarks measure).
 *
 *  - ResNet50 (examples/keras-applications/resnet50.dfnn): parse + link + lower + validate +
 *    infer shapes and parameters, cold (first check in a fresh process) and warm (median of
 *    repeated checks), against `keras.applications.ResNet50(weights=None)` build time.
 *  - Generated networks of 1,000 … 10,000 layers: warm time and time per layer (linear growth).
 *  - Reading operation code: a 1,000-line Python file through the tree-sitter reader.
 *  - Execution (bench/execution.ts): per-step overhead, a 1 GB array between two steps.
 *  - Storage (bench/storage.ts): 1 GB through the local and S3 (radosgw) adapters vs raw transfers.
 *  - Language server (bench/lsp.ts): didChange → diagnostics and completion latency, 2,000 layers.
 *  - Diagrams (bench/diagram.ts): didChange → updated page, layout times, event-loop stalls.
 *
 * `npm run bench -- --only=dfnn,python,lsp,diagram,execution,storage` picks sections (all by default).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import { createDeepForgeServices } from '../languages/deepforge-module.js';
import { createPythonCodeReader } from '../languages/dfp/python/python-code-reader.js';
import { benchDiagram } from './diagram.js';
import { benchExecution } from './execution.js';
import { benchLsp } from './lsp.js';
import { runStorageBenchmark } from './storage.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
let counter = 0;

/** Checks one document from text with fresh URIs (so nothing is reused but warm code and services). */
async function check(services: ReturnType<typeof createDeepForgeServices>, text: string): Promise<{ ms: number; errors: number }> {
    const { shared } = services;
    const uri = URI.parse(`file:///bench/${++counter}/model.dfnn`);
    const start = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const ms = performance.now() - start;
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).length;
    // Remove it through the builder so the index and per-document caches let go of it too.
    await shared.workspace.DocumentBuilder.update([], [uri]);
    return { ms, errors };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function warm(services: ReturnType<typeof createDeepForgeServices>, text: string, runs: number): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const { ms, errors } = await check(services, text);
        if (errors > 0) throw new Error('benchmark model has errors');
        times.push(ms);
    }
    return median(times);
}

/** A deep network of `n` layers: conv stages with residual adds, batch norm and activations. */
function generatedNetwork(n: number): string {
    const lines = ['network Deep {', '    x0 = Input(shape=(32, 32, 16))'];
    let previous = 'x0';
    let i = 1;
    while (i < n) {
        const kind = i % 4;
        const name = `l${i}`;
        if (kind === 1) lines.push(`    ${name} = Conv2D(16, 3, padding="same")(${previous})`);
        else if (kind === 2) lines.push(`    ${name} = BatchNormalization()(${previous})`);
        else if (kind === 3) lines.push(`    ${name} = Activation("relu")(${previous})`);
        else lines.push(`    ${name} = Add()(${previous}, l${i - 3})`);
        previous = name;
        i++;
    }
    lines.push(`    outputs ${previous}`, '}');
    return lines.join('\n');
}

function kerasResNet50(): { importMs: number; buildMs: number } | undefined {
    const python = join(root, '.venv', 'bin', 'python');
    if (!existsSync(python)) return undefined;
    const script = [
        'import time, json, os', 'os.environ.setdefault("KERAS_BACKEND", "numpy")',
        't0 = time.perf_counter()', 'import keras', 't1 = time.perf_counter()',
        'builds = []',
        'for _ in range(3):',
        '    s = time.perf_counter(); m = keras.applications.ResNet50(weights=None); builds.append(time.perf_counter() - s)',
        'print(json.dumps({"importMs": (t1 - t0) * 1000, "buildMs": sorted(builds)[1] * 1000}))'
    ].join('\n');
    return JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf-8', env: { ...process.env, KERAS_BACKEND: 'numpy' } }));
}

async function main(): Promise<void> {
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    const resnet = readFileSync(join(root, 'examples/keras-applications/resnet50.dfnn'), 'utf-8');

    const createStart = performance.now();
    const services = createDeepForgeServices(EmptyFileSystem);
    const createMs = performance.now() - createStart;
    const cold = await check(services, resnet);
    const warmMs = await warm(services, resnet, 30);
    console.log('ResNet50 (177 layers, 25,636,712 params)');
    console.log(`  services start-up        ${fmt(createMs)}`);
    console.log(`  check + infer, cold      ${fmt(cold.ms)}`);
    console.log(`  check + infer, warm      ${fmt(warmMs)}   (target < 50 ms)`);

    const keras = kerasResNet50();
    if (keras) {
        console.log(`  Keras 3 build (numpy)    ${fmt(keras.buildMs)}   (import keras: ${fmt(keras.importMs)})`);
        console.log(`  ratio Keras / DeepForge  ${(keras.buildMs / warmMs).toFixed(1)}× warm, ${(keras.buildMs / cold.ms).toFixed(1)}× cold   (target ≥ 20× warm)`);
    } else {
        console.log('  Keras: no .venv (run scripts/setup-python.sh) — ratio not measured');
    }

    console.log('\nGenerated networks (conv / batch-norm / relu / residual add)');
    console.log('  layers     cold        warm      per layer (warm)');
    for (const n of [1000, 2000, 5000, 10000]) {
        const text = generatedNetwork(n);
        const fresh = createDeepForgeServices(EmptyFileSystem);
        const first = await check(fresh, text);
        const w = await warm(fresh, text, n >= 5000 ? 5 : 9);
        console.log(`  ${String(n).padStart(6)} ${fmt(first.ms).padStart(11)} ${fmt(w).padStart(11)}   ${(w / n * 1000).toFixed(1)} µs   ${n === 10000 ? '(target < 1 s warm)' : ''}`);
    }
}

/** A 1,000-line Python module of operation classes. */
function pythonModule(lines: number): string {
    const parts: string[] = ['import numpy as np', ''];
    for (let i = 0; parts.length < lines; i++) {
        parts.push(
            `class Op${i}:`,
            `    def __init__(self, architecture, batch_size=32, lr=1e-3, name="op${i}"):`,
            '        self.architecture = architecture',
            '        self.batch_size = batch_size',
            '',
            '    def execute(self, images, labels):',
            '        model = self.architecture.fit(images, labels, batch_size=self.batch_size)',
            '        return model, np.sum(images)',
            '');
    }
    return parts.slice(0, lines).join('\n') + '\n';
}

async function benchPythonReader(): Promise<void> {
    const reader = await createPythonCodeReader();
    const text = pythonModule(1000);
    reader.read(text);
    const times: number[] = [];
    for (let k = 0; k < 21; k++) {
        const start = performance.now();
        reader.read(text);
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log('\nOperation code (tree-sitter Python reader)');
    console.log(`  1,000-line file           best ${times[0].toFixed(1)} ms, median ${median(times).toFixed(1)} ms`);
}

const only = process.argv.find(a => a.startsWith('--only='))?.slice('--only='.length).split(',');
const sections: Array<[string, () => Promise<unknown>]> = [
    ['dfnn', main],
    ['python', benchPythonReader],
    ['lsp', async () => { console.log('\nLanguage server (bench/lsp.ts)'); await benchLsp(); }],
    ['diagram', async () => { console.log('\nDiagrams (bench/diagram.ts)'); await benchDiagram({ log: line => console.log(`  ${line}`) }); }],
    ['execution', async () => { console.log(''); await benchExecution(); }],
    ['storage', async () => { console.log('\nStorage (bench/storage.ts)'); await runStorageBenchmark(); }]
];

(async () => {
    for (const [name, run] of sections) {
        if (!only || only.includes(name)) await run();
    }
})().catch(error => {
    console.error(error);
    process.exit(1);
});
