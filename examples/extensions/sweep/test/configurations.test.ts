/** Grid and random expansion of a sweep into configurations, and the `--set` overrides of each. */
import { describe, expect, test } from 'vitest';
import { describeConfiguration, expandGrid, expandRandom, gridSize, overridesOf, seededRandom } from '../src/plan/configurations.js';
import type { PlanParameter } from '../src/plan/sweep-plan.js';

const int = (value: number) => ({ kind: 'int' as const, value });
const list = (step: string, attribute: string, ...values: PlanParameter['values'] extends infer V ? V extends { kind: 'list'; values: infer L } ? L : never : never): PlanParameter =>
    ({ step, attribute, values: { kind: 'list', values } });

const epochs = list('trained', 'epochs', int(1), int(2));
const batch = list('trained', 'batch_size', int(32), int(64));
const optimizer = list('trained', 'optimizer', { kind: 'string', value: 'adam' }, { kind: 'string', value: 'sgd' });

describe('grid', () => {
    test('every combination, the first parameter varying slowest', () => {
        const configurations = expandGrid([epochs, batch]);
        expect(configurations.map(describeConfiguration)).toEqual([
            'trained.epochs=1 trained.batch_size=32',
            'trained.epochs=1 trained.batch_size=64',
            'trained.epochs=2 trained.batch_size=32',
            'trained.epochs=2 trained.batch_size=64'
        ]);
        expect(configurations.map(c => c.index)).toEqual([1, 2, 3, 4]);
    });

    test('values are written as --set takes them: strings quoted, floats with a point, bools as Python', () => {
        const [configuration] = expandGrid([
            list('trained', 'optimizer', { kind: 'string', value: 'adam' }),
            list('split', 'test_size', { kind: 'float', value: 1 }),
            list('trained', 'shuffle', { kind: 'bool', value: false })
        ]);
        expect(overridesOf(configuration)).toEqual(['trained.optimizer="adam"', 'split.test_size=1.0', 'trained.shuffle=False']);
    });

    test('an int range is enumerated inclusively; a float range cannot be', () => {
        const range: PlanParameter = { step: 'trained', attribute: 'epochs', values: { kind: 'range', min: 2, max: 4, integer: true } };
        expect(expandGrid([range]).map(describeConfiguration)).toEqual(['trained.epochs=2', 'trained.epochs=3', 'trained.epochs=4']);
        const floats: PlanParameter = { step: 'split', attribute: 'test_size', values: { kind: 'range', min: 0.1, max: 0.3, integer: false } };
        expect(gridSize([range, floats])).toBe(Infinity);
        expect(() => expandGrid([floats])).toThrow(/cannot enumerate a float range/);
    });

    test('no parameters: one configuration, the pipeline as it is', () => {
        expect(expandGrid([])).toEqual([{ index: 1, assignments: [] }]);
    });
});

describe('random', () => {
    test('the same seed gives the same configurations; another seed others', () => {
        const space = [epochs, batch, optimizer, { step: 'split', attribute: 'test_size', values: { kind: 'range', min: 0.1, max: 0.4, integer: false } } as PlanParameter];
        const a = expandRandom(space, 6, 1).map(describeConfiguration);
        expect(expandRandom(space, 6, 1).map(describeConfiguration)).toEqual(a);
        expect(expandRandom(space, 6, 2).map(describeConfiguration)).not.toEqual(a);
        expect(a).toHaveLength(6);
        expect(new Set(a).size).toBe(6);
        for (const line of a) expect(line).toMatch(/^trained\.epochs=[12] trained\.batch_size=(32|64) trained\.optimizer="(adam|sgd)" split\.test_size=0\.[1-4]\d*$/);
    });

    test('draws stay inside int ranges, both ends reachable', () => {
        const range: PlanParameter = { step: 'trained', attribute: 'epochs', values: { kind: 'range', min: 1, max: 5, integer: true } };
        const wide: PlanParameter = { step: 'split', attribute: 'test_size', values: { kind: 'range', min: 0, max: 1, integer: false } };
        const drawn = expandRandom([range, wide], 200, 7).map(c => c.assignments[0].value.value as number);
        expect(Math.min(...drawn)).toBe(1);
        expect(Math.max(...drawn)).toBe(5);
    });

    test('a space smaller than the samples: every configuration once, in grid order', () => {
        expect(expandRandom([epochs, batch], 10, 3).map(describeConfiguration)).toEqual(expandGrid([epochs, batch]).map(describeConfiguration));
    });

    test('the generator is uniform enough to be fair', () => {
        const random = seededRandom(42);
        const buckets = [0, 0, 0, 0];
        for (let i = 0; i < 4000; i++) buckets[Math.floor(random() * 4)]++;
        for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(100);
    });
});
