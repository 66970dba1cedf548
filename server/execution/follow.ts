/**
 * Following an execution from any process (`deepforge executions show NAME --follow`,
 * `deepforge executions logs NAME --follow`): reports it to its end as {@link EngineEvent}s.
 *
 *  * a runner is gone (a `--detach`ed Slurm run, a killed runner): this process becomes its
 *    runner ({@link attachExecution}): it takes the runner lock, reconciles the record with the
 *    jobs (scheduler state + job folders), collects what ended, follows the rest;
 *  * a live runner owns it (a run in another terminal, another follower): the record and the
 *    steps' log files are watched, read-only — and taken over should that runner go away.
 *
 * Interrupting a follower (`signal`) only stops following: the jobs run on, the record stays
 * consistent (every write atomic, under the runner lock) and anyone can follow again.
 */
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { attachExecution, RunnerBusy, stepEvent, type AttachOptions, type EngineEvent, type ExecutionResult } from './engine.js';
import { FINISHED_STEP, Store, type ExecutionRecord } from './store.js';

export interface FollowOptions extends AttachOptions {
    /** How often a record owned by another runner is read again (ms, default 250). */
    readonly watchMs?: number;
}

/**
 * Brings the record of a running execution whose runner is gone up to date with its jobs, once,
 * without waiting (`deepforge executions show NAME`): what ended is collected, the rest left
 * running. A record owned by a live runner is its runner's business: returned as it is.
 */
export async function reconcileExecution(project: string, execution: string, env?: Readonly<Record<string, string | undefined>>): Promise<{ record: ExecutionRecord; problem?: string }> {
    const store = new Store(project);
    const record = store.readExecution(execution);
    if (record.status !== 'running') return { record };
    const now = new AbortController();
    now.abort();
    try {
        return { record: (await attachExecution({ project, execution, env, signal: now.signal, onAbort: 'detach' })).record };
    } catch (error) {
        if (error instanceof RunnerBusy) return { record: store.readExecution(execution) };
        return { record: store.readExecution(execution), problem: `its record could not be brought up to date with its jobs: ${(error as Error).message}` };
    }
}

export async function followExecution(options: FollowOptions): Promise<ExecutionResult> {
    const store = new Store(options.project);
    const emit = options.onEvent ?? (() => undefined);
    const seen = new Map<string, string>();
    const offsets = new Map<string, number>();
    const partial = new Map<string, string>();
    let announced = false;
    for (;;) {
        const record = store.readExecution(options.execution);
        if (record.status === 'running') {
            try {
                return await attachExecution({ ...options, onEvent: event => {
                    // The attached runner reports from the start: skip what the watch already told.
                    if (event.type === 'execution' && event.status === 'running') {
                        if (announced) return;
                        announced = true;
                    }
                    if (event.type === 'step' && seen.get(event.step) === event.status) return;
                    if (event.type === 'step') seen.set(event.step, event.status);
                    if (event.type === 'log' && skipLog(event, offsets, partial)) return;
                    emit(event);
                } });
            } catch (error) {
                if (!(error instanceof RunnerBusy)) throw error;
            }
        }
        const current = store.readExecution(options.execution);
        if (!announced) {
            emit({ type: 'execution', name: current.name, pipeline: current.pipeline, status: 'running', steps: [...current.order] });
            announced = true;
        }
        for (const id of current.order) {
            const step = current.steps[id];
            if (seen.get(id) !== step.status && step.status !== 'pending') {
                seen.set(id, step.status);
                emit(stepEvent(step));
            }
            await streamLogs(options.project, current, id, offsets, partial, emit);
        }
        if (current.status !== 'running') {
            emit({ type: 'execution', name: current.name, pipeline: current.pipeline, status: current.status, seconds: current.seconds, ...(current.error && current.status !== 'succeeded' ? { error: current.error } : {}) });
            const failed = current.order.find(id => current.steps[id].status === 'failed');
            return { record: current, ...(failed ? { failedStep: failed } : {}) };
        }
        if (options.signal?.aborted) return { record: current, detached: true };
        await new Promise<void>(resolve => {
            const timer = setTimeout(done, options.watchMs ?? 250);
            function done() { clearTimeout(timer); options.signal?.removeEventListener('abort', done); resolve(); }
            options.signal?.addEventListener('abort', done, { once: true });
        });
    }
}

/** New lines of a step's log files (as a runner would report them). */
async function streamLogs(project: string, record: ExecutionRecord, id: string, offsets: Map<string, number>, partial: Map<string, string>, emit: (event: EngineEvent) => void): Promise<void> {
    const step = record.steps[id];
    for (const stream of ['stdout', 'stderr'] as const) {
        const file = stream === 'stdout' ? step.logs.stdoutFile : step.logs.stderrFile;
        if (!file || step.status === 'cached') continue;
        const key = `${id}\0${stream}`;
        const offset = offsets.get(key) ?? 0;
        const text = await readFrom(path.join(project, file), offset);
        if (!text) continue;
        offsets.set(key, offset + Buffer.byteLength(text));
        const lines = ((partial.get(key) ?? '') + text).split('\n');
        partial.set(key, lines.pop() ?? '');
        for (const line of lines) emit({ type: 'log', step: id, stream, line });
    }
    if (FINISHED_STEP.has(step.status)) {
        for (const stream of ['stdout', 'stderr'] as const) {
            const key = `${id}\0${stream}`;
            const rest = partial.get(key);
            if (rest) emit({ type: 'log', step: id, stream, line: rest });
            partial.set(key, '');
        }
    }
}

/**
 * A runner that attaches after a watch re-reads each log from its start: lines the watch
 * already printed are skipped (counted in bytes per step and stream).
 */
function skipLog(event: Extract<EngineEvent, { type: 'log' }>, offsets: Map<string, number>, replayed: Map<string, string>): boolean {
    const key = `${event.step}\0${event.stream}`;
    const printed = offsets.get(key) ?? 0;
    const position = Number(replayed.get(`${key}\0replayed`) ?? 0);
    const next = position + Buffer.byteLength(event.line) + 1;
    replayed.set(`${key}\0replayed`, String(next));
    return next <= printed;
}

async function readFrom(file: string, offset: number): Promise<string> {
    let handle;
    try {
        handle = await open(file, 'r');
    } catch {
        return '';
    }
    try {
        const { size } = await handle.stat();
        if (size <= offset) return '';
        const buffer = Buffer.alloc(size - offset);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        // Up to the last complete character.
        return buffer.subarray(0, bytesRead).toString('utf-8').replace(/\uFFFD$/, '');
    } finally {
        await handle.close();
    }
}
