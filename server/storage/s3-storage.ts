/**
 * `s3` storage: objects in a bucket of any S3-compatible endpoint (AWS S3, Ceph radosgw, MinIO).
 *
 *     <prefix>blobs/sha256/ab/ab12…      content-addressed blobs
 *     <prefix><key>                      named objects
 *     <prefix>.tmp/uploads/<uuid>        content-addressed uploads whose hash is not known yet
 *
 * Uploads stream through `@aws-sdk/lib-storage` (one PutObject below `partSize`, multipart above,
 * at most `partSize × queueSize` bytes buffered) while the content is hashed on the fly. A
 * content-addressed put whose hash the caller does not give is uploaded to a temporary key,
 * then copied server-side to its blob key (CopyObject; multipart UploadPartCopy above 5 GiB)
 * and the temporary object deleted (with `options.sha256`, nothing is transferred when the blob
 * exists); so is a named put with a declared `sha256` or `size`, checked before it replaces
 * anything. A named put with nothing to check streams straight to its key. A failed upload aborts its multipart upload; one cut
 * short by a crash leaves an incomplete multipart upload or a `.tmp/` object: a bucket
 * lifecycle rule (AbortIncompleteMultipartUpload, expiry of `.tmp/`) clears them.
 *
 * Credentials come only from the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`) or the standard AWS profile files (`~/.aws/credentials`,
 * `~/.aws/config`, or `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE`), profile from the
 * configuration's `profile` or `AWS_PROFILE` — a named profile wins over environment keys, as
 * in the AWS SDK. Never from the storage configuration, never instance metadata; they are
 * never written to locations, errors or logs.
 *
 * Requests use the SDK's "when required" checksum mode (no CRC32 trailers): S3-compatible
 * servers such as Ceph Pacific do not all accept the newer flexible checksums.
 */
import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
    AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
    GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, UploadPartCopyCommand,
    type HeadObjectCommandOutput
} from '@aws-sdk/client-s3';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { Upload } from '@aws-sdk/lib-storage';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
    blobKey, isContentAddressed, isStorageError, sha256OfBlobKey, StorageError, TEMPORARY_PREFIX, validateKey, validatePrefix, validateSha256,
    validateStoredKey, type GetOptions, type ObjectInfo, type PutOptions, type PutTarget, type S3StorageLocation, type StorageAdapter,
    type StorageContent, type StorageErrorCode, type StorageLocation, type StoredObject
} from './storage-adapter.js';
import { checkExpected, HashingTap, relay, toReadable, verifying } from './streams.js';

/** Receives the SDK's log lines and the adapter's warnings (no credentials ever pass here). */
export interface StorageLogger {
    debug?(...content: unknown[]): void;
    info?(...content: unknown[]): void;
    warn?(...content: unknown[]): void;
    error?(...content: unknown[]): void;
}

export interface S3StorageOptions {
    /** `http(s)://host[:port]` of an S3-compatible server; absent: AWS S3 of `region`. */
    readonly endpoint?: string;
    readonly bucket: string;
    /** Default `us-east-1`. */
    readonly region?: string;
    /** Path-style URLs (`endpoint/bucket/key`); default true with an `endpoint`, false without. */
    readonly forcePathStyle?: boolean;
    /** Key prefix inside the bucket (`''` or ending with `/`), to share a bucket. Default `''`. */
    readonly prefix?: string;
    /** The AWS profile to read credentials from (else `AWS_PROFILE`, else environment keys, else `default`). */
    readonly profile?: string;
    /** Where credentials and profile settings are read from; default `process.env`. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    /** Multipart part size in bytes (≥ 5 MiB); default 8 MiB. */
    readonly partSize?: number;
    /** Parts uploaded concurrently; default 4. */
    readonly queueSize?: number;
    /** Attempts per request (the SDK retries refused or reset connections, 5xx, throttling); default 3. */
    readonly maxAttempts?: number;
    /** Milliseconds to establish a connection; default 5,000. */
    readonly connectionTimeoutMs?: number;
    /** Milliseconds a socket may stay idle mid-request before it fails; default 120,000. */
    readonly socketTimeoutMs?: number;
    /** Server-side copies above this size use multipart UploadPartCopy; default 5 GiB (the CopyObject limit). */
    readonly multipartCopyThreshold?: number;
    readonly logger?: StorageLogger;
}

