/**
 * The embedded store (lowdb 7): executions and artifacts of a project, as JSON files under
 * `<project>/.deepforge/`:
 *
 *     executions/index.json          names of the executions (unique: `run`, `run_2`, …)   [lock]
 *     executions/<name>/execution.json   one execution's record — written only by its runner
 *     executions/<name>/runner.lock  the runner's lock (pid): one runner per execution
 *     executions/<name>/bundle/      the job bundle it runs (the code as it was at the start)
 *     executions/<name>/steps/<step>/    each step's work folder (logs, events, outputs, figures)
 *     artifacts.json                 artifacts: name, type, size, location, created, produced-by [lock]
 *     cache.json                     cache key → the step that computed it                    [lock]
 *     storage/                       the local storage adapter's folder (outputs, logs, figures)
 *
 * One writer per file: an execution's record is written only by the process holding its
 * `runner.lock`; the shared files are read-modify-written under their `.lock` file (O_EXCL,
 * stale when its pid is gone). lowdb writes through a temporary file renamed into place, so a
 * `kill -9` at any moment leaves every file whole (the old or the new version).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ManifestStepHashes } from '../../generators/job/job-generator.js';
import type { ManifestValue } from '../../generators/job/python-values.js';
import type { StorageLocation } from '../storage/storage-adapter.js';
import type { ComputeJob } from './compute-adapter.js';
import { withLock } from './lock.js';

export type StepStatus = 'pending' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'cached';
export type ExecutionStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export const FINISHED_STEP: ReadonlySet<StepStatus> = new Set(['succeeded', 'failed', 'cancelled', 'cached']);

export interface StoredOutput {
    readonly location: StorageLocation;
    readonly sha256: string;
    readonly bytes: number;
    readonly format: string;
    /** The file extension the runtime reads the format by (`.npy`). */
    readonly extension: string;
}

export interface StoredFigure {
    readonly index: number;
    readonly title: string | null;
    readonly width?: number;
    readonly height?: number;
    readonly location: StorageLocation;
    /** The PNG in the step's work folder (relative to the project). */
    readonly file: string;
}

export interface StepMetric {
    readonly name: string;
    readonly value: number | string;
    readonly index?: number;
}

export interface StepRecord {
    id: string;
    operation: string;
    kind: 'operation' | 'input' | 'output';
    status: StepStatus;
    /** ISO times. */
    queued?: string;
    started?: string;
    ended?: string;
    seconds?: number;
    attributes: Record<string, ManifestValue>;
    hashes: ManifestStepHashes;
    /** sha256 of each input's content (by port), once known. */
    inputs: Record<string, string>;
    /** The cache key (definition + inputs + environment), once the inputs are known. */
    cacheKey?: string;
    /** A cached step: the step whose results it reuses. */
    cachedFrom?: { execution: string; step: string };
    job?: ComputeJob;
    exitCode?: number | null;
    error?: string;
    /** Why a step was cancelled, or a hint after a failure (a missing package). */
    message?: string;
    logs: { stdout?: StorageLocation; stderr?: StorageLocation; stdoutFile?: string; stderrFile?: string };
    lastLine?: string;
    outputs: Record<string, StoredOutput>;
    figures: StoredFigure[];
    metrics: StepMetric[];
    /** Artifacts an Output step created (names), and their stored files. */
    artifacts: string[];
    artifactFiles?: Record<string, StoredOutput>;
}

export interface ExecutionOptions {
    compute: string;
    storage: string;
    parallel: number;
    set: string[];
    inputs: Record<string, string>;
    cache: boolean;
    debug: boolean;
    seed?: number;
    python: string;
}

export interface ExecutionRecord {
    format: 'deepforge-execution';
    version: 1;
    name: string;
    pipeline: string;
    /** The `.dfp` file (relative to the project) and the sha256 of the pipeline's manifest. */
    source: string;
    sourceHash: string;
    options: ExecutionOptions;
    status: ExecutionStatus;
    runner: { pid: number; host: string };
    created: string;
    started: string;
    ended?: string;
    seconds?: number;
    error?: string;
    /** Step ids in execution order. */
    order: string[];
    steps: Record<string, StepRecord>;
    /** Times this execution was resumed. */
    resumed: number;
}

export interface ArtifactRecord {
    name: string;
    /** The data format (`numpy`, `keras`, `pickle`, …) — DeepForge's data type. */
    type: string;
    extension: string;
    size: number;
    sha256: string;
    location: StorageLocation;
    created: string;
    /** The execution step that created it, or null when uploaded. */
    producedBy: { execution: string; step: string } | null;
    /** Where an uploaded artifact came from, when not `deepforge artifacts add`: `from catalogue catalogue.dfcat:digits`. */
    source?: string;
}

const EXTENSION_OF_TYPE: Readonly<Record<string, string>> = { numpy: '.npy', keras: '.keras', pickle: '.pkl' };
const TYPE_OF_EXTENSION: Readonly<Record<string, string>> = { '.npy': 'numpy', '.keras': 'keras', '.pickle': 'pickle', '.pkl': 'pickle' };

