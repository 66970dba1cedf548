import { loadWorkspace } from '../../languages/workspace/node-workspace.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { renderSummary, summarize } from '../format/summary-table.js';
import { ExitCode, type CliIO } from '../io.js';

export interface SummaryOptions {
    /** Only this network (default: every network of the file). */
    readonly network?: string;
    readonly format?: 'text' | 'json';
}

/**
 * `deepforge summary <file>`: the Keras `model.summary()` of the networks of a file. When
 * the file (or a file it imports) has errors, prints them instead and exits with 1.
 */
export async function runSummary(file: string, options: SummaryOptions, io: CliIO): Promise<number> {
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
    if (!document.analysis) {
        io.err(`deepforge: ${displayPath(document.path)} is not a .dfnn file (\`deepforge graph\` shows a pipeline)`);
        return ExitCode.usage;
    }
    const analysis = document.analysis;
    const failing = workspace.documents.filter(doc => doc.diagnostics.some(d => d.severity === 'error'));
    if (failing.length > 0) {
        let errors = 0;
        for (const doc of failing) {
            for (const diagnostic of doc.diagnostics.filter(d => d.severity === 'error')) {
                io.err(formatDiagnostic(displayPath(doc.path), diagnostic));
                errors++;
            }
        }
        io.err(`deepforge: no summary: ${formatCounts(errors, 0)}.`);
        return ExitCode.errors;
    }
    const networks = analysis.graphs.filter(graph => graph.lowered.kind === 'network');
    const selected = options.network ? networks.filter(graph => graph.lowered.graph.name === options.network) : networks;
    if (selected.length === 0) {
        const names = networks.map(graph => graph.lowered.graph.name);
        io.err(options.network
            ? `deepforge: no network \`${options.network}\` in ${displayPath(document.path)}` + (names.length ? ` (it has ${names.map(n => `\`${n}\``).join(', ')})` : '')
            : `deepforge: ${displayPath(document.path)} has no network`);
        return ExitCode.usage;
    }
    const domain = workspace.services.dfnn.domain.NetworkDomain;
    const summaries = selected.map(graph => summarize(graph, domain));
    if (options.format === 'json') {
        io.out(JSON.stringify({ file: displayPath(document.path), networks: summaries }, null, 2));
    } else {
        summaries.forEach((summary, i) => {
            if (i > 0) io.out('');
            for (const line of renderSummary(summary)) io.out(line);
        });
    }
    return ExitCode.ok;
}
