import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApplyWorkspaceEditParams, ShowDocumentParams } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
const buffers = new Map<string, TextDocument>();
const shown: ShowDocumentParams[] = [];
const messages: string[] = [];
const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();

async function open(name: string, languageId: string): Promise<void> {
    const text = fs.readFileSync(path.join(folder, name), 'utf8');
    buffers.set(uri(name), TextDocument.create(uri(name), languageId, 1, text));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(name), languageId, version: 1, text } });
}

async function change(docUri: string, text: string): Promise<void> {
    const current = buffers.get(docUri)!;
    const next = TextDocument.create(docUri, current.languageId, current.version + 1, text);
    buffers.set(docUri, next);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: docUri, version: next.version }, contentChanges: [{ text }] });
}

const textOf = (docUri: string) => buffers.get(docUri)!.getText();

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

beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-diagram-'));
    fs.cpSync(EXAMPLE, folder, { recursive: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    client = new LspTestClient();
    client.connection.onNotification('window/showMessage', (params: { message: string }) => { messages.push(params.message); });
    client.connection.onRequest('window/showDocument', (params: ShowDocumentParams) => { shown.push(params); return { success: true }; });
    client.connection.onRequest('workspace/applyEdit', async (params: ApplyWorkspaceEditParams) => {
        for (const [docUri, edits] of Object.entries(params.edit.changes ?? {})) {
            await change(docUri, TextDocument.applyEdits(buffers.get(docUri)!, edits));
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
