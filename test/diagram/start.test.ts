import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, RESULTS } from './browser.js';

/**
 * `deepforge start` end to end: the built CLI serves a folder's diagrams (no editor); the page runs
 * in headless Chromium. A file saved on disk updates the page; an edit in the page is written to
 * the file.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
let folder: string;
let server: ChildProcess;
let url: string;
let browser: BrowserContext;
let output = '';

async function waitFor(predicate: () => boolean, what: string, timeout = 20_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output}`);
        await new Promise(resolve => setTimeout(resolve, 25));
    }
}

beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-start-'));
    fs.cpSync(path.join(ROOT, 'examples/digits'), folder, { recursive: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    server = spawn(process.execPath, [path.join(ROOT, 'bin/deepforge.cjs'), 'start', folder, '--port', '0'], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', chunk => { output += String(chunk); });
    server.stderr!.on('data', chunk => { output += String(chunk); });
    await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\//.test(output), 'the address of the page', 60_000);
    url = output.match(/http:\/\/127\.0\.0\.1:\d+\//)![0];
    browser = await launchBrowser();
});

afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('deepforge start', () => {
    test('the index lists the folder\'s diagrams; files saved on disk update the page; edits in the page are written to the files', async () => {
        expect(output).toContain(`DeepForge diagrams of ${folder}: ${url}`);
        const page = await browser.newPage();
        page.on('pageerror', error => { throw error; });
        await page.goto(url);
        await page.waitForSelector('#index a', { timeout: 30_000 });
        const links = await page.locator('#index a').allTextContents();
        expect(links).toEqual(expect.arrayContaining(['network DigitsCNN', 'pipeline DigitsClassifier']));

        await page.locator('#index a', { hasText: 'network DigitsCNN' }).click();
        await page.waitForFunction(() => window.deepforge?.ready === true, undefined, { timeout: 30_000 });
        await page.waitForFunction(() => document.querySelectorAll('#sprotty g.df-layer').length === 8, undefined, { timeout: 20_000 });

        // Saved in another editor: the page follows.
        const file = path.join(folder, 'cnn.dfnn');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Dense(64, activation="relu")', 'Dense(40, activation="relu")'));
        await page.waitForFunction(() => document.querySelector('#sprotty svg')?.textContent?.includes('units=40') ?? false, undefined, { timeout: 20_000 });

        // Deleted in the page: written to the file, and the page follows.
        await page.locator('[id="sprotty_drop"] rect.df-node-box').click();
        await page.keyboard.press('Delete');
        // (The server writes the file in place: a read in between may see it empty, which is not the deletion yet.)
        await waitFor(() => { const text = fs.readFileSync(file, 'utf8'); return text.includes('network') && !text.includes('drop'); }, 'the deletion written to cnn.dfnn');
        expect(fs.readFileSync(file, 'utf8')).toContain('probs  = Dense(10, activation="softmax")()\n');
        await page.waitForSelector('[id="sprotty_drop"]', { state: 'detached', timeout: 20_000 });
        expect(await page.locator('#sprotty g.df-layer').count()).toBe(7);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-start.png') });
        await page.close();
    });
});
