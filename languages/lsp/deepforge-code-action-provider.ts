import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit
} from 'vscode-languageserver';

/** One fix as the validators attach it to a diagnostic's `data.fixes` (the metamodel's `Fix`, located). */
export interface FixData {
    readonly title: string;
    /** The document the edit applies to; the diagnostic's own when absent. */
    readonly uri?: string;
    readonly range: Range;
    readonly newText: string;
}

/**
 * The code actions both DeepForge languages share: every fix the checks attach to a diagnostic
 * (`data.fixes`: did-you-mean replacements, removals, declarations rewritten from code, code
 * stubs) becomes a quick fix; the first fix of a diagnostic is the preferred one. Languages add
 * their own actions ({@link moreActions}).
 */
export class DeepForgeCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const fixes = fixesOf(diagnostic);
            fixes.forEach((fix, i) => {
                const action = this.fixAction(document, diagnostic, fix, i === 0);
                if (action) actions.push(action);
            });
            actions.push(...this.diagnosticActions(document, diagnostic));
        }
        actions.push(...this.moreActions(document, params));
        return actions;
    }

    /** A quick fix from a fix of the diagnostic's data. */
    protected fixAction(document: LangiumDocument, diagnostic: Diagnostic, fix: FixData, preferred: boolean): CodeAction | undefined {
        const uri = fix.uri ?? document.uri.toString();
        const edit = this.refineEdit(document, { range: fix.range, newText: fix.newText }, uri);
        return {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: preferred,
            edit: this.workspaceEdit(document, diagnostic, uri, edit)
        };
    }

    /** The workspace edit of one text edit (languages may create files, see the `.dfp` provider). */
    protected workspaceEdit(_document: LangiumDocument, _diagnostic: Diagnostic, uri: string, edit: TextEdit): WorkspaceEdit {
        return { changes: { [uri]: [edit] } };
    }

    /** Adjusts a fix's edit to the text (e.g. a removed argument takes its comma along). */
    protected refineEdit(document: LangiumDocument, edit: TextEdit, uri: string): TextEdit {
        if (edit.newText !== '' || uri !== document.uri.toString()) return edit;
        return removalWithSeparator(document, edit.range);
    }

    /** Actions for a diagnostic beyond its fixes. */
    protected diagnosticActions(_document: LangiumDocument, _diagnostic: Diagnostic): CodeAction[] {
        return [];
    }

    /** Actions for the selection (refactorings). */
    protected moreActions(_document: LangiumDocument, _params: CodeActionParams): CodeAction[] {
        return [];
    }
}

/** The fixes of a diagnostic's data. */
export function fixesOf(diagnostic: Diagnostic): FixData[] {
    const data = diagnostic.data as { fixes?: FixData[] } | undefined;
    return Array.isArray(data?.fixes) ? data.fixes : [];
}

/** Removing an item of a comma-separated list: the item with the comma before it (or after it, for the first). */
export function removalWithSeparator(document: LangiumDocument, range: Range): TextEdit {
    const text = document.textDocument.getText();
    let start = document.textDocument.offsetAt(range.start);
    let end = document.textDocument.offsetAt(range.end);
    let before = start;
    while (before > 0 && /[ \t]/.test(text[before - 1])) before--;
    if (text[before - 1] === ',') {
        start = before - 1;
    } else {
        let after = end;
        while (after < text.length && /[ \t]/.test(text[after])) after++;
        if (text[after] === ',') {
            after++;
            while (after < text.length && /[ \t]/.test(text[after])) after++;
            end = after;
        }
    }
    return { range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) }, newText: '' };
}
