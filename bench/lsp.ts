/**
 * Language server benchmark (exported for `bench/run.ts`; asserts nothing). The real server —
 * `deepforge lsp` as a subprocess over stdio, like an editor runs it — on one generated network of
 * 2,000 layers (conv / batch-norm / relu / residual add), measured at the client:
 *
 *  - one-character edits (incremental `didChange`, at random layers): the time to the first
 *    `publishDiagnostics` (syntax and linking: the first pass) and to the second (model checks and
 *    shapes). Half the edits break something and the next one repairs it: the `2` of a
 *    `Conv2D` → `Conv3D` (still a layer type, so the first pass is clean; shape inference then finds a
 *    rank-4 input where Conv3D needs rank 5: a shape error, second pass) or a
 *    letter added to an input name (an undefined name: a linking error, first pass); the
 *    diagnostics are checked to be those. Target: p95 < 100 ms to the first pass.
 *  - one-character edits that break the syntax and repair it: a `)` deleted, then typed again
 *    (the incremental parser parses the first in context, for the parser's error recovery, and the
 *    second alone); measured to the first publication (the syntax error, then none). Target: p95 < 100 ms.
 *  - completion requests in the same file: a layer type (`Co|nv2D`), a keyword argument
 *    (`Conv2D(16, 3, |`) and a layer name among 2,000 (`Add()(l|`). Target: p95 < 50 ms.
 *
 * `node out/bench/lsp.js [layers]` runs it alone; DEEPFORGE_BENCH_TRACE=1 prints every edit's two times.
 * `node out/bench/lsp.js [layers] --baseline=OTHER/bin/deepforge.cjs [--rounds=N]` compares with another
 * build (say a checkout of the previous commit): the two servers run in turns, N rounds each, and
 * the medians of the rounds' figures are printed with their ratios — on a busy machine, turns in
 * one process are fairer than two runs minutes apart.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

/** The repository: from out/bench/lsp.js (compiled) or bench/lsp.ts (run from source, e.g. by vitest). */
const root = [resolve(fileURLToPath(import.meta.url), '../..'), resolve(fileURLToPath(import.meta.url), '../../..')]
    .find(folder => existsSync(join(folder, 'bin', 'deepforge.cjs')))!;

export interface LatencySummary { readonly count: number; readonly p50: number; readonly p95: number; readonly max: number }

export interface LspBenchResult {
    readonly layers: number;
    /** From `didOpen` to the second pass's diagnostics of the file (cold server). */
    readonly openMs: number;
    /** One-character edit → first `publishDiagnostics` (syntax and linking). */
    readonly firstPass: LatencySummary;
    /** One-character edit → second `publishDiagnostics` (model checks, shapes). */
    readonly secondPass: LatencySummary;
    /** A `)` deleted and typed again → first `publishDiagnostics` (a syntax error, then none). */
    readonly syntaxPass: LatencySummary;
    /** Completion requests, all kinds together, and per kind. */
    readonly completion: LatencySummary;
    readonly completionByKind: Readonly<Record<string, LatencySummary>>;
}

export interface LspBenchOptions {
    readonly layers?: number;
    /** One-character edits measured (after 6 for warm-up). */
    readonly edits?: number;
    /** Syntax-breaking edits measured, each followed by its repair (after 2 pairs for warm-up). */
    readonly syntaxEdits?: number;
    /** Completion requests measured per kind (after 3 per kind for warm-up). */
    readonly completions?: number;
    readonly seed?: number;
    readonly log?: (line: string) => void;
    /** The `deepforge` launcher whose server is measured (this repository's by default). */
    readonly launcher?: string;
}

/** The generated network of bench/run.ts: conv / batch-norm / relu / residual add, `n` layers. */
export function generatedNetwork(n: number): string {
    const lines = ['network Deep {', '    x0 = Input(shape=(32, 32, 16))'];
    let previous = 'x0';
    for (let i = 1; i < n; i++) {
        const kind = i % 4;
        const name = `l${i}`;
        if (kind === 1) lines.push(`    ${name} = Conv2D(16, 3, padding="same")(${previous})`);
        else if (kind === 2) lines.push(`    ${name} = BatchNormalization()(${previous})`);
        else if (kind === 3) lines.push(`    ${name} = Activation("relu")(${previous})`);
        else lines.push(`    ${name} = Add()(${previous}, l${i - 3})`);
        previous = name;
    }
    lines.push(`    outputs ${previous}`, '}');
    return lines.join('\n') + '\n';
}

