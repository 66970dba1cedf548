import { DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { outermost, type AttributeType, type Diagnostic, type Metamodel, type ModelGraph, type Severity } from '../../metamodel/core/index.js';
import { INPUT_OPERATION, OUTPUT_OPERATION, UNNAMED_STEP, type OperationSpec } from '../../metamodel/pipeline/index.js';
import { generateModelDiagram } from '../../diagram/generator/model-diagram.js';
import { generateNetworkDiagram } from '../../diagram/generator/network-diagram.js';
import { generatePipelineDiagram } from '../../diagram/generator/pipeline-diagram.js';
import { T, type DiagramGraph, type PaletteItem } from '../../diagram/model/diagram-model.js';
import type { LangiumServices } from 'langium/lsp';
import type { DeepForgeServices } from '../../languages/deepforge-module.js';
import type { DomainLanguage, LoweredGraph } from '../../languages/registry/domain-language.js';
import { BLOCKS } from '../../languages/dfnn/lowering/graph-lowerer.js';
import type { GraphAnalysis } from '../../languages/dfnn/analysis/dfnn-analyzer.js';
import type { PipelineAnalysis } from '../../languages/dfp/analysis/dfp-analyzer.js';
import type { ExecutionStatusProvider } from './execution-status.js';

/** A diagram a document offers: a network, a block, a pipeline, or a graph of another language (`model`). */
export interface DiagramInfo {
    readonly kind: 'network' | 'block' | 'pipeline' | 'model';
    readonly name: string;
}

/** How a language's graphs are drawn: the built-in drawings of networks and pipelines, or the generic one. */
export type DiagramDrawing = 'network' | 'pipeline' | 'model';

/**
 * Everything an edit handler needs about the diagram it edits: the document (its current text),
 * the model graph it was drawn from, and the drawing (element ids → model elements).
 */
export interface DiagramContext {
    readonly services: DeepForgeServices;
    readonly document: LangiumDocument;
    readonly uri: string;
    readonly text: TextDocument;
    /** `model`: the generic drawing of a registered language's graph (read-only: no edit handler takes it). */
    readonly kind: DiagramDrawing;
    /** The id of the document's language. */
    readonly language: string;
    readonly graph: ModelGraph;
    readonly model: DiagramGraph;
    /** The metamodel of the graph's node types (layer types, or the pipeline's operations). */
    readonly metamodel: Metamodel;
    /** Pipelines: the operation of each step. */
    readonly specs?: ReadonlyMap<string, OperationSpec>;
    /** Pipelines: the operations visible in the document (for new steps). */
    readonly operations?: ReadonlyMap<string, OperationSpec>;
    /** Networks: the block calls written in the graph. */
    readonly network?: GraphAnalysis;
}

const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/**
 * From documents to diagrams, for every registered language: finds a document's graphs, their
 * analysis (lowered graph, shapes, diagnostics — the same cached results the language server
 * publishes), and generates the Sprotty model of one of them. `.dfnn` networks and `.dfp`
 * pipelines have drawings of their own; the graphs of every other language (`language.lower`)
 * get the generic drawing of typed nodes, ports and connections.
 */
export class DiagramSources {
    /** The languages drawn by a built-in drawing, by language id; the others get the generic one. */
    protected readonly drawings: Readonly<Record<string, DiagramDrawing>> = { dfnn: 'network', dfp: 'pipeline' };

    constructor(readonly services: DeepForgeServices, readonly statuses?: ExecutionStatusProvider) {}

    /** How the graphs of a document's language are drawn; undefined for a document of no registered language. */
    drawingOf(document: LangiumDocument): DiagramDrawing | undefined {
        const entry = this.services.forUri(document.uri);
        return entry ? this.drawings[entry.language.id] ?? 'model' : undefined;
    }

    /**
     * The document, validated. Waits for the workspace to be loaded first (a document requested
     * before that would be created twice: "document already present"), then for its validation.
     */
    async document(uri: string): Promise<LangiumDocument | undefined> {
        const { shared } = this.services;
        await shared.workspace.WorkspaceManager.ready;
        const parsed = URI.parse(uri);
        if (!shared.ServiceRegistry.hasServices(parsed)) return undefined;
        const documents = shared.workspace.LangiumDocuments;
        let document = documents.getDocument(parsed);
        // Not validated yet (a file no editor has open, or an update under way): build it under the
        // workspace lock. A newer update cancels that build (and validates the document itself): try again.
        for (let attempt = 0; attempt < 50 && !(document && document.state >= DocumentState.Validated); attempt++) {
            try {
                await shared.workspace.WorkspaceLock.write(async token => {
                    document = documents.getDocument(parsed);
                    if (!document) {
                        try {
                            document = await documents.getOrCreateDocument(parsed);
                        } catch {
                            return;
                        }
                    }
                    if (document.state < DocumentState.Validated) await shared.workspace.DocumentBuilder.build([document], { validation: true }, token);
                });
            } catch (error) {
                if (!isOperationCancelled(error)) throw error;
                await new Promise(resolve => setTimeout(resolve, 20));
            }
            document = documents.getDocument(parsed);
            if (!document) return undefined;
        }
        return document;
    }

    /** The diagrams of a document: its networks and blocks, its pipelines, or its language's graphs. */
    list(document: LangiumDocument): DiagramInfo[] {
        const drawing = this.drawingOf(document);
        if (drawing === undefined) return [];
        if (drawing === 'model') {
            const { language, services } = this.services.forUri(document.uri)!;
            return language.lower(services, document).graphs.map(g => ({ kind: 'model' as const, name: g.graph.name }));
        }
        if (drawing === 'pipeline') {
            return this.services.dfp.analysis.Analyzer.analyze(document).pipelines.map(p => ({ kind: 'pipeline' as const, name: p.lowered.graph.name }));
        }
        const graphs = this.services.dfnn.analysis.Analyzer.analyze(document).graphs;
        return [...graphs].sort((a, b) => Number(a.lowered.kind === 'block') - Number(b.lowered.kind === 'block'))
            .map(g => ({ kind: g.lowered.kind, name: g.lowered.graph.name }));
    }

    isPipelineDocument(document: LangiumDocument): boolean {
        return this.drawingOf(document) === 'pipeline';
    }

    /** Generates the diagram of `name` (default: the document's first graph); undefined when there is none. */
    generate(document: LangiumDocument, name: string | undefined, collapsed: ReadonlySet<string>): DiagramContext | undefined {
        const drawing = this.drawingOf(document);
        if (drawing === undefined) return undefined;
        const uri = document.uri.toString();
        const diagnostics = this.documentDiagnostics(document);
        const base = { services: this.services, document, uri, text: document.textDocument, language: this.services.forUri(document.uri)!.language.id };
        if (drawing === 'model') return this.generateModel(document, name, collapsed, base, diagnostics);
        if (drawing === 'pipeline') {
            const analysis = this.services.dfp.analysis.Analyzer.analyze(document);
            const pipeline: PipelineAnalysis | undefined = name === undefined ? analysis.pipelines[0] : analysis.pipelines.find(p => p.lowered.graph.name === name);
            if (!pipeline) return undefined;
            const graph = pipeline.lowered.graph;
            const model = generatePipelineDiagram({
                uri, graph, specs: pipeline.lowered.specs, diagnostics: merge(analysis.diagnostics, diagnostics),
                unnamedKey: UNNAMED_STEP, inputOperation: INPUT_OPERATION, outputOperation: OUTPUT_OPERATION,
                statuses: this.statuses?.statusesOf(uri, graph.name)
            });
            return { ...base, kind: 'pipeline', graph, model, metamodel: pipeline.metamodel, specs: pipeline.lowered.specs, operations: this.operations(document) };
        }
        const analysis = this.services.dfnn.analysis.Analyzer.analyze(document);
        const graphs = [...analysis.graphs].sort((a, b) => Number(a.lowered.kind === 'block') - Number(b.lowered.kind === 'block'));
        const network = name === undefined ? graphs[0] : graphs.find(g => g.lowered.graph.name === name);
        if (!network) return undefined;
        const domain = this.services.dfnn.domain.NetworkDomain;
        const graph = network.lowered.graph;
        const model = generateNetworkDiagram({
            uri, graph, layers: network.analysis.layers, formatShape: shape => domain.formatShape(shape),
            diagnostics: merge(analysis.diagnostics.filter(d => within(d, graph)), diagnostics.filter(d => within(d, graph))),
            blockCalls: network.lowered.blockCalls, blocksKey: BLOCKS,
            argumentName: (type, position) => domain.metamodel.get(type)?.positional[position]?.name, sharedDeclarationKey: domain.sharedDeclarationKey, inputType: domain.inputType
        }, { collapsed });
        return { ...base, kind: 'network', graph, model, metamodel: domain.metamodel, network };
    }

    /**
     * The generic drawing of a graph of a registered language: typed nodes with the ports of their
     * meta-types, the graph's connections, markers from the lowering's and the published diagnostics.
     */
    protected generateModel(document: LangiumDocument, name: string | undefined, collapsed: ReadonlySet<string>,
        base: Pick<DiagramContext, 'services' | 'document' | 'uri' | 'text' | 'language'>, diagnostics: readonly Diagnostic[]): DiagramContext | undefined {
        const { language, services } = this.services.forUri(document.uri)!;
        const lowered = language.lower(services, document);
        const selected = name === undefined ? lowered.graphs[0] : lowered.graphs.find(g => g.graph.name === name);
        if (!selected) return undefined;
        const { graph, metamodel } = selected;
        // Several graphs in one document: each shows the diagnostics within its text.
        const mine = (d: Diagnostic) => lowered.graphs.length === 1 || within(d, graph);
        const model = generateModelDiagram({
            uri: base.uri, graph, metamodel, diagnostics: merge(lowered.diagnostics.filter(mine), diagnostics.filter(mine))
        }, { collapsed });
        this.style(model, language, services, selected);
        return { ...base, kind: 'model', graph, model, metamodel };
    }

    /**
     * The language's styling hooks on a generic drawing: `df-<language id>` on the graph (its CSS
     * rules are scoped by it), and the classes its `diagram.nodeClasses` gives each node.
     */
    protected style(model: DiagramGraph, language: DomainLanguage, services: LangiumServices, graph: LoweredGraph): void {
        model.cssClasses = [...model.cssClasses ?? [], `df-${language.id}`];
        const nodeClasses = language.diagram?.nodeClasses;
        if (!nodeClasses) return;
        const nodes = new Map(graph.graph.nodes.map(node => [node.id, node]));
        const visit = (element: { type: string; modelId?: string; cssClasses?: string[]; children?: unknown[] }) => {
            const node = element.type === T.step && element.modelId !== undefined ? nodes.get(element.modelId) : undefined;
            if (node) element.cssClasses = [...element.cssClasses ?? [], ...nodeClasses(node, graph, services)];
            for (const child of element.children ?? []) visit(child as typeof element);
        };
        for (const child of model.children) visit(child as never);
    }

    /** The CSS of the registered languages' diagrams (`diagram.css`), for the page and exported SVG. */
    css(): string {
        return this.services.languages.all.flatMap(language => language.diagram?.css ? [`/* ${language.id} */\n${language.diagram.css}`] : []).join('\n');
    }

    /** The palette of a diagram: layer types by group, or the operations the document sees (built-ins first); none for the generic drawing (read-only). */
    palette(context: DiagramContext): PaletteItem[] {
        if (context.kind === 'model') return [];
        if (context.kind === 'pipeline') {
            return [...(context.operations ?? new Map()).values()]
                .sort((a, b) => Number(!a.builtin) - Number(!b.builtin) || a.name.localeCompare(b.name))
                .map(spec => ({ label: spec.name, group: spec.builtin ? 'Built-in' : 'Operations', doc: spec.doc }));
        }
        return context.metamodel.all()
            .filter(type => !type.abstract && !type.meta?.unsupported)
            .map(type => ({ label: type.name, group: String(type.meta?.group ?? 'other'), doc: type.doc?.split('\n')[0] }))
            .sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label));
    }

    /** The operations a pipeline document can use: its own, imported ones and the built-ins. */
    protected operations(document: LangiumDocument): Map<string, OperationSpec> {
        const result = new Map<string, OperationSpec>();
        const dfp = this.services.dfp;
        const scope = dfp.references.ScopeProvider;
        const interfaces = dfp.analysis.OperationInterfaces;
        const root = document.parseResult.value as { elements?: unknown[] };
        const pipeline = (root.elements ?? []).find(e => (e as { $type?: string }).$type === 'Pipeline') as { steps?: unknown[] } | undefined;
        const step = pipeline?.steps?.[0];
        if (step) {
            // The scope of a step's operation reference: everything a new step could call.
            const ref = { container: step, property: 'operation', reference: (step as { operation: unknown }).operation } as never;
            for (const description of scope.getScope(ref).getAllElements()) {
                const root = description.node ? undefined : dfp.shared.workspace.LangiumDocuments.getDocument(description.documentUri)?.parseResult.value;
                const operation = description.node ?? (root ? dfp.workspace.AstNodeLocator.getAstNode(root, description.path) : undefined);
                if (operation && (operation as { $type?: string }).$type === 'Operation') {
                    const spec = interfaces.resolve(operation as never).spec;
                    if (!result.has(spec.name)) result.set(spec.name, spec);
                }
            }
        }
        return result;
    }

    /** The document's published diagnostics (syntax, linking, and the checks of the last pass). */
    protected documentDiagnostics(document: LangiumDocument): Diagnostic[] {
        const uri = document.uri.toString();
        return (document.diagnostics ?? []).map(d => ({
            severity: SEVERITY[d.severity ?? 1] ?? 'error',
            message: typeof d.message === 'string' ? d.message : String(d.message),
            code: typeof d.code === 'string' ? d.code : 'diagnostic',
            trace: { uri, range: d.range }
        }));
    }
}

/** Whether a diagnostic lies in a graph's text. */
function within(diagnostic: Diagnostic, graph: ModelGraph): boolean {
    const trace = outermost(diagnostic.trace);
    const { start, end } = graph.trace.range;
    const at = trace.range.start;
    return trace.uri === graph.trace.uri
        && (at.line > start.line || (at.line === start.line && at.character >= start.character))
        && (at.line < end.line || (at.line === end.line && at.character <= end.character));
}

/** Both lists without repeats (the published diagnostics hold the analysis's once the second pass ran). */
function merge(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const diagnostic of [...a, ...b]) {
        const { start, end } = outermost(diagnostic.trace).range;
        const key = `${start.line}:${start.character}:${end.line}:${end.character}:${diagnostic.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(diagnostic);
    }
    return out;
}

export type { AttributeType };
