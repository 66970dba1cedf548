import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../metamodel/keras/index.js';
import { ALL_LAYER_CASES } from './cases/index.js';
import { inferCase } from './layer-case.js';
import { askKeras, type OracleLayerResult } from './oracle.js';

/**
 * The differential suite: every catalogue layer in several configurations, built by real
 * Keras 3 and by our inference. Output shapes and weight counts must be identical, and a
 * configuration Keras rejects must be rejected by our checker too.
 */
const oracle = askKeras({ layers: ALL_LAYER_CASES });
const byId = new Map<string, OracleLayerResult>(oracle.layers.map(r => [r.id, r]));

describe(`layers against real Keras ${oracle.keras}`, () => {
    it('covers every Keras model layer with at least two configurations', () => {
        const counts = new Map<string, number>();
        for (const c of ALL_LAYER_CASES) counts.set(c.layer, (counts.get(c.layer) ?? 0) + 1);
        const layers = CATALOGUE.layers.filter(l => !l.abstract && !l.unsupported).map(l => l.name);
        const missing = layers.filter(name => (counts.get(name) ?? 0) < 2);
        expect(missing).toEqual([]);
        const ids = ALL_LAYER_CASES.map(c => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        const rejected = oracle.layers.filter(r => r.error !== undefined).length;
        console.log(`differential suite: ${layers.length} layers, ${ALL_LAYER_CASES.length} configurations, ${rejected} rejected by Keras`);
    });

    for (const c of ALL_LAYER_CASES) {
        it(`${c.id}: ${c.layer}`, () => {
            const keras = byId.get(c.id)!;
            const ours = inferCase(c);
            if (keras.error !== undefined) {
                expect(ours.errors, `Keras rejects it (${keras.error}); we must too`).toBeDefined();
            } else {
                expect(ours.errors, `Keras accepts it; we report errors`).toBeUndefined();
                expect(ours).toEqual({ outputs: keras.outputs, trainable: keras.trainable, nonTrainable: keras.non_trainable });
            }
        });
    }
});
