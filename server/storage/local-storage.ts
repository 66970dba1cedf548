/**
 * `local` storage: objects as files under one folder (by default `<project>/.deepforge/storage`).
 *
 *     <directory>/objects/<key>                       named objects, as plain files
 *     <directory>/objects/blobs/sha256/ab/ab12…       content-addressed blobs
 *     <directory>/tmp/<uuid>.part                     writes in progress
 *
 * Every write streams into a fresh file in `tmp/` (hashing on the fly), is flushed to disk, and
 * only then is renamed into place: rename is atomic on one file system, so a reader (or a later
 * run after a crash or `kill -9`) sees the old object or the whole new one, never a partial
 * file. A write that fails or is cancelled removes its temporary file; one cut short by a crash
 * leaves an orphan in `tmp/` that {@link LocalStorage.removeStaleTemporaryFiles} clears.
 *
 * Unlike S3, a file system cannot hold both an object `a` and an object `a/b`: such a put fails
 * with a `conflict` error naming the key.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, type Stats } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
    blobKey, isContentAddressed, sha256OfBlobKey, StorageError, validateKey, validatePrefix, validateSha256, validateStoredKey,
    type GetOptions, type LocalStorageLocation, type ObjectInfo, type PutOptions, type PutTarget, type StorageAdapter,
    type StorageContent, type StorageLocation, type StoredObject
} from './storage-adapter.js';
import { checkExpected, HashingTap, relay, toReadable, verifying } from './streams.js';

export interface LocalStorageOptions {
    /** The store's folder (created on first write), e.g. `<project>/.deepforge/storage`. */
    readonly directory: string;
    /**
     * fsync each file (and its folder) before the put resolves, so a stored object survives a
     * power cut, not only a crash. Default true.
     */
    readonly durable?: boolean;
}

/** Where the local store of a project lives. */
export function defaultLocalStorageDirectory(projectDirectory: string): string {
    return join(resolve(projectDirectory), '.deepforge', 'storage');
}

const READ_CHUNK = 1 << 20;

export class LocalStorage implements StorageAdapter {
    readonly kind = 'local' as const;
    readonly directory: string;
    private readonly objects: string;
    private readonly temporary: string;
    private readonly durable: boolean;

    constructor(options: LocalStorageOptions) {
        this.directory = resolve(options.directory);
        this.objects = join(this.directory, 'objects');
        this.temporary = join(this.directory, 'tmp');
        this.durable = options.durable ?? true;
    }

    get description(): string {
        return `local storage at ${this.directory}`;
    }

    locationOf(key: string): LocalStorageLocation {
        return { adapter: 'local', key: validateStoredKey(key) };
    }

    blobLocation(sha256: string): LocalStorageLocation {
        return { adapter: 'local', key: blobKey(sha256) };
    }

