import { expectCompletion } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { buildLspProject, lspServices } from './helpers.js';

const labels = (items: CompletionItem[]) => items.map(item => item.label);

describe('.dfnn completion', () => {
    const complete = () => expectCompletion(lspServices().dfnn);

    test('layer types with their one-line doc, blocks, and a snippet with the required arguments', async () => {
        await complete()({
            text: 'block Twice(units: int) {\n    inputs x\n    a = Dense(units)(x)\n}\nnetwork N {\n    x = Input(shape=(8,))\n    y = <|>\n}\n',
            index: 0,
            assert: ({ items }) => {
                const dense = items.find(item => item.label === 'Dense')!;
                expect(dense.detail).toMatch(/^Just your regular densely-connected NN layer\.?$/);
                expect(items.find(item => item.label === 'Twice')?.detail).toBe('block Twice(units)');
                const snippet = items.find(item => item.label === 'Conv2D(filters, kernel_size)(…)')!;
                expect(snippet.insertTextFormat).toBe(InsertTextFormat.Snippet);
                expect(snippet.textEdit?.newText ?? snippet.insertText).toBe('Conv2D(${1:filters}, ${2:kernel_size})(${3})$0');
                expect(labels(items)).toContain('Input(shape)');
            }
        });
    });

    test('argument names with type and default, leaving out those given', async () => {
        await complete()({
            text: 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2, <|>)(x)\n}\n',
            index: 0,
            assert: ({ items }) => {
                expect(labels(items)).not.toContain('units=');
                const activation = items.find(item => item.label === 'activation=')!;
                expect(activation).toMatchObject({ detail: expect.stringContaining('= None'), filterText: 'activation' });
                expect(labels(items)).toContain('use_bias=');
                // Names of the network are values too.
                expect(labels(items), JSON.stringify(labels(items))).toContain('x');
            }
        });
    });

    test('enum values inside the string: padding="', async () => {
        await complete()({
            text: 'network N {\n    x = Input(shape=(8, 8, 1))\n    y = Conv2D(4, 3, padding="<|>")(x)\n    z = Conv1D(4, 3, padding="s<|>")(y)\n}\n',
            index: 0,
            expectedItems: ['valid', 'same']
        });
        await complete()({
            text: 'network N {\n    x = Input(shape=(8, 1))\n    z = Conv1D(4, 3, padding="<|>")(x)\n}\n',
            index: 0,
            expectedItems: ['valid', 'same', 'causal']
        });
        await complete()({
            text: 'network N {\n    x = Input(shape=(8, 8, 1))\n    y = Conv2D(4, 3, padding=<|>)(x)\n}\n',
            index: 0,
            assert: ({ items }) => expect(labels(items).slice(0, 2)).toEqual(['"valid"', '"same"'])
        });
    });

    test('references to layers show their output shape', async () => {
        await complete()({
            text: 'network N {\n    x = Input(shape=(8,))\n    h = Dense(4)(x)\n    y = Dense(2)(<|>)\n}\n',
            index: 0,
            assert: ({ items }) => {
                expect(items.find(item => item.label === 'h')?.detail).toBe('(None, 4)');
                expect(items.find(item => item.label === 'x')?.detail).toBe('(None, 8)');
            }
        });
    });

    test('import paths: the workspace\'s .dfnn files relative to this one; nothing in comments', async () => {
        const { documents } = await buildLspProject({
            'nets/blocks.dfnn': 'block B() {\n    inputs x\n    outputs x\n}\n',
            'main.dfnn': 'import ""\n# Den\n'
        });
        const main = documents['main.dfnn'];
        const provider = lspServices().dfnn.lsp.CompletionProvider!;
        const list = await provider.getCompletion(main, { textDocument: { uri: main.uri.toString() }, position: { line: 0, character: 8 } });
        expect(labels(list!.items)).toContain('nets/blocks.dfnn');
        expect(labels(list!.items)).not.toContain('main.dfnn');
        const inComment = await provider.getCompletion(main, { textDocument: { uri: main.uri.toString() }, position: { line: 1, character: 5 } });
        expect(inComment).toBeUndefined();
    });
});
