/**
 * The `slurm` compute adapter: each step is one `sbatch --parsable` job. Its batch script is a
 * readable file in the step's job folder (`job.sbatch`); it runs the step's command and writes
 * the command's exit status to `<workDir>/exit` (as the local adapter's wrapper does), while
 * Slurm writes stdout/stderr to the job folder (`--output`/`--error`). Upstream steps become
 * `--dependency=afterok:<ids>` with `--kill-on-invalid-dep=yes`, so a chain submitted ahead runs
 * inside Slurm even when the submitting process exits, and a job whose upstream failed ends
 * `cancelled` instead of pending forever.
 *
 * Status comes from `squeue --states=all --jobs=<id> --Format=…` (Slurm 22.05's `squeue --json`
 * ignores `--jobs`, `scontrol show job` has no JSON output); once Slurm has purged a finished job
 * (`MinJobAge`), from `sacct` where accounting is enabled, else from the `exit` file.
 * Work folders must be on a file system the nodes share with the runner (or the runner runs on
 * the submit node of such a file system): Slurm writes the logs there, the job its exit status
 * and events. Data goes through the storage adapter: with `s3` storage the jobs upload their
 * outputs to the bucket and download their inputs from it (the engine sets `DEEPFORGE_S3` in
 * their environment); for those jobs, and only those, the runner's `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` are passed to sbatch in its environment
 * (exported to the job by sbatch's default `--export=ALL`), never written to the script.
 *
 * Options (config `slurm.*`): `partition`, `account`, `cpus`, `memory` (sbatch `--mem`, e.g.
 * `4G`), `time` (`--time`, e.g. `01:00:00`), `gpus` (`--gpus`): the defaults of every step,
 * each overridden by the step's operation's `resources { … }`; `extraArgs` (more sbatch
 * options, split on whitespace), `python` (the Python on the nodes: replaces the runner's),
 * `jobFolder` (where the job folders go: a folder the nodes share).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
    ComputeError, isFinished, registerComputeAdapter,
    type ComputeAdapter, type ComputeJob, type ComputeJobResults, type ComputeJobSpec, type ComputeJobState, type LogChunk, type RuntimeEvent
} from './compute-adapter.js';
import { JOB_FILES, LocalCompute } from './local-compute.js';
import { mergeResources, RESOURCE_KEYS, resourceValueProblem, type OperationResources, type ResourceKey } from '../../metamodel/pipeline/resources.js';

export const SLURM_SCRIPT = 'job.sbatch';

export interface SlurmComputeOptions {
    readonly partition?: string;
    readonly account?: string;
    readonly cpus?: number;
    readonly memory?: string;
    readonly time?: string;
    readonly gpus?: string;
    readonly extraArgs?: string;
    readonly python?: string;
    /** Where the steps' job folders go (see {@link ComputeAdapter.jobFolder}); relative to the project. */
    readonly jobFolder?: string;
    /** Poll interval of `wait` (ms). */
    readonly pollMs?: number;
    /** Environment of the Slurm commands (SLURM_CONF, PATH); default: this process's. */
    readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Environment variables passed to sbatch only for a job that exchanges data through S3
 * (`DEEPFORGE_S3` in its environment): Slurm keeps a job's environment in its state files.
 */
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

const FAILED_STATES = new Set(['FAILED', 'OUT_OF_MEMORY', 'TIMEOUT', 'NODE_FAIL', 'BOOT_FAIL', 'DEADLINE', 'PREEMPTED', 'SPECIAL_EXIT']);
const QUEUED_STATES = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_FED', 'REQUEUE_HOLD', 'RESV_DEL_HOLD', 'SUSPENDED', 'STOPPED', 'RESIZING']);
const RUNNING_STATES = new Set(['RUNNING', 'COMPLETING', 'STAGE_OUT', 'SIGNALING']);

/** Slurm's view of a job (`squeue` / `sacct`). */
export interface SlurmJobInfo {
    readonly state: string;
    readonly reason: string;
    readonly exitCode: number;
}

