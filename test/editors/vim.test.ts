import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { brokenDigits, EDITORS_TEST, FLATT, installed, runEditor, SME, type EditorRun } from './harness.js';

const ale = installed('vim') && installed('script') && fs.existsSync('/usr/share/vim/vimfiles/pack/dist-bundle/opt/ale');

/**
 * Vim with ALE (Debian's vim-nox and vim-ale 3.3) as the LSP client of `deepforge lsp`, in a pty
 * from script(1): test/editors/vim/lsp.vim defines the server as an ALE LSP linter for both
 * filetypes and goes through ALE's diagnostics, completion (<C-x><C-o> with ALE's omnifunc, the
 * popup menu read back), hover (ALE's preview window), edits typed as keys, and
 * :ALEGoToDefinition across files.
 */
describe('Vim + ALE + deepforge lsp', () => {
    let workspace: string;
    let run: EditorRun;

    beforeAll(async () => {
        // .ci/run installs the editors (scripts/setup-editors.sh); without them this fails loudly.
        if (!ale) throw new Error('vim-nox with vim-ale (and script) is not installed: run scripts/setup-editors.sh');
        workspace = brokenDigits();
        run = await runEditor('script', ['-qec', `vim -N -n -i NONE -u ${path.join(EDITORS_TEST, 'vim', 'lsp.vim')}`, '/dev/null'], workspace);
        console.log(`vim: ${run.wallMs} ms wall, steps ${run.result?.steps.map(s => `${s.name}@${s.ms}`).join(' ')}`);
    }, 180_000);

    afterAll(() => { if (workspace) fs.rmSync(workspace, { recursive: true, force: true }); });

    test("ALE's loclist holds the diagnostic of the known error", () => {
        expect(run.step('diagnostics')).toEqual([{ line: SME.line, col: SME.col, type: 'E', message: SME.message }]);
    });

    test('completion menu at `De|nse`', () => {
        const words: string[] = run.step('completion');
        expect(words).toContain('Dense');
        expect(words).toContain('DepthwiseConv2D');
    });

    test('hover on `Dense` in the preview window', () => {
        const hover: string = run.step('hover');
        expect(hover).toContain('Dense(units, activation=None');
        expect(hover).toContain('| `units` | int | required |');
    });

    test('diagnostics follow edits: the fix, a broken reference', () => {
        expect(run.step('edit-fixes')).toEqual([]);
        expect(run.step('edit-breaks')).toEqual([{ line: FLATT.line, col: FLATT.col, type: 'E', message: FLATT.message }]);
    });

    test(':ALEGoToDefinition from the pipeline lands on the network', () => {
        expect(run.step('definition')).toMatchObject({ file: 'cnn.dfnn', line: 5, text: 'network DigitsCNN {' });
        expect(run.result?.ok).toBe(true);
    });
});
