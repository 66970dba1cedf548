import * as path from 'node:path';
import { JobGenerationError } from '../../generators/job/job-input.js';
import { ConfigError, findProject } from '../../server/execution/config.js';
import { ComputeError } from '../../server/execution/compute-adapter.js';
import { ExecutionError, resumeExecution, runPipeline, type EngineEvent, type ExecutionResult } from '../../server/execution/engine.js';
import { explainRun } from '../../server/execution/explain.js';
import { LockBusy } from '../../server/execution/lock.js';
import { StoreError, type ExecutionRecord } from '../../server/execution/store.js';
import { LocalStorage } from '../../server/storage/local-storage.js';
import { isStorageError, type StorageLocation } from '../../server/storage/storage-adapter.js';
import { storageFor } from '../../server/execution/manage.js';
import { displayPath } from '../format/diagnostics.js';
import { RunView, type Terminal } from '../format/run-view.js';
import { PipelineHasErrors } from '../../server/jobs/job-bundle.js';
import { ExitCode, type CliIO } from '../io.js';
import { reportJobError } from './generate-job.js';

export interface RunCommandOptions {
    readonly pipeline?: string;
    readonly name?: string;
    readonly compute?: string;
    readonly storage?: string;
    readonly set?: readonly string[];
    readonly input?: readonly string[];
    readonly json?: boolean;
    /** commander's `--no-cache`. */
    readonly cache?: boolean;
    readonly explain?: boolean;
    readonly resume?: string;
    readonly debug?: boolean;
    readonly parallel?: string | number;
    readonly seed?: string | number;
    readonly project?: string;
    /** Submit every step and return (compute `slurm`): `deepforge executions show NAME --follow` reports it later. */
    readonly detach?: boolean;
}

export interface RunContext {
    /** A TTY to draw the live view on; plain lines without one. */
    readonly terminal?: Terminal;
    /** Aborted on Ctrl-C / SIGTERM. */
    readonly signal?: AbortSignal;
    readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Exit status of a cancelled run (as a shell reports Ctrl-C). */
export const CANCELLED_EXIT = 130;

/** Prints a problem of the engine's setup as one message; returns the exit code, or rethrows what is not ours. */
export function reportExecutionError(error: unknown, io: CliIO): number {
    if (error instanceof ExecutionError || error instanceof StoreError || error instanceof ConfigError || error instanceof ComputeError || error instanceof LockBusy || isStorageError(error)) {
        io.err(`deepforge: ${(error as Error).message}`);
        return ExitCode.usage;
    }
    if (error instanceof JobGenerationError || error instanceof PipelineHasErrors) {
        return reportJobError(error, 'nothing was run', io);
    }
    throw error;
}

function parsePairs(pairs: readonly string[] | undefined, option: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const pair of pairs ?? []) {
        const at = pair.indexOf('=');
        if (at <= 0 || at === pair.length - 1) throw new ExecutionError(`${option} ${pair}: expected NAME=VALUE`);
        result[pair.slice(0, at)] = pair.slice(at + 1);
    }
    return result;
}

function integer(value: string | number | undefined, option: string, min: number): number | undefined {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new ExecutionError(`${option} takes a whole number ≥ ${min}, not ${JSON.stringify(String(value))}`);
    return n;
}

/** Where a stored object is, for people: a file path (local store) or an s3:// URL. */
export function whereIs(location: StorageLocation, project: string, env?: Readonly<Record<string, string | undefined>>): string {
    if (location.adapter === 's3') return `s3://${location.bucket}/${location.key}`;
    try {
        const storage = storageFor(project, 'local', env);
        if (storage instanceof LocalStorage) return displayPath(path.join(storage.directory, 'objects', ...location.key.split('/')));
    } catch {
        // fall through
    }
    return location.key;
}

