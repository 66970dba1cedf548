import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphIndex, type ModelGraph } from '../../metamodel/core/index.js';
import { loadWorkspace, type LoadedWorkspace } from '../../languages/workspace/node-workspace.js';
import { askKeras, type ModelSpec, type OracleModelLayer, type OracleModelResult } from './oracle.js';

/**
 * Whole models written in .dfnn against the same models built by real Keras: per layer
 * (in a canonical order both sides compute from the topology), the class, the output
 * shapes and the trainable and non-trainable weight counts must be identical, and so must
 * the totals.
 */
const root = resolve(fileURLToPath(import.meta.url), '../../..');

interface ModelCase {
    spec: ModelSpec;
    file: string;
    network: string;
    total: number;
}

const MODELS: ModelCase[] = [
    { spec: { id: 'cifar10-vgg', reference: 'cifar10_vgg' }, file: 'examples/cifar10/vgg.dfnn', network: 'VGG', total: 7_488_298 },
    { spec: { id: 'redshift-inception', reference: 'redshift_inception' }, file: 'examples/redshift/inception.dfnn', network: 'RedshiftInception', total: 27_841_856 },
    { spec: { id: 'vgg16', application: 'VGG16', kwargs: { weights: null } }, file: 'examples/keras-applications/vgg16.dfnn', network: 'VGG16', total: 138_357_544 },
    { spec: { id: 'resnet50', application: 'ResNet50', kwargs: { weights: null } }, file: 'examples/keras-applications/resnet50.dfnn', network: 'ResNet50', total: 25_636_712 }
];

/** Our layers in the oracle's canonical order: depth-first post-order from the outputs, inputs in call order. */
function canonicalLayers(workspace: LoadedWorkspace, file: string, network: string): { layers: OracleModelLayer[]; totals: { total: number; trainable: number; nonTrainable: number } } {
    const document = workspace.documents.find(d => d.path === join(root, file));
    if (!document) throw new Error(`${file} not loaded`);
    const errors = document.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) throw new Error(`${file} has errors: ${errors.map(e => e.message).join('; ')}`);
    const analysis = document.analysis.graphs.find(g => g.lowered.kind === 'network' && g.lowered.graph.name === network);
    if (!analysis) throw new Error(`no network ${network} in ${file}`);
    const graph: ModelGraph = analysis.lowered.graph;
    const index = new GraphIndex(graph);
    const seen = new Set<string>();
    const layers: OracleModelLayer[] = [];
    const visit = (id: string) => {
        if (seen.has(id)) return;
        seen.add(id);
        for (const connection of index.inputsOf(id)) visit(connection.from.node);
        const node = index.node(id)!;
        const layer = analysis.analysis.layers.get(id)!;
        const type = analysis.validation.nodes.get(id)!.type.name;
        layers.push({
            name: node.name,
            class: type === 'Input' ? 'InputLayer' : type,
            outputs: (layer.outputs ?? []).map(s => [...s]),
            trainable: layer.sharesWeightsWith ? 0 : layer.trainable ?? -1,
            non_trainable: layer.sharesWeightsWith ? 0 : layer.nonTrainable ?? -1
        });
    };
    for (const output of graph.outputs) visit(output.node);
    const { total, trainable, nonTrainable } = analysis.analysis;
    return { layers, totals: { total, trainable, nonTrainable } };
}

describe('whole models against real Keras', () => {
    let workspace: LoadedWorkspace;
    let keras: Map<string, OracleModelResult>;

    beforeAll(async () => {
        workspace = await loadWorkspace(MODELS.map(m => join(root, m.file)));
        keras = new Map(askKeras({ models: MODELS.map(m => m.spec) }).models.map(m => [m.id, m]));
    });

    for (const model of MODELS) {
        it(`${model.network} (${model.file}) has Keras' layers, shapes and parameter counts`, () => {
            const reference = keras.get(model.spec.id)!;
            expect(reference.error).toBeUndefined();
            const ours = canonicalLayers(workspace, model.file, model.network);
            expect(ours.layers.length).toBe(reference.layers.length);
            const strip = (layers: OracleModelLayer[]) => layers.map(({ name: _name, ...rest }) => rest);
            expect(strip(ours.layers)).toEqual(strip(reference.layers));
            expect(ours.totals).toEqual({ total: reference.total, trainable: reference.trainable, nonTrainable: reference.non_trainable });
            if (model.total > 0) expect(ours.totals.total).toBe(model.total);
            console.log(`${model.network}: ${ours.layers.length} layers, ${ours.totals.total.toLocaleString('en-US')} params (${ours.totals.nonTrainable.toLocaleString('en-US')} non-trainable) — identical to Keras`);
        });
    }
});
