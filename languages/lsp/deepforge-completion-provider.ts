import { AstUtils, CstUtils, GrammarAST, URI, UriUtils, type AstNode, type AstNodeDescription, type LangiumDocument, type LangiumDocuments, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import {
    DefaultCompletionProvider, type CompletionBacktrackingInformation, type CompletionContext, type LangiumServices, type NextFeature
} from 'langium/lsp';
import {
    CompletionItemKind, CompletionList, InsertTextFormat, type CompletionItem, type CompletionParams, type Position, type Range
} from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AttributeType } from '../../metamodel/core/index.js';
import { callContextAt, type CallContext } from './call-context.js';
import { completionPrefix, listElementContextStart, STATEMENT_LIST_PROPERTIES } from './completion-prefix.js';

/** Completion items found from the call context, and whether they are the only ones that fit. */
export interface ContextCompletion {
    readonly items: CompletionItem[];
    /** Only these (inside a string, after `name.`): Langium's grammar-driven items do not apply. */
    readonly exclusive: boolean;
}

/** What a call's parameter looks like to completion. */
export interface CompletionParameter {
    readonly name: string;
    readonly type?: string;
    readonly default?: string;
    readonly required?: boolean;
    readonly keywordOnly?: boolean;
    readonly doc?: string;
    readonly attributeType?: AttributeType;
}

/**
 * The completion provider both DeepForge languages build on: Langium's grammar-driven
 * completion (keywords, cross-references) plus completion from the call context read from the
 * text up to the cursor ({@link callContextAt}), which works on the incomplete text being typed:
 * argument names with type and default, enum values, import paths. Each language adds what its
 * calls mean ({@link contextCompletion}). Nothing is offered inside comments.
 *
 * In large files the text before the cursor is read from the cursor's statement on, not from the
 * start: the grammar's next features are found by parsing the text less the complete list
 * elements before the cursor's ({@link completionPrefix}), the tokens around the cursor by
 * lexing its lines, and the call context from the statement before the cursor's.
 */
export abstract class DeepForgeCompletionProvider extends DefaultCompletionProvider {
    /** The file extensions an `import` of this language may name. */
    protected abstract readonly importableExtensions: readonly string[];