const MiB = 1024 * 1024;
const MIN_PART = 5 * MiB;
const COPY_LIMIT = 5 * 1024 * MiB;

/** Validates an endpoint: an http(s) URL without credentials, path, query or fragment. */
export function validateEndpoint(endpoint: string): string {
    const bad = (why: string): never => {
        throw new StorageError('invalid-config', `Invalid S3 endpoint: ${why}`);
    };
    let url: URL;
    try {
        url = new URL(endpoint);
    } catch {
        return bad(`${JSON.stringify(endpoint)} is not a URL (expected http://host:port or https://host)`);
    }
    // Never echo a URL that carries credentials.
    if (url.username || url.password) return bad('it contains a user name or password; credentials come from the environment or the AWS profile files');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad(`${JSON.stringify(endpoint)} must start with http:// or https://`);
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return bad(`${JSON.stringify(endpoint)} must not have a path, query or fragment`);
    return url.origin;
}

/** S3 bucket naming rules (lower-case letters, digits, dots, hyphens; 3–63 characters). */
export function validateBucket(bucket: string): string {
    if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
        throw new StorageError('invalid-config',
            `Invalid S3 bucket name ${JSON.stringify(bucket)}: 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit`);
    }
    return bucket;
}

const NETWORK_CODES = new Set([
    'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED',
    'EPROTO', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ERR_STREAM_PREMATURE_CLOSE'
]);

