/**
 * The behaviour every storage adapter shares, run against each backend (local folder, moto,
 * real Ceph radosgw): call `storageContract(() => adapter)` inside a describe whose beforeAll
 * creates the adapter. Each test works under its own random prefix, so one bucket serves all.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { contentAddressed, isStorageError, parseStorageLocation, type StorageAdapter } from '../../../server/storage/storage-adapter.js';
import { collect, failingAfter, generated, readAll, sha256, sha256Of, untouchable } from './helpers.js';

export function storageContract(adapter: () => StorageAdapter): void {
    const area = () => `t-${randomUUID().slice(0, 8)}`;

    test('named put/get/stat/delete of a buffer, a string, a stream and an async iterable', async () => {
        const storage = adapter();
        const base = area();
        const contents: [string, Parameters<StorageAdapter['put']>[1], Buffer][] = [
            [`${base}/buffer.bin`, Buffer.from([0, 1, 2, 255]), Buffer.from([0, 1, 2, 255])],
            [`${base}/text.txt`, 'héllo\n', Buffer.from('héllo\n')],
            [`${base}/stream.bin`, Readable.from([Buffer.from('ab'), Buffer.from('cd')]), Buffer.from('abcd')],
            [`${base}/iterable.bin`, generated(3 * 1024 * 1024 + 17), Buffer.concat(await collect(generated(3 * 1024 * 1024 + 17)))],
            [`${base}/empty`, Buffer.alloc(0), Buffer.alloc(0)]
        ];
        for (const [key, content, expected] of contents) {
            const stored = await storage.put(key, content);
            expect(stored).toMatchObject({ key, size: expected.length, sha256: sha256(expected), deduplicated: false });
            expect(stored.location).toEqual(storage.locationOf(key));
            // Locations survive a JSON round trip (execution records keep them).
            const location = parseStorageLocation(JSON.parse(JSON.stringify(stored.location)));
            expect(await readAll(await storage.get(location))).toEqual(expected);
            const info = await storage.stat(location);
            expect(info).toMatchObject({ key, size: expected.length });
            expect(info?.lastModified).toBeInstanceOf(Date);
        }
        await storage.delete(storage.locationOf(`${base}/text.txt`));
        expect(await storage.stat(storage.locationOf(`${base}/text.txt`))).toBeUndefined();
        await storage.delete(storage.locationOf(`${base}/text.txt`)); // deleting twice is fine
        await expect(storage.get(storage.locationOf(`${base}/text.txt`))).rejects.toSatisfy(
            (error: unknown) => isStorageError(error, 'not-found') && error.message.includes(`${base}/text.txt`));
    });

    test('a named put replaces the object', async () => {
        const storage = adapter();
        const key = `${area()}/replaced.txt`;
        await storage.put(key, 'first version');
        const second = await storage.put(key, 'second');
        expect(second.size).toBe(6);
        expect((await readAll(await storage.get(second.location))).toString()).toBe('second');
    });

    test('content-addressed: named by SHA-256, deduplicated, verifiable', async () => {
        const storage = adapter();
        const text = `content ${randomUUID()}`;
        const first = await storage.put(contentAddressed, text);
        expect(first.sha256).toBe(sha256(text));
        expect(first.key).toBe(`blobs/sha256/${first.sha256.slice(0, 2)}/${first.sha256}`);
        expect(first.location).toEqual(storage.blobLocation(first.sha256));
        expect(first.deduplicated).toBe(false);
        const again = await storage.put(contentAddressed, Readable.from([Buffer.from(text)]));
        expect(again).toMatchObject({ location: first.location, deduplicated: true, size: first.size });
        // Knowing the hash up front: nothing is read when the blob is there.
        const known = await storage.put(contentAddressed, untouchable(), { sha256: first.sha256 });
        expect(known).toMatchObject({ location: first.location, deduplicated: true });
        const info = await storage.stat(first.location);
        expect(info).toMatchObject({ sha256: first.sha256, size: first.size, key: first.key });
        expect((await readAll(await storage.get(first.location, { verify: true }))).toString()).toBe(text);
    });

    test('content-addressed put of a known hash that is not stored yet', async () => {
        const storage = adapter();
        const text = `known ${randomUUID()}`;
        const stored = await storage.put(contentAddressed, text, { sha256: sha256(text), size: text.length });
        expect(stored).toMatchObject({ sha256: sha256(text), deduplicated: false });
        expect((await readAll(await storage.get(stored.location))).toString()).toBe(text);
    });

    test('a wrong expected hash or size is an integrity error and stores nothing', async () => {
        const storage = adapter();
        const text = `wrong ${randomUUID()}`;
        const claimed = sha256('something else');
        await expect(storage.put(contentAddressed, text, { sha256: claimed })).rejects.toSatisfy((error: unknown) => isStorageError(error, 'integrity'));
        expect(await storage.stat(storage.blobLocation(claimed))).toBeUndefined();
        expect(await storage.stat(storage.blobLocation(sha256(text)))).toBeUndefined();
        const key = `${area()}/sized`;
        await expect(storage.put(key, text, { size: 3 })).rejects.toSatisfy((error: unknown) => isStorageError(error, 'integrity'));
        expect(await storage.stat(storage.locationOf(key))).toBeUndefined();
        // A named object survives a replacement that fails its check.
        await storage.put(key, 'good');
        await expect(storage.put(key, 'bad!', { sha256: sha256('good') })).rejects.toSatisfy((error: unknown) => isStorageError(error, 'integrity'));
        expect((await readAll(await storage.get(storage.locationOf(key)))).toString()).toBe('good');
        expect((await storage.put(key, 'new', { sha256: sha256('new'), size: 3 })).sha256).toBe(sha256('new'));
        expect((await readAll(await storage.get(storage.locationOf(key)))).toString()).toBe('new');
    });

    test('concurrent puts of the same content all get the one blob', async () => {
        const storage = adapter();
        const seed = Math.floor(Math.random() * 1e9);
        const size = 2 * 1024 * 1024 + 5;
        const expected = await sha256Of(generated(size, seed));
        const results = await Promise.all(Array.from({ length: 8 }, () => storage.put(contentAddressed, Readable.from(generated(size, seed)))));
        for (const result of results) {
            expect(result).toMatchObject({ sha256: expected.sha256, size, location: storage.blobLocation(expected.sha256) });
        }
        expect(await sha256Of(await storage.get(results[0].location))).toEqual(expected);
        const blobs = await collect(storage.list(`blobs/sha256/${expected.sha256.slice(0, 2)}/${expected.sha256}`));
        expect(blobs.map(b => b.key)).toEqual([`blobs/sha256/${expected.sha256.slice(0, 2)}/${expected.sha256}`]);
    });

    test('concurrent named puts to one key: the result is one of them, whole', async () => {
        const storage = adapter();
        const key = `${area()}/raced.bin`;
        const versions = [11, 12, 13, 14].map(seed => ({ seed, size: 1024 * 1024 + seed }));
        await Promise.all(versions.map(v => storage.put(key, generated(v.size, v.seed))));
        const final = await sha256Of(await storage.get(storage.locationOf(key)));
        const candidates = await Promise.all(versions.map(v => sha256Of(generated(v.size, v.seed))));
        expect(candidates).toContainEqual(final);
    });

    test('a content stream that fails stores nothing and keeps the previous object', async () => {
        const storage = adapter();
        const key = `${area()}/kept.txt`;
        await storage.put(key, 'previous');
        await expect(storage.put(key, failingAfter(3 * 1024 * 1024, 'disk of the producer failed'))).rejects.toSatisfy(
            (error: unknown) => isStorageError(error, 'aborted') && error.message.includes('disk of the producer failed'));
        expect((await readAll(await storage.get(storage.locationOf(key)))).toString()).toBe('previous');
        const before = (await collect(storage.list(''))).length;
        await expect(storage.put(contentAddressed, failingAfter(1024))).rejects.toSatisfy((error: unknown) => isStorageError(error, 'aborted'));
        expect((await collect(storage.list(''))).length).toBe(before);
    });

    test('a cancelled put stores nothing', async () => {
        const storage = adapter();
        const key = `${area()}/cancelled.bin`;
        const controller = new AbortController();
        const slow = Readable.from((async function* () {
            for await (const chunk of generated(64 * 1024 * 1024, 3, 256 * 1024)) {
                yield chunk;
                await new Promise(resolve => setTimeout(resolve, 5));
            }
        })());
        setTimeout(() => controller.abort(), 150);
        await expect(storage.put(key, slow, { signal: controller.signal })).rejects.toSatisfy((error: unknown) => isStorageError(error, 'aborted'));
        expect(await storage.stat(storage.locationOf(key))).toBeUndefined();
    });

    test('list: plain string prefixes, sorted, with sizes', async () => {
        const storage = adapter();
        const base = area();
        const keys = [`${base}/runs/1/a.txt`, `${base}/runs/10/b.txt`, `${base}/runs/1/sub/c.txt`, `${base}/runs/2/d.txt`, `${base}/runs-x`, `${base}/other`];
        for (const key of keys) await storage.put(key, key);
        const under = async (prefix: string) => (await collect(storage.list(prefix))).map(info => info.key);
        expect(await under(`${base}/runs/1`)).toEqual([`${base}/runs/1/a.txt`, `${base}/runs/1/sub/c.txt`, `${base}/runs/10/b.txt`]);
        expect(await under(`${base}/runs/1/`)).toEqual([`${base}/runs/1/a.txt`, `${base}/runs/1/sub/c.txt`]);
        expect(await under(`${base}/runs`)).toEqual([`${base}/runs-x`, `${base}/runs/1/a.txt`, `${base}/runs/1/sub/c.txt`, `${base}/runs/10/b.txt`, `${base}/runs/2/d.txt`]);
        expect(await under(`${base}/nothing/`)).toEqual([]);
        const all = await collect(storage.list(`${base}/`));
        expect(all).toHaveLength(keys.length);
        for (const info of all) {
            expect(info.size).toBe(Buffer.byteLength(info.key));
            expect(info.location).toEqual(storage.locationOf(info.key));
        }
    });

    test('keys that could escape the store are refused with a clear error', async () => {
        const storage = adapter();
        const cases: [string, string][] = [
            ['../outside', '".." segment'],
            ['a/../../outside', '".." segment'],
            ['/etc/passwd', 'absolute path'],
            ['a\\b', 'backslash'],
            ['a\0b', 'NUL'],
            ['C:/x', 'drive letter'],
            ['a//b', 'empty segment'],
            ['a/./b', '"." segment'],
            ['', 'empty'],
            ['blobs/sha256/aa/bb', 'reserved for content-addressed'],
            ['.tmp/x', 'reserved for uploads']
        ];
        for (const [key, why] of cases) {
            await expect(storage.put(key, 'x'), key).rejects.toSatisfy((error: unknown) =>
                isStorageError(error, 'invalid-key') && error.message.includes(why) && error.message.startsWith('Invalid storage key'));
        }
        // A tampered record: the location's key is checked on read too.
        const tampered = { ...storage.locationOf('fine'), key: '../../etc/passwd' };
        await expect(storage.get(tampered)).rejects.toSatisfy((error: unknown) => isStorageError(error, 'invalid-key'));
        await expect(storage.stat(tampered)).rejects.toSatisfy((error: unknown) => isStorageError(error, 'invalid-key'));
        await expect(storage.delete(tampered)).rejects.toSatisfy((error: unknown) => isStorageError(error, 'invalid-key'));
        await expect(collect(storage.list('../'))).rejects.toSatisfy((error: unknown) => isStorageError(error, 'invalid-key'));
    });

    test('check() passes on a usable store', async () => {
        await adapter().check();
    });
}
