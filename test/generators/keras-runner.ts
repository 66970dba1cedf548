import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphIndex } from '../../metamodel/core/index.js';
import type { GraphAnalysis } from '../../languages/dfnn/analysis/dfnn-analyzer.js';
import { oraclePython, type OracleModelLayer } from '../oracle/oracle.js';

/** What real Keras reports for a model: layers in the oracle's canonical order, and totals. */
export interface KerasModel {
    id: string;
    error?: string;
    name?: string;
    layers: OracleModelLayer[];
    total: number;
    trainable: number;
    non_trainable: number;
    compiled?: boolean;
}

export interface RunnerRequest {
    python?: Array<{ id: string; path: string; function: string }>;
    json?: Array<{ id: string; path: string }>;
    build?: Array<{ id: string; code: string; json_path?: string; keras_path?: string }>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Runs `keras_runner.py` once for a batch of models. */
export function runKeras(request: RunnerRequest): Map<string, KerasModel> {
    const output = execFileSync(oraclePython(), [join(here, 'keras_runner.py')], {
        input: JSON.stringify(request),
        env: { ...process.env, KERAS_BACKEND: 'numpy' },
        maxBuffer: 512 * 1024 * 1024,
        encoding: 'utf-8'
    });
    const { models } = JSON.parse(output) as { models: KerasModel[] };
    return new Map(models.map(m => [m.id, m]));
}

/** Our layers of an analysed network in the oracle's canonical order (depth-first post-order from the outputs). */
export function ourLayers(graph: GraphAnalysis): { layers: OracleModelLayer[]; total: number; trainable: number; non_trainable: number } {
    const { lowered, analysis, validation } = graph;
    const index = new GraphIndex(lowered.graph);
    const seen = new Set<string>();
    const counted = new Set<string>();
    const layers: OracleModelLayer[] = [];
    const visit = (id: string) => {
        if (seen.has(id)) return;
        seen.add(id);
        for (const connection of index.inputsOf(id)) visit(connection.from.node);
        const node = index.node(id)!;
        const layer = analysis.layers.get(id)!;
        const type = validation.nodes.get(id)!.type.name;
        const owner = layer.sharesWeightsWith ? index.node(layer.sharesWeightsWith) : undefined;
        const written = (owner ?? node).attributes.find(a => a.name === 'name')?.value;
        // A shared layer's weights count at its first application (as Keras lists them), 0 after.
        const first = owner !== undefined && !counted.has(owner.id);
        if (owner) counted.add(owner.id);
        const weights = owner ? (first ? analysis.layers.get(owner.id) ?? {} : { trainable: 0, nonTrainable: 0 }) : layer;
        layers.push({
            name: written?.kind === 'string' ? written.value : (owner ?? node).name,
            class: type === 'Input' ? 'InputLayer' : type,
            outputs: (layer.outputs ?? []).map(s => [...s]),
            trainable: weights.trainable ?? -1,
            non_trainable: weights.nonTrainable ?? -1
        });
    };
    for (const output of lowered.graph.outputs) visit(output.node);
    return { layers, total: analysis.total, trainable: analysis.trainable, non_trainable: analysis.nonTrainable };
}
