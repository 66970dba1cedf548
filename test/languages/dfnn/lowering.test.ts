import { describe, expect, test } from 'vitest';
import type { ModelGraph, ModelNode, Trace } from '../../../metamodel/core/index.js';
import { build, buildFiles, dfnnServices } from './helpers.js';
import type { LangiumDocument } from 'langium';

function lower(document: LangiumDocument) {
    return dfnnServices().dfnn.lowering.Lowering.lower(document);
}

function graph(document: LangiumDocument, name: string): ModelGraph {
    const found = lower(document).graphs.find(g => g.graph.name === name);
    expect(found, `no graph ${name}`).toBeDefined();
    return found!.graph;
}

function node(g: ModelGraph, id: string): ModelNode {
    const found = g.nodes.find(n => n.id === id);
    expect(found, `no node ${id} in ${g.nodes.map(n => n.id).join(', ')}`).toBeDefined();
    return found!;
}

/** `line:character-line:character` of a trace (zero-based). */
function at(trace: Trace | undefined): string {
    const r = trace!.range;
    return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

const VGG = `block ConvBlock(filters: int, kernel_size = (3, 3)) {
    inputs x
    a    = Conv2D(filters, kernel_size, padding="same")(x)
    pool = MaxPooling2D((2, 2), strides=(2, 2))(a)
    outputs pool
}

network VGG {
    image = Input(shape=(32, 32, 3))
    b1    = ConvBlock(filters=32)(image)
    b2    = ConvBlock(64, (5, 5))(b1)
    flat  = Flatten()(b2)
    probs = Dense(10, activation="softmax")(flat)
}
`;

describe('lowering', () => {
    test('a network: nodes, attributes with their own traces, connections, inputs and outputs', async () => {
        const document = await build(`network N {
    x = Input(shape=(8,))
    d = Dense(10, activation="relu")(x)
}`);
        const g = graph(document, 'N');
        expect(g.kind).toBe('network');
        expect(g.metamodel).toBe('keras');
        expect(g.nodes.map(n => `${n.id}:${n.type}`)).toEqual(['x:Input', 'd:Dense']);
        expect(g.inputs).toEqual(['x']);
        expect(g.outputs).toEqual([{ node: 'd' }]);
        const d = node(g, 'd');
        expect(at(d.trace)).toBe('2:4-2:39');
        expect(at(d.nameTrace)).toBe('2:4-2:5');
        expect(at(d.typeTrace)).toBe('2:8-2:13');
        const [units, activation] = d.attributes;
        expect(units).toMatchObject({ position: 0, value: { kind: 'int', value: 10 } });
        expect(at(units.trace)).toBe('2:14-2:16');
        expect(activation).toMatchObject({ name: 'activation', value: { kind: 'string', value: 'relu' } });
        expect(at(activation.trace)).toBe('2:18-2:35');
        expect(at(activation.nameTrace)).toBe('2:18-2:28');
        expect(at(activation.value.trace)).toBe('2:29-2:35');
        expect(g.connections).toHaveLength(1);
        expect(g.connections[0]).toMatchObject({ from: { node: 'x' }, to: { node: 'd', port: 'inputs', position: 0 } });
        expect(at(g.connections[0].trace)).toBe('2:37-2:38');
    });

    test('values: numbers, strings, constants, tuples, lists, calls', async () => {
        const document = await build(`network N {
    x = Input(shape=(8,))
    d = Dense(10, a=1e-3, b=-1, c=0.5, s='it\\'s', t=True, f=False, n=None, one=(1,), none=(), pair=(3, 3), p=(3), l=[1, 2], k=l2(0.01), h=HeNormal(seed=1))(x)
}`);
        const values = Object.fromEntries(node(graph(document, 'N'), 'd').attributes.filter(a => a.name).map(a => [a.name, a.value]));
        expect(values.a).toMatchObject({ kind: 'float', value: 0.001 });
        expect(values.b).toMatchObject({ kind: 'int', value: -1 });
        expect(values.c).toMatchObject({ kind: 'float', value: 0.5 });
        expect(values.s).toMatchObject({ kind: 'string', value: "it's" });
        expect(values.t).toMatchObject({ kind: 'bool', value: true });
        expect(values.f).toMatchObject({ kind: 'bool', value: false });
        expect(values.n).toMatchObject({ kind: 'none' });
        expect(values.one).toMatchObject({ kind: 'tuple', items: [{ kind: 'int', value: 1 }] });
        expect(values.none).toMatchObject({ kind: 'tuple', items: [] });
        expect(values.pair).toMatchObject({ kind: 'tuple', items: [{ value: 3 }, { value: 3 }] });
        expect(values.p).toMatchObject({ kind: 'int', value: 3 });
        expect(values.l).toMatchObject({ kind: 'list', items: [{ value: 1 }, { value: 2 }] });
        expect(values.k).toMatchObject({ kind: 'call', callee: 'l2', args: [{ kind: 'float', value: 0.01 }] });
        expect(values.h).toMatchObject({ kind: 'call', callee: 'HeNormal', kwargs: [{ name: 'seed', value: { kind: 'int', value: 1 } }] });
    });

    test('blocks expand inline with Keras names, groups, and traces through the call site', async () => {
        const document = await build(VGG);
        const g = graph(document, 'VGG');
        expect(g.nodes.map(n => n.id)).toEqual(['image', 'b1_a', 'b1_pool', 'b2_a', 'b2_pool', 'flat', 'probs']);
        const a = node(g, 'b1_a');
        expect(a.name).toBe('b1_a');
        expect(a.group).toEqual(['b1']);
        expect(a.meta?.blocks).toEqual(['ConvBlock']);
        // The layer's own traces are in the block, via the call site's callee.
        expect(at(a.trace)).toBe('2:4-2:58');
        expect(a.trace.via?.map(at)).toEqual(['9:12-9:21']);
        expect(a.typeTrace?.via?.map(at)).toEqual(['9:12-9:21']);
        expect(a.nameTrace?.via?.map(at)).toEqual(['9:12-9:21']);
        // A parameter's value keeps the trace of the argument at the call site.
        const [filters, kernel] = a.attributes;
        expect(filters.value).toMatchObject({ kind: 'int', value: 32 });
        expect(at(filters.value.trace)).toBe('9:30-9:32');
        expect(filters.value.trace?.via).toBeUndefined();
        // A default keeps its trace in the block, via the call.
        expect(kernel.value).toMatchObject({ kind: 'tuple' });
        expect(at(kernel.value.trace)).toBe('0:44-0:50');
        expect(kernel.value.trace?.via?.map(at)).toEqual(['9:12-9:21']);
        const b2a = node(g, 'b2_a');
        expect(at(b2a.attributes[1].value.trace)).toBe('10:26-10:32');
        // Connections: into the block from the caller's tensor, out of it from the block's output.
        expect(g.connections.find(c => c.to.node === 'b1_a')?.from).toEqual({ node: 'image' });
        expect(g.connections.find(c => c.to.node === 'b2_a')?.from).toEqual({ node: 'b1_pool' });
        expect(g.outputs).toEqual([{ node: 'probs' }]);
    });

    test('blocks are also lowered on their own, with unknown parameters and placeholder inputs', async () => {
        const document = await build(VGG);
        const lowered = lower(document).graphs.find(l => l.graph.name === 'ConvBlock')!;
        expect(lowered.kind).toBe('block');
        const g = lowered.graph;
        expect(g.nodes.map(n => n.id)).toEqual(['x', 'a', 'pool']);
        expect(g.inputs).toEqual(['x']);
        expect(node(g, 'x').meta).toMatchObject({ placeholder: true, unresolved: true });
        expect(node(g, 'a').attributes[0].value).toMatchObject({ kind: 'unknown', description: 'filters' });
        expect(g.outputs).toEqual([{ node: 'pool' }]);
    });

    test('nested blocks: ids, group paths and via chains, outermost first', async () => {
        const document = await build(`block Inner(units: int) {
    inputs x
    d = Dense(units)(x)
}
block Outer() {
    inputs x
    i = Inner(4)(x)
}
network N {
    x = Input(shape=(8,))
    o = Outer()(x)
}`);
        const d = node(graph(document, 'N'), 'o_i_d');
        expect(d.group).toEqual(['o', 'o_i']);
        expect(d.meta?.blocks).toEqual(['Outer', 'Inner']);
        expect(d.trace.via?.map(at)).toEqual(['10:8-10:13', '6:8-6:13']);
        expect(at(d.attributes[0].value.trace)).toBe('6:14-6:15');
        expect(d.attributes[0].value.trace?.via?.map(at)).toEqual(['10:8-10:13']);
    });

    test('a network used as a block: its Input layers are its inputs, in order', async () => {
        const document = await build(`network Encoder {
    a = Input(shape=(8,))
    b = Input(shape=(4,))
    c = Concatenate()(a, b)
    e = Dense(2)(c)
}
network Main {
    x = Input(shape=(8,))
    y = Input(shape=(4,))
    enc = Encoder()(x, y)
    out = Dense(1)(enc)
}`);
        const g = graph(document, 'Main');
        expect(g.nodes.map(n => n.id)).toEqual(['x', 'y', 'enc_c', 'enc_e', 'out']);
        expect(g.connections.filter(c => c.to.node === 'enc_c').map(c => c.from.node)).toEqual(['x', 'y']);
        expect(g.connections.find(c => c.to.node === 'out')?.from).toEqual({ node: 'enc_e' });
    });

    test('multi-output selection: `lstm[1]` and a block with several outputs', async () => {
        const document = await build(`block Two() {
    inputs x
    a = Dense(1)(x)
    b = Dense(2)(x)
    outputs a, b
}
network N {
    x = Input(shape=(5, 3))
    l = LSTM(4, return_state=True)(x)
    d = Dense(1)(l[1])
    t = Two()(d)
    e = Concatenate()(t[0], t[1])
}`);
        const g = graph(document, 'N');
        expect(g.connections.find(c => c.to.node === 'd')?.from).toEqual({ node: 'l', index: 1 });
        expect(g.connections.filter(c => c.to.node === 'e').map(c => c.from)).toEqual([{ node: 't_a' }, { node: 't_b' }]);
    });

    test('shared layers: a declaration node and application nodes pointing at it', async () => {
        const document = await build(`network Siamese {
    left = Input(shape=(8,))
    right = Input(shape=(8,))
    shared enc = Dense(4)
    e1 = enc(left)
    e2 = enc(right)
    d = Subtract()(e1, e2)
}`);
        const g = graph(document, 'Siamese');
        expect(node(g, 'enc').meta).toEqual({ shared: true });
        for (const id of ['e1', 'e2']) {
            const application = node(g, id);
            expect(application.type).toBe('Dense');
            expect(application.meta).toEqual({ sharedLayer: 'enc' });
            expect(application.attributes[0].value).toMatchObject({ kind: 'int', value: 4 });
        }
        expect(g.connections.filter(c => c.to.node === 'e1').map(c => c.from.node)).toEqual(['left']);
        const analysis = dfnnServices().dfnn.analysis.Analyzer.analyze(document).graphs.find(a => a.lowered.graph.name === 'Siamese')!.analysis;
        expect(analysis.total).toBe(8 * 4 + 4);
    });

    test('each statement knows the nodes it produced (for hover, diagrams)', async () => {
        const document = await build(VGG);
        const lowered = lower(document).graphs.find(l => l.graph.name === 'VGG')!;
        const byName = new Map([...lowered.statementNodes].map(([statement, ids]) => [(statement as unknown as { name: string }).name, ids]));
        expect(byName.get('image')).toEqual(['image']);
        expect(byName.get('b1')).toEqual(['b1_a', 'b1_pool']);
        expect(byName.get('flat')).toEqual(['flat']);
    });

    test('is cached per document version', async () => {
        const document = await build(VGG);
        expect(lower(document)).toBe(lower(document));
    });

    test('blocks from imported files expand with their own document in the traces', async () => {
        const files = await buildFiles({
            'blocks.dfnn': `block B() {
    inputs x
    d = Dense(3)(x)
}`,
            'main.dfnn': `import "blocks.dfnn"
network N {
    x = Input(shape=(8,))
    b = B()(x)
}`
        });
        const d = node(graph(files['main.dfnn'], 'N'), 'b_d');
        expect(d.trace.uri).toBe(files['blocks.dfnn'].uri.toString());
        expect(d.trace.via?.[0].uri).toBe(files['main.dfnn'].uri.toString());
    });
});
