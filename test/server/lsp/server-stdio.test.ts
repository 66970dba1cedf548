import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LspTestClient } from './lsp-client.js';

/**
 * End to end over stdio: `deepforge lsp` as a subprocess (the real launcher and build), a copy of
 * the digits example as its workspace. Diagnostics arrive as documents are opened and change as
 * they are edited — across files and languages, and when an operation's Python code changes.
 */

const EXAMPLE = path.resolve(import.meta.dirname, '../../../examples/digits');
let folder: string;
let client: LspTestClient;
const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();
const errors = (diagnostics: { severity?: number; message: string }[]) => diagnostics.filter(d => d.severity === 1).map(d => d.message);

beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-lsp-'));
    fs.cpSync(EXAMPLE, folder, { recursive: true });
    client = new LspTestClient();
    const result = await client.initialize(pathToFileURL(folder).toString()) as { capabilities: Record<string, unknown> };
    expect(result.capabilities).toMatchObject({
        completionProvider: expect.anything(), hoverProvider: true, definitionProvider: true, documentFormattingProvider: true,
        renameProvider: expect.anything(), inlayHintProvider: expect.anything(), codeActionProvider: true, signatureHelpProvider: expect.anything()
    });
});

afterAll(async () => {
    await client?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('deepforge lsp over stdio', () => {
    test('diagnostics as documents are opened and edited, across files and languages and from Python code', async () => {
        const cnn = fs.readFileSync(path.join(folder, 'cnn.dfnn'), 'utf8');
        const dfp = fs.readFileSync(path.join(folder, 'digits.dfp'), 'utf8');
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('cnn.dfnn'), languageId: 'dfnn', version: 1, text: cnn } });
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('digits.dfp'), languageId: 'dfp', version: 1, text: dfp } });
        await client.diagnosticsOf(uri('cnn.dfnn'), d => d.length === 0);
        await client.diagnosticsOf(uri('digits.dfp'), d => d.length === 0);

        // A typo in an enum value: the model check reports it, with the did-you-mean fix as data.
        const typo = cnn.replace('padding="same", activation="relu")(image)', 'padding="sme", activation="relu")(image)');
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uri('cnn.dfnn'), version: 2 }, contentChanges: [{ text: typo }]
        });
        const typoDiagnostics = await client.diagnosticsOf(uri('cnn.dfnn'), d => errors(d).length > 0);
        expect(errors(typoDiagnostics)).toEqual(['`padding` expects "valid" or "same", got "sme" — did you mean "same"?']);
        expect(typoDiagnostics[0].data).toMatchObject({ fixes: [{ title: 'Change to "same"', newText: '"same"' }] });

        // Renaming the network in the .dfnn buffer breaks the pipeline's reference in the .dfp file.
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uri('cnn.dfnn'), version: 3 }, contentChanges: [{ text: cnn.replace('network DigitsCNN', 'network DigitsNet') }]
        });
        await client.diagnosticsOf(uri('cnn.dfnn'), d => d.length === 0);
        const broken = await client.diagnosticsOf(uri('digits.dfp'), d => errors(d).length > 0);
        expect(errors(broken).join('\n')).toContain('DigitsCNN');
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uri('cnn.dfnn'), version: 4 }, contentChanges: [{ text: cnn }]
        });
        await client.diagnosticsOf(uri('digits.dfp'), d => d.length === 0);

        // The Python code changes on disk (watched files): the pipeline is checked against it again.
        const code = path.join(folder, 'operations', 'load_digits.py');
        const source = fs.readFileSync(code, 'utf8');
        fs.writeFileSync(code, source.replace('class LoadDigits', 'class LoadDigitz'));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(code).toString(), type: 2 }] });
        const missing = await client.diagnosticsOf(uri('digits.dfp'), d => errors(d).length > 0);
        expect(errors(missing)).toEqual(['`operations/load_digits.py` has no class `LoadDigits` — did you mean `LoadDigitz`? (an operation\'s class is named like the operation)']);

        // The code opened in the editor: its buffer counts, saved or not.
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: pathToFileURL(code).toString(), languageId: 'python', version: 1, text: source }
        });
        await client.diagnosticsOf(uri('digits.dfp'), d => d.length === 0);
    }, 120_000);

    test('go to definition on a built-in layer type: a location in the library document, whose text the client can fetch', async () => {
        const cnn = fs.readFileSync(path.join(folder, 'cnn.dfnn'), 'utf8');
        const line = cnn.split('\n').findIndex(l => l.includes('hidden = Dense'));
        const links = await client.connection.sendRequest('textDocument/definition', {
            textDocument: { uri: uri('cnn.dfnn') }, position: { line, character: cnn.split('\n')[line].indexOf('Dense') + 1 }
        }) as Array<{ targetUri: string; targetSelectionRange: { start: { line: number } } }>;
        expect(links[0].targetUri).toMatch(/^builtin:.*keras\.dfnn$/);
        const content = await client.connection.sendRequest('workspace/textDocumentContent', { uri: links[0].targetUri }) as { text: string };
        expect(content.text.split('\n')[links[0].targetSelectionRange.start.line]).toMatch(/^\s*class Dense\(units, activation=None/);
    }, 60_000);
});
