/**
 * `deepforge sweep run` and `report` for real, on a one-step plain-Python pipeline
 * (test/fixtures/quadratic.dfp: a score that is best at x = 3): one execution per
 * configuration through the execution engine, the sweep's record, the comparison table.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ExecutionRecord } from 'deepforge-ts';
import { reportSweep, runSweep } from '../src/commands/sweep-command.js';
import type { SweepRecord } from '../src/commands/sweep-record.js';
import type { SweepReport } from '../src/commands/sweep-report.js';
import { SweepLanguage } from '../src/index.js';
import { EXTENSION } from './helpers.js';

const SWEEP = path.join(EXTENSION, 'test', 'fixtures', 'quadratic.sweep');
/** The core's Python environment (scripts/setup-python.sh), which the engine runs steps with. */
const PYTHON = path.resolve(EXTENSION, '..', '..', '..', '.venv', 'bin', 'python');

function env(): Record<string, string> {
    if (!existsSync(PYTHON)) throw new Error(`No Python at ${PYTHON}: run scripts/setup-python.sh in the DeepForge core`);
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('DEEPFORGE_')) result[key] = value;
    return { ...result, DEEPFORGE_PYTHON: PYTHON };
}

function capture() {
    const out: string[] = [];
    const err: string[] = [];
    let code = 0;
    return { out, err, context: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), setExitCode: (c: number) => { code = c; } }, code: () => code };
}

function readExecution(project: string, name: string): ExecutionRecord {
    return JSON.parse(readFileSync(path.join(project, '.deepforge', 'executions', name, 'execution.json'), 'utf-8')) as ExecutionRecord;
}

describe('sweep run + report (grid)', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'deepforge-sweep-run-'));
    let output: ReturnType<typeof capture>;
    let code: number;

    beforeAll(async () => {
        output = capture();
        code = await runSweep(SWEEP, { sweep: 'around', project, env: env() }, SweepLanguage, output.context);
    }, 300_000);

    test('runs one execution per configuration, with the configuration as overrides', () => {
        expect(code, output.err.join('\n')).toBe(0);
        expect(output.out[0]).toBe('sweep around over Quadratic: 6 configurations (grid)');
        expect(output.out.filter(line => /^\[\d\/6\]/.test(line))).toEqual([
            '[1/6] scored.x=1 scored.scale=1.0', '[2/6] scored.x=1 scored.scale=2.0',
            '[3/6] scored.x=3 scored.scale=1.0', '[4/6] scored.x=3 scored.scale=2.0',
            '[5/6] scored.x=4 scored.scale=1.0', '[6/6] scored.x=4 scored.scale=2.0'
        ]);
        for (let i = 1; i <= 6; i++) {
            const record = readExecution(project, `around-${i}`);
            expect(record.status).toBe('succeeded');
            expect(record.pipeline).toBe('Quadratic');
        }
        const third = readExecution(project, 'around-3');
        expect(third.options.set).toEqual(['scored.x=3', 'scored.scale=1.0']);
        expect(third.steps.scored.attributes).toMatchObject({ x: 3, scale: { float: 1 } });
        expect(third.steps.scored.metrics).toMatchObject([{ name: 'score', value: 0 }]);
    });

    test('records which execution ran which configuration', () => {
        const record = JSON.parse(readFileSync(path.join(project, '.deepforge', 'sweeps', 'around.json'), 'utf-8')) as SweepRecord;
        expect(record).toMatchObject({ format: 'deepforge-sweep', name: 'around', pipeline: 'Quadratic', strategy: { kind: 'grid' }, objective: { direction: 'maximize', metric: 'score' } });
        expect(record.runs.map(r => [r.index, r.values, r.execution, r.status])).toEqual([
            [1, { 'scored.x': 1, 'scored.scale': 1 }, 'around-1', 'succeeded'],
            [2, { 'scored.x': 1, 'scored.scale': 2 }, 'around-2', 'succeeded'],
            [3, { 'scored.x': 3, 'scored.scale': 1 }, 'around-3', 'succeeded'],
            [4, { 'scored.x': 3, 'scored.scale': 2 }, 'around-4', 'succeeded'],
            [5, { 'scored.x': 4, 'scored.scale': 1 }, 'around-5', 'succeeded'],
            [6, { 'scored.x': 4, 'scored.scale': 2 }, 'around-6', 'succeeded']
        ]);
        expect(record.ended).toBeDefined();
    });

    test('report: best first by the objective, with status, duration and metrics', async () => {
        const table = capture();
        expect(await reportSweep(SWEEP, { sweep: 'around', project }, SweepLanguage, table.context)).toBe(0);
        expect(table.out[0]).toBe('sweep around over Quadratic: 6 configurations, best score first (maximize)');
        expect(table.out[1]).toMatch(/^rank\s+scored\.x\s+scored\.scale\s+status\s+seconds\s+score\s+execution$/);
        const rows = table.out.slice(2).map(line => line.split(/\s+/));
        // score = -(x-3)²·scale, best first; the tie at x = 3 keeps configuration order.
        expect(rows.map(r => [r[0], r[1], r[2], r[3], r[5], r[6]])).toEqual([
            ['1', '3', '1', 'succeeded', '0', 'around-3'],
            ['2', '3', '2', 'succeeded', '0', 'around-4'],
            ['3', '4', '1', 'succeeded', '-1', 'around-5'],
            ['4', '4', '2', 'succeeded', '-2', 'around-6'],
            ['5', '1', '1', 'succeeded', '-4', 'around-1'],
            ['6', '1', '2', 'succeeded', '-8', 'around-2']
        ]);
        for (const row of rows) expect(Number(row[4])).toBeGreaterThan(0);

        const json = capture();
        expect(await reportSweep(SWEEP, { sweep: 'around', project, format: 'json' }, SweepLanguage, json.context)).toBe(0);
        const report = JSON.parse(json.out.join('\n')) as SweepReport;
        expect(report.objective).toEqual({ direction: 'maximize', metric: 'score' });
        expect(report.rows.map(r => [r.rank, r.execution, r.objective])).toEqual([
            [1, 'around-3', 0], [2, 'around-4', 0], [3, 'around-5', -1], [4, 'around-6', -2], [5, 'around-1', -4], [6, 'around-2', -8]
        ]);
    });
});

