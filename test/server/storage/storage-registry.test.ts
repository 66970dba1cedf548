import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { LocalStorage } from '../../../server/storage/local-storage.js';
import { S3Storage } from '../../../server/storage/s3-storage.js';
import {
    blobKey, contentAddressed, isStorageError, parseStorageLocation, sha256OfBlobKey, validateKey, validatePrefix
} from '../../../server/storage/storage-adapter.js';
import { createStorage, registerStorageAdapter, storageAdapterKinds, type StorageConfig } from '../../../server/storage/storage-registry.js';
import { removeTemporaryDirectories, sha256, temporaryDirectory } from './helpers.js';

afterAll(removeTemporaryDirectories);

const invalidConfig = (fragment: string) => (error: unknown) => isStorageError(error, 'invalid-config') && error.message.includes(fragment);

describe('storage registry', () => {
    test('local: the project\'s .deepforge/storage by default, or a folder relative to the project', () => {
        const project = temporaryDirectory();
        const storage = createStorage({ storage: 'local' }, { projectDirectory: project });
        expect(storage).toBeInstanceOf(LocalStorage);
        expect((storage as LocalStorage).directory).toBe(join(project, '.deepforge', 'storage'));
        expect(storage.description).toBe(`local storage at ${join(project, '.deepforge', 'storage')}`);
        const elsewhere = createStorage({ storage: 'local', local: { directory: 'data/store' } }, { projectDirectory: project }) as LocalStorage;
        expect(elsewhere.directory).toBe(join(project, 'data/store'));
    });

    test('s3: endpoint, bucket, region, path style from the configuration', () => {
        const storage = createStorage({ storage: 's3', s3: { endpoint: 'http://127.0.0.1:7480', bucket: 'runs', region: 'eu-west-1', forcePathStyle: true } },
            { projectDirectory: temporaryDirectory(), env: {} });
        expect(storage).toBeInstanceOf(S3Storage);
        expect(storage.description).toBe('s3 bucket "runs" at http://127.0.0.1:7480');
        expect(storage.locationOf('a/b')).toEqual({ adapter: 's3', bucket: 'runs', key: 'a/b' });
        const aws = createStorage({ storage: 's3', s3: { bucket: 'runs', region: 'eu-west-1' } }, { projectDirectory: '.', env: {} });
        expect(aws.description).toBe('s3 bucket "runs" at AWS S3 (eu-west-1)');
    });

    test('credentials in the configuration are refused, and their value is never echoed', () => {
        const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
        for (const field of ['secretAccessKey', 'accessKeyId', 'secret_access_key', 'sessionToken', 'credentials', 'password']) {
            const config = { storage: 's3', s3: { bucket: 'runs', [field]: secret } } as unknown as StorageConfig;
            let message = '';
            try {
                createStorage(config, { projectDirectory: '.' });
            } catch (error) {
                expect(isStorageError(error, 'invalid-config')).toBe(true);
                message = (error as Error).message;
            }
            expect(message).toContain(`"s3.${field}": credentials are never read from the storage configuration`);
            expect(message).toContain('AWS_ACCESS_KEY_ID');
            expect(message).not.toContain(secret);
        }
        expect(() => createStorage({ storage: 's3', secretAccessKey: secret, s3: { bucket: 'runs' } } as unknown as StorageConfig, { projectDirectory: '.' }))
            .toThrow(/credentials are never read/);
    });

    test('an endpoint with a password in it is refused without showing it', () => {
        let message = '';
        try {
            createStorage({ storage: 's3', s3: { endpoint: 'http://user:hunter2@127.0.0.1:7480', bucket: 'runs' } }, { projectDirectory: '.' });
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toContain('contains a user name or password');
        expect(message).not.toContain('hunter2');
    });

    test('configuration mistakes are reported precisely', () => {
        const context = { projectDirectory: '.' };
        expect(() => createStorage({ storage: 'ftp' }, context)).toThrow(/unknown storage "ftp" \(available: "local", "s3"/);
        const cases: [StorageConfig, string][] = [
            [{ storage: 's3' }, '"s3" is required'],
            [{ storage: 's3', s3: {} as never }, '"s3.bucket" is required'],
            [{ storage: 's3', s3: { bucket: 'Bad_Bucket' } }, 'Invalid storage configuration: S3 bucket name "Bad_Bucket"'],
            [{ storage: 's3', s3: { bucket: 'runs', endpoint: 'ftp://host' } }, 'must start with http:// or https://'],
            [{ storage: 's3', s3: { bucket: 'runs', endpoint: 'http://host/path' } }, 'must not have a path'],
            [{ storage: 's3', s3: { bucket: 'runs', forcePathstyle: true } as never }, 'unknown field "s3.forcePathstyle"'],
            [{ storage: 's3', s3: { bucket: 'runs', forcePathStyle: 'yes' } as never }, '"s3.forcePathStyle" must be a boolean'],
            [{ storage: 'local', local: { dir: 'x' } as never }, 'unknown field "local.dir"']
        ];
        for (const [config, fragment] of cases) {
            expect(() => createStorage(config, context), fragment).toThrow();
            try {
                createStorage(config, context);
            } catch (error) {
                expect(error, fragment).toSatisfy(invalidConfig(fragment));
            }
        }
        expect(() => new S3Storage({ bucket: 'runs', prefix: 'no-slash' })).toThrow(/must end with "\/"/);
        expect(() => new S3Storage({ bucket: 'runs', partSize: 1024 })).toThrow(/at least 5 MiB/);
    });

    test('other adapters register the same way as the built-in ones', async () => {
        registerStorageAdapter('memory-test', (_config, context) => new LocalStorage({ directory: join(context.projectDirectory, 'mem') }));
        expect(storageAdapterKinds()).toEqual(expect.arrayContaining(['local', 's3', 'memory-test']));
        const storage = createStorage({ storage: 'memory-test' }, { projectDirectory: temporaryDirectory() });
        expect((await storage.put(contentAddressed, 'x')).sha256).toBe(sha256('x'));
    });
});

describe('keys and locations', () => {
    test('blob keys', () => {
        const hash = sha256('abc');
        expect(blobKey(hash)).toBe(`blobs/sha256/ba/${hash}`);
        expect(sha256OfBlobKey(blobKey(hash))).toBe(hash);
        expect(sha256OfBlobKey(`blobs/sha256/00/${hash}`)).toBeUndefined();
        expect(sha256OfBlobKey('runs/x')).toBeUndefined();
        expect(() => blobKey('ABC')).toThrow(/64 lower-case hex digits/);
    });

    test('valid keys and prefixes', () => {
        for (const key of ['a', 'a/b/c.txt', 'runs/1/stdout', 'é/ü 1', '.hidden', 'a..b', '...x']) expect(validateKey(key)).toBe(key);
        for (const prefix of ['', 'a', 'a/', 'runs/1']) expect(validatePrefix(prefix)).toBe(prefix);
        expect(() => validateKey('x'.repeat(1025))).toThrow(/longer than 1024 bytes/);
        expect(() => validateKey('a\nb')).toThrow(/control character/);
        expect(() => validateKey('a/')).toThrow(/ends with "\/"/);
        expect(() => validatePrefix('a//')).toThrow(/empty segment/);
    });

    test('locations from records are checked', () => {
        const hash = sha256('x');
        expect(parseStorageLocation({ adapter: 'local', key: `blobs/sha256/${hash.slice(0, 2)}/${hash}` })).toEqual({ adapter: 'local', key: `blobs/sha256/${hash.slice(0, 2)}/${hash}` });
        expect(parseStorageLocation({ adapter: 's3', bucket: 'runs', key: 'team/a' })).toEqual({ adapter: 's3', bucket: 'runs', key: 'team/a' });
        const bad: [unknown, string][] = [
            [null, 'expected an object'],
            [{ adapter: 'local' }, '"key" must be a string'],
            [{ adapter: 'ftp', key: 'a' }, 'unknown adapter "ftp"'],
            [{ adapter: 'local', key: 'a', extra: 1 }, 'unexpected field "extra"'],
            [{ adapter: 's3', key: 'a' }, '"bucket" must be a bucket name'],
            [{ adapter: 's3', bucket: 'a/b', key: 'a' }, '"bucket" must be a bucket name'],
            [{ adapter: 'local', key: 'blobs/sha256/zz/123' }, 'is not a blob key']
        ];
        for (const [value, fragment] of bad) {
            expect(() => parseStorageLocation(value), fragment).toThrow(fragment);
        }
        expect(() => parseStorageLocation({ adapter: 'local', key: '../x' })).toThrow(/".." segment/);
    });
});
