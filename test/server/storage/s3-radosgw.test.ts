/**
 * Integration tests of the S3 adapter against a real Ceph radosgw (mon + memstore OSD + rgw on
 * 127.0.0.1, started here and stopped after): the whole S3 suite, credentials checked for real,
 * and the gateway stopped in the middle of an upload and of a download.
 * Needs `radosgw ceph-mon ceph-osd ceph-common` (scripts/setup-services.sh; .ci/run runs it).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { S3Storage } from '../../../server/storage/s3-storage.js';
import { isStorageError } from '../../../server/storage/storage-adapter.js';
import { generated, readAll } from './helpers.js';
import { radosgwMissing, startRadosgw, type RadosgwCluster } from './radosgw.js';
import { createBucket, envOf, s3Suite, type S3Server } from './s3-suite.js';

const MiB = 1024 * 1024;

describe('S3 storage on a real Ceph radosgw', () => {
    let cluster: RadosgwCluster;
    let server: S3Server;

    beforeAll(async () => {
        const missing = radosgwMissing();
        if (missing) throw new Error(missing);
        cluster = await startRadosgw();
        const t = cluster.timings;
        console.log(`radosgw up in ${(t.totalMs / 1000).toFixed(1)} s (mon ${(t.monitorMs / 1000).toFixed(1)} s, osd ${(t.osdMs / 1000).toFixed(1)} s, ` +
            `rgw ${(t.gatewayMs / 1000).toFixed(1)} s, user ${(t.userMs / 1000).toFixed(1)} s) at ${cluster.endpoint}, ${(cluster.residentBytes() / MiB).toFixed(0)} MiB resident`);
        server = cluster;
    });

    afterAll(async () => {
        await cluster?.stop();
    });

    s3Suite('radosgw', () => server, true);

    describe('radosgw: the endpoint goes away mid-operation', () => {
        test('the gateway stopped during a multipart upload: unreachable, naming the endpoint; nothing stored', async () => {
            const bucket = await createBucket(server);
            const storage = new S3Storage({ endpoint: server.endpoint, bucket, partSize: 5 * MiB, queueSize: 2, maxAttempts: 2, env: envOf(server) });
            let sent = 0;
            let stopping: Promise<void> | undefined;
            const slow = Readable.from((async function* () {
                for await (const chunk of generated(200 * MiB, 5, 256 * 1024)) {
                    sent += chunk.length;
                    // After two parts have gone, the gateway goes down.
                    if (sent >= 12 * MiB && !stopping) stopping = cluster.stopGateway();
                    yield chunk;
                    await new Promise(resolve => setTimeout(resolve, 2));
                }
            })());
            const started = Date.now();
            const error = await storage.put('interrupted/object.bin', slow).then(() => undefined, (e: unknown) => e);
            await stopping;
            try {
                expect(isStorageError(error, 'unreachable'), String(error)).toBe(true);
                expect((error as Error).message).toContain(server.endpoint);
                expect((error as Error).message).toContain('is the server running');
                expect((error as Error).message).not.toContain(server.secretAccessKey);
                expect(Date.now() - started).toBeLessThan(60_000);
                expect(sent).toBeLessThan(200 * MiB); // it stopped reading the source
                // While it is down every operation says so.
                await expect(storage.stat(storage.locationOf('interrupted/object.bin'))).rejects.toSatisfy((e: unknown) => isStorageError(e, 'unreachable'));
                await expect(storage.check()).rejects.toSatisfy((e: unknown) =>
                    isStorageError(e, 'unreachable') && (e as Error).message.includes(server.endpoint));
            } finally {
                await cluster.startGateway();
            }
            // Back up: the interrupted upload left no object.
            expect(await storage.stat(storage.locationOf('interrupted/object.bin'))).toBeUndefined();
            storage.destroy();
        });

        test('the gateway stopped during a download: the stream fails with unreachable', async () => {
            const bucket = await createBucket(server);
            const storage = new S3Storage({ endpoint: server.endpoint, bucket, maxAttempts: 1, env: envOf(server) });
            const stored = await storage.put(`download/${randomUUID()}`, generated(64 * MiB, 9));
            const stream = await storage.get(stored.location);
            let received = 0;
            const reading = (async () => {
                for await (const chunk of stream) {
                    received += (chunk as Buffer).length;
                    await new Promise(resolve => setTimeout(resolve, 5));
                }
            })();
            while (received < 1 * MiB) await new Promise(resolve => setTimeout(resolve, 10));
            await cluster.stopGateway();
            try {
                const error = await reading.then(() => undefined, (e: unknown) => e);
                expect(isStorageError(error, 'unreachable'), `${String(error)} after ${received} bytes`).toBe(true);
                expect((error as Error).message).toContain(server.endpoint);
                expect(received).toBeLessThan(64 * MiB);
            } finally {
                await cluster.startGateway();
            }
            // And the object is intact for a reader that comes after.
            expect((await readAll(await storage.get(stored.location))).length).toBe(64 * MiB);
            storage.destroy();
        });
    });
});
