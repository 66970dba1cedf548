import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSummary } from '../../cli/commands/summary.js';
import { readableMemorySize, thousands } from '../../cli/format/summary-table.js';
import { BufferedIO } from '../../cli/io.js';
import { BAD, GOOD, writeProject } from './fixtures.js';

describe('deepforge summary', () => {
    test('a Keras-like table with totals as Keras prints them', async () => {
        const root = writeProject({ 'good.dfnn': GOOD });
        const io = new BufferedIO();
        expect(await runSummary(path.join(root, 'good.dfnn'), {}, io)).toBe(0);
        expect(io.stdout).toEqual([
            'Model: "Small"',
            '┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━━┓',
            '┃ Layer (type)   ┃ Output Shape ┃ Param # ┃ Connected to ┃',
            '┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━┩',
            '│ x (InputLayer) │ (None, 32)   │       0 │ -            │',
            '├────────────────┼──────────────┼─────────┼──────────────┤',
            '│ h (Dense)      │ (None, 10)   │     330 │ x[0][0]      │',
            '├────────────────┼──────────────┼─────────┼──────────────┤',
            '│ y (Dense)      │ (None, 1)    │      11 │ h[0][0]      │',
            '└────────────────┴──────────────┴─────────┴──────────────┘',
            ' Total params: 341 (1.33 KB)',
            ' Trainable params: 341 (1.33 KB)',
            ' Non-trainable params: 0 (0.00 B)'
        ]);
    });

    test('blocks expand with Keras names; shared layers appear once, connected to each input', async () => {
        const root = writeProject({
            'net.dfnn': `block Twice(units: int) {
    inputs x
    a = Dense(units)(x)
    b = Dense(units)(a)
}
network Siamese {
    left = Input(shape=(8,))
    right = Input(shape=(8,))
    shared enc = Dense(4)
    e1 = enc(left)
    e2 = enc(right)
    t = Twice(2)(e1)
    d = Concatenate()(t, e2)
}
`
        });
        const io = new BufferedIO();
        expect(await runSummary(path.join(root, 'net.dfnn'), { format: 'json' }, io)).toBe(0);
        const [summary] = JSON.parse(io.output).networks;
        expect(summary.rows.map((r: { name: string }) => r.name)).toEqual(['left', 'right', 'enc', 't_a', 't_b', 'd']);
        const enc = summary.rows.find((r: { name: string }) => r.name === 'enc');
        expect(enc).toMatchObject({ type: 'Dense', params: 36, connectedTo: ['left[0][0]', 'right[0][0]'] });
        expect(summary.rows.find((r: { name: string }) => r.name === 't_a')).toMatchObject({ group: ['t'], connectedTo: ['enc[0][0]'] });
        expect(summary.rows.find((r: { name: string }) => r.name === 'd').connectedTo).toEqual(['t_b[0][0]', 'enc[1][0]']);
        expect(summary.totalParams).toBe(36 + 10 + 6);
    });

    test('--network selects one network; an unknown one is a usage error', async () => {
        const root = writeProject({ 'two.dfnn': GOOD + GOOD.replace('Small', 'Other') });
        const io = new BufferedIO();
        expect(await runSummary(path.join(root, 'two.dfnn'), { network: 'Other' }, io)).toBe(0);
        expect(io.stdout[0]).toBe('Model: "Other"');
        const missing = new BufferedIO();
        expect(await runSummary(path.join(root, 'two.dfnn'), { network: 'Nope' }, missing)).toBe(2);
        expect(missing.errors).toContain('no network `Nope`');
    });

    test('a file with errors: the diagnostics, exit 1', async () => {
        const root = writeProject({ 'bad.dfnn': BAD });
        const io = new BufferedIO();
        expect(await runSummary(path.join(root, 'bad.dfnn'), {}, io)).toBe(1);
        expect(io.stderr[0]).toMatch(/bad\.dfnn:3:19: error: unknown argument `activtion`/);
        expect(io.stdout).toEqual([]);
    });

    test('a missing file: exit 2', async () => {
        const io = new BufferedIO();
        expect(await runSummary('/nowhere/x.dfnn', {}, io)).toBe(2);
        expect(io.errors).toBe('deepforge: cannot read /nowhere/x.dfnn: no such file or folder');
    });

    test('numbers as Keras prints them', () => {
        expect(thousands(25_636_712)).toBe('25,636,712');
        expect(thousands(341)).toBe('341');
        expect(readableMemorySize(341)).toBe('1.33 KB');
        expect(readableMemorySize(25_636_712)).toBe('97.80 MB');
        expect(readableMemorySize(0)).toBe('0.00 B');
    });
});
