/**
 * Completion and hover in `.sweep` files, across languages: the pipelines of the workspace, the
 * steps of the pipeline, the attributes of a step's operation (types, defaults, ranges from the
 * `.dfp` declaration) and enum values.
 */
import { describe, expect, test } from 'vitest';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { checkSweep } from './helpers.js';

/** Text with `|` where the cursor is. */
async function at(textWithCursor: string) {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const checked = await checkSweep(text, { lsp: true });
    const before = text.slice(0, offset).split('\n');
    const position = { line: before.length - 1 + checked.importLines, character: before[before.length - 1].length };
    return { ...checked, position };
}

async function complete(textWithCursor: string): Promise<CompletionList> {
    const { services, document, position } = await at(textWithCursor);
    const list = await services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position });
    return list ?? { isIncomplete: false, items: [] };
}

async function hover(textWithCursor: string): Promise<string | undefined> {
    const { services, document, position } = await at(textWithCursor);
    const result: Hover | undefined = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position });
    return result ? (result.contents as MarkupContent).value : undefined;
}

describe('completion', () => {
    test('after `over`: the pipelines of the workspace', async () => {
        const list = await complete('sweep s over |');
        expect(list.items.map(i => i.label)).toContain('DigitsClassifier');
    });

    test('at a parameter: the named steps of the pipeline', async () => {
        const list = await complete('sweep s over DigitsClassifier {\n    |\n}\n');
        const labels = list.items.map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['digits', 'split', 'trained', 'preds', 'strategy', 'objective']));
    });

    test('after `step.`: the attributes of its operation with type, default and range', async () => {
        const list = await complete('sweep s over DigitsClassifier {\n    trained.|\n}\n');
        expect(list.items.map(i => [i.label, i.detail])).toEqual([
            ['epochs', 'epochs: int = 10 [1..1000] — TrainDigits'],
            ['batch_size', 'batch_size: int = 32 [1..4096] — TrainDigits'],
            ['optimizer', 'optimizer: "adam" | "sgd" | "rmsprop" = "adam" — TrainDigits']
        ]);
    });

    test('in the value list of an enum attribute: its values', async () => {
        const list = await complete('sweep s over DigitsClassifier {\n    trained.optimizer in [|]\n}\n');
        expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['"adam"', '"sgd"', '"rmsprop"']));
    });
});

describe('hover', () => {
    test('on the pipeline: its file and named steps', async () => {
        expect(await hover('sweep s over Digits|Classifier {\n}\n')).toBe(
            '```python\npipeline DigitsClassifier\n```\n\nin `digits.dfp`; steps: `digits`, `split`, `trained`, `preds`');
    });

    test('on a step: its operation and its attributes', async () => {
        const text = await hover('sweep s over DigitsClassifier {\n    tra|ined.epochs in [1]\n}\n');
        expect(text).toContain('trained = TrainDigits(…)');
        expect(text).toContain('step of pipeline `DigitsClassifier`');
        expect(text).toContain('- `epochs: int = 10 [1..1000]`');
        expect(text).toContain('- `optimizer: "adam" | "sgd" | "rmsprop" = "adam"`');
    });

    test('on an attribute: its declaration in the operation', async () => {
        expect(await hover('sweep s over DigitsClassifier {\n    trained.batch_|size in [32]\n}\n')).toBe(
            '```python\nbatch_size: int = 32 [1..4096]\n```\n\nattribute of `TrainDigits` (step `trained`)');
    });
});
