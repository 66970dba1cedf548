import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApplyWorkspaceEditParams, ShowDocumentParams } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Store, type ExecutionRecord, type StepRecord, type StepStatus } from '../../server/execution/store.js';
import { EditorBuffers } from '../server/lsp/editor-buffers.js';
import { LspTestClient } from '../server/lsp/lsp-client.js';
import { launchBrowser, RESULTS } from './browser.js';

/**
 * End to end: `deepforge lsp` (a subprocess, as an editor runs it) hosts the diagram server; the
 * page runs in headless Chromium. Text edits sent through LSP update the diagram; edits in the page
 * come back as `workspace/applyEdit`, which this test's client applies to its buffers (as an
 * editor would) and reports with `didChange`.
 */

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/digits');
let folder: string;
let client: LspTestClient;
let browser: BrowserContext;
const buffers = new EditorBuffers(() => client.connection);
const shown: ShowDocumentParams[] = [];
const messages: string[] = [];
const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();

const open = (name: string, languageId: string) => buffers.open(uri(name), languageId, fs.readFileSync(path.join(folder, name), 'utf8'));
const change = (docUri: string, text: string) => buffers.change(docUri, text);
const textOf = (docUri: string) => buffers.text(docUri);

async function waitFor(predicate: () => boolean, what: string, timeout = 20_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 25));
    }
}

/** The diagram's SVG text contains `text`. */
function waitForText(page: Page, text: string): Promise<unknown> {
    return page.waitForFunction(t => document.querySelector('#sprotty svg')?.textContent?.includes(t) ?? false, text, { timeout: 20_000 });
}

/** Waits until no model update arrived for a while (a change brings one update per validation pass). */
async function settle(page: Page, quiet = 400): Promise<void> {
    let last = -1;
    let since = Date.now();
    for (;;) {
        const updates = await page.evaluate(() => window.deepforge.updates);
        if (updates !== last) {
            last = updates;
            since = Date.now();
        } else if (Date.now() - since >= quiet) {
            return;
        }
        await page.waitForTimeout(50);
    }
}

async function openDiagram(docUri: string): Promise<Page> {
    const url = await client.connection.sendRequest('workspace/executeCommand', { command: 'deepforge.openDiagram', arguments: [docUri] }) as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?uri=/);
    const page = await browser.newPage();
    page.on('pageerror', error => { throw error; });
    await page.goto(url);
    await page.waitForFunction(() => window.deepforge?.ready === true, undefined, { timeout: 30_000 });
    try {
        await page.waitForSelector('#sprotty g.df-node', { state: 'attached', timeout: 20_000 });
    } catch (error) {
        throw new Error(`no diagram in the page: ${await page.evaluate(() => JSON.stringify(window.deepforge.messages))}\n${(await page.content()).split("</aside>")[1]?.slice(0, 1500)}\n${client.stderr}`, { cause: error });
    }
    return page;
}

/** The execution record of a run of `pipeline` (digits.dfp) whose steps are in these states, as its runner writes it. */
function executionRecord(name: string, pipeline: string, statuses: ReadonlyMap<string, StepStatus>): ExecutionRecord {
    const now = new Date().toISOString();
    const hash = { algorithm: 'sha256', value: '0'.repeat(64) };
    const steps: Record<string, StepRecord> = {};
    for (const [id, status] of statuses) {
        steps[id] = {
            id, operation: id, kind: 'operation', status, attributes: {}, inputs: {}, logs: {}, outputs: {}, figures: [], metrics: [], artifacts: [],
            hashes: { code: null, attributes: hash, references: hash, environment: null, runtime: hash } as unknown as StepRecord['hashes'],
            ...(status === 'running' || status === 'succeeded' || status === 'failed' ? { started: now } : {})
        };
    }
    return {
        format: 'deepforge-execution', version: 1, name, pipeline, source: 'digits.dfp', sourceHash: '0'.repeat(64),
        options: { compute: 'local', storage: 'local', parallel: 1, set: [], inputs: {}, cache: true, debug: false, python: 'python3' },
        status: 'running', runner: { pid: process.pid, host: os.hostname() }, created: now, started: now, order: [...statuses.keys()], steps, resumed: 0
    };
}

