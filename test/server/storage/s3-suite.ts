/**
 * The S3 adapter's tests, run against a light server (moto) and the real Ceph radosgw: the
 * shared adapter contract plus what only S3 has (multipart with real ETags, server-side copy,
 * prefixes, credentials from the environment and profile files, error mapping).
 */
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
    CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand, S3Client
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { S3Storage, type S3StorageOptions } from '../../../server/storage/s3-storage.js';
import { contentAddressed, isStorageError, StorageError } from '../../../server/storage/storage-adapter.js';
import { createStorage } from '../../../server/storage/storage-registry.js';
import { storageContract } from './contract.js';
import { collect, failingAfter, generated, readAll, removeTemporaryDirectories, sha256Of, temporaryDirectory } from './helpers.js';
import { freePort } from './radosgw.js';

export interface S3Server {
    readonly endpoint: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
}

const MiB = 1024 * 1024;

export function rawClient(server: S3Server): S3Client {
    return new S3Client({
        endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
        requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED'
    });
}

export async function createBucket(server: S3Server, prefix = 'df-test'): Promise<string> {
    const bucket = `${prefix}-${randomUUID().slice(0, 8)}`;
    await rawClient(server).send(new CreateBucketCommand({ Bucket: bucket }));
    return bucket;
}

export function envOf(server: S3Server): Record<string, string> {
    return { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.secretAccessKey };
}

/** The ETag S3 gives a multipart object: MD5 of the parts' MD5s, dash, part count. */
async function multipartEtag(source: AsyncIterable<Uint8Array>, partSize: number): Promise<string> {
    const digests: Buffer[] = [];
    let part = createHash('md5');
    let filled = 0;
    for await (const chunk of source) {
        let offset = 0;
        while (offset < chunk.length) {
            const take = Math.min(partSize - filled, chunk.length - offset);
            part.update(chunk.subarray(offset, offset + take));
            filled += take;
            offset += take;
            if (filled === partSize) {
                digests.push(part.digest());
                part = createHash('md5');
                filled = 0;
            }
        }
    }
    if (filled > 0) digests.push(part.digest());
    return `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${digests.length}"`;
}

