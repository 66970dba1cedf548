import { CstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { AttributeType } from '../../../metamodel/core/index.js';
import { isLayerStatement, isSharedLayer, type LayerStatement, type SharedLayer } from '../../generated/ast.js';
import { DeepForgeCodeActionProvider } from '../../lsp/deepforge-code-action-provider.js';
import type { DfnnLayerInfo } from './dfnn-layer-info.js';
import type { DfnnLspServices } from './dfnn-lsp-module.js';

/**
 * Code actions in `.dfnn` files: the checks' fixes (did-you-mean, remove an unknown argument —
 * with its comma), plus "add missing required argument" with a placeholder value of the
 * argument's type (`filters=1`, `padding="valid"`), to be edited.
 */
export class DfnnCodeActionProvider extends DeepForgeCodeActionProvider {
    protected readonly info: DfnnLayerInfo;

    constructor(services: DfnnLspServices) {
        super();
        this.info = services.lsp.LayerInfo;
    }

    protected override diagnosticActions(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        if (diagnostic.code !== 'missing-attribute') return [];
        const statement = this.statementAt(document, diagnostic);
        const signature = statement?.callee?.ref ? this.info.signature(statement.callee.ref) : undefined;
        const close = statement?.$cstNode ? GrammarUtils.findNodesForKeyword(statement.$cstNode, ')')[0] : undefined;
        if (!statement || !signature || !close) return [];
        const missing = [...String(diagnostic.message).matchAll(/`([^`]+)`/g)].map(m => m[1]).filter(name => signature.parameters.some(p => p.name === name));
        if (missing.length === 0) return [];
        const added = missing.map(name => {
            const parameter = signature.parameters.find(p => p.name === name)!;
            return `${name}=${placeholder(parameter.definition?.type)}`;
        });
        const separator = statement.arguments.length > 0 ? ', ' : '';
        return [{
            title: `Add missing argument${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri.toString()]: [{ range: { start: close.range.start, end: close.range.start }, newText: separator + added.join(', ') }] } }
        }];
    }

    /** The statement whose callee a diagnostic is on. */
    protected statementAt(document: LangiumDocument, diagnostic: Diagnostic): LayerStatement | SharedLayer | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start)) : undefined;
        const node = leaf?.astNode;
        return isLayerStatement(node) || isSharedLayer(node) ? node : undefined;
    }
}

/** A value of a type, to be replaced by the user: `1`, `0.0`, `"valid"`, `(1, 1)`. */
export function placeholder(type: AttributeType | undefined): string {
    switch (type?.kind) {
        case 'int': return '1';
        case 'float': return '0.0';
        case 'bool': return 'False';
        case 'string': return '""';
        case 'enum': return JSON.stringify(type.values[0] ?? '');
        case 'tuple': return type.scalar ? '1' : `(${Array.from({ length: type.length ?? 2 }, () => '1').join(', ')})`;
        case 'shape': return '(1,)';
        case 'list': return '[]';
        case 'union': return placeholder(type.options[0]);
        case 'optional': return placeholder(type.of);
        default: return 'None';
    }
}
