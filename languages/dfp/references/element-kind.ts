import type { AstNode } from 'langium';
import { isBlock, isModelNodeDeclaration, isNetwork, isOperation, isPipeline } from '../../generated/ast.js';

/**
 * The kind of a top-level element that a name in a `.dfp` argument may resolve to, as
 * reference declarations and messages spell it: `network`, `block` (of `.dfnn` files),
 * `operation`, `pipeline` (of `.dfp` files).
 */
export function elementKind(node: AstNode | undefined): string | undefined {
    if (isNetwork(node)) return 'network';
    if (isBlock(node)) return 'block';
    if (isPipeline(node)) return 'pipeline';
    if (isOperation(node)) return 'operation';
    // A node of a data-only language's document (`Dataset digits` of a catalogue): its type, lower case.
    if (isModelNodeDeclaration(node)) return node.type.toLowerCase();
    return undefined;
}
