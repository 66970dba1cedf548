import { describe, expect, test } from 'vitest';
import { at, build, dfpServices } from './helpers.js';
import { FILES, withPipeline } from './fixtures.js';

/** Lowering pipelines to model graphs: nodes typed by operation meta-types, connections to named ports, traces. */

const TEXT = withPipeline(
    'data = Load()',
    't = Train(architecture=Net, epochs=5)(images=data.images, labels=data.labels)',
    'Output(save_name="m")(t.model)'
);

function range(text: string, line: number, needle: string, occurrence = 1) {
    const [l, c, el, ec] = at(text, line, needle, occurrence);
    return { start: { line: l, character: c }, end: { line: el, character: ec } };
}

describe('lowering', () => {
    test('steps become nodes typed by their operations, with attributes, references and traces', async () => {
        const document = await build(TEXT, FILES);
        const [pipeline] = dfpServices().dfp.lowering.Lowering.lower(document).pipelines;
        const { graph } = pipeline;
        expect(graph).toMatchObject({ name: 'P', kind: 'pipeline', metamodel: 'pipeline' });
        expect(graph.nodes.map(n => [n.id, n.name, n.type])).toEqual([['data', 'data', 'Load'], ['t', 't', 'Train'], ['Output#1', 'Output', 'Output']]);
        const t = graph.nodes[1];
        expect(t.trace.range).toEqual({ start: { line: 14, character: 4 }, end: { line: 14, character: 81 } });
        expect(t.nameTrace!.range).toEqual(range(TEXT, 14, 't'));
        expect(t.typeTrace!.range).toEqual(range(TEXT, 14, 'Train'));
        expect(t.attributes).toHaveLength(1);
        expect(t.attributes[0]).toMatchObject({ name: 'epochs', value: { kind: 'int', value: 5 } });
        expect(t.attributes[0].trace.range).toEqual(range(TEXT, 14, 'epochs=5'));
        expect(t.attributes[0].nameTrace!.range).toEqual(range(TEXT, 14, 'epochs'));
        expect(t.attributes[0].value.trace!.range).toEqual(range(TEXT, 14, '5'));
        expect(t.references).toHaveLength(1);
        expect(t.references![0]).toMatchObject({ name: 'architecture', target: 'Net', targetKind: 'network' });
        expect(t.references![0].targetTrace!.range).toEqual(range(TEXT, 14, 'Net'));
        expect(graph.nodes[2].meta).toMatchObject({ unnamed: true });
        for (const node of graph.nodes) expect(node.trace.uri).toBe(document.uri.toString());
    });

    test('connections go from `other.output` to named input ports (positional inputs take the declared order)', async () => {
        const document = await build(TEXT, FILES);
        const { graph } = dfpServices().dfp.lowering.Lowering.lower(document).pipelines[0];
        expect(graph.connections.map(c => [`${c.from.node}.${c.from.port}`, `${c.to.node}.${c.to.port}`])).toEqual([
            ['data.images', 't.images'], ['data.labels', 't.labels'], ['t.model', 'Output#1.data']
        ]);
        const [images, , output] = graph.connections;
        expect(images.trace.range).toEqual(range(TEXT, 14, 'images=data.images'));
        expect(images.fromTrace!.range).toEqual(range(TEXT, 14, 'images', 2));
        expect(output.trace.range).toEqual(range(TEXT, 15, 't.model'));
    });

    test('the pipeline metamodel: one meta-type per operation used, derived from Operation, with typed attributes and ports', async () => {
        const document = await build(TEXT, FILES);
        const analysis = dfpServices().dfp.analysis.Analyzer.analyze(document).pipelines[0];
        const train = analysis.metamodel.get('Train')!;
        expect(train.lineage).toEqual(['Train', 'Operation']);
        expect(train.attributes.map(a => ({ name: a.name, type: a.type, default: a.default, min: a.min, max: a.max, required: a.required }))).toEqual([
            { name: 'epochs', type: { kind: 'int' }, default: 20, min: 1, max: 1000, required: false },
            { name: 'optimizer', type: { kind: 'enum', values: ['adam', 'sgd'] }, default: 'adam', min: undefined, max: undefined, required: false },
            { name: 'rate', type: { kind: 'float' }, default: 0.01, min: undefined, max: undefined, required: false }
        ]);
        expect(train.references).toEqual([{ name: 'architecture', target: 'network', required: true }]);
        // `weights` has a default in `execute`: optional.
        expect(train.inputs.map(p => [p.name, p.arity])).toEqual([['images', { kind: 'exactly', n: 1 }], ['labels', { kind: 'exactly', n: 1 }], ['weights', { kind: 'atMost', n: 1 }]]);
        expect(train.outputs.map(p => p.name)).toEqual(['model']);
        expect(analysis.metamodel.get('Input')!.lineage).toEqual(['Input', 'Operation']);
        expect(analysis.metamodel.get('Output')!.inputs.map(p => p.name)).toEqual(['data']);
        expect(analysis.validation.order.map(n => n.id)).toEqual(['data', 't', 'Output#1']);
    });

    test('execution order is topological: a step written before its inputs runs after them', async () => {
        const text = withPipeline('Output(save_name="m")(t.model)', 't = Train(architecture=Net)(images=data.images, labels=data.labels)', 'data = Load()');
        const document = await build(text, FILES);
        const analysis = dfpServices().dfp.analysis.Analyzer.analyze(document).pipelines[0];
        expect(analysis.validation.order.map(n => n.id)).toEqual(['data', 't', 'Output#1']);
    });
});
