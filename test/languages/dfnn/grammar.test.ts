import { describe, expect, test } from 'vitest';
import { isLayerStatement, isNetwork, isSharedLayer } from '../../../languages/generated/ast.js';
import { build } from './helpers.js';

async function parse(text: string) {
    const document = await build(text);
    expect(document.parseResult.lexerErrors).toEqual([]);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return document.parseResult.value;
}

describe('grammar', () => {
    test('imports, networks, blocks with typed parameters and defaults, comments', async () => {
        const model = await parse(`# a comment
import "other.dfnn"   # trailing comment
block B(filters: int, kernel_size = (3, 3), rate: float = 0.5,) {
    inputs x, y
    a = Add()(x, y)
    outputs a
}
network N {
    x = Input(shape=(8,))
}`);
        expect(model.imports.map(i => i.path)).toEqual(['other.dfnn']);
        expect(model.elements.map(e => e.name)).toEqual(['B', 'N']);
    });

    test('statements: layers, shared layers, applications, outputs with selections', async () => {
        const model = await parse(`network N {
    x = Input(shape=(5, 3))
    shared enc = Dense(64)
    e1 = enc(x)
    l = LSTM(4, return_state=True,)(x,)
    s = Concatenate(axis=-1)(l[0], l[1], l[2])
    outputs s, e1
}`);
        const network = model.elements[0];
        expect(isNetwork(network)).toBe(true);
        if (!isNetwork(network)) return;
        expect(network.statements.filter(isSharedLayer).map(s => s.name)).toEqual(['enc']);
        const s = network.statements.filter(isLayerStatement).find(st => st.name === 's')!;
        expect(s.inputs?.inputs.map(i => `${i.target.$refText}[${i.index}]`)).toEqual(['l[0]', 'l[1]', 'l[2]']);
    });

    test('values: every literal form', async () => {
        await parse(`network N {
    x = Input(shape=(8,))
    d = Dense(10, a=1e-3, b=-1, c=.5, e=2., f=1E+4, s="a \\"q\\" b", t='x', u=True, v=False, w=None,
              p=(1,), q=(), r=[1, [2, 3]], k=l2(0.01), h=HeNormal(seed=1), n=Bidirectional(LSTM(64, return_sequences=True)))(x)
}`);
    });

    test('a syntax error is reported with its position', async () => {
        const document = await build('network N {\n    x = Input(shape=(8,)\n}');
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
    });
});

describe('incomplete text (as typed in an editor)', () => {
    const broken = [
        'network N {\n    x = Input(shape=(8,)\n    y = Dense(3)(x) $\n}\nblock\n',
        'network {\n    x = Input(shape=(8,))\n}',
        'network N {\n    x = \n    y = Dense(3)(x)\n}',
        'network N {\n    x = Input(shape=(8,))\n    y = Dense(3)(x\n',
        'block B(a: , b = ) {\n    inputs\n    c = Dense(a)(\n}',
        'network N {\n    shared = Dense(3)\n    outputs\n}',
        'import\nnetwork N { x = Input(shape=(8,)) y = N()(x) }'
    ];
    test.each(broken)('no internal errors: %#', async text => {
        const document = await build(text);
        const messages = (document.diagnostics ?? []).map(d => d.message);
        expect(messages.filter(m => /error occurred|internal/i.test(m))).toEqual([]);
    });
});
