import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEnv } from '../server/execution/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LAUNCHER = path.join(ROOT, 'bin', 'deepforge.cjs');
const DATASETS = path.join(ROOT, 'examples', 'extensions', 'datasets');

/** `pickle.dumps([1, 2, 3], protocol=2)`: what the catalogue's dataset file and the stored artifact hold. */
const NUMBERS_PICKLE = new Uint8Array([128, 2, 93, 113, 0, 40, 75, 1, 75, 2, 75, 3, 101, 46]);

/**
 * The commands beyond `check`/`generate` on files of an extension's language, through the real
 * CLI (the launcher, on the built tree) in a project that records the datasets extension (a
 * data-only language): `run` and `export` of a pipeline whose Input step takes a catalogue entry,
 * `render` of the catalogue itself, and `config` showing the recorded extensions.
 */
describe('extension languages in run, export, render and config', () => {
    let project: string;

    /** Runs the CLI in the project (no DEEPFORGE_* variables but the test Python). */
    const deepforge = (...args: string[]) => {
        const result = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: project, env: testEnv(), encoding: 'utf8', timeout: 240_000 });
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    beforeAll(() => {
        project = mkdtempSync(path.join(tmpdir(), 'deepforge-extension-languages-'));
        mkdirSync(path.join(project, '.deepforge'));
        mkdirSync(path.join(project, 'data'));
        writeFileSync(path.join(project, '.deepforge', 'config.json'), JSON.stringify({ extensions: [{ name: 'deepforge-datasets', path: DATASETS }] }));
        writeFileSync(path.join(project, 'catalogue.dfcat'), 'Dataset numbers { path: "data/numbers.pkl"; samples: 3 }\n');
        writeFileSync(path.join(project, 'data', 'numbers.pkl'), NUMBERS_PICKLE);
        writeFileSync(path.join(project, 'sum.dfp'), [
            'import "catalogue.dfcat"',
            '',
            'operation Total {',
            '    inputs data',
            '    code "total.py"',
            '}',
            '',
            'pipeline Sum {',
            '    numbers = Input(artifact="numbers", dataset=numbers)',
            '    Total()(data=numbers.data)',
            '}',
            ''
        ].join('\n'));
        writeFileSync(path.join(project, 'total.py'), 'class Total:\n    def execute(self, data):\n        print("total", sum(data))\n');
    });

    afterAll(() => { if (project) rmSync(project, { recursive: true, force: true }); });

    test('export: the pipeline loads with the extension\'s language; the entry\'s file is the bundled static input', () => {
        const result = deepforge('export', 'sum.dfp', '-o', 'sum.zip');
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('exported pipeline Sum to sum.zip');
        expect(result.stdout).toContain('1 static input');
        // Zip entry names are stored as they are: the catalogue's file is in the archive.
        expect(readFileSync(path.join(project, 'sum.zip')).includes('Sum/inputs/numbers/numbers.pkl')).toBe(true);
    });

    test('run: a real execution of the pipeline whose Input step names a catalogue entry', () => {
        const added = deepforge('artifacts', 'add', 'numbers', 'data/numbers.pkl');
        expect(added.code, added.stderr).toBe(0);
        const result = deepforge('run', 'sum.dfp', '--name', 'sum');
        expect(result.code, result.stderr + result.stdout).toBe(0);
        expect(result.stdout).toMatch(/execution sum: succeeded in [\d.]+ s \(2 steps: 2 ran\)/);
        const logs = deepforge('executions', 'logs', 'sum', 'Total#1');
        expect(logs.stdout).toContain('total 6');
    });

    test('render: a catalogue is drawn with the generic model diagram', () => {
        const result = deepforge('render', 'catalogue.dfcat', '-o', 'catalogue.svg');
        expect(result.code, result.stderr).toBe(0);
        const svg = readFileSync(path.join(project, 'catalogue.svg'), 'utf-8');
        expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg [^>]*data-diagram="model" data-name="catalogue"/);
        expect(svg).toContain('numbers');
        const missing = deepforge('render', 'catalogue.dfcat', '--graph', 'nope');
        expect([missing.code, missing.stderr.trim()]).toEqual([2, 'deepforge: no graph `nope` in catalogue.dfcat (it has graph `catalogue`)']);
    });

    test('config: the extensions key shows the recorded list and is set only by `deepforge extensions`', () => {
        const all = deepforge('config');
        expect(all.code, all.stderr).toBe(0);
        expect(all.stdout).toMatch(new RegExp(`\\n  extensions +deepforge-datasets \\(${DATASETS.replace(/[/.]/g, '\\$&')}\\)  \\[config\\.json\\]  — the project's extensions`));
        const one = deepforge('config', 'extensions');
        expect([one.code, one.stdout.trim()]).toEqual([0, `deepforge-datasets  ${DATASETS}`]);
        const json = deepforge('config', '--json');
        expect(JSON.parse(json.stdout).extensions).toEqual([{ name: 'deepforge-datasets', path: DATASETS }]);
        const set = deepforge('config', 'extensions', 'x');
        expect([set.code, set.stderr.trim()]).toEqual([2, 'deepforge: `extensions` is set by `deepforge extensions add FOLDER|PACKAGE` and `deepforge extensions remove NAME` (they check the extension loads), not by `deepforge config`']);
    });
});
