import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { AttributeType } from '../../../metamodel/core/index.js';
import { isLayerStatement, isNameExpression, isParameter, isSharedLayer, type DfnnModel, type LayerStatement, type SharedLayer } from '../../generated/ast.js';
import { isGraphContainer } from '../references/dfnn-scope-provider.js';
import { DeepForgeCodeActionProvider } from '../../lsp/deepforge-code-action-provider.js';
import type { DfnnLayerInfo } from './dfnn-layer-info.js';
import type { DfnnLspServices } from './dfnn-lsp-module.js';

/**
 * Code actions in `.dfnn` files: the checks' fixes (did-you-mean, remove an unknown argument —
 * with its comma), plus "add missing required argument" with a placeholder value of the
 * argument's type (`filters=1`, `padding="valid"`), to be edited; and "extract block" from the
 * selected layer statements.
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

    /**
     * Extract a block from the selected layer statements: a new block (before the graph) whose
     * inputs are the names the statements use from outside, whose output is the one statement used
     * after them (or the last), and a call of it in their place, named like that output so that
     * the rest of the graph is unchanged. Offered for consecutive layer statements with one output.
     */
    protected override moreActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const { start, end } = params.range;
        if (start.line === end.line && start.character === end.character) return [];
        const model = document.parseResult.value as DfnnModel;
        const graph = model.elements.filter(isGraphContainer).find(g => g.$cstNode && g.$cstNode.range.start.line <= start.line && g.$cstNode.range.end.line >= end.line);
        if (!graph) return [];
        // The statements the selection covers entirely.
        const from = document.textDocument.offsetAt(start);
        const to = document.textDocument.offsetAt(end);
        const selected = graph.statements.filter(statement => statement.$cstNode !== undefined
            && statement.$cstNode.offset >= from && statement.$cstNode.end <= to);
        if (selected.length === 0 || !selected.every(isLayerStatement)) return [];
        const statements = selected as LayerStatement[];
        const first = graph.statements.indexOf(statements[0]);
        if (statements.some((s, i) => graph.statements[first + i] !== s)) return [];
        if (statements.some(s => !s.callee?.ref || isSharedLayer(s.callee.ref) || s.callee.$refText === this.info.inputType || !s.inputs)) return [];
        const defined = new Set<AstNode>(statements);
        const inputs: string[] = [];
        for (const statement of statements) {
            for (const name of AstUtils.streamAst(statement).filter(isNameExpression)) {
                const target = name.target?.ref;
                if (!target) return [];
                if (isParameter(target) || isSharedLayer(target)) return [];
                if (!defined.has(target) && !inputs.includes(name.target.$refText)) inputs.push(name.target.$refText);
            }
        }
        const usedAfter = new Set<AstNode>();
        for (const statement of graph.statements.slice(first + statements.length)) {
            for (const name of AstUtils.streamAst(statement).filter(isNameExpression)) if (name.target?.ref && defined.has(name.target.ref)) usedAfter.add(name.target.ref);
        }
        const outputs = statements.filter(s => usedAfter.has(s));
        if (outputs.length > 1) return [];
        const output = outputs[0] ?? statements[statements.length - 1];
        const taken = new Set(model.elements.map(e => (e as { name?: string }).name));
        let name = 'ExtractedBlock';
        for (let n = 2; taken.has(name); n++) name = `ExtractedBlock${n}`;
        const text = document.textDocument.getText();
        const body = statements.map(s => `    ${s.$cstNode!.text}`);
        const block = [`block ${name}() {`, `    inputs ${inputs.join(', ')}`, ...body, `    outputs ${output.name}`, '}', '', ''].join('\n');
        const graphStart = graph.$cstNode!.range.start;
        const startOffset = document.textDocument.offsetAt(statements[0].$cstNode!.range.start);
        const endOffset = document.textDocument.offsetAt(statements[statements.length - 1].$cstNode!.range.end);
        if (text.slice(startOffset, endOffset).includes('#')) return []; // comments inside: keep them, do not extract
        return [{
            title: `Extract block ${name} from ${statements.length} layer${statements.length === 1 ? '' : 's'}`,
            kind: CodeActionKind.RefactorExtract,
            edit: {
                changes: {
                    [document.uri.toString()]: [
                        { range: { start: { line: graphStart.line, character: 0 }, end: { line: graphStart.line, character: 0 } }, newText: block },
                        { range: { start: statements[0].$cstNode!.range.start, end: statements[statements.length - 1].$cstNode!.range.end }, newText: `${output.name} = ${name}()(${inputs.join(', ')})` }
                    ]
                }
            }
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
