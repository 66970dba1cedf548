import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../../server/lsp/lsp-client.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test', 'cli', 'fixtures', 'extensions');

/**
 * The real language server (`deepforge lsp` through the launcher) in a project with extensions:
 * a working one (its language is served) and a broken one (a window/showMessage error; the
 * server stays up and keeps serving .dfnn and .dfp).
 */
describe('language server with extensions', () => {
    let client: LspTestClient;
    let project: string;
    const messages: Array<{ type: number; message: string }> = [];
    const uri = (name: string) => pathToFileURL(path.join(project, name)).toString();

    beforeAll(async () => {
        project = mkdtempSync(path.join(tmpdir(), 'deepforge-lsp-extensions-'));
        mkdirSync(path.join(project, '.deepforge'));
        cpSync(path.join(ROOT, 'examples', 'digits'), path.join(project, 'digits'), { recursive: true });
        writeFileSync(path.join(project, '.deepforge', 'config.json'), JSON.stringify({
            extensions: [
                { name: 'broken-import', path: path.join(FIXTURES, 'broken-import') },
                { name: 'tiny', path: path.join(FIXTURES, 'tiny') }
            ]
        }));
        const saved = process.env.DEEPFORGE_PROJECT;
        process.env.DEEPFORGE_PROJECT = project;
        try {
            client = new LspTestClient();
        } finally {
            if (saved === undefined) delete process.env.DEEPFORGE_PROJECT;
            else process.env.DEEPFORGE_PROJECT = saved;
        }
        client.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => { messages.push(params); });
        await client.initialize(pathToFileURL(project).toString());
    });

    afterAll(async () => {
        await client?.stop();
        if (project) rmSync(project, { recursive: true, force: true });
    });

    test('a broken extension is a window/showMessage error naming it and why', async () => {
        const deadline = Date.now() + 30_000;
        while (!messages.some(m => m.message.includes('broken-import')) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100));
        expect(messages).toContainEqual({
            type: 1,
            message: `DeepForge: extension 'broken-import' (${path.join(FIXTURES, 'broken-import')}): loading ./index.js failed: boom: this extension cannot start`
        });
    });

    test('the extension\'s language is served: diagnostics, completion and hover', async () => {
        const text = 'Lamp hall {\n    watts: 500\n    \n}\n';
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('hall.tiny'), languageId: 'tiny', version: 1, text } });
        const diagnostics = await client.diagnosticsOf(uri('hall.tiny'), found => found.length > 0);
        expect(diagnostics.map(d => [d.range.start.line, d.message])).toEqual([[1, '`watts` must be in [1, 200], got 500']]);

        const completion = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri('hall.tiny') }, position: { line: 2, character: 4 } }) as CompletionList | CompletionItem[];
        const labels = (Array.isArray(completion) ? completion : completion.items).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['colour']));

        const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri('hall.tiny') }, position: { line: 0, character: 1 } }) as Hover | null;
        expect(JSON.stringify(hover?.contents)).toContain('A lamp on the tiny grid.');
    });

    test('the built-in languages keep working beside them', async () => {
        const cnn = readFileSync(path.join(project, 'digits', 'cnn.dfnn'), 'utf-8');
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('digits/cnn.dfnn'), languageId: 'dfnn', version: 1, text: cnn } });
        const clean = await client.diagnosticsOf(uri('digits/cnn.dfnn'), () => true);
        expect(clean.filter(d => d.severity === 1)).toEqual([]);
        const broken = cnn.replace(/Dense\(/, 'Dens(');
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri('digits/cnn.dfnn'), version: 2 }, contentChanges: [{ text: broken }] });
        const errors = await client.diagnosticsOf(uri('digits/cnn.dfnn'), found => found.some(d => d.severity === 1));
        expect(errors.map(d => d.message).join('\n')).toContain('Dens');
        expect(client.process.exitCode).toBeNull();
    });
});

/**
 * The project is the client's workspace: a server started elsewhere (the core's folder, no
 * `DEEPFORGE_PROJECT`) serves the extensions of the folder named by `initialize`'s `rootUri`.
 */
describe('language server: the project of the client\'s workspace', () => {
    let client: LspTestClient;
    let project: string;

    beforeAll(async () => {
        project = mkdtempSync(path.join(tmpdir(), 'deepforge-lsp-workspace-'));
        mkdirSync(path.join(project, '.deepforge'));
        writeFileSync(path.join(project, '.deepforge', 'config.json'), JSON.stringify({ extensions: [{ name: 'tiny', path: path.join(FIXTURES, 'tiny') }] }));
        const saved = process.env.DEEPFORGE_PROJECT;
        delete process.env.DEEPFORGE_PROJECT;
        try {
            client = new LspTestClient();
        } finally {
            if (saved !== undefined) process.env.DEEPFORGE_PROJECT = saved;
        }
        await client.initialize(pathToFileURL(project).toString());
    });

    afterAll(async () => {
        await client?.stop();
        if (project) rmSync(project, { recursive: true, force: true });
    });

    test('the extension recorded in the workspace\'s project is served', async () => {
        const uri = pathToFileURL(path.join(project, 'hall.tiny')).toString();
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'tiny', version: 1, text: 'Lamp hall {\n    watts: 500\n}\n' } });
        const diagnostics = await client.diagnosticsOf(uri, found => found.length > 0);
        expect(diagnostics.map(d => [d.range.start.line, d.message])).toEqual([[1, '`watts` must be in [1, 200], got 500']]);
    });
});
