import type { LangiumDocument } from 'langium';
import type { SignatureHelpProvider } from 'langium/lsp';
import type { ParameterInformation, SignatureHelp, SignatureHelpOptions, SignatureHelpParams } from 'vscode-languageserver';
import type { OperationSpec } from '../../../metamodel/pipeline/index.js';
import { callContextAt, type CallGroup } from '../../lsp/call-context.js';
import { listElementContextStart, STATEMENT_LIST_PROPERTIES } from '../../lsp/completion-prefix.js';
import type { CompletionParameter } from '../../lsp/deepforge-completion-provider.js';
import type { DfpCompletionProvider } from './dfp-completion-provider.js';
import type { DfpLspServices } from './dfp-lsp-module.js';
import type { DfpOperationInfo } from './dfp-operation-info.js';

/**
 * Signature help inside a step's call (`t = Train(epochs=5, |)(images=data.images)`): in the
 * arguments, the operation's attributes and references (`Train(batch_size=32, epochs=20,
 * architecture: network)`); in the inputs, its input ports (`Train(…)(images, labels) → model`);
 * the parameter being written highlighted — by keyword, else by position. Read from the text, so
 * it works on the incomplete call being typed.
 */
export class DfpSignatureHelpProvider implements SignatureHelpProvider {
    protected readonly info: DfpOperationInfo;
    protected readonly services: DfpLspServices;

    constructor(services: DfpLspServices) {
        this.services = services;
        this.info = services.lsp.OperationInfo;
    }

    get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: ['='] };
    }

    provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): SignatureHelp | undefined {
        const offset = document.textDocument.offsetAt(params.position);
        // From the statement before the cursor's, not the start of a long file (the same context).
        const context = callContextAt(document.textDocument.getText(), offset, listElementContextStart(document, offset, STATEMENT_LIST_PROPERTIES));
        const group = context.group;
        if (!group || group.calleeOffset === undefined || context.comment) return undefined;
        // The operation of the step, as completion finds it (the parsed step, else by name).
        const completion = this.services.lsp.CompletionProvider as DfpCompletionProvider;
        const operation = completion.operationOf(document, group.calleeOffset, group.callee);
        if (!operation) return undefined;
        const spec = this.info.resolve(operation).spec;
        return group.kind === 'arguments'
            ? this.signatureHelp(spec, this.info.parameters(operation), group, 'arguments')
            : this.signatureHelp(spec, spec.inputs.map(input => ({ name: input.name, type: input.typeName, required: input.required })), group, 'inputs');
    }

    protected signatureHelp(spec: OperationSpec, parameters: readonly CompletionParameter[], group: CallGroup, kind: 'arguments' | 'inputs'): SignatureHelp {
        const labels = parameters.map(p => p.default !== undefined ? `${p.name}=${p.default}` : p.type ? `${p.name}: ${p.type}` : p.name);
        const information: ParameterInformation[] = parameters.map((p, i) => ({
            label: labels[i],
            documentation: [p.type, p.required ? 'required' : undefined, p.doc].filter(Boolean).join(' — ') || undefined
        }));
        const outputs = spec.outputs.map(o => o.name).join(', ') || 'None';
        const label = kind === 'arguments'
            ? `${spec.name}(${labels.join(', ')})`
            : `${spec.name}(…)(${labels.join(', ')}) → ${outputs}`;
        let active: number;
        if (group.keyword) {
            active = parameters.findIndex(p => p.name === group.keyword);
        } else {
            const positional = parameters.filter(p => !p.keywordOnly);
            const parameter = positional[group.positional];
            active = parameter ? parameters.indexOf(parameter) : -1;
        }
        return {
            signatures: [{ label, documentation: spec.doc ? { kind: 'markdown', value: spec.doc } : undefined, parameters: information }],
            activeSignature: 0,
            activeParameter: active >= 0 ? active : undefined
        };
    }
}