function formatSize(bytes: number): string {
    if (bytes < 1024) return `${bytes} B`;
    const units = ['kB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = -1;
    do {
        value /= 1000;
        unit++;
    } while (value >= 1000 && unit < units.length - 1);
    return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** What a finished run tells: its outcome, and where the artifacts, metrics and figures are. */
export function printSummary(record: ExecutionRecord, project: string, io: CliIO, env?: Readonly<Record<string, string | undefined>>): void {
    const steps = record.order.map(id => record.steps[id]);
    const count = (status: string) => steps.filter(s => s.status === status).length;
    const parts = [['succeeded', 'ran'], ['cached', 'cached'], ['failed', 'failed'], ['cancelled', 'cancelled']]
        .map(([status, label]) => [count(status), label] as const).filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
    io.out(`execution ${record.name}: ${record.status} in ${(record.seconds ?? 0).toFixed(1)} s (${steps.length} steps: ${parts.join(', ')})`);
    for (const step of steps) {
        for (const name of step.artifacts) {
            const file = step.artifactFiles?.[name];
            if (file) io.out(`  artifact  ${name} (${file.format}, ${formatSize(file.bytes)}): ${whereIs(file.location, project, env)}`);
        }
    }
    for (const step of steps) {
        for (const metric of step.metrics) io.out(`  metric    ${step.id} ${metric.name}${metric.index !== undefined ? `[${metric.index}]` : ''} = ${typeof metric.value === 'number' ? Number(metric.value.toPrecision(6)) : metric.value}`);
    }
    for (const step of steps) {
        for (const figure of step.figures) io.out(`  figure    ${displayPath(path.join(project, figure.file))}${figure.title ? ` (${figure.title.split('\n')[0]})` : ''}`);
    }
    io.out(`  record    ${displayPath(path.join(project, '.deepforge', 'executions', record.name, 'execution.json'))}`);
}

/** Prints the failure of a step: the error, where, the end of its traceback, the hint (missing package). */
function printFailure(record: ExecutionRecord, step: string, project: string, io: CliIO): void {
    const failed = record.steps[step];
    io.err(`deepforge: step \`${step}\` (${failed.operation}) failed: ${failed.error ?? 'see its log'}`);
    if (failed.message) io.err(`deepforge: ${failed.message}`);
    io.err(`  its log: deepforge executions logs ${record.name} ${step} --stderr` + (failed.logs.stderrFile ? `  (${displayPath(path.join(project, failed.logs.stderrFile))})` : ''));
}

/** A detached run: its jobs, and how to follow, read and cancel it from any process. */
function printDetached(record: ExecutionRecord, io: CliIO, json: boolean): void {
    const jobs = record.order.map(id => record.steps[id]).filter(step => step.job && step.status !== 'succeeded' && step.status !== 'cached');
    if (json) {
        io.out(JSON.stringify({ type: 'detached', name: record.name, compute: record.options.compute, jobs: Object.fromEntries(jobs.map(step => [step.id, step.job!.id])) }));
        return;
    }
    io.out(`execution ${record.name}: ${jobs.length} step${jobs.length === 1 ? '' : 's'} submitted to ${record.options.compute} (jobs ${jobs.map(step => step.job!.id).join(', ')}); they run on without this process`);
    io.out(`  follow it:  deepforge executions show ${record.name} --follow`);
    io.out(`  its logs:   deepforge executions logs ${record.name} [STEP] --follow`);
    io.out(`  cancel it:  deepforge executions cancel ${record.name}`);
}

/** The exit status and message of an execution that ended (a run, a follow). */
export function reportOutcome(record: ExecutionRecord, failedStep: string | undefined, project: string, io: CliIO, resumeHint = true): number {
    if (record.status === 'succeeded') return ExitCode.ok;
    if (failedStep) {
        printFailure(record, failedStep, project, io);
        return ExitCode.errors;
    }
    if (record.status === 'cancelled') {
        io.err(`deepforge: execution ${record.name} was cancelled` + (resumeHint ? `; resume it with: deepforge run --resume ${record.name}` : ''));
        return CANCELLED_EXIT;
    }
    io.err(`deepforge: execution ${record.name} ${record.status}: ${record.error ?? ''}`);
    return ExitCode.errors;
}

/**
 * `deepforge run <file.dfp>`: runs a pipeline step by step (local compute and storage by
 * default) with a live view; `--explain` says what would run; `--resume NAME` re-runs the
 * failed and cancelled steps of an execution.
 */
export async function runRun(file: string | undefined, options: RunCommandOptions, io: CliIO, context: RunContext = {}): Promise<number> {
    const env = context.env ?? process.env;
    let project: string;
    const view = options.json ? undefined : new RunView(line => io.out(line), context.terminal);
    const onEvent = (event: EngineEvent) => {
        if (options.json) io.out(JSON.stringify(event));
        else view!.onEvent(event);
    };
    try {
        project = path.resolve(options.project ?? findProject(process.cwd(), env));
        const common = {
            project, compute: options.compute, storage: options.storage, cache: options.cache, debug: options.debug,
            parallel: integer(options.parallel, '--parallel', 1), seed: integer(options.seed, '--seed', 0),
            env, onEvent, signal: context.signal, detach: options.detach
        };
        let result: ExecutionResult;
        if (options.resume !== undefined) {
            if (file !== undefined) throw new ExecutionError('--resume takes an execution, not a file: deepforge run --resume NAME');
            result = await resumeExecution({ ...common, execution: options.resume });
        } else {
            if (file === undefined) throw new ExecutionError('give a .dfp file to run (or --resume EXECUTION)');
            const runOptions = { ...common, file, pipeline: options.pipeline, name: options.name, set: options.set ?? [], inputs: parsePairs(options.input, '--input') };
            if (options.explain) {
                const explanation = await explainRun(runOptions);
                if (options.json) for (const e of explanation) io.out(JSON.stringify(e));
                else {
                    const width = Math.max(...explanation.map(e => e.step.length));
                    for (const e of explanation) io.out(`${e.step.padEnd(width)}  ${e.decision === 'run' ? 'runs   ' : 'reused '}  ${e.reason}`);
                    const runs = explanation.filter(e => e.decision === 'run').length;
                    io.out(`${runs} of ${explanation.length} steps would run`);
                }
                return ExitCode.ok;
            }
            result = await runPipeline(runOptions);
        }
        view?.stop();
        const { record } = result;
        if (result.detached) {
            printDetached(record, io, options.json === true);
            return ExitCode.ok;
        }
        if (!options.json) printSummary(record, project, io, env);
        return reportOutcome(record, result.failedStep, project, io);
    } catch (error) {
        view?.stop();
        return reportExecutionError(error, io);
    }
}
