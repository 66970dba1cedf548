import type { ExecutionRecord } from 'deepforge-ts';
import type { SweepRecord } from './sweep-record.js';

/** One row of the comparison: a configuration, how its execution went and its metrics. */
export interface ReportRow {
    /** Rank by the objective (1 = best); absent for runs without the objective's metric. */
    readonly rank?: number;
    readonly index: number;
    readonly values: Readonly<Record<string, number | string | boolean>>;
    readonly execution?: string;
    readonly status: string;
    readonly seconds?: number;
    /** `accuracy` → 0.93; a name two steps report is qualified by the step (`EvalDigits#1.accuracy`). */
    readonly metrics: Readonly<Record<string, number | string>>;
    /** The objective's value, when the run has it. */
    readonly objective?: number;
}

/** The comparison of a sweep's executions. */
export interface SweepReport {
    readonly sweep: string;
    readonly pipeline: string;
    readonly objective?: { readonly direction: 'maximize' | 'minimize'; readonly metric: string };
    readonly parameters: readonly string[];
    readonly metrics: readonly string[];
    /** Best first when there is an objective; in configuration order otherwise. */
    readonly rows: readonly ReportRow[];
}

/**
 * The metrics of an execution by name. A metric reported several times by a step (per epoch,
 * with an index) counts with its last value; a name reported by two steps is qualified by
 * the step (`EvalDigits#1.accuracy`) — both forms are kept.
 */
export function executionMetrics(record: ExecutionRecord): Record<string, number | string> {
    const byStep = new Map<string, Map<string, number | string>>();
    for (const id of record.order) {
        const step = record.steps[id];
        const last = new Map<string, { index: number; value: number | string }>();
        for (const metric of step.metrics ?? []) {
            const index = metric.index ?? -1;
            const seen = last.get(metric.name);
            if (!seen || index >= seen.index) last.set(metric.name, { index, value: metric.value });
        }
        if (last.size) byStep.set(id, new Map([...last].map(([name, v]) => [name, v.value])));
    }
    const counts = new Map<string, number>();
    for (const metrics of byStep.values()) for (const name of metrics.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
    const result: Record<string, number | string> = {};
    for (const [step, metrics] of byStep) {
        for (const [name, value] of metrics) {
            result[`${step}.${name}`] = value;
            if (counts.get(name) === 1) result[name] = value;
        }
    }
    return result;
}

/**
 * Builds the report of a sweep from its record and its executions' records (`undefined` for an
 * execution that is gone). `objective` overrides the recorded one (the `.sweep` file's, now).
 */
export function buildReport(sweep: SweepRecord, executions: ReadonlyMap<string, ExecutionRecord | undefined>, objective = sweep.objective): SweepReport {
    const metricName = objective ? (objective.step ? `${objective.step}.${objective.metric}` : objective.metric) : undefined;
    const parameters = [...new Set(sweep.runs.flatMap(run => Object.keys(run.values)))];
    const metricNames = new Set<string>();
    const rows = sweep.runs.map(run => {
        const record = run.execution ? executions.get(run.execution) : undefined;
        const all = record ? executionMetrics(record) : {};
        // Show unqualified names (and qualified ones only where a name is ambiguous).
        const metrics = Object.fromEntries(Object.entries(all).filter(([name]) => !name.includes('.') || !(name.slice(name.lastIndexOf('.') + 1) in all)));
        for (const name of Object.keys(metrics)) metricNames.add(name);
        const value = metricName !== undefined ? objectiveValue(all, metricName) : undefined;
        const seconds = record?.seconds ?? run.seconds;
        const row: ReportRow = {
            index: run.index, values: run.values, ...(run.execution ? { execution: run.execution } : {}),
            status: record?.status ?? run.status, ...(seconds !== undefined ? { seconds } : {}),
            metrics, ...(value !== undefined ? { objective: value } : {})
        };
        return row;
    });
    if (objective && metricName) {
        const sign = objective.direction === 'maximize' ? -1 : 1;
        rows.sort((a, b) => a.objective === undefined ? (b.objective === undefined ? a.index - b.index : 1)
            : b.objective === undefined ? -1 : sign * (a.objective - b.objective) || a.index - b.index);
        let rank = 0;
        for (const [i, row] of rows.entries()) if (row.objective !== undefined) rows[i] = { ...row, rank: ++rank };
    }
    return {
        sweep: sweep.name, pipeline: sweep.pipeline,
        ...(objective && metricName ? { objective: { direction: objective.direction, metric: metricName } } : {}),
        parameters, metrics: [...metricNames].sort(), rows
    };
}

/** A metric's value by name: exact (`accuracy`, `EvalDigits#1.accuracy`), or `step.metric` by step name prefix. */
function objectiveValue(metrics: Record<string, number | string>, name: string): number | undefined {
    const exact = metrics[name];
    if (typeof exact === 'number') return exact;
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
        const [step, metric] = [name.slice(0, dot), name.slice(dot + 1)];
        for (const [key, value] of Object.entries(metrics)) {
            if (typeof value === 'number' && key.endsWith(`.${metric}`) && key.slice(0, key.lastIndexOf('.')) === step) return value;
        }
    }
    return undefined;
}

function formatNumber(value: number | string | boolean | undefined): string {
    if (value === undefined) return '';
    if (typeof value === 'number') return String(Number(value.toPrecision(6)));
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    return value;
}

/** The report as an aligned text table, best first. */
export function formatReport(report: SweepReport): string[] {
    const headers = ['rank', ...report.parameters, 'status', 'seconds', ...report.metrics, 'execution'];
    const rows = report.rows.map(row => [
        row.rank !== undefined ? String(row.rank) : '-',
        ...report.parameters.map(p => formatNumber(row.values[p])),
        row.status,
        row.seconds !== undefined ? row.seconds.toFixed(1) : '',
        ...report.metrics.map(m => formatNumber(row.metrics[m])),
        row.execution ?? ''
    ]);
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    const title = `sweep ${report.sweep} over ${report.pipeline}: ${report.rows.length} configuration${report.rows.length === 1 ? '' : 's'}` +
        (report.objective ? `, best ${report.objective.metric} first (${report.objective.direction})` : '');
    return [title, line(headers), ...rows.map(line)];
}
