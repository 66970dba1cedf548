import { displayPath } from '../format/diagnostics.js';
import { renderSummary, summarize } from '../format/summary-table.js';
import { ExitCode, type CliIO } from '../io.js';
import { loadCheckedDocument, selectByName } from './checked-document.js';

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
    const loaded = await loadCheckedDocument(file, {
        accepts: document => document.analysis !== undefined,
        wrongKind: 'is not a .dfnn file (`deepforge graph` shows a pipeline)',
        product: 'summary'
    }, io);
    if (typeof loaded === 'number') return loaded;
    const { document, workspace } = loaded;
    const networks = document.analysis!.graphs.filter(graph => graph.lowered.kind === 'network');
    const selected = selectByName(networks, graph => graph.lowered.graph.name, options.network, 'network', document, io);
    if (typeof selected === 'number') return selected;
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
