/**
 * The execution engine: runs a pipeline's job bundle step by step.
 *
 *  * every step is a separate process (`python -m deepforge.run_step`) started by a compute
 *    adapter; independent steps run in parallel, up to `parallel` at once;
 *  * statuses `pending → queued → running → succeeded | failed | cancelled | cached`, each
 *    change written to the execution's record (the runner is its only writer) and reported
 *    as an {@link EngineEvent};
 *  * stdout/stderr stream into the step's work folder (followed live) and are stored whole;
 *    figures (PNG), metrics and artifacts come from the runtime's `@@deepforge` events;
 *  * outputs go to the storage adapter, content-addressed, and are handed to downstream steps
 *    as files;
 *  * a step whose definition (code, attributes, networks, environment, runtime), Python and
 *    input contents hash the same as a succeeded earlier step is `cached`: its outputs reused;
 *  * a failing step cancels what depends on it; the others finish;
 *  * `signal` (Ctrl-C, SIGTERM) stops the running steps: they and the rest become `cancelled`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { pipeline as pipe } from 'node:stream/promises';
import type { JobBundle, JobManifest, ManifestStep } from '../../generators/job/job-generator.js';
import { buildJobBundle, writeJobBundle } from '../jobs/job-bundle.js';
import { isCatalogueInput, type CatalogueInput } from '../jobs/job-source.js';
import { LocalStorage } from '../storage/local-storage.js';
import { S3Storage } from '../storage/s3-storage.js';
import { contentAddressed, type StorageAdapter, type StorageLocation } from '../storage/storage-adapter.js';
import { createStorage } from '../storage/storage-registry.js';
import { createCompute, isFinished, type ComputeAdapter, type ComputeJob, type ComputeJobState, type RuntimeEvent } from './compute-adapter.js';
import { ProjectConfig } from './config.js';
import { ExecutionError } from './execution-error.js';
import { projectLanguages, type LanguageSource } from './project-languages.js';
import './local-compute.js';
import './slurm-compute.js';
import { lockOwner, tryLock, unlock } from './lock.js';
import { applyOverrides, parseOverride } from './overrides.js';
import { findMissingModule, kerasBackend, missingModuleMessage, pipRequirements } from './python-env.js';
import {
    FINISHED_STEP, Store, StoreError, uploadedArtifactFormat,
    type ArtifactRecord, type CacheEntry, type ExecutionFile, type ExecutionRecord, type ExecutionStatus, type StepRecord, type StepStatus, type StoredOutput
} from './store.js';

/** What the engine reports while it runs (the CLI's live view and `--json` read these). */
export type EngineEvent =
    | { type: 'execution'; name: string; pipeline: string; status: ExecutionStatus; steps?: string[]; seconds?: number; error?: string; resumed?: boolean; attached?: boolean }
    | { type: 'step'; step: string; operation: string; status: StepStatus; seconds?: number; error?: string; message?: string; cachedFrom?: { execution: string; step: string } }
    | { type: 'log'; step: string; stream: 'stdout' | 'stderr'; line: string }
    | { type: 'metric'; step: string; name: string; value: number | string; index?: number }
    | { type: 'figure'; step: string; index: number; title: string | null; file: string }
    | { type: 'artifact'; step: string; name: string; dataType: string; size: number; location: StorageLocation };

export interface RunOptions {
    readonly project: string;
    readonly file: string;
    readonly pipeline?: string;
    readonly name?: string;
    readonly compute?: string;
    readonly storage?: string;
    /** `step.attribute=value` overrides. */
    readonly set?: readonly string[];
    /** Input step (name or id) → artifact name. */
    readonly inputs?: Readonly<Record<string, string>>;
    /** Default true; `--no-cache` re-runs every step. */
    readonly cache?: boolean;
    /** Re-read the operations' code before each step (DeepForge's debug mode). */
    readonly debug?: boolean;
    readonly parallel?: number;
    readonly seed?: number;
    /** Environment (config overrides DEEPFORGE_*; default process.env). */
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly onEvent?: (event: EngineEvent) => void;
    /** Aborting cancels the execution (running steps are stopped). */
    readonly signal?: AbortSignal;
    /** How often running steps' logs and events are read (ms, default 150). */
    readonly followMs?: number;
    /**
     * Return once every step is submitted (or done), leaving the jobs to the compute's scheduler:
     * only for adapters that chain jobs themselves (`slurm`). `deepforge executions show NAME
     * --follow` re-attaches later, from any process.
     */
    readonly detach?: boolean;
    /** The languages to load the pipeline with (default: the built-ins and the project's extensions'). */
    readonly languages?: LanguageSource['languages'];
}

export interface ResumeOptions extends Omit<RunOptions, 'file' | 'pipeline' | 'name' | 'set' | 'inputs'> {
    readonly execution: string;
}

/** Re-attaching to an execution whose runner is gone (a detached run): nothing is re-run. */
export interface AttachOptions extends Omit<ResumeOptions, 'detach' | 'cache' | 'debug' | 'parallel' | 'seed'> {
    /** What aborting `signal` means: stop following (the default: jobs run on), or cancel the execution. */
    readonly onAbort?: 'detach' | 'cancel';
}

export interface ExecutionResult {
    readonly record: ExecutionRecord;
    /** The step that failed first, if any. */
    readonly failedStep?: string;
    /** The runner stopped following while the jobs run on (`--detach`, or a follower interrupted). */
    readonly detached?: boolean;
}

/** The event telling a step's status as its record has it. */
export function stepEvent(step: StepRecord): EngineEvent {
    const status = step.status;
    return {
        type: 'step', step: step.id, operation: step.operation, status,
        ...(step.seconds !== undefined && FINISHED_STEP.has(status) ? { seconds: step.seconds } : {}),
        ...(step.error && status === 'failed' ? { error: step.error } : {}),
        ...(step.message && (status === 'failed' || status === 'cancelled') ? { message: step.message } : {}),
        ...(status === 'cached' && step.cachedFrom ? { cachedFrom: step.cachedFrom } : {})
    };
}

export { ExecutionError };

const now = () => new Date().toISOString();

function sha(text: string): string {
    return 'sha256:' + createHash('sha256').update(text).digest('hex');
}

/** The file extension the runtime gives an output of this format (from its path). */
function extensionOf(file: string): string {
    const base = path.basename(file);
    const dot = base.indexOf('.');
    return dot > 0 ? base.slice(dot) : '';
}

/** Everything a runner needs, shared by `run` and `resume`. */
export interface Context {
    readonly store: Store;
    readonly config: ProjectConfig;
    readonly storage: StorageAdapter;
    readonly compute: ComputeAdapter;
    readonly python: string;
    readonly env: Record<string, string>;
    readonly envHash: string;
    readonly parallel: number;
    readonly cache: boolean;
    readonly debug: boolean;
    readonly seed?: number;
    readonly followMs: number;
    readonly emit: (event: EngineEvent) => void;
    readonly signal?: AbortSignal;
}

/** A pipeline's bundle, with the catalogue entries its `Input` steps read. */
export interface PreparedBundle extends JobBundle {
    /** `Input` step id → the file of the catalogue entry it reads (`Input(dataset=…)`): a run stores it as the step's artifact. */
    readonly catalogueInputs: ReadonlyMap<string, CatalogueInput>;
}

