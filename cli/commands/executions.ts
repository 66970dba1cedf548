import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findProject } from '../../server/execution/config.js';
import { cancelExecution, readStoredText, storageFor } from '../../server/execution/manage.js';
import { showValue } from '../../server/execution/explain.js';
import { Store, type ExecutionRecord, type StepRecord } from '../../server/execution/store.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';
import { followExecution, reconcileExecution } from '../../server/execution/follow.js';
import { RunView, type Terminal } from '../format/run-view.js';
import { CANCELLED_EXIT, printSummary, reportExecutionError, reportOutcome, whereIs } from './run.js';

export interface ExecutionsOptions {
    readonly project?: string;
    readonly json?: boolean;
    readonly stderr?: boolean;
    /** show / logs: report a running execution to its end (re-attaching to its jobs when its runner is gone). */
    readonly follow?: boolean;
}

export interface ExecutionsContext {
    /** show/logs --follow: aborted on Ctrl-C (stops following; the jobs run on). */
    readonly signal?: AbortSignal;
    /** A TTY for show --follow's live view. */
    readonly terminal?: Terminal;
    readonly env?: Readonly<Record<string, string | undefined>>;
}

function projectOf(options: ExecutionsOptions): string {
    return path.resolve(options.project ?? findProject());
}

function table(rows: string[][], io: CliIO): void {
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => (r[i] ?? '').length)));
    for (const row of rows) io.out(row.map((cell, i) => i === row.length - 1 ? cell : cell.padEnd(widths[i])).join('  ').trimEnd());
}

function seconds(step: StepRecord | ExecutionRecord): string {
    if ('status' in step && step.status === 'cached') return '';
    return step.seconds === undefined ? '' : `${step.seconds.toFixed(1)}s`;
}

function metricText(value: number | string): string {
    return typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value);
}

