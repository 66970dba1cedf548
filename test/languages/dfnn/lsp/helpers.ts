import { URI, type LangiumDocument } from 'langium';
import { createDeepForgeLspServices, type DeepForgeLspServices } from '../../../../server/lsp/deepforge-lsp-module.js';
import { fileSystem } from '../../dfp/helpers.js';

let services: DeepForgeLspServices | undefined;
let counter = 0;

/** The language server's services (no connection) over the in-memory file system of the `.dfp` helpers. */
export function lspServices(): DeepForgeLspServices {
    return (services ??= createDeepForgeLspServices({ fileSystemProvider: () => fileSystem }));
}

/**
 * Builds a project in a fresh in-memory folder (like the language server would: every check) and
 * returns its documents by name; other files (Python code) go to the in-memory file system.
 */
export async function buildLspProject(files: Record<string, string>): Promise<{ folder: string; documents: Record<string, LangiumDocument> }> {
    const { shared, dfp } = lspServices();
    await dfp.analysis.PythonCode.ready();
    const folder = `file:///lsp-test${++counter}`;
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

/** `{ textDocument, position }` for an offset of a document. */
export function at(document: LangiumDocument, offset: number) {
    return { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) };
}

/** `{ textDocument, position }` at the first occurrence of `marker` in the document's text (plus `delta`). */
export function atText(document: LangiumDocument, marker: string, delta = 0) {
    const index = document.textDocument.getText().indexOf(marker);
    if (index < 0) throw new Error(`no ${marker} in the document`);
    return at(document, index + delta);
}