/**
 * The bundle of a pipeline with the run's `--set` overrides; `source` gives the languages (a
 * catalogue the pipeline imports is an extension's). `givenInputs`: the `Input` steps (name or id)
 * the run gives another artifact (`--input STEP=ARTIFACT`): the catalogue entry they name is not
 * read, so its file need not exist.
 */
export async function prepareBundle(file: string, pipeline: string | undefined, set: readonly string[] = [], source?: LanguageSource, givenInputs: Iterable<string> = []): Promise<PreparedBundle> {
    const overrides = set.map(parseOverride);
    const languages = source ? await projectLanguages(source) : undefined;
    const catalogueInputs = new Map<string, CatalogueInput>();
    const bundle = await buildJobBundle(file, { pipeline, languages, givenInputs }, input => {
        for (const [step, staticInput] of input.staticInputs ?? []) if (isCatalogueInput(staticInput)) catalogueInputs.set(step, staticInput);
        return applyOverrides(input, overrides);
    });
    return { ...bundle, catalogueInputs };
}

/** The environment steps run with, derived from the bundle's environment files. */
export function stepEnvironment(bundle: { files: ReadonlyMap<string, string | Uint8Array> } | { dir: string; manifest: JobManifest }, base: Readonly<Record<string, string | undefined>>): Record<string, string> {
    const texts: string[] = [];
    if ('files' in bundle) {
        for (const [name, content] of bundle.files) if (name.startsWith('environments/')) texts.push(String(content));
    } else {
        for (const env of bundle.manifest.environments) texts.push(readFileSync(path.join(bundle.dir, env.file), 'utf-8'));
    }
    const env: Record<string, string> = { PYTHONUNBUFFERED: '1', MPLBACKEND: 'Agg' };
    const backend = kerasBackend(pipRequirements(texts));
    if (backend && !base.KERAS_BACKEND) env.KERAS_BACKEND = backend;
    return env;
}

export function createContext(options: RunOptions | ResumeOptions, recorded: Partial<ExecutionRecord['options']>, envFor: Record<string, string>): Context {
    const config = new ProjectConfig(options.project, options.env ?? process.env);
    const storageKind = options.storage ?? recorded.storage ?? String(config.get('storage'));
    const storage = createStorage(config.storageConfig(storageKind), { projectDirectory: options.project, env: options.env ?? process.env });
    const computeKind = options.compute ?? recorded.compute ?? String(config.get('compute'));
    const compute = createCompute(computeKind, config.computeOptions(computeKind));
    const python = config.python;
    const seedValue = options.seed ?? recorded.seed ?? config.get('seed');
    const env = { ...envFor };
    return {
        store: new Store(options.project),
        config, storage, compute, python, env,
        envHash: sha(JSON.stringify({ python, env: Object.entries(env).filter(([k]) => k === 'KERAS_BACKEND').sort() })),
        parallel: options.parallel ?? config.parallel,
        cache: options.cache ?? true,
        debug: options.debug ?? false,
        seed: seedValue === undefined ? undefined : Number(seedValue),
        followMs: options.followMs ?? 150,
        emit: options.onEvent ?? (() => undefined),
        signal: options.signal
    };
}

function newStep(step: ManifestStep): StepRecord {
    return {
        id: step.id, operation: step.operation, kind: step.kind, status: 'pending',
        attributes: { ...step.attributes } as StepRecord['attributes'], hashes: step.hashes,
        inputs: {}, logs: {}, outputs: {}, figures: [], metrics: [], artifacts: []
    };
}

/** `deepforge run`: a new execution of a pipeline. */
export async function runPipeline(options: RunOptions): Promise<ExecutionResult> {
    const bundle = await prepareBundle(options.file, options.pipeline, options.set, options, Object.keys(options.inputs ?? {}));
    const manifest = bundle.manifest;
    const ctx = createContext(options, {}, stepEnvironment(bundle, options.env ?? process.env));
    checkDetach(ctx, options.detach);
    await ctx.storage.check();

    // Inputs: every Input step reads an artifact of the store; those naming a catalogue entry, the entry's file stored as it.
    await storeCatalogueInputs(ctx, options.project, manifest, bundle.catalogueInputs, options.inputs ?? {});
    const inputArtifacts = resolveInputArtifacts(ctx.store, manifest, options.inputs ?? {});

    const name = await ctx.store.reserveName(options.name ?? manifest.pipeline, manifest.pipeline);
    const dir = ctx.store.executionDir(name);
    await mkdir(dir, { recursive: true });
    if (!tryLock(ctx.store.runnerLock(name))) throw new ExecutionError(`execution \`${name}\` is being run by another process`);
    try {
        const bundleDir = path.join(dir, 'bundle');
        await writeJobBundle(bundle, bundleDir);
        const source = await readFile(options.file, 'utf-8').catch(() => '');
        const record: ExecutionRecord = {
            format: 'deepforge-execution', version: 1,
            name, pipeline: manifest.pipeline,
            source: path.relative(options.project, path.resolve(options.file)) || options.file,
            sourceHash: sha(source),
            options: {
                compute: ctx.compute.kind, storage: ctx.storage.kind, parallel: ctx.parallel, set: [...(options.set ?? [])],
                inputs: Object.fromEntries([...inputArtifacts].map(([step, a]) => [step, a.name])),
                cache: ctx.cache, debug: ctx.debug, seed: ctx.seed, python: ctx.python
            },
            status: 'running', runner: { pid: process.pid, host: hostname() },
            created: now(), started: now(), order: [...manifest.order],
            steps: Object.fromEntries(manifest.steps.map(step => [step.id, newStep(step)])),
            resumed: 0
        };
        const file = await ctx.store.createExecution(record);
        return await new Runner(ctx, file, manifest, bundleDir, inputArtifacts, options).run('new');
    } finally {
        unlock(ctx.store.runnerLock(name));
    }
}

/** `deepforge run --resume NAME`: re-runs the failed and cancelled steps of an execution (re-attaching to steps still running). */
export async function resumeExecution(options: ResumeOptions): Promise<ExecutionResult> {
    const store = new Store(options.project);
    const previous = store.readExecution(options.execution);
    const lock = store.runnerLock(previous.name);
    if (!tryLock(lock)) {
        throw new ExecutionError(`execution \`${previous.name}\` is still being run by process ${lockOwner(lock)?.pid ?? '?'}: cancel it first (deepforge executions cancel ${previous.name})`);
    }
    try {
        const bundleDir = path.join(store.executionDir(previous.name), 'bundle');
        const manifest = JSON.parse(await readFile(path.join(bundleDir, 'manifest.json'), 'utf-8')) as JobManifest;
        const ctx = createContext(options, previous.options, stepEnvironment({ dir: bundleDir, manifest }, options.env ?? process.env));
        checkDetach(ctx, options.detach);
        await ctx.storage.check();
        const file = await store.openExecution(previous.name);
        const record = file.record;
        const inputArtifacts = resolveInputArtifacts(store, manifest, record.options.inputs);
        record.status = 'running';
        record.runner = { pid: process.pid, host: hostname() };
        record.resumed += 1;
        delete record.ended;
        delete record.error;
        await file.save();
        return await new Runner(ctx, file, manifest, bundleDir, inputArtifacts, { project: options.project, file: path.resolve(options.project, previous.source), pipeline: previous.pipeline, set: previous.options.set, detach: options.detach }).run('resume');
    } finally {
        unlock(lock);
    }
}

