import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { createDeepForgeLspServices, type DeepForgeLspServices } from '../../../server/lsp/deepforge-lsp-module.js';
import { DiagramSources, type DiagramContext } from '../../../server/diagram/diagram-sources.js';

let services: DeepForgeLspServices | undefined;
let counter = 0;

/** In-memory language server services (rename included), shared by a test file. */
export function diagramServices(): DeepForgeLspServices {
    return (services ??= createDeepForgeLspServices({ ...EmptyFileSystem }));
}

/** Builds in-memory documents and returns the diagram context of one of them (its first graph, or `name`). */
export async function diagramOf(files: Record<string, string>, main: string, name?: string, collapsed: Iterable<string> = []): Promise<DiagramContext> {
    const { shared } = diagramServices();
    const folder = `file:///diagram${++counter}`;
    const documents: LangiumDocument[] = [];
    for (const [file, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`${folder}/${file}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const document = documents[Object.keys(files).indexOf(main)];
    const context = new DiagramSources(diagramServices()).generate(document, name, new Set(collapsed));
    if (!context) throw new Error(`no diagram in ${main}`);
    return context;
}

/** The text after edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('file:///x', 'dfnn', 0, text), [...edits]);
}
