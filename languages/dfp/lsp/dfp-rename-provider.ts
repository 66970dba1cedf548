import type { AstNode } from 'langium';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { isOperation } from '../../generated/ast.js';
import { DeepForgeRenameProvider } from '../../lsp/deepforge-rename-provider.js';
import type { DfpOperationInfo } from './dfp-operation-info.js';
import type { DfpLspServices } from './dfp-lsp-module.js';

/**
 * Rename in `.dfp` files (operations, steps, pipelines; networks across languages), plus: an
 * operation's Python class is named like the operation, so renaming the operation renames the
 * class in its code file too.
 */
export class DfpRenameProvider extends DeepForgeRenameProvider {
    protected readonly info: DfpOperationInfo;

    constructor(services: DfpLspServices) {
        super(services);
        this.info = services.lsp.OperationInfo;
    }

    protected override moreEdits(target: AstNode, newName: string, edit: WorkspaceEdit): WorkspaceEdit {
        if (!isOperation(target)) return edit;
        const location = this.info.classLocation(target);
        if (!location) return edit;
        const changes = { ...edit.changes };
        changes[location.uri] = [...(changes[location.uri] ?? []), { range: location.range, newText: newName }];
        return { ...edit, changes };
    }
}