    protected readonly workspaceDocuments: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.workspaceDocuments = services.shared.workspace.LangiumDocuments;
    }

    override readonly completionOptions = { triggerCharacters: ['.', '(', ',', '=', '"', "'", '/'] };

    /** The properties of the lists of statements (outside brackets), where the call context may be read from. */
    protected readonly statementListProperties: ReadonlySet<string> = STATEMENT_LIST_PROPERTIES;

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const context = callContextAt(text, offset, listElementContextStart(document, offset, this.statementListProperties));
        if (context.comment) return undefined;
        const own = this.importCompletion(document, context, offset) ?? await this.contextCompletion(document, context, offset, params.position);
        if (own?.exclusive) return CompletionList.create(own.items, false);
        // Inside a string, Langium has nothing to offer but would offer keywords.
        if (context.string) return CompletionList.create(own?.items ?? [], false);
        const base = await super.getCompletion(document, params, cancelToken);
        const items = [...(own?.items ?? [])];
        const labels = new Set(items.map(item => item.label));
        for (const item of base?.items ?? []) if (!labels.has(item.label)) items.push(item);
        return CompletionList.create(items, base?.isIncomplete ?? false);
    }

    /**
     * The grammar's next features at `offset`: Langium's, from the text less the complete list
     * elements before the cursor's ({@link completionPrefix}) when the document's parse is of this
     * text; from the whole text before the cursor when that finds nothing.
     */
    protected override findFeaturesAt(textDocument: TextDocument, offset: number): NextFeature[] {
        const document = this.workspaceDocuments.getDocument(URI.parse(textDocument.uri));
        if (document?.textDocument !== textDocument) return super.findFeaturesAt(textDocument, offset);
        const prefix = completionPrefix(document, offset);
        if (prefix.removed.length === 0) return super.findFeaturesAt(textDocument, offset);
        const features = this.featuresAfter(prefix.text);
        return features.length > 0 ? features : super.findFeaturesAt(textDocument, offset);
    }

    /** Langium's `findFeaturesAt` on a given text (the whole text is the prefix before the cursor). */
    protected featuresAfter(text: string): NextFeature[] {
        // Langium's reads `getText({ start, end: positionAt(offset) })`: the text up to the offset.
        const prefix = { getText: () => text, positionAt: () => ({ line: 0, character: 0 }) } as unknown as TextDocument;
        return super.findFeaturesAt(prefix, text.length);
    }

    /**
     * Langium's, lexing only the lines around the cursor instead of the whole text: no token spans
     * lines (strings and comments end at the line's end), so lexing from a line's start finds the
     * same tokens there. From the cursor's line, going up until a token ends before the cursor.
     */
    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const lineEnd = text.indexOf('\n', offset);
        const end = lineEnd === -1 ? text.length : lineEnd;
        let start = offset;
        while (start > 0) {
            start = text.lastIndexOf('\n', start - 1) + 1;
            const tokens = this.lexer.tokenize(text.substring(start, end)).tokens;
            // The window must hold the token before the cursor's (Langium's `previousToken`).
            if (tokens.length > 0 && (tokens[0].endOffset ?? Number.POSITIVE_INFINITY) + start < offset) {
                const info = super.backtrackToAnyToken(text.substring(start, end), offset - start);
                const shift = (value: number | undefined) => value === undefined ? undefined : value + start;
                return {
                    nextTokenStart: info.nextTokenStart + start, nextTokenEnd: info.nextTokenEnd + start,
                    previousTokenStart: shift(info.previousTokenStart), previousTokenEnd: shift(info.previousTokenEnd)
                };
            }
            if (start === 0) break;
            start--;
        }
        return super.backtrackToAnyToken(text, offset);
    }

    /** The language's completion from the call context; `undefined` for none. */
    protected abstract contextCompletion(document: LangiumDocument, context: CallContext, offset: number, position: Position): MaybePromise<ContextCompletion | undefined>;

    /** Inside the string of `import "…"`: the workspace's files this language may import, relative to this file. */
    protected importCompletion(document: LangiumDocument, context: CallContext, offset: number): ContextCompletion | undefined {
        if (!context.string || context.previous !== 'import') return undefined;
        const range = this.stringContentRange(document, context, offset);
        const directory = UriUtils.dirname(document.uri);
        const items: CompletionItem[] = [];
        for (const other of this.documents().all) {
            const uri = other.uri;
            if (uri.toString() === document.uri.toString() || uri.scheme !== document.uri.scheme) continue;
            if (!this.importableExtensions.some(extension => uri.path.endsWith(extension))) continue;
            const path = UriUtils.relative(directory, uri);
            items.push({ label: path, kind: CompletionItemKind.File, textEdit: { range, newText: path }, sortText: path.startsWith('..') ? `1${path}` : `0${path}` });
        }
        return { items, exclusive: true };
    }

    /** The langium documents of the workspace. */
    protected abstract documents(): { readonly all: Iterable<LangiumDocument> };

    /** The range of a string's content before and after the cursor (to the closing quote, if any). */
    protected stringContentRange(document: LangiumDocument, context: CallContext, offset: number): Range {
        const text = document.textDocument.getText();
        const start = context.string!.start + 1;
        let end = offset;
        while (end < text.length && text[end] !== context.string!.quote && text[end] !== '\n') end++;
        return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
    }

    /** Argument-name items (`padding=`) for the parameters not given yet. */
    protected argumentItems(parameters: readonly CompletionParameter[], context: CallContext): CompletionItem[] {
        const group = context.group;
        if (!group || (context.previous !== '(' && context.previous !== ',')) return [];
        const given = new Set(group.keywords);
        let positional = 0;
        const items: CompletionItem[] = [];
        parameters.forEach((parameter, index) => {
            if (!parameter.keywordOnly) positional++;
            if (given.has(parameter.name) || (!parameter.keywordOnly && positional <= group.positional)) return;
            const detail = [parameter.type, parameter.default !== undefined ? `= ${parameter.default}` : parameter.required ? 'required' : undefined]
                .filter(Boolean).join(' ');
            items.push({
                label: `${parameter.name}=`,
                filterText: parameter.name,
                insertText: `${parameter.name}=`,
                kind: CompletionItemKind.Property,
                detail: detail || undefined,
                documentation: parameter.doc,
                sortText: `0${parameter.required ? 0 : 1}${String(index).padStart(4, '0')}`,
                command: { title: 'suggest values', command: 'editor.action.triggerSuggest' }
            });
        });
        return items;
    }

    /** Items for the values of an enum (or bool) type: quoted after `name=`, bare inside the string. */
    protected valueItems(document: LangiumDocument, type: AttributeType | undefined, context: CallContext, offset: number): CompletionItem[] {
        if (!type) return [];
        const values = enumValues(type);
        if (context.string) {
            const range = this.stringContentRange(document, context, offset);
            return values.strings.map((value, i) => ({
                label: value, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: value }, sortText: String(i).padStart(3, '0')
            }));
        }
        if (context.previous !== '=') return [];
        return [
            ...values.strings.map((value, i) => ({ label: JSON.stringify(value), kind: CompletionItemKind.EnumMember, sortText: `0${String(i).padStart(3, '0')}` })),
            ...values.keywords.map(keyword => ({ label: keyword, kind: CompletionItemKind.Keyword, sortText: `1${keyword}` }))
        ];
    }

    /**
     * Names a value may be at an argument of the call whose callee is at `calleeOffset` (Langium's
     * grammar-driven completion misses them after a comma, where the list may also end).
     */
    protected valueNameItems(document: LangiumDocument, calleeOffset: number): CompletionItem[] {
        const root = document.parseResult.value.$cstNode;
        const node = root ? CstUtils.findLeafNodeAtOffset(root, calleeOffset)?.astNode : undefined;
        if (!node) return [];
        const container = { $type: 'NameExpression', $container: node } as unknown as AstNode;
        const refInfo = { reference: { $refText: '' }, container, property: 'target' } as unknown as ReferenceInfo;
        return this.scopeProvider.getScope(refInfo).getAllElements().toArray().map(description => {
            const item = this.createReferenceCompletionItem(description, refInfo, undefined as unknown as CompletionContext);
            return { label: description.name, kind: item.kind, detail: item.detail, documentation: item.documentation, sortText: `1${description.name}` };
        });
    }

    /** A snippet item: `label` inserted as `snippet` (with `${1:placeholders}`). */
    protected snippetItem(label: string, filterText: string, snippet: string, detail?: string, documentation?: string): CompletionItem {
        return {
            label, filterText, insertText: snippet, insertTextFormat: InsertTextFormat.Snippet, kind: CompletionItemKind.Snippet,
            detail, documentation, sortText: `2${filterText}`
        };
    }

    /**
     * A name typed as a new argument value is a `NameExpression` inside a new `Argument`; Langium
     * only builds the outermost new node, so the scope provider would not see a `NameExpression`.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        if (refInfo.property === 'target' && refInfo.container.$type !== 'NameExpression') {
            const container = { $type: 'NameExpression', $container: refInfo.container } as unknown as AstNode;
            return super.getReferenceCandidates({ ...refInfo, container }, context);
        }
        return super.getReferenceCandidates(refInfo, context);
    }

    /** Whether a next feature is the cross-reference assigned to `property` in a rule producing `type`. */
    protected isCrossReferenceTo(next: NextFeature, property: string): boolean {
        if (!GrammarAST.isCrossReference(next.feature)) return false;
        return AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment)?.feature === property;
    }
}

/** The string values and keywords (`True`, `None`) a type accepts, as far as it lists them. */
export function enumValues(type: AttributeType): { strings: string[]; keywords: string[] } {
    const strings: string[] = [];
    const keywords: string[] = [];
    const visit = (t: AttributeType) => {
        switch (t.kind) {
            case 'enum': strings.push(...t.values.filter(v => !strings.includes(v))); break;
            case 'bool': keywords.push('True', 'False'); break;
            case 'union': t.options.forEach(visit); break;
            case 'optional': visit(t.of); if (!keywords.includes('None')) keywords.push('None'); break;
        }
    };
    visit(type);
    return { strings, keywords };
}
