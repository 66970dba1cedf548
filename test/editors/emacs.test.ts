import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { brokenDigits, EDITORS_TEST, FLATT, installed, runEditor, SME, type EditorRun } from './harness.js';

/** Whether Debian's elpa-eglot is there for `emacs --batch` (site-start puts it on the load-path). */
const eglot = installed('emacs') && fs.existsSync('/usr/share/emacs/site-lisp/elpa-src') &&
    fs.readdirSync('/usr/share/emacs/site-lisp/elpa-src').some(name => name.startsWith('eglot-'));

/**
 * Emacs (`--batch`, Debian's eglot 1.9) as the LSP client of `deepforge lsp`:
 * test/editors/emacs/lsp.el runs M-x eglot on a copy of examples/digits with a known error and goes
 * through flymake's diagnostics, completion (eglot's capf), hover (eglot's eldoc function), edits
 * typed into the buffer, go to definition (xref) and rename (eglot-rename) across files. The
 * pipeline buffer joins the server that the network buffer started: eglot 1.9 opens it with the
 * server's one language id ("dfnn"), and the server goes by the file extension.
 */
describe('Emacs + eglot + deepforge lsp', () => {
    let workspace: string;
    let run: EditorRun;

    beforeAll(async () => {
        // .ci/run installs the editors (scripts/setup-editors.sh); without them this fails loudly.
        if (!eglot) throw new Error('emacs with elpa-eglot is not installed: run scripts/setup-editors.sh');
        workspace = brokenDigits();
        run = await runEditor('emacs', ['--batch', '-l', path.join(EDITORS_TEST, 'emacs', 'lsp.el')], workspace);
        console.log(`emacs: ${run.wallMs} ms wall, steps ${run.result?.steps.map(s => `${s.name}@${s.ms}`).join(' ')}`);
    }, 180_000);

    afterAll(() => { if (workspace) fs.rmSync(workspace, { recursive: true, force: true }); });

    test('flymake shows the diagnostic of the known error', () => {
        expect(run.step('diagnostics')).toEqual([{ line: SME.line, col: SME.col, type: 'eglot-error', message: `dfnn [enum-mismatch]: ${SME.message}` }]);
    });

    test('completion at `De|nse` through eglot-completion-at-point', () => {
        const labels: string[] = run.step('completion');
        expect(labels).toContain('Dense');
        expect(labels).toContain('DepthwiseConv2D');
    });

    test('hover on `Dense` through eldoc', () => {
        const hover: string = run.step('hover');
        expect(hover).toContain('Dense(units, activation=None');
        expect(hover).toContain('| `units` | int | required |');
    });

    test('diagnostics follow edits: the fix, a broken reference', () => {
        expect(run.step('edit-fixes')).toEqual([]);
        expect(run.step('edit-breaks')).toEqual([{ line: FLATT.line, col: FLATT.col, type: 'eglot-error', message: `dfnn: ${FLATT.message}` }]);
    });

    test('go to definition (xref) from the pipeline lands on the network', () => {
        expect(run.step('definition')).toEqual({ file: 'cnn.dfnn', line: 5, col: 8, text: 'network DigitsCNN {' });
    });

    test('eglot-rename changes both files; no diagnostics after', () => {
        expect(run.step('rename')).toEqual(['network DigitsNet {', expect.stringMatching(/^trained = TrainDigits\(architecture=DigitsNet, /)]);
        expect(run.result?.ok).toBe(true);
    });
});
