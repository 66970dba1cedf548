/**
 * The `slurm` compute adapter against a real one-node Slurm cluster (slurm-cluster.ts: munged,
 * slurmctld and slurmd under a temp folder, on 127.0.0.1): Slurm states seen through the adapter
 * (queued → running → succeeded), afterok chains (an upstream failure cancels the downstream
 * job inside Slurm), the engine's small numpy pipelines run as sbatch jobs with the same records
 * and artifacts as a local run, a failing step, and cancelling a running step (scancel); the CLI
 * from separate processes: `deepforge run --compute slurm --detach` returns while Slurm runs the
 * DAG, `deepforge executions show/logs --follow` re-attach from another process (the digits
 * pipeline to `succeeded`; a failing step's downstream jobs cancelled; an interrupted follower;
 * `deepforge executions cancel` of a detached run). Needs `npm run build` first (the CLI runs `out/`).
 * Fails loudly when Slurm is not installed (scripts/setup-services.sh installs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { EngineEvent } from '../../../server/execution/engine.js';
import type { ExecutionRecord } from '../../../server/execution/store.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ComputeJobStatus } from '../../../server/execution/compute-adapter.js';
import { writeConfigValue } from '../../../server/execution/config.js';
import { mapSlurmState, SlurmCompute } from '../../../server/execution/slurm-compute.js';
import { Store } from '../../../server/execution/store.js';
import { cli, DIGITS, OPS, PNG_MAGIC, readRecord, run, statuses, tempProject, testEnv, until } from './helpers.js';
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

test('a step\'s resources over the config defaults become the sbatch lines of its batch script', () => {
    const slurm = new SlurmCompute({ partition: 'debug', account: 'lab', cpus: 2, memory: '4G', time: '01:00:00', gpus: '1' });
    const spec = { execution: 'e', step: 's', command: ['python3', '-V'], cwd: '/tmp', workDir: '/tmp/e/s', env: {} };
    const lines = (script: string) => script.split('\n').filter(line => /^#SBATCH --(partition|account|cpus-per-task|mem|time|gpus)=/.test(line));
    // The defaults alone, in canonical order.
    expect(lines(slurm.script(spec))).toEqual([
        '#SBATCH --cpus-per-task=2', '#SBATCH --gpus=1', '#SBATCH --mem=4G', '#SBATCH --time=01:00:00', '#SBATCH --partition=debug', '#SBATCH --account=lab'
    ]);
    // The operation's keys win; `gpus: 0` asks for none; the others stay the defaults.
    expect(lines(slurm.script({ ...spec, resources: { cpus: 4, gpus: 0, memory: '16G', time: '1-12', partition: 'gpu' } }))).toEqual([
        '#SBATCH --cpus-per-task=4', '#SBATCH --mem=16G', '#SBATCH --time=1-12', '#SBATCH --partition=gpu', '#SBATCH --account=lab'
    ]);
    // A typed GPU default is passed as written, unless the operation says how many.
    expect(lines(new SlurmCompute({ gpus: 'a100:2' }).script(spec))).toEqual(['#SBATCH --gpus=a100:2']);
    expect(lines(new SlurmCompute({ gpus: 'a100:2' }).script({ ...spec, resources: { gpus: 1 } }))).toEqual(['#SBATCH --gpus=1']);
    // Nothing configured, nothing asked: no resource lines at all.
    expect(lines(new SlurmCompute().script(spec))).toEqual([]);
    // A bad default from the config is refused before anything is submitted.
    expect(() => new SlurmCompute({ memory: '4 GB' }).script(spec)).toThrow('step `s`: `memory` must be a whole number with an optional unit K, M, G or T (`512M`, `16G`), not "4 GB" (config `slurm.memory` or the operation\'s `resources`)');
});

describe('resources and the job folder through a real Slurm', () => {
    const TINY_DFP = `operation Tiny {
    resources { cpus: 1, memory: "100M", time: "0:05:00" }
    outputs values
    code "operations/tiny.py"
}

pipeline Small {
    made = Tiny()
}
`;
    const TINY_PY = 'import numpy as np\n\n\nclass Tiny:\n    def execute(self):\n        print("tiny")\n        return np.arange(3.0)\n';
    function tinyProject(prefix: string): { project: string; file: string } {
        const project = tempProject(prefix);
        mkdirSync(join(project, 'operations'));
        writeFileSync(join(project, 'operations', 'tiny.py'), TINY_PY);
        writeFileSync(join(project, 'tiny.dfp'), TINY_DFP);
        return { project, file: join(project, 'tiny.dfp') };
    }
    /** `scontrol show job <id>` as key → value (Slurm keeps a finished job for MinJobAge, 300 s by default). */
    function scontrolJob(id: string): Record<string, string> {
        const out = execFileSync('scontrol', ['show', 'job', id], { encoding: 'utf-8' });
        return Object.fromEntries([...out.matchAll(/(\S+?)=(\S*)/g)].map(m => [m[1], m[2]]));
    }

    test('an operation\'s resources { cpus, memory, time } reach Slurm: batch script lines, and the job as scontrol shows it', async () => {
        const { project, file } = tinyProject('slurm-resources');
        writeConfigValue(project, 'slurm.time', '00:10:00'); // a default the operation overrides
        const { record } = await run(project, { file, pipeline: 'Small', name: 'small', compute: 'slurm' });
        expect(record.status).toBe('succeeded');
        const job = record.steps.made.job!;
        const script = readFileSync(join(job.workDir, 'job.sbatch'), 'utf-8');
        expect(script).toContain('#SBATCH --cpus-per-task=1\n#SBATCH --mem=100M\n#SBATCH --time=0:05:00\n');
        expect(script).not.toContain('--time=00:10:00');
        const shown = scontrolJob(job.id);
        expect({ state: shown.JobState, cpusPerTask: shown.CPUs_Task ?? shown['CPUs/Task'], memory: shown.MinMemoryNode, time: shown.TimeLimit })
            .toEqual({ state: 'COMPLETED', cpusPerTask: '1', memory: '100M', time: '00:05:00' });
    }, 120_000);

    test('slurm.jobFolder: the job folders go there (<folder>/<execution>/<step>), logs and outputs read back from there', async () => {
        const { project, file } = tinyProject('slurm-jobfolder');
        const shared = mkdtempSync(join(tmpdir(), 'deepforge-shared-jobs-'));
        writeConfigValue(project, 'slurm.jobFolder', shared);
        const { record } = await run(project, { file, pipeline: 'Small', name: 'placed', compute: 'slurm' });
        expect(record.status).toBe('succeeded');
        const job = record.steps.made.job!;
        expect(job.workDir).toBe(join(shared, 'placed', 'made'));
        expect(readdirSync(join(shared, 'placed', 'made')).sort()).toEqual(expect.arrayContaining(['exit', 'job.sbatch', 'stderr.log', 'stdout.log']));
        expect(readFileSync(join(project, record.steps.made.logs.stdoutFile!), 'utf-8')).toContain('tiny');
        expect(existsSync(join(project, '.deepforge', 'executions', 'placed', 'steps'))).toBe(false);
        expect(record.steps.made.outputs.values).toBeDefined();
    }, 120_000);
});

