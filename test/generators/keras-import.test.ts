import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generationInput } from '../../cli/commands/generate.js';
import { importKerasModel, KerasImportError, readKerasModelFile, type KerasImportResult } from '../../generators/import/keras-import.js';
import { generateKerasJson } from '../../generators/keras/json-generator.js';
import { generateKerasPython } from '../../generators/keras/python-generator.js';
import { loadWorkspace, type LoadedWorkspace } from '../../languages/workspace/node-workspace.js';
import { ourLayers, runKeras, type KerasModel } from './keras-runner.js';

/**
 * Import round trip: real Keras models (keras.applications with weights=None, and a few
 * hand-made ones) saved with `model.to_json()` (and `model.save()` for one) are imported as
 * `.dfnn`, must check clean, and the generated Python (and JSON) built by Keras must give the
 * original's layers — names, classes, output shapes, weight counts — and totals. Our own
 * inference on the imported network must agree too.
 */
const APPLICATIONS = ['MobileNetV2', 'DenseNet121', 'Xception', 'InceptionV3', 'EfficientNetB0', 'ResNet50V2'];

/** Hand-made models: Sequential, shared layers, several inputs/outputs, multi-output layers, odd names. */
const MODELS: Record<string, string> = {
    sequential: `
model = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Conv2D(4, 3, activation="relu"), layers.Flatten(), layers.Dropout(0.5), layers.Dense(3)], name="seq")`,
    sequential_unbuilt_input: `
model = keras.Sequential([layers.Dense(4, input_shape=(5,)), layers.Dense(2, kernel_regularizer=keras.regularizers.L1L2(l1=0.01, l2=0.02))], name="seq2")`,
    functional: `
a = keras.Input(shape=(16,), name="left"); b = keras.Input(shape=(16,), name="right")
enc = layers.Dense(8, activation="relu", kernel_initializer=keras.initializers.HeNormal(seed=1), name="encoder")
d = layers.Subtract(name="dist")([enc(a), enc(b)])
r = layers.Reshape((8, 1))(d)
l = layers.LSTM(4, return_state=True, name="lstm")(r)
c = layers.Concatenate()([l[0], l[2]])
bi = layers.Bidirectional(layers.GRU(3, return_sequences=True))(layers.Reshape((4, 2))(c))
q = layers.MultiHeadAttention(2, 3, name="mha")(bi, bi)
model = keras.Model([a, b], [c, q, l[1]], name="siamese-ish")`,
    odd_names: `
names = ['a"b', "back\\\\slash", "new\\nline", 'tri"""ple', "ünï ☃", "class", "lambda", "with space", "Dense", "1st"]
x = inp = keras.Input(shape=(4,), name="in put")
for n in names:
    x = layers.Dense(4, name=n)(x)
model = keras.Model(inp, x, name="odd names")`
};

interface RoundTrip {
    id: string;
    source: string;
    imported?: KerasImportResult;
    original?: KerasModel;
}

describe('import of Keras models, round trip through .dfnn and back to Keras', () => {
    const out = mkdtempSync(join(tmpdir(), 'deepforge-import-'));
    const trips: RoundTrip[] = [];
    let workspace: LoadedWorkspace;
    let rebuilt: Map<string, KerasModel>;

    beforeAll(() => (async () => {
        const build = [
            ...APPLICATIONS.map(app => ({ id: app, code: `model = keras.applications.${app}(weights=None)`, json_path: join(out, `${app}.json`) })),
            { id: 'MobileNetV2.keras', code: 'model = keras.applications.MobileNetV2(weights=None)', keras_path: join(out, 'MobileNetV2.keras') },
            ...Object.entries(MODELS).map(([id, code]) => ({ id, code, json_path: join(out, `${id}.json`) }))
        ];
        const originals = runKeras({ build });
        for (const spec of build) {
            const original = originals.get(spec.id)!;
            expect(original.error, spec.id).toBeUndefined();
            const source = spec.json_path ?? spec.keras_path!;
            const imported = importKerasModel(await readKerasModelFile(source), { sourceName: source });
            trips.push({ id: spec.id, source, imported, original });
            writeFileSync(join(out, `${spec.id.replace('.', '_')}.dfnn`), imported.text);
        }
        workspace = await loadWorkspace(trips.map(t => join(out, `${t.id.replace('.', '_')}.dfnn`)));
        const python: Array<{ id: string; path: string; function: string }> = [];
        const json: Array<{ id: string; path: string }> = [];
        for (const trip of trips) {
            const file = join(out, `${trip.id.replace('.', '_')}.dfnn`);
            const input = generationInput(workspace, file);
            writeFileSync(`${file}.py`, generateKerasPython(input));
            writeFileSync(`${file}.json`, generateKerasJson(input.networks[0], input.domain));
            python.push({ id: `${trip.id}:py`, path: `${file}.py`, function: `build_${trip.imported!.network}` });
            json.push({ id: `${trip.id}:json`, path: `${file}.json` });
        }
        rebuilt = runKeras({ python, json });
    })());

    it('imports every model to a .dfnn network that checks clean', () => {
        for (const document of workspace.documents) {
            expect(document.diagnostics.map(d => `${d.severity}: ${d.message}`), document.path).toEqual([]);
        }
    });

    it('gives back the same layers, shapes and parameter counts (generated Python and JSON, and our inference)', () => {
        const table: string[] = ['| model | layers | params | non-trainable | result |', '|---|---|---|---|---|'];
        for (const trip of trips) {
            const original = trip.original!;
            const file = join(out, `${trip.id.replace('.', '_')}.dfnn`);
            const document = workspace.documents.find(d => d.path === file)!;
            const ours = ourLayers(document.analysis!.graphs.find(g => g.lowered.kind === 'network')!);
            for (const kind of ['py', 'json']) {
                const back = rebuilt.get(`${trip.id}:${kind}`)!;
                expect(back.error, `${trip.id} (${kind})`).toBeUndefined();
                expect(back.layers, `${trip.id} (${kind})`).toEqual(original.layers);
                expect([back.total, back.trainable, back.non_trainable]).toEqual([original.total, original.trainable, original.non_trainable]);
            }
            expect(ours.layers, `${trip.id} (our inference)`).toEqual(original.layers);
            expect(ours.total).toBe(original.total);
            table.push(`| ${trip.id} | ${original.layers.length} | ${original.total.toLocaleString('en-US')} | ${original.non_trainable.toLocaleString('en-US')} | identical |`);
        }
        console.log(table.join('\n'));
    });

    it('keeps names that are not .dfnn names as name="…" and their characters unchanged', () => {
        const text = trips.find(t => t.id === 'odd_names')!.imported!.text;
        expect(text).toContain('class_ = Dense(4, name="class")');
        expect(text).toContain('Dense_ = Dense(4, name="Dense")');
        expect(text).toContain('name="new\\nline"');
        expect(text).toContain('name="tri\\"\\"\\"ple"');
    });
});

