/**
 * The project configuration, as DeepForge's `deepforge config`: a JSON file
 * (`<project>/.deepforge/config.json`) of dotted keys, each overridable for one run by an
 * environment variable `DEEPFORGE_<KEY>` (dots and dashes become underscores, upper case:
 * `storage.s3.bucket` → `DEEPFORGE_STORAGE_S3_BUCKET`).
 *
 *     python            the Python that runs steps (default: <project>/.venv/bin/python when
 *                       `deepforge setup` made it, else `python3`)
 *     compute           compute adapter (`local`)
 *     parallel          how many steps run at once (default: the number of CPU cores)
 *     storage           storage adapter (`local` | `s3`)
 *     storage.local.directory, storage.s3.endpoint|bucket|region|forcePathStyle|prefix|profile
 *     seed              seed of every step (default none)
 *     slurm.partition|account|cpus|memory|time|gpus   the steps' default sbatch resources
 *                       (an operation's `resources { … }` overrides them)
 *     slurm.extraArgs|python|jobFolder
 *
 * Credentials are never configuration: keys that look like them are refused (they go in the
 * environment or the AWS profile files).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import type { StorageConfig } from '../storage/storage-registry.js';

export type ConfigValue = string | number | boolean;

interface KeySpec {
    readonly type: 'string' | 'number' | 'boolean';
    readonly description: string;
}

/** Every known key. */
export const CONFIG_KEYS: Readonly<Record<string, KeySpec>> = {
    'python': { type: 'string', description: 'the Python that runs steps (default: the project venv made by `deepforge setup`, else python3)' },
    'compute': { type: 'string', description: 'compute adapter: local or slurm' },
    'parallel': { type: 'number', description: 'how many steps run at once (default: CPU cores)' },
    'seed': { type: 'number', description: 'seed Python, numpy and Keras before each step' },
    'storage': { type: 'string', description: 'storage adapter: local or s3' },
    'storage.local.directory': { type: 'string', description: 'folder of the local store (default .deepforge/storage)' },
    'storage.s3.endpoint': { type: 'string', description: 'S3 endpoint URL (no credentials)' },
    'storage.s3.bucket': { type: 'string', description: 'S3 bucket' },
    'storage.s3.region': { type: 'string', description: 'S3 region' },
    'storage.s3.forcePathStyle': { type: 'boolean', description: 'path-style S3 URLs (radosgw, minio)' },
    'storage.s3.prefix': { type: 'string', description: 'prefix of every key in the bucket' },
    'storage.s3.profile': { type: 'string', description: 'AWS profile holding the credentials' },
    'slurm.partition': { type: 'string', description: 'slurm compute: sbatch --partition' },
    'slurm.account': { type: 'string', description: 'slurm compute: sbatch --account' },
    'slurm.cpus': { type: 'number', description: 'slurm compute: sbatch --cpus-per-task of each step (an operation\'s resources { cpus } overrides it)' },
    'slurm.memory': { type: 'string', description: 'slurm compute: sbatch --mem of each step (e.g. 4G)' },
    'slurm.time': { type: 'string', description: 'slurm compute: sbatch --time of each step (e.g. 01:00:00)' },
    'slurm.gpus': { type: 'string', description: 'slurm compute: sbatch --gpus of each step' },
    'slurm.extraArgs': { type: 'string', description: 'slurm compute: more sbatch options (split on spaces)' },
    'slurm.python': { type: 'string', description: 'slurm compute: the Python on the nodes (default: the runner\'s `python`)' },
    'slurm.jobFolder': { type: 'string', description: 'slurm compute: where the steps\' job folders go, <folder>/<execution>/<step>, relative to the project; on a file system the nodes share (default .deepforge/executions/<execution>/steps)' }
};

const CREDENTIAL = /(secret|password|token|access_?key|credential)/i;

export class ConfigError extends Error {}

export function envVariableOf(key: string): string {
    return 'DEEPFORGE_' + key.replace(/[.-]/g, '_').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export function configFile(project: string): string {
    return path.join(project, '.deepforge', 'config.json');
}

function checkKey(key: string): KeySpec {
    if (CREDENTIAL.test(key)) {
        throw new ConfigError(`\`${key}\`: credentials are never stored in the configuration; set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment or name a profile (storage.s3.profile)`);
    }
    const spec = CONFIG_KEYS[key];
    if (!spec) throw new ConfigError(`unknown configuration key \`${key}\` (known: ${Object.keys(CONFIG_KEYS).join(', ')})`);
    return spec;
}

function parse(key: string, text: string, spec: KeySpec, from: string): ConfigValue {
    if (spec.type === 'string') return text;
    if (spec.type === 'boolean') {
        if (/^(true|1|yes)$/i.test(text)) return true;
        if (/^(false|0|no)$/i.test(text)) return false;
        throw new ConfigError(`${from}: \`${key}\` takes true or false, not ${JSON.stringify(text)}`);
    }
    const value = Number(text);
    if (!Number.isFinite(value) || text.trim() === '') throw new ConfigError(`${from}: \`${key}\` takes a number, not ${JSON.stringify(text)}`);
    return value;
}

/** The values written in the project's config file (flat, dotted keys). */
export function readConfigFile(project: string): Record<string, ConfigValue> {
    const file = configFile(project);
    if (!existsSync(file)) return {};
    let data: unknown;
    try {
        data = JSON.parse(readFileSync(file, 'utf-8'));
    } catch (error) {
        throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`${file} must hold a JSON object`);
    return data as Record<string, ConfigValue>;
}

/** Sets (or with `undefined` removes) a key in the project's config file; written atomically. */
export function writeConfigValue(project: string, key: string, text: string | undefined): ConfigValue | undefined {
    const spec = checkKey(key);
    const values = readConfigFile(project);
    let value: ConfigValue | undefined;
    if (text === undefined) delete values[key];
    else values[key] = value = parse(key, text, spec, 'deepforge config');
    const file = configFile(project);
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(sortKeys(values), null, 2) + '\n');
    renameSync(temporary, file);
    return value;
}