/** What a record holds, without its values: the same for a Slurm run as for a local run. */
function kindOf(record: ExecutionRecord): unknown {
    return {
        status: record.status, order: record.order, keys: Object.keys(record).sort(),
        steps: Object.fromEntries(record.order.map(id => {
            const step = record.steps[id];
            return [id, {
                status: step.status, keys: Object.keys(step).sort(), cacheKey: /^sha256:/.test(step.cacheKey ?? ''),
                inputs: Object.keys(step.inputs).sort(), logs: Object.keys(step.logs).sort(), logsStored: step.logs.stdout?.adapter,
                outputs: Object.fromEntries(Object.entries(step.outputs).map(([port, o]) => [port, { format: o.format, extension: o.extension, adapter: o.location.adapter }])),
                figures: step.figures.map(f => f.title), metrics: step.metrics, artifacts: step.artifacts, exitCode: step.exitCode,
                // (the handle's `data` is the adapter's own: slurm keeps its batch script's path there)
                jobKeys: Object.keys(step.job ?? {}).filter(key => key !== 'data').sort()
            }];
        }))
    };
}

function jsonEvents(stdout: string): EngineEvent[] {
    return stdout.split('\n').filter(line => line.startsWith('{')).map(line => JSON.parse(line) as EngineEvent);
}

