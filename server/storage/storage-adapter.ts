/**
 * Storage adapters: where the execution engine keeps operation outputs, captured logs, plots
 * and artifacts. One interface, several backends (`local`, `s3`); the engine stores the
 * {@link StorageLocation} a `put` returns in its execution records and hands it back to `get`.
 *
 * ## Keys
 * A key is a relative, `/`-separated path inside the store (`executions/42/stdout.txt`). Keys
 * that users influence are validated by {@link validateKey} and cannot escape the store: no
 * `..` or `.` segment, no leading `/`, no drive letter, no backslash, no empty segment, no NUL
 * or other control character, at most 1,024 UTF-8 bytes (the S3 limit). Two top-level names
 * are reserved: `blobs/` (content-addressed blobs, written only by the adapter) and `.tmp/`
 * (uploads in progress).
 *
 * ## Content addressing
 * `put(contentAddressed, content)` stores the content under its SHA-256 (lower-case hex) as
 * `blobs/sha256/<first 2 hex>/<64 hex>`. The hash is computed while the content streams (it is
 * never buffered whole); the same content always gets the same location, a second put of it
 * is a no-op that reports `deduplicated: true`, and concurrent puts of the same content are
 * safe (each writes its own temporary object; the last atomic rename / copy wins with identical
 * bytes). A blob is never visible partially written: readers see nothing or all of it.
 *
 * ## Named objects
 * `put('some/key', content)` stores under that key, replacing what was there (last writer
 * wins), atomically: readers see the old or the new content, never a mix.
 *
 * ## Streams
 * `content` may be a Node `Readable`, any `AsyncIterable<Uint8Array>`, a `Uint8Array`/`Buffer`
 * or a string (UTF-8). The adapter consumes the stream, or destroys it when it does not need
 * it (a content-addressed put whose `sha256` is given and already stored). Memory stays bounded
 * whatever the size: local writes stream to a file; S3 uploads go through `@aws-sdk/lib-storage`
 * (multipart above one part, `partSize × queueSize` bytes in flight at most).
 *
 * ## Errors
 * Every failure is a {@link StorageError} with a {@link StorageErrorCode} and a message that
 * names what failed (key, bucket, endpoint) and never contains credentials.
 */
import type { Readable } from 'node:stream';

/** Where a stored object lives: a small JSON-serializable record an execution record can keep. */
export type StorageLocation = LocalStorageLocation | S3StorageLocation;

/**
 * An object in a local store. `key` is relative to the store's directory (by default
 * `<project>/.deepforge/storage`), so a project folder can move without breaking its records.
 */
export interface LocalStorageLocation {
    readonly adapter: 'local';
    readonly key: string;
}

/**
 * An object in an S3 bucket. `key` is the full object key (the configured prefix included).
 * No endpoint and never credentials: those come from the configuration and the environment of
 * whoever reads the location. An adapter reads locations in other buckets of its endpoint too
 * (an artifact imported from an existing bucket).
 */
export interface S3StorageLocation {
    readonly adapter: 's3';
    readonly bucket: string;
    readonly key: string;
}

export type StorageKind = StorageLocation['adapter'];

/** The target of a content-addressed put: `storage.put(contentAddressed, stream)`. */
export const contentAddressed = Object.freeze({ contentAddressed: true as const });
export type ContentAddressed = typeof contentAddressed;
/** A key (named object) or {@link contentAddressed}. */
export type PutTarget = string | ContentAddressed;

export type StorageContent = Readable | AsyncIterable<Uint8Array> | Uint8Array | string;

export interface PutOptions {
    /**
     * The SHA-256 (hex) the content is expected to have. It is checked when the content has
     * streamed (mismatch: `integrity` error, nothing stored under a content-addressed location).
     * For a content-addressed put it also lets the adapter skip the transfer when the blob is
     * already stored. A named put whose content does not match leaves the previous object.
     */
    readonly sha256?: string;
    /** The expected size in bytes; checked like `sha256`. */
    readonly size?: number;
    /** MIME type recorded with the object where the backend supports it (S3). */
    readonly contentType?: string;
    /** Cancels the put; nothing is left behind (temporary files removed, multipart aborted). */
    readonly signal?: AbortSignal;
}

/** What a put stored; JSON-serializable, so an execution record can keep it as is. */
export interface StoredObject {
    readonly location: StorageLocation;
    /** The key inside the store (for S3 without the configured prefix). */
    readonly key: string;
    readonly size: number;
    /** SHA-256 of the content, lower-case hex, computed while it streamed. */
    readonly sha256: string;
    /** The backend's entity tag where it has one (S3; multipart: `"<md5 of part md5s>-<parts>"`). */
    readonly etag?: string;
    /** A content-addressed put whose blob was already stored: nothing new was written. */
    readonly deduplicated: boolean;
}

