import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SweepPlan } from '../plan/sweep-plan.js';

/** One configuration of a sweep and the execution that ran it. */
export interface SweepRunRecord {
    /** 1-based, in expansion order. */
    readonly index: number;
    /** `trained.epochs` → 2, as written in the sweep. */
    readonly values: Readonly<Record<string, number | string | boolean>>;
    /** The `--set` overrides the execution ran with. */
    readonly set: readonly string[];
    /** The execution's name (`.deepforge/executions/<name>`), once it was created. */
    execution?: string;
    status: 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'not-started';
    seconds?: number;
    error?: string;
}

/** `.deepforge/sweeps/<sweep>.json`: which executions a sweep ran, for which configuration. */
export interface SweepRecord {
    readonly format: 'deepforge-sweep';
    readonly version: 1;
    readonly name: string;
    /** The `.sweep` file, relative to the project. */
    readonly source: string;
    readonly pipeline: string;
    /** The `.dfp` file, relative to the project. */
    readonly pipelineFile: string;
    readonly strategy: SweepPlan['strategy'];
    readonly objective?: SweepPlan['objective'];
    readonly started: string;
    ended?: string;
    readonly runs: SweepRunRecord[];
}

/** A sweep record that is missing or unreadable. */
export class SweepRecordError extends Error {}

/** Where a sweep's record is kept in a project. */
export function sweepRecordPath(project: string, sweep: string): string {
    if (!/^[_a-zA-Z]\w*$/.test(sweep)) throw new SweepRecordError(`\`${sweep}\` is not a sweep name`);
    return path.join(project, '.deepforge', 'sweeps', `${sweep}.json`);
}

/** Writes a record atomically (a reader never sees half a file). */
export function writeSweepRecord(project: string, record: SweepRecord): void {
    const file = sweepRecordPath(project, record.name);
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record, null, 2) + '\n');
    renameSync(temporary, file);
}

/** The record of the last `sweep run` of a sweep. */
export function readSweepRecord(project: string, sweep: string): SweepRecord {
    const file = sweepRecordPath(project, sweep);
    if (!existsSync(file)) throw new SweepRecordError(`sweep \`${sweep}\` has not been run in this project (no ${path.relative(project, file)}): run it with \`deepforge sweep run\``);
    let record: SweepRecord;
    try {
        record = JSON.parse(readFileSync(file, 'utf-8')) as SweepRecord;
    } catch (error) {
        throw new SweepRecordError(`${file}: not a sweep record (${(error as Error).message})`);
    }
    if (record.format !== 'deepforge-sweep' || !Array.isArray(record.runs)) throw new SweepRecordError(`${file}: not a sweep record`);
    return record;
}
