/**
 * Stream helpers shared by the storage adapters: content of any accepted shape as a Readable,
 * hashing while it flows, and checks of expected hash and size.
 */
import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { StorageError, type PutOptions, type StorageContent } from './storage-adapter.js';

export function toReadable(content: StorageContent): Readable {
    if (content instanceof Readable) return content;
    if (typeof content === 'string') return Readable.from([Buffer.from(content, 'utf8')], { objectMode: false });
    if (content instanceof Uint8Array) return Readable.from([content], { objectMode: false });
    if (content && typeof (content as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
        return Readable.from(content as AsyncIterable<Uint8Array>, { objectMode: false });
    }
    throw new StorageError('io', 'Storage content must be a Readable, an AsyncIterable of bytes, a Uint8Array or a string');
}

/** Passes bytes through unchanged, hashing and counting them. */
export class HashingTap extends Transform {
    private readonly hash: Hash = createHash('sha256');
    private digestHex: string | undefined;
    /** Bytes passed so far. (Not `size`: lib-storage reads `Body.size` as the content length.) */
    bytes = 0;

    override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        this.hash.update(bytes);
        this.bytes += bytes.length;
        callback(null, bytes);
    }

    /** The SHA-256 of everything that passed; call once the stream has ended. */
    get sha256(): string {
        this.digestHex ??= this.hash.digest('hex');
        return this.digestHex;
    }
}

/** Throws `integrity` when the streamed content differs from what the caller declared. */
export function checkExpected(options: PutOptions | undefined, sha256: string, size: number, what: string): void {
    if (options?.size !== undefined && options.size !== size) {
        throw new StorageError('integrity', `${what}: expected ${options.size} bytes, got ${size}`);
    }
    if (options?.sha256 !== undefined && options.sha256 !== sha256) {
        throw new StorageError('integrity', `${what}: expected SHA-256 ${options.sha256}, the content has ${sha256}`);
    }
}

/**
 * A pass-through that fails at the end with `integrity` when the content's SHA-256 is not
 * `expected` (reading a content-addressed blob with `verify`).
 */
export function verifying(expected: string, what: string): Transform {
    const hash = createHash('sha256');
    return new Transform({
        transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            callback(null, chunk);
        },
        flush(callback) {
            const actual = hash.digest('hex');
            callback(actual === expected ? null : new StorageError('integrity', `${what} is corrupt: its content hashes to ${actual}`));
        }
    });
}

/**
 * Relays `source` into a new stream whose errors go through `mapError` (so a reader sees a
 * StorageError, not a socket error); destroying the returned stream destroys the source.
 */
export function relay(source: Readable, mapError: (error: unknown) => Error, through?: Transform): Readable {
    const out = through ?? new Transform({ transform: (chunk, _e, callback) => callback(null, chunk) });
    let failed = false;
    const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        out.destroy(error instanceof StorageError ? error : mapError(error));
    };
    source.on('error', fail);
    out.on('close', () => {
        if (!source.destroyed) source.destroy();
    });
    // A source that ends early without an error (socket closed mid-body) is a failure too.
    source.on('aborted', () => fail(Object.assign(new Error('connection aborted while reading'), { code: 'ECONNRESET' })));
    source.pipe(out);
    return out;
}
