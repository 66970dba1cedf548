import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionStatus } from '../../diagram/model/diagram-model.js';
import { findProject } from '../execution/config.js';
import { Store, type ExecutionRecord } from '../execution/store.js';

/** The latest execution's step statuses of a pipeline: what a pipeline diagram colours its steps by. */
export interface ExecutionStatusProvider {
    /** Status by step (model node id), or undefined when the pipeline never ran. */
    statusesOf(documentUri: string, pipeline: string): ReadonlyMap<string, ExecutionStatus> | undefined;
    /** Calls back when some execution record changed (a step started, finished, …). */
    onChange(listener: () => void): { dispose(): void };
}

/**
 * Statuses from the execution store (`server/execution/store.ts`, `<project>/.deepforge/executions`):
 * the latest execution (by creation time) of the pipeline from the same `.dfp` file. Records are
 * polled while someone listens (once a second), so that nodes change colour as the runner writes
 * its record — a runner is another process, and lowdb writes by renaming files into place.
 */
export class StoreExecutionStatusProvider implements ExecutionStatusProvider {
    protected readonly listeners = new Set<() => void>();
    protected timer?: NodeJS.Timeout;
    protected signature = '';
    /** Projects looked at, by folder. */
    protected readonly projects = new Map<string, string>();

    constructor(protected readonly intervalMs = 1000) {}

    statusesOf(documentUri: string, pipeline: string): ReadonlyMap<string, ExecutionStatus> | undefined {
        const record = this.latest(documentUri, pipeline);
        if (!record) return undefined;
        return new Map(Object.values(record.steps).map(step => [step.id, step.status]));
    }

    protected latest(documentUri: string, pipeline: string): ExecutionRecord | undefined {
        if (!documentUri.startsWith('file:')) return undefined;
        const file = fileURLToPath(documentUri);
        const folder = path.dirname(file);
        const project = findProject(folder, {});
        this.projects.set(folder, project);
        const store = new Store(project);
        if (!existsSync(store.executionsDir)) return undefined;
        const source = path.relative(project, file);
        let latest: ExecutionRecord | undefined;
        try {
            for (const record of store.listExecutions()) {
                if (record.pipeline !== pipeline || path.normalize(record.source) !== source) continue;
                if (!latest || record.created > latest.created) latest = record;
            }
        } catch {
            return undefined; // a record being replaced: next poll
        }
        return latest;
    }

    onChange(listener: () => void): { dispose(): void } {
        this.listeners.add(listener);
        this.timer ??= setInterval(() => this.poll(), this.intervalMs).unref();
        return {
            dispose: () => {
                this.listeners.delete(listener);
                if (this.listeners.size === 0 && this.timer) {
                    clearInterval(this.timer);
                    this.timer = undefined;
                }
            }
        };
    }

    protected poll(): void {
        const parts: string[] = [];
        for (const project of new Set(this.projects.values())) {
            const store = new Store(project);
            if (!existsSync(store.executionsDir)) continue;
            try {
                for (const record of store.listExecutions()) {
                    parts.push(`${record.name}:${record.status}:${Object.values(record.steps).map(s => s.status).join(',')}`);
                }
            } catch {
                return;
            }
        }
        const signature = parts.join('|');
        if (signature === this.signature) return;
        this.signature = signature;
        for (const listener of this.listeners) listener();
    }
}