function checkDetach(ctx: Context, detach: boolean | undefined): void {
    if (detach && !ctx.compute.chainsJobs) {
        throw new ExecutionError(`--detach needs a compute whose scheduler chains the steps itself (slurm): with \`${ctx.compute.kind}\`, the runner starts each step when its inputs exist`);
    }
}

/**
 * Re-attaches to a running execution whose runner is gone (a detached Slurm run, or a runner
 * killed): takes its runner lock, reconciles every submitted step with its job (finished ones
 * are collected: logs, outputs, figures, artifacts, cache; running ones followed), submits
 * what was never submitted, and reports to the end. Nothing that ran is run again. Throws
 * {@link LockBusy}-like {@link ExecutionError} when a live runner holds the execution.
 * Aborting `signal` stops following (`onAbort: 'detach'`, the default: the record stays
 * consistent and any process can attach again) or cancels the execution.
 */
export async function attachExecution(options: AttachOptions): Promise<ExecutionResult> {
    const store = new Store(options.project);
    const previous = store.readExecution(options.execution);
    const lock = store.runnerLock(previous.name);
    if (!tryLock(lock)) throw new RunnerBusy(previous.name, lockOwner(lock)?.pid);
    try {
        const file = await store.openExecution(previous.name);
        const record = file.record;
        if (record.status !== 'running') return { record, ...failedOf(record) };
        const bundleDir = path.join(store.executionDir(previous.name), 'bundle');
        const manifest = JSON.parse(await readFile(path.join(bundleDir, 'manifest.json'), 'utf-8')) as JobManifest;
        const ctx = createContext(options, record.options, stepEnvironment({ dir: bundleDir, manifest }, options.env ?? process.env));
        // Input steps not yet submitted need their artifacts; an attach that only collects does not.
        const inputArtifacts = record.order.some(id => record.steps[id].kind === 'input' && record.steps[id].status === 'pending')
            ? resolveInputArtifacts(store, manifest, record.options.inputs) : new Map<string, ArtifactRecord>();
        record.runner = { pid: process.pid, host: hostname() };
        await file.save();
        return await new Runner(ctx, file, manifest, bundleDir, inputArtifacts, {
            project: options.project, file: path.resolve(options.project, previous.source), pipeline: previous.pipeline, set: previous.options.set, onAbort: options.onAbort ?? 'detach'
        }).run('attach');
    } finally {
        unlock(lock);
    }
}

/** Another live process runs (or follows) the execution. */
export class RunnerBusy extends ExecutionError {
    constructor(readonly execution: string, readonly pid: number | undefined) {
        super(`execution \`${execution}\` is being run by process ${pid ?? '?'}`);
    }
}

function failedOf(record: ExecutionRecord): { failedStep?: string } {
    const failed = record.order.find(id => record.steps[id].status === 'failed');
    return failed ? { failedStep: failed } : {};
}

/** The artifact a run makes of the file of the catalogue entry an `Input` step reads (see {@link storeCatalogueInputs}). */
export interface CatalogueArtifact {
    /** The `Input` step's id. */
    readonly step: string;
    /** The artifact's name (the step's `artifact`). */
    readonly name: string;
    readonly input: CatalogueInput;
    /** `sha256:…` of the entry's file: what the step's cache key holds as its input. */
    readonly sha256: string;
    /** Its provenance: `from catalogue catalogue.dfcat:digits`. */
    readonly source: string;
    /** The store already holds it (that content, from that entry): a run stores nothing. */
    readonly stored: boolean;
}

/**
 * The artifacts a run makes of the catalogue entries its `Input` steps read (those not given
 * another artifact with `--input STEP=ARTIFACT`), without storing anything: what
 * {@link storeCatalogueInputs} stores, and what `--explain` keys the steps' cache with.
 */
export function catalogueArtifacts(store: Store, project: string, manifest: JobManifest, catalogueInputs: ReadonlyMap<string, CatalogueInput>, given: Readonly<Record<string, string>>): CatalogueArtifact[] {
    const result: CatalogueArtifact[] = [];
    for (const step of manifest.steps) {
        const input = step.kind === 'input' ? catalogueInputs.get(step.id) : undefined;
        if (!input || step.artifact === undefined || given[step.id] !== undefined || (step.name && given[step.name] !== undefined)) continue;
        const sha256 = `sha256:${createHash('sha256').update(input.content).digest('hex')}`;
        const source = `from catalogue ${path.relative(project, input.catalogue)}:${input.entry}`;
        const stored = store.findArtifact(step.artifact);
        result.push({ step: step.id, name: step.artifact, input, sha256, source, stored: stored?.sha256 === sha256 && stored.source === source });
    }
    return result;
}

/**
 * Stores the file of the catalogue entry each `Input` step reads (`Input(artifact="digits",
 * dataset=digits)`) as the step's artifact, recorded like `deepforge artifacts add` with the
 * entry as its source (`from catalogue catalogue.dfcat:digits`). The pipeline names the data, so
 * the entry replaces an artifact of that name added before (as the exported bundle holds the
 * entry's file whatever the store has); only `--input STEP=ARTIFACT` reads another artifact.
 * An artifact already holding the entry's content, from that entry, is left as it is.
 */
export async function storeCatalogueInputs(ctx: Pick<Context, 'store' | 'storage'>, project: string, manifest: JobManifest, catalogueInputs: ReadonlyMap<string, CatalogueInput>, given: Readonly<Record<string, string>>): Promise<void> {
    for (const { name, input, sha256, source, stored } of catalogueArtifacts(ctx.store, project, manifest, catalogueInputs, given)) {
        if (stored) continue;
        const size = input.content.byteLength;
        const { location } = await ctx.storage.put(contentAddressed, input.content, { sha256: sha256.slice('sha256:'.length), size });
        await ctx.store.putArtifact({ name, ...uploadedArtifactFormat(input.fileName), size, sha256, location, created: now(), producedBy: null, source });
    }
}

/**
 * The artifact each `Input` step reads: the one `given` (`--input STEP=ARTIFACT`), else the
 * step's `artifact`, which must be in the store. `elsewhere`: steps whose artifact is known
 * otherwise and left out (`--explain`: the catalogue files a run would store).
 */
export function resolveInputArtifacts(store: Store, manifest: JobManifest, given: Readonly<Record<string, string>>, elsewhere: ReadonlySet<string> = new Set()): Map<string, ArtifactRecord> {
    const result = new Map<string, ArtifactRecord>();
    const inputSteps = manifest.steps.filter(step => step.kind === 'input');
    for (const key of Object.keys(given)) {
        if (!inputSteps.some(step => step.id === key || step.name === key)) {
            throw new ExecutionError(`--input ${key}=…: no Input step \`${key}\`` + (inputSteps.length ? ` (the pipeline's inputs: ${inputSteps.map(s => s.name ?? s.id).join(', ')})` : ' (the pipeline has no inputs)'));
        }
    }
    for (const step of inputSteps) {
        if (elsewhere.has(step.id)) continue;
        const name = given[step.id] ?? (step.name ? given[step.name] : undefined) ?? step.artifact!;
        const artifact = store.findArtifact(name);
        if (!artifact) {
            throw new ExecutionError(`step \`${step.name ?? step.id}\` reads the artifact \`${name}\`, which is not in the store: add it with \`deepforge artifacts add ${name} FILE\`, or give another with --input ${step.name ?? step.id}=ARTIFACT`);
        }
        result.set(step.id, artifact);
    }
    return result;
}

