import {
    DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type Mutable, type ParseResult, type URI
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { IncrementalParserServices } from '../parser/incremental-parser.js';

/**
 * Langium's document factory, except that a changed document of a language with an
 * {@link IncrementalParserServices incremental parser} is parsed again only where it changed,
 * when the parser can do so; otherwise the whole text is parsed, as Langium does.
 */
export class IncrementalDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The previous parse results of the documents being updated, by URI. */
    protected readonly previous = new Map<string, ParseResult<AstNode>>();

    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.previous.set(key, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous.delete(key);
        }
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        const previous = this.previous.get(uri.toString());
        const parser = previous && (this.serviceRegistry.getServices(uri).parser as Partial<IncrementalParserServices['parser']>).IncrementalParser;
        return (parser?.reparse(previous!, text) as ParseResult<T> | undefined) ?? super.parseAsync(uri, text, cancellationToken);
    }
}
