import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LocalStorage, defaultLocalStorageDirectory } from '../../../server/storage/local-storage.js';
import { contentAddressed, isStorageError } from '../../../server/storage/storage-adapter.js';
import { storageContract } from './contract.js';
import { collect, generated, readAll, removeTemporaryDirectories, root, sha256, sha256Of, temporaryDirectory } from './helpers.js';

afterAll(removeTemporaryDirectories);

describe('local storage: the adapter contract', () => {
    let storage: LocalStorage;
    beforeAll(() => {
        storage = new LocalStorage({ directory: defaultLocalStorageDirectory(temporaryDirectory()) });
    });
    storageContract(() => storage);
});

describe('local storage: files on disk', () => {
    test('layout: objects/<key>, blobs by hash, locations relative to the store', async () => {
        const project = temporaryDirectory();
        const storage = new LocalStorage({ directory: defaultLocalStorageDirectory(project) });
        expect(storage.directory).toBe(join(project, '.deepforge', 'storage'));
        const named = await storage.put('runs/1/stdout.txt', 'hello');
        expect(named.location).toEqual({ adapter: 'local', key: 'runs/1/stdout.txt' });
        expect(readFileSync(join(project, '.deepforge/storage/objects/runs/1/stdout.txt'), 'utf8')).toBe('hello');
        const blob = await storage.put(contentAddressed, 'hello');
        const hash = sha256('hello');
        expect(blob.location).toEqual({ adapter: 'local', key: `blobs/sha256/${hash.slice(0, 2)}/${hash}` });
        expect(readFileSync(join(project, `.deepforge/storage/objects/blobs/sha256/${hash.slice(0, 2)}/${hash}`), 'utf8')).toBe('hello');
        // Nothing left in tmp/ after successful writes.
        expect(readdirSync(join(project, '.deepforge/storage/tmp'))).toEqual([]);
    });

    test('concurrent puts of the same content: one blob file, no temporary files left', async () => {
        const directory = temporaryDirectory();
        const storage = new LocalStorage({ directory });
        const size = 4 * 1024 * 1024 + 3;
        const results = await Promise.all(Array.from({ length: 16 }, () => storage.put(contentAddressed, Readable.from(generated(size, 99)))));
        const hash = results[0].sha256;
        expect(new Set(results.map(r => r.sha256))).toEqual(new Set([hash]));
        expect(results.filter(r => !r.deduplicated).length).toBeGreaterThanOrEqual(1);
        expect(readdirSync(join(directory, 'objects/blobs/sha256', hash.slice(0, 2)))).toEqual([hash]);
        expect(statSync(join(directory, 'objects/blobs/sha256', hash.slice(0, 2), hash)).size).toBe(size);
        expect(readdirSync(join(directory, 'tmp'))).toEqual([]);
        expect(await sha256Of(await storage.get(results[0].location, { verify: true }))).toEqual({ sha256: hash, size });
    });

    test('a failed write leaves no partial blob and no temporary file', async () => {
        const directory = temporaryDirectory();
        const storage = new LocalStorage({ directory });
        const broken = Readable.from((async function* () {
            yield* generated(2 * 1024 * 1024, 5);
            throw new Error('producer died');
        })());
        await expect(storage.put(contentAddressed, broken)).rejects.toSatisfy((error: unknown) => isStorageError(error, 'aborted'));
        await expect(storage.put('named/partial.bin', Readable.from((async function* () {
            yield Buffer.alloc(1000);
            throw new Error('producer died');
        })()))).rejects.toSatisfy((error: unknown) => isStorageError(error, 'aborted'));
        expect(readdirSync(join(directory, 'tmp'))).toEqual([]);
        expect(existsSync(join(directory, 'objects'))).toBe(false);
        expect(await collect(storage.list())).toEqual([]);
    });

    test('a writer killed with SIGKILL mid-write leaves no object, only a temporary file that cleanup removes', async () => {
        const module = join(root, 'out', 'server', 'storage', 'local-storage.js');
        if (!existsSync(module)) throw new Error('out/server/storage/local-storage.js is missing: run `npm run build` (npm test does) before these tests');
        const directory = temporaryDirectory();
        // A child process streams an endless slow content into a named key and a blob.
        const script = `
            import { LocalStorage } from ${JSON.stringify(pathToFileURL(module).href)};
            import { Readable } from 'node:stream';
            const storage = new LocalStorage({ directory: ${JSON.stringify(directory)} });
            let sent = 0;
            const endless = () => new Readable({ read() { sent += 65536; if (sent > 4 << 20) console.log('writing'); setTimeout(() => this.push(Buffer.alloc(65536, 7)), 1); } });
            storage.put('victim/object.bin', endless());
            storage.put({ contentAddressed: true }, endless());
        `;
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        await new Promise<void>((resolve, reject) => {
            child.stdout.on('data', () => resolve());
            child.on('exit', code => reject(new Error(`writer exited early with ${code}`)));
        });
        child.kill('SIGKILL');
        await new Promise(resolve => child.once('exit', resolve));
        const storage = new LocalStorage({ directory });
        expect(await storage.stat(storage.locationOf('victim/object.bin'))).toBeUndefined();
        expect(await collect(storage.list())).toEqual([]);
        const leftovers = readdirSync(join(directory, 'tmp'));
        expect(leftovers.length).toBe(2);
        expect(leftovers.every(name => name.endsWith('.part'))).toBe(true);
        // Young temporary files may belong to a live writer: kept. Old ones: removed.
        expect(await storage.removeStaleTemporaryFiles()).toBe(0);
        const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
        for (const name of leftovers) utimesSync(join(directory, 'tmp', name), old, old);
        expect(await storage.removeStaleTemporaryFiles()).toBe(2);
        expect(readdirSync(join(directory, 'tmp'))).toEqual([]);
    });

    test('a corrupted blob fails a verified read with an integrity error', async () => {
        const directory = temporaryDirectory();
        const storage = new LocalStorage({ directory });
        const stored = await storage.put(contentAddressed, 'precious bytes');
        writeFileSync(join(directory, 'objects', stored.key), 'precious bytez');
        expect((await readAll(await storage.get(stored.location))).toString()).toBe('precious bytez');
        await expect(readAll(await storage.get(stored.location, { verify: true }))).rejects.toSatisfy(
            (error: unknown) => isStorageError(error, 'integrity') && error.message.includes(stored.key));
    });

    test('an object and a folder of the same name conflict, clearly', async () => {
        const storage = new LocalStorage({ directory: temporaryDirectory() });
        await storage.put('a/b', 'x');
        await expect(storage.put('a', 'y')).rejects.toSatisfy((error: unknown) =>
            isStorageError(error, 'conflict') && error.message.includes('"a"') && error.message.includes('other objects are stored under "a/"'));
        await storage.put('file', 'x');
        await expect(storage.put('file/child', 'y')).rejects.toSatisfy((error: unknown) => isStorageError(error, 'conflict'));
        expect((await collect(storage.list())).map(o => o.key)).toEqual(['a/b', 'file']);
    });

    test('delete removes the folders it empties, and nothing else', async () => {
        const directory = temporaryDirectory();
        const storage = new LocalStorage({ directory });
        await storage.put('x/y/z/one', '1');
        await storage.put('x/two', '2');
        await storage.delete(storage.locationOf('x/y/z/one'));
        expect(existsSync(join(directory, 'objects/x/y'))).toBe(false);
        expect(existsSync(join(directory, 'objects/x/two'))).toBe(true);
        // A folder is not an object: deleting "x" deletes nothing.
        await storage.delete(storage.locationOf('x'));
        expect(existsSync(join(directory, 'objects/x/two'))).toBe(true);
        expect(await storage.stat(storage.locationOf('x'))).toBeUndefined();
        await expect(storage.get(storage.locationOf('x'))).rejects.toSatisfy((error: unknown) => isStorageError(error, 'not-found'));
    });

    test('another adapter\'s location is refused', async () => {
        const storage = new LocalStorage({ directory: temporaryDirectory() });
        await expect(storage.get({ adapter: 's3', bucket: 'bucket', key: 'k' })).rejects.toSatisfy((error: unknown) =>
            isStorageError(error, 'invalid-location') && error.message.includes('s3 location cannot be read from local storage'));
    });

    test('an unwritable store fails check() with its path', async () => {
        const file = join(temporaryDirectory(), 'not-a-folder');
        writeFileSync(file, '');
        const storage = new LocalStorage({ directory: file });
        await expect(storage.check()).rejects.toSatisfy((error: unknown) => isStorageError(error, 'io') && error.message.includes(file));
    });

    test('256 MiB stream through put and get with bounded memory', async () => {
        const storage = new LocalStorage({ directory: temporaryDirectory(), durable: false });
        const size = 256 * 1024 * 1024;
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
        try {
            const stored = await storage.put(contentAddressed, Readable.from(generated(size, 42)));
            const read = await sha256Of(await storage.get(stored.location, { verify: true }));
            expect(read).toEqual({ sha256: stored.sha256, size });
        } finally {
            clearInterval(sampler);
        }
        // Buffering the content would add 256 MiB; streaming stays far below.
        expect(peak - before).toBeLessThan(96 * 1024 * 1024);
    });
});