interface Running {
    readonly step: string;
    readonly job: ComputeJob;
    stdoutOffset: number;
    stderrOffset: number;
    eventsOffset: number;
    partial: { stdout: string; stderr: string };
}

class Runner {
    private readonly steps: Map<string, ManifestStep>;
    private readonly running = new Map<string, Running>();
    private failedStep?: string;
    private cancelled = false;
    private started = Date.now();
    /** Submit the whole DAG ahead, chained by the compute's scheduler (see ComputeAdapter.chainsJobs). */
    private readonly ahead: boolean;
    /**
     * Slurm with `s3` storage: the jobs exchange their data through the bucket, not through a
     * shared folder (the settings each job gets as `DEEPFORGE_S3`: no credentials in them).
     */
    private readonly viaS3?: string;
    /** Aborted when this runner stops following its jobs (detach): ends the waits and polls. */
    private readonly following = new AbortController();
    /** This runner stopped following while jobs run on (the record stays `running`). */
    private detached = false;

    constructor(
        private readonly ctx: Context,
        private readonly file: ExecutionFile,
        private manifest: JobManifest,
        private readonly bundleDir: string,
        private readonly inputArtifacts: Map<string, ArtifactRecord>,
        private readonly options: Pick<RunOptions, 'project' | 'file' | 'pipeline' | 'set' | 'detach'> & { readonly onAbort?: 'cancel' | 'detach' }
    ) {
        this.steps = new Map(manifest.steps.map(step => [step.id, step]));
        this.ahead = ctx.compute.chainsJobs === true;
        if (ctx.compute.kind === 'slurm' && ctx.storage instanceof S3Storage) {
            const s3: { endpoint?: string; forcePathStyle?: unknown } = ctx.config.storageConfig('s3').s3 ?? {};
            this.viaS3 = JSON.stringify({
                bucket: ctx.storage.bucket, prefix: ctx.storage.prefix, region: ctx.storage.region,
                ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
                forcePathStyle: s3.forcePathStyle === undefined ? s3.endpoint !== undefined : String(s3.forcePathStyle) === 'true'
            });
        }
    }

    /** `s3://bucket/<prefix>executions/<name>/<job folder>/`: where a job's outputs.json goes in the bucket (S3 exchange). */
    private bucketFolder(workDir: string): string {
        const storage = this.ctx.storage as S3Storage;
        return `s3://${storage.bucket}/${storage.prefix}executions/${this.record.name}/${path.basename(workDir)}/`;
    }

    /** How often a chained job's status is asked for (a scheduler query each time). */
    private get statusMs(): number {
        return Math.max(this.ctx.followMs, 500);
    }

    /** Stops following the jobs (they run on): the waits and log polls end. */
    private stopFollowing(): void {
        this.detached = true;
        this.following.abort();
        this.running.clear();
    }

    private get record(): ExecutionRecord {
        return this.file.record;
    }

    private workDir(step: string): string {
        const safe = step.replace(/[^A-Za-z0-9_.-]/g, '_');
        const executionDir = path.dirname(this.bundleDir);
        const folder = this.ctx.compute.jobFolder;
        return folder ? path.resolve(this.ctx.store.project, folder, path.basename(executionDir), safe) : path.join(executionDir, 'steps', safe);
    }

    private relative(file: string): string {
        return path.relative(this.ctx.store.project, file);
    }

    private async setStatus(step: StepRecord, status: StepStatus, extra: Partial<StepRecord> = {}): Promise<void> {
        Object.assign(step, extra);
        step.status = status;
        const time = now();
        if (status === 'queued') step.queued = time;
        if (status === 'running') step.started ??= time;
        if (FINISHED_STEP.has(status)) {
            step.ended = time;
            if (step.started && status !== 'cached') step.seconds = Math.round((Date.parse(step.ended) - Date.parse(step.started))) / 1000;
        }
        await this.file.save();
        this.emitStep(step);
    }

    private emitStep(step: StepRecord): void {
        this.ctx.emit(stepEvent(step));
    }

    async run(mode: 'new' | 'resume' | 'attach'): Promise<ExecutionResult> {
        const record = this.record;
        if (mode === 'attach') this.started = Date.parse(record.started) || Date.now();
        this.ctx.emit({
            type: 'execution', name: record.name, pipeline: record.pipeline, status: 'running', steps: [...record.order],
            ...(mode === 'resume' ? { resumed: true } : {}), ...(mode === 'attach' ? { attached: true } : {})
        });
        if (mode === 'attach') {
            // Where it stands (the steps that ended while nobody followed).
            for (const id of record.order) {
                const step = record.steps[id];
                if (step.status !== 'pending') this.emitStep(step);
            }
        }
        const onAbort = () => { this.cancelled = true; };
        this.ctx.signal?.addEventListener('abort', onAbort, { once: true });
        if (this.ctx.signal?.aborted) this.cancelled = true;
        try {
            if (mode === 'resume') await this.prepareResume();
            if (mode === 'attach') await this.prepareAttach();
            await this.schedule();
        } catch (error) {
            record.error = error instanceof Error ? error.message : String(error);
            await this.cancelEverything(`the runner stopped: ${record.error}`);
        } finally {
            this.ctx.signal?.removeEventListener('abort', onAbort);
        }
        if (this.detached && record.order.some(id => !FINISHED_STEP.has(record.steps[id].status))) {
            // The jobs run on: the record stays `running`; whoever attaches next reconciles it.
            await this.file.save();
            return { record, detached: true };
        }
        const statuses = Object.values(record.steps).map(s => s.status);
        const stopped = this.cancelled && this.options.onAbort !== 'detach';
        record.status = statuses.includes('failed') ? 'failed' : stopped || statuses.includes('cancelled') ? 'cancelled' : record.error ? 'failed' : 'succeeded';
        if (record.status === 'failed' && !record.error && this.failedStep) {
            const step = record.steps[this.failedStep];
            record.error = `step \`${step.id}\` (${step.operation}) failed: ${step.error ?? 'see its log'}`;
        }
        if (record.status === 'cancelled' && !record.error) record.error = 'cancelled';
        record.ended = now();
        record.seconds = Math.round(Date.now() - this.started) / 1000;
        await this.file.save();
        this.ctx.emit({ type: 'execution', name: record.name, pipeline: record.pipeline, status: record.status, seconds: record.seconds, ...(record.error && record.status !== 'succeeded' ? { error: record.error } : {}) });
        const failed = this.failedStep ?? record.order.find(id => record.steps[id].status === 'failed');
        return { record, ...(failed ? { failedStep: failed } : {}) };
    }

