import { expectFormatting } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { buildLspProject, lspServices } from './helpers.js';

const MESSY = `import   "blocks.dfnn"
block ConvBlock( filters :int,kernel_size=(3,3) ) {
  inputs x
        a=Conv2D( filters,kernel_size , padding = "same")( x )   # the convolution


  pool =MaxPooling2D((2,2))(a)
  outputs pool
}
network VGG{
image = Input(shape=(32, 32, 3))
    # blocks
    b1 = ConvBlock(filters=32)(image)
    shared   enc = Dense(8)
    e = enc(lstm [0], b1)
}
`;

const CANONICAL = `import "blocks.dfnn"

block ConvBlock(filters: int, kernel_size = (3, 3)) {
    inputs x
    a = Conv2D(filters, kernel_size, padding="same")(x)   # the convolution

    pool = MaxPooling2D((2, 2))(a)
    outputs pool
}

network VGG {
    image = Input(shape=(32, 32, 3))
    # blocks
    b1 = ConvBlock(filters=32)(image)
    shared enc = Dense(8)
    e = enc(lstm[0], b1)
}
`;

describe('.dfnn formatting', () => {
    test('one canonical layout, comments kept', async () => {
        await expectFormatting(lspServices().dfnn)({ before: MESSY, after: CANONICAL });
    });

    test('idempotent: the canonical layout stays as it is; so do the examples', async () => {
        await expectFormatting(lspServices().dfnn)({ before: CANONICAL, after: CANONICAL });
        const wrapped = 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2,\n        activation="relu")(x)\n}\n';
        await expectFormatting(lspServices().dfnn)({ before: wrapped, after: wrapped });
    });

    test('range formatting changes only the range', async () => {
        const before = 'network N {\n    x=Input(shape=(8,))\n    y=Dense(2)(x)\n}\n';
        await expectFormatting(lspServices().dfnn)({
            before, after: 'network N {\n    x=Input(shape=(8,))\n    y = Dense(2)(x)\n}\n',
            range: { start: { line: 2, character: 0 }, end: { line: 2, character: 17 } }
        });
    });

    test('the examples are formatted already (or nearly: only alignment changes)', async () => {
        const { documents } = await buildLspProject({ 'x.dfnn': 'network N {\n    image  = Input(shape=(8, 8, 1))\n    conv   = Conv2D(16, (3, 3))(image)\n}\n' });
        const document = documents['x.dfnn'];
        const edits = await lspServices().dfnn.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        expect(edits.map(e => e.newText)).toEqual([' ', ' ']);
    });
});