/** `deepforge executions <action> …`: list, show, logs, figures, cancel, rm, compare. */
export async function runExecutions(action: string, names: readonly string[], options: ExecutionsOptions, io: CliIO, context: ExecutionsContext = {}): Promise<number> {
    try {
        const project = projectOf(options);
        const store = new Store(project);
        if (options.follow && action !== 'show' && action !== 'logs') throw new Error('--follow goes with show and logs');
        if (options.follow && action === 'show') {
            const name = one(names, action);
            const view = options.json ? undefined : new RunView(line => io.out(line), context.terminal);
            const result = await followExecution({
                project, execution: name, env: context.env, signal: context.signal,
                onEvent: event => options.json ? io.out(JSON.stringify(event)) : view!.onEvent(event)
            }).finally(() => view?.stop());
            if (result.detached) return stoppedFollowing(name, io);
            if (!options.json) showRecord(result.record, project, io);
            return reportOutcome(result.record, result.failedStep, project, io, false);
        }
        if (options.follow && action === 'logs') {
            const record = store.readExecution(names[0] ?? one(names, action));
            const steps = names.length > 1 ? names.slice(1) : record.order;
            for (const id of steps) if (!record.steps[id]) throw new Error(`execution ${record.name} has no step \`${id}\` (steps: ${record.order.join(', ')})`);
            const stream = options.stderr ? 'stderr' : 'stdout';
            const result = await followExecution({
                project, execution: record.name, env: context.env, signal: context.signal,
                onEvent: event => {
                    if (event.type !== 'log' || event.stream !== stream || !steps.includes(event.step)) return;
                    io.out(steps.length > 1 ? `${event.step} | ${event.line}` : event.line);
                }
            });
            if (result.detached) return stoppedFollowing(record.name, io);
            return reportOutcome(result.record, result.failedStep, project, io, false);
        }
        switch (action) {
            case 'list': {
                const records = store.listExecutions();
                if (options.json) {
                    io.out(JSON.stringify(records.map(r => ({ name: r.name, pipeline: r.pipeline, status: r.status, created: r.created, seconds: r.seconds }))));
                } else if (records.length === 0) {
                    io.out('no executions yet (deepforge run <file.dfp>)');
                } else {
                    table([['NAME', 'PIPELINE', 'STATUS', 'STARTED', 'TIME', 'STEPS'], ...records.map(r => {
                        const steps = r.order.map(id => r.steps[id].status);
                        const done = steps.filter(s => s === 'succeeded' || s === 'cached').length;
                        return [r.name, r.pipeline, r.status, r.started.replace('T', ' ').slice(0, 19), seconds(r), `${done}/${steps.length}`];
                    })], io);
                }
                return ExitCode.ok;
            }
            case 'show': {
                // A detached run's record is as its jobs left it: reconcile first (when nobody runs it).
                const { record, problem } = await reconcileExecution(project, one(names, action), context.env);
                if (problem) io.err(`deepforge: ${problem}`);
                if (options.json) {
                    io.out(JSON.stringify(record, null, 2));
                    return ExitCode.ok;
                }
                showRecord(record, project, io);
                return ExitCode.ok;
            }
            case 'logs': {
                const record = store.readExecution(names[0] ?? one(names, action));
                const steps = names.length > 1 ? names.slice(1) : record.order;
                const stream = options.stderr ? 'stderr' : 'stdout';
                for (const id of steps) {
                    const step = record.steps[id];
                    if (!step) throw new Error(`execution ${record.name} has no step \`${id}\` (steps: ${record.order.join(', ')})`);
                    const text = await readLog(project, record, step, stream);
                    if (steps.length > 1) io.out(`==> ${id} (${step.status}) <==`);
                    if (text) io.out(text.replace(/\n$/, ''));
                }
                return ExitCode.ok;
            }
            case 'figures': {
                const record = store.readExecution(one(names, action));
                const figures = record.order.flatMap(id => record.steps[id].figures.map(f => ({ step: id, ...f })));
                if (options.json) io.out(JSON.stringify(figures.map(f => ({ ...f, path: path.join(project, f.file) }))));
                else if (figures.length === 0) io.out(`execution ${record.name} has no figures`);
                else for (const f of figures) io.out(`${f.step}  ${displayPath(path.join(project, f.file))}  ${f.title?.split('\n')[0] ?? ''}  (stored: ${whereIs(f.location, project)})`);
                return ExitCode.ok;
            }
            case 'cancel': {
                const name = one(names, action);
                const outcome = await cancelExecution(project, name);
                io.out(outcome === 'not-running' ? `execution ${name} is not running (${store.readExecution(name).status})` : `execution ${name} cancelled`);
                return ExitCode.ok;
            }
            case 'rm': {
                if (names.length === 0) throw new Error('name the executions to remove');
                for (const name of names) {
                    const record = store.readExecution(name);
                    if (record.status === 'running') {
                        const owner = record.runner;
                        throw new Error(`execution ${name} is running (process ${owner.pid}): cancel it first`);
                    }
                    await store.removeExecution(name);
                    io.out(`removed execution ${name}`);
                }
                return ExitCode.ok;
            }
            case 'compare':
                return compare(names.map(name => store.readExecution(name)), options, io);
            default:
                io.err(`deepforge: unknown action \`${action}\` (list, show, logs, figures, cancel, rm, compare)`);
                return ExitCode.usage;
        }
    } catch (error) {
        if (error instanceof Error && error.constructor === Error) {
            io.err(`deepforge: ${error.message}`);
            return ExitCode.usage;
        }
        return reportExecutionError(error, io);
    }
}

