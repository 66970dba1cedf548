import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { build, buildFiles, diagnosticsOf, textAt } from './helpers.js';

/**
 * The diagnostics table of docs/design LANGUAGES.md, row by row: the message (its key part)
 * and the exact range (zero-based line/character, as in the LSP).
 */

interface Expected {
    readonly message: string | RegExp;
    readonly range: [number, number, number, number];
    readonly severity?: 'error' | 'warning';
    /** The text under the range, as a readable double check of the numbers. */
    readonly text?: string;
}

const SEVERITY = { error: 1, warning: 2 } as const;

function find(diagnostics: Diagnostic[], message: string | RegExp): Diagnostic | undefined {
    return diagnostics.find(d => typeof message === 'string' ? d.message.includes(message) : message.test(d.message));
}

async function expectDiagnostic(text: string, expected: Expected): Promise<Diagnostic> {
    const document = await build(text);
    const diagnostics = diagnosticsOf(document);
    const diagnostic = find(diagnostics, expected.message);
    expect(diagnostic, `no diagnostic ${expected.message} among:\n${diagnostics.map(d => d.message).join('\n')}`).toBeDefined();
    const [line, character, endLine, endCharacter] = expected.range;
    expect(diagnostic!.range).toEqual({ start: { line, character }, end: { line: endLine, character: endCharacter } });
    expect(diagnostic!.severity).toBe(SEVERITY[expected.severity ?? 'error']);
    if (expected.text !== undefined) expect(textAt(document, diagnostic!)).toBe(expected.text);
    return diagnostic!;
}