function summary(values: number[]): LatencySummary {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
    return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/** mulberry32 */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        let t = (state = (state + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export async function benchLsp(options: LspBenchOptions = {}): Promise<LspBenchResult> {
    const log = options.log ?? console.log;
    const layers = options.layers ?? 2000;
    const edits = options.edits ?? 60;
    const syntaxEdits = options.syntaxEdits ?? 15;
    const completions = options.completions ?? 40;
    const next = random(options.seed ?? 7);

    const folder = mkdtempSync(join(tmpdir(), 'deepforge-bench-lsp-'));
    const file = join(folder, 'deep.dfnn');
    const lines = generatedNetwork(layers).split('\n');
    writeFileSync(file, lines.join('\n'));
    const uri = pathToFileURL(file).toString();

    const server = spawn(process.execPath, [options.launcher ?? join(root, 'bin', 'deepforge.cjs'), 'lsp', '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr!.on('data', chunk => { stderr += String(chunk); });
    // A server that dies fails the benchmark instead of leaving a request unanswered.
    const died = new Promise<never>((_, reject) => {
        server.once('exit', code => reject(new Error(`bench lsp: deepforge lsp exited (${code})\n${stderr}`)));
        server.once('error', reject);
    });
    died.catch(() => undefined);
    const answer = <T>(request: Promise<T>) => Promise.race([request, died]);
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    // Each publishDiagnostics of the file, with the time it arrived.
    const published: Array<{ at: number; diagnostics: Diagnostic[] }> = [];
    let wake: (() => void) | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        if (params.uri !== uri) return;
        published.push({ at: performance.now(), diagnostics: params.diagnostics });
        wake?.();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();

    /** Waits until `count` diagnostics notifications of the file have arrived in all. */
    const publications = async (count: number, what: string) => {
        const deadline = performance.now() + 60_000;
        while (published.length < count) {
            if (performance.now() > deadline || server.exitCode !== null) throw new Error(`bench lsp: no diagnostics for ${what} (server ${server.exitCode === null ? 'silent for 60 s' : `exited: ${server.exitCode}`})\n${stderr}`);
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, 1000);
                wake = () => { clearTimeout(timer); resolve(); };
            });
        }
    };

    try {
        await answer(connection.sendRequest('initialize', {
            processId: process.pid, rootUri: pathToFileURL(folder).toString(), workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'bench' }],
            capabilities: { textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } } }, workspace: { configuration: true } }
        }));
        await connection.sendNotification('initialized', {});
        let version = 1;
        const openStart = performance.now();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dfnn', version, text: lines.join('\n') } });
        // The workspace load may publish too: wait for a clean second pass of the open buffer.
        await publications(2, 'didOpen');
        while (published[published.length - 1].diagnostics.length > 0) await publications(published.length + 1, 'didOpen');
        const openMs = performance.now() - openStart;

        // ---- one-character edits ----------------------------------------------------------
        const first: number[] = [];
        const second: number[] = [];
        const change = async (line: number, character: number, removed: number, text: string) => {
            const before = published.length;
            const start = performance.now();
            await connection.sendNotification('textDocument/didChange', {
                textDocument: { uri, version: ++version },
                contentChanges: [{ range: { start: { line, character }, end: { line, character: character + removed } }, text }]
            });
            await publications(before + 2, `edit ${version}`);
            const [pass1, pass2] = published.slice(before, before + 2);
            return { first: pass1.at - start, second: pass2.at - start, pass1: pass1.diagnostics, pass2: pass2.diagnostics };
        };
        const errors = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.severity === 1).map(d => d.message);
        let line = 0;
        for (let k = 0; k < edits + 6; k++) {
            const shape = k % 4 < 2; // conv filters twice (break, repair), then an input name twice
            const breaking = k % 2 === 0;
            // A layer statement of the right kind, away from the ends; the repair goes to the same line.
            if (breaking) {
                let i = 4 + Math.floor(next() * (layers - 12));
                while (i % 4 !== (shape ? 1 : 2)) i++;
                line = i + 1; // line 0 is `network Deep {`, line 1 is x0
            }
            const textLine = lines[line];
            let result;
            if (shape) {
                const at = (textLine.includes('Conv3D(') ? textLine.indexOf('Conv3D(') : textLine.indexOf('Conv2D(')) + 'Conv'.length;
                result = await change(line, at, 1, breaking ? '3' : '2');
                if (breaking !== (errors(result.pass2).length > 0) || errors(result.pass1).length > 0) {
                    throw new Error(`bench lsp: unexpected diagnostics after a Conv2D/Conv3D edit: ${JSON.stringify([errors(result.pass1), errors(result.pass2)])}`);
                }
                lines[line] = textLine.slice(0, at) + (breaking ? '3' : '2') + textLine.slice(at + 1);
            } else {
                const at = textLine.lastIndexOf(')');
                result = breaking ? await change(line, at, 0, 'x') : await change(line, at - 1, 1, '');
                if (breaking !== (errors(result.pass1).length > 0)) {
                    throw new Error(`bench lsp: unexpected diagnostics after a name edit: ${JSON.stringify(errors(result.pass1))}`);
                }
                lines[line] = breaking ? textLine.slice(0, at) + 'x' + textLine.slice(at) : textLine.slice(0, at - 1) + textLine.slice(at);
            }
            if (process.env.DEEPFORGE_BENCH_TRACE) log(`    edit ${k}: ${shape ? 'Conv2D/3D' : 'name'} ${breaking ? 'break' : 'repair'} first ${result.first.toFixed(0)} second ${result.second.toFixed(0)}`);
            if (k >= 6) {
                first.push(result.first);
                second.push(result.second);
            }
        }

        // ---- edits that break the syntax and repair it ------------------------------------------
        const syntax: number[] = [];
        for (let k = 0; k < syntaxEdits + 2; k++) {
            let i = 4 + Math.floor(next() * (layers - 12));
            while (i % 4 !== 2) i++;
            line = i + 1;
            // `BatchNormalization()(l5)` → `BatchNormalization(` `(l5)`: a `)` deleted, then typed again.
            const at = lines[line].indexOf('()') + 1;
            const broken = await change(line, at, 1, '');
            const repaired = await change(line, at, 0, ')');
            if (errors(broken.pass1).length === 0 || errors(repaired.pass1).length > 0) {
                throw new Error(`bench lsp: unexpected diagnostics after a ')' deleted and typed again: ${JSON.stringify([errors(broken.pass1), errors(repaired.pass1)])}`);
            }
            if (process.env.DEEPFORGE_BENCH_TRACE) log(`    syntax ${k}: broken first ${broken.first.toFixed(0)} second ${broken.second.toFixed(0)}, repaired first ${repaired.first.toFixed(0)} second ${repaired.second.toFixed(0)}`);
            if (k >= 2) syntax.push(broken.first, repaired.first);
        }

        // ---- completion -------------------------------------------------------------------
        const kinds: Record<string, (i: number) => { line: number; character: number; expect: string }> = {
            'layer type': i => ({ line: conv(i) + 1, character: lines[conv(i) + 1].indexOf('Conv2D') + 2, expect: 'Conv2D' }),
            'keyword argument': i => ({ line: conv(i) + 1, character: lines[conv(i) + 1].indexOf('padding'), expect: 'strides=' }),
            'layer name': i => ({ line: add(i) + 1, character: lines[add(i) + 1].indexOf('Add()(') + 'Add()(l'.length, expect: `l${add(i) - 1}` })
        };
        function conv(i: number) { let j = i; while (j % 4 !== 1) j++; return j; }
        function add(i: number) { let j = i; while (j % 4 !== 0) j++; return j; }
        const byKind: Record<string, number[]> = {};
        for (const [kind, at] of Object.entries(kinds)) {
            byKind[kind] = [];
            for (let k = 0; k < completions + 3; k++) {
                const position = at(8 + Math.floor(next() * (layers - 20)));
                const start = performance.now();
                const result = await answer(connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as { items: Array<{ label: string }> } | Array<{ label: string }>;
                const ms = performance.now() - start;
                const items = Array.isArray(result) ? result : result.items;
                if (!items.some(item => item.label === position.expect)) {
                    throw new Error(`bench lsp: ${kind} completion at ${JSON.stringify(position)} lacks ${position.expect}: ${items.slice(0, 5).map(i => i.label)}`);
                }
                if (k >= 3) byKind[kind].push(ms);
            }
        }

        const result: LspBenchResult = {
            layers, openMs,
            firstPass: summary(first), secondPass: summary(second), syntaxPass: summary(syntax),
            completion: summary(Object.values(byKind).flat()),
            completionByKind: Object.fromEntries(Object.entries(byKind).map(([kind, values]) => [kind, summary(values)]))
        };
        const fmt = (s: LatencySummary) => `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
        log(`Language server (deepforge lsp over stdio): a ${layers.toLocaleString('en')}-layer network`);
        log(`  open → checked (cold)                ${openMs.toFixed(0)} ms`);
        log(`  edit → syntax/linking diagnostics    ${fmt(result.firstPass)}   (${first.length} one-character edits; target p95 < 100 ms)`);
        log(`  edit → shape diagnostics             ${fmt(result.secondPass)}`);
        log(`  syntax broken/repaired → diagnostics ${fmt(result.syntaxPass)}   (${syntax.length} edits: a \`)\` deleted and typed again; target p95 < 100 ms)`);
        log(`  completion                           ${fmt(result.completion)}   (target p95 < 50 ms)`);
        for (const [kind, s] of Object.entries(result.completionByKind)) log(`    ${kind.padEnd(34)} ${fmt(s)}`);
        return result;
    } finally {
        try {
            await connection.sendRequest('shutdown');
            await connection.sendNotification('exit');
        } catch { /* gone */ }
        await new Promise<void>(resolve => {
            if (server.exitCode !== null) return resolve();
            const timer = setTimeout(() => { server.kill(); resolve(); }, 5000);
            server.once('exit', () => { clearTimeout(timer); resolve(); });
        });
        connection.dispose();
        rmSync(folder, { recursive: true, force: true });
    }
}

