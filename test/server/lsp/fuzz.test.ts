import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDeepForgeLspServices, type DeepForgeLspServices } from '../../../server/lsp/deepforge-lsp-module.js';
import { LspTestClient } from './lsp-client.js';
import { mutate, Random, tokenize, type MutationKind } from './mutations.js';

/**
 * Robustness: mutated versions of the example files (deleted, duplicated, swapped and replaced
 * tokens, truncation, random bytes, deleted ranges and lines; seeded, so every run sees the same
 * inputs) go through the language server.
 *
 * - In process, 10,000 mutants through the server's own services: each is an editor buffer
 *   (`TextDocuments`) and an update under the workspace lock — what `didChange` does — through the
 *   two-pass document builder; each must come back validated with diagnostics, published (the
 *   builder's Validated phase, which the server publishes from), within a time limit. Every 8th
 *   mutant also goes through the feature providers at a random position.
 * - Over stdio, the `deepforge lsp` process gets a burst of mutants without waiting (the edits
 *   cancel each other's second pass) with requests in between; it must answer every request, stay
 *   alive, and come back to no diagnostics when the files are restored.
 *
 * DEEPFORGE_FUZZ_SEED and DEEPFORGE_FUZZ_COUNT change the seed and the number of mutants.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SEED = Number(process.env.DEEPFORGE_FUZZ_SEED ?? 20261121);
const COUNT = Number(process.env.DEEPFORGE_FUZZ_COUNT ?? 10_000);
const STDIO_COUNT = 600;
const MAX_FAILURES = Number(process.env.DEEPFORGE_FUZZ_MAX_FAILURES ?? 5);
/** No mutant may take longer than this to come back validated (a hang). */
const UPDATE_LIMIT_MS = 10_000;

interface FuzzFile { name: string; uri: URI; languageId: 'dfnn' | 'dfp'; original: string }

let folder: string;
let files: FuzzFile[];
let vocabulary: string[];

beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-fuzz-'));
    for (const example of ['digits', 'cifar10', 'redshift', 'keras-applications']) {
        fs.cpSync(path.join(ROOT, 'examples', example), path.join(folder, example), { recursive: true });
    }
    files = fs.readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter(name => name.endsWith('.dfnn') || name.endsWith('.dfp'))
        .sort()
        .map(name => ({
            name,
            uri: URI.parse(pathToFileURL(path.join(folder, name)).toString()),
            languageId: name.endsWith('.dfnn') ? 'dfnn' as const : 'dfp' as const,
            original: fs.readFileSync(path.join(folder, name), 'utf8')
        }));
    vocabulary = [...new Set(files.flatMap(file => tokenize(file.original)).filter(token => !/^\s+$/.test(token)))].sort();
});

afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    return Promise.race([
        promise.finally(() => clearTimeout(timer)),
        new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms (hang)`)), ms); })
    ]);
}

function percentile(sorted: number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Problems with a published diagnostic: not LSP-shaped, or a range outside the text. */
function malformed(diagnostic: Diagnostic, document: LangiumDocument): string | undefined {
    const lines = document.textDocument.lineCount;
    const { start, end } = diagnostic.range ?? {};
    if (typeof diagnostic.message !== 'string' || diagnostic.message.length === 0) return 'no message';
    if (!start || !end) return 'no range';
    for (const p of [start, end]) {
        if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= lines + 1) {
            return `range ${JSON.stringify(diagnostic.range)} outside ${lines} lines`;
        }
    }
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) return `reversed range ${JSON.stringify(diagnostic.range)}`;
    return undefined;
}

/** Every feature provider of the document's language at one position. */
async function features(services: DeepForgeLspServices, document: LangiumDocument, random: Random): Promise<number> {
    const language = (document.uri.path.endsWith('.dfnn') ? services.dfnn : services.dfp) as unknown as LangiumServices;
    const lsp = language.lsp;
    const textDocument = { uri: document.uri.toString() };
    const text = document.textDocument.getText();
    const position = document.textDocument.positionAt(random.int(text.length + 1));
    const range = { start: document.textDocument.positionAt(0), end: position };
    const calls: Array<() => unknown> = [
        () => lsp.CompletionProvider?.getCompletion(document, { textDocument, position }),
        () => lsp.HoverProvider?.getHoverContent(document, { textDocument, position }),
        () => lsp.SignatureHelp?.provideSignatureHelp(document, { textDocument, position }, CancellationToken.None),
        () => lsp.DefinitionProvider?.getDefinition(document, { textDocument, position }),
        () => lsp.ReferencesProvider?.findReferences(document, { textDocument, position, context: { includeDeclaration: true } }),
        () => lsp.DocumentHighlightProvider?.getDocumentHighlight(document, { textDocument, position }),
        () => lsp.RenameProvider?.prepareRename(document, { textDocument, position }),
        () => lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument }),
        () => lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument }),
        () => lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument }),
        () => lsp.InlayHintProvider?.getInlayHints(document, { textDocument, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) } }),
        () => lsp.DocumentLinkProvider?.getDocumentLinks(document, { textDocument }),
        () => lsp.Formatter?.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
        () => lsp.CodeActionProvider?.getCodeActions(document, { textDocument, range, context: { diagnostics: document.diagnostics ?? [] } })
    ];
    for (const call of calls) await call();
    return calls.length;
}

describe('language server fuzz', () => {
    test(`${COUNT} mutants of the example files through the server's services: each validated and published, nothing throws or hangs`, async () => {
        const services = createDeepForgeLspServices({ ...NodeFileSystem });
        const { shared } = services;
        await services.dfp.analysis.PythonCode.ready();
        const builder = shared.workspace.DocumentBuilder;
        const documents = shared.workspace.LangiumDocuments;
        const buffers = shared.workspace.TextDocuments;
        const lock = shared.workspace.WorkspaceLock;

        // The workspace: every example file, built as the server builds it at start-up.
        for (const file of files) documents.addDocument(shared.workspace.LangiumDocumentFactory.fromString(file.original, file.uri));
        await builder.build(documents.all.toArray(), { validation: true });
        const errorsOf = (uri: URI) => (documents.getDocument(uri)?.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message);
        for (const file of files) expect(errorsOf(file.uri), file.name).toEqual([]);

        // What the server publishes: the builder's Validated phase (Langium's diagnostics handler).
        const published = new Map<string, number>();
        const listener = builder.onDocumentPhase(DocumentState.Validated, document => {
            published.set(document.uri.toString(), (published.get(document.uri.toString()) ?? 0) + 1);
        });

        // Langium logs what it catches (a validation check that threw, an update that failed) with
        // console.error: for the fuzz, any of it is a failure of the mutant being processed.
        const logged: string[] = [];
        const consoleError = console.error;
        console.error = (...args: unknown[]) => { logged.push(args.map(a => (a as Error)?.stack ?? String(a)).join(' ')); };

        const random = new Random(SEED);
        const last = new Map<string, string>();
        let dirty: FuzzFile | undefined;
        const times: number[] = [];
        const perFile: Record<string, number[]> = {};
        const failures: string[] = [];
        const kinds = new Map<MutationKind, number>();
        let withErrors = 0;
        let diagnosticsTotal = 0;
        let featureCalls = 0;
        let featureMs = 0;
        let version = 1;
        const started = performance.now();
        try {
            for (let i = 0; i < COUNT && failures.length < MAX_FAILURES; i++) {
                // Mostly a fresh file from its original; sometimes the same file's mutant again (deeper damage).
                const file = dirty && random.next() < 0.3 ? dirty : random.pick(files);
                const key = file.uri.toString();
                const base = file === dirty ? last.get(key) ?? file.original : file.original;
                const mutant = mutate(base, random, vocabulary);
                last.set(key, mutant.text);
                mutant.kinds.forEach(kind => kinds.set(kind, (kinds.get(kind) ?? 0) + 1));
                const report = (message: string) => {
                    const repro = path.join(os.tmpdir(), `deepforge-fuzz-${SEED}-${i}.${file.languageId}`);
                    fs.writeFileSync(repro, mutant.text);
                    failures.push(`#${i} ${file.name} (${mutant.kinds.join(', ')}): ${message} — input saved to ${repro}`);
                };
                try {
                    // One broken file at a time, as when a user edits: the previous mutant's file is
                    // restored in the same update (Langium relinks every document with unresolved
                    // references on each update, so many broken files at once would multiply the work).
                    const changed = [file.uri];
                    if (dirty && dirty !== file) {
                        buffers.set(TextDocument.create(dirty.uri.toString(), dirty.languageId, ++version, dirty.original));
                        last.delete(dirty.uri.toString());
                        changed.push(dirty.uri);
                    }
                    dirty = file;
                    buffers.set(TextDocument.create(key, file.languageId, ++version, mutant.text));
                    const before = published.get(key) ?? 0;
                    const t0 = performance.now();
                    await withTimeout(lock.write(token => builder.update(changed, [], token)), UPDATE_LIMIT_MS, 'update');
                    times.push(performance.now() - t0);
                    (perFile[file.name] ??= []).push(performance.now() - t0);
                    if (logged.length > 0) { report(`logged: ${logged.splice(0).join('\n')}`); continue; }
                    const document = documents.getDocument(file.uri);
                    if (!document) { report('document gone'); continue; }
                    if (document.textDocument.getText() !== mutant.text) { report('document does not hold the edit'); continue; }
                    if (document.state < DocumentState.Validated || !Array.isArray(document.diagnostics)) { report(`not validated (state ${document.state})`); continue; }
                    if ((published.get(key) ?? 0) <= before) { report('no diagnostics published'); continue; }
                    const bad = document.diagnostics.map(d => malformed(d, document)).find(Boolean);
                    if (bad) { report(`malformed diagnostic: ${bad}`); continue; }
                    diagnosticsTotal += document.diagnostics.length;
                    if (document.diagnostics.some(d => d.severity === 1)) withErrors++;
                    if (i % 8 === 0) {
                        const f0 = performance.now();
                        featureCalls += await withTimeout(features(services, document, random), UPDATE_LIMIT_MS, 'features');
                        featureMs += performance.now() - f0;
                        if (logged.length > 0) { report(`logged by a feature: ${logged.splice(0).join('\n')}`); continue; }
                    }
                } catch (error) {
                    report(String((error as Error)?.stack ?? error));
                }
            }
            expect(failures).toEqual([]);

            // Back to the original files: the workspace is clean again (nothing stale left behind).
            for (const file of files) buffers.set(TextDocument.create(file.uri.toString(), file.languageId, ++version, file.original));
            await lock.write(token => builder.update(files.map(file => file.uri), [], token));
            for (const file of files) expect(errorsOf(file.uri), file.name).toEqual([]);
        } finally {
            listener.dispose();
            console.error = consoleError;
        }

        const seconds = (performance.now() - started) / 1000;
        const sorted = [...times].sort((a, b) => a - b);
        console.log([
            `fuzz (seed ${SEED}): ${times.length} mutants of ${files.length} example files in ${seconds.toFixed(1)} s — ${(times.length / seconds).toFixed(0)} mutants/s`,
            `  update → validated + published: median ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`,
            `  ${withErrors} mutants with errors (${(100 * withErrors / times.length).toFixed(0)} %), ${diagnosticsTotal} diagnostics in all`,
            `  ${featureCalls} feature-provider calls in ${(featureMs / 1000).toFixed(1)} s`,
            `  per file (median ms): ${Object.entries(perFile).map(([name, t]) => `${name} ${percentile([...t].sort((a, b) => a - b), 0.5).toFixed(1)}`).join(', ')}`,
            `  mutations: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}`
        ].join('\n'));
        expect(times).toHaveLength(COUNT);
        expect(withErrors).toBeGreaterThan(COUNT / 3);
    }, 600_000);

    test(`${STDIO_COUNT} mutants in a burst over stdio: deepforge lsp answers every request, stays up, recovers`, async () => {
        const random = new Random(SEED ^ 0x5eed);
        const client = new LspTestClient();
        const exited: Array<number | null> = [];
        client.process.once('exit', code => exited.push(code));
        try {
            await client.initialize(pathToFileURL(folder).toString());
            for (const file of files) {
                await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: file.uri.toString(), languageId: file.languageId, version: 1, text: file.original } });
            }
            for (const file of files) await client.diagnosticsOf(file.uri.toString(), d => d.length === 0, 60_000);
            const versions = new Map(files.map(file => [file.uri.toString(), 1]));
            const requests: Array<Promise<unknown>> = [];
            const started = performance.now();
            for (let i = 0; i < STDIO_COUNT; i++) {
                const file = random.pick(files);
                const uri = file.uri.toString();
                const { text } = mutate(file.original, random, vocabulary);
                versions.set(uri, versions.get(uri)! + 1);
                await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: versions.get(uri) }, contentChanges: [{ text }] });
                if (i % 10 === 0) {
                    const position = TextDocument.create(uri, file.languageId, 0, text).positionAt(random.int(text.length + 1));
                    const method = random.pick(['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/documentSymbol', 'textDocument/formatting']);
                    const params = method === 'textDocument/documentSymbol' ? { textDocument: { uri } }
                        : method === 'textDocument/formatting' ? { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }
                            : { textDocument: { uri }, position };
                    // An answer, or a cancellation (a later edit made it moot): never silence or a crash.
                    requests.push(client.connection.sendRequest(method, params).catch((error: { code?: number; message?: string }) => {
                        if (error?.code === -32800 /* RequestCancelled */ || error?.code === -32801 /* ContentModified */) return 'cancelled';
                        throw error;
                    }));
                }
                if (i % 50 === 0) await new Promise(resolve => setTimeout(resolve, 1));
            }
            await withTimeout(Promise.all(requests), 120_000, 'requests during the burst');
            for (const file of files) {
                const uri = file.uri.toString();
                versions.set(uri, versions.get(uri)! + 1);
                await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: versions.get(uri) }, contentChanges: [{ text: file.original }] });
            }
            for (const file of files) await client.diagnosticsOf(file.uri.toString(), d => d.length === 0, 120_000);
            const hover = await client.connection.sendRequest('textDocument/hover', {
                textDocument: { uri: files.find(f => f.name.endsWith('cnn.dfnn'))!.uri.toString() },
                position: { line: 6, character: 14 }
            }) as { contents: { value: string } };
            expect(hover.contents.value).toContain('Conv2D');
            expect(exited).toEqual([]);
            console.log(`fuzz over stdio: ${STDIO_COUNT} mutants and ${requests.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s, ${client.published.length} diagnostics notifications; recovered`);
        } finally {
            await client.stop();
        }
    }, 300_000);
});
