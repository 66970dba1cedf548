import { expectHover } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { atText, buildLspProject, lspServices } from './helpers.js';

const NET = `network N {
    x = Input(shape=(8, 8, 3))
    c = Conv2D(4, (3, 3), padding="same")(x)
    f = Flatten()(c)
    y = Dense(2)(f)
}
`;

describe('.dfnn hover, signature help and inlay hints', () => {
    const hover = () => expectHover(lspServices().dfnn);

    test('a layer type at a call: signature with defaults, doc, the statement\'s output shape and parameter count', async () => {
        await hover()({ text: NET.replace('c = Conv2D', 'c = Con<|>v2D'), index: 0, hover: /Conv2D\(filters, kernel_size, strides=\(1, 1\), padding="valid"/ });
        await hover()({ text: NET.replace('c = Conv2D', 'c = Con<|>v2D'), index: 0, hover: /Output shape: `\(None, 8, 8, 4\)`\s+Parameters: 112/ });
        await hover()({ text: NET.replace('y = Dense', 'y = De<|>nse'), index: 0, hover: /\*layer\* — Just your regular densely-connected NN layer[\s\S]*\| `units` \| int \| required \|/ });
    });

    test('a statement\'s name or a reference to it: its shape and weights; a keyword argument: its parameter', async () => {
        await hover()({ text: NET.replace('f = Flatten', '<|>f = Flatten'), index: 0, hover: /f = Flatten\(…\)[\s\S]*Output shape: `\(None, 256\)`/ });
        await hover()({ text: NET.replace('Dense(2)(f)', 'Dense(2)(<|>f)'), index: 0, hover: /Output shape: `\(None, 256\)`/ });
        await hover()({ text: NET.replace('padding="same"', 'pad<|>ding="same"'), index: 0, hover: /padding="valid"[\s\S]*argument of `Conv2D`: "valid" \| "same"/ });
    });

    test('a block call: the block\'s outputs and the weights of its layers', async () => {
        await hover()({
            text: 'block B(units: int) {\n    inputs x\n    a = Dense(units)(x)\n    outputs a\n}\nnetwork N {\n    x = Input(shape=(4,))\n    <|>b = B(3)(x)\n}\n',
            index: 0,
            hover: /Output shape: `\(None, 3\)`\s+Parameters: 15/
        });
    });

    test('signature help inside a layer call: the parameter at the cursor, by position or keyword', async () => {
        const { documents } = await buildLspProject({ 'main.dfnn': NET });
        const provider = lspServices().dfnn.lsp.SignatureHelp!;
        const document = documents['main.dfnn'];
        const positional = await provider.provideSignatureHelp(document, atText(document, '(3, 3)'));
        expect(positional?.signatures[0].label).toMatch(/^Conv2D\(filters, kernel_size, strides=\(1, 1\)/);
        expect(positional?.signatures[0].parameters?.[positional.activeParameter!].label).toBe('kernel_size');
        const keyword = await provider.provideSignatureHelp(document, atText(document, '"same"'));
        expect(keyword?.signatures[0].parameters?.[keyword.activeParameter!].label).toBe('padding="valid"');
    });

    test('inlay hints: the output shape after each layer statement, off with deepforge.inlayHints.shapes', async () => {
        const { documents } = await buildLspProject({ 'main.dfnn': NET });
        const document = documents['main.dfnn'];
        const services = lspServices();
        const provider = services.dfnn.lsp.InlayHintProvider!;
        const range = { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } };
        const hints = await provider.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range });
        expect(hints?.map(h => `${h.position.line}:${h.position.character} ${h.label}`)).toEqual([
            '1:30 # (None, 8, 8, 3)', '2:44 # (None, 8, 8, 4)', '3:20 # (None, 256)', '4:19 # (None, 2)'
        ]);
        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { deepforge: { inlayHints: { shapes: false } } } });
        try {
            expect(await provider.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range })).toBeUndefined();
        } finally {
            services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { deepforge: { inlayHints: { shapes: true } } } });
        }
    });
});