function stepStatuses(events: EngineEvent[], step: string): string[] {
    return events.filter(e => e.type === 'step' && e.step === step).map(e => (e as { status: string }).status);
}

describe('the CLI: detached runs inside Slurm, followed from other processes', () => {
    test('records and artifacts of a Slurm run are the same in kind as those of a local run', async () => {
        const local = await run(tempProject('kind-local'), { pipeline: 'Chain', name: 'chain' });
        const slurm = await run(tempProject('kind-slurm'), { pipeline: 'Chain', name: 'chain', compute: 'slurm' });
        expect(kindOf(slurm.record)).toEqual(kindOf(local.record));
        expect(slurm.record.steps.total.job!.adapter).toBe('slurm');
        expect(local.record.steps.total.job!.adapter).toBe('local');
        console.log(`Chain: local ${local.ms.toFixed(0)} ms, through Slurm ${slurm.ms.toFixed(0)} ms`);
    }, 180_000);

    test('digits: run --detach returns at once; a second process re-attaches and reports it to succeeded (logs followed by a third)', async () => {
        const project = tempProject('slurm-digits');
        const env = testEnv();
        let started = performance.now();
        const detached = await cli(['run', DIGITS, '--name', 'digits', '--compute', 'slurm', '--detach', '--set', 'trained.epochs=1', '--seed', '0', '--project', project], env).done;
        const detachMs = performance.now() - started;
        expect(detached.code, detached.stderr + detached.stdout).toBe(0);
        expect(detached.stdout).toMatch(/execution digits: 6 steps submitted to slurm \(jobs \d+(, \d+){5}\); they run on without this process/);
        expect(detached.stdout).toContain('deepforge executions show digits --follow');
        // The submitting process is gone; the DAG is Slurm's: every step a job, chained.
        const left = readRecord(project, 'digits');
        expect(left.status).toBe('running');
        expect(existsSync(join(project, '.deepforge', 'executions', 'digits', 'runner.lock'))).toBe(false);
        for (const id of left.order) expect(['queued', 'running']).toContain(left.steps[id].status);
        const trainedScript = readFileSync(join(left.steps.trained.job!.workDir, 'job.sbatch'), 'utf-8');
        expect(trainedScript).toContain(`#SBATCH --dependency=afterok:${left.steps.split.job!.id}`);
        expect(trainedScript).toMatch(/--input-from images=train_images:\S+\/steps\/split\/outputs/);
        started = performance.now();
        const shown = cli(['executions', 'show', 'digits', '--follow', '--json', '--project', project], env);
        const logs = cli(['executions', 'logs', 'digits', 'trained', '--follow', '--project', project], env);
        const [show, log] = await Promise.all([shown.done, logs.done]);
        const followMs = performance.now() - started;
        console.log(`digits through Slurm: --detach returned in ${detachMs.toFixed(0)} ms; followed to the end in ${(followMs / 1000).toFixed(1)} s`);
        expect(show.code, show.stderr).toBe(0);
        expect(log.code, log.stderr).toBe(0);
        const events = jsonEvents(show.stdout);
        console.log(`statuses seen by the follower: ${left.order.map(id => `${id}: ${stepStatuses(events, id).join(' → ')}`).join('; ')}`);
        // Downstream steps were seen waiting in Slurm's queue, then running, then done.
        expect(stepStatuses(events, 'EvalDigits#1')).toEqual(['queued', 'running', 'succeeded']);
        expect(stepStatuses(events, 'trained').slice(-2)).toEqual(['running', 'succeeded']);
        expect(events.at(-1)).toMatchObject({ type: 'execution', name: 'digits', status: 'succeeded' });
        const record = readRecord(project, 'digits');
        expect(record.status).toBe('succeeded');
        expect(Object.values(statuses(record))).toEqual(Array(6).fill('succeeded'));
        // The third process printed the training log as it grew: all of it, in order.
        expect(log.stdout.trimEnd()).toBe(readFileSync(join(project, record.steps.trained.logs.stdoutFile!), 'utf-8').trimEnd());
        expect(log.stdout.length).toBeGreaterThan(0);
        // What a local run records (test/cli/run.test.ts): figures, metrics, the model artifact, cache keys.
        const figures = record.order.flatMap(id => record.steps[id].figures);
        expect(figures.map(f => f.title?.split('\n')[0])).toEqual(['Training', 'Digits confusion matrix']);
        for (const figure of figures) expect(readFileSync(join(project, figure.file)).subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
        expect(record.steps['EvalDigits#1'].metrics.find(m => m.name === 'accuracy')?.value).toBeGreaterThan(0.5);
        expect(new Store(project).findArtifact('digits-cnn')).toMatchObject({ type: 'keras', producedBy: { execution: 'digits', step: 'Output#1' } });
        for (const id of record.order) {
            expect(record.steps[id].cacheKey).toMatch(/^sha256:/);
            expect(squeueState(record.steps[id].job!.id)).toBe('COMPLETED');
        }
        // Cache keys computed at collection: a re-run through Slurm is fully cached.
        const again = await cli(['run', DIGITS, '--name', 'digits', '--compute', 'slurm', '--set', 'trained.epochs=1', '--seed', '0', '--project', project], env).done;
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toMatch(/execution digits_2: succeeded in [\d.]+ s \(6 steps: 6 cached\)/);
    }, 600_000);

    test('a failing step fails its job with the reason; its downstream job ends cancelled, not pending; the follower exits 1', async () => {
        const project = tempProject('slurm-failing');
        const env = testEnv();
        const detached = await cli(['run', OPS, '--pipeline', 'Failing', '--name', 'failing', '--compute', 'slurm', '--detach', '--project', project], env).done;
        expect(detached.code, detached.stderr).toBe(0);
        // Nobody follows: Slurm runs the chain, fails `boom`, cancels `after` on its own.
        const jobs = readRecord(project, 'failing').steps;
        await until(() => squeueState(jobs.after.job!.id) === 'CANCELLED' && squeueState(jobs.fine.job!.id) === 'COMPLETED', 60_000, 'Slurm to end the chain')
            .catch(e => { throw new Error(`${e.message}: ${lastSeen}`); });
        expect(readRecord(project, 'failing').status).toBe('running');
        // `executions show` (no --follow) reconciles the record with the jobs it finds ended.
        const shown = await cli(['executions', 'show', 'failing', '--project', project], env).done;
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stdout).toContain('execution failing  pipeline Failing');
        expect(shown.stdout).toMatch(/boom\s+Boom\s+failed\s+[\d.]+s\s+ValueError: boom: 5 values are too many \(operations\/boom.py:5\)/);
        expect(readRecord(project, 'failing').status).toBe('failed');
        const followed = await cli(['executions', 'show', 'failing', '--follow', '--project', project], env).done;
        expect(followed.code).toBe(1);
        expect(followed.stderr).toContain('step `boom` (Boom) failed: ValueError: boom: 5 values are too many (operations/boom.py:5)');
        expect(followed.stdout).toMatch(/after\s+Total\s+cancelled\s+not run: `boom` failed/);
        const record = readRecord(project, 'failing');
        expect(record.status).toBe('failed');
        expect(statuses(record)).toEqual({ made: 'succeeded', boom: 'failed', after: 'cancelled', fine: 'succeeded' });
        expect(record.steps.boom.exitCode).toBe(1);
        expect(squeueState(record.steps.boom.job!.id)).toBe('FAILED');
        // Slurm itself cancelled the downstream job (kill_invalid_depend / --kill-on-invalid-dep).
        expect(squeueState(record.steps.after.job!.id)).toBe('CANCELLED');
        expect(lastSeen).toContain('DependencyNeverSatisfied');
    }, 180_000);

    test('an interrupted follower leaves a consistent record that the next one finishes; executions cancel of a detached run scancels its jobs', async () => {
        const project = tempProject('slurm-follow');
        const env = testEnv();
        expect((await cli(['run', OPS, '--pipeline', 'Sleepy', '--name', 'sleepy', '--set', 'slow.seconds=6', '--compute', 'slurm', '--detach', '--project', project], env).done).code).toBe(0);
        const first = cli(['executions', 'show', 'sleepy', '--follow', '--project', project], env);
        await until(() => readRecord(project, 'sleepy').steps.slow.status === 'running', 60_000, 'slow to run').catch(async e => {
            first.child.kill('SIGKILL');
            const { stdout, stderr } = await first.done;
            throw new Error(`${e.message}: ${JSON.stringify(statuses(readRecord(project, 'sleepy')))}\n${stdout}\n${stderr}`);
        });
        first.child.kill('SIGINT');
        const interrupted = await first.done;
        expect(interrupted.code).toBe(130);
        expect(interrupted.stderr).toContain('stopped following; execution sleepy runs on');
        const between = readRecord(project, 'sleepy');
        expect(between.status).toBe('running');
        expect(existsSync(join(project, '.deepforge', 'executions', 'sleepy', 'runner.lock'))).toBe(false);
        expect(['RUNNING', 'COMPLETED']).toContain(squeueState(between.steps.slow.job!.id));
        const second = await cli(['executions', 'show', 'sleepy', '--follow', '--project', project], env).done;
        expect(second.code, second.stderr).toBe(0);
        expect(statuses(readRecord(project, 'sleepy'))).toEqual({ made: 'succeeded', slow: 'succeeded', total: 'succeeded' });
        expect(readRecord(project, 'sleepy').steps.total.metrics).toEqual([{ name: 'total', value: 10 }]);

        // Cancelling a detached run: nobody runs it; `executions cancel` attaches and scancels.
        expect((await cli(['run', OPS, '--pipeline', 'Sleepy', '--name', 'doomed', '--compute', 'slurm', '--detach', '--no-cache', '--project', project], env).done).code).toBe(0);
        const slowJob = readRecord(project, 'doomed').steps.slow.job!.id;
        await until(() => squeueState(slowJob) === 'RUNNING', 60_000, 'slow to run in Slurm').catch(e => { throw new Error(`${e.message}: ${lastSeen}`); });
        const t0 = performance.now();
        const cancelled = await cli(['executions', 'cancel', 'doomed', '--project', project], env).done;
        console.log(`executions cancel of a detached run: ${(performance.now() - t0).toFixed(0)} ms`);
        expect(cancelled.code, cancelled.stderr).toBe(0);
        const record = readRecord(project, 'doomed');
        expect(record.status).toBe('cancelled');
        expect(statuses(record)).toEqual({ made: 'succeeded', slow: 'cancelled', total: 'cancelled' });
        expect(record.steps.total.message).toBe('not run: the execution was cancelled');
        expect(squeueState(slowJob)).toBe('CANCELLED');
        expect(squeueState(record.steps.total.job!.id)).toBe('CANCELLED');
        const again = await cli(['executions', 'show', 'doomed', '--follow', '--project', project], env).done;
        expect(again.code).toBe(130);
    }, 300_000);
});
