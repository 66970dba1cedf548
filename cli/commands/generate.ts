import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GenerationError, type GraphSource, type KerasGenerationInput } from '../../generators/keras/graph-source.js';
import { generateKerasJson } from '../../generators/keras/json-generator.js';
import { generateKerasPython } from '../../generators/keras/python-generator.js';
import type { GraphAnalysis } from '../../languages/dfnn/analysis/dfnn-analyzer.js';
import { loadWorkspace, type LoadedWorkspace } from '../../languages/workspace/node-workspace.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

export type GenerateTarget = 'keras' | 'keras-json';

export interface GenerateOptions {
    /** Only this network (default: every network of the file). */
    readonly network?: string;
    /** The output folder. */
    readonly out: string;
}

/** A graph analysis as the generators read it. */
export function graphSource(graph: GraphAnalysis): GraphSource {
    return {
        kind: graph.lowered.kind,
        graph: graph.lowered.graph,
        validation: graph.validation,
        analysis: graph.analysis,
        parameters: graph.lowered.parameters,
        blockCalls: graph.lowered.blockCalls
    };
}

/**
 * The generation input for the networks of a loaded file: the selected networks, and every
 * block and network of the loaded documents (the file and what it imports) by name.
 */
export function generationInput(workspace: LoadedWorkspace, file: string, network?: string): KerasGenerationInput {
    const document = workspace.documents.find(doc => doc.path === path.resolve(file)) ?? workspace.documents.find(doc => doc.requested);
    if (!document) throw new GenerationError(`cannot read ${file}`);
    const definitions = new Map<string, GraphSource>();
    for (const doc of [document, ...workspace.documents.filter(d => d !== document)]) {
        for (const graph of doc.analysis?.graphs ?? []) {
            if (!definitions.has(graph.lowered.graph.name)) definitions.set(graph.lowered.graph.name, graphSource(graph));
        }
    }
    const networks = (document.analysis?.graphs ?? []).filter(graph => graph.lowered.kind === 'network');
    const selected = network ? networks.filter(graph => graph.lowered.graph.name === network) : networks;
    if (selected.length === 0) {
        const names = networks.map(graph => `\`${graph.lowered.graph.name}\``);
        throw new GenerationError(network
            ? `no network \`${network}\` in ${displayPath(document.path)}` + (names.length ? ` (it has ${names.join(', ')})` : '')
            : `${displayPath(document.path)} has no network`);
    }
    return {
        networks: selected.map(graphSource),
        definitions,
        domain: workspace.services.dfnn.domain.NetworkDomain,
        sourceName: path.basename(document.path)
    };
}

/** The generated files for a target: name → content. */
export function generateFiles(target: GenerateTarget, input: KerasGenerationInput, file: string, network?: string): Map<string, string> {
    const files = new Map<string, string>();
    if (target === 'keras') {
        const stem = network ?? path.basename(file, path.extname(file));
        const module = stem.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_');
        files.set(`${module}.py`, generateKerasPython(input));
    } else {
        for (const source of input.networks) files.set(`${source.graph.name}.json`, generateKerasJson(source, input.domain));
    }
    return files;
}

/**
 * `deepforge generate keras|keras-json <file.dfnn> [--network N] -o DIR`: Keras Python (a module
 * with `build_<network>()`) or Keras JSON (`model.to_json()` layout, one file per network).
 * A file with errors (or a file it imports) is not generated: its errors are printed, exit 1.
 */
export async function runGenerate(target: GenerateTarget, file: string, options: GenerateOptions, io: CliIO): Promise<number> {
    const workspace = await loadWorkspace([file]);
    for (const problem of workspace.problems) {
        io.err(`deepforge: cannot read ${problem.path}: ${problem.message}`);
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
        io.err(`deepforge: nothing generated: ${formatCounts(errors, 0)}.`);
        return ExitCode.errors;
    }
    let files: Map<string, string>;
    try {
        files = generateFiles(target, generationInput(workspace, file, options.network), file, options.network);
    } catch (error) {
        if (!(error instanceof GenerationError)) throw error;
        io.err(`deepforge: ${error.message}`);
        return ExitCode.usage;
    }
    await fs.mkdir(options.out, { recursive: true });
    for (const [name, content] of files) {
        const target = path.join(options.out, name);
        await fs.writeFile(target, content, 'utf-8');
        io.out(`wrote ${displayPath(target)}`);
    }
    return ExitCode.ok;
}
