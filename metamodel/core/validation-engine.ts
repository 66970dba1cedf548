import { checkValue, enumValues } from './attribute-types.js';
import { DiagnosticCollector, type Diagnostic } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { Arity, type AttributeDef } from './meta-type.js';
import type { Metamodel, ResolvedMetaType } from './metamodel.js';
import { GraphIndex, INCOMPLETE_INPUTS, UNRESOLVED_NODE, type AttributeAssignment, type ModelGraph, type ModelNode } from './model-graph.js';
import type { Trace } from './source.js';
import { fromJs, type Value } from './values.js';

/** An attribute's effective value: written, or the default. */
export interface ResolvedAttribute {
    readonly def: AttributeDef;
    readonly value: Value;
    /** The assignment that set it; absent when the default applies. */
    readonly assignment?: AttributeAssignment;
}

/** A node with its meta-type resolved and its attributes bound to names, defaults filled in. */
export interface ResolvedNode {
    readonly node: ModelNode;
    readonly type: ResolvedMetaType;
    /** Every attribute of the meta-type that has a value (written or default). */
    readonly attributes: ReadonlyMap<string, ResolvedAttribute>;
    /** Whether the node's attributes are free of errors (so domain passes may trust them). */
    readonly valid: boolean;
}

/** The outcome of validating a graph against a metamodel. */
export interface GraphValidation {
    readonly diagnostics: Diagnostic[];
    readonly nodes: ReadonlyMap<string, ResolvedNode>;
    readonly index: GraphIndex;
}

/**
 * A domain-specific check of one node, run after the generic checks. Domains register
 * these per meta-type (or for every type with `'*'`).
 */
export type NodeCheck = (node: ResolvedNode, context: NodeCheckContext) => void;

export interface NodeCheckContext {
    readonly graph: ModelGraph;
    readonly index: GraphIndex;
    readonly diagnostics: DiagnosticCollector;
}

/**
 * The generic validation engine: checks any model graph against its metamodel. It knows
 * nothing of Keras or pipelines; everything it reports follows from meta-type definitions:
 * unknown types and attributes (with did-you-mean), missing required attributes, type,
 * enum and range errors, positional/keyword clashes, and the number of connections per port.
 */
export class ValidationEngine {
    protected readonly checks = new Map<string, NodeCheck[]>();
    /** The checks that apply to a meta-type (its lineage's, then `'*'`), gathered once per type. */
    private readonly checksByType = new Map<ResolvedMetaType, readonly NodeCheck[]>();

    constructor(readonly metamodel: Metamodel) {}

    /** Registers a domain check for a meta-type (applies to its subtypes too), or `'*'` for all. */
    register(typeName: string, check: NodeCheck): this {
        const list = this.checks.get(typeName) ?? [];
        list.push(check);
        this.checks.set(typeName, list);
        this.checksByType.clear();
        return this;
    }

    validate(graph: ModelGraph): GraphValidation {
        const diagnostics = new DiagnosticCollector();
        const index = new GraphIndex(graph);
        const nodes = new Map<string, ResolvedNode>();
        for (const node of graph.nodes) {
            if (node.meta?.[UNRESOLVED_NODE]) continue;
            const resolved = this.resolveNode(node, diagnostics);
            if (resolved) {
                nodes.set(node.id, resolved);
                this.checkPorts(resolved, index, diagnostics);
            }
        }
        const context: NodeCheckContext = { graph, index, diagnostics };
        for (const resolved of nodes.values()) {
            for (const check of this.checksOf(resolved.type)) check(resolved, context);
        }
        return { diagnostics: diagnostics.diagnostics, nodes, index };
    }

    /** The registered checks for a type: those of its lineage, nearest first, then those for every type. */
    protected checksOf(type: ResolvedMetaType): readonly NodeCheck[] {
        let checks = this.checksByType.get(type);
        if (!checks) {
            checks = [...type.lineage, '*'].flatMap(typeName => this.checks.get(typeName) ?? []);
            this.checksByType.set(type, checks);
        }
        return checks;
    }

    /** Resolves a node's type and binds its attributes, reporting what does not fit. */
    resolveNode(node: ModelNode, diagnostics: DiagnosticCollector): ResolvedNode | undefined {
        const type = this.metamodel.get(node.type);
        const typeTrace = node.typeTrace ?? node.trace;
        if (!type) {
            const suggestion = this.metamodel.suggest(node.type);
            diagnostics.error('unknown-type',
                `unknown type \`${node.type}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ''),
                typeTrace, suggestion ? [{ title: `Change to ${suggestion}`, trace: typeTrace, newText: suggestion }] : undefined);
            return undefined;
        }
        if (type.definition.abstract) {
            diagnostics.error('abstract-type', `\`${node.type}\` is abstract and cannot be used directly`, typeTrace);
            return undefined;
        }
        const errorsBefore = diagnostics.errorCount;
        const attributes = this.bindAttributes(node, type, diagnostics);
        const valid = diagnostics.errorCount === errorsBefore;
        return { node, type, attributes, valid };
    }