    async put(target: PutTarget, content: StorageContent, options: PutOptions = {}): Promise<StoredObject> {
        const named = isContentAddressed(target) ? undefined : validateKey(target);
        if (options.sha256 !== undefined) validateSha256(options.sha256);
        const source = toReadable(content);
        const what = named === undefined ? `content-addressed put into ${this.description}` : `put of "${named}" into ${this.description}`;

        if (named === undefined && options.sha256 !== undefined) {
            // The caller knows the hash: no transfer at all when the blob is already here.
            const key = blobKey(options.sha256);
            const existing = await this.fileStats(key);
            if (existing && (options.size === undefined || existing.size === options.size)) {
                source.destroy();
                return { location: this.locationOf(key), key, size: existing.size, sha256: options.sha256, deduplicated: true };
            }
        }
        if (options.signal?.aborted) {
            source.destroy();
            throw new StorageError('aborted', `${what} was cancelled`, { adapter: 'local' });
        }

        let sourceError: unknown;
        source.once('error', error => { sourceError = error; });
        const tap = new HashingTap();
        const temporaryPath = join(this.temporary, `${randomUUID()}.part`);
        try {
            await mkdir(this.temporary, { recursive: true });
            await pipeline(source, tap, createWriteStream(temporaryPath, { flags: 'wx', flush: this.durable }), { signal: options.signal });
            const { sha256, bytes: size } = tap;
            checkExpected(options, sha256, size, what);
            const key = named ?? blobKey(sha256);
            const finalPath = this.pathOf(key);
            if (named === undefined && (await this.fileStats(key)) !== undefined) {
                return { location: this.locationOf(key), key, size, sha256, deduplicated: true };
            }
            await this.moveIntoPlace(temporaryPath, finalPath, key);
            return { location: this.locationOf(key), key, size, sha256, deduplicated: false };
        } catch (error) {
            if (error instanceof StorageError) throw error;
            if (options.signal?.aborted || (error as Error)?.name === 'AbortError') {
                throw new StorageError('aborted', `${what} was cancelled`, { adapter: 'local' });
            }
            if (sourceError !== undefined && (error === sourceError || !(error as NodeJS.ErrnoException)?.syscall)) {
                throw new StorageError('aborted', `${what} failed: reading the content failed (${describe(sourceError)}); nothing was stored`, { adapter: 'local' });
            }
            throw this.fileError(error, what);
        } finally {
            await rm(temporaryPath, { force: true }).catch(() => undefined);
        }
    }

    async get(location: StorageLocation, options: GetOptions = {}): Promise<Readable> {
        const key = this.keyOf(location);
        const path = this.pathOf(key);
        const notFound = () => new StorageError('not-found', `No object "${key}" in ${this.description}`, { adapter: 'local', location });
        let handle;
        try {
            handle = await open(path, 'r');
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound();
            throw this.fileError(error, `reading "${key}" from ${this.description}`);
        }
        if (!(await handle.stat()).isFile()) {
            await handle.close();
            throw notFound();
        }
        const stream = handle.createReadStream({ highWaterMark: READ_CHUNK });
        const sha256 = options.verify ? sha256OfBlobKey(key) : undefined;
        return relay(stream, error => this.fileError(error, `reading "${key}" from ${this.description}`),
            sha256 === undefined ? undefined : verifying(sha256, `Blob "${key}" in ${this.description}`));
    }

    async stat(location: StorageLocation): Promise<ObjectInfo | undefined> {
        const key = this.keyOf(location);
        const stats = await this.fileStats(key);
        return stats && this.info(key, stats);
    }

    async delete(location: StorageLocation): Promise<void> {
        const key = this.keyOf(location);
        try {
            await unlink(this.pathOf(key));
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            // Missing, or a folder of other keys rather than an object: nothing to delete.
            if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EPERM') return;
            throw this.fileError(error, `deleting "${key}" from ${this.description}`);
        }
        // Remove the folders this leaves empty (a racing put recreates them: see moveIntoPlace).
        let folder = dirname(this.pathOf(key));
        while (folder.startsWith(this.objects + sep)) {
            try {
                await rmdir(folder);
            } catch {
                break;
            }
            folder = dirname(folder);
        }
    }

    async *list(prefix = ''): AsyncIterable<ObjectInfo> {
        validatePrefix(prefix);
        const found: ObjectInfo[] = [];
        const slash = prefix.lastIndexOf('/');
        await this.walk(slash < 0 ? '' : prefix.slice(0, slash), prefix, found);
        found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        yield* found;
    }

    async check(): Promise<void> {
        const probe = join(this.temporary, `${randomUUID()}.probe`);
        try {
            await mkdir(this.objects, { recursive: true });
            await mkdir(this.temporary, { recursive: true });
            await writeFile(probe, 'ok');
            await rm(probe, { force: true });
        } catch (error) {
            throw this.fileError(error, `${this.description} is not writable`);
        }
    }

