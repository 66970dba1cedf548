/**
 * Storage benchmark: put/get throughput of one large stream (1 GiB by default) through the
 * storage adapters, each against the raw operation it wraps, in the same run:
 *
 *  - local: `put` (content-addressed: hashed on the fly, temp file, fsync, rename) and `get`
 *    against a raw streamed file copy (with and without fsync) and a raw file read;
 *  - s3 on a real Ceph radosgw started here (skipped with a note when Ceph is not installed):
 *    `put` (lib-storage multipart) and content-addressed `put` (upload + server-side copy)
 *    against one raw `PutObject` of the same file, `get` against a raw `GetObject`.
 *
 * Also reports the benchmark process's peak RSS growth during the adapter transfers (streaming
 * keeps it far below the content size). Asserts nothing.
 *
 *     import { runStorageBenchmark } from './storage.js';   await runStorageBenchmark();
 *     node out/bench/storage.js [--mib 1024] [--no-s3]
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LocalStorage } from '../server/storage/local-storage.js';
import { S3Storage } from '../server/storage/s3-storage.js';
import { contentAddressed, type StorageAdapter } from '../server/storage/storage-adapter.js';
import { radosgwMissing, startRadosgw } from '../test/server/storage/radosgw.js';

export interface StorageBenchmarkOptions {
    /** Bytes per transfer; default 1 GiB. */
    readonly bytes?: number;
    /** Run the S3 part (needs Ceph radosgw installed); default true. */
    readonly s3?: boolean;
    readonly log?: (line: string) => void;
}

export interface Measurement {
    readonly name: string;
    readonly seconds: number;
    /** MiB per second. */
    readonly throughput: number;
    /** Growth of this process's resident memory during the transfer, MiB (adapter transfers only). */
    readonly peakRssMiB?: number;
}

export interface StorageBenchmarkResult {
    readonly bytes: number;
    readonly local: Measurement[];
    readonly s3: Measurement[];
    readonly s3Skipped?: string;
    readonly radosgw?: { readonly startSeconds: number; readonly residentMiB: number };
}

const MiB = 1024 * 1024;

/** Writes `bytes` of incompressible, non-repeating data to `path` (xorshift, no content buffered). */
async function writeSource(path: string, bytes: number): Promise<void> {
    let x = 0x9e3779b9;
    let written = 0;
    async function* chunks() {
        while (written < bytes) {
            const length = Math.min(4 * MiB, bytes - written);
            const chunk = Buffer.allocUnsafe(length);
            for (let i = 0; i + 4 <= length; i += 4) {
                x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
                chunk.writeInt32LE(x | 0, i);
            }
            written += length;
            yield chunk;
        }
    }
    await pipeline(Readable.from(chunks()), createWriteStream(path));
}

function drain(): Writable {
    return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

/**
 * Runs `run` `repeats` times (after `reset` each time) and keeps the fastest: on two shared
 * cores a single run mostly measures who else was busy.
 */
async function measure(name: string, bytes: number, run: () => Promise<unknown>,
    { memory = false, repeats = 2, reset }: { memory?: boolean; repeats?: number; reset?: () => Promise<unknown> } = {}): Promise<Measurement> {
    let best: Measurement | undefined;
    for (let i = 0; i < repeats; i++) {
        await reset?.();
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = memory ? setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20) : undefined;
        const start = performance.now();
        try {
            await run();
        } finally {
            if (sampler) clearInterval(sampler);
        }
        const seconds = (performance.now() - start) / 1000;
        const peakRssMiB = memory ? Math.max(best?.peakRssMiB ?? 0, (peak - before) / MiB) : undefined;
        if (!best || seconds < best.seconds) best = { name, seconds, throughput: bytes / MiB / seconds, peakRssMiB };
        else if (peakRssMiB !== undefined) best = { ...best, peakRssMiB };
    }
    return best!;
}

function line(m: Measurement): string {
    const memory = m.peakRssMiB === undefined ? '' : `   (RSS +${m.peakRssMiB.toFixed(0)} MiB)`;
    return `  ${m.name.padEnd(44)} ${m.seconds.toFixed(2).padStart(7)} s  ${m.throughput.toFixed(0).padStart(6)} MiB/s${memory}`;
}

