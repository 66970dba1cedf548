import type { AstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import { isModelNodeDeclaration } from '../../generated/ast.js';

/** The outline of a model document: its nodes, nested as written, with their type as detail (properties are no symbols). */
export class ModelDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] {
        if (astNode.$container && !isModelNodeDeclaration(astNode)) return [];
        const symbols = super.getSymbol(document, astNode);
        if (isModelNodeDeclaration(astNode)) for (const symbol of symbols) symbol.detail = astNode.type;
        return symbols;
    }
}