/** The record as `executions show` prints it: the execution, a table of its steps, the summary. */
function showRecord(record: ExecutionRecord, project: string, io: CliIO): void {
    io.out(`execution ${record.name}  pipeline ${record.pipeline} (${record.source})  ${record.status}${record.error && record.status !== 'succeeded' ? `: ${record.error}` : ''}`);
    io.out(`started ${record.started}${record.ended ? `, ended ${record.ended}` : ''}; compute ${record.options.compute}, storage ${record.options.storage}, python ${record.options.python}` +
        (record.options.set.length ? `; --set ${record.options.set.join(' ')}` : '') + (record.resumed ? `; resumed ${record.resumed}×` : ''));
    table([['STEP', 'OPERATION', 'STATUS', 'TIME', 'DETAIL'], ...record.order.map(id => {
        const step = record.steps[id];
        const detail = step.status === 'cached' && step.cachedFrom ? `from ${step.cachedFrom.execution}`
            : step.status === 'failed' ? step.error ?? '' : step.message ?? step.lastLine ?? '';
        return [id, step.operation, step.status, seconds(step), detail];
    })], io);
    printSummary(record, project, io);
}

function stoppedFollowing(name: string, io: CliIO): number {
    io.err(`deepforge: stopped following; execution ${name} runs on (deepforge executions show ${name} --follow)`);
    return CANCELLED_EXIT;
}

function one(names: readonly string[], action: string): string {
    if (names.length !== 1) throw new Error(`executions ${action} takes one execution name`);
    return names[0];
}

async function readLog(project: string, record: ExecutionRecord, step: StepRecord, stream: 'stdout' | 'stderr'): Promise<string> {
    const local = stream === 'stdout' ? step.logs.stdoutFile : step.logs.stderrFile;
    // A running step: its log file grows; a finished one: the stored log (whole).
    const location = step.logs[stream];
    if (location && step.status !== 'running') {
        try {
            return await readStoredText(storageFor(project, location.adapter), location);
        } catch {
            // fall back to the work folder
        }
    }
    if (local && existsSync(path.join(project, local))) return readFileSync(path.join(project, local), 'utf-8');
    void record;
    return '';
}

/** Side by side: status, durations, attributes and metrics of two or more executions. */
function compare(records: ExecutionRecord[], options: ExecutionsOptions, io: CliIO): number {
    if (records.length < 2) throw new Error('executions compare takes two or more execution names');
    const steps = [...new Set(records.flatMap(r => r.order))];
    const rows: Array<{ kind: string; key: string; values: string[] }> = [];
    rows.push({ kind: 'execution', key: 'status', values: records.map(r => r.status) });
    rows.push({ kind: 'execution', key: 'time', values: records.map(r => seconds(r)) });
    for (const id of steps) rows.push({ kind: 'status', key: id, values: records.map(r => r.steps[id]?.status ?? '—') });
    for (const id of steps) rows.push({ kind: 'time', key: id, values: records.map(r => r.steps[id] ? (r.steps[id].status === 'cached' ? 'cached' : seconds(r.steps[id])) : '—') });
    for (const id of steps) {
        const names = [...new Set(records.flatMap(r => Object.keys(r.steps[id]?.attributes ?? {})))];
        for (const name of names) rows.push({ kind: 'attribute', key: `${id}.${name}`, values: records.map(r => r.steps[id] && name in r.steps[id].attributes ? showValue(r.steps[id].attributes[name]) : '—') });
    }
    for (const id of steps) {
        const names = [...new Set(records.flatMap(r => (r.steps[id]?.metrics ?? []).filter(m => m.index === undefined).map(m => m.name)))];
        for (const name of names) {
            rows.push({ kind: 'metric', key: `${id}.${name}`, values: records.map(r => {
                const metric = r.steps[id]?.metrics.filter(m => m.name === name && m.index === undefined).at(-1);
                return metric ? metricText(metric.value) : '—';
            }) });
        }
    }
    if (options.json) {
        io.out(JSON.stringify({ executions: records.map(r => r.name), rows: rows.map(r => ({ ...r, differs: new Set(r.values).size > 1 })) }));
        return ExitCode.ok;
    }
    table([['', 'WHAT', ...records.map(r => r.name)], ...rows.map(r => [new Set(r.values).size > 1 ? '*' : ' ', `${r.kind} ${r.key}`, ...r.values])], io);
    return ExitCode.ok;
}
