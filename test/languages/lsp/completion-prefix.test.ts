import { readFileSync } from 'node:fs';
import type { LangiumDocument } from 'langium';
import { DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import { describe, expect, test } from 'vitest';
import { generatedNetwork } from '../../../bench/lsp.js';
import { callContextAt } from '../../../languages/lsp/call-context.js';
import { completionPrefix, listElementContextStart, STATEMENT_LIST_PROPERTIES } from '../../../languages/lsp/completion-prefix.js';
import { buildLspProject, lspServices } from '../dfnn/lsp/helpers.js';

const STATEMENT_LISTS = STATEMENT_LIST_PROPERTIES;

/** A next feature as completion uses it: keyword or cross-reference, and where it would be assigned. */
function describeFeatures(features: NextFeature[]): string[] {
    return features.map(next => {
        const feature = next.feature as unknown as { $type: string; value?: string; rule?: { $refText: string }; type?: { $refText: string } };
        return `${feature.$type}:${feature.value ?? feature.rule?.$refText ?? feature.type?.$refText ?? ''}:${next.type ?? ''}:${next.property ?? ''}`;
    }).sort();
}

/** The completion provider's next features at every offset, against Langium's from the whole text; and the call context. */
function sweep(document: LangiumDocument, language: 'dfnn' | 'dfp') {
    const provider = lspServices()[language].lsp.CompletionProvider as unknown as {
        findFeaturesAt(d: unknown, o: number): NextFeature[];
        backtrackToAnyToken(text: string, offset: number): unknown;
    };
    const langium = (offset: number) => DefaultCompletionProvider.prototype['findFeaturesAt'].call(provider, document.textDocument, offset);
    const text = document.textDocument.getText();
    let shortened = 0;
    const differences: string[] = [];
    for (let offset = 0; offset <= text.length; offset++) {
        const ours = describeFeatures(provider.findFeaturesAt(document.textDocument, offset));
        const theirs = describeFeatures(langium(offset));
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) differences.push(`${offset} ${JSON.stringify(text.slice(Math.max(0, offset - 30), offset))}`);
        if (completionPrefix(document, offset).removed.length > 0) shortened++;
        // The tokens around the cursor, from its lines only.
        const tokens = DefaultCompletionProvider.prototype['backtrackToAnyToken'].call(provider, text, offset);
        if (JSON.stringify(provider.backtrackToAnyToken(text, offset)) !== JSON.stringify(tokens)) differences.push(`tokens at ${offset}`);
        const from = listElementContextStart(document, offset, STATEMENT_LISTS);
        if (JSON.stringify(callContextAt(text, offset, from)) !== JSON.stringify(callContextAt(text, offset))) differences.push(`call context at ${offset} from ${from}`);
    }
    return { shortened, differences, offsets: text.length + 1 };
}

describe('completion from the cursor\'s statement on (completion-prefix.ts, DeepForgeCompletionProvider)', () => {
    test('a network: the complete statements and arguments before the cursor\'s are left out; the features and call context are Langium\'s at every offset', async () => {
        const { documents } = await buildLspProject({ 'n.dfnn': generatedNetwork(24) });
        const document = documents['n.dfnn'];
        const text = document.textDocument.getText();
        const offset = text.indexOf('padding', text.indexOf('l9 = Conv2D')) + 3;
        const prefix = completionPrefix(document, offset);
        expect(prefix.text).toBe('network Deep {\n    l9 = Conv2D(pad');
        expect(prefix.removed).toHaveLength(2);
        const result = sweep(document, 'dfnn');
        expect(result.differences).toEqual([]);
        expect(result.shortened).toBeGreaterThan(result.offsets / 2);
    });

    test('the example networks and pipelines (blocks, operations, steps with inputs, comments): the same features, tokens and call context at every offset', async () => {
        for (const file of ['examples/cifar10/vgg.dfnn', 'examples/redshift/inception.dfnn', 'examples/cifar10/cifar10.dfp', 'examples/redshift/redshift.dfp']) {
            const name = file.split('/').pop()!;
            const { documents } = await buildLspProject({ [name]: readFileSync(file, 'utf8') });
            const result = sweep(documents[name], name.endsWith('.dfp') ? 'dfp' : 'dfnn');
            expect(result.differences, file).toEqual([]);
            expect(result.shortened, file).toBeGreaterThan(0);
        }
    }, 120_000);

    test('nothing is left out before a syntax error, nor when the parse is not of the text', async () => {
        const { documents } = await buildLspProject({ 'e.dfnn': 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2)(x\n    z = Dense(3, activation="relu")(y)\n}\n' });
        const document = documents['e.dfnn'];
        const text = document.textDocument.getText();
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
        expect(completionPrefix(document, text.indexOf('activation')).removed).toEqual([]);
        expect(listElementContextStart(document, text.indexOf('activation'), STATEMENT_LISTS)).toBe(0);
        expect(sweep(document, 'dfnn').differences).toEqual([]);
    });
});
