import { DocumentCache, DocumentState, type LangiumDocument } from 'langium';
import type { NetworkDomain } from '../../../metamodel/core/index.js';
import type { DfnnModel } from '../../generated/ast.js';
import type { DfnnServices } from '../dfnn-module.js';
import { isGraphContainer } from '../references/dfnn-scope-provider.js';
import { GraphLowerer, type LoweredGraph } from './graph-lowerer.js';
import { TraceFactory } from './traces.js';

/** The model graphs of one document: every network, and every block on its own. */
export interface LoweredDocument {
    readonly uri: string;
    /** In source order. Blocks are lowered with unknown parameters and placeholder inputs. */
    readonly graphs: readonly LoweredGraph[];
}

/**
 * Lowers `.dfnn` documents to model graphs (AST → model graph). The result is cached per
 * document until the document is linked again (after its own change or a change of a file it
 * uses), so the validator, the CLI, the language server and diagrams share one lowering.
 */
export interface DfnnLowering {
    lower(document: LangiumDocument): LoweredDocument;
}

export class DefaultDfnnLowering implements DfnnLowering {
    protected readonly domain: NetworkDomain;
    protected readonly cache: DocumentCache<string, LoweredDocument>;
    protected readonly traces = new TraceFactory();

    constructor(services: DfnnServices) {
        this.domain = services.domain.NetworkDomain;
        this.cache = new DocumentCache(services.shared, DocumentState.Linked);
    }

    lower(document: LangiumDocument): LoweredDocument {
        return this.cache.get(document.uri, 'lowered', () => this.doLower(document));
    }

    protected doLower(document: LangiumDocument): LoweredDocument {
        const model = document.parseResult.value as DfnnModel;
        const graphs = (model.elements ?? [])
            .filter(isGraphContainer)
            .filter(container => container.name) // a nameless graph is a syntax error, reported by the parser
            .map(container => this.createLowerer().lower(container));
        return { uri: document.uri.toString(), graphs };
    }

    /** A lowerer for one graph (override to customize lowering). */
    protected createLowerer(): GraphLowerer {
        return new GraphLowerer(this.domain, this.traces);
    }
}