function networkCode(error: unknown, depth = 0): string | undefined {
    if (!error || typeof error !== 'object' || depth > 4) return undefined;
    const e = error as { code?: unknown; name?: unknown; errors?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
    if (e.name === 'TimeoutError') return 'timed out';
    if (Array.isArray(e.errors)) {
        for (const inner of e.errors) {
            const code = networkCode(inner, depth + 1);
            if (code) return code;
        }
    }
    return networkCode(e.cause, depth + 1);
}

interface Credentials { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export class S3Storage implements StorageAdapter {
    readonly kind = 's3' as const;
    readonly bucket: string;
    readonly prefix: string;
    readonly region: string;
    /** The endpoint as shown in messages: the configured origin, or AWS S3 with its region. */
    readonly endpointLabel: string;
    private readonly client: S3Client;
    private readonly partSize: number;
    private readonly queueSize: number;
    private readonly copyThreshold: number;
    private credentialSource = 'credentials';
    /** The secret parts of the credentials in use, kept only to scrub them from any message. */
    private secrets: string[] = [];

    constructor(options: S3StorageOptions) {
        this.bucket = validateBucket(options.bucket);
        const endpoint = options.endpoint === undefined ? undefined : validateEndpoint(options.endpoint);
        this.region = options.region ?? 'us-east-1';
        this.endpointLabel = endpoint ?? `AWS S3 (${this.region})`;
        const prefix = options.prefix ?? '';
        validatePrefix(prefix);
        if (prefix !== '' && !prefix.endsWith('/')) {
            throw new StorageError('invalid-config', `Invalid S3 prefix ${JSON.stringify(prefix)}: it must end with "/"`);
        }
        this.prefix = prefix;
        this.partSize = options.partSize ?? 8 * MiB;
        if (!(this.partSize >= MIN_PART)) throw new StorageError('invalid-config', `S3 partSize must be at least 5 MiB (got ${options.partSize})`);
        this.queueSize = Math.max(1, options.queueSize ?? 4);
        this.copyThreshold = Math.min(options.multipartCopyThreshold ?? COPY_LIMIT, COPY_LIMIT);
        const logger = options.logger;
        const noop = () => undefined;
        this.client = new S3Client({
            endpoint,
            region: this.region,
            forcePathStyle: options.forcePathStyle ?? endpoint !== undefined,
            credentials: this.credentialProvider(options.env ?? process.env, options.profile),
            maxAttempts: options.maxAttempts ?? 3,
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
            requestHandler: new NodeHttpHandler({
                connectionTimeout: options.connectionTimeoutMs ?? 5000,
                socketTimeout: options.socketTimeoutMs ?? 120_000,
                httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
                httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 })
            }),
            logger: logger && {
                debug: (...c: unknown[]) => (logger.debug ?? noop)(...c),
                info: (...c: unknown[]) => (logger.info ?? noop)(...c),
                warn: (...c: unknown[]) => (logger.warn ?? noop)(...c),
                error: (...c: unknown[]) => (logger.error ?? noop)(...c)
            }
        });
    }

    get description(): string {
        return `s3 bucket "${this.bucket}"${this.prefix ? ` (prefix "${this.prefix}")` : ''} at ${this.endpointLabel}`;
    }

    locationOf(key: string): S3StorageLocation {
        return { adapter: 's3', bucket: this.bucket, key: this.prefix + validateStoredKey(key) };
    }

    blobLocation(sha256: string): S3StorageLocation {
        return { adapter: 's3', bucket: this.bucket, key: this.prefix + blobKey(sha256) };
    }

    async put(target: PutTarget, content: StorageContent, options: PutOptions = {}): Promise<StoredObject> {
        const named = isContentAddressed(target) ? undefined : validateKey(target);
        if (options.sha256 !== undefined) validateSha256(options.sha256);
        const source = toReadable(content);
        const what = named === undefined ? `content-addressed put into ${this.description}` : `put of "${named}" into ${this.description}`;
        const metadata = options.sha256 !== undefined ? { sha256: options.sha256 } : undefined;

        if (named === undefined && options.sha256 !== undefined) {
            const key = blobKey(options.sha256);
            let existing: HeadObjectCommandOutput | undefined;
            try {
                existing = await this.head(this.bucket, this.prefix + key, 'check for');
            } catch (error) {
                source.destroy();
                throw error;
            }
            if (existing && (options.size === undefined || existing.ContentLength === options.size)) {
                source.destroy();
                return { location: this.locationOf(key), key, size: existing.ContentLength ?? 0, sha256: options.sha256, etag: existing.ETag, deduplicated: true };
            }
        }

        // Only a named put with nothing to check goes straight to its key. Anything that must be
        // checked first (a blob's name is its hash; a declared hash or size) is uploaded to a
        // temporary key, checked, and copied server-side into place: a wrong upload is never
        // visible under its final key and never replaces a good object.
        const direct = named !== undefined && options.sha256 === undefined && options.size === undefined;
        const uploadObject = this.prefix + (direct ? named : `${TEMPORARY_PREFIX}uploads/${randomUUID()}`);
        const uploaded = await this.upload(uploadObject, source, options, metadata, what);
        if (direct) {
            return { location: this.locationOf(named), key: named, size: uploaded.size, sha256: uploaded.sha256, etag: uploaded.etag, deduplicated: false };
        }
        try {
            checkExpected(options, uploaded.sha256, uploaded.size, what);
            const key = named ?? blobKey(uploaded.sha256);
            if (named === undefined) {
                const existing = await this.head(this.bucket, this.prefix + key, 'check for');
                if (existing) {
                    return { location: this.locationOf(key), key, size: uploaded.size, sha256: uploaded.sha256, etag: existing.ETag, deduplicated: true };
                }
            }
            let etag: string | undefined;
            try {
                etag = await this.copy(uploadObject, this.prefix + key, uploaded.size, { sha256: uploaded.sha256 }, options.contentType);
            } catch (error) {
                // Concurrent puts of one blob copy to one key; a server may refuse the loser
                // (moto answers 500, others 409 or 503). The winner's blob has the same bytes.
                const existing = named === undefined && isStorageError(error, 'io') ? await this.head(this.bucket, this.prefix + key, 'check for') : undefined;
                if (existing?.ContentLength === uploaded.size) {
                    return { location: this.locationOf(key), key, size: uploaded.size, sha256: uploaded.sha256, etag: existing.ETag, deduplicated: true };
                }
                throw error;
            }
            return { location: this.locationOf(key), key, size: uploaded.size, sha256: uploaded.sha256, etag, deduplicated: false };
        } finally {
            await this.deleteQuietly(uploadObject);
        }
    }

    async get(location: StorageLocation, options: GetOptions = {}): Promise<Readable> {
        const { bucket, key } = this.objectOf(location);
        let body: Readable;
        try {
            const response = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
            body = response.Body as Readable;
        } catch (error) {
            throw this.failure(error, 'read', bucket, key, location);
        }
        const sha256 = options.verify ? this.sha256Of(bucket, key) : undefined;
        return relay(body, error => this.failure(error, 'read', bucket, key, location),
            sha256 === undefined ? undefined : verifying(sha256, `Blob s3://${bucket}/${key} at ${this.endpointLabel}`));
    }

    async stat(location: StorageLocation): Promise<ObjectInfo | undefined> {
        const { bucket, key } = this.objectOf(location);
        const head = await this.head(bucket, key, 'stat');
        if (!head) return undefined;
        return {
            location: { adapter: 's3', bucket, key },
            key: this.logicalKey(bucket, key),
            size: head.ContentLength ?? 0,
            lastModified: head.LastModified,
            etag: head.ETag,
            sha256: this.sha256Of(bucket, key) ?? head.Metadata?.sha256
        };
    }

    async delete(location: StorageLocation): Promise<void> {
        const { bucket, key } = this.objectOf(location);
        try {
            await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
        } catch (error) {
            throw this.failure(error, 'delete', bucket, key, location);
        }
    }

    async *list(prefix = ''): AsyncIterable<ObjectInfo> {
        validatePrefix(prefix);
        let token: string | undefined;
        do {
            let page;
            try {
                page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, ContinuationToken: token }));
            } catch (error) {
                throw this.failure(error, 'list', this.bucket, this.prefix + prefix);
            }
            for (const object of page.Contents ?? []) {
                if (object.Key === undefined) continue;
                const key = object.Key.slice(this.prefix.length);
                if (key.startsWith(TEMPORARY_PREFIX)) continue;
                yield {
                    location: { adapter: 's3', bucket: this.bucket, key: object.Key },
                    key,
                    size: object.Size ?? 0,
                    lastModified: object.LastModified,
                    etag: object.ETag,
                    sha256: sha256OfBlobKey(key)
                };
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
    }

    async check(): Promise<void> {
        try {
            await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
        } catch (error) {
            throw this.failure(error, 'access', this.bucket);
        }
    }

    /** Closes the HTTP connections the client keeps alive (call when done with the adapter). */
    destroy(): void {
        this.client.destroy();
    }

    // -----------------------------------------------------------------------------------------

    private credentialProvider(env: Readonly<Record<string, string | undefined>>, profile: string | undefined): () => Promise<Credentials> {
        const chosenProfile = profile ?? env.AWS_PROFILE;
        let fromProfiles: (() => Promise<Credentials>) | undefined;
        return async () => {
            if (chosenProfile === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
                this.credentialSource = 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment';
                return this.remember({ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined });
            }
            const name = chosenProfile ?? 'default';
            this.credentialSource = `profile "${name}" of the AWS profile files`;
            fromProfiles ??= fromIni({ profile: name, filepath: env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: env.AWS_CONFIG_FILE });
            try {
                return this.remember(await fromProfiles());
            } catch {
                throw new StorageError('no-credentials',
                    `No S3 credentials for ${this.endpointLabel}: ${chosenProfile === undefined ? 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, and ' : ''}` +
                    `profile "${name}" has none in the AWS profile files (~/.aws/credentials, ~/.aws/config, AWS_SHARED_CREDENTIALS_FILE)`,
                    { adapter: 's3' });
            }
        };
    }

    private remember(credentials: Credentials): Credentials {
        this.secrets = [credentials.secretAccessKey, credentials.sessionToken].filter((s): s is string => typeof s === 'string' && s.length >= 4);
        return credentials;
    }

    private scrub(text: string): string {
        for (const secret of this.secrets) text = text.split(secret).join('***');
        return text;
    }

    private async upload(objectKey: string, source: Readable, options: PutOptions, metadata: Record<string, string> | undefined, what: string):
        Promise<{ sha256: string; size: number; etag?: string }> {
        if (options.signal?.aborted) {
            source.destroy();
            throw new StorageError('aborted', `${what} was cancelled`, { adapter: 's3' });
        }
        const tap = new HashingTap();
        // Which side failed first: the content (its error then explains everything) or the
        // upload (then destroying the source below makes it "fail" too, which says nothing).
        let sourceError: unknown;
        let uploadFailed = false;
        source.once('error', error => {
            // When the uploader stops reading (endpoint gone), the tap is destroyed first and
            // the pipeline then destroys the source: that error is a consequence, not a cause.
            if (!uploadFailed && !tap.destroyed) sourceError ??= error;
        });
        const upload = new Upload({
            client: this.client,
            params: { Bucket: this.bucket, Key: objectKey, Body: tap, ContentType: options.contentType, Metadata: metadata },
            partSize: this.partSize,
            queueSize: this.queueSize,
            leavePartsOnError: false
        });
        const onAbort = () => void upload.abort();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const piping = pipeline(source, tap);
        const uploading = upload.done().catch(error => {
            if (sourceError === undefined) uploadFailed = true;
            // Stop reading the source: nobody consumes the tap any more.
            tap.destroy();
            source.destroy();
            throw error;
        });
        const [piped, done] = await Promise.allSettled([piping, uploading]);
        options.signal?.removeEventListener('abort', onAbort);
        if (done.status === 'fulfilled' && piped.status === 'fulfilled') {
            let etag = done.value.ETag;
            if (!etag) {
                // Ceph Pacific answers CompleteMultipartUpload with an empty <ETag/>; HEAD has it.
                etag = (await this.head(this.bucket, objectKey, 'check'))?.ETag;
            }
            return { sha256: tap.sha256, size: tap.bytes, etag };
        }
        if (options.signal?.aborted) throw new StorageError('aborted', `${what} was cancelled; nothing was stored`, { adapter: 's3' });
        if (sourceError !== undefined && !uploadFailed) {
            throw new StorageError('aborted', `${what} failed: reading the content failed (${sourceError instanceof Error ? sourceError.message : String(sourceError)}); nothing was stored`, { adapter: 's3' });
        }
        throw this.failure(done.status === 'rejected' ? done.reason : (piped as PromiseRejectedResult).reason, 'write', this.bucket, objectKey);
    }

    private async copy(from: string, to: string, size: number, metadata: Record<string, string>, contentType: string | undefined): Promise<string | undefined> {
        const source = `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
        try {
            if (size <= this.copyThreshold) {
                const result = await this.client.send(new CopyObjectCommand({
                    Bucket: this.bucket, Key: to, CopySource: source, MetadataDirective: 'REPLACE', Metadata: metadata, ContentType: contentType
                }));
                return result.CopyObjectResult?.ETag;
            }
            const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: to, Metadata: metadata, ContentType: contentType }));
            try {
                const parts: { PartNumber: number; ETag?: string }[] = [];
                const partSize = Math.max(this.copyThreshold, MIN_PART, Math.ceil(size / 10_000));
                for (let start = 0, part = 1; start < size; start += partSize, part++) {
                    const end = Math.min(size, start + partSize) - 1;
                    const result = await this.client.send(new UploadPartCopyCommand({
                        Bucket: this.bucket, Key: to, UploadId, PartNumber: part, CopySource: source, CopySourceRange: `bytes=${start}-${end}`
                    }));
                    parts.push({ PartNumber: part, ETag: result.CopyPartResult?.ETag });
                }
                const done = await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }));
                return done.ETag || (await this.head(this.bucket, to, 'check'))?.ETag;
            } catch (error) {
                await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId })).catch(() => undefined);
                throw error;
            }
        } catch (error) {
            throw this.failure(error, 'write', this.bucket, to);
        }
    }

    private async head(bucket: string, key: string, operation: string): Promise<HeadObjectCommandOutput | undefined> {
        try {
            return await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        } catch (error) {
            if (this.status(error) === 404) {
                // HEAD answers have no body: a 404 may mean "no such key" or "no such bucket".
                try {
                    await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
                } catch (bucketError) {
                    throw this.failure(bucketError, operation, bucket);
                }
                return undefined;
            }
            throw this.failure(error, operation, bucket, key);
        }
    }

    private async deleteQuietly(key: string): Promise<void> {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(error => {
            this.client.config.logger?.warn?.(`deepforge storage: could not remove temporary object s3://${this.bucket}/${key}: ${this.failure(error, 'delete', this.bucket, key).message}`);
        });
    }

    private objectOf(location: StorageLocation): { bucket: string; key: string } {
        if (location?.adapter !== 's3') {
            throw new StorageError('invalid-location', `A ${String(location?.adapter)} location cannot be read from ${this.description}`, { adapter: 's3', location });
        }
        return { bucket: validateBucket(location.bucket), key: validateStoredKey(location.key) };
    }

    private logicalKey(bucket: string, key: string): string {
        return bucket === this.bucket && key.startsWith(this.prefix) ? key.slice(this.prefix.length) : key;
    }

    private sha256Of(bucket: string, key: string): string | undefined {
        return sha256OfBlobKey(this.logicalKey(bucket, key));
    }

    private status(error: unknown): number | undefined {
        return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    }

    /**
     * One StorageError from whatever the SDK threw: built from the operation, bucket, key,
     * endpoint and the service's error code — never the service's text, request or headers (the
     * first line of a client-side error's message at most); the secret key and session token
     * in use are scrubbed from it all the same.
     */
    private failure(error: unknown, operation: string, bucket: string, key?: string, location?: StorageLocation): StorageError {
        if (error instanceof StorageError) return error;
        const object = key === undefined ? `bucket "${bucket}"` : `s3://${bucket}/${key}`;
        const make = (code: StorageErrorCode, message: string, backendCode?: string) =>
            new StorageError(code, this.scrub(message), { adapter: 's3', location, status: this.status(error), backendCode });
        const network = networkCode(error);
        if (network) {
            return make('unreachable', `Cannot reach the S3 endpoint ${this.endpointLabel} (${network}) to ${operation} ${object}: is the server running and the endpoint right?`, network);
        }
        const name = (error as { name?: string })?.name;
        const serviceCode = (error as { Code?: string })?.Code ?? name ?? 'UnknownError';
        if (name === 'AbortError') return make('aborted', `The ${operation} of ${object} was cancelled`);
        const status = this.status(error);
        if (serviceCode === 'NoSuchBucket' || (status === 404 && key === undefined)) {
            return make('no-bucket', `S3 bucket "${bucket}" does not exist at ${this.endpointLabel} (create it, or fix "bucket" in the storage configuration)`, serviceCode);
        }
        if (serviceCode === 'NoSuchKey' || status === 404) {
            return make('not-found', `No object ${object} at ${this.endpointLabel}`, serviceCode);
        }
        if (['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'Forbidden', 'AllAccessDisabled'].includes(serviceCode)
            || status === 403 || status === 401) {
            return make('access-denied',
                `Access denied (${serviceCode}) to ${operation} ${object} at ${this.endpointLabel}: check the credentials (${this.credentialSource}) and the bucket's permissions`,
                serviceCode);
        }
        if (status === undefined && error instanceof Error) {
            // A client-side failure (no answer from the service): its own text is ours to show.
            return make('io', `S3 ${operation} of ${object} at ${this.endpointLabel} failed: ${error.message.split('\n')[0].slice(0, 300)}`);
        }
        return make('io', `S3 ${operation} of ${object} at ${this.endpointLabel} failed: ${serviceCode}${status ? ` (HTTP ${status})` : ''}`, serviceCode);
    }
}
