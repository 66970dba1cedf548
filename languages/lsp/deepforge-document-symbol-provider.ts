import type { AstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';

/**
 * The AST types that are symbols of the outline, with those of their descendants that are
 * (`Argument` and `NamedType` have a `name` too, but are no declarations).
 */
export const SYMBOL_TYPES: ReadonlySet<string> = new Set([
    'Network', 'Block', 'Parameter', 'BlockInput', 'LayerStatement', 'SharedLayer', 'Library', 'LayerType',
    'Operation', 'AttributeDeclaration', 'ReferenceDeclaration', 'PortDeclaration', 'Pipeline', 'Step'
]);

/**
 * The outline of both languages: networks and blocks with their parameters, inputs and layers
 * (detail: the layer type); operations with their attributes, references and ports; pipelines with
 * their steps (detail: the operation).
 */
export class DeepForgeDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] {
        if (astNode.$container && !SYMBOL_TYPES.has(astNode.$type)) {
            // Look through sections (`inputs a, b`, `attributes {…}`) for the declarations inside.
            return this.getChildSymbols(document, astNode) ?? [];
        }
        const symbols = super.getSymbol(document, astNode);
        for (const symbol of symbols) symbol.detail ??= this.detail(astNode);
        return symbols;
    }

    protected override getChildSymbols(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] | undefined {
        if (astNode.$type === 'LayerStatement' || astNode.$type === 'SharedLayer' || astNode.$type === 'Step'
            || astNode.$type === 'Parameter' || astNode.$type === 'AttributeDeclaration') return undefined;
        return super.getChildSymbols(document, astNode);
    }

    /** A short detail: a statement's callee, a step's operation. */
    protected detail(node: AstNode): string | undefined {
        const record = node as unknown as { callee?: { $refText?: string }; operation?: { $refText?: string } };
        return record.callee?.$refText ?? record.operation?.$refText;
    }
}
