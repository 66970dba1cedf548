import { DocumentCache, DocumentState, type LangiumDocument } from 'langium';
import {
    DiagnosticCollector, cyclePath, findCycles, findUnused, GraphIndex, INCOMPLETE_INPUTS, outermost, UNRESOLVED_NODE, type Diagnostic, type GraphValidation,
    type ModelNode, type NetworkAnalysis, type NetworkDomain, type Trace
} from '../../../metamodel/core/index.js';
import type { DfnnServices } from '../dfnn-module.js';
import type { DfnnLowering } from '../lowering/dfnn-lowering.js';
import { DUPLICATE, PLACEHOLDER, type LoweredGraph } from '../lowering/graph-lowerer.js';

/** Everything known about one network or block. */
export interface GraphAnalysis {
    readonly lowered: LoweredGraph;
    readonly validation: GraphValidation;
    /** Shapes and weights (unknown throughout a block checked on its own: its inputs are placeholders). */
    readonly analysis: NetworkAnalysis;
}

/** The analysis of one document. */
export interface DocumentAnalysis {
    readonly uri: string;
    readonly graphs: readonly GraphAnalysis[];
    /** The diagnostics located in this document, deduplicated, in text order. */
    readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks lowered documents: the domain's validation (metamodel attributes and ports, nested
 * values), graph checks (cycles, unused layers) and the domain's analysis (shapes, weights).
 * Cached per document like the lowering. Diagnostics of an expanded block body belong to the
 * block's own document (where the block is checked on its own); shape errors of expanded
 * layers are placed at the call site.
 */
export interface DfnnAnalyzer {
    analyze(document: LangiumDocument): DocumentAnalysis;
}

export class DefaultDfnnAnalyzer implements DfnnAnalyzer {
    protected readonly domain: NetworkDomain;
    protected readonly lowering: DfnnLowering;
    protected readonly cache: DocumentCache<string, DocumentAnalysis>;

    constructor(services: DfnnServices) {
        this.domain = services.domain.NetworkDomain;
        this.lowering = services.lowering.Lowering;
        this.cache = new DocumentCache(services.shared, DocumentState.Linked);
    }

    analyze(document: LangiumDocument): DocumentAnalysis {
        return this.cache.get(document.uri, 'analysis', () => this.doAnalyze(document));
    }

    protected doAnalyze(document: LangiumDocument): DocumentAnalysis {
        const uri = document.uri.toString();
        const collector = new DiagnosticCollector();
        const graphs: GraphAnalysis[] = [];
        for (const lowered of this.lowering.lower(document).graphs) {
            const validation = this.domain.validate(lowered.graph);
            const analysis = this.domain.analyze(lowered.graph, validation);
            graphs.push({ lowered, validation, analysis });
            const diagnostics = [
                ...lowered.diagnostics,
                ...validation.diagnostics,
                ...this.graphChecks(lowered, validation.index),
                // A shape error of an expanded layer is about this use of the block: at the call site.
                ...analysis.diagnostics.map(d => (d.trace.via?.length ? { ...d, trace: outermost(d.trace) } : d))
            ];
            for (const diagnostic of diagnostics) {
                if (diagnostic.trace.uri === uri) collector.add(diagnostic);
            }
        }
        const diagnostics = [...collector.diagnostics].sort((a, b) => compareTraces(a.trace, b.trace));
        return { uri, graphs, diagnostics };
    }

    /** Cycles and unused layers, worded for `.dfnn`. Layers expanded from blocks are checked in their block. */
    protected graphChecks(lowered: LoweredGraph, index: GraphIndex): Diagnostic[] {
        const collector = new DiagnosticCollector();
        const { graph } = lowered;
        for (const cycle of findCycles(graph, index)) {
            const path = this.cyclePath(cycle, index).map(displayName);
            const text = collapse(path).join(' → ');
            for (const node of cycle) {
                const trace = node.group ? outermost(node.nameTrace ?? node.trace) : (node.nameTrace ?? node.trace);
                collector.error('cycle', `\`${displayName(node)}\` is part of a cycle: ${text}`, trace);
            }
        }
        const sharedKey = this.domain.sharedDeclarationKey;
        const applied = new Set(graph.nodes.map(n => n.meta?.[this.domain.sharedApplicationKey]).filter(Boolean));
        for (const node of graph.nodes) {
            if (node.group || !node.meta?.[sharedKey] || applied.has(node.id)) continue;
            collector.warning('unused', `shared layer \`${node.name}\` is never applied`, node.nameTrace ?? node.trace);
        }
        // Unresolved inputs (reported) make layers look unused: report unused ones once the graph is complete.
        if (graph.nodes.some(node => node.meta?.[INCOMPLETE_INPUTS])) return collector.diagnostics;
        const unused = findUnused(graph, index, {
            exclude: node => node.group !== undefined || Boolean(node.meta?.[sharedKey]) || Boolean(node.meta?.[DUPLICATE])
                || (Boolean(node.meta?.[UNRESOLVED_NODE]) && !node.meta?.[PLACEHOLDER])
        });
        for (const node of unused) {
            const at = node.nameTrace ?? node.trace;
            if (node.meta?.[PLACEHOLDER]) collector.warning('unused', `block input \`${node.name}\` is never used`, at);
            else if (this.domain.metamodel.canonicalName(node.type) === this.domain.inputType) {
                collector.warning('unused', `input \`${node.name}\` is never used`, at);
            } else {
                collector.warning('unused',
                    `layer \`${node.name}\` is never used: its output feeds no layer and is not an output of ${graph.kind} \`${graph.name}\``, at);
            }
        }
        return collector.diagnostics;
    }

    /** A closed path through a cycle's nodes, from its first node back to it. */
    protected cyclePath(cycle: readonly ModelNode[], index: GraphIndex): ModelNode[] {
        return cyclePath(cycle, index);
    }
}

/** How a node is called in messages: its block call for expanded nodes (`b1`), else its name. */
function displayName(node: ModelNode): string {
    return node.group?.[0] ?? node.name;
}

/** Drops consecutive repeats (a cycle through several layers of one block call shows the call once). */
function collapse(names: string[]): string[] {
    return names.filter((name, i) => i === 0 || i === names.length - 1 || names[i - 1] !== name);
}

function compareTraces(a: Trace, b: Trace): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
        || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character;
}
