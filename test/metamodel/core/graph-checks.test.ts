import { describe, expect, test } from 'vitest';
import { findCycles, findSinks, findUnused, NO_TRACE, type ModelGraph } from '../../../metamodel/core/index.js';

/** A graph from `a->b` edges; nodes in the order given. */
function graph(nodes: string[], edges: string[], outputs: string[] = []): ModelGraph {
    return {
        name: 'g', kind: 'test', metamodel: 'test', trace: NO_TRACE,
        nodes: nodes.map(id => ({ id, name: id, type: 'T', attributes: [], trace: NO_TRACE })),
        connections: edges.map((edge, position) => {
            const [from, to] = edge.split('->');
            return { from: { node: from }, to: { node: to, port: 'in', position }, trace: NO_TRACE };
        }),
        inputs: [],
        outputs: outputs.map(node => ({ node }))
    };
}

describe('graph checks', () => {
    test('no cycles in a DAG', () => {
        expect(findCycles(graph(['a', 'b', 'c'], ['a->b', 'b->c', 'a->c']))).toEqual([]);
    });

    test('cycles are strongly connected components, in source order; self-loops count', () => {
        const cycles = findCycles(graph(['x', 'a', 'b', 'c', 'd', 'e'], ['x->a', 'a->b', 'b->c', 'c->a', 'd->d', 'c->e']));
        expect(cycles.map(c => c.map(n => n.id))).toEqual([['a', 'b', 'c'], ['d']]);
    });

    test('deep graphs do not overflow the stack', () => {
        const ids = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
        const edges = ids.slice(1).map((id, i) => `${ids[i]}->${id}`).concat(`${ids[ids.length - 1]}->${ids[0]}`);
        expect(findCycles(graph(ids, edges))[0]).toHaveLength(50_000);
    });

    test('unused: feeds nothing and is not an output; exclusions apply', () => {
        const g = graph(['a', 'b', 'c', 'd'], ['a->b', 'a->c'], ['b']);
        expect(findUnused(g).map(n => n.id)).toEqual(['c', 'd']);
        expect(findUnused(g, undefined, { exclude: n => n.id === 'd' }).map(n => n.id)).toEqual(['c']);
        expect(findSinks(g).map(n => n.id)).toEqual(['b', 'c', 'd']);
    });
});
