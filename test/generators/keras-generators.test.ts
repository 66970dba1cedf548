import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFiles, generationInput } from '../../cli/commands/generate.js';
import { generateKerasJson } from '../../generators/keras/json-generator.js';
import { generateKerasPython } from '../../generators/keras/python-generator.js';
import { loadWorkspace, type LoadedWorkspace } from '../../languages/workspace/node-workspace.js';
import type { GraphAnalysis } from '../../languages/dfnn/analysis/dfnn-analyzer.js';
import { ourLayers, runKeras, type KerasModel, type RunnerRequest } from './keras-runner.js';

/**
 * The generated Keras Python and Keras JSON of every example network (and of a fixture with
 * every construct: shared layers, several inputs/outputs, multi-output layers, nested blocks,
 * networks used as blocks, helper objects, wrappers, Python keywords as names), built by real
 * Keras: per layer (canonical order) the name, class, output shapes and weight counts must be
 * those our inference computes, and the module must pass `py_compile`.
 */
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const FILES = ['examples', 'test/generators/fixtures/features.dfnn'];

interface NetworkCase {
    file: string;
    network: string;
    analysis: GraphAnalysis;
}

describe('Keras Python and JSON generated from .dfnn, built by real Keras', () => {
    let workspace: LoadedWorkspace;
    let keras: Map<string, KerasModel>;
    const cases: NetworkCase[] = [];

    beforeAll(() => (async () => {
        workspace = await loadWorkspace(FILES.map(f => join(root, f)));
        const out = mkdtempSync(join(tmpdir(), 'deepforge-gen-'));
        const request: Required<Pick<RunnerRequest, 'python' | 'json'>> = { python: [], json: [] };
        workspace.documents.filter(d => d.requested && d.path.endsWith('.dfnn')).forEach((document, i) => {
            expect(document.diagnostics.filter(d => d.severity === 'error'), document.path).toEqual([]);
            const networks = (document.analysis?.graphs ?? []).filter(g => g.lowered.kind === 'network');
            if (networks.length === 0) return;
            const input = generationInput(workspace, document.path);
            const module = `generated_${i}_${basename(document.path, '.dfnn')}`;
            const path = join(out, `${module}.py`);
            writeFileSync(path, generateKerasPython(input));
            for (const analysis of networks) {
                const network = analysis.lowered.graph.name;
                const id = `${document.path}:${network}`;
                cases.push({ file: document.path, network, analysis });
                request.python.push({ id: `${id}:py`, path, function: `build_${network}` });
                const json = join(out, `${module}_${network}.json`);
                writeFileSync(json, generateKerasJson(generationInput(workspace, document.path, network).networks[0], input.domain));
                request.json.push({ id: `${id}:json`, path: json });
            }
        });
        keras = runKeras(request);
    })());

    it('covers every example network and VGG16/ResNet50', () => {
        const names = cases.map(c => c.network);
        for (const network of ['VGG', 'RedshiftInception', 'DigitsCNN', 'VGG16', 'ResNet50', 'Siamese', 'Keywords']) expect(names).toContain(network);
    });

    it('generates every network with the layers, shapes and parameter counts of our inference', () => {
        const failures: string[] = [];
        for (const c of cases) {
            const ours = ourLayers(c.analysis);
            for (const kind of ['py', 'json']) {
                const theirs = keras.get(`${c.file}:${c.network}:${kind}`);
                if (!theirs || theirs.error) {
                    failures.push(`${c.network} (${kind}): ${theirs?.error ?? 'no result'}`);
                    continue;
                }
                if (kind === 'py') expect(theirs.compiled).toBe(true);
                expect(theirs.name).toBe(c.network);
                expect(theirs.layers, `${c.network} (${kind})`).toEqual(ours.layers);
                expect({ total: theirs.total, trainable: theirs.trainable, non_trainable: theirs.non_trainable }).toEqual(
                    { total: ours.total, trainable: ours.trainable, non_trainable: ours.non_trainable });
            }
        }
        expect(failures).toEqual([]);
        console.log(`generated Python and JSON for ${cases.length} networks: identical to our inference in real Keras`);
    });

    it('writes one module per file, one JSON file per network', () => {
        const file = join(root, 'examples/cifar10/vgg.dfnn');
        const input = generationInput(workspace, file);
        expect([...generateFiles('keras', input, file).keys()]).toEqual(['vgg.py']);
        expect([...generateFiles('keras-json', input, file).keys()]).toEqual(['VGG.json']);
    });

    it('writes blocks as functions and leaves defaults out', () => {
        const python = generateKerasPython(generationInput(workspace, join(root, 'examples/cifar10/vgg.dfnn')));
        expect(python).toContain('def conv_block(x, filters, kernel_size=(3, 3), *, name):');
        expect(python).toContain('layers.MaxPooling2D(strides=(2, 2), name=name + "_pool")(b)');
        expect(python).toContain('b1 = conv_block(image, filters=32, name="b1")');
        expect(python).toContain('if __name__ == "__main__":\n    build_VGG().summary()');
        expect(python).not.toMatch(/padding="valid"|use_bias=True/);
    });
});