async function expectNoErrors(text: string): Promise<void> {
    const document = await build(text);
    expect(diagnosticsOf(document).filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
}

describe('LANGUAGES.md diagnostics table', () => {
    test('missing required argument: error on the layer type', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8, 8, 3))
    c = Conv2D(kernel_size=(3, 3))(x)
}`, { message: 'missing required argument `filters` for `Conv2D`', range: [2, 8, 2, 14], text: 'Conv2D' });
    });

    test('Input without shape', async () => {
        await expectDiagnostic(`network N {
    x = Input()
    d = Dense(3)(x)
}`, { message: '`Input` needs `shape` (or `batch_shape`)', range: [1, 8, 1, 13], text: 'Input' });
    });

    test('too many inputs: error on the second input', async () => {
        await expectDiagnostic(`network N {
    a = Input(shape=(4,))
    b = Input(shape=(4,))
    d = Dense(10)(a, b)
}`, { message: '`Dense` takes exactly one input, got 2', range: [3, 21, 3, 22], text: 'b' });
    });

    test('enum value: error on the string, with the closest value as a quick fix', async () => {
        const diagnostic = await expectDiagnostic(`network N {
    x = Input(shape=(8, 8, 3))
    c = Conv2D(32, (3,3), padding="sme")(x)
}`, { message: '`padding` expects "valid" or "same", got "sme" — did you mean "same"?', range: [2, 34, 2, 39], text: '"sme"' });
        expect((diagnostic.data as { fixes: Array<{ newText: string }> }).fixes[0].newText).toBe('"same"');
    });

    test('Conv1D also takes "causal"', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(16, 3))
    c = Conv1D(8, 3, padding="casual")(x)
}`, { message: /`padding` expects .*"causal", got "casual"/, range: [2, 29, 2, 37], text: '"casual"' });
    });

    test('argument type', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dense(units="ten")(x)
}`, { message: '`units` expects int, got string `"ten"`', range: [2, 20, 2, 25], text: '"ten"' });
    });

    test('input rank: error on the input, naming the expected axes and the shape', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(10,))
    c = Conv2D(32, (3,3))(x)
}`, { message: 'expects rank-4 input `(batch, h, w, c)`, got `(None, 10)`', range: [2, 26, 2, 27], text: 'x' });
    });

    test('output size would be negative', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(3, 3, 1))
    c = Conv2D(8, (5,5), padding="valid")(x)
}`, { message: 'output size would be -1', range: [2, 18, 2, 23], text: '(5,5)' });
    });

    test('Concatenate: names both shapes and the axis', async () => {
        const diagnostic = await expectDiagnostic(`network N {
    a = Input(shape=(4, 4, 8))
    b = Input(shape=(8, 8, 8))
    c = Concatenate()(a, b)
}`, { message: 'Concatenate `c`', range: [3, 25, 3, 26], text: 'b' });
        expect(diagnostic.message).toContain('(None, 4, 4, 8)');
        expect(diagnostic.message).toContain('(None, 8, 8, 8)');
        expect(diagnostic.message).toMatch(/axis/);
    });

    test('unknown argument, with did-you-mean', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dense(10, activtion="relu")(x)
}`, { message: 'unknown argument `activtion` for `Dense` — did you mean `activation`?', range: [2, 18, 2, 27], text: 'activtion' });
    });

    test('a cycle: each layer on it, at its name', async () => {
        const text = `network N {
    x = Input(shape=(8,))
    a = Dense(10)(b)
    b = Dense(10)(a)
    c = Dense(10)(x)
}`;
        await expectDiagnostic(text, { message: '`a` is part of a cycle: a → b → a', range: [2, 4, 2, 5], text: 'a' });
        await expectDiagnostic(text, { message: '`b` is part of a cycle: a → b → a', range: [3, 4, 3, 5], text: 'b' });
    });

    test('a layer fed by itself is a cycle', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    a = Add()(x, a)
}`, { message: '`a` is part of a cycle: a → a', range: [2, 4, 2, 5] });
    });

    test('a duplicate name: error at the second definition', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dense(10)(x)
    d = Dense(3)(x)
}`, { message: 'duplicate name `d` in network `N`: already defined on line 3', range: [3, 4, 3, 5], text: 'd' });
    });

    test('an undefined reference, with did-you-mean', async () => {
        await expectDiagnostic(`network N {
    image = Input(shape=(8,))
    d = Dense(10)(imag)
}`, { message: 'undefined name `imag` in network `N` — did you mean `image`?', range: [2, 18, 2, 22], text: 'imag' });
    });

    test('an undefined reference does not also count as a missing input', async () => {
        const document = await build(`network N {
    x = Input(shape=(8,))
    d = Dense(10)(y)
}`);
        expect(diagnosticsOf(document).map(d => d.message)).toEqual(['undefined name `y` in network `N`']);
    });

    test('an unused layer: warning at its name', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dense(10)(x)
    e = Dense(3)(x)
    outputs d
}`, { message: 'layer `e` is never used: its output feeds no layer and is not an output of network `N`', range: [3, 4, 3, 5], severity: 'warning', text: 'e' });
    });
});

describe('layer types and values', () => {
    test('unknown layer type: at the callee, with did-you-mean from the metamodel', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dens(10)(x)
}`, { message: 'unknown layer type `Dens` — did you mean `Dense`?', range: [2, 8, 2, 12], text: 'Dens' });
    });

    test('a layer removed in Keras 3 says what to use instead', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8, 3))
    l = CuDNNLSTM(8)(x)
}`, { message: 'unknown layer type `CuDNNLSTM`: removed — `LSTM` uses cuDNN automatically', range: [2, 8, 2, 17], text: 'CuDNNLSTM' });
    });

    test('an unknown callee is reported once (not again by the metamodel)', async () => {
        const document = await build(`network N {
    x = Input(shape=(8,))
    d = Dens(10)(x)
}`);
        expect(diagnosticsOf(document)).toHaveLength(1);
    });

    test('aliases are layer types', async () => {
        await expectNoErrors(`network N {
    x = Input(shape=(8, 8, 3))
    c = Convolution2D(4, 3)(x)
    p = MaxPool2D()(c)
}`);
    });

    test('unknown argument of a nested layer', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(5, 8))
    l = Bidirectional(LSTM(64, return_sequencs=True))(x)
}`, { message: 'unknown argument `return_sequencs` for `LSTM` — did you mean `return_sequences`?', range: [2, 31, 2, 46], text: 'return_sequencs' });
    });

    test('missing argument of a nested layer: at its callee', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(5, 8))
    l = Bidirectional(LSTM(return_sequences=True))(x)
}`, { message: 'missing required argument `units` for `LSTM`', range: [2, 22, 2, 26], text: 'LSTM' });
    });

    test('unknown helper object, with did-you-mean of the same case', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dense(4, kernel_regularizer=l3(0.1))(x)
}`, { message: /^unknown regularizer `l3` for `kernel_regularizer` — did you mean `l[12]`\?$/, range: [2, 36, 2, 38], text: 'l3' });
    });

    test('unknown argument of a helper object', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dense(4, kernel_initializer=HeNormal(sed=1))(x)
}`, { message: 'unknown argument `sed` for `HeNormal` — did you mean `seed`?', range: [2, 45, 2, 48], text: 'sed' });
    });

    test('helper objects and nested layers that are right pass', async () => {
        await expectNoErrors(`network N {
    x = Input(shape=(5, 8))
    l = Bidirectional(LSTM(64, return_sequences=True, kernel_regularizer=l2(0.01)))(x)
    d = Dense(3, kernel_initializer=HeNormal(seed=1), bias_regularizer=L1L2(l1=0.01, l2=1e-3))(l)
}`);
    });

    test('a layer output used as a value', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    d = Dense(x)(x)
}`, { message: '`x` is a layer output, not a value', range: [2, 14, 2, 15] });
    });

    test('a layer that cannot be written in a network file', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    l = Lambda(None)(x)
}`, { message: '`Lambda` cannot be used in a network', range: [2, 8, 2, 14] });
    });
});

describe('blocks', () => {
    const block = `block ConvBlock(filters: int, kernel_size = (3, 3)) {
    inputs x
    a = Conv2D(filters, kernel_size, padding="same", activation="relu")(x)
    pool = MaxPooling2D((2, 2))(a)
    outputs pool
}
`;

    test('unknown block parameter, with did-you-mean', async () => {
        await expectDiagnostic(block + `network N {
    image = Input(shape=(8, 8, 3))
    b = ConvBlock(filtres=8)(image)
}`, { message: 'block `ConvBlock` has no parameter `filtres` — did you mean `filters`?', range: [8, 18, 8, 25], text: 'filtres' });
    });

    test('missing block argument: at the callee', async () => {
        await expectDiagnostic(block + `network N {
    image = Input(shape=(8, 8, 3))
    b = ConvBlock()(image)
}`, { message: 'missing argument `filters` for block `ConvBlock`', range: [8, 8, 8, 17], text: 'ConvBlock' });
    });

    test('block argument of the wrong type is reported once, at the argument', async () => {
        const document = await build(block + `network N {
    image = Input(shape=(8, 8, 3))
    b = ConvBlock("x")(image)
}`);
        const messages = diagnosticsOf(document).map(d => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
        expect(messages).toEqual(['8:18 `filters` expects int, got string `"x"` (parameter of block `ConvBlock`)']);
    });

    test('wrong number of block inputs', async () => {
        await expectDiagnostic(block + `network N {
    image = Input(shape=(8, 8, 3))
    b = ConvBlock(8)(image, image)
}`, { message: 'block `ConvBlock` takes 1 input (`x`), got 2', range: [8, 28, 8, 33] });
    });

    test('an argument error inside a block body is reported once, in the block, even if unused', async () => {
        const document = await build(`block B(units: int) {
    inputs x
    d = Dense(units, activtion="relu")(x)
}
network N {
    x = Input(shape=(8,))
    b1 = B(4)(x)
    b2 = B(8)(b1)
}`);
        const unknown = diagnosticsOf(document).filter(d => d.message.startsWith('unknown argument'));
        expect(unknown).toHaveLength(1);
        expect(unknown[0].range.start).toEqual({ line: 2, character: 21 });
    });

    test('a shape error inside an expanded block is reported at the call site', async () => {
        await expectDiagnostic(block + `network N {
    flat = Input(shape=(10,))
    b = ConvBlock(8)(flat)
}`, { message: 'Conv2D `b_a`: expects rank-4 input', range: [8, 8, 8, 17], text: 'ConvBlock' });
    });

    test('a value given at the call site is checked there', async () => {
        await expectDiagnostic(block + `network N {
    image = Input(shape=(8, 8, 3))
    b = ConvBlock(8, kernel_size=(3, 3, 3))(image)
}`, { message: '`kernel_size`', range: [8, 33, 8, 42], text: '(3, 3, 3)' });
    });

    test('a recursive block', async () => {
        await expectDiagnostic(`block A() {
    inputs x
    y = A()(x)
}`, { message: 'block `A` uses itself: A → A', range: [2, 8, 2, 9] });
    });

    test('diagnostics of an imported block stay in its file', async () => {
        const files = await buildFiles({
            'blocks.dfnn': `block B(units: int) {
    inputs x
    d = Dense(units, activtion="relu")(x)
}`,
            'main.dfnn': `import "blocks.dfnn"
