/**
 * Compute adapters: where a step's process runs. The engine decides *what* runs and *when*
 * (the DAG, the cache, storage); an adapter only starts one step's command, tells its status,
 * cancels it, reads its logs and hands back its results — DeepForge's `ComputeClient`
 * (`startJob` / `getStatus` / `cancelJob` / `getConsoleOutput` / `getResultsInfo`).
 *
 * **Detached by design.** Everything an adapter needs to find a job again is in its
 * {@link ComputeJob} handle (plain JSON, kept in the execution record), and a job leaves its
 * whole state in its work folder: `stdout.log`, `stderr.log`, `events.jsonl` (the runtime's
 * `@@deepforge` events), `outputs/` (with `outputs.json`), `figures/`, and `exit` (its exit
 * status, written by the job itself when it ends). So the runner process may exit (or be killed)
 * while jobs run, and another process re-attaches by execution id: it reads the handles from the
 * record and asks the adapter for `status`, `logs` and `results`. The `local` adapter runs each
 * job in its own process group behind a tiny `sh` wrapper that writes `exit`; a Slurm adapter
 * submits the same command with `sbatch` (work folders on a shared file system; `dependsOn`
 * becomes `--dependency=afterok:…`), its handle holding the Slurm job id.
 */
import type { OperationResources } from '../../metamodel/pipeline/resources.js';

/** What a job is when asked: `unknown` when the adapter cannot find it any more. */
export type ComputeJobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

