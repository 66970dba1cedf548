/** Storage adapters: one interface (`StorageAdapter`), `local` and `s3` backends, created from a configuration. */
export * from './storage-adapter.js';
export { LocalStorage, defaultLocalStorageDirectory, type LocalStorageOptions } from './local-storage.js';
export { S3Storage, validateBucket, validateEndpoint, type S3StorageOptions, type StorageLogger } from './s3-storage.js';
export * from './storage-registry.js';