    /** Resume: steps that ran when the runner died are re-attached (or collected); failed and cancelled steps and what follows them run again. */
    private async prepareResume(): Promise<void> {
        for (const id of this.record.order) {
            const step = this.record.steps[id];
            if (step.status === 'succeeded' || step.status === 'cached') continue;
            if ((step.status === 'running' || step.status === 'queued') && step.job) {
                const state = await this.ctx.compute.status(step.job);
                if (state.status === 'running' || state.status === 'queued') {
                    this.running.set(id, { step: id, job: step.job, stdoutOffset: 0, stderrOffset: 0, eventsOffset: 0, partial: { stdout: '', stderr: '' } });
                    void this.follow(id);
                    continue;
                }
                if (state.status === 'succeeded') {
                    try {
                        await this.collect(id, state);
                        continue;
                    } catch {
                        // results incomplete: run it again
                    }
                }
            }
            for (const field of ['error', 'message', 'exitCode', 'cachedFrom', 'cacheKey', 'job', 'queued', 'started', 'ended', 'seconds', 'lastLine'] as const) delete step[field];
            Object.assign(step, { inputs: {}, logs: {}, outputs: {}, figures: [], metrics: [], artifacts: [] });
            step.status = 'pending';
        }
        await this.file.save();
    }

    /**
     * Attach: every submitted step is reconciled with its job — finished ones collected (in
     * order: producers first), running and queued ones followed. Nothing is run again.
     */
    private async prepareAttach(): Promise<void> {
        for (const id of this.record.order) {
            const step = this.record.steps[id];
            if (FINISHED_STEP.has(step.status) || !step.job) continue;
            // (A scheduler that does not answer now is asked again while the step is followed.)
            const state = await this.ctx.compute.status(step.job).catch(() => undefined);
            if (!state || state.status === 'running' || state.status === 'queued') {
                this.running.set(id, { step: id, job: step.job, stdoutOffset: 0, stderrOffset: 0, eventsOffset: 0, partial: { stdout: '', stderr: '' } });
                if (state?.status === 'running' && step.status === 'queued') await this.setStatus(step, 'running');
                void this.follow(id);
                continue;
            }
            await this.collectOrFail(id, state);
        }
    }

    private dependenciesOf(id: string): string[] {
        return [...this.steps.get(id)!.depends_on];
    }

    /** The main loop: queue ready steps, start up to `parallel`, wait for any to finish. */
    private async schedule(): Promise<void> {
        const record = this.record;
        const waiting = new Map<string, Promise<void>>();
        for (const id of this.running.keys()) waiting.set(id, this.await(id));
        for (;;) {
            if (this.cancelled) {
                if (this.options.onAbort === 'detach') this.stopFollowing();
                else await this.cancelEverything('cancelled');
                await Promise.allSettled(waiting.values());
                return;
            }
            // Steps whose inputs all exist: queue them; cached ones finish here.
            let progressed = false;
            for (const id of record.order) {
                const step = record.steps[id];
                if (step.status !== 'pending') continue;
                const deps = this.dependenciesOf(id).map(d => record.steps[d]);
                if (deps.some(d => d.status === 'failed' || d.status === 'cancelled')) {
                    const culprit = deps.find(d => d.status === 'failed' || d.status === 'cancelled')!;
                    await this.setStatus(step, 'cancelled', { message: `not run: \`${culprit.id}\` ${culprit.status === 'failed' ? 'failed' : 'was cancelled'}` });
                    progressed = true;
                    continue;
                }
                if (!deps.every(d => d.status === 'succeeded' || d.status === 'cached')) {
                    // Chained compute: submitted behind producers that are submitted themselves.
                    if (!this.ahead || !deps.every(d => d.status === 'succeeded' || d.status === 'cached' || (this.running.has(d.id) && d.job))) continue;
                    // A producer that already ended badly (not yet recorded) would never satisfy the dependency.
                    if (await this.someEndedUnsuccessfully(deps.filter(d => this.running.has(d.id)))) continue;
                    await this.refreshCode(step);
                    await this.setStatus(step, 'queued');
                    progressed = true;
                    continue;
                }
                await this.setStatus(step, 'queued');
                progressed = true;
                if (await this.tryCache(step)) continue;
            }
            // Start queued steps while slots are free.
            for (const id of record.order) {
                // (A chaining scheduler decides how many run at once: every step is submitted.)
                if (this.cancelled || (!this.ahead && this.running.size >= this.ctx.parallel)) break;
                const step = record.steps[id];
                if (step.status !== 'queued' || this.running.has(id)) continue;
                await this.start(step);
                waiting.set(id, this.await(id));
                progressed = true;
            }
            if (waiting.size === 0) {
                if (progressed) continue;
                return;
            }
            if (progressed) continue;
            if (this.options.detach && this.ahead && this.running.size > 0
                && record.order.every(id => FINISHED_STEP.has(record.steps[id].status) || this.running.has(id))) {
                // Everything is submitted: the scheduler runs the rest.
                this.stopFollowing();
                await Promise.allSettled(waiting.values());
                return;
            }
            const abort = new Promise<void>(resolve => {
                if (!this.ctx.signal) return;
                if (this.ctx.signal.aborted) resolve();
                this.ctx.signal.addEventListener('abort', () => resolve(), { once: true });
            });
            const finished = await Promise.race([...[...waiting].map(([id, promise]) => promise.then(() => id)), abort.then(() => undefined)]);
            if (finished !== undefined) waiting.delete(finished);
        }
    }

    private async someEndedUnsuccessfully(steps: readonly StepRecord[]): Promise<boolean> {
        for (const step of steps) {
            const state = await this.ctx.compute.status(step.job!).catch(() => undefined);
            if (state && (state.status === 'failed' || state.status === 'cancelled' || state.status === 'unknown')) return true;
        }
        return false;
    }

    /** The cache key of a step whose inputs are known. */
    private cacheKey(step: StepRecord): string {
        return cacheKeyOf(step.hashes.definition, step.inputs, this.ctx.envHash);
    }

    private inputHashes(step: StepRecord): Record<string, string> {
        const manifestStep = this.steps.get(step.id)!;
        if (manifestStep.kind === 'input') return { artifact: this.inputArtifacts.get(step.id)!.sha256 };
        const hashes: Record<string, string> = {};
        for (const input of manifestStep.inputs) {
            const output = this.record.steps[input.from.step].outputs[input.from.port];
            if (!output) throw new ExecutionError(`step \`${step.id}\`: its input \`${input.port}\` (\`${input.from.step}.${input.from.port}\`) was not produced`);
            hashes[input.port] = output.sha256;
        }
        return hashes;
    }

    /** Debug mode: the operation's code as it is now (re-read from the .dfp project), written into the bundle. */
    private async refreshCode(step: StepRecord): Promise<void> {
        if (!this.ctx.debug || !this.options.file) return;
        // Only the operations' code is read again: no Input step's catalogue file is needed (it may be gone, or overridden).
        const inputSteps = this.manifest.steps.filter(s => s.kind === 'input').map(s => s.id);
        const bundle = await prepareBundle(this.options.file, this.options.pipeline, this.options.set, this.options, inputSteps);
        const fresh = bundle.manifest.steps.find(s => s.id === step.id);
        if (!fresh || fresh.kind !== 'operation' || !fresh.code) return;
        const content = bundle.files.get(fresh.code);
        if (content !== undefined) await writeFile(path.join(this.bundleDir, fresh.code), content);
        // The manifest the steps read gets the step's new hashes.
        this.manifest = { ...this.manifest, steps: this.manifest.steps.map(s => s.id === step.id ? { ...s, hashes: fresh.hashes } : s) };
        await writeFile(path.join(this.bundleDir, 'manifest.json'), JSON.stringify(this.manifest, null, 2) + '\n');
        this.steps.set(step.id, this.manifest.steps.find(s => s.id === step.id)!);
        step.hashes = fresh.hashes;
    }

