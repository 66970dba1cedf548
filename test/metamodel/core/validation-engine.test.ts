import { describe, expect, it } from 'vitest';
import {
    Arity, Metamodel, T, ValidationEngine, type AttributeAssignment, type Connection, type ModelGraph, type ModelNode,
    type Trace, type Value
} from '../../../metamodel/core/index.js';

/**
 * The engine is generic: this toy metamodel (a railway network) has nothing to do with
 * Keras or pipelines, and every check still follows from its meta-type definitions.
 */
const railway = new Metamodel('railway', [
    {
        name: 'Element', abstract: true, doc: 'Anything on the map.',
        attributes: [{ name: 'label', type: T.optional(T.string), keywordOnly: true }]
    },
    {
        name: 'Station', base: 'Element', doc: 'A station.',
        attributes: [
            { name: 'platforms', type: T.int, required: true, min: 1, max: 20 },
            { name: 'kind', type: T.enum('terminal', 'through', 'junction'), default: 'through' },
            { name: 'location', type: T.tuple(2), default: [0, 0] },
            { name: 'served_by', type: T.list(T.string), default: [] }
        ],
        inputs: [{ name: 'tracks', arity: Arity.atLeast(1) }],
        outputs: [{ name: 'departures', arity: Arity.any }]
    },
    { name: 'Terminus', base: 'Station', aliases: ['EndStation'], inputs: [{ name: 'tracks', arity: Arity.exactly(1) }] },
    {
        name: 'Depot', base: 'Element',
        attributes: [
            { name: 'capacity', type: T.float, min: 0 },
            { name: 'gauge', type: T.union(T.int, T.enum('standard', 'narrow')), default: 'standard' },
            { name: 'signals', type: T.optional(T.object('signal')) }
        ],
        inputs: [], outputs: [{ name: 'out', arity: Arity.any }]
    }
]);

let line = 0;
const at = (): Trace => ({ uri: 'mem://railway', range: { start: { line: ++line, character: 0 }, end: { line, character: 5 } } });
const int = (value: number): Value => ({ kind: 'int', value, trace: at() });
const str = (value: string): Value => ({ kind: 'string', value, trace: at() });
const kw = (name: string, value: Value): AttributeAssignment => ({ name, value, trace: at(), nameTrace: at() });
const pos = (position: number, value: Value): AttributeAssignment => ({ position, value, trace: value.trace! });
const node = (id: string, type: string, attributes: AttributeAssignment[]): ModelNode => ({ id, name: id, type, attributes, trace: at(), typeTrace: at() });
const track = (from: string, to: string, position: number): Connection => ({ from: { node: from }, to: { node: to, port: 'tracks', position }, trace: at() });

function validate(nodes: ModelNode[], connections: Connection[] = []) {
    const graph: ModelGraph = { name: 'map', kind: 'map', metamodel: 'railway', nodes, connections, inputs: [], outputs: [], trace: at() };
    return new ValidationEngine(railway).validate(graph);
}

const depot = () => node('depot', 'Depot', [kw('capacity', int(3))]);

