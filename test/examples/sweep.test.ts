/**
 * The `sweep` example extension (examples/extensions/sweep) through the real `deepforge` CLI:
 * built with `deepforge extensions build`, its own tests run with `deepforge extensions test`,
 * added to a project with `deepforge extensions add`;
 * `deepforge check` finds the cross-language errors of `.sweep` files (pipelines, steps and
 * attributes of `.dfp` files); `deepforge sweep run` runs a grid of 4 configurations of the
 * digits pipeline (1 epoch each) through the execution engine and `deepforge sweep report`
 * compares them; `deepforge extensions remove` (in a project of its own, with a one-second sweep)
 * leaves what a sweep ran behind. Each test sets up what it needs: none depends on another's
 * order or output. SLOW: four short trainings (a few minutes on 2 cores).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli, readRecord, root, tempProject, testEnv } from '../server/execution/helpers.js';

const EXTENSION = join(root, 'examples', 'extensions', 'sweep');
const EXAMPLE = join(EXTENSION, 'examples', 'digits.sweep');

async function deepforge(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
    const { done } = cli(args, env);
    const { code, stdout, stderr } = await done;
    return { code, out: stdout, err: stderr };
}

describe('the sweep extension through the deepforge CLI', () => {
    const project = tempProject('sweep');
    const env = testEnv({ DEEPFORGE_PROJECT: project });

    beforeAll(async () => {
        const built = await deepforge(['extensions', 'build', EXTENSION], env);
        expect(built.code, built.err + built.out).toBe(0);
        const added = await deepforge(['extensions', 'add', EXTENSION, '--project', project], env);
        expect(added.code, added.err + added.out).toBe(0);
        expect(added.out).toContain('added extension deepforge-sweep: sweep (.sweep)');
    }, 600_000);

    test('deepforge extensions test: the extension\'s own tests pass (parsing, checks, expansion, completion, hover, runs)', async () => {
        const { code, out, err } = await deepforge(['extensions', 'test', EXTENSION], env);
        expect(code, err + out).toBe(0);
        expect(out + err).toMatch(/Test Files\s+4 passed \(4\)/);
        expect(out + err).toMatch(/Tests\s+32 passed \(32\)/);
    }, 300_000);

    test('deepforge check: the example sweeps have no problems', async () => {
        const { code, out, err } = await deepforge(['check', EXAMPLE], env);
        expect(code, err + out).toBe(0);
    });

    test('deepforge check finds unknown pipelines, steps and attributes and bad values, at their positions', async () => {
        const digits = relative(project, join(root, 'examples', 'digits', 'digits.dfp')).split('\\').join('/');
        const file = join(project, 'bad.sweep');
        writeFileSync(file, [
            `import "${digits}"`,
            'sweep typo over DigitsClasifier {',
            '    trained.epochs in [1]',
            '}',
            'sweep s over DigitsClassifier {',
            '    strategy random',
            '    trained.epoch in [1, 2]',
            '    traind.batch_size in [32]',
            '    trained.optimizer in ["adam", "adamw"]',
            '    trained.batch_size in [0, 64]',
            '    split.test_size in []',
            '}', ''].join('\n'));
        const { code, err, out } = await deepforge(['check', file], env);
        expect(code, err + out).toBe(1);
        const lines = (err + out).split('\n').filter(line => line.includes('bad.sweep:'));
        const located = lines.map(line => line.slice(line.indexOf('bad.sweep:')));
        expect(located).toEqual([
            'bad.sweep:2:17: error: no pipeline `DigitsClasifier` in the workspace: did you mean `DigitsClassifier`? [linking-error]',
            'bad.sweep:6:14: error: `strategy random` needs a number of samples: `strategy random samples 6` [random-without-samples]',
            'bad.sweep:7:13: error: `TrainDigits` (step `trained`) has no attribute `epoch`: did you mean `epochs`? [unknown-attribute]',
            'bad.sweep:8:5: error: pipeline `DigitsClassifier` has no step `traind`: did you mean `trained`? [linking-error]',
            'bad.sweep:9:35: error: `optimizer` expects "adam", "sgd" or "rmsprop", got "adamw": did you mean "adam"? [value]',
            'bad.sweep:10:28: error: 0 is outside the range of `batch_size`, 1..4096 [value]',
            'bad.sweep:11:24: error: no values for `split.test_size`: give at least one [empty-values]'
        ]);
    });

    describe('a grid of 4 configurations of the digits pipeline', () => {
        let run: { code: number | null; out: string; err: string };

        beforeAll(async () => {
            const started = Date.now();
            run = await deepforge(['sweep', 'run', EXAMPLE, '--sweep', 'quick', '--seed', '0', '--project', project], env);
            console.log(`sweep of 4 digits executions (1 epoch each): ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }, 1_200_000);

        test('deepforge sweep run launches 4 executions through the engine, each with its overrides', () => {
            expect(run.code, run.err + run.out).toBe(0);
            expect(run.out).toContain('sweep quick over DigitsClassifier: 4 configurations (grid)');
            for (const [i, line] of [
                'trained.epochs=1 trained.batch_size=32 trained.optimizer="adam"',
                'trained.epochs=1 trained.batch_size=32 trained.optimizer="rmsprop"',
                'trained.epochs=1 trained.batch_size=64 trained.optimizer="adam"',
                'trained.epochs=1 trained.batch_size=64 trained.optimizer="rmsprop"'
            ].entries()) expect(run.out).toContain(`[${i + 1}/4] ${line}`);
            expect(run.out).toContain('sweep quick: 4 of 4 succeeded');
            const expected = [[32, 'adam'], [32, 'rmsprop'], [64, 'adam'], [64, 'rmsprop']];
            for (const [i, [batch, optimizer]] of expected.entries()) {
                const record = readRecord(project, `quick-${i + 1}`);
                expect(record.status).toBe('succeeded');
                expect(record.steps.trained.attributes).toMatchObject({ epochs: 1, batch_size: batch, optimizer });
                expect(record.steps['EvalDigits#1'].metrics.find(m => m.name === 'accuracy')?.value).toBeGreaterThan(0.3);
            }
            // Loading and splitting the data do not depend on the swept attributes: run once, then cached.
            expect(readRecord(project, 'quick-2').steps.split.status).toBe('cached');
            const sweep = JSON.parse(readFileSync(join(project, '.deepforge', 'sweeps', 'quick.json'), 'utf-8'));
            expect(sweep.runs.map((r: { execution: string }) => r.execution)).toEqual(['quick-1', 'quick-2', 'quick-3', 'quick-4']);
        });

        test('deepforge sweep report compares the 4, best accuracy first', async () => {
            const table = await deepforge(['sweep', 'report', EXAMPLE, '--sweep', 'quick', '--project', project], env);
            expect(table.code, table.err).toBe(0);
            const lines = table.out.trimEnd().split('\n');
            expect(lines[0]).toBe('sweep quick over DigitsClassifier: 4 configurations, best accuracy first (maximize)');
            expect(lines[1]).toMatch(/^rank\s+trained\.epochs\s+trained\.batch_size\s+trained\.optimizer\s+status\s+seconds\s+accuracy\s+.*execution$/);
            expect(lines.slice(2)).toHaveLength(4);
            for (const [i, line] of lines.slice(2).entries()) expect(line).toMatch(new RegExp(`^${i + 1}\\s+1\\s+(32|64)\\s+(adam|rmsprop)\\s+succeeded\\s+\\d+\\.\\d\\s+0\\.\\d+\\s.*quick-[1-4]$`));

            const json = await deepforge(['sweep', 'report', EXAMPLE, '--sweep', 'quick', '--format', 'json', '--project', project], env);
            expect(json.code, json.err).toBe(0);
            const report = JSON.parse(json.out) as { rows: Array<{ rank: number; execution: string; status: string; seconds: number; objective: number; metrics: Record<string, number> }> };
            expect(report.rows.map(r => r.rank)).toEqual([1, 2, 3, 4]);
            expect(new Set(report.rows.map(r => r.execution))).toEqual(new Set(['quick-1', 'quick-2', 'quick-3', 'quick-4']));
            const accuracies = report.rows.map(r => r.metrics.accuracy);
            expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a));
            for (const row of report.rows) {
                expect(row.status).toBe('succeeded');
                expect(row.seconds).toBeGreaterThan(0);
                expect(row.objective).toBe(row.metrics.accuracy);
                expect(row.metrics.accuracy).toBe(readRecord(project, row.execution).steps['EvalDigits#1'].metrics.find(m => m.name === 'accuracy')?.value);
            }
        });
    });

    test('without the extension, a .sweep file is not a DeepForge file', async () => {
        // A project of its own, so that removing the extension takes nothing from the other tests,
        // with a sweep record of its own: one configuration of the one-step plain-Python pipeline of
        // the extension's tests (a second), run for real through `deepforge sweep run`.
        const own = tempProject('sweep-removed');
        const ownEnv = testEnv({ DEEPFORGE_PROJECT: own });
        const added = await deepforge(['extensions', 'add', EXTENSION, '--project', own], ownEnv);
        expect(added.code, added.err + added.out).toBe(0);
        const quadratic = relative(own, join(EXTENSION, 'test', 'fixtures', 'quadratic.dfp')).split('\\').join('/');
        const file = join(own, 'once.sweep');
        writeFileSync(file, [`import "${quadratic}"`, 'sweep once over Quadratic {', '    scored.x in [3]', '}', ''].join('\n'));
        const ran = await deepforge(['sweep', 'run', file, '--project', own], ownEnv);
        expect(ran.code, ran.err + ran.out).toBe(0);
        expect(ran.out).toContain('sweep once: 1 of 1 succeeded');
        const recordFile = join(own, '.deepforge', 'sweeps', 'once.json');
        const record = readFileSync(recordFile, 'utf-8');
        expect(JSON.parse(record).runs.map((r: { execution: string }) => r.execution)).toEqual(['once-1']);

        const removed = await deepforge(['extensions', 'remove', 'deepforge-sweep', '--project', own], ownEnv);
        expect(removed.code, removed.err).toBe(0);
        const { code, err } = await deepforge(['sweep', 'report', file, '--project', own], ownEnv);
        expect(code).not.toBe(0);
        expect(err).toMatch(/unknown command 'sweep'/);
        // What the sweep ran stays in the project: its record and its execution.
        expect(existsSync(recordFile)).toBe(true);
        expect(readFileSync(recordFile, 'utf-8')).toBe(record);
        expect(readRecord(own, 'once-1').status).toBe('succeeded');
    }, 120_000);
});