/** The data type and extension of an artifact uploaded from a file (the type given, else the one its extension says). */
export function uploadedArtifactFormat(fileName: string, givenType?: string): { type: string; extension: string } {
    const base = path.basename(fileName);
    const dot = base.indexOf('.');
    let extension = dot > 0 ? base.slice(dot) : '';
    const type = givenType ?? TYPE_OF_EXTENSION[extension] ?? (extension ? extension.slice(1) : 'pickle');
    if (!extension || (TYPE_OF_EXTENSION[extension] && givenType && TYPE_OF_EXTENSION[extension] !== givenType)) extension = EXTENSION_OF_TYPE[type] ?? extension;
    return { type, extension };
}

export interface CacheEntry {
    execution: string;
    step: string;
    created: string;
}

interface ExecutionIndex {
    executions: Array<{ name: string; pipeline: string; created: string }>;
}

export class StoreError extends Error {}

/** A record file opened for writing by its runner. */
export class ExecutionFile {
    private pending: Promise<void> = Promise.resolve();
    constructor(private readonly db: Low<ExecutionRecord>) {}

    get record(): ExecutionRecord {
        return this.db.data;
    }

    /** Writes the record (writes are serialized; each is atomic). */
    save(): Promise<void> {
        this.pending = this.pending.then(() => this.db.write());
        return this.pending;
    }
}

export class Store {
    readonly root: string;
    constructor(readonly project: string) {
        this.root = path.join(project, '.deepforge');
    }

    get executionsDir(): string {
        return path.join(this.root, 'executions');
    }

    executionDir(name: string): string {
        return path.join(this.executionsDir, checkExecutionName(name));
    }

    recordFile(name: string): string {
        return path.join(this.executionDir(name), 'execution.json');
    }

    runnerLock(name: string): string {
        return path.join(this.executionDir(name), 'runner.lock');
    }

    private lockOf(file: string): string {
        return `${file}.lock`;
    }

    private async shared<T extends object, R>(file: string, empty: T, change: (data: T) => R): Promise<R> {
        await mkdir(path.dirname(file), { recursive: true });
        return withLock(this.lockOf(file), async () => {
            const db = new Low<T>(new JSONFile<T>(file), empty);
            await db.read();
            db.data ??= empty;
            const result = change(db.data);
            await db.write();
            return result;
        });
    }

    private readJson<T>(file: string, empty: T): T {
        try {
            return JSON.parse(readFileSync(file, 'utf-8')) as T;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
            throw new StoreError(`${path.relative(this.project, file)} cannot be read: ${(error as Error).message}`);
        }
    }

    // ---- executions --------------------------------------------------------------------

    /** Reserves a unique execution name (`base`, else `base_2`, `base_3`, …) in the index. */
    async reserveName(base: string, pipeline: string): Promise<string> {
        checkExecutionName(base);
        return this.shared<ExecutionIndex, string>(path.join(this.executionsDir, 'index.json'), { executions: [] }, data => {
            const taken = new Set(data.executions.map(e => e.name));
            // A folder left by an execution removed from the index is taken too.
            let name = base;
            for (let n = 2; taken.has(name) || existsSync(path.join(this.executionsDir, name)); n++) name = `${base}_${n}`;
            data.executions.push({ name, pipeline, created: new Date().toISOString() });
            return name;
        });
    }

    /** Creates the record file of a new execution (its runner holds it). */
    async createExecution(record: ExecutionRecord): Promise<ExecutionFile> {
        const file = this.recordFile(record.name);
        await mkdir(path.dirname(file), { recursive: true });
        const db = new Low<ExecutionRecord>(new JSONFile<ExecutionRecord>(file), record);
        db.data = record;
        const handle = new ExecutionFile(db);
        await handle.save();
        return handle;
    }

    /** Opens an existing record for writing (the caller holds the runner lock). */
    async openExecution(name: string): Promise<ExecutionFile> {
        const record = this.readExecution(name);
        const db = new Low<ExecutionRecord>(new JSONFile<ExecutionRecord>(this.recordFile(name)), record);
        db.data = record;
        return new ExecutionFile(db);
    }

    /** Reads a record (any process, any time). */
    readExecution(name: string): ExecutionRecord {
        const file = this.recordFile(name);
        if (!existsSync(file)) throw new StoreError(`no execution \`${name}\`${this.suggest(name)}`);
        return this.readJson<ExecutionRecord>(file, undefined as unknown as ExecutionRecord);
    }

