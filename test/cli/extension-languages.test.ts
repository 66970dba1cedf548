import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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
/** `pickle.dumps([1, 2, 4], protocol=2)`: the dataset file changed. */
const NUMBERS_CHANGED_PICKLE = new Uint8Array([128, 2, 93, 113, 0, 40, 75, 1, 75, 2, 75, 4, 101, 46]);
/** `pickle.dumps([5], protocol=2)`: another artifact. */
const FIVE_PICKLE = new Uint8Array([128, 2, 93, 113, 0, 75, 5, 97, 46]);

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

    /** `deepforge run sum.dfp --explain --json`: each step's decision and reason. */
    const explain = (...args: string[]) => {
        const result = deepforge('run', 'sum.dfp', '--explain', '--json', ...args);
        expect(result.code, result.stderr + result.stdout).toBe(0);
        return result.stdout.trim().split('\n').map(line => JSON.parse(line) as { step: string; decision: string; reason: string }).map(e => [e.step, e.decision, e.reason]);
    };
    const READS = 'reads `data/numbers.pkl` (dataset `numbers` in catalogue.dfcat)';

    test('run --explain: the Input step reads the catalogue entry\'s file, not yet in the store (nothing is stored)', () => {
        expect(explain()).toEqual([
            ['numbers', 'run', `${READS}: it has not run before`],
            ['Total#1', 'run', 'its input `data` comes from `numbers`, which runs']
        ]);
        expect(JSON.parse(deepforge('artifacts', 'list', '--json').stdout)).toEqual([]);
    });

    test('run: with no `artifacts add` first, the catalogue entry\'s file becomes the Input step\'s artifact', () => {
        const result = deepforge('run', 'sum.dfp', '--name', 'sum');
        expect(result.code, result.stderr + result.stdout).toBe(0);
        expect(result.stdout).toMatch(/execution sum: succeeded in [\d.]+ s \(2 steps: 2 ran\)/);
        expect(deepforge('executions', 'logs', 'sum', 'Total#1').stdout).toContain('total 6');
        // Recorded as `artifacts add` would, with the catalogue entry as its source.
        const [artifact] = JSON.parse(deepforge('artifacts', 'list', '--json').stdout);
        expect(artifact).toMatchObject({
            name: 'numbers', type: 'pickle', extension: '.pkl', size: NUMBERS_PICKLE.length, producedBy: null,
            source: 'from catalogue catalogue.dfcat:numbers'
        });
        expect(artifact.sha256).toBe(`sha256:${createHash('sha256').update(NUMBERS_PICKLE).digest('hex')}`);
        expect(deepforge('artifacts', 'list').stdout).toMatch(/\nnumbers +pickle +14 +\S+ \S+ +from catalogue catalogue\.dfcat:numbers +/);
    });

    test('run: the same file stays cached; a changed file re-runs the step that reads it (as --explain says first)', () => {
        expect(explain()).toEqual([
            ['numbers', 'reuse', `${READS}: its content is unchanged since \`numbers\` in sum`],
            ['Total#1', 'reuse', 'same code, attributes, networks, environment and inputs as `Total#1` in sum']
        ]);
        const same = deepforge('run', 'sum.dfp', '--name', 'same');
        expect(same.code, same.stderr + same.stdout).toBe(0);
        expect(same.stdout).toMatch(/execution same: succeeded in [\d.]+ s \(2 steps: 2 cached\)/);

        writeFileSync(path.join(project, 'data', 'numbers.pkl'), NUMBERS_CHANGED_PICKLE);
        // The store still holds the old content: --explain keys the step with the file, as the run will.
        expect(explain()).toEqual([
            ['numbers', 'run', `${READS}: since same: the content of \`data/numbers.pkl\` changed`],
            ['Total#1', 'run', 'its input `data` comes from `numbers`, which runs']
        ]);
        const changed = deepforge('run', 'sum.dfp', '--name', 'changed');
        expect(changed.code, changed.stderr + changed.stdout).toBe(0);
        expect(changed.stdout).toMatch(/execution changed: succeeded in [\d.]+ s \(2 steps: 2 ran\)/);
        expect(deepforge('executions', 'logs', 'changed', 'Total#1').stdout).toContain('total 7');
    });

    test('run: the catalogue wins over an artifact of that name added before; --input chooses another', () => {
        writeFileSync(path.join(project, 'data', 'five.pkl'), FIVE_PICKLE);
        expect(deepforge('artifacts', 'add', 'numbers', 'data/five.pkl').code).toBe(0);
        expect(explain().map(([step, decision]) => [step, decision])).toEqual([['numbers', 'reuse'], ['Total#1', 'reuse']]);
        const result = deepforge('run', 'sum.dfp', '--name', 'catalogue-wins');
        expect(result.code, result.stderr + result.stdout).toBe(0);
        // The catalogue's file (as in the run `changed`): cached, and the artifact is the file's again.
        expect(result.stdout).toMatch(/\(2 steps: 2 cached\)/);
        const numbers = () => JSON.parse(deepforge('artifacts', 'list', '--json').stdout).find((a: { name: string }) => a.name === 'numbers');
        expect([numbers().size, numbers().source]).toEqual([NUMBERS_CHANGED_PICKLE.length, 'from catalogue catalogue.dfcat:numbers']);

        expect(deepforge('artifacts', 'add', 'five', 'data/five.pkl').code).toBe(0);
        const chosen = deepforge('run', 'sum.dfp', '--name', 'chosen', '--input', 'numbers=five');
        expect(chosen.code, chosen.stderr + chosen.stdout).toBe(0);
        expect(chosen.stdout).toMatch(/\(2 steps: 2 ran\)/);
        expect(deepforge('executions', 'logs', 'chosen', 'Total#1').stdout).toContain('total 5');
        expect(numbers().source).toBe('from catalogue catalogue.dfcat:numbers');
    });

    test('run and export: a missing data file is an error of the pipeline at the Input step', () => {
        const file = path.join(project, 'data', 'numbers.pkl');
        rmSync(file);
        try {
            const message = 'sum.dfp:9:41: error: step `numbers`: the file `data/numbers.pkl` of the dataset `numbers` (its path in catalogue.dfcat) does not exist [dataset-file]';
            const run = deepforge('run', 'sum.dfp', '--name', 'missing');
            expect([run.code, run.stderr.trim().split('\n')]).toEqual([1, [message, 'deepforge: nothing was run: 1 error.']]);
            const exported = deepforge('export', 'sum.dfp', '-o', 'missing.zip');
            expect([exported.code, exported.stderr.trim().split('\n')[0]]).toEqual([1, message]);
            const explained = deepforge('run', 'sum.dfp', '--explain');
            expect([explained.code, explained.stderr.trim().split('\n')[0]]).toEqual([1, message]);
        } finally {
            writeFileSync(file, NUMBERS_PICKLE);
        }
    });

    test('run, --explain and export: an input given on the command line wins over a missing data file', () => {
        const file = path.join(project, 'data', 'numbers.pkl');
        rmSync(file);
        try {
            // The run `chosen` read `five` the same way: both steps are cached.
            expect(explain('--input', 'numbers=five')).toEqual([
                ['numbers', 'reuse', 'same code, attributes, networks, environment and inputs as `numbers` in chosen'],
                ['Total#1', 'reuse', 'same code, attributes, networks, environment and inputs as `Total#1` in chosen']
            ]);
            const run = deepforge('run', 'sum.dfp', '--name', 'given', '--input', 'numbers=five');
            expect(run.code, run.stderr + run.stdout).toBe(0);
            expect(run.stdout).toMatch(/execution given: succeeded in [\d.]+ s \(2 steps: 2 cached\)/);
            const exported = deepforge('export', 'sum.dfp', '-o', 'given.zip', '--static', 'numbers=data/five.pkl');
            expect(exported.code, exported.stderr).toBe(0);
            expect(readFileSync(path.join(project, 'given.zip')).includes('Sum/inputs/numbers/five.pkl')).toBe(true);
        } finally {
            writeFileSync(file, NUMBERS_PICKLE);
        }
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
