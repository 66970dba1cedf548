import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { brokenDigits, EDITORS_TEST, FLATT, installed, runEditor, SME, type EditorRun } from './harness.js';

/**
 * Neovim (Debian's 0.7) headless as the LSP client of `deepforge lsp`: test/editors/nvim/lsp.lua
 * starts the server with `vim.lsp.start_client`, opens a copy of examples/digits with a known error,
 * and goes through diagnostics, completion, hover, a quick fix (vim.lsp.buf.code_action), edits,
 * go to definition across files and languages, and a rename across files.
 */
describe('Neovim + deepforge lsp', () => {
    let workspace: string;
    let run: EditorRun;

    beforeAll(async () => {
        // .ci/run installs the editors (scripts/setup-editors.sh); without them this fails loudly.
        if (!installed('nvim')) throw new Error('nvim is not installed: run scripts/setup-editors.sh');
        workspace = brokenDigits();
        run = await runEditor('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(EDITORS_TEST, 'nvim', 'lsp.lua')}`], workspace);
        console.log(`nvim: ${run.wallMs} ms wall, steps ${run.result?.steps.map(s => `${s.name}@${s.ms}`).join(' ')}`);
    }, 180_000);

    afterAll(() => { if (workspace) fs.rmSync(workspace, { recursive: true, force: true }); });

    test('the diagnostic of the known error, where it is', () => {
        expect(run.step('diagnostics')).toEqual([{ ...SME, severity: 1 }]);
    });

    test('completion at `De|nse` offers the layer types', () => {
        const labels: string[] = run.step('completion');
        expect(labels).toContain('Dense');
        expect(labels).toContain('DepthwiseConv2D');
        expect(labels.every(label => label.startsWith('De'))).toBe(true);
    });

    test('hover on `Dense` shows its signature and arguments', () => {
        const hover: string = run.step('hover');
        expect(hover).toContain('Dense(units, activation=None');
        expect(hover).toContain('| `units` | int | required |');
    });

    test('the quick fix `Change to "same"` is offered, applied, and the diagnostic goes', () => {
        const fix = run.step('quickfix');
        expect(fix.offered).toContain('Change to "same"');
        expect(fix.line).toContain('padding="same"');
        expect(fix.diagnostics).toEqual([]);
    });

    test('diagnostics follow edits: a broken reference, then its repair', () => {
        expect(run.step('edit-breaks')).toEqual([{ ...FLATT, severity: 1 }]);
        expect(run.step('edit-fixes')).toEqual([]);
    });

    test('go to definition from the pipeline lands on the network in the .dfnn file', () => {
        expect(run.step('definition')).toEqual({ file: 'cnn.dfnn', line: 5, col: 8, text: 'network DigitsCNN {' });
    });

    test('rename of the network changes both files; no diagnostics after', () => {
        const rename = run.step('rename');
        expect(rename.lines).toEqual([
            'network DigitsNet {',
            expect.stringMatching(/^trained = TrainDigits\(architecture=DigitsNet, /)
        ]);
        expect(rename.diagnostics).toEqual({ cnn: [], dfp: [] });
        expect(run.result?.ok).toBe(true);
    });
});
