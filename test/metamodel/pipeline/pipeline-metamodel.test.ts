import { describe, expect, test } from 'vitest';
import { Arity, NO_TRACE, T, type ModelGraph, type ModelNode } from '../../../metamodel/core/index.js';
import { createPipelineMetamodel, OPERATION_TYPE, operationSpecOf, validatePipeline, type OperationSpec } from '../../../metamodel/pipeline/index.js';

/** The pipeline metamodel on its own: no language, graphs built by hand. */

const TRAIN: OperationSpec = {
    name: 'Train',
    attributes: [{ name: 'epochs', type: T.int, default: 20, min: 1, max: 1000 }],
    references: [{ name: 'architecture', kind: 'network', required: true }],
    inputs: [{ name: 'images', required: true }, { name: 'weights', required: false }],
    outputs: [{ name: 'model' }],
    code: 'train.py'
};

function node(id: string, type: string, extra: Partial<ModelNode> = {}): ModelNode {
    return { id, name: id, type, attributes: [], trace: NO_TRACE, ...extra };
}

function graph(nodes: ModelNode[], connections: Array<[string, string, string, string]>): ModelGraph {
    return {
        name: 'P', kind: 'pipeline', metamodel: 'pipeline', nodes, inputs: [], outputs: [], trace: NO_TRACE,
        connections: connections.map(([from, port, to, input], i) => ({ from: { node: from, port }, to: { node: to, port: input, position: i }, trace: NO_TRACE }))
    };
}

describe('pipeline metamodel', () => {
    test('operations are meta-types derived from the abstract Operation; the built-ins too', () => {
        const metamodel = createPipelineMetamodel([TRAIN]);
        expect(metamodel.get(OPERATION_TYPE)!.definition.abstract).toBe(true);
        const train = metamodel.get('Train')!;
        expect(train.lineage).toEqual(['Train', 'Operation']);
        expect(train.inputs.map(p => p.arity)).toEqual([Arity.exactly(1), Arity.atMost(1)]);
        expect(operationSpecOf(train.definition)).toBe(TRAIN);
        expect(metamodel.get('Input')!.attributes.map(a => [a.name, a.required])).toEqual([['artifact', true]]);
        expect(metamodel.get('Input')!.outputs.map(p => p.name)).toEqual(['data']);
        expect(metamodel.get('Output')!.inputs.map(p => p.name)).toEqual(['data']);
    });

    test('an operation named like a built-in shadows it; the base name is reserved', () => {
        const input: OperationSpec = { name: 'Input', attributes: [], references: [], inputs: [], outputs: [{ name: 'x' }] };
        const base: OperationSpec = { name: 'Operation', attributes: [], references: [], inputs: [], outputs: [] };
        const metamodel = createPipelineMetamodel([input, base]);
        expect(metamodel.get('Input')!.outputs.map(p => p.name)).toEqual(['x']);
        expect(metamodel.get('Operation')!.definition.abstract).toBe(true);
    });

    test('validation: fed twice, unconnected, references, unknown output ports, cycles, execution order', () => {
        const metamodel = createPipelineMetamodel([TRAIN]);
        const messages = validatePipeline(graph([
            node('src', 'Input', { attributes: [{ name: 'artifact', value: { kind: 'string', value: 'a' }, trace: NO_TRACE }] }),
            node('a', 'Train', { references: [{ name: 'architecture', target: 'P', targetKind: 'pipeline', trace: NO_TRACE }] }),
            node('b', 'Train'),
            node('c', 'Train', { references: [{ name: 'architecture', target: 'N', targetKind: 'network', trace: NO_TRACE }] })
        ], [
            ['src', 'data', 'a', 'images'], ['src', 'data', 'a', 'images'], ['src', 'dta', 'c', 'images'], ['c', 'model', 'c', 'weights']
        ]), metamodel).diagnostics.map(d => d.message);
        expect(messages).toEqual([
            'input `images` of step `a` is fed twice: it already gets `src.data`',
            'input `images` of step `b` is not connected (its `execute` parameter has no default)',
            '`architecture` of `Train` takes a network, but `P` is a pipeline',
            'missing required reference `architecture` (a network) for `Train`',
            '`Input` has no output `dta` — did you mean `data`?',
            'step `c` is part of a cycle: c → c'
        ]);
        const order = validatePipeline(graph([node('z', 'Train'), node('src', 'Input')], [['src', 'data', 'z', 'images']]), metamodel).order;
        expect(order.map(n => n.id)).toEqual(['src', 'z']);
    });
});