network N {
    x = Input(shape=(8,))
    b = B(4)(x)
}`
        });
        expect(diagnosticsOf(files['main.dfnn'])).toEqual([]);
        expect(diagnosticsOf(files['blocks.dfnn']).map(d => d.message)).toEqual(['unknown argument `activtion` for `Dense` — did you mean `activation`?']);
    });

    test('several sinks without an outputs statement', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    a = Dense(1)(x)
    b = Dense(2)(x)
}`, { message: 'network `N` has 2 layers whose output feeds nothing (`a`, `b`): declare its outputs, e.g. `outputs a, b`', range: [0, 8, 0, 9] });
    });

    test('an unused block input', async () => {
        await expectDiagnostic(`block B() {
    inputs x, y
    d = Dense(1)(x)
}`, { message: 'block input `y` is never used', range: [1, 14, 1, 15], severity: 'warning' });
    });
});

describe('shared layers', () => {
    test('applications share the declaration; its argument errors are reported once, at the declaration', async () => {
        const document = await build(`network Siamese {
    left = Input(shape=(8,))
    right = Input(shape=(8,))
    shared enc = Dense(4, activtion="relu")
    e1 = enc(left)
    e2 = enc(right)
    d = Subtract()(e1, e2)
}`);
        const diagnostics = diagnosticsOf(document);
        expect(diagnostics.map(d => d.message)).toEqual(['unknown argument `activtion` for `Dense` — did you mean `activation`?']);
        expect(diagnostics[0].range.start).toEqual({ line: 3, character: 26 });
    });

    test('a missing argument of a shared layer is reported at its declaration only', async () => {
        const document = await build(`network N {
    x = Input(shape=(8,))
    shared enc = Dense(activation="relu")
    e1 = enc(x)
    e2 = enc(e1)
}`);
        expect(diagnosticsOf(document).map(d => `${d.range.start.line}:${d.range.start.character} ${d.message}`))
            .toEqual(['2:17 missing required argument `units` for `Dense`']);
    });

    test('a shared layer that is never applied', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    shared enc = Dense(4)
    d = Dense(1)(x)
}`, { message: 'shared layer `enc` is never applied', range: [2, 11, 2, 14], severity: 'warning' });
    });

    test('a shared layer used as a tensor', async () => {
        await expectDiagnostic(`network N {
    x = Input(shape=(8,))
    shared enc = Dense(4)
    e = enc(x)
    d = Dense(1)(enc)
}`, { message: '`enc` is a shared layer, not a tensor', range: [4, 17, 4, 20] });
    });
});

describe('files', () => {
    test('an import of a missing file', async () => {
        await expectDiagnostic(`import "nowhere.dfnn"
network N {
    x = Input(shape=(8,))
}`, { message: 'cannot find `nowhere.dfnn`', range: [0, 7, 0, 21] });
    });

    test('a syntax error is reported by the parser', async () => {
        const document = await build(`network N {
    x = Input(shape=(8,)
}`);
        expect(diagnosticsOf(document).length).toBeGreaterThan(0);
    });
});
