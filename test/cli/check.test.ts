import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCheck } from '../../cli/commands/check.js';
import { BufferedIO } from '../../cli/io.js';
import { BAD, GOOD, writeProject } from './fixtures.js';

describe('deepforge check', () => {
    test('a good file: no diagnostics, a summary line, exit 0', async () => {
        const root = writeProject({ 'good.dfnn': GOOD });
        const io = new BufferedIO();
        expect(await runCheck([path.join(root, 'good.dfnn')], {}, io)).toBe(0);
        expect(io.stdout).toEqual(['Checked 1 file: no problems.']);
    });

    test('errors and warnings, compiler style with 1-based positions; exit 1', async () => {
        const root = writeProject({ 'bad.dfnn': BAD });
        const file = path.join(root, 'bad.dfnn');
        const io = new BufferedIO();
        expect(await runCheck([file], {}, io)).toBe(1);
        const shown = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
        expect(io.stdout).toEqual([
            `${shown}:3:19: error: unknown argument \`activtion\` for \`Dense\` — did you mean \`activation\`? [unknown-attribute]`,
            `${shown}:4:5: warning: layer \`u\` is never used: its output feeds no layer and is not an output of network \`Bad\` [unused]`,
            'Checked 1 file: 1 error and 1 warning.'
        ]);
    });

    test('only warnings: exit 0', async () => {
        const root = writeProject({ 'w.dfnn': 'network W {\n    x = Input(shape=(4,))\n    a = Dense(1)(x)\n    b = Dense(1)(x)\n    outputs a\n}\n' });
        const io = new BufferedIO();
        expect(await runCheck([root], {}, io)).toBe(0);
        expect(io.stdout.at(-1)).toBe('Checked 1 file: 1 warning.');
    });

    test('folders are searched recursively for .dfnn files; imported files are checked too', async () => {
        const root = writeProject({
            'nets/good.dfnn': GOOD,
            'nets/deeper/bad.dfnn': BAD,
            'notes.txt': 'not a network',
            'lib/blocks.dfnn': 'block B() {\n    inputs x\n    d = Dense(1)(x)\n}\n'
        });
        const importing = writeProject({ 'main.dfnn': `import "${path.join(root, 'lib/blocks.dfnn').replace(/\\/g, '/')}"\nnetwork M {\n    x = Input(shape=(4,))\n    b = B()(x)\n}\n` });
        const io = new BufferedIO();
        expect(await runCheck([path.join(root, 'nets'), path.join(importing, 'main.dfnn')], {}, io)).toBe(1);
        expect(io.stdout.at(-1)).toBe('Checked 4 files: 1 error and 1 warning.');
    });

    test('a missing file: a clear message and exit 2, never a stack trace', async () => {
        const io = new BufferedIO();
        expect(await runCheck(['/nowhere/missing.dfnn'], {}, io)).toBe(2);
        expect(io.stderr).toEqual(['deepforge: cannot check /nowhere/missing.dfnn: no such file or folder']);
    });

    test('--format json', async () => {
        const root = writeProject({ 'bad.dfnn': BAD });
        const io = new BufferedIO();
        expect(await runCheck([root], { format: 'json' }, io)).toBe(1);
        const report = JSON.parse(io.output);
        expect(report.errors).toBe(1);
        expect(report.warnings).toBe(1);
        expect(report.files[0].diagnostics[0]).toMatchObject({
            severity: 'error', code: 'unknown-attribute', line: 3, column: 19, endLine: 3, endColumn: 28
        });
    });
});

describe('main', () => {
    test('parses arguments and returns the exit code', async () => {
        const { main } = await import('../../cli/main.js');
        const root = writeProject({ 'bad.dfnn': BAD });
        const io = new BufferedIO();
        expect(await main(['node', 'deepforge', 'check', '--format', 'json', root], io)).toBe(1);
        expect(JSON.parse(io.output).errors).toBe(1);
        const usage = new BufferedIO();
        expect(await main(['node', 'deepforge', 'check', '--format', 'xml', root], usage)).toBe(2);
        expect(usage.errors).toContain("argument 'xml' is invalid");
        process.exitCode = 0;
    });
});