    /**
     * Removes temporary files older than `maxAgeMs` (default one day): what writes cut short by
     * a crash left behind. Younger ones may belong to a write in progress in another process.
     * Returns how many were removed.
     */
    async removeStaleTemporaryFiles(maxAgeMs = 24 * 3600 * 1000): Promise<number> {
        let names: string[];
        try {
            names = await readdir(this.temporary);
        } catch {
            return 0;
        }
        let removed = 0;
        const limit = Date.now() - maxAgeMs;
        for (const name of names) {
            const path = join(this.temporary, name);
            try {
                if ((await stat(path)).mtimeMs <= limit) {
                    await rm(path, { force: true });
                    removed++;
                }
            } catch {
                // gone meanwhile
            }
        }
        return removed;
    }

    // -----------------------------------------------------------------------------------------

    private keyOf(location: StorageLocation): string {
        if (location?.adapter !== 'local') {
            throw new StorageError('invalid-location',
                `A ${String(location?.adapter)} location cannot be read from ${this.description}`, { adapter: 'local', location });
        }
        return validateStoredKey(location.key);
    }

    private pathOf(key: string): string {
        const path = join(this.objects, ...key.split('/'));
        if (!path.startsWith(this.objects + sep)) {
            throw new StorageError('invalid-key', `Invalid storage key ${JSON.stringify(key)}: it leaves the store`);
        }
        return path;
    }

    private async fileStats(key: string): Promise<Stats | undefined> {
        try {
            const stats = await stat(this.pathOf(key));
            return stats.isFile() ? stats : undefined;
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
            throw this.fileError(error, `reading "${key}" from ${this.description}`);
        }
    }

    private info(key: string, stats: Stats): ObjectInfo {
        return { location: this.locationOf(key), key, size: stats.size, lastModified: stats.mtime, sha256: sha256OfBlobKey(key) };
    }

    private async moveIntoPlace(temporaryPath: string, finalPath: string, key: string): Promise<void> {
        for (let attempt = 0; ; attempt++) {
            try {
                await mkdir(dirname(finalPath), { recursive: true });
                await rename(temporaryPath, finalPath);
                break;
            } catch (error) {
                const code = (error as NodeJS.ErrnoException).code;
                // A concurrent delete removed the (then empty) folder between mkdir and rename.
                if (code === 'ENOENT' && attempt < 5) continue;
                if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOTEMPTY') {
                    throw new StorageError('conflict',
                        `Cannot store "${key}" in ${this.description}: ${code === 'EISDIR' || code === 'ENOTEMPTY'
                            ? `other objects are stored under "${key}/"`
                            : 'one of its folders is an object itself'} (a local store cannot hold both "a" and "a/b")`,
                        { adapter: 'local' });
                }
                throw error;
            }
        }
        if (this.durable) {
            const folder = await open(dirname(finalPath), 'r');
            try {
                await folder.sync();
            } finally {
                await folder.close();
            }
        }
    }

    private async walk(folderKey: string, prefix: string, found: ObjectInfo[]): Promise<void> {
        let entries;
        try {
            entries = await readdir(folderKey === '' ? this.objects : this.pathOf(folderKey), { withFileTypes: true });
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ENOTDIR') return;
            throw this.fileError(error, `listing "${prefix}" in ${this.description}`);
        }
        for (const entry of entries) {
            const key = folderKey === '' ? entry.name : `${folderKey}/${entry.name}`;
            if (entry.isDirectory()) {
                if ((key + '/').startsWith(prefix) || prefix.startsWith(key + '/')) await this.walk(key, prefix, found);
            } else if (entry.isFile() && key.startsWith(prefix)) {
                const stats = await this.fileStats(key);
                if (stats) found.push(this.info(key, stats));
            }
        }
    }

    private fileError(error: unknown, what: string): StorageError {
        if (error instanceof StorageError) return error;
        const code = (error as NodeJS.ErrnoException)?.code;
        if (code === 'ENAMETOOLONG') return new StorageError('invalid-key', `${what}: a key segment is longer than the file system allows (255 bytes)`, { adapter: 'local' });
        const reason = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : describe(error);
        return new StorageError('io', `${what}: ${reason}${code ? ` (${code})` : ''}`, { adapter: 'local' });
    }
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