export class SlurmCompute implements ComputeAdapter {
    readonly kind = 'slurm';
    readonly chainsJobs = true;
    readonly jobFolder?: string;
    private readonly files = new LocalCompute();
    private readonly pollMs: number;

    constructor(private readonly options: SlurmComputeOptions = {}) {
        this.pollMs = options.pollMs ?? 500;
        if (options.jobFolder) this.jobFolder = options.jobFolder;
    }

    /**
     * The step's resources: its operation's `resources { … }` over the project's defaults
     * (`slurm.cpus|gpus|memory|time|partition|account`).
     */
    resources(spec: ComputeJobSpec): OperationResources {
        const o = this.options;
        const gpus = o.gpus !== undefined && o.gpus !== '' ? Number(o.gpus) : undefined;
        const defaults: OperationResources = {
            ...(o.cpus ? { cpus: o.cpus } : {}),
            ...(gpus !== undefined && Number.isInteger(gpus) ? { gpus } : {}),
            ...(o.memory ? { memory: o.memory } : {}),
            ...(o.time ? { time: o.time } : {}),
            ...(o.partition ? { partition: o.partition } : {}),
            ...(o.account ? { account: o.account } : {})
        };
        return mergeResources(defaults, spec.resources);
    }

    /** The batch script of a step (readable: every sbatch option is a `#SBATCH` line). */
    script(spec: ComputeJobSpec): string {
        const o = this.options;
        const directives: string[] = [
            `--job-name=${spec.execution}/${spec.step}`,
            `--output=${path.join(spec.workDir, JOB_FILES.stdout)}`,
            `--error=${path.join(spec.workDir, JOB_FILES.stderr)}`,
            `--chdir=${spec.cwd}`
        ];
        const resources = this.resources(spec);
        for (const key of Object.keys(RESOURCE_KEYS) as ResourceKey[]) {
            const value = resources[key];
            if (key === 'gpus' && value === undefined && o.gpus && spec.resources?.gpus === undefined) {
                // A typed default (`a100:2`) is Slurm's to check: passed as written.
                directives.push(`--gpus=${o.gpus}`);
                continue;
            }
            if (value === undefined) continue;
            const problem = resourceValueProblem(key, value);
            if (problem) throw new ComputeError(`step \`${spec.step}\`: ${problem} (config \`slurm.${key}\` or the operation's \`resources\`)`);
            // `gpus: 0` asks for none: no option (some clusters refuse --gpus=0).
            if (key === 'gpus' && value === 0) continue;
            directives.push(`${RESOURCE_KEYS[key].sbatch}=${value}`);
        }
        const upstream = (spec.dependsOn ?? []).map(job => {
            if (job.adapter !== this.kind) throw new ComputeError(`step \`${spec.step}\`: a slurm job cannot depend on a ${job.adapter} job`);
            return job.id;
        });
        if (upstream.length) directives.push(`--dependency=afterok:${upstream.join(':')}`, '--kill-on-invalid-dep=yes');
        const command = [...spec.command];
        if (o.python && command.length) command[0] = o.python;
        const env = { ...spec.env, DEEPFORGE_EVENTS_FILE: path.join(spec.workDir, JOB_FILES.events) };
        for (const key of CREDENTIAL_VARIABLES) {
            if (key in env) throw new ComputeError(`step \`${spec.step}\`: ${key} cannot be written into a batch script (the job gets it from sbatch's environment)`);
        }
        const exitFile = path.join(spec.workDir, JOB_FILES.exit);
        return [
            '#!/bin/sh',
            `# DeepForge step \`${spec.step}\` of execution \`${spec.execution}\` (generated; submitted with sbatch --parsable)`,
            ...directives.map(d => `#SBATCH ${d}`),
            '',
            ...Object.entries(env).map(([key, value]) => `export ${key}=${quote(value)}`),
            '',
            command.map(quote).join(' '),
            'code=$?',
            `printf '%s' "$code" > ${quote(exitFile + '.tmp')} && mv ${quote(exitFile + '.tmp')} ${quote(exitFile)}`,
            'exit $code',
            ''
        ].join('\n');
    }

