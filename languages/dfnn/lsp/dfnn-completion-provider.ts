import { CstUtils, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import type { CompletionItem, CompletionList, CompletionParams, Position } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import { isCallExpression, isLayerStatement, isLayerType, isSharedLayer } from '../../generated/ast.js';
import type { CallContext } from '../../lsp/call-context.js';
import { DeepForgeCompletionProvider, type CompletionParameter, type ContextCompletion } from '../../lsp/deepforge-completion-provider.js';
import type { DfnnLibrary } from '../references/dfnn-library.js';
import type { CallableSignature, DfnnLayerInfo } from './dfnn-layer-info.js';
import type { DfnnLspServices } from './dfnn-lsp-module.js';

/**
 * Completion in `.dfnn` files: Langium's (keywords; callees — layer types, blocks, networks,
 * shared layers; names of layers, inputs and parameters) with details — a layer type's one-line
 * doc, a layer's output shape — plus snippets for a layer call with its required arguments,
 * argument names with type and default, enum values (`padding="` → `valid`, `same`, …) and
 * import paths.
 */
export class DfnnCompletionProvider extends DeepForgeCompletionProvider {
    protected readonly importableExtensions = ['.dfnn'];
    protected readonly info: DfnnLayerInfo;
    protected readonly library: DfnnLibrary;
    protected readonly services: DfnnLspServices;
    protected readonly inputType: string;

    constructor(services: DfnnLspServices) {
        super(services);
        this.services = services;
        this.inputType = services.domain.NetworkDomain.inputType;
        this.info = services.lsp.LayerInfo;
        this.library = services.references.Library;
    }

    protected documents() {
        return this.services.shared.workspace.LangiumDocuments;
    }

    protected contextCompletion(document: LangiumDocument, context: CallContext, offset: number, _position: Position): ContextCompletion | undefined {
        const group = context.group;
        if (!group || group.kind !== 'arguments' || group.calleeOffset === undefined) return undefined;
        const signature = this.calleeSignature(document, group.calleeOffset, group.callee);
        if (!signature) return undefined;
        const parameters: CompletionParameter[] = signature.parameters.map(p => ({ ...p, attributeType: p.definition?.type }));
        if (group.keyword && (context.previous === '=' || context.string)) {
            const parameter = parameters.find(p => p.name === group.keyword);
            const items = this.valueItems(document, parameter?.attributeType, context, offset);
            return { items: context.string ? items : [...items, ...this.valueNames(document, context)], exclusive: Boolean(context.string) };
        }
        return { items: [...this.argumentItems(parameters, context), ...this.valueNames(document, context)], exclusive: false };
    }

    /** The signature of the callee named at an offset: from the parsed call if it links, else a layer type by name. */
    protected calleeSignature(document: LangiumDocument, calleeOffset: number, name: string | undefined): CallableSignature | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, calleeOffset) : undefined;
        const node: AstNode | undefined = leaf?.astNode;
        if ((isLayerStatement(node) || isSharedLayer(node)) && node.callee?.ref) return this.info.signature(node.callee.ref);
        if (isCallExpression(node)) return this.info.signature(node.callee);
        return name ? this.info.signature(name) : undefined;
    }

    /** Names at a value position of the argument list (after `(`, `,` or `name=`). */
    protected valueNames(document: LangiumDocument, context: CallContext): CompletionItem[] {
        const group = context.group;
        if (!group || group.calleeOffset === undefined || !['(', ',', '='].includes(context.previous ?? '')) return [];
        return this.valueNameItems(document, group.calleeOffset);
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (description.type === 'LayerType') {
            const signature = this.info.signature(description.name);
            return { ...item, detail: firstSentence(signature?.doc) ?? 'layer', documentation: signature ? { kind: 'markdown', value: `\`${this.info.formatSignature(signature, 6)}\`\n\n${signature.doc ?? ''}` } : undefined };
        }
        if ((description.type === 'Block' || description.type === 'Network') && node) {
            const signature = this.info.signature(node);
            return { ...item, detail: signature ? `${signature.kind} ${this.info.formatSignature(signature)}` : description.type.toLowerCase() };
        }
        if ((isLayerStatement(node) || isSharedLayer(node))) {
            let detail = this.statementDetails?.get(node);
            if (detail === undefined) {
                const outputs = this.info.statementInfo(node)?.outputs;
                detail = (outputs ? this.info.formatShapes(outputs) : node.callee?.$refText) ?? '';
                this.statementDetails?.set(node, detail);
            }
            return { ...item, detail: detail || undefined };
        }
        return item;
    }

    protected override completionForCrossReference(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor) {
        const result = super.completionForCrossReference(context, next as NextFeature<never>, acceptor);
        if (this.isCrossReferenceTo(next, 'callee') && isStatementStart(context)) {
            const accept = () => {
                for (const item of this.layerSnippets()) acceptor(context, item);
            };
            if (result instanceof Promise) return result.then(accept);
            accept();
        }
        return result;
    }

    /** `Conv2D(filters, kernel_size)(…)`: a layer call with its required arguments as placeholders (computed once per library). */
    protected layerSnippets(): CompletionItem[] {
        const library = this.library.document;
        if (this.snippets?.library !== library) this.snippets = { library, items: this.createLayerSnippets() };
        return this.snippets.items;
    }

    private snippets?: { readonly library: LangiumDocument; readonly items: CompletionItem[] };

    /**
     * The layers' details (output shapes) computed in the completion request running: a name is
     * offered twice per request, as a value and by Langium's cross-reference completion. Only for
     * one request: shapes change with any document the network uses.
     */
    protected statementDetails?: Map<AstNode, string>;

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const details = new Map<AstNode, string>();
        this.statementDetails = details;
        try {
            return await super.getCompletion(document, params, cancelToken);
        } finally {
            if (this.statementDetails === details) this.statementDetails = undefined;
        }
    }

    protected createLayerSnippets(): CompletionItem[] {
        const items: CompletionItem[] = [];
        for (const type of this.library.document.parseResult.value.elements.flatMap(e => (e.$type === 'Library' ? e.types : []))) {
            if (!isLayerType(type)) continue;
            const signature = this.info.signature(type.name);
            if (!signature) continue;
            const required = signature.parameters.filter(p => p.required);
            let n = 0;
            const args = required.map(p => p.keywordOnly ? `${p.name}=\${${++n}:${p.name}}` : `\${${++n}:${p.name}}`);
            // An input needs a shape (or a batch shape), neither of which is required on its own.
            if (type.name === this.inputType) args.push(`shape=(\${${++n}:shape})`);
            const inputs = type.name === 'Input' ? '' : `(\${${++n}})`;
            const snippet = `${type.name}(${args.join(', ')})${inputs}$0`;
            const label = `${type.name}(${type.name === this.inputType ? 'shape' : required.map(p => p.name).join(', ')})${inputs ? '(…)' : ''}`;
            items.push(this.snippetItem(label, type.name, snippet, firstSentence(signature.doc) ?? 'layer call'));
        }
        return items;
    }
}

/** Whether completion happens right after `name =` (a call is starting), not inside a value. */
function isStatementStart(context: CompletionContext): boolean {
    const before = context.textDocument.getText().slice(0, context.tokenOffset).trimEnd();
    return before.endsWith('=') && !/[(,]\s*\w+\s*=$/.test(before.slice(-80));
}

/** The first sentence of a doc, for a completion item's detail. */
export function firstSentence(doc: string | undefined): string | undefined {
    if (!doc) return undefined;
    const line = doc.split('\n')[0];
    const end = line.search(/\.(\s|$)/);
    return end > 0 ? line.slice(0, end + 1) : line;
}
