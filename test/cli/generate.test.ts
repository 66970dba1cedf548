import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runGenerate } from '../../cli/commands/generate.js';
import { runImport } from '../../cli/commands/import.js';
import { BufferedIO } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { BAD, GOOD, writeProject } from './fixtures.js';

/** A Keras `model.to_json()` of Input(4) → Dense(2, relu). */
const KERAS_JSON = JSON.stringify({
    module: 'keras.src.models.functional', class_name: 'Functional',
    config: {
        name: 'tiny model', trainable: true,
        layers: [
            { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', name: 'x' }, registered_name: null, name: 'x', inbound_nodes: [] },
            {
                module: 'keras.layers', class_name: 'Dense', registered_name: null, name: 'dense',
                config: { name: 'dense', trainable: true, units: 2, activation: 'relu', use_bias: true, kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null } },
                inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: ['x', 0, 0] } }], kwargs: {} }]
            }
        ],
        input_layers: [['x', 0, 0]], output_layers: [['dense', 0, 0]]
    }
});

describe('deepforge generate / import', () => {
    test('generate keras writes <file>.py; keras-json one file per network', async () => {
        const root = writeProject({ 'good.dfnn': GOOD });
        const io = new BufferedIO();
        expect(await runGenerate('keras', path.join(root, 'good.dfnn'), { out: path.join(root, 'out') }, io)).toBe(0);
        const python = readFileSync(path.join(root, 'out', 'good.py'), 'utf-8');
        expect(python).toMatch(/^"""The \w+ network in Keras \(from good\.dfnn\)\."""\n\nimport keras\nfrom keras import layers\n/);
        expect(await runGenerate('keras-json', path.join(root, 'good.dfnn'), { out: path.join(root, 'out') }, io)).toBe(0);
        expect(io.stdout.some(line => line.endsWith('.json'))).toBe(true);
    });

    test('a file with errors is not generated (exit 1); an unknown network is a usage error (exit 2)', async () => {
        const root = writeProject({ 'bad.dfnn': BAD, 'good.dfnn': GOOD });
        const io = new BufferedIO();
        expect(await runGenerate('keras', path.join(root, 'bad.dfnn'), { out: path.join(root, 'out') }, io)).toBe(1);
        expect(io.errors).toContain('nothing generated');
        expect(existsSync(path.join(root, 'out'))).toBe(false);
        expect(await runGenerate('keras', path.join(root, 'good.dfnn'), { out: path.join(root, 'out'), network: 'Nope' }, io)).toBe(2);
        expect(io.errors).toMatch(/no network `Nope`/);
    });

    test('import keras writes a .dfnn that checks clean', async () => {
        const root = writeProject({ 'model.json': KERAS_JSON });
        const io = new BufferedIO();
        expect(await main(['node', 'deepforge', 'import', 'keras', path.join(root, 'model.json'), '-o', path.join(root, 'tiny.dfnn')], io)).toBe(0);
        const text = readFileSync(path.join(root, 'tiny.dfnn'), 'utf-8');
        expect(text).toContain('network tiny_model {\n    x = Input(shape=(4,))\n    dense = Dense(2, activation="relu")(x)\n    outputs dense\n}');
    });

    test('import reports what it cannot express and writes nothing', async () => {
        const lambda = KERAS_JSON.replace('"class_name":"Dense"', '"class_name":"Lambda"');
        const root = writeProject({ 'model.json': lambda });
        const io = new BufferedIO();
        expect(await runImport(path.join(root, 'model.json'), { out: path.join(root, 'x.dfnn') }, io)).toBe(1);
        expect(io.errors).toMatch(/layer `dense` \(Lambda\) cannot be written in \.dfnn/);
        expect(existsSync(path.join(root, 'x.dfnn'))).toBe(false);
    });
});