/** `checksCredentials`: moto accepts any credentials; radosgw checks signatures. */
export function s3Suite(name: string, server: () => S3Server, checksCredentials: boolean): void {
    afterAll(removeTemporaryDirectories);

    describe(`${name}: the adapter contract`, () => {
        let storage: S3Storage;
        beforeAll(async () => {
            const s = server();
            storage = new S3Storage({ endpoint: s.endpoint, bucket: await createBucket(s), partSize: 5 * MiB, env: envOf(s) });
        });
        storageContract(() => storage);
    });

    describe(`${name}: S3 specifics`, () => {
        let bucket: string;
        const adapter = (options: Partial<S3StorageOptions> = {}) => new S3Storage({
            endpoint: server().endpoint, bucket, partSize: 5 * MiB, env: envOf(server()), ...options
        });
        beforeAll(async () => {
            bucket = await createBucket(server());
        });

        test('multipart upload: parts of 5 MiB, the real multipart ETag, content intact', async () => {
            const storage = adapter();
            const size = 21 * MiB + 123;
            const stored = await storage.put('multipart/big.bin', generated(size, 8));
            expect(stored.size).toBe(size);
            expect(stored.etag).toBe(await multipartEtag(generated(size, 8), 5 * MiB));
            expect(stored.etag).toMatch(/^"[0-9a-f]{32}-5"$/);
            const head = await rawClient(server()).send(new HeadObjectCommand({ Bucket: bucket, Key: 'multipart/big.bin' }));
            expect(head.ETag).toBe(stored.etag);
            expect(head.ContentLength).toBe(size);
            expect(await sha256Of(await storage.get(stored.location))).toEqual({ sha256: stored.sha256, size });
            // A small object is one PutObject: its ETag is the MD5 of the content.
            const small = await storage.put('multipart/small.txt', 'small');
            expect(small.etag).toBe(`"${createHash('md5').update('small').digest('hex')}"`);
        });

        test('content-addressed multipart: uploaded to .tmp/, copied to its blob key, .tmp/ emptied', async () => {
            const storage = adapter();
            const size = 12 * MiB + 1;
            const stored = await storage.put(contentAddressed, generated(size, 21));
            const expected = await sha256Of(generated(size, 21));
            expect(stored).toMatchObject({ sha256: expected.sha256, size, key: `blobs/sha256/${expected.sha256.slice(0, 2)}/${expected.sha256}` });
            expect(await sha256Of(await storage.get(stored.location, { verify: true }))).toEqual(expected);
            const temporary = await rawClient(server()).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: '.tmp/' }));
            expect(temporary.Contents ?? []).toEqual([]);
            // The copy above 5 GiB goes through UploadPartCopy: the same path with a low threshold.
            const copying = adapter({ multipartCopyThreshold: 5 * MiB });
            const copied = await copying.put(contentAddressed, generated(size, 22));
            expect(await sha256Of(await copying.get(copied.location, { verify: true }))).toEqual(await sha256Of(generated(size, 22)));
            expect(copied.etag).toMatch(/-3"$/);
        });

        test('a failed multipart upload is aborted: no object, no incomplete upload, no temporary object', async () => {
            const storage = adapter();
            await expect(storage.put('aborted/object.bin', failingAfter(12 * MiB))).rejects.toSatisfy((error: unknown) => isStorageError(error, 'aborted'));
            await expect(storage.put(contentAddressed, failingAfter(12 * MiB))).rejects.toSatisfy((error: unknown) => isStorageError(error, 'aborted'));
            const raw = rawClient(server());
            expect((await raw.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toEqual([]);
            expect((await raw.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'aborted/' }))).Contents ?? []).toEqual([]);
            expect((await raw.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: '.tmp/' }))).Contents ?? []).toEqual([]);
        });

        test('a declared sha256 is kept as metadata and reported by stat', async () => {
            const storage = adapter();
            const content = `declared ${randomUUID()}`;
            const hash = createHash('sha256').update(content).digest('hex');
            const stored = await storage.put('declared.txt', content, { sha256: hash, contentType: 'text/plain' });
            expect(await storage.stat(stored.location)).toMatchObject({ sha256: hash, size: content.length });
            const raw = await rawClient(server()).send(new GetObjectCommand({ Bucket: bucket, Key: 'declared.txt' }));
            expect(raw.Metadata).toEqual({ sha256: hash });
            expect(raw.ContentType).toBe('text/plain');
            await raw.Body?.transformToString();
        });

        test('a prefix shares the bucket: full keys in locations, logical keys in listings', async () => {
            const storage = createStorage({ storage: 's3', s3: { endpoint: server().endpoint, bucket, prefix: 'team-a/' } },
                { projectDirectory: temporaryDirectory(), env: envOf(server()) });
            const stored = await storage.put('runs/1/out.txt', 'out');
            expect(stored.location).toEqual({ adapter: 's3', bucket, key: 'team-a/runs/1/out.txt' });
            expect(stored.key).toBe('runs/1/out.txt');
            const blob = await storage.put(contentAddressed, 'blob in team a');
            expect(blob.location.key).toBe(`team-a/${blob.key}`);
            expect((await collect(storage.list())).map(o => o.key)).toEqual([blob.key, 'runs/1/out.txt']);
            expect(await storage.stat(stored.location)).toMatchObject({ key: 'runs/1/out.txt', size: 3 });
            const raw = await rawClient(server()).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'team-a/' }));
            expect((raw.Contents ?? []).map(o => o.Key)).toEqual([blob.location.key, 'team-a/runs/1/out.txt']);
        });

        test('objects another tool wrote are readable through a location', async () => {
            await rawClient(server()).send(new PutObjectCommand({ Bucket: bucket, Key: 'imported/data.csv', Body: 'a,b\n1,2\n' }));
            const storage = adapter();
            const location = { adapter: 's3' as const, bucket, key: 'imported/data.csv' };
            expect((await readAll(await storage.get(location))).toString()).toBe('a,b\n1,2\n');
        });

        test('a missing bucket: a clear error naming it and the endpoint, for every operation', async () => {
            const storage = adapter({ bucket: 'no-such-bucket-here' });
            const missing = (error: unknown) => isStorageError(error, 'no-bucket')
                && error.message.includes('"no-such-bucket-here"') && error.message.includes(server().endpoint);
            await expect(storage.check()).rejects.toSatisfy(missing);
            await expect(storage.put('k', 'v')).rejects.toSatisfy(missing);
            await expect(storage.get(storage.locationOf('k'))).rejects.toSatisfy(missing);
            await expect(storage.stat(storage.locationOf('k'))).rejects.toSatisfy(missing);
            await expect(collect(storage.list())).rejects.toSatisfy(missing);
            await expect(storage.put(contentAddressed, 'v', { sha256: createHash('sha256').update('v').digest('hex') })).rejects.toSatisfy(missing);
        });

        test('an endpoint nobody listens on: unreachable, naming the endpoint', async () => {
            const endpoint = `http://127.0.0.1:${await freePort()}`;
            const storage = adapter({ endpoint, maxAttempts: 2 });
            const unreachable = (error: unknown) => isStorageError(error, 'unreachable')
                && error.message.includes(endpoint) && error.message.includes('ECONNREFUSED');
            await expect(storage.check()).rejects.toSatisfy(unreachable);
            await expect(storage.put('k', 'v')).rejects.toSatisfy(unreachable);
            await expect(storage.put('big', generated(11 * MiB))).rejects.toSatisfy(unreachable);
            await expect(storage.get(storage.locationOf('k'))).rejects.toSatisfy(unreachable);
            await expect(storage.stat(storage.locationOf('k'))).rejects.toSatisfy(unreachable);
        });

        test('credentials from an AWS profile file (config "profile" or AWS_PROFILE)', async () => {
            const folder = temporaryDirectory();
            const credentials = join(folder, 'credentials');
            writeFileSync(credentials, `[lab]\naws_access_key_id = ${server().accessKeyId}\naws_secret_access_key = ${server().secretAccessKey}\n`);
            const env = { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(folder, 'config') };
            const viaConfig = createStorage({ storage: 's3', s3: { endpoint: server().endpoint, bucket, profile: 'lab' } }, { projectDirectory: folder, env });
            expect((await viaConfig.put('profile/one', 'one')).size).toBe(3);
            const viaEnv = createStorage({ storage: 's3', s3: { endpoint: server().endpoint, bucket } }, { projectDirectory: folder, env: { ...env, AWS_PROFILE: 'lab' } });
            expect((await readAll(await viaEnv.get(viaEnv.locationOf('profile/one')))).toString()).toBe('one');
        });

        test('no credentials anywhere: a message saying where they are looked for', async () => {
            const folder = temporaryDirectory();
            const storage = adapter({ env: { AWS_SHARED_CREDENTIALS_FILE: join(folder, 'none'), AWS_CONFIG_FILE: join(folder, 'none') } });
            await expect(storage.put('k', 'v')).rejects.toSatisfy((error: unknown) => isStorageError(error, 'no-credentials')
                && error.message.includes('AWS_ACCESS_KEY_ID') && error.message.includes('profile "default"'));
        });

        // Only servers that check signatures can say "access denied" (moto accepts any secret).
        if (checksCredentials) {
            test('a wrong secret: access denied, and the secret appears in no message, inspection or log line', async () => {
                const secret = `Wr0ng-${randomUUID()}-SECRET`;
                const lines: string[] = [];
                const capture = (...content: unknown[]) => lines.push(content.map(c => inspect(c, { depth: 8 })).join(' '));
                const storage = adapter({
                    env: { AWS_ACCESS_KEY_ID: server().accessKeyId, AWS_SECRET_ACCESS_KEY: secret },
                    logger: { debug: capture, info: capture, warn: capture, error: capture }
                });
                const failures: StorageError[] = [];
                for (const attempt of [
                    () => storage.put('denied/k', 'v'),
                    () => storage.put('denied/big', generated(11 * MiB)),
                    () => storage.put(contentAddressed, 'v'),
                    () => storage.get(storage.locationOf('k')),
                    () => storage.stat(storage.locationOf('k')),
                    () => collect(storage.list()),
                    () => storage.check()
                ]) {
                    const error = await attempt().then(() => undefined, (e: unknown) => e);
                    expect(error).toBeInstanceOf(StorageError);
                    failures.push(error as StorageError);
                }
                for (const error of failures) {
                    expect(error.code).toBe('access-denied');
                    expect(error.message).toContain(server().endpoint);
                    expect(error.message).toContain('AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment');
                    for (const text of [error.message, String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error), error.stack ?? '']) {
                        expect(text).not.toContain(secret);
                    }
                }
                expect(lines.join('\n')).not.toContain(secret);
            });
        }
    });
}
