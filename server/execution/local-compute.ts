/**
 * The `local` compute adapter: each job is a process on this machine, in its own process group,
 * behind a small `sh` wrapper that writes the command's exit status to `<workDir>/exit` when it
 * ends — so a job outlives its runner (`kill -9`), and any process finds its state again from
 * the handle: the `exit` file, or whether the process group still runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
    isFinished, parseEventLines, registerComputeAdapter,
    type ComputeAdapter, type ComputeJob, type ComputeJobResults, type ComputeJobSpec, type ComputeJobState, type LogChunk, type RuntimeEvent
} from './compute-adapter.js';
import { processAlive } from './lock.js';

/** Files of a job's work folder (every adapter keeps the same layout). */
export const JOB_FILES = {
    stdout: 'stdout.log',
    stderr: 'stderr.log',
    events: 'events.jsonl',
    exit: 'exit',
    outputs: 'outputs',
    figures: 'figures'
} as const;

/** Environment variables never passed to a step: the runner's storage credentials. */
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

const WRAPPER = 'exit_file=$1; shift; "$@"; code=$?; printf "%s" "$code" > "$exit_file.tmp" && mv "$exit_file.tmp" "$exit_file"; exit $code';

export interface LocalComputeOptions {
    /** Grace period between SIGTERM and SIGKILL when cancelling (ms). */
    readonly killGraceMs?: number;
    /** Poll interval when waiting on a job this process did not start (ms). */
    readonly pollMs?: number;
}

export class LocalCompute implements ComputeAdapter {
    readonly kind = 'local';
    private readonly children = new Map<string, { child: ChildProcess; exited: Promise<void> }>();
    private readonly killGraceMs: number;
    private readonly pollMs: number;

    constructor(options: LocalComputeOptions = {}) {
        this.killGraceMs = options.killGraceMs ?? 3_000;
        this.pollMs = options.pollMs ?? 200;
    }

    async start(spec: ComputeJobSpec): Promise<ComputeJob> {
        await mkdir(spec.workDir, { recursive: true });
        const out = openSync(path.join(spec.workDir, JOB_FILES.stdout), 'a');
        const err = openSync(path.join(spec.workDir, JOB_FILES.stderr), 'a');
        const env: Record<string, string> = {};
        for (const [key, value] of Object.entries(process.env)) {
            if (value !== undefined && !CREDENTIAL_VARIABLES.includes(key)) env[key] = value;
        }
        Object.assign(env, spec.env, { DEEPFORGE_EVENTS_FILE: path.join(spec.workDir, JOB_FILES.events) });
        let child: ChildProcess;
        try {
            child = spawn('sh', ['-c', WRAPPER, 'deepforge-step', path.join(spec.workDir, JOB_FILES.exit), ...spec.command], {
                cwd: spec.cwd, env, detached: true, stdio: ['ignore', out, err]
            });
        } finally {
            closeSync(out);
            closeSync(err);
        }
        const id = await new Promise<string>((resolve, reject) => {
            child.once('spawn', () => resolve(String(child.pid)));
            child.once('error', reject);
        });
        const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
        this.children.set(id, { child, exited });
        exited.then(() => this.children.delete(id));
        return { adapter: this.kind, id, workDir: spec.workDir, submitted: Date.now() };
    }

    async status(job: ComputeJob): Promise<ComputeJobState> {
        const exit = readExit(job);
        if (exit !== undefined) return exit;
        if (this.children.has(job.id) || this.groupAlive(job)) return { status: 'running' };
        return { status: 'unknown' };
    }

    async wait(job: ComputeJob, signal?: AbortSignal): Promise<ComputeJobState> {
        const own = this.children.get(job.id);
        if (own) {
            await Promise.race([own.exited, aborted(signal)]);
            if (signal?.aborted) return { status: 'running' };
            return (await this.status(job));
        }
        for (;;) {
            const state = await this.status(job);
            if (isFinished(state.status) || state.status === 'unknown') return state;
            if (signal?.aborted) return state;
            await Promise.race([sleep(this.pollMs), aborted(signal)]);
        }
    }

