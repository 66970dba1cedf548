import { AstUtils, CstUtils, GrammarAST, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Position } from 'vscode-languageserver-types';

/** The property of its AST node a CST node is assigned to (`callee`, `name`, `path`, …), if any. */
export function assignedProperty(cst: CstNode): string | undefined {
    return AstUtils.getContainerOfType(cst.grammarSource, GrammarAST.isAssignment)?.feature;
}

/** The name-like leaf (identifier, string) at a position, and the property it is assigned to. */
export interface LeafAt {
    readonly leaf: CstNode;
    readonly node: AstNode;
    readonly property?: string;
}

/** The identifier or string leaf at (or right before) a position. */
export function leafAt(document: LangiumDocument, position: Position, nameRegexp: RegExp = /^[\w"']/): LeafAt | undefined {
    const root = document.parseResult?.value?.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(position);
    const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, nameRegexp);
    if (!leaf || leaf.offset + leaf.length < offset) return undefined;
    return { leaf, node: leaf.astNode, property: assignedProperty(leaf) };
}
