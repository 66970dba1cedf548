import { AstUtils, GrammarAST, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import type { Range, Trace } from '../../../metamodel/core/index.js';

/**
 * Traces of AST nodes: the document and exact range an element of the model graph came
 * from, plus the block call sites that expanded it (`via`, outermost first).
 *
 * Lowering asks for several traces per statement (the statement, its name, its callee, every
 * argument and keyword), so this is kept cheap: property ranges are found by a first-match walk
 * of the node's own CST (see {@link findNodeForProperty}) and each trace is one object.
 */
export class TraceFactory {
    private readonly uris = new WeakMap<AstNode, string>();

    /** The trace of a whole node. */
    of(node: AstNode, via: readonly Trace[] = []): Trace {
        return trace(this.uriOf(node), node.$cstNode?.range ?? EMPTY_RANGE, via);
    }

    /** The trace of one property of a node (`callee` in a call, `name` in a keyword argument). */
    ofProperty(node: AstNode, property: string, via: readonly Trace[] = []): Trace {
        const cst = node.$cstNode ? findNodeForProperty(node.$cstNode, property) : undefined;
        return trace(this.uriOf(node), (cst ?? node.$cstNode)?.range ?? EMPTY_RANGE, via);
    }

    uriOf(node: AstNode): string {
        const root = AstUtils.findRootNode(node);
        let uri = this.uris.get(root);
        if (uri === undefined) {
            uri = AstUtils.getDocument(root).uri.toString();
            this.uris.set(root, uri);
        }
        return uri;
    }
}

const EMPTY_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A trace with call sites attached (omitted when there are none). */
export function withVia(trace: Trace, via: readonly Trace[]): Trace {
    return via.length > 0 ? { ...trace, via } : { uri: trace.uri, range: trace.range };
}

function trace(uri: string, range: Range, via: readonly Trace[]): Trace {
    return via.length > 0 ? { uri, range, via } : { uri, range };
}

/** The property each grammar element assigns (`null`: none), cached: looking it up walks up the grammar. */
const assignedProperties = new WeakMap<AstNode, string | null>();

function assignedProperty(grammarSource: AstNode | undefined): string | null {
    if (!grammarSource) return null;
    let property = assignedProperties.get(grammarSource);
    if (property === undefined) {
        property = AstUtils.getContainerOfType(grammarSource, GrammarAST.isAssignment)?.feature ?? null;
        assignedProperties.set(grammarSource, property);
    }
    return property;
}

/**
 * The first CST node within `cst` that contributes to `property` of its AST node: what
 * `GrammarUtils.findNodeForProperty(cst, property)` returns, without collecting every match
 * into arrays first.
 */
export function findNodeForProperty(cst: CstNode, property: string): CstNode | undefined {
    return findFirst(cst, property, cst.astNode);
}

function findFirst(cst: CstNode, property: string, element: AstNode): CstNode | undefined {
    if (!isCompositeCstNode(cst)) return undefined;
    for (const child of cst.content) {
        if (assignedProperty(child.grammarSource) === property) return child;
        if (isCompositeCstNode(child) && child.astNode === element) {
            const found = findFirst(child, property, element);
            if (found) return found;
        }
    }
    return undefined;
}
