import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const created: string[] = [];

/** A fresh folder under the system's temporary folder; test files remove them in afterAll. */
export function temporaryDirectory(name = 'df-storage-'): string {
    const folder = mkdtempSync(join(tmpdir(), name));
    created.push(folder);
    return folder;
}

/** Removes every folder temporaryDirectory made (some tests write hundreds of MiB). */
export function removeTemporaryDirectories(): void {
    for (const path of created.splice(0)) rmSync(path, { recursive: true, force: true });
}

const MiB = 1024 * 1024;

/** One MiB of fixed pseudo-random bytes (xorshift), the pattern generated content repeats. */
function pattern(seed: number): Buffer {
    const buffer = Buffer.alloc(MiB);
    let x = seed | 1;
    for (let i = 0; i < MiB; i += 4) {
        x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
        buffer.writeInt32LE(x | 0, i);
    }
    return buffer;
}

/**
 * `size` bytes of deterministic content generated on the fly (never held whole): the seed's
 * 1 MiB pattern with the chunk number stamped in, so no two MiB are equal.
 */
export async function* generated(size: number, seed = 1, chunk = MiB): AsyncGenerator<Buffer> {
    const base = pattern(seed);
    let produced = 0;
    let index = 0;
    while (produced < size) {
        const length = Math.min(chunk, size - produced);
        const piece = Buffer.allocUnsafe(length);
        base.copy(piece, 0, 0, length);
        if (length >= 8) piece.writeBigUInt64LE(BigInt(index), 0);
        produced += length;
        index++;
        yield piece;
    }
}

export async function sha256Of(source: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
    }
    return { sha256: hash.digest('hex'), size };
}

export function sha256(data: string | Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
}

export async function readAll(stream: Readable): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
}

/** A readable that yields `before` bytes and then fails, as a broken upload source would. */
export function failingAfter(before: number, message = 'source broke'): Readable {
    const iterator = generated(before, 7, 64 * 1024);
    return Readable.from((async function* () {
        yield* iterator;
        await new Promise(resolve => setTimeout(resolve, 10));
        throw new Error(message);
    })());
}

/** A readable that throws as soon as anybody reads it (to prove that nothing was read). */
export function untouchable(): Readable {
    return new Readable({
        read() {
            this.destroy(new Error('this content should not have been read'));
        }
    });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterable) items.push(item);
    return items;
}