export interface ObjectInfo {
    readonly location: StorageLocation;
    readonly key: string;
    readonly size: number;
    readonly lastModified?: Date;
    readonly etag?: string;
    /**
     * SHA-256 (hex) where the store knows it without reading the content: always for
     * content-addressed blobs (it is their name); for S3 objects put with a declared `sha256`
     * or `size` (kept as `x-amz-meta-sha256`, reported by `stat`); otherwise absent — the put
     * result carries the hash, keep that.
     */
    readonly sha256?: string;
}

export interface GetOptions {
    /**
     * For content-addressed locations: hash the content as it streams and fail the stream
     * with an `integrity` error at the end when it does not match its name. Default false.
     */
    readonly verify?: boolean;
}

export interface StorageAdapter {
    readonly kind: StorageKind;
    /** Where this adapter stores, for messages and logs: never credentials. */
    readonly description: string;

    /** Stores `content` under a key or content-addressed; see the module documentation. */
    put(target: PutTarget, content: StorageContent, options?: PutOptions): Promise<StoredObject>;
    /**
     * Opens the object for reading. Rejects with `not-found` when it does not exist, before any
     * byte is read; errors while streaming (endpoint gone) fail the stream with a StorageError.
     */
    get(location: StorageLocation, options?: GetOptions): Promise<Readable>;
    /** The object's size and metadata, or `undefined` when it does not exist. */
    stat(location: StorageLocation): Promise<ObjectInfo | undefined>;
    /** Removes the object; removing one that does not exist is not an error. */
    delete(location: StorageLocation): Promise<void>;
    /**
     * Objects whose key starts with `prefix` (a plain string prefix, as in S3: `runs/1` lists
     * `runs/1/a` and `runs/10/b`), sorted by key; objects being uploaded are not listed.
     */
    list(prefix?: string): AsyncIterable<ObjectInfo>;

    /** The location a key has in this store (validated; nothing is read). */
    locationOf(key: string): StorageLocation;
    /** The location of the content-addressed blob with this SHA-256 (it may not exist: `stat`). */
    blobLocation(sha256: string): StorageLocation;
    /**
     * Checks that the store is usable now (directory writable; endpoint reachable, bucket
     * present, credentials accepted) so that a run fails before its first step, clearly.
     */
    check(): Promise<void>;
}

export type StorageErrorCode =
    | 'invalid-key'      // a key or prefix that could escape the store or that S3 cannot hold
    | 'invalid-location' // a location of another adapter or malformed
    | 'invalid-config'   // a storage configuration that cannot work (or holds credentials)
    | 'not-found'        // get of an object that does not exist
    | 'conflict'         // local store: a key that is both an object and a folder of others
    | 'unreachable'      // endpoint refused, reset, timed out, unknown host
    | 'no-bucket'        // the bucket does not exist
    | 'access-denied'    // credentials rejected or not allowed
    | 'no-credentials'   // none in the environment or the profile files
    | 'integrity'        // content does not match the expected hash or size
    | 'aborted'          // cancelled by the caller's signal, or the content stream failed
    | 'io';              // anything else (disk full, unexpected backend answer)

/** The one error type storage adapters throw; its message is safe to show and log. */
export class StorageError extends Error {
    override readonly name = 'StorageError';
    constructor(
        readonly code: StorageErrorCode,
        message: string,
        readonly details: { readonly adapter?: StorageKind; readonly location?: StorageLocation; readonly status?: number; readonly backendCode?: string } = {}
    ) {
        super(message);
    }
}

export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
    return error instanceof StorageError && (code === undefined || error.code === code);
}

export function isContentAddressed(target: PutTarget): target is ContentAddressed {
    return typeof target === 'object' && target !== null && (target as ContentAddressed).contentAddressed === true;
}

/**
 * Checks that `value` is a well-formed location (for instance one read back from an execution
 * record) and returns it typed; throws `invalid-location` otherwise. Keys are validated too,
 * so a tampered record cannot point outside the store.
 */
export function parseStorageLocation(value: unknown): StorageLocation {
    const bad = (why: string): never => {
        throw new StorageError('invalid-location', `Invalid storage location ${safeJson(value)}: ${why}`);
    };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('expected an object');
    const record = value as Record<string, unknown>;
    if (typeof record.key !== 'string') return bad('"key" must be a string');
    if (record.adapter === 'local') {
        checkFields(record, ['adapter', 'key'], bad);
        validateStoredKey(record.key);
        return { adapter: 'local', key: record.key };
    }
    if (record.adapter === 's3') {
        checkFields(record, ['adapter', 'bucket', 'key'], bad);
        if (typeof record.bucket !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,254}$/.test(record.bucket)) return bad('"bucket" must be a bucket name');
        validateStoredKey(record.key);
        return { adapter: 's3', bucket: record.bucket, key: record.key };
    }
    return bad(`unknown adapter ${safeJson(record.adapter)} (expected "local" or "s3")`);
}

