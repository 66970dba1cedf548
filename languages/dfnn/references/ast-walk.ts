import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

/**
 * Calls `action` for every cross-reference in the AST of `root`, in the order in which Langium
 * meets them with `streamAst(root)` and `streamReferences(node)`: nodes in pre-order, each
 * node's properties in key order. Those streams allocate several objects per AST node; on a
 * network of 10,000 layers (some 70,000 AST nodes) each full walk cost tens of milliseconds, and
 * linking and indexing each walk the whole AST.
 */
export function forEachReference(root: AstNode, action: (info: ReferenceInfo) => void): void {
    // Recursion depth is the nesting depth of the text (the parser recursed as deep already).
    const visit = (node: AstNode): void => {
        const record = node as unknown as Record<string, unknown>;
        const keys = Object.keys(node);
        for (const property of keys) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = record[property];
            if (isReference(value) || isMultiReference(value)) {
                action({ reference: value, container: node, property });
            } else if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const element: unknown = value[index];
                    if (isReference(element) || isMultiReference(element)) action({ reference: element, container: node, property, index });
                }
            }
        }
        for (const property of keys) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = record[property];
            if (isAstNode(value)) visit(value);
            else if (Array.isArray(value)) {
                for (const element of value) if (isAstNode(element)) visit(element);
            }
        }
    };
    visit(root);
}
