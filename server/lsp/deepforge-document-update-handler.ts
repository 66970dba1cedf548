import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Langium's document update handler, plus: closing the editor of a file that is no document
 * of a language (an operation's Python code) is an update too — the `.dfp` documents using it
 * read the file on disk again instead of the buffer (see `DeepForgeDocumentBuilder`).
 * File watching is Langium's: every file of the workspace (`**∕*`), so `.py` changes arrive
 * as `workspace/didChangeWatchedFiles`.
 */
export class DeepForgeDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    protected readonly services: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.services = services;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (!this.serviceRegistry.hasServices(uri)) this.fireDocumentUpdate([uri], []);
    }
}