    private suggest(name: string): string {
        const names = this.executionNames();
        if (names.length === 0) return ' (there are none yet: `deepforge run <file.dfp>`)';
        const close = names.filter(n => n.startsWith(name) || name.startsWith(n)).slice(0, 3);
        return close.length ? ` (did you mean ${close.map(n => `\`${n}\``).join(', ')}?)` : '';
    }

    /** Names of the executions, oldest first (from the index, plus folders it misses). */
    executionNames(): string[] {
        const index = this.readJson<ExecutionIndex>(path.join(this.executionsDir, 'index.json'), { executions: [] });
        const names = index.executions.map(e => e.name);
        if (existsSync(this.executionsDir)) {
            for (const entry of readdirSync(this.executionsDir, { withFileTypes: true })) {
                if (entry.isDirectory() && !names.includes(entry.name) && existsSync(path.join(this.executionsDir, entry.name, 'execution.json'))) names.push(entry.name);
            }
        }
        return names.filter(name => existsSync(path.join(this.executionsDir, name, 'execution.json')));
    }

    listExecutions(): ExecutionRecord[] {
        return this.executionNames().map(name => this.readExecution(name));
    }

    /** Removes an execution: its record, folder, name and cache entries (not the stored blobs, which others may share). */
    async removeExecution(name: string): Promise<void> {
        this.readExecution(name);
        await this.shared<ExecutionIndex, void>(path.join(this.executionsDir, 'index.json'), { executions: [] }, data => {
            data.executions = data.executions.filter(e => e.name !== name);
        });
        await this.shared<{ entries: Record<string, CacheEntry> }, void>(this.cacheFile, { entries: {} }, data => {
            for (const [key, entry] of Object.entries(data.entries)) if (entry.execution === name) delete data.entries[key];
        });
        await rm(this.executionDir(name), { recursive: true, force: true });
    }

    // ---- cache -------------------------------------------------------------------------

    get cacheFile(): string {
        return path.join(this.root, 'cache.json');
    }

    lookupCache(key: string): CacheEntry | undefined {
        return this.readJson<{ entries: Record<string, CacheEntry> }>(this.cacheFile, { entries: {} }).entries[key];
    }

    async recordCache(key: string, entry: CacheEntry): Promise<void> {
        await this.shared<{ entries: Record<string, CacheEntry> }, void>(this.cacheFile, { entries: {} }, data => {
            data.entries[key] = entry;
        });
    }

    async forgetCache(key: string): Promise<void> {
        await this.shared<{ entries: Record<string, CacheEntry> }, void>(this.cacheFile, { entries: {} }, data => {
            delete data.entries[key];
        });
    }

    // ---- artifacts ---------------------------------------------------------------------

    get artifactsFile(): string {
        return path.join(this.root, 'artifacts.json');
    }

    listArtifacts(): ArtifactRecord[] {
        return this.readJson<{ artifacts: ArtifactRecord[] }>(this.artifactsFile, { artifacts: [] }).artifacts;
    }

    findArtifact(name: string): ArtifactRecord | undefined {
        return this.listArtifacts().find(a => a.name === name);
    }

    /** Adds an artifact, replacing one of the same name (returns the replaced one). */
    async putArtifact(artifact: ArtifactRecord): Promise<ArtifactRecord | undefined> {
        checkArtifactName(artifact.name);
        return this.shared<{ artifacts: ArtifactRecord[] }, ArtifactRecord | undefined>(this.artifactsFile, { artifacts: [] }, data => {
            const at = data.artifacts.findIndex(a => a.name === artifact.name);
            const previous = at >= 0 ? data.artifacts[at] : undefined;
            if (at >= 0) data.artifacts[at] = artifact;
            else data.artifacts.push(artifact);
            data.artifacts.sort((a, b) => a.name.localeCompare(b.name));
            return previous;
        });
    }

    async removeArtifact(name: string): Promise<ArtifactRecord | undefined> {
        return this.shared<{ artifacts: ArtifactRecord[] }, ArtifactRecord | undefined>(this.artifactsFile, { artifacts: [] }, data => {
            const found = data.artifacts.find(a => a.name === name);
            data.artifacts = data.artifacts.filter(a => a.name !== name);
            return found;
        });
    }
}

/** Execution names become folder names: letters, digits, `_`, `-`, `.` (not leading), at most 100. */
export function checkExecutionName(name: string): string {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/.test(name)) {
        throw new StoreError(`invalid execution name ${JSON.stringify(name)}: use letters, digits, "_", "-" and "." (not first), at most 100 characters`);
    }
    return name;
}

/** Artifact names are relative paths that cannot escape (as save names). */
export function checkArtifactName(name: string): string {
    const shown = JSON.stringify(name);
    // eslint-disable-next-line no-control-regex
    if (name === '' || /[\u0000-\u001f\u007f]/.test(name)) throw new StoreError(`invalid artifact name ${shown}`);
    if (name.includes('\\')) throw new StoreError(`invalid artifact name ${shown}: it contains a backslash`);
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw new StoreError(`invalid artifact name ${shown}: it is an absolute path`);
    if (name.split('/').some(segment => segment === '' || segment === '.' || segment === '..')) {
        throw new StoreError(`invalid artifact name ${shown}: it may not contain "..", "." or empty segments`);
    }
    return name;
}
