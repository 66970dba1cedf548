import type { LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { buildLspProject, lspServices } from './helpers.js';

/** The code actions for each diagnostic of a document, applied one at a time: title → the text after. */
async function actions(document: LangiumDocument, filter: (d: Diagnostic) => boolean = () => true): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    for (const diagnostic of (document.diagnostics ?? []).filter(filter)) {
        const found = await lspServices().dfnn.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as CodeAction[];
        for (const action of found) {
            const edits = action.edit?.changes?.[document.uri.toString()] ?? [];
            result[action.title] = TextDocument.applyEdits(document.textDocument, edits);
        }
    }
    return result;
}

const wrap = (statement: string) => `network N {\n    x = Input(shape=(8, 8, 1))\n    ${statement}\n}\n`;

describe('.dfnn code actions', () => {
    test('did you mean: the enum value, the argument name', async () => {
        const { documents } = await buildLspProject({ 'a.dfnn': wrap('y = Conv2D(4, 3, padding="sme", activtion="relu")(x)') });
        expect(await actions(documents['a.dfnn'])).toEqual({
            'Change to "same"': wrap('y = Conv2D(4, 3, padding="same", activtion="relu")(x)'),
            'Change to activation': wrap('y = Conv2D(4, 3, padding="sme", activation="relu")(x)'),
            'Remove activtion': wrap('y = Conv2D(4, 3, padding="sme")(x)')
        });
    });

    test('remove an unknown argument takes its comma along (first, middle, last)', async () => {
        const { documents } = await buildLspProject({ 'b.dfnn': wrap('y = Conv2D(bogus=1, filters=4, kernel_size=3)(x)') });
        expect((await actions(documents['b.dfnn']))['Remove bogus']).toBe(wrap('y = Conv2D(filters=4, kernel_size=3)(x)'));
    });

    test('add missing required arguments with placeholders of their type', async () => {
        const { documents } = await buildLspProject({ 'c.dfnn': wrap('y = Conv2D(padding="same")(x)'), 'd.dfnn': wrap('y = Conv2D()(x)') });
        expect((await actions(documents['c.dfnn']))['Add missing arguments filters, kernel_size']).toBe(wrap('y = Conv2D(padding="same", filters=1, kernel_size=1)(x)'));
        expect((await actions(documents['d.dfnn']))['Add missing arguments filters, kernel_size']).toBe(wrap('y = Conv2D(filters=1, kernel_size=1)(x)'));
    });
});

describe('.dfnn refactoring', () => {
    test('extract a block from selected layers: inputs from outside, the output used after, a call in their place', async () => {
        const text = 'network N {\n    x = Input(shape=(8, 8, 1))\n    a = Conv2D(4, 3)(x)\n    b = MaxPooling2D()(a)\n    c = Flatten()(b)\n}\n';
        const { documents } = await buildLspProject({ 'e.dfnn': text });
        const document = documents['e.dfnn'];
        const found = await lspServices().dfnn.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: { start: { line: 2, character: 0 }, end: { line: 3, character: 25 } }, context: { diagnostics: [] }
        }) as CodeAction[];
        expect(found.map(a => a.title)).toEqual(['Extract block ExtractedBlock from 2 layers']);
        const after = TextDocument.applyEdits(document.textDocument, found[0].edit!.changes![document.uri.toString()]);
        expect(after).toBe('block ExtractedBlock() {\n    inputs x\n    a = Conv2D(4, 3)(x)\n    b = MaxPooling2D()(a)\n    outputs b\n}\n\n'
            + 'network N {\n    x = Input(shape=(8, 8, 1))\n    b = ExtractedBlock()(x)\n    c = Flatten()(b)\n}\n');
        // The result checks clean, with the same shapes.
        const { documents: checked } = await buildLspProject({ 'f.dfnn': after });
        expect(checked['f.dfnn'].diagnostics).toEqual([]);
    });
});
