/**
 * Creates the storage adapter a configuration asks for:
 *
 *     { "storage": "local" }                                   <project>/.deepforge/storage
 *     { "storage": "local", "local": { "directory": "…" } }    another folder (relative: to the project)
 *     { "storage": "s3", "s3": { "endpoint": "http://127.0.0.1:7480", "bucket": "runs",
 *                                "region": "us-east-1", "forcePathStyle": true,
 *                                "prefix": "deepforge/", "profile": "lab" } }
 *
 * A configuration never holds credentials: fields such as `accessKeyId` or `secretAccessKey` are
 * rejected with a message saying where credentials go (environment or AWS profile files), so a
 * project configuration can be committed, bundled and logged safely. Unknown fields are
 * rejected too (a typo in `forcePathStyle` should not silently change the URL style).
 *
 * Other adapters register with {@link registerStorageAdapter}; the built-in ones are
 * registered exactly the same way.
 */
import { isAbsolute, resolve } from 'node:path';
import { defaultLocalStorageDirectory, LocalStorage } from './local-storage.js';
import { S3Storage, validateBucket, validateEndpoint, type S3StorageOptions, type StorageLogger } from './s3-storage.js';
import { StorageError, type StorageAdapter } from './storage-adapter.js';

export interface LocalStorageConfig {
    /** The store's folder; relative paths are relative to the project. Default `.deepforge/storage`. */
    readonly directory?: string;
}

export interface S3StorageConfig {
    readonly endpoint?: string;
    readonly bucket: string;
    readonly region?: string;
    readonly forcePathStyle?: boolean;
    readonly prefix?: string;
    /** The AWS profile holding the credentials (the profile's name, never the keys). */
    readonly profile?: string;
    readonly partSize?: number;
    readonly queueSize?: number;
}

export interface StorageConfig {
    readonly storage: string;
    readonly local?: LocalStorageConfig;
    readonly s3?: S3StorageConfig;
}

export interface StorageContext {
    /** The project folder: the local store lives in its `.deepforge/` folder. */
    readonly projectDirectory: string;
    /** Where S3 credentials and profile settings are read from; default `process.env`. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly logger?: StorageLogger;
}

export type StorageFactory = (config: StorageConfig, context: StorageContext) => StorageAdapter;

const factories = new Map<string, StorageFactory>();

export function registerStorageAdapter(kind: string, factory: StorageFactory): void {
    factories.set(kind, factory);
}

export function storageAdapterKinds(): string[] {
    return [...factories.keys()];
}

/** Validates `config` and creates its adapter; throws `invalid-config` with a clear message. */
export function createStorage(config: StorageConfig, context: StorageContext): StorageAdapter {
    if (typeof config !== 'object' || config === null) throw invalid('expected an object like { "storage": "local" }');
    const factory = factories.get(config.storage);
    if (!factory) {
        throw invalid(`unknown storage ${JSON.stringify(config.storage)} (available: ${storageAdapterKinds().map(k => `"${k}"`).join(', ')})`);
    }
    return factory(config, context);
}

function invalid(why: string): StorageError {
    return new StorageError('invalid-config', `Invalid storage configuration: ${why}`);
}

const CREDENTIAL_FIELDS = /^(access_?key(_?id)?|secret(_?access)?_?key|session_?token|credentials?|password|secret)$/i;

function checkSection(section: unknown, name: string, allowed: Record<string, 'string' | 'boolean' | 'number'>, required: string[] = []): Record<string, unknown> {
    if (section === undefined) section = {};
    if (typeof section !== 'object' || section === null || Array.isArray(section)) throw invalid(`"${name}" must be an object`);
    const record = section as Record<string, unknown>;
    for (const [field, value] of Object.entries(record)) {
        if (CREDENTIAL_FIELDS.test(field)) {
            // Say where credentials go; never echo the value.
            throw invalid(`"${name}.${field}": credentials are never read from the storage configuration (it ends up in bundles and records). ` +
                'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or name a profile of ~/.aws/credentials with "profile" or AWS_PROFILE');
        }
        const type = allowed[field];
        if (!type) throw invalid(`unknown field "${name}.${field}" (expected ${Object.keys(allowed).map(k => `"${k}"`).join(', ')})`);
        if (typeof value !== type) throw invalid(`"${name}.${field}" must be a ${type}`);
    }
    for (const field of required) {
        if (record[field] === undefined) throw invalid(`"${name}.${field}" is required`);
    }
    return record;
}

function checkTop(config: StorageConfig, section: 'local' | 's3'): void {
    for (const field of Object.keys(config)) {
        if (field !== 'storage' && field !== 'local' && field !== 's3') {
            throw invalid(CREDENTIAL_FIELDS.test(field)
                ? `"${field}": credentials are never read from the storage configuration; use the environment or the AWS profile files`
                : `unknown field "${field}" (expected "storage", "${section}")`);
        }
    }
}

registerStorageAdapter('local', (config, context) => {
    checkTop(config, 'local');
    const local = checkSection(config.local, 'local', { directory: 'string' }) as LocalStorageConfig;
    const directory = local.directory === undefined
        ? defaultLocalStorageDirectory(context.projectDirectory)
        : isAbsolute(local.directory) ? local.directory : resolve(context.projectDirectory, local.directory);
    return new LocalStorage({ directory });
});

registerStorageAdapter('s3', (config, context) => {
    checkTop(config, 's3');
    if (config.s3 === undefined) throw invalid('"s3" is required with "storage": "s3" (at least { "bucket": "…" })');
    const s3 = checkSection(config.s3, 's3', {
        endpoint: 'string', bucket: 'string', region: 'string', forcePathStyle: 'boolean', prefix: 'string', profile: 'string',
        partSize: 'number', queueSize: 'number'
    }, ['bucket']) as unknown as S3StorageConfig;
    try {
        if (s3.endpoint !== undefined) validateEndpoint(s3.endpoint);
        validateBucket(s3.bucket);
    } catch (error) {
        throw invalid((error as Error).message.replace(/^Invalid /, ''));
    }
    const options: S3StorageOptions = { ...s3, env: context.env, logger: context.logger };
    return new S3Storage(options);
});
