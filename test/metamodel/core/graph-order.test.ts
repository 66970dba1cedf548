import { describe, expect, test } from 'vitest';
import { findCycles, GraphIndex, NO_TRACE, type ModelGraph, type ModelNode } from '../../../metamodel/core/index.js';

/**
 * The topological order and the cycles, computed with typed arrays and a heap for speed, are
 * exactly those of the straightforward definitions below, on random graphs with and without cycles.
 */

function graph(n: number, edges: Array<[number, number]>): ModelGraph {
    return {
        name: 'g', kind: 'test', metamodel: 'test', trace: NO_TRACE,
        nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, name: `n${i}`, type: 'T', attributes: [], trace: NO_TRACE })),
        connections: edges.map(([from, to], position) => ({ from: { node: `n${from}` }, to: { node: `n${to}`, port: 'in', position }, trace: NO_TRACE })),
        inputs: [],
        outputs: []
    };
}

/** Kahn's algorithm, always taking the earliest ready node in source order. */
function referenceOrder(g: ModelGraph): { order: string[]; cyclic: string[] } {
    const indegree = new Map(g.nodes.map(node => [node.id, 0]));
    for (const c of g.connections) indegree.set(c.to.node, indegree.get(c.to.node)! + 1);
    const placed: string[] = [];
    const done = new Set<string>();
    for (;;) {
        const next = g.nodes.find(node => !done.has(node.id) && indegree.get(node.id) === 0);
        if (!next) break;
        done.add(next.id);
        placed.push(next.id);
        for (const c of g.connections) if (c.from.node === next.id) indegree.set(c.to.node, indegree.get(c.to.node)! - 1);
    }
    return { order: placed, cyclic: g.nodes.filter(node => !done.has(node.id)).map(node => node.id) };
}

/** Cycles by definition: nodes that reach each other, grouped, in source order. */
function referenceCycles(g: ModelGraph): string[][] {
    const ids = g.nodes.map(node => node.id);
    const reach = new Map(ids.map(id => [id, new Set<string>()]));
    for (const id of ids) {
        const seen = reach.get(id)!;
        const queue = g.connections.filter(c => c.from.node === id).map(c => c.to.node);
        while (queue.length > 0) {
            const next = queue.pop()!;
            if (seen.has(next)) continue;
            seen.add(next);
            queue.push(...g.connections.filter(c => c.from.node === next).map(c => c.to.node));
        }
    }
    const cycles: string[][] = [];
    const assigned = new Set<string>();
    for (const id of ids) {
        if (assigned.has(id) || !reach.get(id)!.has(id)) continue;
        const cycle = ids.filter(other => other === id || (reach.get(id)!.has(other) && reach.get(other)!.has(id)));
        cycle.forEach(member => assigned.add(member));
        cycles.push(cycle);
    }
    return cycles;
}

function random(seed: number): () => number {
    return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const names = (nodes: readonly ModelNode[]) => nodes.map(node => node.id);

describe('topological order and cycles', () => {
    test('match their definitions on random graphs', () => {
        const next = random(42);
        for (let round = 0; round < 300; round++) {
            const n = 1 + Math.floor(next() * 30);
            const edges: Array<[number, number]> = [];
            const count = Math.floor(next() * n * 2);
            const acyclic = round % 2 === 0;
            for (let e = 0; e < count; e++) {
                const a = Math.floor(next() * n);
                const b = Math.floor(next() * n);
                // Half the graphs are DAGs written in any order (edges from a lower to a higher number, nodes shuffled below).
                if (acyclic && a >= b) continue;
                edges.push([a, b]);
            }
            const g = graph(n, edges);
            if (acyclic) (g.nodes as ModelNode[]).sort(() => next() - 0.5);
            const { order, cyclic } = new GraphIndex(g).topologicalOrder();
            expect({ order: names(order), cyclic: names(cyclic) }).toEqual(referenceOrder(g));
            expect(findCycles(g).map(names)).toEqual(referenceCycles(g));
        }
    });
});
