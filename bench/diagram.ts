/**
 * Live diagrams (`benchDiagram`, for bench/run.ts):
 *
 *  - **didChange → updated diagram**: `deepforge lsp` over stdio (as an editor runs it), the page in
 *    headless Chromium; one argument of a 200-layer network changes per round (layout
 *    reused) and, separately, a layer is added (shown at once with a provisional layout, ELK's
 *    follows). Time from sending `didChange` to the animation frame that draws the new text (the page
 *    times itself against the same clock), and to the one that draws it with ELK's layout.
 *  - **Layout**: ResNet50 (examples/keras-applications/resnet50.dfnn, blocks expanded) and a
 *    generated 1,000-layer network — total time and ELK's own time in its worker thread.
 *  - **Event-loop stall**: the longest gap of a 1 ms timer while a layout runs through the diagram
 *    server's layout engine in this process, as in the language server (target < 50 ms), and the
 *    CPU time of this thread in that gap (what the layout itself blocks; the rest is other
 *    processes on a busy machine).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { DeepForgeLayoutEngine } from '../diagram/layout/layout-engine.js';
import { loadWorkspace } from '../languages/workspace/node-workspace.js';
import { DiagramSources } from '../server/diagram/diagram-sources.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

export interface DiagramBenchResult {
    /** didChange → the page shows the change, 200 layers, one argument changed (ms). */
    readonly argumentEdit: Timings;
    /** didChange → the page shows a new layer (provisional layout), 200 layers (ms); `final`: until ELK's layout is shown. */
    readonly structuralEdit: Timings & { readonly final: Timings };
    /** `stallMs`: the longest event-loop stall (wall clock); `busyMs`: the most CPU time of the event loop's thread in one stall. */
    readonly layout: ReadonlyArray<{ readonly name: string; readonly nodes: number; readonly totalMs: number; readonly elkMs: number; readonly stallMs: number; readonly busyMs: number }>;
    /** The longest event-loop stall of this (client) process while diagrams followed edits (ms). */
    readonly editStallMs: number;
}

export interface Timings {
    readonly median: number;
    readonly p95: number;
    readonly max: number;
    readonly rounds: number;
}

/** A network of `n` layers: dense layers, every third one merging a skip connection. */
export function diagramNetwork(n: number, units = 16): string {
    const lines = ['network Generated {', '    l0 = Input(shape=(16,))'];
    for (let i = 1; i < n; i++) {
        if (i % 3 === 0 && i >= 3) lines.push(`    l${i} = Add()(l${i - 1}, l${i - 3})`);
        else lines.push(`    l${i} = Dense(${i === 1 ? units : 16}, activation="relu")(l${i - 1})`);
    }
    lines.push('}', '');
    return lines.join('\n');
}

/**
 * Measures the longest gap between ticks of a 1 ms timer while `work` runs (`stallMs`, wall
 * clock), and the most CPU time this thread spent between two ticks (`busyMs`): the stall the
 * code itself causes — on a busy machine the wall-clock gap also holds the time other processes
 * had the core.
 */
async function stallDuring<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; busyMs: number }> {
    const cpu = () => { const { user, system } = process.threadCpuUsage(); return (user + system) / 1000; };
    let last = performance.now();
    let lastCpu = cpu();
    let stall = 0;
    let busy = 0;
    const tick = () => {
        const now = performance.now();
        const nowCpu = cpu();
        stall = Math.max(stall, now - last);
        busy = Math.max(busy, nowCpu - lastCpu);
        last = now;
        lastCpu = nowCpu;
    };
    const timer = setInterval(tick, 1);
    try {
        const result = await work();
        tick();
        return { result, stallMs: stall, busyMs: busy };
    } finally {
        clearInterval(timer);
    }
}

/**
 * Runs in the page (a string: this file is compiled without the DOM's types): from now on, the
 * wall-clock times of the animation frames that draw the text `wanted`, and draw it with ELK's
 * layout, in `window.deepforgeBench`.
 */
