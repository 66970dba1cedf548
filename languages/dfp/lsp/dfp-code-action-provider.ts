import { AstUtils, CstUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { isOperation, type Operation } from '../../generated/ast.js';
import { DeepForgeCodeActionProvider } from '../../lsp/deepforge-code-action-provider.js';
import type { CodeFixData } from '../validation/operation-code-checker.js';
import type { DfpOperationInfo } from './dfp-operation-info.js';
import type { DfpLspServices } from './dfp-lsp-module.js';

/** Diagnostic codes of an operation that disagrees with its Python class. */
const CODE_MISMATCHES = new Set(['code-mismatch', 'return-arity', 'missing-method']);

/**
 * Code actions in `.dfp` files: the checks' fixes — did-you-mean replacements, the declaration
 * rewritten from the Python code, a code stub (creating a missing file, appending a missing class)
 * — and the reverse sync: the `__init__` and `execute` signatures of the Python class rewritten
 * from the declaration (bodies untouched).
 */
export class DfpCodeActionProvider extends DeepForgeCodeActionProvider {
    protected readonly info: DfpOperationInfo;

    constructor(services: DfpLspServices) {
        super();
        this.info = services.lsp.OperationInfo;
    }

    /** A fix creating a missing code file creates it first. */
    protected override workspaceEdit(document: LangiumDocument, diagnostic: Diagnostic, uri: string, edit: TextEdit): WorkspaceEdit {
        if (diagnostic.code === 'missing-code-file' && uri !== document.uri.toString()) {
            return {
                documentChanges: [
                    { kind: 'create', uri, options: { ignoreIfExists: true } },
                    { textDocument: { uri, version: null }, edits: [edit] }
                ]
            };
        }
        return super.workspaceEdit(document, diagnostic, uri, edit);
    }

    protected override diagnosticActions(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        if (!CODE_MISMATCHES.has(String(diagnostic.code))) return [];
        const operation = this.operationAt(document, diagnostic.range);
        const data = diagnostic.data as CodeFixData | undefined;
        if (!operation || !data?.codeUri) return [];
        const edits = this.signatureEdits(operation);
        if (edits.length === 0) return [];
        const code = this.info.resolve(operation).code!;
        return [{
            title: `Update the signatures of ${operation.name} in ${code.path} from the declaration`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [data.codeUri]: edits } }
        }];
    }

    /** Edits rewriting the parameter lists of `__init__` and `execute` from the declared interface. */
    protected signatureEdits(operation: Operation): TextEdit[] {
        const resolved = this.info.resolve(operation);
        const cls = resolved.code?.cls;
        const source = resolved.code?.source;
        if (!cls || source === undefined) return [];
        const declared = resolved.declared;
        const edits: TextEdit[] = [];
        const init = [...declared.attributes.map(a => (a.default !== undefined ? `${a.name}=${a.default}` : a.name)), ...declared.references.map(r => r.name)];
        // Parameters without defaults come first in Python.
        init.sort((a, b) => Number(a.includes('=')) - Number(b.includes('=')));
        const execute = declared.inputs.map(i => i.name);
        if (cls.init) {
            const range = parameterListRange(source, cls.init.nameRange);
            if (range) edits.push({ range, newText: ['self', ...init].join(', ') });
        }
        if (cls.execute) {
            const range = parameterListRange(source, cls.execute.nameRange);
            if (range) edits.push({ range, newText: ['self', ...execute].join(', ') });
        }
        return edits;
    }

    protected operationAt(document: LangiumDocument, range: Range): Operation | undefined {
        const root = document.parseResult.value.$cstNode;
        const node = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start))?.astNode : undefined;
        return node ? AstUtils.getContainerOfType(node, isOperation) : undefined;
    }
}

/** The range between the parentheses of a `def name(…)` whose name is at `nameRange`. */
export function parameterListRange(source: string, nameRange: Range): Range | undefined {
    const lines = source.split('\n');
    const offsetOf = (line: number, character: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
    const positionOf = (offset: number) => {
        let line = 0;
        while (line < lines.length && offset > lines[line].length) {
            offset -= lines[line].length + 1;
            line++;
        }
        return { line, character: offset };
    };
    const start = source.indexOf('(', offsetOf(nameRange.end.line, nameRange.end.character));
    if (start < 0) return undefined;
    let depth = 0;
    for (let i = start; i < source.length; i++) {
        if (source[i] === '(') depth++;
        else if (source[i] === ')' && --depth === 0) return { start: positionOf(start + 1), end: positionOf(i) };
    }
    return undefined;
}
