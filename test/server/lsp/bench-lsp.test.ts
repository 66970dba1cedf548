import { describe, expect, test } from 'vitest';
import { benchLsp, generatedNetwork } from '../../../bench/lsp.js';

describe('bench/lsp.ts', () => {
    test('runs against the real server on a small network: both passes, syntax-breaking edits and completion measured, the diagnostics checked', async () => {
        const lines: string[] = [];
        const result = await benchLsp({ layers: 120, edits: 4, syntaxEdits: 2, completions: 2, log: line => lines.push(line) });
        expect(result.layers).toBe(120);
        expect(result.firstPass.count).toBe(4);
        expect(result.secondPass.count).toBe(4);
        expect(result.syntaxPass.count).toBe(4); // two `)` deleted, two typed again
        // The second pass is published after the first.
        expect(result.secondPass.p50).toBeGreaterThanOrEqual(result.firstPass.p50);
        expect(Object.keys(result.completionByKind)).toEqual(['layer type', 'keyword argument', 'layer name']);
        expect(result.completion.count).toBe(6);
        expect(lines.join('\n')).toContain('edit → syntax/linking diagnostics');
    }, 120_000);

    test('the generated network is the one bench/run.ts checks', () => {
        const text = generatedNetwork(8);
        expect(text.split('\n').slice(0, 4)).toEqual(['network Deep {', '    x0 = Input(shape=(32, 32, 16))', '    l1 = Conv2D(16, 3, padding="same")(x0)', '    l2 = BatchNormalization()(l1)']);
        expect(text).toContain('    l4 = Add()(l3, l1)');
    });
});
