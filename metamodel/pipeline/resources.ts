/**
 * What a step asks its compute for: an operation's `resources { … }` section over the project's
 * defaults (config `slurm.*`). The Slurm compute turns them into sbatch options; the local
 * compute runs steps as processes of this machine and ignores them (see docs/execution.md).
 */
export interface OperationResources {
    /** CPU cores of the step (`--cpus-per-task`), ≥ 1. */
    readonly cpus?: number;
    /** GPUs of the step (`--gpus`), ≥ 0. */
    readonly gpus?: number;
    /** Memory (`--mem`): a whole number with an optional unit, `512M`, `16G`. */
    readonly memory?: string;
    /** Time limit (`--time`): `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM`, `D-HH:MM:SS`. */
    readonly time?: string;
    /** Slurm partition (`--partition`). */
    readonly partition?: string;
    /** Slurm account (`--account`). */
    readonly account?: string;
}

export type ResourceKey = keyof OperationResources;

/** One resource key: its value kind and what it asks for (completion, hover, messages). */
export interface ResourceKeySpec {
    readonly type: 'int' | 'string';
    /** The smallest value of an `int` key. */
    readonly min?: number;
    /** The sbatch option it becomes. */
    readonly sbatch: string;
    readonly description: string;
    /** An example value as written in a `.dfp` file. */
    readonly example: string;
}

/** Every resource key, in canonical order. */
export const RESOURCE_KEYS: Readonly<Record<ResourceKey, ResourceKeySpec>> = {
    cpus: { type: 'int', min: 1, sbatch: '--cpus-per-task', description: 'CPU cores of the step', example: '4' },
    gpus: { type: 'int', min: 0, sbatch: '--gpus', description: 'GPUs of the step', example: '1' },
    memory: { type: 'string', sbatch: '--mem', description: 'memory of the step: a whole number with a unit K, M, G or T (`512M`, `16G`)', example: '"16G"' },
    time: { type: 'string', sbatch: '--time', description: 'time limit of the step: `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM` or `D-HH:MM:SS`', example: '"2:00:00"' },
    partition: { type: 'string', sbatch: '--partition', description: 'the Slurm partition the step runs in', example: '"gpu"' },
    account: { type: 'string', sbatch: '--account', description: 'the Slurm account the step is charged to', example: '"project1"' }
};

export function isResourceKey(name: string): name is ResourceKey {
    return Object.prototype.hasOwnProperty.call(RESOURCE_KEYS, name);
}

const MEMORY = /^[1-9]\d*[KMGT]?$/i;
const TIME = /^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d{1,2}|\d+-\d{1,2}:\d{1,2}|\d+-\d{1,2}:\d{1,2}:\d{1,2})$/;

/**
 * Why `value` is not a valid value of `key`, or `undefined` when it is. Memory: Slurm's
 * `--mem` (whole number, unit K/M/G/T, default megabytes); time: Slurm's time formats.
 */
export function resourceValueProblem(key: ResourceKey, value: unknown): string | undefined {
    const spec = RESOURCE_KEYS[key];
    if (spec.type === 'int') {
        if (typeof value !== 'number' || !Number.isInteger(value)) return `\`${key}\` takes a whole number (e.g. \`${key}: ${spec.example}\`)`;
        if (spec.min !== undefined && value < spec.min) return `\`${key}\` must be ≥ ${spec.min}, not ${value}`;
        return undefined;
    }
    if (typeof value !== 'string') return `\`${key}\` takes a string (e.g. \`${key}: ${spec.example}\`)`;
    if (key === 'memory' && !MEMORY.test(value)) return `\`memory\` must be a whole number with an optional unit K, M, G or T (\`512M\`, \`16G\`), not ${JSON.stringify(value)}`;
    if (key === 'time' && !TIME.test(value)) return `\`time\` must be one of Slurm's time formats MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS (\`2:00:00\`, \`1-12\`), not ${JSON.stringify(value)}`;
    if ((key === 'partition' || key === 'account') && !/^[A-Za-z0-9_.-]+$/.test(value)) return `\`${key}\` must be a Slurm name (letters, digits, \`_\`, \`.\`, \`-\`), not ${JSON.stringify(value)}`;
    return undefined;
}

/** `override`'s keys over `defaults`' (an operation's section over the project's defaults). */
export function mergeResources(defaults: OperationResources | undefined, override: OperationResources | undefined): OperationResources {
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(RESOURCE_KEYS) as ResourceKey[]) {
        const value = override?.[key] !== undefined ? override[key] : defaults?.[key];
        if (value !== undefined) merged[key] = value;
    }
    return merged as OperationResources;
}