export function isFinished(status: ComputeJobStatus): boolean {
    return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** One step to run. */
export interface ComputeJobSpec {
    /** The execution and step (for names, messages and scheduler job names). */
    readonly execution: string;
    readonly step: string;
    /** The command: argv, the program first (e.g. python -m deepforge.run_step …). */
    readonly command: readonly string[];
    /** The working directory of the command (the job bundle). */
    readonly cwd: string;
    /** The job's own folder: logs, events, outputs, figures and its exit status go there. */
    readonly workDir: string;
    /** Environment variables added to the adapter's (never credentials: they would be recorded by some schedulers). */
    readonly env: Readonly<Record<string, string>>;
    /** Jobs this one waits for (a batch scheduler chains them; `local` ignores it: the engine starts a step when its inputs exist). */
    readonly dependsOn?: readonly ComputeJob[];
    /** What the step's operation asks for (`resources { … }`), over the adapter's defaults; `slurm` makes them sbatch options, `local` ignores them. */
    readonly resources?: OperationResources;
}

/** A started job, as kept in the execution record: enough for any process to re-attach. */
export interface ComputeJob {
    readonly adapter: string;
    /** The adapter's id: `local`: the process (group) id; `slurm`: the Slurm job id. */
    readonly id: string;
    readonly workDir: string;
    /** When it was submitted (ms since the epoch). */
    readonly submitted: number;
    /** Adapter-specific data (JSON). */
    readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface ComputeJobState {
    readonly status: ComputeJobStatus;
    /** The command's exit status once finished (`null` when killed by a signal). */
    readonly exitCode?: number | null;
    /** The signal that ended it, if any. */
    readonly signal?: string | null;
    /** Why it failed or was cancelled when the exit status does not say (a scheduler's reason: time limit, out of memory, upstream failed). */
    readonly reason?: string;
}

/** A piece of a job's log from a byte offset: call again with `next` to follow it. */
export interface LogChunk {
    readonly text: string;
    readonly next: number;
}

/** What a finished job left: files in its work folder. */
export interface ComputeJobResults {
    readonly stdoutFile: string;
    readonly stderrFile: string;
    readonly eventsFile: string;
    readonly outputsDir: string;
    readonly figuresDir: string;
    /** `outputs/outputs.json`, parsed, or undefined when the job wrote none (failed). */
    readonly outputs?: { readonly step: string; readonly outputs: Readonly<Record<string, { path: string; format: string; sha256: string; bytes: number }>> };
}

export interface ComputeAdapter {
    readonly kind: string;
    /**
     * Whether the adapter's scheduler runs a job once its `dependsOn` jobs succeeded (Slurm's
     * `afterok`). The engine then submits the whole DAG up front — a job finds its inputs in its
     * producers' `outputs/` folders when it starts (`run_step --input-from`) — so the DAG runs
     * on even when the submitting process exits, and any process reconciles the record later.
     * Without it (`local`), the engine starts a step once its inputs are stored.
     */
    readonly chainsJobs?: boolean;
    /**
     * Where the steps' job folders go (`<jobFolder>/<execution>/<step>`, relative to the project),
     * instead of `.deepforge/executions/<execution>/steps/<step>`: for Slurm, a folder the nodes share.
     */
    readonly jobFolder?: string;
    /** Starts (submits) a job; resolves once it is started or queued. */
    start(spec: ComputeJobSpec): Promise<ComputeJob>;
    /** The job's status now (works from any process, on a handle read back from a record). */
    status(job: ComputeJob): Promise<ComputeJobState>;
    /**
     * Resolves when the job has finished (or `signal` aborts the wait — the job keeps running).
     * An adapter may push (the local runner hears its child exit) or poll.
     */
    wait(job: ComputeJob, signal?: AbortSignal): Promise<ComputeJobState>;
    /** Stops the job (and what it started); its status becomes `cancelled`. No-op once finished. */
    cancel(job: ComputeJob): Promise<void>;
    /** Reads `stdout` or `stderr` from byte `offset` (to follow a running job, or to re-attach). */
    logs(job: ComputeJob, stream: 'stdout' | 'stderr', offset?: number): Promise<LogChunk>;
    /** Reads the job's events (`@@deepforge` lines) from byte `offset`, parsed. */
    events(job: ComputeJob, offset?: number): Promise<{ events: RuntimeEvent[]; next: number }>;
    /** Where a finished job's files are (fetched here first where the compute is remote). */
    results(job: ComputeJob): Promise<ComputeJobResults>;
}

/** A `@@deepforge` event of the job runtime (see deepforge/PROTOCOL.md). */
export interface RuntimeEvent {
    readonly v: number;
    readonly event: 'pipeline' | 'step' | 'metric' | 'figure' | 'output' | 'artifact' | string;
    readonly time: number;
    readonly [field: string]: unknown;
}

export const EVENT_PREFIX = '@@deepforge ';

/** Parses event lines (complete lines only); returns the events and how many bytes were consumed. */
export function parseEventLines(text: string): { events: RuntimeEvent[]; consumed: number } {
    const events: RuntimeEvent[] = [];
    const end = text.lastIndexOf('\n');
    if (end < 0) return { events, consumed: 0 };
    for (const line of text.slice(0, end).split('\n')) {
        const at = line.indexOf(EVENT_PREFIX);
        if (at < 0) continue;
        try {
            events.push(JSON.parse(line.slice(at + EVENT_PREFIX.length)) as RuntimeEvent);
        } catch {
            // a torn or foreign line: not an event
        }
    }
    return { events, consumed: Buffer.byteLength(text.slice(0, end + 1)) };
}

export type ComputeFactory = (options: Readonly<Record<string, unknown>>) => ComputeAdapter;
const factories = new Map<string, ComputeFactory>();

export function registerComputeAdapter(kind: string, factory: ComputeFactory): void {
    factories.set(kind, factory);
}

export function computeAdapterKinds(): string[] {
    return [...factories.keys()];
}

export class ComputeError extends Error {}

export function createCompute(kind: string, options: Readonly<Record<string, unknown>> = {}): ComputeAdapter {
    const factory = factories.get(kind);
    if (!factory) throw new ComputeError(`unknown compute \`${kind}\` (available: ${computeAdapterKinds().join(', ')})`);
    return factory(options);
}
