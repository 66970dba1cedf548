import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EDITORS_TEST, installed, ROOT, runEditor, type EditorRun } from './harness.js';

/**
 * A real editor on files of the example extensions: Neovim headless (test/editors/nvim/extensions.lua)
 * starts `deepforge lsp` in a project whose .deepforge/config.json records examples/extensions/sweep
 * (a TypeScript extension, built by `npm run build`) and examples/extensions/datasets (data-only);
 * a .sweep and a .dfcat file, each with an error, get their diagnostics, completion and hover.
 */
describe('Neovim + deepforge lsp + the example extensions', () => {
    let workspace: string;
    let run: EditorRun;

    beforeAll(async () => {
        if (!installed('nvim')) throw new Error('nvim is not installed: run scripts/setup-editors.sh');
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-editor-extensions-'));
        fs.mkdirSync(path.join(workspace, '.deepforge'));
        fs.writeFileSync(path.join(workspace, '.deepforge', 'config.json'), JSON.stringify({
            extensions: [
                { name: 'deepforge-sweep', path: path.join(ROOT, 'examples', 'extensions', 'sweep') },
                { name: 'deepforge-datasets', path: path.join(ROOT, 'examples', 'extensions', 'datasets') }
            ]
        }));
        fs.cpSync(path.join(ROOT, 'examples', 'digits'), path.join(workspace, 'digits'), { recursive: true });
        fs.writeFileSync(path.join(workspace, 'search.sweep'), [
            'import "digits/digits.dfp"',
            '',
            'sweep quick over DigitsClassifier {',
            '    strategy grid',
            '    trained.epoch in [1]',
            '    trained.batch_size in [32, 64]',
            '    objective maximize accuracy',
            '}',
            ''
        ].join('\n'));
        fs.writeFileSync(path.join(workspace, 'data.dfcat'), [
            'Source web {',
            '    url: "https://example.org/d.npz"',
            '}',
            '',
            'Dataset d {',
            '    path: "d.npz"',
            '    samples: 0',
            '    source: web',
            '}',
            ''
        ].join('\n'));
        run = await runEditor('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(EDITORS_TEST, 'nvim', 'extensions.lua')}`], workspace, 170_000);
        console.log(`nvim (extensions): ${run.wallMs} ms wall, steps ${run.result?.steps.map(s => `${s.name}@${s.ms}`).join(' ')}`);
    }, 180_000);

    afterAll(() => { if (workspace) fs.rmSync(workspace, { recursive: true, force: true }); });

    test('sweep: the misspelt attribute is diagnosed where it is', () => {
        const diagnostics: Array<{ line: number; col: number; severity: number; message: string }> = run.step('search.sweep:diagnostics');
        expect(diagnostics).toEqual([expect.objectContaining({ line: 4, severity: 1, message: expect.stringContaining('epochs') })]);
    });

    test('sweep: completion after `trained.` offers the operation\'s attributes', () => {
        expect(run.step('search.sweep:completion')).toEqual(expect.arrayContaining(['epochs', 'batch_size', 'optimizer']));
    });

    test('sweep: hover on an attribute shows its declaration', () => {
        expect(run.step('search.sweep:hover')).toContain('batch_size: int = 32 [1..4096]');
    });

    test('datasets: the out-of-range value is diagnosed where it is', () => {
        expect(run.step('data.dfcat:diagnostics')).toEqual([{ line: 6, col: 13, severity: 1, message: '`samples` must be ≥ 1, got 0' }]);
    });

    test('datasets: completion in an entry offers the type\'s attributes', () => {
        expect(run.step('data.dfcat:completion')).toEqual(expect.arrayContaining(['classes', 'format', 'shape']));
    });

    test('datasets: hover on the type shows its documentation from the metamodel file', () => {
        expect(run.step('data.dfcat:hover')).toContain('A dataset: arrays of samples');
    });

    test('no extension was reported broken', () => {
        expect(run.step('messages').filter((message: string) => message.includes('extension'))).toEqual([]);
        expect(run.result?.ok).toBe(true);
    });
});