    async cancel(job: ComputeJob): Promise<void> {
        const current = await this.status(job);
        if (isFinished(current.status)) return;
        const pid = Number(job.id);
        const signalGroup = (sig: NodeJS.Signals) => {
            try {
                process.kill(-pid, sig);
            } catch {
                // gone
            }
        };
        signalGroup('SIGTERM');
        const deadline = Date.now() + this.killGraceMs;
        while (this.groupAlive(job) && Date.now() < deadline) await sleep(25);
        if (this.groupAlive(job)) signalGroup('SIGKILL');
        const own = this.children.get(job.id);
        if (own) await own.exited;
        // The wrapper died with its command: record the cancellation ourselves.
        const exitFile = path.join(job.workDir, JOB_FILES.exit);
        if (!existsSync(exitFile)) {
            await writeFile(`${exitFile}.tmp`, 'cancelled');
            await rename(`${exitFile}.tmp`, exitFile);
        }
    }

    async logs(job: ComputeJob, stream: 'stdout' | 'stderr', offset = 0): Promise<LogChunk> {
        const { buffer, next } = await readFrom(path.join(job.workDir, JOB_FILES[stream]), offset);
        return { text: buffer.toString('utf-8'), next };
    }

    async events(job: ComputeJob, offset = 0): Promise<{ events: RuntimeEvent[]; next: number }> {
        const { buffer } = await readFrom(path.join(job.workDir, JOB_FILES.events), offset);
        const { events, consumed } = parseEventLines(buffer.toString('utf-8'));
        return { events, next: offset + consumed };
    }

    async results(job: ComputeJob): Promise<ComputeJobResults> {
        const outputsDir = path.join(job.workDir, JOB_FILES.outputs);
        const index = path.join(outputsDir, 'outputs.json');
        const outputs = existsSync(index) ? JSON.parse(await readFile(index, 'utf-8')) : undefined;
        return {
            stdoutFile: path.join(job.workDir, JOB_FILES.stdout),
            stderrFile: path.join(job.workDir, JOB_FILES.stderr),
            eventsFile: path.join(job.workDir, JOB_FILES.events),
            outputsDir,
            figuresDir: path.join(job.workDir, JOB_FILES.figures),
            outputs
        };
    }

    /** Whether the job's process group still runs (and is ours: its wrapper names the job's folder). */
    private groupAlive(job: ComputeJob): boolean {
        const pid = Number(job.id);
        if (!Number.isInteger(pid) || pid <= 0) return false;
        try {
            process.kill(-pid, 0);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
        }
        if (!processAlive(pid)) {
            // The wrapper is gone but members of its group may still run; without the leader the
            // job cannot write its exit status: treat it as gone once the group is empty.
            return true;
        }
        try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf-8').includes(job.workDir);
        } catch {
            return true; // no /proc (macOS): trust the pid
        }
    }
}

function readExit(job: ComputeJob): ComputeJobState | undefined {
    let text: string;
    try {
        text = readFileSync(path.join(job.workDir, JOB_FILES.exit), 'utf-8').trim();
    } catch {
        return undefined;
    }
    if (text === 'cancelled') return { status: 'cancelled', exitCode: null, signal: 'SIGTERM' };
    const code = Number(text);
    if (code === 0) return { status: 'succeeded', exitCode: 0 };
    if (code > 128) return { status: 'failed', exitCode: code, signal: signalName(code - 128) };
    return { status: 'failed', exitCode: Number.isFinite(code) ? code : null };
}

function signalName(number: number): string {
    const names: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM', 6: 'SIGABRT', 11: 'SIGSEGV' };
    return names[number] ?? `signal ${number}`;
}

async function readFrom(file: string, offset: number): Promise<{ buffer: Buffer; next: number }> {
    let handle;
    try {
        handle = await open(file, 'r');
    } catch {
        return { buffer: Buffer.alloc(0), next: offset };
    }
    try {
        const { size } = await handle.stat();
        if (size <= offset) return { buffer: Buffer.alloc(0), next: offset };
        const buffer = Buffer.alloc(size - offset);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return { buffer: buffer.subarray(0, bytesRead), next: offset + bytesRead };
    } finally {
        await handle.close();
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return new Promise(() => undefined);
    if (signal.aborted) return Promise.resolve();
    return new Promise(resolve => signal.addEventListener('abort', () => resolve(), { once: true }));
}

registerComputeAdapter('local', options => new LocalCompute(options as LocalComputeOptions));
