import { DocumentCache, DocumentState, type LangiumDocument } from 'langium';
import { isPipeline, type DfpModel } from '../../generated/ast.js';
import { TraceFactory } from '../../dfnn/lowering/traces.js';
import type { OperationInterfaces } from '../analysis/operation-interfaces.js';
import type { DfpServices } from '../dfp-module.js';
import { PipelineLowerer, type LoweredPipeline } from './pipeline-lowerer.js';

/** The pipelines of one document, lowered. */
export interface LoweredDfpDocument {
    readonly uri: string;
    /** In source order. */
    readonly pipelines: readonly LoweredPipeline[];
}

/**
 * Lowers `.dfp` documents to model graphs (AST → model graph): every pipeline becomes a graph
 * whose nodes are its steps, typed by their operations' meta-types. Cached per document until
 * it is linked again, so the validator, the CLI, the language server and diagrams share one lowering.
 */
export interface DfpLowering {
    lower(document: LangiumDocument): LoweredDfpDocument;
}

export class DefaultDfpLowering implements DfpLowering {
    protected readonly interfaces: OperationInterfaces;
    protected readonly cache: DocumentCache<string, LoweredDfpDocument>;
    protected readonly traces = new TraceFactory();
    protected readonly services: DfpServices;

    constructor(services: DfpServices) {
        this.services = services;
        this.interfaces = services.analysis.OperationInterfaces;
        this.cache = new DocumentCache(services.shared, DocumentState.Linked);
    }

    lower(document: LangiumDocument): LoweredDfpDocument {
        // The reader's state is part of the key: a lowering made before it loaded lacks the code's defaults.
        const key = `lowered:${this.services.analysis.PythonCode.reader ? 'code' : 'no-code'}`;
        return this.cache.get(document.uri, key, () => this.doLower(document));
    }

    protected doLower(document: LangiumDocument): LoweredDfpDocument {
        const model = document.parseResult.value as DfpModel;
        const pipelines = (model.elements ?? [])
            .filter(isPipeline)
            .filter(pipeline => pipeline.name)
            .map(pipeline => this.createLowerer().lower(pipeline));
        return { uri: document.uri.toString(), pipelines };
    }

    /** A lowerer for one pipeline (override to customize lowering). */
    protected createLowerer(): PipelineLowerer {
        return new PipelineLowerer(this.traces, operation => this.interfaces.resolve(operation).spec);
    }
}