export async function runStorageBenchmark(options: StorageBenchmarkOptions = {}): Promise<StorageBenchmarkResult> {
    const bytes = options.bytes ?? 1024 * MiB;
    const log = options.log ?? (text => console.log(text));
    const folder = await mkdtemp(join(tmpdir(), 'df-bench-storage-'));
    const source = join(folder, 'source.bin');
    const local: Measurement[] = [];
    const s3: Measurement[] = [];
    let s3Skipped: string | undefined;
    let radosgw: StorageBenchmarkResult['radosgw'];
    try {
        await writeSource(source, bytes);
        log(`\nStorage: one ${(bytes / MiB).toFixed(0)} MiB stream (from a file in ${folder})`);

        // ---- local ----
        const store = new LocalStorage({ directory: join(folder, 'store') });
        const fast = new LocalStorage({ directory: join(folder, 'store-nosync'), durable: false });
        const input = () => createReadStream(source, { highWaterMark: MiB });
        const blob = async (storage: LocalStorage) => {
            // Each repetition stores for real: a blob already there would be deduplicated.
            for await (const info of storage.list('blobs/')) await storage.delete(info.location);
        };
        local.push(await measure('raw file copy (stream, no fsync)', bytes,
            () => pipeline(input(), createWriteStream(join(folder, 'copy-1.bin')))));
        local.push(await measure('raw file copy (stream + fsync)', bytes,
            () => pipeline(input(), createWriteStream(join(folder, 'copy-2.bin'), { flush: true }))));
        let stored: Awaited<ReturnType<StorageAdapter['put']>> | undefined;
        local.push(await measure('local put, content-addressed (fsync)', bytes, async () => {
            stored = await store.put(contentAddressed, input());
        }, { memory: true, reset: () => blob(store) }));
        local.push(await measure('local put, content-addressed (no fsync)', bytes,
            () => fast.put(contentAddressed, input()), { memory: true, reset: () => blob(fast) }));
        local.push(await measure('raw file read', bytes, () => pipeline(createReadStream(join(folder, 'copy-1.bin'), { highWaterMark: MiB }), drain())));
        local.push(await measure('local get', bytes, async () => pipeline(await store.get(stored!.location), drain()), { memory: true }));
        local.push(await measure('local get, verified (re-hashed)', bytes,
            async () => pipeline(await store.get(stored!.location, { verify: true }), drain()), { memory: true }));
        for (const m of local) log(line(m));
        await rm(join(folder, 'store'), { recursive: true, force: true });
        await rm(join(folder, 'store-nosync'), { recursive: true, force: true });
        await rm(join(folder, 'copy-1.bin'), { force: true });
        await rm(join(folder, 'copy-2.bin'), { force: true });

        // ---- s3 on radosgw ----
        const missing = options.s3 === false ? 'not asked for' : radosgwMissing();
        if (missing) {
            s3Skipped = missing;
            log(`  s3: skipped — ${missing}`);
        } else {
            const cluster = await startRadosgw({ memstoreBytes: Math.max(2 * 1024 ** 3, 6 * bytes) });
            try {
                radosgw = { startSeconds: cluster.timings.totalMs / 1000, residentMiB: cluster.residentBytes() / MiB };
                log(`  radosgw (mon + memstore OSD + rgw) started in ${radosgw.startSeconds.toFixed(1)} s, ${radosgw.residentMiB.toFixed(0)} MiB resident`);
                const credentials = { accessKeyId: cluster.accessKeyId, secretAccessKey: cluster.secretAccessKey };
                const raw = new S3Client({
                    endpoint: cluster.endpoint, region: 'us-east-1', forcePathStyle: true, credentials,
                    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED'
                });
                const bucket = 'bench';
                await raw.send(new CreateBucketCommand({ Bucket: bucket }));
                const adapter = new S3Storage({
                    endpoint: cluster.endpoint, bucket,
                    env: { AWS_ACCESS_KEY_ID: cluster.accessKeyId, AWS_SECRET_ACCESS_KEY: cluster.secretAccessKey }
                });
                const size = (await stat(source)).size;
                const remove = (key: string) => raw.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
                // Each object is removed once measured: memstore holds everything in RAM.
                s3.push(await measure('raw PutObject (one request)', bytes, () => raw.send(new PutObjectCommand({
                    Bucket: bucket, Key: 'raw.bin', Body: input(), ContentLength: size
                })), { reset: () => remove('raw.bin') }));
                s3.push(await measure('raw GetObject', bytes, async () => {
                    const response = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: 'raw.bin' }));
                    await pipeline(response.Body as Readable, drain());
                }));
                await remove('raw.bin');
                let named: Awaited<ReturnType<StorageAdapter['put']>> | undefined;
                s3.push(await measure('s3 put, named (multipart 8 MiB × 4)', bytes, async () => {
                    named = await adapter.put('bench/named.bin', input());
                }, { memory: true, reset: () => remove('bench/named.bin') }));
                s3.push(await measure('s3 get', bytes, async () => pipeline(await adapter.get(named!.location), drain()), { memory: true }));
                await adapter.delete(named!.location);
                let addressed: Awaited<ReturnType<StorageAdapter['put']>> | undefined;
                s3.push(await measure('s3 put, content-addressed (upload + copy)', bytes, async () => {
                    addressed = await adapter.put(contentAddressed, input());
                }, { memory: true, reset: async () => addressed && adapter.delete(addressed.location) }));
                if (addressed) await adapter.delete(addressed.location);
                for (const m of s3) log(line(m));
                adapter.destroy();
                raw.destroy();
            } finally {
                await cluster.stop();
            }
        }
        const ratio = (a: string, b: string, list: Measurement[]) => {
            const x = list.find(m => m.name === a);
            const y = list.find(m => m.name === b);
            return x && y ? `${(x.throughput / y.throughput).toFixed(2)}×` : 'n/a';
        };
        log(`  ratios: local put / raw copy+fsync ${ratio('local put, content-addressed (fsync)', 'raw file copy (stream + fsync)', local)}, ` +
            `local get / raw read ${ratio('local get', 'raw file read', local)}` +
            (s3.length ? `, s3 put / raw PutObject ${ratio('s3 put, named (multipart 8 MiB × 4)', 'raw PutObject (one request)', s3)}, ` +
                `s3 get / raw GetObject ${ratio('s3 get', 'raw GetObject', s3)}` : ''));
    } finally {
        await rm(folder, { recursive: true, force: true });
    }
    return { bytes, local, s3, s3Skipped, radosgw };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const args = process.argv.slice(2);
    const mib = args.includes('--mib') ? Number(args[args.indexOf('--mib') + 1]) : 1024;
    runStorageBenchmark({ bytes: mib * MiB, s3: !args.includes('--no-s3') }).catch(error => {
        console.error(error);
        process.exitCode = 1;
    });
}
