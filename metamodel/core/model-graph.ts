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
    private positionsById?: Map<string, number>;

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
        for (const list of this.incoming.values()) if (list.length > 1) list.sort((a, b) => a.to.position - b.to.position);
    }

    /** Each node's position in `graph.nodes` (source order), by id. */
    get positions(): ReadonlyMap<string, number> {
        return (this.positionsById ??= new Map(this.graph.nodes.map((node, i) => [node.id, i])));
    }

    node(id: string): ModelNode | undefined {
        return this.nodes.get(id);
    }

    /** Connections into a node, ordered by input position. */
    inputsOf(id: string, port?: string): Connection[] {
        const all = this.incoming.get(id) ?? [];
        // Checks and inference ask per port for every node; nodes mostly have one port: no copy then.
        return port === undefined || all.every(c => c.to.port === port) ? all : all.filter(c => c.to.port === port);
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
        // Kahn's algorithm over source positions: among the nodes whose inputs are all placed, the
        // earliest in the source goes next (a min-heap of positions).
        const nodes = this.graph.nodes;
        const position = this.positions;
        const indegree = new Int32Array(nodes.length);
        for (const connection of this.graph.connections) {
            const to = position.get(connection.to.node);
            if (to !== undefined && position.has(connection.from.node)) indegree[to]++;
        }
        const ready = new MinHeap();
        for (let i = 0; i < nodes.length; i++) if (indegree[i] === 0) ready.push(i);
        const order: ModelNode[] = [];
        while (ready.size > 0) {
            const node = nodes[ready.pop()];
            order.push(node);
            for (const connection of this.outputsOf(node.id)) {
                const target = position.get(connection.to.node);
                if (target !== undefined && --indegree[target] === 0) ready.push(target);
            }
        }
        const cyclic = nodes.filter((_, i) => indegree[i] > 0);
        return { order, cyclic };
    }
}

/** A binary min-heap of numbers. */
class MinHeap {
    private readonly items: number[] = [];

    get size(): number {
        return this.items.length;
    }

    push(value: number): void {
        const items = this.items;
        let i = items.push(value) - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (items[parent] <= value) break;
            items[i] = items[parent];
            i = parent;
        }
        items[i] = value;
    }

    pop(): number {
        const items = this.items;
        const top = items[0];
        const last = items.pop()!;
        if (items.length > 0) {
            let i = 0;
            for (;;) {
                const left = 2 * i + 1;
                if (left >= items.length) break;
                const child = left + 1 < items.length && items[left + 1] < items[left] ? left + 1 : left;
                if (items[child] >= last) break;
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
        }
        return top;
    }
}
