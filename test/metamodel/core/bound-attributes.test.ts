import { describe, expect, test } from 'vitest';
import { DiagnosticCollector, fromJs, Metamodel, NO_TRACE, T, ValidationEngine, type ModelNode } from '../../../metamodel/core/index.js';

/**
 * A node's bound attributes share its type's defaults instead of copying them; as a map they
 * read exactly like one map of the written attributes (in the order written) followed by the
 * defaults left out (in the type's order).
 */
describe('bound attributes', () => {
    const metamodel = new Metamodel('test', [
        { name: 'Base', abstract: true, attributes: [{ name: 'name', type: T.string, default: null, keywordOnly: true }] },
        {
            name: 'Conv', base: 'Base', attributes: [
                { name: 'filters', type: T.int, required: true },
                { name: 'kernel', type: T.int, default: 3 },
                { name: 'strides', type: T.int, default: 1 },
                { name: 'padding', type: T.string, default: 'valid' },
                { name: 'note', type: T.string }
            ]
        }
    ]);
    const engine = new ValidationEngine(metamodel);
    const node = (attributes: ModelNode['attributes']): ModelNode => ({ id: 'c', name: 'c', type: 'Conv', attributes, trace: NO_TRACE });

    test('written ones first, then the defaults left out; get, has, size and iteration agree', () => {
        const resolved = engine.resolveNode(node([
            { name: 'padding', value: fromJs('same'), trace: NO_TRACE },
            { position: 0, value: fromJs(8), trace: NO_TRACE }
        ]), new DiagnosticCollector())!;
        const { attributes } = resolved;
        expect([...attributes.keys()]).toEqual(['padding', 'filters', 'kernel', 'strides', 'name']);
        expect([...attributes].map(([key, a]) => [key, a.value.kind === 'unknown' ? undefined : 'value' in a.value ? a.value.value : null]))
            .toEqual([['padding', 'same'], ['filters', 8], ['kernel', 3], ['strides', 1], ['name', null]]);
        expect([...attributes.values()].map(a => a.def.name)).toEqual([...attributes.keys()]);
        expect([...attributes.entries()].map(([key]) => key)).toEqual([...attributes.keys()]);
        const seen: string[] = [];
        attributes.forEach((attribute, key, map) => {
            expect(map).toBe(attributes);
            expect(attribute.def.name).toBe(key);
            seen.push(key);
        });
        expect(seen).toEqual([...attributes.keys()]);
        expect(attributes.size).toBe(5);
        expect(attributes.get('padding')!.assignment).toBeDefined();
        expect(attributes.get('kernel')!.assignment).toBeUndefined();
        expect(attributes.has('note')).toBe(false);
        expect(attributes.get('note')).toBeUndefined();
        expect(resolved.valid).toBe(true);
    });

    test('a missing required attribute is reported; defaults are shared by the nodes of a type', () => {
        const diagnostics = new DiagnosticCollector();
        const a = engine.resolveNode(node([]), diagnostics)!;
        const b = engine.resolveNode(node([{ name: 'filters', value: fromJs(4), trace: NO_TRACE }]), diagnostics)!;
        expect(diagnostics.diagnostics.map(d => d.message)).toEqual(['missing required argument `filters` for `Conv`']);
        expect(a.valid).toBe(false);
        expect(b.valid).toBe(true);
        expect(a.attributes.get('kernel')).toBe(b.attributes.get('kernel'));
        expect([...a.attributes.keys()]).toEqual(['kernel', 'strides', 'padding', 'name']);
    });
});