    async start(spec: ComputeJobSpec): Promise<ComputeJob> {
        await mkdir(spec.workDir, { recursive: true });
        const file = path.join(spec.workDir, SLURM_SCRIPT);
        await writeFile(file, this.script(spec), { mode: 0o755 });
        const extra = (this.options.extraArgs ?? '').split(/\s+/).filter(Boolean);
        const out = await this.slurm('sbatch', ['--parsable', ...extra, file], spec.env.DEEPFORGE_S3 !== undefined);
        const id = out.trim().split(';')[0];
        if (!/^\d+$/.test(id)) throw new ComputeError(`sbatch did not return a job id: ${out.trim()}`);
        return { adapter: this.kind, id, workDir: spec.workDir, submitted: Date.now(), data: { script: file } };
    }

    /**
     * Slurm's view of the job, or undefined once Slurm no longer knows it: `squeue` for the one
     * job (Slurm 22.05's `squeue --json` lists every job of the cluster whatever `--jobs` says, and
     * `scontrol show job` has no JSON: the `--Format` columns are parsed instead); after
     * `MinJobAge` purged it, `sacct` where accounting is enabled.
     */
    async info(job: ComputeJob): Promise<SlurmJobInfo | undefined> {
        const out = await this.slurm('squeue', ['--noheader', '--states=all', `--jobs=${job.id}`, '--Format=JobID:24|,State:24|,Reason:80|,exit_code:12|']).catch(error => {
            // squeue fails for a job id it has purged ("Invalid job id specified")
            if (/invalid job id/i.test(String((error as Error).message))) return '';
            throw error;
        });
        for (const line of out.split('\n')) {
            const [id, state, reason, exitCode] = line.split('|').map(cell => cell.trim());
            if (id === job.id && state) return { state, reason: reason ?? '', exitCode: Number(exitCode) || 0 };
        }
        return this.accounting(job);
    }

    /** A purged job, from the accounting database (`sacct`), when the cluster keeps one. */
    private async accounting(job: ComputeJob): Promise<SlurmJobInfo | undefined> {
        const out = await this.slurm('sacct', ['--noheader', '--parsable2', '--allocations', `--jobs=${job.id}`, '--format=JobID,State,ExitCode,Reason']).catch(() => '');
        for (const line of out.split('\n')) {
            const [id, state, exitCode, reason] = line.split('|');
            if (id !== job.id || !state) continue;
            // sacct: "CANCELLED by 0", ExitCode "3:0" (status:signal)
            const [code, signal] = (exitCode ?? '0:0').split(':').map(Number);
            return { state: state.split(' ')[0], reason: reason ?? '', exitCode: ((code || 0) << 8) | (signal || 0) };
        }
        return undefined;
    }

    async status(job: ComputeJob): Promise<ComputeJobState> {
        const info = await this.info(job);
        if (!info) return readExit(job) ?? { status: 'unknown' };
        return mapSlurmState(info, readExit(job));
    }

