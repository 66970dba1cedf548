import { DefaultWorkspaceSymbolProvider } from 'langium/lsp';
import type { AstNodeDescription } from 'langium';
import type { WorkspaceSymbol } from 'vscode-languageserver';
import { BUILTIN_SCHEME } from '../dfnn/references/dfnn-library.js';

/** Workspace symbols: the user's networks, blocks, operations and pipelines (not the built-in library's hundreds of layer types). */
export class DeepForgeWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    protected override getWorkspaceSymbol(astDescription: AstNodeDescription): WorkspaceSymbol | undefined {
        if (astDescription.documentUri.scheme === BUILTIN_SCHEME) return undefined;
        return super.getWorkspaceSymbol(astDescription);
    }
}
