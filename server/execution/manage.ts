/**
 * Operations on stored executions and artifacts from any process: cancel a running execution
 * (through its runner, or — when the runner is gone — by re-attaching to its jobs), add, get
 * and remove artifacts.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentAddressed, type StorageAdapter, type StorageLocation } from '../storage/storage-adapter.js';
import { createStorage } from '../storage/storage-registry.js';
import { createCompute } from './compute-adapter.js';
import { ProjectConfig } from './config.js';
import { attachExecution, ExecutionError, RunnerBusy } from './engine.js';
import './local-compute.js';
import './slurm-compute.js';
import { lockOwner, processAlive, tryLock, unlock } from './lock.js';
import { checkArtifactName, FINISHED_STEP, Store, uploadedArtifactFormat, type ArtifactRecord } from './store.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The storage adapter of a kind, configured for the project. */
export function storageFor(project: string, kind?: string, env: Env = process.env): StorageAdapter {
    const config = new ProjectConfig(project, env);
    return createStorage(config.storageConfig(kind), { projectDirectory: project, env });
}

/** Reads a stored object (logs, figures, outputs) into a file. */
export async function download(storage: StorageAdapter, location: StorageLocation, target: string): Promise<void> {
    await mkdir(path.dirname(path.resolve(target)), { recursive: true });
    const temporary = `${target}.${process.pid}.part`;
    try {
        await pipeline(await storage.get(location), createWriteStream(temporary));
        await rename(temporary, target);
    } finally {
        await rm(temporary, { force: true });
    }
}

export async function readStoredText(storage: StorageAdapter, location: StorageLocation): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(location)) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf-8');
}

/**
 * Cancels a running execution: its runner is asked to stop (SIGTERM; it stops the steps and
 * records them); a runner that is gone (`kill -9`, a `--detach`ed run) or a follower that only
 * stopped following is replaced: this process attaches to the execution, records the steps
 * that ended and cancels the rest through the compute adapter (`scancel` for Slurm).
 */
export async function cancelExecution(project: string, name: string, env: Env = process.env): Promise<'signalled' | 'cancelled' | 'not-running'> {
    const store = new Store(project);
    const record = store.readExecution(name);
    if (record.status !== 'running') return 'not-running';
    const lock = store.runnerLock(name);
    const owner = lockOwner(lock);
    if (owner && owner.pid !== process.pid && processAlive(owner.pid)) {
        process.kill(owner.pid, 'SIGTERM');
        const deadline = Date.now() + 30_000;
        while (processAlive(owner.pid) && lockOwner(lock)?.pid === owner.pid && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
        // A runner cancels on SIGTERM; a follower (executions show --follow) only stops following.
        if (store.readExecution(name).status !== 'running' || lockOwner(lock)?.pid === owner.pid) return 'signalled';
    }
    // Its runner is gone (a detached run): attach, record what ended, cancel the rest through the compute.
    const cancelNow = new AbortController();
    cancelNow.abort();
    try {
        await attachExecution({ project, execution: name, env, signal: cancelNow.signal, onAbort: 'cancel' });
        return 'cancelled';
    } catch (error) {
        if (error instanceof RunnerBusy) throw new ExecutionError(`execution \`${name}\` is being taken over by another process`);
        // (storage unreachable: the jobs are still cancelled below, the record marked)
    }
    if (!tryLock(lock)) throw new ExecutionError(`execution \`${name}\` is being taken over by another process`);
    try {
        const file = await store.openExecution(name);
        const kind = file.record.options.compute;
        const compute = createCompute(kind, new ProjectConfig(project, env).computeOptions(kind));
        const time = new Date().toISOString();
        for (const id of file.record.order) {
            const step = file.record.steps[id];
            if (FINISHED_STEP.has(step.status)) continue;
            if (step.job) await compute.cancel(step.job).catch(() => undefined);
            step.status = 'cancelled';
            step.ended = time;
            step.message = step.job ? 'stopped while running (its runner was gone)' : 'not run: the execution was cancelled';
        }
        file.record.status = 'cancelled';
        file.record.error = 'cancelled';
        file.record.ended = time;
        await file.save();
        return 'cancelled';
    } finally {
        unlock(lock);
    }
}

/** `deepforge artifacts add NAME FILE [--type T]`: uploads a local file as an artifact. */
export async function addArtifact(project: string, name: string, file: string, options: { type?: string; storage?: string; env?: Env } = {}): Promise<ArtifactRecord> {
    checkArtifactName(name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new ExecutionError(`cannot read ${file}: no such file`);
    const { type, extension } = uploadedArtifactFormat(file, options.type);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const sha256 = hash.digest('hex');
    const storage = storageFor(project, options.storage, options.env);
    await storage.check();
    const stored = await storage.put(contentAddressed, createReadStream(file), { sha256, size: info.size });
    const artifact: ArtifactRecord = {
        name, type, extension, size: info.size, sha256: `sha256:${sha256}`, location: stored.location,
        created: new Date().toISOString(), producedBy: null
    };
    await new Store(project).putArtifact(artifact);
    return artifact;
}

/** `deepforge artifacts get NAME [-o FILE]`: downloads an artifact (default: `NAME` + its extension, in the current folder). */
export async function getArtifact(project: string, name: string, out: string | undefined, env: Env = process.env): Promise<{ artifact: ArtifactRecord; file: string }> {
    const artifact = new Store(project).findArtifact(checkArtifactName(name));
    if (!artifact) throw new ExecutionError(`no artifact \`${name}\``);
    const target = out ?? path.basename(name) + (path.basename(name).includes('.') ? '' : artifact.extension);
    await download(storageFor(project, artifact.location.adapter, env), artifact.location, target);
    return { artifact, file: target };
}

export async function removeArtifact(project: string, name: string): Promise<ArtifactRecord> {
    const removed = await new Store(project).removeArtifact(checkArtifactName(name));
    if (!removed) throw new ExecutionError(`no artifact \`${name}\``);
    return removed;
}
