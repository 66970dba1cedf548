import { DiagnosticCollector } from '../core/diagnostic.js';
import { didYouMean } from '../core/did-you-mean.js';
import { cyclePath, findCycles } from '../core/graph-checks.js';
import { Arity } from '../core/meta-type.js';
import type { Metamodel } from '../core/metamodel.js';
import { GraphIndex, type Connection, type ModelGraph, type ModelNode } from '../core/model-graph.js';
import { ValidationEngine, type GraphValidation, type NodeCheckContext, type ResolvedNode } from '../core/validation-engine.js';
import { OPERATION_TYPE, operationSpecOf } from './pipeline-metamodel.js';
import { REFERENCE_KINDS } from './operation-spec.js';

/**
 * The validation engine of pipelines: the generic engine (attribute types, enums, ranges,
 * unknown attributes and ports, with did-you-mean) with the connection counts worded for
 * pipelines — an input fed twice, a required input left unconnected — and the checks of an
 * operation's references (given, of the right kind).
 */
export class PipelineValidationEngine extends ValidationEngine {
    constructor(metamodel: Metamodel) {
        super(metamodel);
        this.register(OPERATION_TYPE, checkReferences);
    }

    /** Each input port takes at most one connection; a required one exactly one. */
    protected override checkPortArity(resolved: ResolvedNode, index: GraphIndex, diagnostics: DiagnosticCollector): void {
        const { node, type } = resolved;
        for (const port of type.inputs) {
            const connections = index.inputsOf(node.id, port.name);
            const max = Arity.max(port.arity);
            for (const surplus of connections.slice(max)) {
                const first = connections[0];
                diagnostics.error('input-fed-twice',
                    `input \`${port.name}\` of ${stepLabel(node)} is fed twice: it already gets ${describeSource(first, index)}`,
                    surplus.trace);
            }
            if (connections.length === 0 && !Arity.accepts(port.arity, 0)) {
                diagnostics.error('input-unconnected',
                    `input \`${port.name}\` of ${stepLabel(node)} is not connected` +
                    (operationSpecOf(type.definition)?.code ? ` (its \`execute\` parameter has no default)` : ''),
                    node.typeTrace ?? node.trace);
            }
        }
    }
}

/** References: each required one given, each given one naming an element of the right kind. */
function checkReferences(resolved: ResolvedNode, context: NodeCheckContext): void {
    const { node, type } = resolved;
    const given = node.references ?? [];
    for (const reference of given) {
        const def = type.references.find(r => r.name === reference.name);
        if (!def || reference.targetKind === undefined || reference.targetKind === def.target) continue;
        context.diagnostics.error('reference-kind',
            `\`${reference.name}\` of \`${node.type}\` takes ${article(def.target)} ${def.target}, but \`${reference.target}\` is ${article(reference.targetKind)} ${reference.targetKind}`,
            reference.targetTrace ?? reference.trace);
    }
    const missing = type.references.filter(def => def.required && !given.some(r => r.name === def.name));
    if (missing.length > 0) {
        context.diagnostics.error('missing-reference',
            `missing required reference${missing.length > 1 ? 's' : ''} ${missing.map(m => `\`${m.name}\` (${article(m.target)} ${m.target})`).join(', ')} for \`${node.type}\``,
            node.typeTrace ?? node.trace);
    }
}

/** The outcome of validating a pipeline: the engine's and the graph checks' findings. */
export interface PipelineValidation extends GraphValidation {
    /** The steps in execution order (topological; source order among independent steps). Steps on cycles are left out. */
    readonly order: readonly ModelNode[];
}

/**
 * Validates a lowered pipeline against a pipeline metamodel: the {@link PipelineValidationEngine},
 * outputs that the source step's operation does not have, and cycles. Unused outputs are fine.
 */
export function validatePipeline(graph: ModelGraph, metamodel: Metamodel): PipelineValidation {
    const validation = new PipelineValidationEngine(metamodel).validate(graph);
    const collector = new DiagnosticCollector();
    for (const diagnostic of validation.diagnostics) collector.add(diagnostic);
    checkOutputPorts(graph, validation, collector);
    checkCycles(graph, validation.index, collector);
    const { order } = validation.index.topologicalOrder();
    return { ...validation, diagnostics: collector.diagnostics, order };
}

/** Connections from outputs the source step's operation does not have. */
function checkOutputPorts(graph: ModelGraph, validation: GraphValidation, diagnostics: DiagnosticCollector): void {
    for (const connection of graph.connections) {
        const source = validation.nodes.get(connection.from.node);
        const port = connection.from.port;
        if (!source || port === undefined) continue;
        const outputs = source.type.outputs.map(o => o.name);
        if (outputs.includes(port)) continue;
        const suggestion = didYouMean(port, outputs);
        const trace = connection.fromTrace ?? connection.trace;
        const has = outputs.length === 0 ? 'it has no outputs' : `it has ${outputs.map(o => `\`${o}\``).join(', ')}`;
        diagnostics.error('unknown-port',
            `\`${source.node.type}\` has no output \`${port}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ` (${has})`),
            trace, suggestion ? [{ title: `Change to ${suggestion}`, trace, newText: suggestion }] : undefined);
    }
}

/** Each step on a cycle, at its name: `step \`a\` is part of a cycle: a → b → a`. */
function checkCycles(graph: ModelGraph, index: GraphIndex, diagnostics: DiagnosticCollector): void {
    for (const cycle of findCycles(graph, index)) {
        const path = cyclePath(cycle, index).map(n => n.name).join(' → ');
        for (const node of cycle) {
            diagnostics.error('cycle', `step \`${node.name}\` is part of a cycle: ${path}`, node.nameTrace ?? node.trace);
        }
    }
}

/** `step \`trained\` (TrainCifar)`, or `` `EvalCifar` `` for an unnamed step. */
export function stepLabel(node: ModelNode): string {
    return node.meta?.[UNNAMED_STEP] ? `\`${node.type}\`` : `step \`${node.name}\``;
}

/** Node meta key: the step has no name (a sink such as `Output(…)(…)`); its `name` is generated. */
export const UNNAMED_STEP = 'unnamed';

/** `data.train_images`: the output a connection comes from. */
export function describeSource(connection: Connection, index: GraphIndex): string {
    const node = index.node(connection.from.node);
    const name = node?.name ?? connection.from.node;
    return connection.from.port === undefined ? `\`${name}\`` : `\`${name}.${connection.from.port}\``;
}

function article(word: string): string {
    return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Kinds a reference may take, for messages about unknown kinds. */
export function knownReferenceKinds(): string[] {
    return Object.keys(REFERENCE_KINDS);
}