function sortKeys(values: Record<string, ConfigValue>): Record<string, ConfigValue> {
    return Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
}

export interface ResolvedValue {
    readonly value: ConfigValue | undefined;
    readonly source: 'default' | 'file' | 'env';
}

/** The project's configuration: file values, overridden by DEEPFORGE_* variables, over defaults. */
export class ProjectConfig {
    private readonly file: Record<string, ConfigValue>;
    constructor(readonly project: string, private readonly env: Readonly<Record<string, string | undefined>> = process.env) {
        this.file = readConfigFile(project);
        // `extensions` is a list managed by `deepforge extensions` (languages/registry/extension-records.ts).
        for (const key of Object.keys(this.file)) if (key !== 'extensions') checkKey(key);
    }

    resolve(key: string): ResolvedValue {
        const spec = checkKey(key);
        const variable = envVariableOf(key);
        const fromEnv = this.env[variable];
        if (fromEnv !== undefined && fromEnv !== '') return { value: parse(key, fromEnv, spec, variable), source: 'env' };
        if (this.file[key] !== undefined) {
            const value = this.file[key];
            if (typeof value !== spec.type) throw new ConfigError(`${configFile(this.project)}: \`${key}\` must be a ${spec.type}`);
            return { value, source: 'file' };
        }
        return { value: this.defaultOf(key), source: 'default' };
    }

    get(key: string): ConfigValue | undefined {
        return this.resolve(key).value;
    }

    /** Every key with its value and where it comes from. */
    all(): Array<{ key: string; value: ConfigValue | undefined; source: ResolvedValue['source']; variable: string }> {
        return Object.keys(CONFIG_KEYS).map(key => ({ key, ...this.resolve(key), variable: envVariableOf(key) }));
    }

    private defaultOf(key: string): ConfigValue | undefined {
        switch (key) {
            case 'python': return defaultPython(this.project);
            case 'compute': return 'local';
            case 'storage': return 'local';
            case 'parallel': return Math.max(1, cpus().length);
            default: return undefined;
        }
    }

    get python(): string {
        return String(this.get('python'));
    }

    get parallel(): number {
        const value = Number(this.get('parallel'));
        if (!Number.isInteger(value) || value < 1) throw new ConfigError(`\`parallel\` must be a whole number ≥ 1, not ${value}`);
        return value;
    }

    /** The options of a compute adapter: its `<kind>.*` keys (e.g. `slurm.partition` → `partition`). */
    computeOptions(kind: string): Record<string, unknown> {
        const prefix = `${kind}.`;
        const entries = Object.keys(CONFIG_KEYS)
            .filter(key => key.startsWith(prefix))
            .map(key => [key.slice(prefix.length), this.get(key)] as const)
            .filter(([, value]) => value !== undefined);
        return Object.fromEntries(entries);
    }

    /** The storage configuration for `createStorage` (storage kind overridable). */
    storageConfig(kind?: string): StorageConfig {
        const storage = kind ?? String(this.get('storage'));
        const section = (prefix: string) => {
            const entries = Object.keys(CONFIG_KEYS)
                .filter(key => key.startsWith(prefix))
                .map(key => [key.slice(prefix.length), this.get(key)] as const)
                .filter(([, value]) => value !== undefined);
            return entries.length ? Object.fromEntries(entries) : undefined;
        };
        if (storage === 's3') return { storage, s3: section('storage.s3.') as unknown as StorageConfig['s3'] };
        if (storage === 'local') return { storage, local: section('storage.local.') };
        return { storage };
    }
}

/** The venv `deepforge setup` creates, when it exists; else `python3` from the PATH. */
export function defaultPython(project: string): string {
    const venv = projectVenvPython(project);
    return existsSync(venv) ? venv : 'python3';
}

export function projectVenvPython(project: string): string {
    return path.join(project, '.venv', 'bin', 'python');
}

/**
 * The project folder: `DEEPFORGE_PROJECT`, else the nearest folder from `start` upwards holding
 * `.deepforge/` (or `package.json`/`.git`), else `start` itself.
 */
export function findProject(start: string = process.cwd(), env: Readonly<Record<string, string | undefined>> = process.env): string {
    if (env.DEEPFORGE_PROJECT) return path.resolve(env.DEEPFORGE_PROJECT);
    let folder = path.resolve(start);
    for (;;) {
        if (existsSync(path.join(folder, '.deepforge'))) return folder;
        const parent = path.dirname(folder);
        if (parent === folder) break;
        folder = parent;
    }
    return path.resolve(start);
}
