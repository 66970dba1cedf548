import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

/** Symbol and completion kinds of the DeepForge declarations (outline, workspace symbols, completion icons). */
export class DeepForgeNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        switch (typeOf(node)) {
            case 'Network': return SymbolKind.Class;
            case 'Block': return SymbolKind.Function;
            case 'LayerType': return SymbolKind.Class;
            case 'Library': return SymbolKind.Package;
            case 'LayerStatement': case 'SharedLayer': case 'BlockInput': case 'Step': return SymbolKind.Variable;
            case 'Parameter': return SymbolKind.TypeParameter;
            case 'Operation': return SymbolKind.Class;
            case 'Pipeline': return SymbolKind.Module;
            case 'AttributeDeclaration': case 'ReferenceDeclaration': return SymbolKind.Property;
            case 'PortDeclaration': return SymbolKind.Field;
            default: return super.getSymbolKind(node);
        }
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        switch (typeOf(node)) {
            case 'LayerType': case 'Operation': case 'Network': return CompletionItemKind.Class;
            case 'Block': case 'Pipeline': return CompletionItemKind.Function;
            case 'LayerStatement': case 'SharedLayer': case 'BlockInput': case 'Step': return CompletionItemKind.Variable;
            case 'Parameter': return CompletionItemKind.TypeParameter;
            default: return super.getCompletionItemKind(node);
        }
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}
