import { URI, type FileSystemNode, type FileSystemProvider, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { expect } from 'vitest';
import { createDeepForgeServices, type DeepForgeServices } from '../../../languages/deepforge-module.js';

/**
 * An in-memory file system: `.dfp`/`.dfnn` documents are added to the workspace by the
 * helpers; other files (operation code) are served from here, read by the `.dfp` checker.
 */
export class MemoryFileSystem implements FileSystemProvider {
    readonly files = new Map<string, string>();

    private text(uri: URI): string {
        const text = this.files.get(uri.toString());
        if (text === undefined) throw new Error(`no such file: ${uri.toString()}`);
        return text;
    }
    private node(uri: URI): FileSystemNode {
        const isFile = this.files.has(uri.toString());
        const prefix = uri.toString().replace(/\/?$/, '/');
        const isDirectory = !isFile && [...this.files.keys()].some(key => key.startsWith(prefix));
        if (!isFile && !isDirectory) throw new Error(`no such file: ${uri.toString()}`);
        return { isFile, isDirectory, uri };
    }
    stat(uri: URI): Promise<FileSystemNode> { return Promise.resolve(this.node(uri)); }
    statSync(uri: URI): FileSystemNode { return this.node(uri); }
    exists(uri: URI): Promise<boolean> { return Promise.resolve(this.existsSync(uri)); }
    existsSync(uri: URI): boolean { try { this.node(uri); return true; } catch { return false; } }
    readBinary(uri: URI): Promise<Uint8Array> { return Promise.resolve(new TextEncoder().encode(this.text(uri))); }
    readBinarySync(uri: URI): Uint8Array { return new TextEncoder().encode(this.text(uri)); }
    readFile(uri: URI): Promise<string> { return Promise.resolve(this.text(uri)); }
    readFileSync(uri: URI): string { return this.text(uri); }
    readDirectory(): Promise<FileSystemNode[]> { return Promise.resolve([]); }
    readDirectorySync(): FileSystemNode[] { return []; }
}

/** The in-memory file system the helpers' services read code (and updated files) from. */
export const fileSystem = new MemoryFileSystem();
let services: DeepForgeServices | undefined;
let counter = 0;

/** One set of services over the in-memory file system, shared by a test file. */
export function dfpServices(): DeepForgeServices {
    return (services ??= createDeepForgeServices({ fileSystemProvider: () => fileSystem }));
}

/** The in-memory files of a built project, by name, and its documents. */
export interface BuiltProject {
    readonly folder: string;
    readonly documents: Record<string, LangiumDocument>;
}

/**
 * Builds a project in a fresh in-memory folder: `.dfp` and `.dfnn` files (name → text) become
 * documents built together with validation; any other file (Python code) is put on the
 * in-memory file system.
 */
export async function buildProject(files: Record<string, string>): Promise<BuiltProject> {
    const { shared } = dfpServices();
    const folder = `file:///dfp-test${++counter}`;
    const documents: Record<string, LangiumDocument> = {};
    for (const [name, text] of Object.entries(files)) {
        const uri = URI.parse(`${folder}/${name}`);
        if (name.endsWith('.dfp') || name.endsWith('.dfnn')) {
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
            shared.workspace.LangiumDocuments.addDocument(document);
            documents[name] = document;
        } else {
            fileSystem.files.set(uri.toString(), text);
        }
    }
    await shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    return { folder, documents };
}

/** Builds `main.dfp` (plus other files) and returns the main document. */
export async function build(text: string, files: Record<string, string> = {}): Promise<LangiumDocument> {
    return (await buildProject({ ...files, 'main.dfp': text })).documents['main.dfp'];
}

/** The diagnostics of a document. */
export function diagnosticsOf(document: LangiumDocument): Diagnostic[] {
    return document.diagnostics ?? [];
}

/** Diagnostics in a compact form: `line:col-line:col severity message` (0-based, as in LSP). */
export function describe(document: LangiumDocument): string[] {
    return diagnosticsOf(document).map(d =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info'} ${d.message}`);
}

/** The text a diagnostic's range covers. */
export function textAt(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}

export interface Expected {
    readonly message: string;
    /** Zero-based `[line, character, endLine, endCharacter]`. */
    readonly range: [number, number, number, number];
    readonly severity?: 'error' | 'warning';
    /** The text under the range, a readable double check of the numbers. */
    readonly text?: string;
}

/** Asserts that a document has a diagnostic with exactly this message, range and severity; returns it. */
export function expectDiagnostic(document: LangiumDocument, expected: Expected): Diagnostic {
    const diagnostics = diagnosticsOf(document);
    const diagnostic = diagnostics.find(d => d.message === expected.message);
    expect(diagnostic, `no diagnostic "${expected.message}" among:\n${describe(document).join('\n')}`).toBeDefined();
    const [line, character, endLine, endCharacter] = expected.range;
    expect(diagnostic!.range).toEqual({ start: { line, character }, end: { line: endLine, character: endCharacter } });
    expect(diagnostic!.severity).toBe(expected.severity === 'warning' ? 2 : 1);
    if (expected.text !== undefined) expect(textAt(document, diagnostic!)).toBe(expected.text);
    return diagnostic!;
}

/** The error messages of a document. */
export function errorsOf(document: LangiumDocument): string[] {
    return diagnosticsOf(document).filter(d => d.severity === 1).map(d => d.message);
}

/**
 * The range of `needle` on a zero-based line of `text` (its `occurrence`-th match on that
 * line): `[line, start, line, end]`. Tests state the line; the column follows from the text.
 */
export function at(text: string, line: number, needle: string, occurrence = 1): [number, number, number, number] {
    const content = text.split('\n')[line];
    if (content === undefined) throw new Error(`no line ${line}`);
    let index = -1;
    for (let i = 0; i < occurrence; i++) {
        index = content.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`no ${needle} (#${occurrence}) on line ${line}: ${content}`);
    }
    return [line, index, line, index + needle.length];
}