    /** A succeeded earlier step with the same key: reuse its results (status `cached`). */
    private async tryCache(step: StepRecord): Promise<boolean> {
        await this.refreshCode(step);
        step.inputs = this.inputHashes(step);
        step.cacheKey = this.cacheKey(step);
        if (!this.ctx.cache) return false;
        const hit = await findCached(this.ctx.store, this.ctx.storage, step.cacheKey);
        if (!hit) return false;
        const { earlier, entry } = hit;
        const from = earlier.cachedFrom ?? { execution: entry.execution, step: entry.step };
        Object.assign(step, {
            outputs: earlier.outputs, figures: earlier.figures, metrics: earlier.metrics, logs: earlier.logs,
            artifacts: earlier.artifacts, lastLine: earlier.lastLine, cachedFrom: from, started: undefined, seconds: 0
        });
        step.artifactFiles = earlier.artifactFiles;
        for (const [name, output] of Object.entries(earlier.artifactFiles ?? {})) {
            const artifact = this.ctx.store.findArtifact(name);
            if (!artifact || artifact.sha256 !== output.sha256) await this.registerArtifact(step, name, output);
        }
        await this.setStatus(step, 'cached');
        return true;
    }

    /** A stored object as a file (the extension tells the runtime its format): a hard link into the local store, else a download. */
    private async materialize(location: StorageLocation, target: string): Promise<void> {
        await mkdir(path.dirname(target), { recursive: true });
        await rm(target, { force: true });
        if (this.ctx.storage instanceof LocalStorage && location.adapter === 'local') {
            const file = path.join(this.ctx.storage.directory, 'objects', ...location.key.split('/'));
            try {
                await link(file, target);
                return;
            } catch {
                await copyFile(file, target).catch(() => undefined);
                if (existsSync(target)) return;
            }
        }
        const stream = await this.ctx.storage.get(location);
        await pipe(stream, createWriteStream(target));
    }

    private async start(step: StepRecord): Promise<void> {
        const manifestStep = this.steps.get(step.id)!;
        const workDir = this.workDir(step.id);
        await rm(workDir, { recursive: true, force: true });
        await mkdir(workDir, { recursive: true });
        const args = ['-m', 'deepforge.run_step', 'manifest.json', step.id];
        const dependsOn: ComputeJob[] = [];
        if (manifestStep.kind === 'input') {
            const artifact = this.inputArtifacts.get(step.id)!;
            const target = path.join(workDir, 'inputs', `artifact${artifact.extension}`);
            await this.materialize(artifact.location, target);
            args.push('--artifact', target);
        } else {
            for (const input of manifestStep.inputs) {
                const producer = this.record.steps[input.from.step];
                if (producer.status !== 'succeeded' && producer.status !== 'cached') {
                    // Submitted ahead: the job reads its producer's output where the producer writes
                    // it (shared job folder), once the scheduler starts it after the producer succeeded.
                    // With S3 exchange, where the producer's job put its outputs.json in the bucket.
                    const from = this.viaS3 ? this.bucketFolder(producer.job!.workDir) : path.join(producer.job!.workDir, 'outputs');
                    args.push('--input-from', `${input.port}=${input.from.port}:${from}`);
                    if (!dependsOn.includes(producer.job!)) dependsOn.push(producer.job!);
                    continue;
                }
                const output = producer.outputs[input.from.port];
                const target = path.join(workDir, 'inputs', `${input.port}${output.extension}`);
                await this.materialize(output.location, target);
                args.push('--input', `${input.port}=${target}`);
            }
        }
        args.push('--outputs-dir', path.join(workDir, 'outputs'), '--figures-dir', path.join(workDir, 'figures'));
        if (this.ctx.seed !== undefined) args.push('--seed', String(this.ctx.seed));
        if (this.viaS3) args.push('--store-outputs', this.bucketFolder(workDir));
        const job = await this.ctx.compute.start({
            execution: this.record.name, step: step.id, command: [this.ctx.python, ...args], cwd: this.bundleDir, workDir,
            env: this.viaS3 ? { ...this.ctx.env, DEEPFORGE_S3: this.viaS3 } : this.ctx.env,
            ...(dependsOn.length ? { dependsOn } : {}),
            ...(manifestStep.resources ? { resources: manifestStep.resources } : {})
        });
        this.running.set(step.id, { step: step.id, job, stdoutOffset: 0, stderrOffset: 0, eventsOffset: 0, partial: { stdout: '', stderr: '' } });
        step.logs = { stdoutFile: this.relative(path.join(workDir, 'stdout.log')), stderrFile: this.relative(path.join(workDir, 'stderr.log')) };
        if (this.ahead) {
            // Submitted: `queued` until the scheduler (or the job itself) says it runs.
            step.job = job;
            await this.file.save();
        } else {
            await this.setStatus(step, 'running', { job });
        }
        void this.follow(step.id);
    }

    /** A chained job began: its status from the scheduler, or the runtime's own `step running` event (with its time). */
    private async markRunning(step: StepRecord, time?: number): Promise<void> {
        if (step.status !== 'queued') return;
        if (time) step.started = new Date(time * 1000).toISOString();
        await this.setStatus(step, 'running');
    }

    /** Follows a running step's logs and events until it ends. */
    private async follow(id: string): Promise<void> {
        while (this.running.has(id)) {
            await this.poll(id).catch(() => undefined);
            await sleep(this.ctx.followMs, this.following.signal);
        }
    }

    private async poll(id: string): Promise<void> {
        const running = this.running.get(id);
        if (!running) return;
        const step = this.record.steps[id];
        for (const stream of ['stdout', 'stderr'] as const) {
            const offsetKey = stream === 'stdout' ? 'stdoutOffset' : 'stderrOffset';
            const chunk = await this.ctx.compute.logs(running.job, stream, running[offsetKey]);
            running[offsetKey] = chunk.next;
            if (!chunk.text) continue;
            const lines = (running.partial[stream] + chunk.text).split('\n');
            running.partial[stream] = lines.pop() ?? '';
            for (const line of lines) {
                if (line.trim()) step.lastLine = line.slice(0, 500);
                this.ctx.emit({ type: 'log', step: id, stream, line });
            }
        }
        const { events, next } = await this.ctx.compute.events(running.job, running.eventsOffset);
        running.eventsOffset = next;
        for (const event of events) this.onRuntimeEvent(step, event);
        const began = events.find(e => e.event === 'step' && e.step === id && e.status === 'running');
        if (began) await this.markRunning(step, began.time);
    }

    private onRuntimeEvent(step: StepRecord, event: RuntimeEvent): void {
        if (event.event === 'metric') {
            const metric = { name: String(event.name), value: event.value as number | string, ...(typeof event.index === 'number' ? { index: event.index } : {}) };
            if (!step.metrics.some(m => m.name === metric.name && m.index === metric.index && m.value === metric.value)) {
                step.metrics.push(metric);
                this.ctx.emit({ type: 'metric', step: step.id, ...metric });
            }
        } else if (event.event === 'figure') {
            // Recorded (with its stored location) when the step ends; announced now.
            this.ctx.emit({ type: 'figure', step: step.id, index: Number(event.index), title: (event.title as string | null) ?? null, file: this.relative(String(event.path)) });
        }
    }