describe('ValidationEngine on a toy metamodel', () => {
    it('accepts a valid model and fills in defaults, inherited attributes included', () => {
        const result = validate([depot(), node('a', 'Station', [pos(0, int(4)), kw('label', str('Alpha'))])], [track('depot', 'a', 0)]);
        expect(result.diagnostics).toEqual([]);
        const a = result.nodes.get('a')!;
        expect([...a.attributes.keys()].sort()).toEqual(['kind', 'label', 'location', 'platforms', 'served_by']);
        expect(a.attributes.get('kind')!.value).toEqual({ kind: 'string', value: 'through', trace: undefined });
        expect(a.type.lineage).toEqual(['Station', 'Element']);
    });

    it('reports a missing required attribute on the type name', () => {
        const station = node('a', 'Station', []);
        const [d] = validate([depot(), station], [track('depot', 'a', 0)]).diagnostics;
        expect(d).toMatchObject({ code: 'missing-attribute', message: 'missing required argument `platforms` for `Station`', trace: station.typeTrace });
    });

    it('reports a wrong type at the value', () => {
        const value = str('four');
        const [d] = validate([depot(), node('a', 'Station', [kw('platforms', value)])], [track('depot', 'a', 0)]).diagnostics;
        expect(d).toMatchObject({ code: 'type-mismatch', message: '`platforms` expects int, got string `"four"`', trace: value.trace });
    });

    it('reports a value not in the enum with did-you-mean and a fix', () => {
        const value = str('termnal');
        const [d] = validate([depot(), node('a', 'Station', [pos(0, int(2)), kw('kind', value)])], [track('depot', 'a', 0)]).diagnostics;
        expect(d.code).toBe('enum-mismatch');
        expect(d.message).toBe('`kind` expects "terminal", "through" or "junction", got "termnal" — did you mean "terminal"?');
        expect(d.trace).toBe(value.trace);
        expect(d.fixes).toEqual([{ title: 'Change to "terminal"', trace: value.trace, newText: '"terminal"' }]);
    });

    it('reports a string outside a union\'s enum as an enum mismatch', () => {
        const [d] = validate([node('d', 'Depot', [kw('capacity', int(1)), kw('gauge', str('narow'))])]).diagnostics;
        expect(d.code).toBe('enum-mismatch');
        expect(d.message).toContain('did you mean "narrow"?');
    });

    it('reports values out of an inclusive range, and accepts the bounds', () => {
        const high = int(21);
        const [d] = validate([depot(), node('a', 'Station', [pos(0, high)])], [track('depot', 'a', 0)]).diagnostics;
        expect(d).toMatchObject({ code: 'out-of-range', message: '`platforms` must be in [1, 20], got 21', trace: high.trace });
        expect(validate([depot(), node('a', 'Station', [pos(0, int(20))])], [track('depot', 'a', 0)]).diagnostics).toEqual([]);
        expect(validate([depot(), node('a', 'Station', [pos(0, int(1))])], [track('depot', 'a', 0)]).diagnostics).toEqual([]);
        const [low] = validate([node('d', 'Depot', [kw('capacity', { kind: 'float', value: -0.5, trace: at() })])]).diagnostics;
        expect(low.message).toBe('`capacity` must be ≥ 0, got -0.5');
    });

    it('reports an unknown attribute at its name, with did-you-mean and fixes', () => {
        const typo = kw('platfroms', int(3));
        const [d] = validate([depot(), node('a', 'Station', [pos(0, int(2)), typo])], [track('depot', 'a', 0)]).diagnostics;
        expect(d).toMatchObject({ code: 'unknown-attribute', message: 'unknown argument `platfroms` for `Station` — did you mean `platforms`?', trace: typo.nameTrace });
        expect(d.fixes?.map(f => f.title)).toEqual(['Change to platforms', 'Remove platfroms']);
    });

    it('reports an unknown attribute without a suggestion when nothing is close', () => {
        const [d] = validate([node('d', 'Depot', [kw('colour', str('red'))])]).diagnostics;
        expect(d.message).toBe('unknown argument `colour` for `Depot`');
    });

    it('reports the wrong number of inputs at the first surplus connection', () => {
        const surplus = track('depot2', 't', 1);
        const result = validate([depot(), node('depot2', 'Depot', []), node('t', 'Terminus', [pos(0, int(2))])], [track('depot', 't', 0), surplus]);
        expect(result.diagnostics).toHaveLength(1);
        expect(result.diagnostics[0]).toMatchObject({ code: 'input-arity', message: '`Terminus` takes exactly one input, got 2', trace: surplus.trace });
    });

    it('reports too few inputs on the type name', () => {
        const station = node('a', 'Station', [pos(0, int(2))]);
        const [d] = validate([station]).diagnostics;
        expect(d).toMatchObject({ code: 'input-arity', message: '`Station` takes at least one input, got 0', trace: station.typeTrace });
    });

    it('resolves aliases and inherited definitions; overrides replace the base port', () => {
        const t = railway.get('EndStation')!;
        expect(t.name).toBe('Terminus');
        expect(t.inputs).toEqual([{ name: 'tracks', arity: Arity.exactly(1) }]);
        expect(t.attribute('platforms')?.required).toBe(true);
        expect(railway.isA('Terminus', 'Element')).toBe(true);
    });

    it('reports an unknown type with did-you-mean, and an abstract type', () => {
        const typo = node('s', 'Staton', []);
        const [d] = validate([typo]).diagnostics;
        expect(d).toMatchObject({ code: 'unknown-type', message: 'unknown type `Staton` — did you mean `Station`?', trace: typo.typeTrace });
        const [abstract] = validate([node('e', 'Element', [])]).diagnostics;
        expect(abstract.code).toBe('abstract-type');
    });

    it('checks tuples, lists and objects, and maps positional arguments in signature order', () => {
        const badTuple: Value = { kind: 'tuple', items: [int(1), int(2), int(3)], trace: at() };
        const badList: Value = { kind: 'list', items: [str('IC'), int(5)], trace: at() };
        const result = validate([depot(), node('a', 'Station', [pos(0, int(2)), pos(1, str('junction')), pos(2, badTuple), pos(3, badList)])], [track('depot', 'a', 0)]);
        expect(result.diagnostics.map(d => d.message)).toEqual([
            '`location` expects tuple of 2 ints, got tuple `(1, 2, 3)`',
            '`served_by` expects list of string, got int `5` in the list'
        ]);
        const extra = int(9);
        const [tooMany] = validate([node('d', 'Depot', [pos(0, int(1)), pos(1, int(1)), pos(2, { kind: 'none' }), pos(3, extra)])]).diagnostics;
        expect(tooMany).toMatchObject({ code: 'too-many-positional', message: '`Depot` takes at most 3 positional arguments, got 4' });
        const call: Value = { kind: 'call', callee: 'Semaphore', args: [], kwargs: [], trace: at() };
        expect(validate([node('d', 'Depot', [kw('signals', call)])]).diagnostics).toEqual([]);
        const [notObject] = validate([node('d', 'Depot', [kw('signals', int(1))])]).diagnostics;
        expect(notObject.message).toBe('`signals` expects signal or None, got int `1`');
    });

    it('reports an argument given both by position and by keyword', () => {
        const [d] = validate([depot(), node('a', 'Station', [pos(0, int(2)), kw('platforms', int(3))])], [track('depot', 'a', 0)]).diagnostics;
        expect(d).toMatchObject({ code: 'duplicate-attribute', message: '`Station` got multiple values for argument `platforms`' });
    });

    it('runs domain checks registered for a base type on its subtypes', () => {
        const engine = new ValidationEngine(railway).register('Station', (resolved, ctx) => {
            ctx.diagnostics.warning('lonely', `${resolved.node.name} is lonely`, resolved.node.trace);
        });
        const graph: ModelGraph = {
            name: 'm', kind: 'map', metamodel: 'railway', inputs: [], outputs: [], trace: at(),
            nodes: [depot(), node('t', 'Terminus', [pos(0, int(1))])], connections: [track('depot', 't', 0)]
        };
        expect(engine.validate(graph).diagnostics.map(d => d.message)).toEqual(['t is lonely']);
    });
});