/** The fill of each step's box in the page, by step id. */
function stepFills(page: Page): Promise<Record<string, string>> {
    return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#sprotty g.df-step')].map(step =>
        [step.id.replace(/^sprotty_/, ''), getComputedStyle(step.querySelector('rect.df-node-box')!).fill])));
}

beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-diagram-'));
    fs.cpSync(EXAMPLE, folder, { recursive: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    client = new LspTestClient();
    client.connection.onNotification('window/showMessage', (params: { message: string }) => { messages.push(params.message); });
    client.connection.onRequest('window/showDocument', (params: ShowDocumentParams) => { shown.push(params); return { success: true }; });
    client.connection.onRequest('workspace/applyEdit', async (params: ApplyWorkspaceEditParams) => {
        for (const [docUri, edits] of Object.entries(params.edit.changes ?? {})) {
            await change(docUri, TextDocument.applyEdits(buffers.document(docUri), edits));
        }
        return { applied: true };
    });
    await client.initialize(pathToFileURL(folder).toString());
    await open('cnn.dfnn', 'dfnn');
    await open('digits.dfp', 'dfp');
    await client.diagnosticsOf(uri('cnn.dfnn'), d => d.length === 0);
    browser = await launchBrowser();
});

afterAll(async () => {
    await browser?.close();
    await client?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('live diagrams in headless Chromium', () => {
    test('the language server announces the diagram page', async () => {
        await waitFor(() => messages.some(m => m.includes('http://127.0.0.1:')), 'the showMessage with the link');
    });

    test('a network: nodes, edges, shape labels; text edits update it; invalid layers get a marker; edits in the page change the text', async () => {
        const cnn = uri('cnn.dfnn');
        const page = await openDiagram(cnn);
        expect(await page.locator('#sprotty g.df-layer').count()).toBe(8);
        expect(await page.locator('#sprotty .df-edge-line').count()).toBe(7);
        const svgText = await page.locator('#sprotty svg').textContent();
        for (const text of ['Conv2D', 'conv1', 'filters=16', '(None, 8, 8, 16)', '(None, 4, 4, 32)', '(None, 512)', 'Dense', 'probs']) expect(svgText).toContain(text);
        expect(await page.locator('#palette-items button[data-type="Dense"]').count()).toBe(1);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-network.png') });

        // A text edit through the LSP client: the diagram follows (unsaved buffer).
        const original = textOf(cnn);
        await change(cnn, original.replace('Dense(64, activation="relu")', 'Dense(48, activation="relu")'));
        await waitForText(page, 'units=48');
        await waitForText(page, '(None, 48)');

        // An invalid layer shows its marker, with the message as its hover.
        await change(cnn, textOf(cnn).replace('padding="same", activation="relu")(image)', 'padding="sme", activation="relu")(image)'));
        await page.waitForSelector('#sprotty .df-marker.error', { timeout: 20_000 });
        expect(await page.locator('#sprotty .df-marker.error title').textContent()).toContain('`padding` expects "valid" or "same", got "sme"');
        expect(await page.locator('#sprotty g.df-layer.has-error').count()).toBe(1);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-network-marker.png') });
        await change(cnn, textOf(cnn).replace('padding="sme"', 'padding="same"'));
        await page.waitForSelector('#sprotty .df-marker', { state: 'detached', timeout: 20_000 });

        // The cursor in the text highlights its layer (editors ask for document highlights as it moves).
        const line = textOf(cnn).split('\n').findIndex(l => l.includes('pool   ='));
        await client.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri: cnn }, position: { line, character: 6 } });
        await page.waitForSelector('#sprotty g.df-layer.highlighted', { timeout: 10_000 });
        expect(await page.locator('#sprotty g.df-layer.highlighted').getAttribute('id')).toMatch(/_pool$/);

        // Clicking a node reveals its text in the editor (window/showDocument).
        await page.locator('[id="sprotty_flat"] rect.df-node-box').click();
        await waitFor(() => shown.length > 0, 'window/showDocument');
        expect(shown.at(-1)).toMatchObject({ uri: cnn, selection: { start: { line: textOf(cnn).split('\n').findIndex(l => l.includes('flat   =')) } } });

        // Delete a node in the page: its statement goes, and its consumer's input with it.
        await page.locator('[id="sprotty_drop"] rect.df-node-box').click();
        await page.keyboard.press('Delete');
        await waitFor(() => !textOf(cnn).includes('drop'), 'the deletion of `drop`');
        expect(textOf(cnn)).toContain('probs  = Dense(10, activation="softmax")()\n');
        await page.waitForSelector('[id="sprotty_drop"]', { state: 'detached', timeout: 20_000 });
        await settle(page);

        // Connect two ports by dragging from an output to an input.
        const from = (await page.locator('[id="sprotty_hidden:out"]').boundingBox())!;
        const to = (await page.locator('[id="sprotty_probs:in"]').boundingBox())!;
        await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
        await page.mouse.down();
        await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
        await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 });
        await page.mouse.up();
        await waitFor(() => textOf(cnn).includes('probs  = Dense(10, activation="softmax")(hidden)'), 'the connection hidden → probs')
            .catch(async (error: Error) => { throw new Error(`${error.message}: ${await page.evaluate(() => JSON.stringify(window.deepforge.messages))}`); });
        await page.waitForFunction(() => document.querySelectorAll('#sprotty .df-edge-line').length === 6, undefined, { timeout: 20_000 });
        await page.screenshot({ path: path.join(RESULTS, 'diagram-network-edited.png') });
        await page.close();
    });

    test('editing in the page: an argument label, a name label (renamed everywhere), a layer from the palette', async () => {
        fs.writeFileSync(path.join(folder, 'labels.dfnn'), 'network LabelNet {\n    x      = Input(shape=(16,))\n    hidden = Dense(32, activation="relu")(x)\n    out    = Dense(4)(hidden)\n}\n');
        await open('labels.dfnn', 'dfnn');
        const labels = uri('labels.dfnn');
        const page = await openDiagram(labels);
        await waitForText(page, 'units=32');

        // Double-click an argument's label: Sprotty's label editor; Enter applies the new text to the argument.
        await page.locator('[id="sprotty_hidden:arg:0"]').dblclick();
        const input = page.locator('.label-edit input');
        await input.waitFor({ timeout: 10_000 });
        expect(await input.inputValue()).toBe('units=32');
        await input.fill('units=48');
        await input.press('Enter');
        await waitFor(() => textOf(labels).includes('    hidden = Dense(units=48, activation="relu")(x)\n'), 'the argument edit');
        await waitForText(page, 'units=48');
        await waitForText(page, '(None, 48)');
        await page.screenshot({ path: path.join(RESULTS, 'diagram-label-argument.png') });

        // A layer's name: renamed, its uses with it.
        await settle(page);
        await page.locator('[id="sprotty_hidden:name"]').dblclick();
        await input.waitFor({ timeout: 10_000 });
        await input.fill('features');
        await input.press('Enter');
        await waitFor(() => textOf(labels).includes('Dense(4)(features)'), 'the rename');
        expect(textOf(labels)).toContain('    features = Dense(units=48, activation="relu")(x)\n');
        expect(textOf(labels)).not.toContain('hidden');
        await page.waitForSelector('[id="sprotty_features"]', { timeout: 20_000 });
        expect(await page.locator('[id="sprotty_hidden"]').count()).toBe(0);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-label-rename.png') });

        // The palette: select a layer, click a layer type: a new statement below it, fed by it.
        await settle(page);
        await page.locator('[id="sprotty_out"] rect.df-node-box').click();
        await page.waitForSelector('[id="sprotty_out"].selected', { timeout: 10_000 });
        await page.locator('#palette-items button[data-type="Dropout"]').click();
        await waitFor(() => /\n {4}out {4}= Dense\(4\)\(features\)\n {4}dropout\s*= Dropout\(rate=0\.0\)\(out\)\n/.test(textOf(labels)), 'the layer from the palette')
            .catch((error: Error) => { throw new Error(`${error.message}:\n${textOf(labels)}`); });
        await page.waitForSelector('[id="sprotty_dropout"]', { timeout: 20_000 });
        await waitForText(page, 'rate=0.0');
        expect(await page.locator('#sprotty g.df-layer').count()).toBe(4);
        await page.waitForFunction(() => window.deepforge.provisional === false, undefined, { timeout: 20_000 });
        await page.screenshot({ path: path.join(RESULTS, 'diagram-palette-add.png') });
        await page.close();
    });

    test('execution status colours: the latest run\'s step states colour the pipeline, and follow its record live', async () => {
        const page = await openDiagram(uri('digits.dfp'));
        const ids = await page.locator('#sprotty g.df-step').evaluateAll(steps => steps.map(step => step.id.replace(/^sprotty_/, '')));
        expect(ids).toHaveLength(6);
        const colours: Record<StepStatus, string> = {
            pending: 'rgb(97, 110, 124)', queued: 'rgb(203, 210, 217)', running: 'rgb(252, 229, 136)',
            cancelled: 'rgb(255, 195, 138)', succeeded: 'rgb(168, 238, 193)', failed: 'rgb(255, 155, 155)', cached: 'rgb(168, 238, 193)'
        };
        const order: StepStatus[] = ['pending', 'queued', 'running', 'cancelled', 'succeeded', 'failed'];
        const statuses = new Map(ids.map((id, i) => [id, order[i]]));
        const before = await stepFills(page);
        expect(Object.values(before).some(fill => Object.values(colours).includes(fill))).toBe(false);

        const store = new Store(folder);
        const name = await store.reserveName('digits', 'DigitsClassifier');
        const record = await store.createExecution(executionRecord(name, 'DigitsClassifier', statuses));
        const expected = Object.fromEntries(ids.map(id => [id, colours[statuses.get(id)!]]));
        await page.waitForFunction(() => document.querySelectorAll('#sprotty g.df-step[class*="status-"]').length === 6, undefined, { timeout: 20_000 });
        expect(await stepFills(page)).toEqual(expected);
        for (const id of ids) expect(await page.locator(`[id="sprotty_${id}"]`).getAttribute('class')).toContain(`status-${statuses.get(id)}`);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-pipeline-status.png') });

        // The runner moves on: the running step succeeds, the queued one runs; the page follows without a reload.
        const running = ids[order.indexOf('running')];
        const queued = ids[order.indexOf('queued')];
        record.record.steps[running].status = 'succeeded';
        record.record.steps[queued].status = 'running';
        await record.save();
        await page.waitForFunction(([a, b]) => document.getElementById(`sprotty_${a}`)?.classList.contains('status-succeeded') === true
            && document.getElementById(`sprotty_${b}`)?.classList.contains('status-running') === true, [running, queued], { timeout: 20_000 });
        expect(await stepFills(page)).toEqual({ ...expected, [running]: colours.succeeded, [queued]: colours.running });
        await page.screenshot({ path: path.join(RESULTS, 'diagram-pipeline-status-live.png') });
        await page.close();
    });

    test('a pipeline: steps with named ports, Input/Output apart, the network referenced', async () => {
        const page = await openDiagram(uri('digits.dfp'));
        expect(await page.locator('#sprotty g.df-step').count()).toBe(6);
        expect(await page.locator('#sprotty g.df-step.output-step').count()).toBe(1);
        const svgText = await page.locator('#sprotty svg').textContent();
        for (const text of ['LoadDigits', 'SplitData', 'train_images', 'test_labels', 'architecture → DigitsCNN', 'epochs=10']) expect(svgText).toContain(text);
        expect(await page.locator('#sprotty .df-edge-line').count()).toBe(9);
        expect(await page.locator('#palette-items button[data-type="TrainDigits"]').count()).toBe(1);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-pipeline.png') });
        await page.close();
    });
});