function checkFields(record: Record<string, unknown>, allowed: string[], bad: (why: string) => never): void {
    const extra = Object.keys(record).filter(k => !allowed.includes(k));
    if (extra.length > 0) bad(`unexpected field${extra.length > 1 ? 's' : ''} ${extra.map(k => `"${k}"`).join(', ')}`);
}

function safeJson(value: unknown): string {
    try {
        const text = JSON.stringify(value) ?? String(value);
        return text.length > 200 ? text.slice(0, 200) + '…' : text;
    } catch {
        return String(value);
    }
}

// ---------------------------------------------------------------------------------------------
// Keys

export const BLOB_PREFIX = 'blobs/';
export const TEMPORARY_PREFIX = '.tmp/';
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_KEY_BYTES = 1024;

/** `blobs/sha256/ab/ab…`: the key of a content-addressed blob. */
export function blobKey(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) {
        throw new StorageError('invalid-key', `Invalid SHA-256 ${safeJson(sha256)}: expected 64 lower-case hex digits`);
    }
    return `${BLOB_PREFIX}sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/** The SHA-256 a key names when it is a content-addressed blob key, else undefined. */
export function sha256OfBlobKey(key: string): string | undefined {
    const match = /^blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(key);
    return match && match[2].startsWith(match[1]) ? match[2] : undefined;
}

function invalidKey(kind: string, key: string, why: string): never {
    throw new StorageError('invalid-key', `Invalid storage ${kind} ${safeJson(key)}: ${why}`);
}

function checkPath(kind: 'key' | 'prefix', key: unknown, allowTrailingSlash: boolean): string {
    if (typeof key !== 'string') invalidKey(kind, String(key), 'must be a string');
    const text = key as string;
    if (kind === 'key' && text.length === 0) invalidKey(kind, text, 'must not be empty');
    // eslint-disable-next-line no-control-regex
    if (text.includes('\0')) invalidKey(kind, text, 'contains a NUL character');
    // eslint-disable-next-line no-control-regex
    if (/[\u0001-\u001f\u007f]/.test(text)) invalidKey(kind, text, 'contains a control character');
    if (text.includes('\\')) invalidKey(kind, text, 'contains a backslash (use "/" between folders)');
    if (text.startsWith('/')) invalidKey(kind, text, 'is an absolute path (keys are relative to the store)');
    if (/^[A-Za-z]:/.test(text)) invalidKey(kind, text, 'starts with a drive letter (keys are relative to the store)');
    if (Buffer.byteLength(text, 'utf8') > MAX_KEY_BYTES) invalidKey(kind, text, `is longer than ${MAX_KEY_BYTES} bytes in UTF-8`);
    const segments = text.split('/');
    segments.forEach((segment, i) => {
        const last = i === segments.length - 1;
        if (segment === '..') invalidKey(kind, text, 'contains a ".." segment (keys cannot leave the store)');
        if (segment === '.') invalidKey(kind, text, 'contains a "." segment');
        if (segment === '' && !(last && (allowTrailingSlash || (kind === 'prefix' && text.length === 0)))) {
            invalidKey(kind, text, last ? 'ends with "/"' : 'contains an empty segment ("//")');
        }
    });
    return text;
}

/**
 * Validates a user-provided key for a named object: a relative path that cannot escape the
 * store, outside the reserved `blobs/` and `.tmp/` areas. Returns it; throws `invalid-key`.
 */
export function validateKey(key: string): string {
    checkPath('key', key, false);
    if (key.startsWith(BLOB_PREFIX) || key === 'blobs') invalidKey('key', key, '"blobs/" is reserved for content-addressed blobs (put with contentAddressed)');
    if (key.startsWith(TEMPORARY_PREFIX) || key === '.tmp') invalidKey('key', key, '".tmp/" is reserved for uploads in progress');
    return key;
}

/** Validates a key read back from a location: named keys and blob keys are both fine. */
export function validateStoredKey(key: string): string {
    checkPath('key', key, false);
    if (key.startsWith(BLOB_PREFIX) && sha256OfBlobKey(key) === undefined) {
        invalidKey('key', key, 'is under "blobs/" but is not a blob key (blobs/sha256/<2 hex>/<64 hex>)');
    }
    return key;
}

/** Validates a list prefix: like a key, but it may be empty or end with "/". */
export function validatePrefix(prefix: string): string {
    return checkPath('prefix', prefix, true);
}

export function validateSha256(sha256: string): string {
    blobKey(sha256);
    return sha256;
}