const PAGE_TIMER = `wanted => {
    const times = {};
    window.deepforgeBench = times;
    const observer = new MutationObserver(() => {
        if (!document.querySelector('#sprotty svg')?.textContent?.includes(wanted)) return;
        const final = window.deepforge.provisional !== true;
        requestAnimationFrame(() => {
            const now = performance.timeOrigin + performance.now();
            times.shownAt ??= now;
            if (final) times.finalAt ??= now;
        });
        if (final) observer.disconnect();
    });
    observer.observe(document.getElementById('sprotty'), { subtree: true, childList: true, characterData: true, attributes: true });
}`;

function timings(values: number[]): Timings {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { median: sorted[Math.floor(sorted.length / 2)], p95: at(0.95), max: sorted[sorted.length - 1], rounds: sorted.length };
}

const describe = (t: Timings) => `median ${t.median.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms, max ${t.max.toFixed(0)} ms (${t.rounds} rounds)`;

async function benchLayouts(log: (line: string) => void): Promise<DiagramBenchResult['layout']> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'deepforge-diagram-bench-'));
    try {
        writeFileSync(path.join(folder, 'big.dfnn'), diagramNetwork(1000));
        const cases = [
            { name: 'ResNet50', file: path.join(root, 'examples/keras-applications/resnet50.dfnn') },
            { name: '1,000-layer network', file: path.join(folder, 'big.dfnn') }
        ];
        const results = [];
        for (const { name, file } of cases) {
            const workspace = await loadWorkspace([file]);
            const document = workspace.documents.find(d => d.requested)!.document;
            const context = new DiagramSources(workspace.services).generate(document, undefined, new Set())!;
            const engine = new DeepForgeLayoutEngine();
            try {
                await engine.layout((await import('sprotty-protocol')).cloneModel(context.model)); // start the worker, warm ELK
                // Three layouts: the median time, the longest stalls.
                const runs: Array<{ totalMs: number; elkMs: number; stallMs: number; busyMs: number }> = [];
                for (let run = 0; run < 3; run++) {
                    const model = (await import('sprotty-protocol')).cloneModel(context.model);
                    const started = performance.now();
                    const { stallMs, busyMs } = await stallDuring(() => engine.layout(model));
                    runs.push({ totalMs: performance.now() - started, elkMs: engine.elk.lastLayoutMs, stallMs, busyMs });
                }
                runs.sort((a, b) => a.totalMs - b.totalMs);
                const { totalMs, elkMs } = runs[1];
                const stallMs = Math.max(...runs.map(r => r.stallMs));
                const busyMs = Math.max(...runs.map(r => r.busyMs));
                const nodes = context.graph.nodes.length;
                results.push({ name, nodes, totalMs, elkMs, stallMs, busyMs });
                log(`layout ${name} (${nodes} layers): ${totalMs.toFixed(0)} ms (ELK in its worker ${elkMs.toFixed(0)} ms), longest event-loop stall ${stallMs.toFixed(1)} ms, of which this thread's CPU ${busyMs.toFixed(1)} ms (3 runs; target < 50 ms)`);
            } finally {
                await engine.dispose();
            }
        }
        return results;
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

export async function benchDiagram(options: { rounds?: number; log?: (line: string) => void } = {}): Promise<DiagramBenchResult> {
    const log = options.log ?? (line => console.log(line));
    const rounds = options.rounds ?? 20;
    const layout = await benchLayouts(log);

    const folder = mkdtempSync(path.join(os.tmpdir(), 'deepforge-diagram-bench-'));
    const file = path.join(folder, 'net.dfnn');
    writeFileSync(file, diagramNetwork(200));
    const uri = pathToFileURL(file).toString();
    // `deepforge lsp` as an editor runs it (its stall during layout is measured above, in this process).
    const server = spawn(process.execPath, [path.join(root, 'bin', 'deepforge.cjs'), 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    const client = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    for (const method of ['workspace/configuration']) client.onRequest(method, (params: { items: unknown[] }) => params.items.map(() => null));
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('window/workDoneProgress/create', () => null);
    client.onNotification('window/showMessage', () => undefined);
    client.onNotification('textDocument/publishDiagnostics', () => undefined);
    client.onNotification('window/logMessage', () => undefined);
    client.listen();
    const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'deepforge-chromium-')), {
        executablePath: ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find(p => { try { readFileSync(p, { flag: 'r' }).length; return true; } catch { return false; } }) ?? '/usr/bin/chromium',
        headless: true, viewport: { width: 1280, height: 900 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
    });
    try {
        await client.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).toString(), workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'bench' }], capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } } });
        await client.sendNotification('initialized', {});
        let version = 1;
        let text = readFileSync(file, 'utf8');
        await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dfnn', version, text } });
        const url = await client.sendRequest('workspace/executeCommand', { command: 'deepforge.openDiagram', arguments: [uri] }) as string;
        const page = await context.newPage();
        page.on('console', message => { if (message.type() === 'error') log(`page: ${message.text()}`); });
        await page.goto(url);
        await page.waitForFunction('window.deepforge?.ready === true', undefined, { timeout: 60_000 }).catch(async (error: Error) => {
            throw new Error(`${error.message}: ${url} ${await page.evaluate('JSON.stringify(window.deepforge)')}`);
        });
        await page.waitForFunction("document.querySelectorAll('#sprotty g.df-layer').length >= 5", undefined, { timeout: 60_000 });
        /**
         * Sends the new text; resolves with the times until the page shows `shows`, and until it shows it with ELK's
         * layout. The page times itself (a mutation observer, then the next animation frame: the frame that draws the
         * change), against the same wall clock as this process; polling from here would add its own delay.
         */
        const change = async (next: string, shows: string): Promise<{ shown: number; final: number }> => {
            text = next;
            await page.evaluate(`(${PAGE_TIMER})(${JSON.stringify(shows)})`);
            const started = performance.timeOrigin + performance.now();
            await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
            await page.waitForFunction('window.deepforgeBench?.finalAt !== undefined', undefined, { timeout: 30_000 });
            const { shownAt, finalAt } = await page.evaluate('window.deepforgeBench') as { shownAt: number; finalAt: number };
            await page.waitForTimeout(300); // the second validation pass's update, before the next round
            return { shown: shownAt - started, final: finalAt - started };
        };
        const argument: number[] = [];
        const structural: number[] = [];
        const structuralFinal: number[] = [];
        const { stallMs } = await stallDuring(async () => {
            for (let round = 0; round < rounds; round++) {
                const units = 100 + round;
                argument.push((await change(text.replace(/l1 = Dense\(\d+,/, `l1 = Dense(${units},`), `units=${units}`)).shown);
            }
            for (let round = 0; round < Math.max(3, Math.floor(rounds / 2)); round++) {
                const name = `extra${round}`;
                // Near the top, where the page shows it (off-screen nodes are not drawn).
                const { shown, final } = await change(text.replace('\n    l2 =', `\n    ${name} = Dense(4)(l1)\n    l2 =`), name);
                structural.push(shown);
                structuralFinal.push(final);
            }
        });
        const result: DiagramBenchResult = {
            argumentEdit: timings(argument),
            structuralEdit: { ...timings(structural), final: timings(structuralFinal) },
            layout,
            editStallMs: stallMs
        };
        log(`didChange → diagram updated, 200 layers, an argument changed: ${describe(result.argumentEdit)}; target < 300 ms`);
        log(`didChange → diagram updated, 200 layers, a layer added (provisional layout): ${describe(result.structuralEdit)}; target < 300 ms`);
        log(`didChange → ELK's layout shown, 200 layers, a layer added: ${describe(result.structuralEdit.final)}`);
                
        return result;
    } finally {
        await context.close();
        await client.sendRequest('shutdown').catch(() => undefined);
        await client.sendNotification('exit').catch(() => undefined);
        client.dispose();
        server.kill();
        rmSync(folder, { recursive: true, force: true });
    }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
    benchDiagram().then(() => process.exit(0), error => { console.error(error); process.exit(1); });
}
