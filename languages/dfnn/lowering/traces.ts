import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type { Trace } from '../../../metamodel/core/index.js';

/**
 * Traces of AST nodes: the document and exact range an element of the model graph came
 * from, plus the block call sites that expanded it (`via`, outermost first).
 */
export class TraceFactory {
    private readonly uris = new WeakMap<AstNode, string>();

    /** The trace of a whole node. */
    of(node: AstNode, via: readonly Trace[] = []): Trace {
        const range = node.$cstNode?.range ?? EMPTY_RANGE;
        return withVia({ uri: this.uriOf(node), range }, via);
    }

    /** The trace of one property of a node (`callee` in a call, `name` in a keyword argument). */
    ofProperty(node: AstNode, property: string, via: readonly Trace[] = []): Trace {
        const cst = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined;
        return cst ? withVia({ uri: this.uriOf(node), range: cst.range }, via) : this.of(node, via);
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
