import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EditorBuffers } from '../server/lsp/editor-buffers.js';
import { LspTestClient } from '../server/lsp/lsp-client.js';
import { launchBrowser, RESULTS } from './browser.js';

/**
 * End to end, for the languages extensions bring: a project records the example extensions
 * (`.deepforge/config.json`), `deepforge lsp` (a subprocess, as an editor runs it) loads them and
 * hosts the diagram server, and the page in headless Chromium draws a `.dfcat` catalogue (the
 * data-only language: metamodel file + generic model syntax) and a `.sweep` file (a TypeScript
 * extension); text edits through LSP update the drawing.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const DATASETS = path.join(ROOT, 'examples/extensions/datasets');
const SWEEP = path.join(ROOT, 'examples/extensions/sweep');
const DIGITS = path.join(ROOT, 'examples/digits');
let folder: string;
let client: LspTestClient;
let browser: BrowserContext;
const buffers = new EditorBuffers(() => client.connection);
const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();
const previousProject = process.env.DEEPFORGE_PROJECT;

const open = (name: string, languageId: string) => buffers.open(uri(name), languageId, fs.readFileSync(path.join(folder, name), 'utf8'));
const change = (docUri: string, text: string) => buffers.change(docUri, text);
const textOf = (docUri: string) => buffers.text(docUri);

function waitForText(page: Page, text: string): Promise<unknown> {
    return page.waitForFunction(t => document.querySelector('#sprotty svg')?.textContent?.includes(t) ?? false, text, { timeout: 20_000 });
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
        throw new Error(`no diagram in the page: ${await page.evaluate(() => JSON.stringify(window.deepforge.messages))}\n${client.stderr}`, { cause: error });
    }
    return page;
}

beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-extensions-diagram-'));
    fs.cpSync(DIGITS, folder, { recursive: true });
    fs.copyFileSync(path.join(DATASETS, 'catalogue.dfcat'), path.join(folder, 'catalogue.dfcat'));
    fs.writeFileSync(path.join(folder, 'digits.sweep'), fs.readFileSync(path.join(SWEEP, 'examples/digits.sweep'), 'utf8').replace('import "../../../digits/digits.dfp"', 'import "digits.dfp"'));
    fs.mkdirSync(path.join(folder, '.deepforge'));
    fs.writeFileSync(path.join(folder, '.deepforge', 'config.json'), JSON.stringify({
        extensions: [{ name: 'deepforge-datasets', path: DATASETS }, { name: 'deepforge-sweep', path: SWEEP }]
    }, null, 2));
    fs.mkdirSync(RESULTS, { recursive: true });
    // The server finds the project's extensions through DEEPFORGE_PROJECT (it runs in the repository).
    process.env.DEEPFORGE_PROJECT = folder;
    client = new LspTestClient();
    await client.initialize(pathToFileURL(folder).toString());
    await open('catalogue.dfcat', 'dfcat');
    await open('digits.sweep', 'sweep');
    await client.diagnosticsOf(uri('catalogue.dfcat'), d => d.length === 0);
    browser = await launchBrowser();
});

afterAll(async () => {
    if (previousProject === undefined) delete process.env.DEEPFORGE_PROJECT;
    else process.env.DEEPFORGE_PROJECT = previousProject;
    await browser?.close();
    await client?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('diagrams of extension languages in headless Chromium', () => {
    test('a .dfcat catalogue: a card per entry with its attributes and references, containers as groups, connections; edits update it, errors get a marker', async () => {
        const catalogue = uri('catalogue.dfcat');
        const page = await openDiagram(catalogue);
        // Sprotty draws only what lies in the viewport: fit the diagram to the window (the page's `fit` button).
        await page.locator('#fit').click();
        await page.waitForFunction(() => document.querySelectorAll('#sprotty g.df-step.model-node').length === 7
            && document.querySelectorAll('#sprotty .df-edge-line').length === 2, undefined, { timeout: 20_000 })
            .catch(async (error: Error) => {
                await page.screenshot({ path: path.join(RESULTS, 'diagram-dfcat-failed.png') });
                throw new Error(`${error.message}: drawn ${await page.evaluate(() => [...document.querySelectorAll('#sprotty g.df-node, #sprotty .df-edge-line')].map(e => e.id || e.getAttribute('class')).join(', '))}`);
            });
        expect(await page.locator('#sprotty g.df-group').count()).toBe(1);
        expect(await page.locator('#sprotty .df-edge-line').count()).toBe(2);
        const svgText = await page.locator('#sprotty svg').textContent();
        for (const text of ['Dataset', 'digits', 'digits_train', 'fraction: 0.8', 'source → sklearn', 'classes: 10', 'Transform', 'cifar10_scaled', 'kind: "normalize"', 'raw', 'data'])
            expect(svgText).toContain(text);
        expect(await page.locator('#sprotty g.df-node-Dataset').count()).toBe(2);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-dfcat.png') });

        // A text edit through the LSP client: the drawing follows.
        await change(catalogue, textOf(catalogue).replace('Transform cifar10_scaled {', 'Transform cifar10_normalized {').replace('cifar10_scaled.in', 'cifar10_normalized.in'));
        await waitForText(page, 'cifar10_normalized');
        // An attribute out of range: the entry gets a marker with the message.
        await change(catalogue, textOf(catalogue).replace('classes: 10\n    shape: (32, 32, 3)', 'classes: 1\n    shape: (32, 32, 3)'));
        await page.waitForSelector('#sprotty .df-marker.error', { timeout: 20_000 });
        expect(await page.locator('#sprotty .df-marker.error title').textContent()).toContain('`classes` must be in [2, 100000], got 1');
        expect(await page.locator('#sprotty g.df-step.has-error').count()).toBe(1);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-dfcat-marker.png') });
        await page.close();
    });

    test('a .sweep file renders too', async () => {
        const page = await openDiagram(uri('digits.sweep'));
        expect(await page.locator('#sprotty g.df-node').count()).toBeGreaterThan(0);
        const svgText = await page.locator('#sprotty svg').textContent();
        expect(svgText).toContain('quick');
        await page.screenshot({ path: path.join(RESULTS, 'diagram-sweep.png') });
        await page.close();
    });
});