/** Keras JSON of a one-layer-after-input functional model, for the unsupported cases. */
function modelWith(layer: Record<string, unknown>, kwargs: Record<string, unknown> = {}): unknown {
    const tensor = { class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: ['x', 0, 0] } };
    return {
        module: 'keras.src.models.functional', class_name: 'Functional',
        config: {
            name: 'm', trainable: true,
            layers: [
                { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', name: 'x' }, registered_name: null, name: 'x', inbound_nodes: [] },
                { module: 'keras.layers', registered_name: null, ...layer, name: 'odd', inbound_nodes: [{ args: [tensor], kwargs }] }
            ],
            input_layers: [['x', 0, 0]], output_layers: [['odd', 0, 0]]
        }
    };
}

function importProblems(model: unknown): readonly string[] {
    try {
        importKerasModel(model);
    } catch (error) {
        if (error instanceof KerasImportError) return error.problems;
        throw error;
    }
    return [];
}

describe('what cannot be imported is reported, naming the layer', () => {
    it('Lambda layers hold Python code', () => {
        const problems = importProblems(modelWith({ class_name: 'Lambda', config: { name: 'odd', function: { class_name: '__lambda__', config: { code: '...' } } } }));
        expect(problems).toEqual([expect.stringMatching(/layer `odd` \(Lambda\) cannot be written in \.dfnn: holds Python code/)]);
    });

    it('custom classes', () => {
        const problems = importProblems(modelWith({ module: 'my_package', class_name: 'MyLayer', registered_name: 'Custom>MyLayer', config: { name: 'odd' } }));
        expect(problems).toEqual([expect.stringMatching(/layer `odd` \(MyLayer\) is not a Keras layer .dfnn knows \(Custom>MyLayer\)/)]);
    });

    it('raw operations', () => {
        const problems = importProblems(modelWith({ module: 'keras.src.ops.numpy', class_name: 'Absolute', config: { name: 'odd' } }));
        expect(problems).toEqual([expect.stringMatching(/layer `odd` \(Absolute\) .* a raw operation \(keras\.src\.ops\.numpy\)/)]);
    });

    it('nested models', () => {
        const problems = importProblems(modelWith({ module: 'keras.src.models.functional', class_name: 'Functional', config: { name: 'odd', layers: [] } }));
        expect(problems).toEqual([expect.stringMatching(/layer `odd` \(Functional\) is a nested model/)]);
    });

    it('objects .dfnn has no value for, and tensors passed by keyword', () => {
        const odd = modelWith({ class_name: 'Dense', config: { name: 'odd', units: 2, kernel_initializer: { module: 'my.init', class_name: 'Mine', config: {}, registered_name: 'Custom>Mine' } } });
        expect(importProblems(odd)).toEqual([expect.stringMatching(/layer `odd` \(Dense\): `kernel_initializer` holds a Mine object \(Custom>Mine\)/)]);
        const tensor = { class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: ['x', 0, 0] } };
        const keyword = modelWith({ class_name: 'Dense', config: { name: 'odd', units: 2 } }, { mask: tensor });
        expect(importProblems(keyword)).toEqual([expect.stringMatching(/layer `odd`: takes the tensor `mask=…` as a call keyword/)]);
    });

    it('subclassed models', () => {
        expect(importProblems({ class_name: 'MyModel', config: {} })).toEqual([expect.stringMatching(/`MyModel` models cannot be imported/)]);
    });

    it('writes approximations as warnings and comments', () => {
        const result = importKerasModel(modelWith({ class_name: 'Dropout', config: { name: 'odd', rate: 0.5 } }, { training: false }));
        expect(result.warnings).toEqual([expect.stringContaining('layer `odd`: the call argument `training=false` is left out')]);
        expect(result.text).toContain('# warning: layer `odd`: the call argument `training=false` is left out');
        expect(result.text).toContain('odd = Dropout(0.5)(x)');
    });
});
