import { displayPath } from '../format/diagnostics.js';
import { pipelineView, renderPipeline } from '../format/pipeline-graph.js';
import { ExitCode, type CliIO } from '../io.js';
import { loadCheckedDocument, selectByName } from './checked-document.js';

export interface GraphOptions {
    /** Only this pipeline (default: every pipeline of the file). */
    readonly pipeline?: string;
    readonly format?: 'text' | 'json';
}

/**
 * `deepforge graph <file.dfp>`: the steps of the file's pipelines in execution (topological)
 * order with their wiring, e.g. `trained = TrainCifar(architecture=VGG, epochs=5) ← images:
 * data.train_images, labels: data.train_labels`. When the file (or a file it imports) has
 * errors, prints them instead and exits with 1.
 */
export async function runGraph(file: string, options: GraphOptions, io: CliIO): Promise<number> {
    const loaded = await loadCheckedDocument(file, {
        accepts: document => document.pipelines !== undefined,
        wrongKind: 'is not a .dfp file (`deepforge summary` shows a network)',
        product: 'graph'
    }, io);
    if (typeof loaded === 'number') return loaded;
    const { document } = loaded;
    const selected = selectByName(document.pipelines!.pipelines, p => p.lowered.graph.name, options.pipeline, 'pipeline', document, io);
    if (typeof selected === 'number') return selected;
    const views = selected.map(pipelineView);
    if (options.format === 'json') {
        io.out(JSON.stringify({ file: displayPath(document.path), pipelines: views }, null, 2));
    } else {
        views.forEach((view, i) => {
            if (i > 0) io.out('');
            for (const line of renderPipeline(view)) io.out(line);
        });
    }
    return ExitCode.ok;
}
