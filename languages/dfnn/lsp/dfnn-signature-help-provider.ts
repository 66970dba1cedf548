import { CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { SignatureHelpProvider } from 'langium/lsp';
import type { ParameterInformation, SignatureHelp, SignatureHelpOptions, SignatureHelpParams } from 'vscode-languageserver';
import { isCallExpression, isLayerStatement, isSharedLayer } from '../../generated/ast.js';
import { callContextAt, type CallGroup } from '../../lsp/call-context.js';
import { listElementContextStart, STATEMENT_LIST_PROPERTIES } from '../../lsp/completion-prefix.js';
import { formatParameter, type CallableSignature, type DfnnLayerInfo } from './dfnn-layer-info.js';
import type { DfnnLspServices } from './dfnn-lsp-module.js';

/**
 * Signature help inside a layer call's arguments (`Conv2D(32, |`): the callee's signature with
 * the parameter being written highlighted — by keyword, else by position among the positional
 * parameters. Works on incomplete text (the call context is read from the text).
 */
export class DfnnSignatureHelpProvider implements SignatureHelpProvider {
    protected readonly info: DfnnLayerInfo;

    constructor(services: DfnnLspServices) {
        this.info = services.lsp.LayerInfo;
    }

    get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: ['='] };
    }

    provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): SignatureHelp | undefined {
        const offset = document.textDocument.offsetAt(params.position);
        // From the statement before the cursor's, not the start of a long file (the same context).
        const context = callContextAt(document.textDocument.getText(), offset, listElementContextStart(document, offset, STATEMENT_LIST_PROPERTIES));
        const group = context.group;
        if (!group || group.kind !== 'arguments' || group.calleeOffset === undefined || context.comment) return undefined;
        const signature = this.signatureAt(document, group);
        if (!signature) return undefined;
        return this.signatureHelp(signature, group);
    }

    /** The signature of the callee of a group: from the parsed call if it links, else a layer type by name. */
    protected signatureAt(document: LangiumDocument, group: CallGroup): CallableSignature | undefined {
        const root = document.parseResult.value.$cstNode;
        const node: AstNode | undefined = root ? CstUtils.findLeafNodeAtOffset(root, group.calleeOffset!)?.astNode : undefined;
        if ((isLayerStatement(node) || isSharedLayer(node)) && node.callee?.ref) return this.info.signature(node.callee.ref);
        if (isCallExpression(node)) return this.info.signature(node.callee);
        return group.callee ? this.info.signature(group.callee) : undefined;
    }

    protected signatureHelp(signature: CallableSignature, group: CallGroup): SignatureHelp {
        const parameters: ParameterInformation[] = signature.parameters.map(p => ({
            label: formatParameter(p),
            documentation: [p.type, p.required ? 'required' : undefined, p.doc].filter(Boolean).join(' — ') || undefined
        }));
        const label = `${signature.name}(${parameters.map(p => p.label).join(', ')})`;
        let active: number;
        if (group.keyword) {
            active = signature.parameters.findIndex(p => p.name === group.keyword);
        } else {
            const positional = signature.parameters.filter(p => !p.keywordOnly);
            const parameter = positional[group.positional];
            active = parameter ? signature.parameters.indexOf(parameter) : -1;
        }
        return {
            signatures: [{ label, documentation: signature.doc ? { kind: 'markdown', value: signature.doc } : undefined, parameters }],
            activeSignature: 0,
            activeParameter: active >= 0 ? active : undefined
        };
    }
}
