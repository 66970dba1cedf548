import { GraphIndex, type ModelGraph, type ModelNode } from './model-graph.js';

/**
 * Structural checks that hold for any model graph, whatever its domain: cycles and
 * unused nodes. They return findings; languages decide how to word and place them.
 */

/**
 * The cycles of a graph: its strongly connected components with more than one node, and
 * nodes connected to themselves. Each cycle lists its nodes in source order.
 * Linear in the size of the graph (Tarjan's algorithm, iterative so deep graphs do not
 * overflow the stack).
 */
export function findCycles(graph: ModelGraph, index: GraphIndex = new GraphIndex(graph)): ModelNode[][] {
    // Nodes are numbered by source position; per-node state lives in typed arrays.
    const nodes = graph.nodes;
    const position = index.positions;
    const n = nodes.length;
    const order = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack: number[] = [];
    const components: number[][] = [];
    let counter = 0;
    const successors = (v: number): number[] => {
        const next: number[] = [];
        for (const connection of index.outputsOf(nodes[v].id)) {
            const w = position.get(connection.to.node);
            if (w !== undefined) next.push(w);
        }
        return next;
    };

    for (let root = 0; root < n; root++) {
        if (order[root] >= 0) continue;
        const work: Array<{ v: number; next: number[]; i: number }> = [];
        const visit = (v: number) => {
            order[v] = low[v] = counter++;
            stack.push(v);
            onStack[v] = 1;
            work.push({ v, next: successors(v), i: 0 });
        };
        visit(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            if (frame.i < frame.next.length) {
                const target = frame.next[frame.i++];
                if (order[target] < 0) visit(target);
                else if (onStack[target]) low[frame.v] = Math.min(low[frame.v], order[target]);
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].v;
                low[parent] = Math.min(low[parent], low[frame.v]);
            }
            if (low[frame.v] === order[frame.v]) {
                const component: number[] = [];
                let member: number;
                do {
                    member = stack.pop()!;
                    onStack[member] = 0;
                    component.push(member);
                } while (member !== frame.v);
                components.push(component);
            }
        }
    }

    return components
        .filter(component => component.length > 1 || successors(component[0]).includes(component[0]))
        .map(component => component.sort((a, b) => a - b).map(v => nodes[v]))
        .sort((a, b) => position.get(a[0].id)! - position.get(b[0].id)!);
}

/** Options of {@link findUnused}. */
export interface UnusedOptions {
    /** Nodes never reported (e.g. declarations that are used by reference rather than by connection). */
    readonly exclude?: (node: ModelNode) => boolean;
}

/**
 * Nodes whose outputs feed nothing and that are not graph outputs, in source order:
 * work that has no effect on the result.
 */
export function findUnused(graph: ModelGraph, index: GraphIndex = new GraphIndex(graph), options: UnusedOptions = {}): ModelNode[] {
    const outputs = new Set(graph.outputs.map(end => end.node));
    return graph.nodes.filter(node =>
        !outputs.has(node.id)
        && index.outputsOf(node.id).length === 0
        && !(options.exclude?.(node) ?? false));
}

/** Nodes that feed nothing (the candidates for a graph's outputs when none are declared), in source order. */
export function findSinks(graph: ModelGraph, index: GraphIndex = new GraphIndex(graph), options: UnusedOptions = {}): ModelNode[] {
    return graph.nodes.filter(node => index.outputsOf(node.id).length === 0 && !(options.exclude?.(node) ?? false));
}

/** A closed path through a cycle's nodes, from its first node back to it. */
export function cyclePath(cycle: readonly ModelNode[], index: GraphIndex): ModelNode[] {
    const members = new Set(cycle.map(n => n.id));
    const start = cycle[0].id;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
        const id = queue.shift()!;
        for (const connection of index.outputsOf(id)) {
            const next = connection.to.node;
            if (!members.has(next)) continue;
            if (next === start) {
                const path = [id];
                for (let at = id; at !== start;) {
                    at = previous.get(at)!;
                    path.unshift(at);
                }
                return [...path, start].map(p => index.node(p)!);
            }
            if (!previous.has(next)) {
                previous.set(next, id);
                queue.push(next);
            }
        }
    }
    return [...cycle, cycle[0]];
}
