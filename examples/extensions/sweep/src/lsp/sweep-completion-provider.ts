import { AstUtils, CstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { enumValues } from 'deepforge-ts';
import { isParameter, isSweep, type Sweep } from '../generated/ast.js';
import { isPipelineNode, type PipelineIndex } from '../references/pipeline-index.js';
import type { SweepServices } from '../sweep-module.js';
import { attributeSignature } from './attribute-docs.js';

/**
 * Completion in `.sweep` files: Langium's (keywords, pipelines after `over`, steps of the
 * pipeline), plus the attributes of a step's operation after `step.` (with type, default and
 * range) and, in a value list, the values of an enum attribute.
 */
export class SweepCompletionProvider extends DefaultCompletionProvider {
    protected readonly pipelineIndex: PipelineIndex;

    constructor(services: SweepServices) {
        super(services);
        this.pipelineIndex = services.references.PipelineIndex;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // `attribute` is assigned only by the Parameter rule (`next.type` is not set for it).
        if (next.property === 'attribute') return this.attributeCompletion(context, acceptor);
        if (next.type === 'StringValue' || next.type === 'SweepValue' || next.property === 'values') this.enumCompletion(context, acceptor);
        return super.completionFor(context, next, acceptor);
    }

    /** The sweep around the cursor, from the document's AST. */
    protected sweepAt(document: LangiumDocument, offset: number): Sweep | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, Math.max(0, offset - 1)) : undefined;
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, isSweep) : undefined;
    }

    /** `trained.` → the attributes of `trained`'s operation. */
    protected attributeCompletion(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const before = context.textDocument.getText({ start: { line: context.position.line, character: 0 }, end: context.position });
        const match = /([_a-zA-Z]\w*)\s*\.\s*\w*$/.exec(before);
        const sweep = this.sweepAt(context.document, context.offset);
        const pipeline = sweep?.pipeline?.ref;
        if (!match || !isPipelineNode(pipeline)) return;
        const step = this.pipelineIndex.steps(pipeline).find(s => s.name === match[1]);
        const spec = step ? this.pipelineIndex.operationSpec(step) : undefined;
        for (const [i, attribute] of (spec?.attributes ?? []).entries()) {
            acceptor(context, {
                label: attribute.name, kind: CompletionItemKind.Field,
                detail: `${attributeSignature(attribute)} — ${spec!.name}`,
                documentation: attribute.doc, sortText: String(i).padStart(3, '0')
            });
        }
    }

    /** In `trained.optimizer in [` → `"adam"`, `"sgd"`, …. */
    protected enumCompletion(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const node = context.node;
        const parameter = node ? AstUtils.getContainerOfType(node, isParameter) : undefined;
        const step = parameter?.step?.ref;
        if (!parameter || !step) return;
        const spec = this.pipelineIndex.operationSpec(step as never);
        const attribute = spec?.attributes.find(a => a.name === parameter.attribute);
        for (const value of attribute ? enumValues(attribute.type) : []) {
            acceptor(context, { label: JSON.stringify(value), kind: CompletionItemKind.EnumMember, detail: `${attribute!.name} of ${spec!.name}` });
        }
    }
}