    async wait(job: ComputeJob, signal?: AbortSignal): Promise<ComputeJobState> {
        for (;;) {
            const state = await this.status(job);
            if (isFinished(state.status) || state.status === 'unknown' || signal?.aborted) return state;
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, this.pollMs);
                signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
            });
        }
    }

    async cancel(job: ComputeJob): Promise<void> {
        const current = await this.status(job);
        if (isFinished(current.status)) return;
        await this.slurm('scancel', [job.id]);
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
            const state = await this.status(job);
            if (isFinished(state.status) || state.status === 'unknown') break;
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        const exitFile = path.join(job.workDir, JOB_FILES.exit);
        if (!existsSync(exitFile)) {
            await mkdir(job.workDir, { recursive: true });
            await writeFile(`${exitFile}.tmp`, 'cancelled');
            await rename(`${exitFile}.tmp`, exitFile);
        }
    }

    logs(job: ComputeJob, stream: 'stdout' | 'stderr', offset = 0): Promise<LogChunk> {
        return this.files.logs(job, stream, offset);
    }

    events(job: ComputeJob, offset = 0): Promise<{ events: RuntimeEvent[]; next: number }> {
        return this.files.events(job, offset);
    }

    results(job: ComputeJob): Promise<ComputeJobResults> {
        return this.files.results(job);
    }

    /** Runs a Slurm command; `credentials`: with the S3 credential variables of this process (sbatch of an S3-exchanging job). */
    private slurm(command: string, args: string[], credentials = false): Promise<string> {
        const env: Record<string, string> = {};
        for (const [key, value] of Object.entries(this.options.env ?? process.env)) {
            if (value !== undefined && (credentials || !CREDENTIAL_VARIABLES.includes(key))) env[key] = value;
        }
        return new Promise((resolve, reject) => {
            execFile(command, args, { env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
                if (error) {
                    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
                    reject(new ComputeError(missing ? `\`${command}\` not found: the slurm compute needs the Slurm client commands on the PATH`
                        : `${command} ${args.join(' ')} failed: ${(stderr || error.message).trim()}`));
                } else resolve(stdout);
            });
        });
    }
}

/** Slurm job state → compute status (`exit` is the job's own exit file, when written). */
export function mapSlurmState(info: SlurmJobInfo, exit?: ComputeJobState): ComputeJobState {
    const { state, reason } = info;
    const code = info.exitCode >> 8;
    const signalNumber = info.exitCode & 0x7f;
    if (state === 'COMPLETED') return { status: 'succeeded', exitCode: 0 };
    if (state === 'CANCELLED') {
        const why = reason && reason !== 'None' ? reason : undefined;
        return { status: 'cancelled', exitCode: null, ...(why ? { reason: why === 'DependencyNeverSatisfied' ? 'not run: an upstream job failed (DependencyNeverSatisfied)' : why } : {}) };
    }
    if (FAILED_STATES.has(state)) {
        const exitCode = exit?.exitCode !== undefined ? exit.exitCode : signalNumber ? null : code;
        const explained = state === 'FAILED' ? undefined
            : state === 'OUT_OF_MEMORY' ? 'out of memory (Slurm OUT_OF_MEMORY)'
                : state === 'TIMEOUT' ? 'time limit reached (Slurm TIMEOUT)'
                    : state === 'NODE_FAIL' ? 'its node failed (Slurm NODE_FAIL)'
                        : `Slurm ${state}${reason && reason !== 'None' ? ` (${reason})` : ''}`;
        return { status: 'failed', exitCode, ...(signalNumber && !explained ? { signal: signalName(signalNumber) } : {}), ...(explained ? { reason: explained } : {}) };
    }
    if (QUEUED_STATES.has(state)) {
        // Without kill_invalid_depend / --kill-on-invalid-dep a job whose upstream failed would pend forever.
        if (reason === 'DependencyNeverSatisfied') return { status: 'cancelled', exitCode: null, reason: 'not run: an upstream job failed (DependencyNeverSatisfied)' };
        return { status: 'queued' };
    }
    if (RUNNING_STATES.has(state)) return { status: 'running' };
    return { status: 'unknown' };
}

function readExit(job: ComputeJob): ComputeJobState | undefined {
    let text: string;
    try {
        text = readFileSync(path.join(job.workDir, JOB_FILES.exit), 'utf-8').trim();
    } catch {
        return undefined;
    }
    if (text === 'cancelled') return { status: 'cancelled', exitCode: null };
    const code = Number(text);
    if (code === 0) return { status: 'succeeded', exitCode: 0 };
    return { status: 'failed', exitCode: Number.isFinite(code) ? code : null };
}

function signalName(number: number): string {
    const names: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };
    return names[number] ?? `signal ${number}`;
}

function quote(value: string): string {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

registerComputeAdapter('slurm', options => new SlurmCompute(options as SlurmComputeOptions));