describe('sweep run (random) and errors', () => {
    test('random: the seeded draws, minimizing a step-qualified metric', async () => {
        const project = mkdtempSync(path.join(tmpdir(), 'deepforge-sweep-random-'));
        const dry = capture();
        expect(await runSweep(SWEEP, { sweep: 'sampled', project, dryRun: true, env: env() }, SweepLanguage, dry.context)).toBe(0);
        expect(dry.out[0]).toBe('sweep sampled over Quadratic: 3 configurations (random, 3 samples, seed 5)');
        const drawn = dry.out.slice(1);
        expect(drawn).toHaveLength(3);
        for (const line of drawn) expect(line).toMatch(/^ {2}\d\. scored\.x=(-2|-1|[0-8]) scored\.mode="(plain|shifted)"$/);
        expect(existsSync(path.join(project, '.deepforge', 'sweeps'))).toBe(false);

        const run = capture();
        expect(await runSweep(SWEEP, { sweep: 'sampled', project, env: env() }, SweepLanguage, run.context), run.err.join('\n')).toBe(0);
        const json = capture();
        expect(await reportSweep(SWEEP, { sweep: 'sampled', project, format: 'json' }, SweepLanguage, json.context)).toBe(0);
        const report = JSON.parse(json.out.join('\n')) as SweepReport;
        expect(report.objective).toEqual({ direction: 'minimize', metric: 'scored.score' });
        const scores = report.rows.map(r => r.objective!);
        expect(scores).toEqual([...scores].sort((a, b) => a - b));
        expect(report.rows.map(r => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    }, 300_000);

    test('a sweep with errors runs nothing and says where', async () => {
        const project = mkdtempSync(path.join(tmpdir(), 'deepforge-sweep-errors-'));
        const output = capture();
        const bad = path.join(EXTENSION, 'test', 'fixtures', 'bad.sweep');
        expect(await runSweep(bad, { project, env: env() }, SweepLanguage, output.context)).toBe(1);
        expect(output.err).toEqual([
            expect.stringMatching(/fixtures[\\/]bad\.sweep:3:12: error: `Score` \(step `scored`\) has no attribute `y`: did you mean `x`\? \[unknown-attribute\]$/),
            expect.stringMatching(/fixtures[\\/]bad\.sweep:4:24: error: 11 is outside the range of `x`, -10\.\.10 \[value\]$/),
            'deepforge: nothing was run: 2 errors.'
        ]);
        expect(existsSync(path.join(project, '.deepforge', 'executions'))).toBe(false);
    });

    test('a problem before anything runs (an unknown compute) stops the sweep, recorded', async () => {
        const project = mkdtempSync(path.join(tmpdir(), 'deepforge-sweep-compute-'));
        const output = capture();
        expect(await runSweep(SWEEP, { sweep: 'around', compute: 'nowhere', project, env: env() }, SweepLanguage, output.context)).toBe(2);
        expect(output.err).toHaveLength(1);
        expect(output.err[0]).toMatch(/^deepforge: around configuration 1: .*nowhere/);
        const record = JSON.parse(readFileSync(path.join(project, '.deepforge', 'sweeps', 'around.json'), 'utf-8')) as SweepRecord;
        expect(record.runs.map(r => r.status)).toEqual(['failed', 'not-started', 'not-started', 'not-started', 'not-started', 'not-started']);
        expect(record.ended).toBeDefined();
    });

    test('report before any run, an unknown sweep, a bad format: clear messages', async () => {
        const project = mkdtempSync(path.join(tmpdir(), 'deepforge-sweep-none-'));
        const none = capture();
        expect(await reportSweep(SWEEP, { sweep: 'around', project }, SweepLanguage, none.context)).toBe(2);
        expect(none.err).toEqual(['deepforge: sweep `around` has not been run in this project (no .deepforge/sweeps/around.json): run it with `deepforge sweep run`']);
        const unknown = capture();
        expect(await reportSweep(SWEEP, { sweep: 'aroun', project }, SweepLanguage, unknown.context)).toBe(2);
        expect(unknown.err[0]).toMatch(/^deepforge: no sweep `aroun` in .*quadratic\.sweep \(it has `around`, `sampled`\)$/);
        const format = capture();
        expect(await reportSweep(SWEEP, { project, format: 'csv' }, SweepLanguage, format.context)).toBe(2);
        expect(format.err).toEqual(['deepforge: --format takes table or json, not "csv"']);
    });
});
