import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { displayPath } from '../../cli/format/diagnostics.js';
import { GenerationError, type GraphSource, type KerasGenerationInput } from '../../generators/keras/graph-source.js';
import { generateKerasJson } from '../../generators/keras/json-generator.js';
import { generateKerasPython } from '../../generators/keras/python-generator.js';
import { DfnnGeneratedModule } from '../generated/module.js';
import {
    GenerationProblem, type DomainLanguage, type GeneratedFile, type GeneratorContext, type GeneratorContribution, type LoweredDocument
} from '../registry/domain-language.js';
import type { DocumentAnalysis, GraphAnalysis } from './analysis/dfnn-analyzer.js';
import { createDfnnModule, type DfnnModuleOptions, type DfnnServices } from './dfnn-module.js';
import { DfnnLspModule } from './lsp/dfnn-lsp-module.js';
import { registerDfnnValidationChecks } from './validation/dfnn-validator.js';
import { IncrementalParserModule } from '../parser/incremental-parser.js';

/** A lowered `.dfnn` document: its graphs, and the analysis (shapes, weights) the network commands read. */
export interface DfnnLoweredDocument extends LoweredDocument {
    readonly analysis: DocumentAnalysis;
}

/** Keras Python (`keras`) or Keras JSON (`keras-json`). */
export type KerasTarget = 'keras' | 'keras-json';

/** A graph analysis as the Keras generators read it. */
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

/** What {@link generationInput} reads: a {@link LoadedWorkspace}, or documents built in memory. */
export interface GenerationWorkspace {
    readonly services: { readonly dfnn: DfnnServices };
    readonly documents: ReadonlyArray<{ readonly path: string; readonly requested: boolean; readonly analysis?: DocumentAnalysis }>;
}

/** The `.dfnn` documents of the services (built in memory), the given one requested. */
function memoryWorkspace(services: DfnnServices, document: LangiumDocument): GenerationWorkspace {
    const registry = services.shared.ServiceRegistry;
    const documents = services.shared.workspace.LangiumDocuments.all
        .filter(doc => registry.getServices(doc.uri) === services && doc.uri.scheme !== 'builtin')
        .map(doc => ({ path: doc.uri.fsPath, requested: doc.uri.toString() === document.uri.toString(), analysis: services.analysis.Analyzer.analyze(doc) }))
        .toArray();
    return { services: { dfnn: services }, documents };
}

/**
 * The generation input for the networks of a loaded file: the selected networks, and every
 * block and network of the loaded documents (the file and what it imports) by name.
 */
export function generationInput(workspace: GenerationWorkspace, file: string, network?: string): KerasGenerationInput {
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
        const shown = displayPath(document.path);
        throw new GenerationError(network
            ? `no network \`${network}\` in ${shown}` + (names.length ? ` (it has ${names.join(', ')})` : '')
            : `${shown} has no network`);
    }
    return {
        networks: selected.map(graphSource),
        definitions,
        domain: workspace.services.dfnn.domain.NetworkDomain,
        sourceName: path.basename(document.path)
    };
}

/** The generated files for a target: name → content. */
export function generateFiles(target: KerasTarget, input: KerasGenerationInput, file: string, network?: string): Map<string, string> {
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

/** A Keras generator of `.dfnn` networks, over {@link generationInput} and {@link generateFiles}. */
function kerasGenerator(id: KerasTarget, description: string): GeneratorContribution<DfnnServices> {
    return {
        id,
        description,
        generate(context: GeneratorContext<DfnnServices>): GeneratedFile[] {
            const file = context.document.uri.fsPath;
            try {
                const workspace = context.workspace ?? memoryWorkspace(context.services, context.document);
                const files = generateFiles(id, generationInput(workspace, file, context.graph), file, context.graph);
                return [...files].map(([name, content]) => ({ path: name, content }));
            } catch (error) {
                if (error instanceof GenerationError) throw new GenerationProblem(error.message);
                throw error;
            }
        }
    };
}

/**
 * `.dfnn`, Keras networks, as a registered language: its grammar's generated module and its own
 * module (options choose the network domain), the editor features, the validation checks, the
 * lowering to model graphs (validated and analysed: shapes, weights), and the Keras generators.
 */
export function createDfnnLanguage(options: DfnnModuleOptions = {}): DomainLanguage<DfnnServices> {
    return {
        id: 'dfnn',
        title: 'Keras networks',
        fileExtensions: ['.dfnn'],
        modules: [DfnnGeneratedModule as never, createDfnnModule(options), IncrementalParserModule as never],
        lspModules: [DfnnLspModule as never],
        onCreated: services => registerDfnnValidationChecks(services),
        imports: (services, document) => services.references.ImportResolver.importedUris(document),
        lower(services, document): DfnnLoweredDocument {
            const analysis = services.analysis.Analyzer.analyze(document);
            const metamodel = services.domain.NetworkDomain.metamodel;
            return { graphs: analysis.graphs.map(graph => ({ graph: graph.lowered.graph, metamodel })), diagnostics: analysis.diagnostics, analysis };
        },
        generators: [
            kerasGenerator('keras', 'Keras Python: a module with build_<network>() for the networks of the file'),
            kerasGenerator('keras-json', 'Keras JSON (the model.to_json() layout), one file per network')
        ]
    };
}

/** The built-in `.dfnn` language (the Keras network domain). */
export const DfnnLanguage: DomainLanguage<DfnnServices> = createDfnnLanguage();
