import type { Trace } from './source.js';
import type { Value } from './values.js';

/**
 * The model graph: the shared currency between the languages and everything downstream
 * (checks, inference, diagrams, generators, execution). Languages lower their AST into it;
 * nothing downstream reads the AST.
 */

/** An attribute as written: by keyword (`name`) or by position (`position`). */
export interface AttributeAssignment {
    /** The keyword, for `units=10`; absent for positional arguments. */
    readonly name?: string;
    /** Zero-based position among the positional arguments. */
    readonly position?: number;
    readonly value: Value;
    /** The whole `name=value` text (or the value, for positional ones). */
    readonly trace: Trace;
    /** Just the keyword. */
    readonly nameTrace?: Trace;
}

/** A reference of a node to another model element: `architecture=VGG`. */
export interface NodeReference {
    /** The reference's name (`architecture`). */
    readonly name: string;
    /** The referenced element's name (`VGG`). */
    readonly target: string;
    /**
     * The kind of the element the name resolved to (`network`, `block`, `pipeline`, …), when the
     * language resolved it; absent when it resolved to nothing (the language reports that).
     */
    readonly targetKind?: string;
    /** The whole `name=target` text. */
    readonly trace: Trace;
    /** Just the name. */
    readonly nameTrace?: Trace;
    /** Just the target. */
    readonly targetTrace?: Trace;
}

/** An instance of a meta-type. */
export interface ModelNode {
    /** Unique within its graph; stable across edits of unrelated text (derived from names). */
    readonly id: string;
    /** The user-visible name: a layer name (`b1_conv`), a step name. */
    readonly name: string;
    /** The meta-type's name as written (may be an alias). */
    readonly type: string;
    readonly attributes: readonly AttributeAssignment[];
    /** References to other model elements by name (e.g. `architecture=VGG`). */
    readonly references?: readonly NodeReference[];
    /** The whole statement that made the node. */
    readonly trace: Trace;
    /** The name's range, for diagnostics about the node itself. */
    readonly nameTrace?: Trace;
    /** The type name's range (`Conv2D` in `Conv2D(32, 3)`), where most diagnostics go. */
    readonly typeTrace?: Trace;
    /** Group path for nodes expanded from blocks: `['b1']` for the layers of block call `b1`. */
    readonly group?: readonly string[];
    /** Free-form domain data (e.g. `shared: true`, the block a group came from). */
    readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * Node meta key: the language could not resolve the node's type and has already reported it
 * (e.g. a misspelt callee). Checks skip such a node; it stays in the graph so that its
 * connections do not dangle.
 */
export const UNRESOLVED_NODE = 'unresolved';

/**
 * Node meta key: some of the node's inputs could not be resolved (the language has reported
 * them), so its connections are incomplete: their number is not checked and nothing is
 * inferred from them.
 */
export const INCOMPLETE_INPUTS = 'incompleteInputs';

/** One end of a connection: an output of a node. `index` picks one of several outputs (`lstm[1]`). */
export interface OutputEnd {
    readonly node: string;
    readonly port?: string;
    readonly index?: number;
}

/** The other end: an input port of a node, and the position among that port's connections. */
export interface InputEnd {
    readonly node: string;
    readonly port: string;
    readonly position: number;
}

/** A connection from an output to an input. */
export interface Connection {
    readonly from: OutputEnd;
    readonly to: InputEnd;
    /** The text that made the connection (the input reference). */
    readonly trace: Trace;
    /** Just the text naming the output (`train_images` in `images=data.train_images`), where it has one. */
    readonly fromTrace?: Trace;
}

/** A graph: a network, a pipeline, or any domain's composite. */
export interface ModelGraph {
    /** The graph's own name (`VGG`). */
    readonly name: string;
    /** The kind of composite (`network`, `block`, `pipeline`, …). */
    readonly kind: string;
    /** The metamodel its nodes are typed by. */
    readonly metamodel: string;
    readonly nodes: readonly ModelNode[];
    readonly connections: readonly Connection[];
    /** Graph inputs (node ids), in order. */
    readonly inputs: readonly string[];
    /** Graph outputs, in order. */
    readonly outputs: readonly OutputEnd[];
    readonly trace: Trace;
    readonly nameTrace?: Trace;
}

/** Index over a graph for the lookups every pass needs. Build it once per graph. */
export class GraphIndex {
    readonly nodes = new Map<string, ModelNode>();
    private readonly incoming = new Map<string, Connection[]>();
    private readonly outgoing = new Map<string, Connection[]>();

    constructor(readonly graph: ModelGraph) {
        for (const node of graph.nodes) {
            this.nodes.set(node.id, node);
            this.incoming.set(node.id, []);
            this.outgoing.set(node.id, []);
        }
        for (const connection of graph.connections) {
            this.incoming.get(connection.to.node)?.push(connection);
            this.outgoing.get(connection.from.node)?.push(connection);
        }
        for (const list of this.incoming.values()) list.sort((a, b) => a.to.position - b.to.position);
    }

    node(id: string): ModelNode | undefined {
        return this.nodes.get(id);
    }

    /** Connections into a node, ordered by input position. */
    inputsOf(id: string, port?: string): Connection[] {
        const all = this.incoming.get(id) ?? [];
        return port === undefined ? all : all.filter(c => c.to.port === port);
    }

    /** Connections out of a node. */
    outputsOf(id: string): Connection[] {
        return this.outgoing.get(id) ?? [];
    }

    /**
     * Nodes in a topological order (inputs before consumers, otherwise in source order),
     * and the nodes that sit on cycles.
     */
    topologicalOrder(): { order: ModelNode[]; cyclic: ModelNode[] } {
        const indegree = new Map<string, number>();
        for (const node of this.graph.nodes) indegree.set(node.id, 0);
        for (const connection of this.graph.connections) {
            if (indegree.has(connection.to.node) && indegree.has(connection.from.node)) {
                indegree.set(connection.to.node, indegree.get(connection.to.node)! + 1);
            }
        }
        const position = new Map(this.graph.nodes.map((n, i) => [n.id, i]));
        // A min-heap on source position would be O(n log n); nodes are mostly written in order,
        // so a sorted ready list with binary insertion is simpler and fast in practice.
        const ready = this.graph.nodes.filter(n => indegree.get(n.id) === 0).map(n => n.id);
        const order: ModelNode[] = [];
        while (ready.length > 0) {
            const id = ready.shift()!;
            order.push(this.nodes.get(id)!);
            for (const connection of this.outputsOf(id)) {
                const target = connection.to.node;
                if (!indegree.has(target)) continue;
                const remaining = indegree.get(target)! - 1;
                indegree.set(target, remaining);
                if (remaining === 0) insertSorted(ready, target, position);
            }
        }
        const cyclic = this.graph.nodes.filter(n => indegree.get(n.id)! > 0);
        return { order, cyclic };
    }
}

function insertSorted(list: string[], id: string, position: Map<string, number>): void {
    const p = position.get(id)!;
    let lo = 0, hi = list.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (position.get(list[mid])! < p) lo = mid + 1; else hi = mid;
    }
    list.splice(lo, 0, id);
}
