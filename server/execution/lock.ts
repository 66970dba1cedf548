/**
 * A cross-process lock: a lock file created with O_EXCL (`wx`) holding the owner's pid and
 * host. A lock whose owner is gone (its pid no longer runs on this host: `kill -9` of a runner)
 * is stale and taken over. Used to guard the shared indexes of the store (execution names,
 * artifacts, cache) and to make one process the runner of an execution.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';

interface LockOwner {
    readonly pid: number;
    readonly host: string;
    readonly time: number;
}

export class LockBusy extends Error {
    constructor(readonly file: string, readonly owner: LockOwner | undefined) {
        super(`${file} is held by process ${owner?.pid ?? '?'}${owner && owner.host !== hostname() ? ` on ${owner.host}` : ''}`);
    }
}

/** Whether a process with this pid runs (on this host). */
export function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

function readOwner(file: string): LockOwner | undefined {
    try {
        const owner = JSON.parse(readFileSync(file, 'utf-8')) as LockOwner;
        return typeof owner.pid === 'number' ? owner : undefined;
    } catch {
        return undefined;
    }
}

function isStale(owner: LockOwner | undefined, file: string): boolean {
    if (owner === undefined) {
        // Unreadable: created but not yet written (a writer in its first microseconds), or
        // truncated by a crash. Stale once older than a few seconds.
        try {
            const { mtimeMs } = statSync(file);
            return Date.now() - mtimeMs > 5_000;
        } catch {
            return true;
        }
    }
    if (owner.host !== hostname()) return false;
    return owner.pid !== process.pid && !processAlive(owner.pid);
}

/** Tries once to take the lock; returns false when a live process holds it. */
export function tryLock(file: string): boolean {
    for (let attempt = 0; attempt < 3; attempt++) {
        try {
            const fd = openSync(file, 'wx', 0o644);
            try {
                writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() }));
            } finally {
                closeSync(fd);
            }
            return true;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const owner = readOwner(file);
        if (!isStale(owner, file)) return false;
        // Take a stale lock over: move it aside atomically (only one contender wins the rename).
        const aside = `${file}.stale.${process.pid}`;
        try {
            renameSync(file, aside);
            const moved = readOwner(aside);
            if (moved && (moved.pid !== owner?.pid || moved.time !== owner?.time)) {
                // A contender took the stale lock over and locked it anew in between: give it back.
                try { linkSync(aside, file); } catch { /* someone else holds it now */ }
            }
            unlinkSync(aside);
        } catch {
            // another process took it over first: try again
        }
    }
    return false;
}

export function lockOwner(file: string): LockOwner | undefined {
    return readOwner(file);
}

/** Releases a lock this process holds (a lock held by another is left alone). */
export function unlock(file: string): void {
    const owner = readOwner(file);
    if (owner && owner.pid !== process.pid) return;
    try {
        unlinkSync(file);
    } catch {
        // already gone
    }
}

/** Waits (up to `timeoutMs`) for the lock, runs `action`, releases it. */
export async function withLock<T>(file: string, action: () => Promise<T> | T, timeoutMs = 30_000): Promise<T> {
    await mkdir(path.dirname(file), { recursive: true });
    const deadline = Date.now() + timeoutMs;
    let delay = 2;
    while (!tryLock(file)) {
        if (Date.now() > deadline) throw new LockBusy(file, readOwner(file));
        await new Promise(resolve => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 50);
    }
    try {
        return await action();
    } finally {
        unlock(file);
    }
}
