/**
 * The `slurm` compute adapter against a real one-node Slurm cluster (slurm-cluster.ts: munged,
 * slurmctld and slurmd under a temp folder, on 127.0.0.1): Slurm states seen through the adapter
 * (queued → running → succeeded), afterok chains (an upstream failure cancels the downstream
 * job inside Slurm), the engine's small numpy pipelines run as sbatch jobs with the same records
 * and artifacts as a local run, a failing step, and cancelling a running step (scancel).
 * Fails loudly when Slurm is not installed (scripts/setup-services.sh installs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ComputeJobStatus } from '../../../server/execution/compute-adapter.js';
import { writeConfigValue } from '../../../server/execution/config.js';
import { mapSlurmState, SlurmCompute } from '../../../server/execution/slurm-compute.js';
import { Store } from '../../../server/execution/store.js';
import { run, statuses, tempProject, until } from './helpers.js';
import { slurmMissing, startSlurmCluster, type SlurmCluster } from './slurm-cluster.js';

let cluster: SlurmCluster;

beforeAll(async () => {
    const missing = slurmMissing();
    if (missing.length) throw new Error(`Slurm cannot start here (missing: ${missing.join(', ')}): run scripts/setup-services.sh as root`);
    cluster = await startSlurmCluster();
    process.env.SLURM_CONF = cluster.conf;
    console.log(`one-node Slurm cluster ready in ${cluster.startMs.toFixed(0)} ms`);
}, 60_000);

afterAll(async () => {
    delete process.env.SLURM_CONF;
    await cluster?.stop();
}, 30_000);

function squeueState(id: string): string {
    const out = execFileSync('squeue', ['--json', '--states=all', `--jobs=${id}`], { encoding: 'utf-8' });
    // (Slurm 22.05's squeue --json lists every job whatever the filters: pick ours.)
    const job = (JSON.parse(out) as { jobs: Array<{ job_id: number; job_state: string; state_reason: string }> }).jobs.find(j => String(j.job_id) === id);
    lastSeen = `${job?.job_state} (${job?.state_reason})`;
    return job?.job_state;
}
let lastSeen = '';

describe('the slurm adapter on its own', () => {
    const slurm = new SlurmCompute({ pollMs: 100 });
    const base = mkdtempSync(join(tmpdir(), 'deepforge-slurm-jobs-'));
    const spec = (step: string, script: string) => ({
        execution: 'adapter', step, command: ['sh', '-c', script], cwd: base, workDir: join(base, step), env: { GREETING: "it's me" }
    });

    test('statuses pass through queued and running to succeeded; an afterok chain runs inside Slurm', async () => {
        const first = await slurm.start(spec('first', 'echo "$GREETING"; sleep 1.5'));
        const second = await slurm.start({ ...spec('second', 'echo second; echo oops >&2'), dependsOn: [first] });
        expect(first).toMatchObject({ adapter: 'slurm', id: expect.stringMatching(/^\d+$/) });
        const seen = new Set<ComputeJobStatus>();
        for (;;) {
            seen.add((await slurm.status(second)).status);
            if ((await slurm.status(first)).status === 'running') seen.add('running' as ComputeJobStatus);
            if (seen.has('succeeded')) break;
            await new Promise(r => setTimeout(r, 50));
        }
        expect(seen.has('queued')).toBe(true); // waited for `first`
        expect(seen.has('running')).toBe(true);
        expect(await slurm.wait(first)).toEqual({ status: 'succeeded', exitCode: 0 });
        expect((await slurm.logs(first, 'stdout')).text).toBe("it's me\n");
        expect((await slurm.logs(second, 'stderr')).text).toBe('oops\n');
        expect(readFileSync(join(base, 'second', 'exit'), 'utf-8')).toBe('0');
        // The batch script is a readable file with every option.
        const script = readFileSync(join(base, 'second', 'job.sbatch'), 'utf-8');
        expect(script).toContain('#SBATCH --job-name=adapter/second');
        expect(script).toContain(`#SBATCH --dependency=afterok:${first.id}`);
        expect(script).toContain('#SBATCH --kill-on-invalid-dep=yes');
        expect(script).toContain(`#SBATCH --output=${join(base, 'second', 'stdout.log')}`);
    });

    test('a failing job fails with its exit status; its downstream job ends cancelled, not pending forever', async () => {
        const failing = await slurm.start(spec('failing', 'echo broken >&2; exit 3'));
        const downstream = await slurm.start({ ...spec('downstream', 'echo never'), dependsOn: [failing] });
        expect(await slurm.wait(failing)).toMatchObject({ status: 'failed', exitCode: 3 });
        const state = await slurm.wait(downstream);
        expect(state).toMatchObject({ status: 'cancelled', reason: expect.stringMatching(/DependencyNeverSatisfied/) });
        expect(existsSync(join(base, 'downstream', 'exit'))).toBe(false);
    });

    test('sbatch options come from the config; cancel (scancel) ends a running job cancelled', async () => {
        const limited = new SlurmCompute({ pollMs: 100, time: '0:01' });
        const job = await limited.start(spec('limited', 'sleep 300'));
        expect(readFileSync(join(base, 'limited', 'job.sbatch'), 'utf-8')).toContain('#SBATCH --time=0:01');
        // (Slurm enforces time limits once a minute at most: TIMEOUT's mapping is unit-tested below.)
        await until(() => squeueState(job.id) === 'RUNNING', 10_000, 'running').catch(e => { throw new Error(`${e.message}: ${lastSeen}`); });
        expect(await limited.status(job)).toMatchObject({ status: 'running' });
        await limited.cancel(job);
        expect(await limited.status(job)).toMatchObject({ status: 'cancelled' });
        expect(squeueState(job.id)).toBe('CANCELLED');
    });
});

test('Slurm states map to compute statuses with their reasons', () => {
    expect(mapSlurmState({ state: 'PENDING', reason: 'Dependency', exitCode: 0 })).toEqual({ status: 'queued' });
    expect(mapSlurmState({ state: 'PENDING', reason: 'DependencyNeverSatisfied', exitCode: 0 })).toMatchObject({ status: 'cancelled' });
    expect(mapSlurmState({ state: 'RUNNING', reason: 'None', exitCode: 0 })).toEqual({ status: 'running' });
    expect(mapSlurmState({ state: 'COMPLETED', reason: 'None', exitCode: 0 })).toEqual({ status: 'succeeded', exitCode: 0 });
    expect(mapSlurmState({ state: 'FAILED', reason: 'NonZeroExitCode', exitCode: 3 << 8 })).toEqual({ status: 'failed', exitCode: 3 });
    expect(mapSlurmState({ state: 'TIMEOUT', reason: 'TimeLimit', exitCode: 0 })).toMatchObject({ status: 'failed', reason: 'time limit reached (Slurm TIMEOUT)' });
    expect(mapSlurmState({ state: 'OUT_OF_MEMORY', reason: 'OutOfMemory', exitCode: 0 })).toMatchObject({ status: 'failed', reason: 'out of memory (Slurm OUT_OF_MEMORY)' });
    expect(mapSlurmState({ state: 'NODE_FAIL', reason: 'NodeDown', exitCode: 0 })).toMatchObject({ status: 'failed', reason: 'its node failed (Slurm NODE_FAIL)' });
    expect(mapSlurmState({ state: 'CANCELLED', reason: 'None', exitCode: 0 })).toEqual({ status: 'cancelled', exitCode: null });
});

describe('pipelines through Slurm', () => {
    const project = tempProject('slurm');

    test('Chain runs to succeeded as sbatch jobs: records, logs, figures and artifacts as with local compute', async () => {
        writeConfigValue(project, 'slurm.partition', 'debug');
        writeConfigValue(project, 'slurm.cpus', '1');
        const { record, events, ms } = await run(project, { pipeline: 'Chain', name: 'chain', compute: 'slurm' });
        console.log(`Chain through Slurm: ${ms.toFixed(0)} ms`);
        expect(record.status).toBe('succeeded');
        expect(record.options.compute).toBe('slurm');
        expect(statuses(record)).toEqual({ made: 'succeeded', scaled: 'succeeded', other: 'succeeded', total: 'succeeded', 'Output#1': 'succeeded' });
        expect(events.filter(e => e.type === 'step' && e.step === 'total').map(e => (e as { status: string }).status)).toEqual(['queued', 'running', 'succeeded']);
        const total = record.steps.total;
        expect(total.job).toMatchObject({ adapter: 'slurm', id: expect.stringMatching(/^\d+$/) });
        expect(squeueState(total.job!.id)).toBe('COMPLETED');
        expect(total.metrics).toEqual([{ name: 'total', value: 20 }]);
        expect(readFileSync(join(project, total.logs.stdoutFile!), 'utf-8')).toContain('total 20.0');
        const script = readFileSync(join(total.job!.workDir, 'job.sbatch'), 'utf-8');
        expect(script).toContain('#SBATCH --partition=debug');
        expect(script).toContain('#SBATCH --cpus-per-task=1');
        expect(script).toContain('#SBATCH --job-name=chain/total');
        expect(record.steps.made.figures[0]).toMatchObject({ index: 1, title: 'Values' });
        expect(new Store(project).listArtifacts()).toEqual([expect.objectContaining({ name: 'scaled-values', producedBy: { execution: 'chain', step: 'Output#1' } })]);
    }, 120_000);

    test('a failing step fails with its reason; what depends on it is cancelled, the rest finishes', async () => {
        const { record, failedStep } = await run(project, { pipeline: 'Failing', compute: 'slurm', cache: false });
        expect(record.status).toBe('failed');
        expect(failedStep).toBe('boom');
        expect(statuses(record)).toEqual({ made: 'succeeded', boom: 'failed', after: 'cancelled', fine: 'succeeded' });
        expect(record.steps.boom.error).toMatch(/boom|Error/i);
        expect(squeueState(record.steps.boom.job!.id)).toBe('FAILED');
    }, 120_000);

    test('cancelling during a running step cancels its Slurm job', async () => {
        const controller = new AbortController();
        const running = run(project, { pipeline: 'Sleepy', name: 'sleepy', compute: 'slurm', signal: controller.signal, cache: false });
        const jobFile = join(project, '.deepforge', 'executions', 'sleepy', 'execution.json');
        const slowJob = await until(() => {
            const record = JSON.parse(readFileSync(jobFile, 'utf-8'));
            return record.steps.slow.status === 'running' && record.steps.slow.job ? record.steps.slow.job.id as string : undefined;
        }, 60_000, 'slow to run');
        await until(() => squeueState(slowJob) === 'RUNNING', 20_000, 'the Slurm job to run').catch(e => { throw new Error(`${e.message}: ${lastSeen}`); });
        const t0 = performance.now();
        controller.abort();
        const { record } = await running;
        console.log(`cancel through scancel: ${(performance.now() - t0).toFixed(0)} ms`);
        expect(record.status).toBe('cancelled');
        expect(statuses(record)).toEqual({ made: 'succeeded', slow: 'cancelled', total: 'cancelled' });
        expect(squeueState(slowJob)).toBe('CANCELLED');
    }, 120_000);
});