    /** Waits for a running step to end and records how it ended. */
    private async await(id: string): Promise<void> {
        const running = this.running.get(id)!;
        const state = this.ahead ? await this.watch(id, running.job) : await this.ctx.compute.wait(running.job, this.following.signal);
        // Cancelled meanwhile (cancelEverything took the step over and records it), or no longer followed.
        if (!state || !this.running.has(id)) return;
        await this.collectOrFail(id, state);
    }

    /**
     * A chained job, until it ends: its scheduler status (queued → running), then — its producers
     * recorded first, since their outputs are its inputs and make its cache key — its end.
     */
    private async watch(id: string, job: ComputeJob): Promise<ComputeJobState | undefined> {
        const step = this.record.steps[id];
        let state: ComputeJobState | undefined;
        while (this.running.has(id)) {
            state = await this.ctx.compute.status(job).catch(() => undefined);
            if (state?.status === 'running') await this.markRunning(step);
            if (state && (isFinished(state.status) || state.status === 'unknown')) break;
            await sleep(this.statusMs, this.following.signal);
        }
        while (this.running.has(id) && this.dependenciesOf(id).some(d => !FINISHED_STEP.has(this.record.steps[d].status))) {
            await sleep(50, this.following.signal);
        }
        return this.running.has(id) ? state : undefined;
    }

    /** Collects a finished step; a step whose results cannot be stored fails. */
    private async collectOrFail(id: string, state: ComputeJobState): Promise<void> {
        try {
            await this.collect(id, state);
        } catch (error) {
            const step = this.record.steps[id];
            this.running.delete(id);
            if (!FINISHED_STEP.has(step.status)) {
                this.failedStep ??= id;
                await this.setStatus(step, 'failed', { error: `its results could not be stored: ${(error as Error).message}` });
            }
        }
    }

    /** Records a finished step: logs, events, outputs to storage, figures, artifacts, cache. */
    private async collect(id: string, state: ComputeJobState): Promise<void> {
        const step = this.record.steps[id];
        const running = this.running.get(id);
        if (running) {
            await this.poll(id);
            for (const stream of ['stdout', 'stderr'] as const) {
                if (running.partial[stream]) {
                    const line = running.partial[stream];
                    if (line.trim()) step.lastLine = line.slice(0, 500);
                    this.ctx.emit({ type: 'log', step: id, stream, line });
                    running.partial[stream] = '';
                }
            }
        }
        this.running.delete(id);
        const job = step.job!;
        const results = await this.ctx.compute.results(job);
        const { events } = await this.ctx.compute.events(job, 0);
        if (!running) for (const event of events) this.onRuntimeEvent(step, event);
        const began = events.find(e => e.event === 'step' && e.step === id && e.status === 'running');
        if (began) await this.markRunning(step, began.time);
        const prefix = `executions/${this.record.name}/${path.basename(job.workDir)}`;
        const secrets = secretValues();
        // Logs: stored whole (credentials the runner knows are masked).
        for (const stream of ['stdout', 'stderr'] as const) {
            const file = stream === 'stdout' ? results.stdoutFile : results.stderrFile;
            if (!existsSync(file)) continue;
            let text = await readFile(file, 'utf-8');
            const masked = maskSecrets(text, secrets);
            if (masked !== text) await writeFile(file, (text = masked));
            step.logs[stream] = (await this.ctx.storage.put(`${prefix}/${stream}.log`, text, { contentType: 'text/plain; charset=utf-8' })).location;
        }
        const finished = events.find(e => e.event === 'step' && e.step === id && (e.status === 'succeeded' || e.status === 'failed'));
        if (state.status !== 'succeeded') {
            // A chained job never started because a producer failed (the scheduler cancelled it, or forgot it since).
            const culprit = this.dependenciesOf(id).map(d => this.record.steps[d]).find(d => d.status === 'failed' || d.status === 'cancelled');
            if (culprit && !began && (state.status === 'cancelled' || state.status === 'unknown')) {
                await this.setStatus(step, 'cancelled', { message: `not run: \`${culprit.id}\` ${culprit.status === 'failed' ? 'failed' : 'was cancelled'}`, exitCode: null });
                return;
            }
            if (state.status === 'unknown') {
                this.failedStep ??= id;
                await this.setStatus(step, 'failed', { error: `its ${job.adapter} job ${job.id} is gone and left no exit status`, exitCode: null });
                return;
            }
            const stderr = existsSync(results.stderrFile) ? await readFile(results.stderrFile, 'utf-8') : '';
            const missing = findMissingModule(stderr);
            const manifestStep = this.steps.get(id)!;
            const error = typeof finished?.error === 'string' ? finished.error
                : state.status === 'cancelled' ? 'cancelled'
                    : state.reason ? state.reason
                    : state.signal ? `killed by ${state.signal}` : `exited with status ${state.exitCode ?? '?'}` + (stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : '');
            const where = tracebackLocation(typeof finished?.traceback === 'string' ? finished.traceback : stderr);
            if (state.status === 'cancelled') {
                await this.setStatus(step, 'cancelled', { message: state.reason ?? 'stopped', exitCode: state.exitCode });
                return;
            }
            this.failedStep ??= id;
            await this.setStatus(step, 'failed', {
                error: where ? `${error} (${where})` : error,
                exitCode: state.exitCode ?? null,
                ...(missing ? { message: missingModuleMessage(id, missing, this.ctx.python, manifestStep.declared?.environment ?? manifestStep.environment) } : {})
            });
            return;
        }
        // Outputs, content-addressed (the runtime computed their hashes).
        const outputs: Record<string, StoredOutput> = {};
        for (const [port, entry] of Object.entries(results.outputs?.outputs ?? {})) {
            const file = path.join(results.outputsDir, entry.path);
            const hex = entry.sha256.replace(/^sha256:/, '');
            const stored = await this.uploaded((entry as { location?: unknown }).location, hex, entry.bytes) ?? await this.store(file, hex, entry.bytes);
            outputs[port] = { location: stored.location, sha256: entry.sha256, bytes: entry.bytes, format: entry.format, extension: extensionOf(entry.path) };
        }
        step.outputs = outputs;
        // Figures (PNG), in the order they were shown.
        step.figures = [];
        for (const event of events.filter(e => e.event === 'figure')) {
            const file = String(event.path);
            if (!existsSync(file)) continue;
            const stored = await this.ctx.storage.put(`${prefix}/figures/${path.basename(file)}`, createReadStream(file), { contentType: 'image/png' });
            step.figures.push({ index: Number(event.index), title: (event.title as string | null) ?? null, width: Number(event.width), height: Number(event.height), location: stored.location, file: this.relative(file) });
        }
        // Artifacts (Output steps).
        step.artifacts = [];
        for (const event of events.filter(e => e.event === 'artifact')) {
            const file = String(event.path);
            const hex = String(event.sha256).replace(/^sha256:/, '');
            const stored = await this.uploaded(event.location, hex, Number(event.bytes)) ?? await this.store(file, hex, Number(event.bytes));
            const output: StoredOutput = { location: stored.location, sha256: String(event.sha256), bytes: Number(event.bytes), format: String(event.format), extension: extensionOf(file) };
            step.artifactFiles = { ...step.artifactFiles, [String(event.name)]: output };
            await this.registerArtifact(step, String(event.name), output);
            step.artifacts.push(String(event.name));
        }
        step.exitCode = 0;
        if (!step.cacheKey) {
            // Submitted ahead of its producers: its inputs are known now (they were recorded first).
            step.inputs = this.inputHashes(step);
            step.cacheKey = this.cacheKey(step);
        }
        await this.setStatus(step, 'succeeded');
        if (step.cacheKey) await this.ctx.store.recordCache(step.cacheKey, { execution: this.record.name, step: id, created: now() });
    }

