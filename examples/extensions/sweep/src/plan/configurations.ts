import type { PlanParameter, PlanValue, SweepPlan } from './sweep-plan.js';

/** One assignment of a configuration: `trained.epochs = 2`. */
export interface Assignment {
    readonly step: string;
    readonly attribute: string;
    readonly value: PlanValue;
}

/** One point of the search space: a value for every parameter. */
export interface Configuration {
    /** 1-based, in expansion order. */
    readonly index: number;
    readonly assignments: readonly Assignment[];
}

/** The most configurations a grid may have before `sweep run` refuses it. */
export const MAX_CONFIGURATIONS = 10_000;

/** `2`, `0.5`, `"adam"`, `True`: a value as written (and as `--set` takes it). */
export function formatPlanValue(value: PlanValue): string {
    switch (value.kind) {
        case 'int': return String(value.value);
        case 'float': return Number.isInteger(value.value) ? value.value.toFixed(1) : String(value.value);
        case 'string': return JSON.stringify(value.value);
        case 'bool': return value.value ? 'True' : 'False';
    }
}

/** The `step.attribute=value` overrides of a configuration (what `deepforge run --set` takes). */
export function overridesOf(configuration: Configuration): string[] {
    return configuration.assignments.map(a => `${a.step}.${a.attribute}=${formatPlanValue(a.value)}`);
}

/** `trained.epochs=1 trained.batch_size=32`, for people. */
export function describeConfiguration(configuration: Configuration): string {
    return overridesOf(configuration).join(' ');
}

/** The values of a parameter that a grid enumerates; a float range has none (it can only be sampled). */
export function enumerate(parameter: PlanParameter): PlanValue[] | undefined {
    const values = parameter.values;
    if (values.kind === 'list') return [...values.values];
    if (!values.integer) return undefined;
    const result: PlanValue[] = [];
    for (let n = Math.ceil(values.min); n <= values.max && result.length <= MAX_CONFIGURATIONS; n++) result.push({ kind: 'int', value: n });
    return result;
}

/** How many configurations a grid over these parameters has (Infinity with a float range). */
export function gridSize(parameters: readonly PlanParameter[]): number {
    let size = 1;
    for (const parameter of parameters) size *= enumerate(parameter)?.length ?? Infinity;
    return size;
}

/**
 * Every combination, the first parameter varying slowest (as nested loops in the order written).
 * No parameters: one configuration, the pipeline as it is.
 */
export function expandGrid(parameters: readonly PlanParameter[]): Configuration[] {
    const size = gridSize(parameters);
    if (!Number.isFinite(size)) throw new Error('a grid cannot enumerate a float range: use a list of values or `strategy random`');
    if (size > MAX_CONFIGURATIONS) throw new Error(`the grid has ${size} configurations, more than ${MAX_CONFIGURATIONS}`);
    let combinations: Assignment[][] = [[]];
    for (const parameter of parameters) {
        const values = enumerate(parameter)!;
        combinations = combinations.flatMap(prefix => values.map(value => [...prefix, { step: parameter.step, attribute: parameter.attribute, value }]));
    }
    return combinations.map((assignments, i) => ({ index: i + 1, assignments }));
}

/** A small seeded generator (mulberry32): the same seed gives the same sweep on every machine. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function sample(parameter: PlanParameter, random: () => number): PlanValue {
    const values = parameter.values;
    if (values.kind === 'list') return values.values[Math.floor(random() * values.values.length)];
    if (values.integer) {
        const low = Math.ceil(values.min), high = Math.floor(values.max);
        return { kind: 'int', value: low + Math.floor(random() * (high - low + 1)) };
    }
    // Six significant digits: readable in reports and stable through `--set`.
    return { kind: 'float', value: Number((values.min + random() * (values.max - values.min)).toPrecision(6)) };
}

/**
 * `samples` configurations drawn with the seeded generator, each parameter independently and
 * uniformly (from its list, or its range); no configuration twice. When the space has fewer
 * distinct configurations than `samples`, all of them (in grid order).
 */
export function expandRandom(parameters: readonly PlanParameter[], samples: number, seed: number): Configuration[] {
    const size = gridSize(parameters);
    if (size <= samples) return expandGrid(parameters);
    const random = seededRandom(seed);
    const seen = new Set<string>();
    const result: Configuration[] = [];
    for (let attempt = 0; result.length < samples && attempt < samples * 100; attempt++) {
        const assignments = parameters.map(p => ({ step: p.step, attribute: p.attribute, value: sample(p, random) }));
        const key = JSON.stringify(assignments.map(a => a.value));
        if (seen.has(key)) continue;
        seen.add(key);
        result.push({ index: result.length + 1, assignments });
    }
    return result;
}

/** The configurations of a sweep, by its strategy. */
export function expand(plan: SweepPlan): Configuration[] {
    return plan.strategy.kind === 'random'
        ? expandRandom(plan.parameters, plan.strategy.samples, plan.strategy.seed)
        : expandGrid(plan.parameters);
}