/** Runs this build and a baseline build in turns and prints the medians of each figure with their ratio. */
export async function compareLsp(baseline: string, rounds: number, layers: number, log: (line: string) => void = console.log): Promise<void> {
    const runs: Record<'baseline' | 'current', LspBenchResult[]> = { baseline: [], current: [] };
    for (let round = 0; round < rounds; round++) {
        for (const which of ['baseline', 'current'] as const) {
            const result = await benchLsp({ layers, launcher: which === 'baseline' ? resolve(baseline) : undefined, log: () => undefined });
            runs[which].push(result);
            log(`  round ${round + 1} ${which.padEnd(8)} first pass p50 ${result.firstPass.p50.toFixed(1)} p95 ${result.firstPass.p95.toFixed(1)} | second pass p50 ${result.secondPass.p50.toFixed(1)} p95 ${result.secondPass.p95.toFixed(1)} | completion p50 ${result.completion.p50.toFixed(1)} p95 ${result.completion.p95.toFixed(1)}`);
        }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const figures: Array<[string, (r: LspBenchResult) => number]> = [
        ['edit → syntax/linking p50', r => r.firstPass.p50], ['edit → syntax/linking p95', r => r.firstPass.p95],
        ['edit → shapes p50', r => r.secondPass.p50], ['edit → shapes p95', r => r.secondPass.p95],
        ['syntax broken/repaired p50', r => r.syntaxPass.p50], ['syntax broken/repaired p95', r => r.syntaxPass.p95],
        ['completion p50', r => r.completion.p50], ['completion p95', r => r.completion.p95],
        ...Object.keys(runs.current[0].completionByKind).flatMap(kind => [
            [`  ${kind} p50`, (r: LspBenchResult) => r.completionByKind[kind].p50], [`  ${kind} p95`, (r: LspBenchResult) => r.completionByKind[kind].p95]
        ] as Array<[string, (r: LspBenchResult) => number]>)
    ];
    log(`Language server, ${layers.toLocaleString('en')} layers: medians of ${rounds} rounds, baseline ${baseline}`);
    log(`  ${''.padEnd(30)} ${'baseline'.padStart(9)} ${'current'.padStart(9)}  ratio`);
    for (const [name, figure] of figures) {
        const before = median(runs.baseline.map(figure));
        const after = median(runs.current.map(figure));
        log(`  ${name.padEnd(30)} ${before.toFixed(1).padStart(9)} ${after.toFixed(1).padStart(9)}  ${(after / before).toFixed(2)}`);
    }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
    const option = (name: string) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const layers = Number(process.argv.slice(2).find(a => !a.startsWith('--')) ?? 2000);
    const baseline = option('baseline');
    (baseline ? compareLsp(baseline, Number(option('rounds') ?? 3), layers) : benchLsp({ layers })).catch(error => {
        console.error(error);
        process.exit(1);
    });
}
