import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createDeepForgeServices, type DeepForgeServices } from '../../../languages/deepforge-module.js';
import type { DfnnModel } from '../../../languages/generated/ast.js';

let services: DeepForgeServices | undefined;
let counter = 0;

/** One set of in-memory services for a test file (documents are removed after each check). */
export function dfnnServices(): DeepForgeServices {
    return (services ??= createDeepForgeServices(EmptyFileSystem));
}

/** Builds in-memory documents (name → text) together, with validation; returns them by name. */
export async function buildFiles(files: Record<string, string>): Promise<Record<string, LangiumDocument<DfnnModel>>> {
    const { shared } = dfnnServices();
    const folder = `file:///test${++counter}`;
    const documents: Record<string, LangiumDocument<DfnnModel>> = {};
    for (const [name, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString<DfnnModel>(text, URI.parse(`${folder}/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents[name] = document;
    }
    await shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    return documents;
}

/** Builds one document and returns it. */
export async function build(text: string): Promise<LangiumDocument<DfnnModel>> {
    return (await buildFiles({ 'main.dfnn': text }))['main.dfnn'];
}

/** The diagnostics of a document. */
export function diagnosticsOf(document: LangiumDocument): Diagnostic[] {
    return document.diagnostics ?? [];
}

/** Diagnostics of a document in a compact form: `line:col-line:col severity message` (0-based, as in LSP). */
export function describe(document: LangiumDocument): string[] {
    return diagnosticsOf(document).map(d =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info'} ${d.message}`);
}

/** The text a diagnostic's range covers. */
export function textAt(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}