    protected bindAttributes(node: ModelNode, type: ResolvedMetaType, diagnostics: DiagnosticCollector): ReadonlyMap<string, ResolvedAttribute> {
        const bound = new Map<string, ResolvedAttribute>();
        const positional = type.positional;
        const typeTrace = node.typeTrace ?? node.trace;
        for (const assignment of node.attributes) {
            let def: AttributeDef | undefined;
            if (assignment.name === undefined) {
                def = positional[assignment.position ?? 0];
                if (!def) {
                    diagnostics.error('too-many-positional',
                        `\`${node.type}\` takes at most ${positional.length} positional argument${positional.length === 1 ? '' : 's'}, got ${(assignment.position ?? 0) + 1}`,
                        assignment.trace);
                    continue;
                }
            } else {
                def = type.attribute(assignment.name);
                if (!def) {
                    // References are passed by keyword too (`architecture=VGG`): a misspelt one is suggested as well.
                    const suggestion = didYouMean(assignment.name, [...type.attributes, ...type.references].map(a => a.name));
                    const nameTrace = assignment.nameTrace ?? assignment.trace;
                    diagnostics.error('unknown-attribute',
                        `unknown argument \`${assignment.name}\` for \`${node.type}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ''),
                        nameTrace,
                        suggestion
                            ? [{ title: `Change to ${suggestion}`, trace: nameTrace, newText: suggestion }, { title: `Remove ${assignment.name}`, trace: assignment.trace, newText: '' }]
                            : [{ title: `Remove ${assignment.name}`, trace: assignment.trace, newText: '' }]);
                    continue;
                }
            }
            if (bound.has(def.name)) {
                diagnostics.error('duplicate-attribute', `\`${node.type}\` got multiple values for argument \`${def.name}\``, assignment.trace);
                continue;
            }
            this.checkAttributeValue(node, def, assignment.value, diagnostics);
            bound.set(def.name, { def, value: assignment.value, assignment });
        }
        const { required, defaults } = this.signature(type);
        const missing = required.filter(def => !bound.has(def.name)).map(def => def.name);
        if (missing.length > 0) {
            const names = missing.map(m => `\`${m}\``).join(', ');
            diagnostics.error('missing-attribute',
                `missing required argument${missing.length > 1 ? 's' : ''} ${names} for \`${node.type}\``, typeTrace);
        }
        return defaults.size > 0 ? new BoundAttributes(bound, defaults) : bound;
    }

    /** A type's required attributes, and its defaults as bound attributes (shared by every node that leaves them out). */
    protected signature(type: ResolvedMetaType): Signature {
        let signature = signatures.get(type);
        if (!signature) {
            const defaults = new Map<string, ResolvedAttribute>();
            for (const def of type.attributes) {
                if (!def.required && def.default !== undefined) defaults.set(def.name, { def, value: fromJs(def.default) });
            }
            signature = { required: type.attributes.filter(def => def.required), defaults };
            signatures.set(type, signature);
        }
        return signature;
    }

    /** Type, enum and range checks of one value. */
    protected checkAttributeValue(node: ModelNode, def: AttributeDef, value: Value, diagnostics: DiagnosticCollector): void {
        const trace = value.trace ?? node.trace;
        const mismatch = checkValue(def.type, value, def.name);
        if (mismatch) {
            const at = mismatch.value.trace ?? trace;
            if (mismatch.kind === 'enum' && mismatch.value.kind === 'string') {
                const suggestion = didYouMean(mismatch.value.value, enumValues(def.type));
                diagnostics.error('enum-mismatch', mismatch.message + (suggestion ? ` — did you mean "${suggestion}"?` : ''), at,
                    suggestion ? [{ title: `Change to "${suggestion}"`, trace: at, newText: JSON.stringify(suggestion) }] : undefined);
            } else {
                diagnostics.error('type-mismatch', mismatch.message, at);
            }
            return;
        }
        this.checkRange(def, value, trace, diagnostics);
    }

    protected checkRange(def: AttributeDef, value: Value, trace: Trace, diagnostics: DiagnosticCollector): void {
        if (def.min === undefined && def.max === undefined) return;
        const numbers: Value[] = value.kind === 'tuple' || value.kind === 'list' ? [...value.items] : [value];
        for (const item of numbers) {
            if (item.kind !== 'int' && item.kind !== 'float') continue;
            const tooLow = def.min !== undefined && item.value < def.min;
            const tooHigh = def.max !== undefined && item.value > def.max;
            if (tooLow || tooHigh) {
                const bounds = def.min !== undefined && def.max !== undefined ? `in [${def.min}, ${def.max}]`
                    : def.min !== undefined ? `≥ ${def.min}` : `≤ ${def.max}`;
                diagnostics.error('out-of-range', `\`${def.name}\` must be ${bounds}, got ${item.value}`, item.trace ?? trace);
                return;
            }
        }
    }

    /** Checks the connections into a node: their number per input port, and that each port exists. */
    protected checkPorts(resolved: ResolvedNode, index: GraphIndex, diagnostics: DiagnosticCollector): void {
        if (!resolved.node.meta?.[INCOMPLETE_INPUTS]) this.checkPortArity(resolved, index, diagnostics);
        this.checkUnknownPorts(resolved, index, diagnostics);
    }

    /** Checks the number of connections on each input port against its arity. */
    protected checkPortArity(resolved: ResolvedNode, index: GraphIndex, diagnostics: DiagnosticCollector): void {
        const { node, type } = resolved;
        for (const port of type.inputs) {
            const connections = index.inputsOf(node.id, port.name);
            if (Arity.accepts(port.arity, connections.length)) continue;
            const noun = type.inputs.length > 1 ? `connection on \`${port.name}\`` : 'input';
            const message = `\`${node.type}\` takes ${Arity.describe(port.arity, noun)}, got ${connections.length}`;
            const max = Arity.max(port.arity);
            // Too many: point at the first surplus input. Too few: point at the node's type.
            const at = connections.length > max ? connections[max].trace : (node.typeTrace ?? node.trace);
            diagnostics.error('input-arity', message, at);
        }
    }

    /** Connections into ports the node's type does not have (with did-you-mean). */
    protected checkUnknownPorts(resolved: ResolvedNode, index: GraphIndex, diagnostics: DiagnosticCollector): void {
        const { node, type } = resolved;
        for (const connection of index.inputsOf(node.id)) {
            if (!type.inputs.some(p => p.name === connection.to.port)) {
                const suggestion = didYouMean(connection.to.port, type.inputs.map(p => p.name));
                diagnostics.error('unknown-port',
                    `\`${node.type}\` has no input \`${connection.to.port}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ''),
                    connection.trace);
            }
        }
    }
}

interface Signature {
    readonly required: readonly AttributeDef[];
    readonly defaults: ReadonlyMap<string, ResolvedAttribute>;
}

/** Per resolved meta-type (values are read-only, so nodes share them). */
const signatures = new WeakMap<ResolvedMetaType, Signature>();

/**
 * A node's attributes: those written on the node (in the order written), then the defaults of
 * its type that it leaves out (in the type's order) — what one map holding both would give, but a
 * node does not copy the twenty-odd defaults of a Keras layer into a map of its own.
 */
class BoundAttributes implements ReadonlyMap<string, ResolvedAttribute> {
    constructor(private readonly written: ReadonlyMap<string, ResolvedAttribute>, private readonly defaults: ReadonlyMap<string, ResolvedAttribute>) {}

    get size(): number {
        return this.list().length;
    }

    get(name: string): ResolvedAttribute | undefined {
        return this.written.get(name) ?? this.defaults.get(name);
    }

    has(name: string): boolean {
        return this.written.has(name) || this.defaults.has(name);
    }

    forEach(callback: (value: ResolvedAttribute, key: string, map: ReadonlyMap<string, ResolvedAttribute>) => void, thisArg?: unknown): void {
        for (const [name, attribute] of this) callback.call(thisArg, attribute, name, this);
    }

    entries(): MapIterator<[string, ResolvedAttribute]> {
        return this.list().map((attribute): [string, ResolvedAttribute] => [attribute.def.name, attribute]).values();
    }

    keys(): MapIterator<string> {
        return this.list().map(attribute => attribute.def.name).values();
    }

    values(): MapIterator<ResolvedAttribute> {
        return this.list().values();
    }

    /** All of them in order (made per call rather than kept: it is short-lived, the node is not). */
    private list(): ResolvedAttribute[] {
        const list = [...this.written.values()];
        for (const attribute of this.defaults.values()) if (!this.written.has(attribute.def.name)) list.push(attribute);
        return list;
    }

    [Symbol.iterator](): MapIterator<[string, ResolvedAttribute]> {
        return this.entries();
    }
}