    /**
     * An output its job uploaded itself (S3 exchange): its blob, when the job's `location` is this
     * storage's blob of that hash and the object is there with that size — nothing is uploaded again.
     */
    private async uploaded(location: unknown, hex: string, size: number): Promise<{ location: StorageLocation } | undefined> {
        const storage = this.ctx.storage;
        const claimed = location as { adapter?: unknown; bucket?: unknown; key?: unknown } | undefined;
        if (!(storage instanceof S3Storage) || claimed?.adapter !== 's3' || !/^[0-9a-f]{64}$/.test(hex)) return undefined;
        const blob = storage.blobLocation(hex);
        if (claimed.bucket !== blob.bucket || claimed.key !== blob.key) return undefined;
        const info = await storage.stat(blob);
        if (info?.size !== size) throw new Error(`the job stored output ${hex.slice(0, 12)}… at s3://${blob.bucket}/${blob.key}, but the bucket has ${info ? `${info.size} bytes there, not ${size}` : 'no such object'}`);
        return { location: blob };
    }

    /**
     * Stores a step's output file content-addressed. With local storage the file is hard-linked
     * into place (no copy: the runtime hashed it as it wrote it; the blob is made read-only);
     * otherwise it streams through the adapter, which checks the hash.
     */
    private async store(file: string, hex: string, size: number): Promise<{ location: StorageLocation }> {
        const storage = this.ctx.storage;
        if (storage instanceof LocalStorage) {
            const location = storage.blobLocation(hex);
            if (await storage.stat(location)) return { location };
            const target = path.join(storage.directory, 'objects', ...location.key.split('/'));
            const temporary = path.join(storage.directory, 'tmp', `${path.basename(target)}.${process.pid}.${Date.now()}.link`);
            try {
                await mkdir(path.dirname(temporary), { recursive: true });
                await link(file, temporary);
                await chmod(temporary, 0o444);
                await mkdir(path.dirname(target), { recursive: true });
                await rename(temporary, target);
                return { location };
            } catch {
                await rm(temporary, { force: true });
                // another file system: copy through the adapter
            }
        }
        return storage.put(contentAddressed, createReadStream(file, { highWaterMark: 1 << 20 }), { sha256: hex, size });
    }

    private async registerArtifact(step: StepRecord, name: string, output: StoredOutput): Promise<void> {
        const artifact: ArtifactRecord = {
            name, type: output.format, extension: output.extension, size: output.bytes, sha256: output.sha256,
            location: output.location, created: now(), producedBy: { execution: this.record.name, step: step.id }
        };
        await this.ctx.store.putArtifact(artifact);
        this.ctx.emit({ type: 'artifact', step: step.id, name, dataType: artifact.type, size: artifact.size, location: artifact.location });
    }

    /** Stops everything: running steps are cancelled through the compute adapter, the rest marked cancelled. */
    private async cancelEverything(reason: string): Promise<void> {
        const running = [...this.running.values()];
        this.running.clear();
        await Promise.all(running.map(r => this.ctx.compute.cancel(r.job).catch(() => undefined)));
        for (const r of running) {
            const step = this.record.steps[r.step];
            if (FINISHED_STEP.has(step.status)) continue;
            const state = await this.ctx.compute.status(r.job).catch(() => undefined);
            if (state?.status === 'succeeded') {
                await this.collect(r.step, state).catch(() => undefined);
                if (FINISHED_STEP.has(step.status)) continue;
            }
            // Keep what it printed.
            for (const stream of ['stdout', 'stderr'] as const) {
                const file = path.join(r.job.workDir, `${stream}.log`);
                if (existsSync(file)) {
                    step.logs[stream] = (await this.ctx.storage.put(`executions/${this.record.name}/${path.basename(r.job.workDir)}/${stream}.log`, maskSecrets(await readFile(file, 'utf-8'), secretValues())).catch(() => undefined))?.location ?? step.logs[stream];
                }
            }
            const stopped = step.status === 'queued' ? 'not run: the execution was cancelled' : 'stopped while running';
            await this.setStatus(step, 'cancelled', { message: reason === 'cancelled' ? stopped : reason });
        }
        for (const id of this.record.order) {
            const step = this.record.steps[id];
            if (!FINISHED_STEP.has(step.status)) await this.setStatus(step, 'cancelled', { message: reason === 'cancelled' ? 'not run: the execution was cancelled' : reason });
        }
    }
}

/** A step's cache key: its definition, its inputs' contents, the Python and its environment. */
export function cacheKeyOf(definition: string, inputs: Readonly<Record<string, string>>, envHash: string): string {
    return sha(JSON.stringify({ definition, inputs: Object.entries(inputs).sort(), env: envHash }));
}

/** The succeeded step a cache key names, when its record and stored outputs still exist. */
export async function findCached(store: Store, storage: StorageAdapter, key: string): Promise<{ earlier: StepRecord; entry: CacheEntry } | undefined> {
    const entry = store.lookupCache(key);
    if (!entry) return undefined;
    let earlier: StepRecord | undefined;
    try {
        earlier = store.readExecution(entry.execution).steps[entry.step];
    } catch {
        return undefined;
    }
    if (!earlier || (earlier.status !== 'succeeded' && earlier.status !== 'cached') || earlier.cacheKey !== key) return undefined;
    for (const output of [...Object.values(earlier.outputs), ...Object.values(earlier.artifactFiles ?? {})]) {
        if (output.location.adapter !== storage.kind) return undefined;
        const info = await storage.stat(output.location).catch(() => undefined);
        if (!info) return undefined;
    }
    return { earlier, entry };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise(resolve => {
        const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}

/** `file:line` of the innermost frame in the bundle's operations (the operation's own code). */
export function tracebackLocation(traceback: string): string | undefined {
    const frames = [...traceback.matchAll(/File "([^"]*)", line (\d+)/g)].filter(m => /(^|\/)operations\//.test(m[1]));
    const last = frames.at(-1);
    if (!last) return undefined;
    const file = last[1].slice(last[1].lastIndexOf('operations/'));
    return `${file}:${last[2]}`;
}

/** Values of the runner's credential variables (never written to records or stored logs). */
function secretValues(): string[] {
    return Object.entries(process.env)
        .filter(([key, value]) => value && value.length >= 6 && /(SECRET|PASSWORD|TOKEN|ACCESS_KEY)/i.test(key))
        .map(([, value]) => value!);
}

function maskSecrets(text: string, secrets: readonly string[]): string {
    let result = text;
    for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join('***');
    return result;
}

export { StoreError };
