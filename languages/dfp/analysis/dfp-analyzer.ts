import { DocumentCache, DocumentState, type LangiumDocument } from 'langium';
import { DiagnosticCollector, type Diagnostic, type Metamodel, type Trace } from '../../../metamodel/core/index.js';
import { createPipelineMetamodel, validatePipeline, type OperationSpec, type PipelineValidation } from '../../../metamodel/pipeline/index.js';
import type { DfpServices } from '../dfp-module.js';
import type { DfpLowering } from '../lowering/dfp-lowering.js';
import type { LoweredPipeline } from '../lowering/pipeline-lowerer.js';
import type { PythonCode } from './python-code.js';

/** Everything known about one pipeline. */
export interface PipelineAnalysis {
    readonly lowered: LoweredPipeline;
    /** The metamodel its steps are typed by: the base, the built-ins and the operations it uses. */
    readonly metamodel: Metamodel;
    /** Metamodel checks, graph checks and the execution order. */
    readonly validation: PipelineValidation;
}

/** The analysis of one `.dfp` document. */
export interface DfpDocumentAnalysis {
    readonly uri: string;
    readonly pipelines: readonly PipelineAnalysis[];
    /** The diagnostics of the pipelines located in this document, deduplicated, in text order. */
    readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks lowered pipelines: each against a pipeline metamodel made of the operations its
 * steps use (declared or inferred interfaces, completed by their code) — attribute types,
 * enums and ranges, unknown attributes and ports, inputs fed twice or left unconnected,
 * references — and the graph checks (cycles). Cached per document like the lowering.
 * Operation declarations themselves (and their code) are checked by the validator.
 */
export interface DfpAnalyzer {
    analyze(document: LangiumDocument): DfpDocumentAnalysis;
}

export class DefaultDfpAnalyzer implements DfpAnalyzer {
    protected readonly lowering: DfpLowering;
    protected readonly python: PythonCode;
    protected readonly cache: DocumentCache<string, DfpDocumentAnalysis>;

    constructor(services: DfpServices) {
        this.lowering = services.lowering.Lowering;
        this.python = services.analysis.PythonCode;
        this.cache = new DocumentCache(services.shared, DocumentState.Linked);
    }

    analyze(document: LangiumDocument): DfpDocumentAnalysis {
        const key = `analysis:${this.python.reader ? 'code' : 'no-code'}`;
        return this.cache.get(document.uri, key, () => this.doAnalyze(document));
    }

    protected doAnalyze(document: LangiumDocument): DfpDocumentAnalysis {
        const uri = document.uri.toString();
        const collector = new DiagnosticCollector();
        const pipelines: PipelineAnalysis[] = [];
        for (const lowered of this.lowering.lower(document).pipelines) {
            const metamodel = this.metamodelFor(lowered);
            const validation = validatePipeline(lowered.graph, metamodel);
            pipelines.push({ lowered, metamodel, validation });
            for (const diagnostic of [...lowered.diagnostics, ...validation.diagnostics]) {
                if (diagnostic.trace.uri === uri) collector.add(diagnostic);
            }
        }
        const diagnostics = [...collector.diagnostics].sort((a, b) => compareTraces(a.trace, b.trace));
        return { uri, pipelines, diagnostics };
    }

    /** The metamodel of a pipeline: one meta-type per operation its steps use, plus the base and the built-ins. */
    protected metamodelFor(lowered: LoweredPipeline): Metamodel {
        const specs = new Map<string, OperationSpec>();
        for (const spec of lowered.specs.values()) if (!specs.has(spec.name)) specs.set(spec.name, spec);
        return createPipelineMetamodel(specs.values());
    }
}

function compareTraces(a: Trace, b: Trace): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
        || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character;
}
