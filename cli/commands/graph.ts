import { loadWorkspace } from '../../languages/workspace/node-workspace.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { pipelineView, renderPipeline } from '../format/pipeline-graph.js';
import { ExitCode, type CliIO } from '../io.js';

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
    const workspace = await loadWorkspace([file]);
    for (const problem of workspace.problems) {
        io.err(`deepforge: cannot read ${problem.path}: ${problem.message}`);
        return ExitCode.usage;
    }
    const document = workspace.documents.find(doc => doc.requested);
    if (!document) {
        io.err(`deepforge: cannot read ${file}`);
        return ExitCode.usage;
    }
    if (!document.pipelines) {
        io.err(`deepforge: ${displayPath(document.path)} is not a .dfp file (\`deepforge summary\` shows a network)`);
        return ExitCode.usage;
    }
    const failing = workspace.documents.filter(doc => doc.diagnostics.some(d => d.severity === 'error'));
    if (failing.length > 0) {
        let errors = 0;
        for (const doc of failing) {
            for (const diagnostic of doc.diagnostics.filter(d => d.severity === 'error')) {
                io.err(formatDiagnostic(displayPath(doc.path), diagnostic));
                errors++;
            }
        }
        io.err(`deepforge: no graph: ${formatCounts(errors, 0)}.`);
        return ExitCode.errors;
    }
    const pipelines = document.pipelines.pipelines;
    const selected = options.pipeline ? pipelines.filter(p => p.lowered.graph.name === options.pipeline) : pipelines;
    if (selected.length === 0) {
        const names = pipelines.map(p => `\`${p.lowered.graph.name}\``);
        io.err(options.pipeline
            ? `deepforge: no pipeline \`${options.pipeline}\` in ${displayPath(document.path)}` + (names.length ? ` (it has ${names.join(', ')})` : '')
            : `deepforge: ${displayPath(document.path)} has no pipeline`);
        return ExitCode.usage;
    }
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
