import { AstUtils, CstUtils, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo } from 'langium';
import type { CompletionContext, CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { isOperation, isPipeline, isStep, type Operation, type Pipeline } from '../../generated/ast.js';
import type { CallContext } from '../../lsp/call-context.js';
import { DeepForgeCompletionProvider, type ContextCompletion } from '../../lsp/deepforge-completion-provider.js';
import type { DfpOperationInfo } from './dfp-operation-info.js';
import type { DfpLspServices } from './dfp-lsp-module.js';

/**
 * Completion in `.dfp` files: Langium's (keywords; operations, steps, networks) with details,
 * plus the attribute and reference names of a step's operation (with type and default), enum
 * values, input port names in the input group, a step's outputs after `step.`, and import paths.
 */
export class DfpCompletionProvider extends DeepForgeCompletionProvider {
    protected readonly importableExtensions = ['.dfp', '.dfnn'];
    protected readonly info: DfpOperationInfo;
    protected readonly services: DfpLspServices;

    constructor(services: DfpLspServices) {
        super(services);
        this.services = services;
        this.info = services.lsp.OperationInfo;
    }

    protected documents() {
        return this.services.shared.workspace.LangiumDocuments;
    }

    protected contextCompletion(document: LangiumDocument, context: CallContext, offset: number, _position: Position): ContextCompletion | undefined {
        const group = context.group;
        if (!group || group.calleeOffset === undefined) return undefined;
        const operation = this.operationAt(document, group.calleeOffset, group.callee);
        if (!operation) return undefined;
        if (group.kind === 'arguments') {
            const parameters = this.info.parameters(operation);
            if (group.keyword && (context.previous === '=' || context.string)) {
                const parameter = parameters.find(p => p.name === group.keyword);
                const items = this.valueItems(document, parameter?.attributeType, context, offset);
                return { items: context.string ? items : [...items, ...this.valueNames(document, context)], exclusive: Boolean(context.string) };
            }
            return { items: [...this.argumentItems(parameters, context), ...this.valueNames(document, context)], exclusive: false };
        }
        if (context.member) return { items: this.outputItems(document, group.open, context.member), exclusive: true };
        const spec = this.info.resolve(operation).spec;
        const ports = spec.inputs.map(input => ({ name: input.name, type: input.typeName, required: input.required, keywordOnly: true }));
        return { items: this.argumentItems(ports, context), exclusive: false };
    }

    /** The outputs of the step named `step` in the pipeline around an offset. */
    protected outputItems(document: LangiumDocument, offset: number, stepName: string): CompletionItem[] {
        const pipeline = this.pipelineAt(document, offset);
        const step = pipeline?.steps.find(s => s.name === stepName);
        const operation = step?.operation?.ref;
        if (!operation) return [];
        return this.info.resolve(operation).spec.outputs.map((output, i) => ({
            label: output.name, kind: CompletionItemKind.Field, detail: output.typeName ? `${output.typeName} — output of ${operation.name}` : `output of ${operation.name}`,
            sortText: String(i).padStart(3, '0')
        }));
    }

    /** The operation of the step whose call starts at an offset (or by name, in the scope of the file). */
    protected operationAt(document: LangiumDocument, calleeOffset: number, name: string | undefined): Operation | undefined {
        const root = document.parseResult.value.$cstNode;
        const node: AstNode | undefined = root ? CstUtils.findLeafNodeAtOffset(root, calleeOffset)?.astNode : undefined;
        if (isStep(node) && node.operation?.ref) return node.operation.ref;
        if (!name) return undefined;
        const model = document.parseResult.value;
        const local = AstUtils.streamAst(model).filter(isOperation).find(op => op.name === name);
        if (local) return local;
        const description = this.services.references.Library.descriptions.find(d => d.name === name);
        return isOperation(description?.node) ? description.node : undefined;
    }

    protected pipelineAt(document: LangiumDocument, offset: number): Pipeline | undefined {
        const root = document.parseResult.value.$cstNode;
        const node = root ? CstUtils.findLeafNodeAtOffset(root, offset)?.astNode : undefined;
        return node ? AstUtils.getContainerOfType(node, isPipeline) : undefined;
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
        if (isOperation(node)) {
            const spec = this.info.resolve(node).spec;
            return { ...item, detail: this.info.formatInterface(spec), documentation: spec.doc };
        }
        if (isStep(node) && node.operation?.ref) {
            const outputs = this.info.resolve(node.operation.ref).spec.outputs.map(o => o.name);
            return { ...item, detail: `${node.operation.$refText} → ${outputs.join(', ') || 'None'}` };
        }
        return item;
    }
}
