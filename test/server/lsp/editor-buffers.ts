import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';

/**
 * The open buffers of a test's LSP client, kept as an editor keeps them: `open` sends
 * `didOpen`, `change` replaces a buffer's text and sends `didChange` with the next version.
 */
export class EditorBuffers {
    private readonly documents = new Map<string, TextDocument>();

    /** `connection` is read at each call (the client is usually started after this is made). */
    constructor(private readonly connection: () => MessageConnection) {}

    async open(uri: string, languageId: string, text: string): Promise<void> {
        this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
        await this.connection().sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    }

    async change(uri: string, text: string): Promise<void> {
        const current = this.document(uri);
        const next = TextDocument.create(uri, current.languageId, current.version + 1, text);
        this.documents.set(uri, next);
        await this.connection().sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
    }

    /** The buffer of an open document (throws for one never opened). */
    document(uri: string): TextDocument {
        const document = this.documents.get(uri);
        if (!document) throw new Error(`${uri} is not open`);
        return document;
    }

    text(uri: string): string {
        return this.document(uri).getText();
    }
}
