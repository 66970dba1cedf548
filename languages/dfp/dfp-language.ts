import type { LangiumDocument } from 'langium';
import { displayPath } from '../../cli/format/diagnostics.js';
import { generateJobBundle } from '../../generators/job/job-generator.js';
import { JobGenerationError } from '../../generators/job/job-input.js';
import { writeJobBundle } from '../../server/jobs/job-bundle.js';
import { jobInputFromWorkspace } from '../../server/jobs/job-source.js';
import { DfpGeneratedModule } from '../generated/module.js';
import { GenerationProblem, type DomainLanguage, type GeneratorContribution, type LoweredDocument } from '../registry/domain-language.js';
import type { DfpDocumentAnalysis } from './analysis/dfp-analyzer.js';
import { createDfpModule, type DfpServices } from './dfp-module.js';
import { DfpLspModule } from './lsp/dfp-lsp-module.js';
import { registerDfpValidationChecks } from './validation/dfp-validator.js';
import { IncrementalParserModule } from '../parser/incremental-parser.js';

/** A lowered `.dfp` document: its pipelines' graphs, and the analysis (execution order) the pipeline commands read. */
export interface DfpLoweredDocument extends LoweredDocument {
    readonly pipelines: DfpDocumentAnalysis;
}

/**
 * `deepforge generate job <file.dfp> [--pipeline P] -o DIR`: the job bundle of a pipeline — a
 * folder with `main.py` (the whole pipeline, standalone), the operations' code, the generated
 * Keras code of the referenced networks, the `deepforge` runtime and `manifest.json`. A folder
 * holding an earlier bundle is replaced (its `outputs/` kept).
 */
const JobGenerator: GeneratorContribution<DfpServices> = {
    id: 'job',
    description: 'the job bundle of a pipeline: main.py, the operations\' code, the networks\' Keras code, manifest.json',
    failure: 'no job generated',
    async generate(context) {
        // The job reads the operations' code and environments from disk, beside the pipeline's file.
        const loaded = context.workspace?.documents.find(doc => doc.uri === context.document.uri.toString());
        if (!context.workspace || !loaded) throw new GenerationProblem(`a job is generated from a .dfp file on disk (deepforge generate job FILE)`);
        try {
            const bundle = generateJobBundle(await jobInputFromWorkspace(context.workspace, loaded, { pipeline: context.graph }));
            bundles.set(context.document, bundle);
            return [...bundle.files].map(([name, content]) => ({ path: name, content }));
        } catch (error) {
            if (error instanceof JobGenerationError) throw new GenerationProblem(error.message);
            throw error;
        }
    },
    async write(_files, folder, context) {
        const bundle = bundles.get(context.document);
        if (!bundle) throw new Error('the job bundle is written after it is generated');
        try {
            await writeJobBundle(bundle, folder);
        } catch (error) {
            if (error instanceof JobGenerationError) throw new GenerationProblem(error.message);
            throw error;
        }
        const inputs = bundle.manifest.inputs.filter(i => i.argument).map(i => ` ${i.argument!.toUpperCase()}`).join('');
        return [
            `wrote the job of pipeline ${bundle.manifest.pipeline} to ${displayPath(folder)} (${bundle.files.size} files, ${bundle.manifest.steps.length} steps)`,
            `run it: cd ${displayPath(folder)} && python main.py${inputs}`
        ];
    }
};

/** The bundle generated for a document, until it is written (the manifest says what to print). */
const bundles = new WeakMap<LangiumDocument, ReturnType<typeof generateJobBundle>>();

/**
 * `.dfp`, pipelines, as a registered language: its grammar's generated module and its own
 * module, the editor features, the validation checks, the Python reader loaded before documents
 * are built, the lowering to pipeline graphs (each with the metamodel of the operations it uses),
 * and the job generator.
 */
export const DfpLanguage: DomainLanguage<DfpServices> = {
    id: 'dfp',
    title: 'pipelines',
    fileExtensions: ['.dfp'],
    modules: [DfpGeneratedModule as never, createDfpModule(), IncrementalParserModule as never],
    lspModules: [DfpLspModule as never],
    onCreated: services => registerDfpValidationChecks(services),
    ready: services => services.analysis.PythonCode.ready(),
    imports: (services, document) => services.references.ImportResolver.importedUris(document),
    lower(services, document): DfpLoweredDocument {
        const pipelines = services.analysis.Analyzer.analyze(document);
        return {
            graphs: pipelines.pipelines.map(pipeline => ({ graph: pipeline.lowered.graph, metamodel: pipeline.metamodel })),
            diagnostics: pipelines.diagnostics,
            pipelines
        };
    },
    generators: [JobGenerator]
};
