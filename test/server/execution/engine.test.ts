/**
 * The execution engine on small operations (numpy only, each step a real Python process):
 * statuses and records, parallel steps, outputs through local storage, figures, metrics,
 * artifacts, caching (re-run, --set, --no-cache, --explain), failures, a missing package,
 * Ctrl-C during a step, `kill -9` of the runner then --resume, and the store's files.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resumeExecution } from '../../../server/execution/engine.js';
import { explainRun } from '../../../server/execution/explain.js';
import { processAlive } from '../../../server/execution/lock.js';
import { addArtifact } from '../../../server/execution/manage.js';
import { Store } from '../../../server/execution/store.js';
import { cli, OPS, PNG_MAGIC, python, readRecord, run, statuses, tempProject, testEnv, until } from './helpers.js';

describe('running a pipeline with local compute and local storage', () => {
    const project = tempProject('chain');

    test('every step runs in its own process, outputs flow through storage, the record has it all', async () => {
        const { record, events } = await run(project, { pipeline: 'Chain', name: 'run' });
        expect(record.name).toBe('run');
        expect(record.status).toBe('succeeded');
        expect(statuses(record)).toEqual({ made: 'succeeded', scaled: 'succeeded', other: 'succeeded', total: 'succeeded', 'Output#1': 'succeeded' });
        // Status flow of a step, in order.
        expect(events.filter(e => e.type === 'step' && e.step === 'total').map(e => (e as { status: string }).status)).toEqual(['queued', 'running', 'succeeded']);
        // scaled and other are independent: both were running at once.
        const order = events.filter(e => e.type === 'step').map(e => `${(e as { step: string }).step}:${(e as { status: string }).status}`);
        expect(order.indexOf('other:running')).toBeLessThan(order.indexOf('scaled:succeeded'));
        const total = record.steps.total;
        expect(total.metrics).toEqual([{ name: 'total', value: 20 }]);
        expect(total.outputs.total).toMatchObject({ format: 'pickle', location: { adapter: 'local' } });
        expect(total.seconds).toBeGreaterThan(0);
        expect(record.steps.scaled.attributes).toEqual({ factor: { float: 2 } });
        // stdout captured whole and stored.
        const store = new Store(project);
        expect(readFileSync(join(project, total.logs.stdoutFile!), 'utf-8')).toContain('total 20.0');
        expect(total.logs.stdout).toMatchObject({ adapter: 'local', key: 'executions/run/total/stdout.log' });
        // Figures as PNG files (in the work folder and in storage).
        const figure = record.steps.made.figures[0];
        expect(figure).toMatchObject({ index: 1, title: 'Values' });
        expect(readFileSync(join(project, figure.file)).subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
        expect(existsSync(join(project, '.deepforge', 'storage', 'objects', 'executions', 'run', 'made', 'figures', 'made-1.png'))).toBe(true);
        // The Output step made an artifact.
        expect(store.listArtifacts()).toEqual([expect.objectContaining({ name: 'scaled-values', type: 'numpy', extension: '.npy', producedBy: { execution: 'run', step: 'Output#1' } })]);
        // Credentials are not in the record.
        expect(JSON.stringify(record)).not.toMatch(/AWS_SECRET|secretAccessKey/);
    });

    test('a re-run is fully cached in under a second; names are made unique', async () => {
        const { record, ms } = await run(project, { pipeline: 'Chain', name: 'run' });
        expect(record.name).toBe('run_2');
        expect(Object.values(statuses(record))).toEqual(Array(5).fill('cached'));
        expect(record.steps.total.cachedFrom).toEqual({ execution: 'run', step: 'total' });
        expect(record.steps.total.metrics).toEqual([{ name: 'total', value: 20 }]);
        console.log(`fully cached re-run: ${ms.toFixed(0)} ms`);
        expect(ms).toBeLessThan(1000);
    });

    test('--set re-runs only the affected steps; --explain says why first', async () => {
        const explanation = await explainRun({ project, file: OPS, pipeline: 'Chain', set: ['scaled.factor=4'], env: testEnv() });
        expect(explanation.map(e => [e.step, e.decision])).toEqual([['made', 'reuse'], ['scaled', 'run'], ['other', 'reuse'], ['total', 'run'], ['Output#1', 'run']]);
        expect(explanation[1].reason).toBe('since run_2: attributes changed (factor 2 → 4)');
        expect(explanation[3].reason).toBe('its input `values` comes from `scaled`, which runs');
        const { record } = await run(project, { pipeline: 'Chain', set: ['scaled.factor=4'] });
        expect(statuses(record)).toEqual({ made: 'cached', scaled: 'succeeded', other: 'cached', total: 'succeeded', 'Output#1': 'succeeded' });
        expect(record.steps.total.metrics).toEqual([{ name: 'total', value: 40 }]);
        expect(record.options.set).toEqual(['scaled.factor=4']);
        // --no-cache runs everything.
        const again = await run(project, { pipeline: 'Chain', set: ['scaled.factor=4'], cache: false });
        expect(Object.values(statuses(again.record))).toEqual(Array(5).fill('succeeded'));
    });

    test('bad --set values are refused before anything runs', async () => {
        await expect(run(project, { pipeline: 'Chain', set: ['scaled.factor=lots'] })).rejects.toThrow('--set scaled.factor=lots: expected a float, got "lots"');
        await expect(run(project, { pipeline: 'Chain', set: ['nope.factor=1'] })).rejects.toThrow('no step `nope`');
        await expect(run(project, { pipeline: 'Chain', set: ['scaled.size=1'] })).rejects.toThrow('`Scale` has no attribute `size` (it has factor)');
    });

    test('debug mode re-reads the operation code at each step', async () => {
        const { cpSync, mkdtempSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const copy = mkdtempSync(join(tmpdir(), 'deepforge-debug-src-'));
        cpSync(join(OPS, '..'), copy, { recursive: true });
        const file = join(copy, 'ops.dfp');
        const totalPy = join(copy, 'operations', 'total.py');
        // Edited after the run started (while `made` runs): debug mode picks it up.
        const events: string[] = [];
        const { runPipeline } = await import('../../../server/execution/engine.js');
        const result = await runPipeline({
            project, file, pipeline: 'Chain', debug: true, cache: false, env: testEnv(),
            onEvent: e => {
                if (e.type === 'step' && e.step === 'made' && e.status === 'running') {
                    writeFileSync(totalPy, readFileSync(totalPy, 'utf-8').replace("print('total', total)", "print('edited total', total)"));
                }
                if (e.type === 'log') events.push(e.line);
            }
        });
        expect(result.record.status).toBe('succeeded');
        expect(events).toContain('edited total 20.0');
    });
});

describe('failures', () => {
    const project = tempProject('fail');

    test('a failing step: failed with its traceback (operation file and line), what depends on it cancelled, the rest finishes', async () => {
        const { record, failedStep } = await run(project, { pipeline: 'Failing' });
        expect(failedStep).toBe('boom');
        expect(record.status).toBe('failed');
        expect(statuses(record)).toEqual({ made: 'succeeded', boom: 'failed', after: 'cancelled', fine: 'succeeded' });
        expect(record.steps.boom.error).toBe('ValueError: boom: 5 values are too many (operations/boom.py:5)');
        expect(record.steps.after.message).toBe('not run: `boom` failed');
        expect(record.error).toBe('step `boom` (Boom) failed: ValueError: boom: 5 values are too many (operations/boom.py:5)');
        const stderr = readFileSync(join(project, record.steps.boom.logs.stderrFile!), 'utf-8');
        expect(stderr).toMatch(/File ".*operations\/boom\.py", line 5, in execute/);
        expect(stderr).toContain('ValueError: boom');
        // Failures are never cached.
        const again = await run(project, { pipeline: 'Failing' });
        expect(statuses(again.record)).toEqual({ made: 'cached', boom: 'failed', after: 'cancelled', fine: 'cached' });
        const explained = await explainRun({ project, file: OPS, pipeline: 'Failing', env: testEnv() });
        expect(explained.find(e => e.step === 'boom')!.reason).toMatch(/^it failed in Failing_2 \(failures are never cached\)$/);
    });

    test('resume re-runs only the failed and cancelled steps', async () => {
        const { record } = await resumeExecution({ project, execution: 'Failing', env: testEnv() });
        expect(record.resumed).toBe(1);
        expect(statuses(record)).toEqual({ made: 'succeeded', boom: 'failed', after: 'cancelled', fine: 'succeeded' });
        expect(record.steps.made.ended).toBe(readRecord(project, 'Failing').steps.made.ended);
    });

    test('a missing package is named, with what to do', async () => {
        const { record } = await run(project, { pipeline: 'Missing' });
        expect(record.steps.need.status).toBe('failed');
        expect(record.steps.need.message).toContain('step `need` cannot import `deepforge_missing_package_xyz`: the Python package `deepforge-missing-package-xyz` is not installed in');
        expect(record.steps.need.message).toContain('deepforge setup');
    });

    test('a missing input artifact is refused before anything runs', async () => {
        await expect(run(project, { pipeline: 'FromArtifact' })).rejects.toThrow('step `raw` reads the artifact `numbers`, which is not in the store: add it with `deepforge artifacts add numbers FILE`');
    });
});

describe('artifacts as inputs', () => {
    const project = tempProject('artifacts');

    test('Input(artifact=…) reads an added artifact; --input picks another; names that escape are refused', async () => {
        const file = join(project, 'numbers.npy');
        const other = join(project, 'other.npy');
        const make = (path: string, values: string) => spawn(python(), ['-c', `import numpy as np; np.save(${JSON.stringify(path)}, np.array([${values}], dtype=float))`]);
        await Promise.all([make(file, '1, 2, 3'), make(other, '5')].map(child => new Promise(resolve => child.on('exit', resolve))));
        await addArtifact(project, 'numbers', file, { env: testEnv() });
        await addArtifact(project, 'more/other', other, { env: testEnv() });
        const { record } = await run(project, { pipeline: 'FromArtifact' });
        expect(statuses(record)).toEqual({ raw: 'succeeded', scaled: 'succeeded', total: 'succeeded' });
        expect(record.steps.total.metrics).toEqual([{ name: 'total', value: 60 }]);
        const picked = await run(project, { pipeline: 'FromArtifact', inputs: { raw: 'more/other' } });
        expect(picked.record.steps.total.metrics).toEqual([{ name: 'total', value: 50 }]);
        await expect(addArtifact(project, '../x', file)).rejects.toThrow('invalid artifact name "../x"');
        await expect(addArtifact(project, '/abs/x', file)).rejects.toThrow('it is an absolute path');
        await expect(run(project, { pipeline: 'FromArtifact', inputs: { raw: '../../etc/passwd' } })).rejects.toThrow('not in the store');
    });
});

describe('stopping a run', () => {
    test('SIGINT during a step: running steps stopped, statuses cancelled, exit 130, records consistent', async () => {
        const project = tempProject('sigint');
        const { child, done } = cli(['run', OPS, '--pipeline', 'Sleepy', '--name', 'sleepy', '--project', project], testEnv());
        const job = await until(() => {
            const step = readRecord(project, 'sleepy').steps.slow;
            return step.status === 'running' && step.job;
        }, 60_000, 'slow to run');
        await until(() => readFileSync(join(project, readRecord(project, 'sleepy').steps.slow.logs.stdoutFile!), 'utf-8').includes('sleeping'), 30_000, 'slow to print');
        child.kill('SIGINT');
        const result = await done;
        expect(result.code).toBe(130);
        expect(result.stderr).toContain('execution sleepy was cancelled; resume it with: deepforge run --resume sleepy');
        const record = readRecord(project, 'sleepy');
        expect(record.status).toBe('cancelled');
        expect(statuses(record)).toEqual({ made: 'succeeded', slow: 'cancelled', total: 'cancelled' });
        expect(record.steps.slow.message).toBe('stopped while running');
        expect(record.steps.total.message).toBe('not run: the execution was cancelled');
        expect(readFileSync(join(project, record.steps.slow.logs.stdoutFile!), 'utf-8')).toContain('sleeping 30.0 s');
        // The step's process is gone; the runner's lock released.
        expect(processAlive(Number(job.id))).toBe(false);
        expect(existsSync(join(project, '.deepforge', 'executions', 'sleepy', 'runner.lock'))).toBe(false);
    });

    test('kill -9 of the runner leaves a readable record; --resume re-attaches to the step still running and finishes', async () => {
        const project = tempProject('kill9');
        const { child, done } = cli(['run', OPS, '--pipeline', 'Sleepy', '--name', 'killed', '--set', 'slow.seconds=3', '--project', project], testEnv());
        await until(() => readRecord(project, 'killed').steps.slow.status === 'running', 60_000, 'slow to run');
        child.kill('SIGKILL');
        await done;
        const left = readRecord(project, 'killed'); // parses: written atomically
        expect(left.status).toBe('running');
        expect(statuses(left)).toEqual({ made: 'succeeded', slow: 'running', total: 'pending' });
        // Resuming while the old runner's lock is stale (its pid is gone) takes over.
        const { record } = await resumeExecution({ project, execution: 'killed', env: testEnv() });
        expect(record.status).toBe('succeeded');
        expect(statuses(record)).toEqual({ made: 'succeeded', slow: 'succeeded', total: 'succeeded' });
        // The step was not started again: the same job, its log says it woke up once.
        expect(record.steps.slow.job!.id).toBe(left.steps.slow.job!.id);
        expect(readFileSync(join(project, record.steps.slow.logs.stdoutFile!), 'utf-8').match(/woke up/g)).toHaveLength(1);
        expect(record.steps.total.metrics).toEqual([{ name: 'total', value: 10 }]);
    });

    test('kill -9 while the record is written over and over never leaves an unreadable file', async () => {
        const project = tempProject('store');
        const script = `
            import { Store } from ${JSON.stringify(join(process.cwd(), 'out', 'server', 'execution', 'store.js'))};
            const store = new Store(${JSON.stringify(project)});
            const file = await store.createExecution({ format: 'deepforge-execution', version: 1, name: 'x', pipeline: 'P', source: 's', sourceHash: 'h',
                options: {}, status: 'running', runner: { pid: process.pid, host: 'h' }, created: '', started: '', order: [], steps: {}, resumed: 0 });
            console.log('ready');
            for (let i = 0; ; i++) { file.record.order = Array.from({ length: 2000 }, (_, j) => 'step' + i + '_' + j); await file.save(); }
        `;
        const node = join(process.cwd(), 'node_modules', 'node', 'bin', 'node');
        for (let round = 0; round < 3; round++) {
            const child = spawn(existsSync(node) ? node : process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
            await new Promise(resolve => child.stdout!.once('data', resolve));
            await new Promise(resolve => setTimeout(resolve, 150 + round * 100));
            child.kill('SIGKILL');
            await new Promise(resolve => child.on('exit', resolve));
            const record = readRecord(project, 'x');
            expect(record.order.length === 0 || record.order.length === 2000).toBe(true);
        }
    });
});
