import { AstUtils, UriUtils, WorkspaceCache, type LangiumDocument } from 'langium';
import {
    Arity, DiagnosticCollector, didYouMean, ValidationEngine, type AttributeAssignment, type Connection, type Diagnostic, type GraphValidation,
    type MetamodelFile, type ModelGraph, type ModelNode, type NodeReference, type ResolvedMetaType
} from '../../../metamodel/core/index.js';
import { TraceFactory } from '../../dfnn/lowering/traces.js';
import { expressionValue } from '../../dfp/lowering/values.js';
import {
    isModelConnection, isModelDocument, isModelNodeDeclaration, isModelProperty, isNameExpression,
    type ModelConnection, type ModelMember, type ModelNodeDeclaration, type ModelProperty
} from '../../generated/ast.js';
import type { ModelServices } from '../model-module.js';

/** Node meta key: the name of the node that contains it (absent at the top level). */
export const PARENT = 'parent';

/** A model document lowered: one graph of every node of the file, and what the checks found. */
export interface LoweredModel {
    readonly graph: ModelGraph;
    /** Lowering, validation engine and graph checks; positions zero-based. */
    readonly diagnostics: readonly Diagnostic[];
    /** The validation engine's outcome: each valid node's attributes with defaults filled in. */
    readonly validation: GraphValidation;
    readonly file: MetamodelFile;
}

/**
 * Lowering of the generic model syntax to the model graph, with every check the metamodel file
 * implies: the validation engine's (unknown type or attribute with did-you-mean, type, enum and
 * range errors, missing required attributes, input port arity and unknown input ports), then the
 * graph checks of this syntax (unknown output ports, output arity, containment and top-level
 * types, references: required, of the right type, given as names), each at its exact range.
 */
export interface ModelLowering {
    /** The lowered document (cached until the workspace changes). */
    lower(document: LangiumDocument): LoweredModel;
}

export class DefaultModelLowering implements ModelLowering {
    protected readonly file: MetamodelFile;
    protected readonly engine: ValidationEngine;
    protected readonly cache: WorkspaceCache<string, LoweredModel>;
    /** The graphs' kind: the language's id (not the client's languageId of the text, which an editor may not know). */
    protected readonly languageId: string;

    constructor(services: ModelServices) {
        this.file = services.model.MetamodelFile;
        this.languageId = services.LanguageMetaData.languageId;
        this.engine = new ValidationEngine(this.file.metamodel);
        this.cache = new WorkspaceCache(services.shared);
    }

    lower(document: LangiumDocument): LoweredModel {
        return this.cache.get(document.uri.toString(), () => new ModelLowerer(this.file, this.engine, document, this.languageId).lower());
    }
}

/** Lowers one document. */
class ModelLowerer {
    protected readonly traces = new TraceFactory();
    protected readonly diagnostics = new DiagnosticCollector();
    protected readonly nodes: ModelNode[] = [];
    protected readonly connections: Connection[] = [];
    protected readonly declared = new Map<string, ModelNodeDeclaration>();
    /** Connections so far per input (`node.port`), for the position of the next one. */
    protected readonly inputCounts = new Map<string, number>();

    constructor(protected readonly file: MetamodelFile, protected readonly engine: ValidationEngine, protected readonly document: LangiumDocument,
        protected readonly languageId: string) {}

    lower(): LoweredModel {
        const root = this.document.parseResult.value;
        const model = isModelDocument(root) ? root : undefined;
        const name = UriUtils.basename(this.document.uri).replace(/\.[^.]*$/, '');
        if (model) this.members(model.members, []);
        const graph: ModelGraph = {
            name, kind: this.languageId, metamodel: this.file.metamodel.name,
            nodes: this.nodes, connections: this.connections, inputs: [], outputs: [],
            trace: model ? this.traces.of(model) : { uri: this.document.uri.toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }
        };
        const validation = this.engine.validate(graph);
        const all = [...this.diagnostics.diagnostics, ...validation.diagnostics];
        const checks = new DiagnosticCollector();
        this.checkGraph(graph, validation, checks);
        all.push(...checks.diagnostics);
        all.sort((a, b) => a.trace.range.start.line - b.trace.range.start.line || a.trace.range.start.character - b.trace.range.start.character);
        return { graph, diagnostics: all, validation, file: this.file };
    }

    protected members(members: readonly ModelMember[], path: readonly ModelNodeDeclaration[]): void {
        for (const member of members) {
            if (isModelNodeDeclaration(member)) this.node(member, path);
            else if (isModelConnection(member)) this.connection(member);
            else if (isModelProperty(member) && path.length === 0) {
                this.diagnostics.error('misplaced-property', `\`${member.name}: …\` is a property: it belongs in a node's braces`, this.traces.of(member));
            }
        }
    }

    protected node(declaration: ModelNodeDeclaration, path: readonly ModelNodeDeclaration[]): void {
        if (!declaration.name || !declaration.type) return;
        const previous = this.declared.get(declaration.name);
        if (previous) {
            this.diagnostics.error('duplicate-name',
                `duplicate name \`${declaration.name}\`: a node of that name is declared on line ${(previous.$cstNode?.range.start.line ?? 0) + 1} (names are unique in a file)`,
                this.traces.ofProperty(declaration, 'name'));
            this.members(declaration.members, [...path, declaration]);
            return;
        }
        this.declared.set(declaration.name, declaration);
        const type = this.file.metamodel.get(declaration.type);
        const attributes: AttributeAssignment[] = [];
        const references: NodeReference[] = [];
        for (const member of declaration.members) {
            if (!isModelProperty(member) || !member.name) continue;
            const reference = type?.references.find(r => r.name === member.name);
            if (reference) this.reference(member, reference.name, references);
            else attributes.push(this.attribute(member, type));
        }
        const parent = path[path.length - 1];
        this.nodes.push({
            id: declaration.name, name: declaration.name, type: declaration.type, attributes, references,
            trace: this.traces.of(declaration), nameTrace: this.traces.ofProperty(declaration, 'name'), typeTrace: this.traces.ofProperty(declaration, 'type'),
            ...(path.length > 0 ? { group: path.map(p => p.name) } : {}),
            ...(parent ? { meta: { [PARENT]: parent.name } } : {})
        });
        this.members(declaration.members, [...path, declaration]);
    }

    protected attribute(property: ModelProperty, type: ResolvedMetaType | undefined): AttributeAssignment {
        const def = type?.attribute(property.name);
        const value = expressionValue(property.value, this.traces, (name, trace) => {
            // Names are references; a name where a value is expected is reported unless the attribute itself is unknown.
            if (def && name.target?.ref) {
                this.diagnostics.error('type-mismatch', `\`${def.name}\` is an attribute, not a reference: it expects a value, got the node \`${name.target.$refText}\``, trace);
            }
        });
        return { name: property.name, value, trace: this.traces.of(property), nameTrace: this.traces.ofProperty(property, 'name') };
    }

    protected reference(property: ModelProperty, name: string, references: NodeReference[]): void {
        const trace = this.traces.of(property);
        if (references.some(r => r.name === name)) {
            this.diagnostics.error('duplicate-attribute', `the reference \`${name}\` is given twice`, trace);
            return;
        }
        if (!isNameExpression(property.value)) {
            this.diagnostics.error('reference', `\`${name}\` is a reference: write the name of a node (without quotes)`,
                property.value ? this.traces.of(property.value) : trace);
            return;
        }
        const target = property.value.target?.ref;
        references.push({
            name, target: property.value.target?.$refText ?? '',
            targetKind: isModelNodeDeclaration(target) ? target.type : undefined,
            trace, nameTrace: this.traces.ofProperty(property, 'name'), targetTrace: this.traces.of(property.value)
        });
    }

    protected connection(connection: ModelConnection): void {
        const from = connection.from, to = connection.to;
        if (!from?.node?.ref || !to?.node?.ref || !from.port || !to.port) return;
        if (AstUtils.getDocument(from.node.ref) !== this.document || AstUtils.getDocument(to.node.ref) !== this.document) return;
        const toNode = to.node.ref.name;
        const key = `${toNode}.${to.port}`;
        const position = this.inputCounts.get(key) ?? 0;
        this.inputCounts.set(key, position + 1);
        this.connections.push({
            from: { node: from.node.ref.name, port: from.port },
            to: { node: toNode, port: to.port, position },
            trace: this.traces.of(to), fromTrace: this.traces.of(from)
        });
    }

    /** The checks of this syntax beyond the validation engine's. */
    protected checkGraph(graph: ModelGraph, validation: GraphValidation, diagnostics: DiagnosticCollector): void {
        const metamodel = this.file.metamodel;
        for (const node of graph.nodes) {
            const resolved = validation.nodes.get(node.id);
            if (!resolved) continue;
            const typeTrace = node.typeTrace ?? node.trace;
            // Containment: the parent's type (or an ancestor of it) lists the node's type (or an ancestor of it).
            const parentName = node.meta?.[PARENT] as string | undefined;
            if (parentName !== undefined) {
                const parent = validation.nodes.get(parentName);
                if (parent) {
                    const allowed = this.contains(parent.type);
                    if (!allowed.some(t => metamodel.isA(node.type, t))) {
                        diagnostics.error('containment',
                            `\`${parent.node.type}\` cannot contain \`${node.type}\`` + (allowed.length ? ` (it contains ${allowed.map(t => `\`${t}\``).join(', ')})` : ' (it contains no nodes)'),
                            typeTrace);
                    }
                }
            } else if (this.file.roots && !this.file.roots.some(t => metamodel.isA(node.type, t))) {
                diagnostics.error('containment',
                    `\`${node.type}\` cannot be at the top level (top-level types: ${this.file.roots.map(t => `\`${t}\``).join(', ')}); put it in the braces of a node that contains it`,
                    typeTrace);
            }
            // References: of the right type, required ones given.
            for (const def of resolved.type.references) {
                const reference = node.references?.find(r => r.name === def.name);
                if (!reference) {
                    if (def.required) diagnostics.error('missing-reference', `missing required reference \`${def.name}\` (a ${def.target}) for \`${node.type}\``, typeTrace);
                    continue;
                }
                if (reference.targetKind !== undefined && !metamodel.isA(reference.targetKind, def.target)) {
                    diagnostics.error('reference-type',
                        `\`${def.name}\` expects a ${def.target}, but \`${reference.target}\` is a ${reference.targetKind}`, reference.targetTrace ?? reference.trace);
                }
            }
        }
        // Output ports: they exist, and their number of connections fits their arity.
        const outgoing = new Map<string, Connection[]>();
        for (const connection of graph.connections) {
            const from = validation.nodes.get(connection.from.node);
            if (!from) continue;
            const port = from.type.outputs.find(p => p.name === connection.from.port);
            if (!port) {
                const suggestion = didYouMean(connection.from.port ?? '', from.type.outputs.map(p => p.name));
                diagnostics.error('unknown-port',
                    `\`${from.node.type}\` has no output \`${connection.from.port}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?`
                        : from.type.outputs.length ? ` (its outputs: ${from.type.outputs.map(p => `\`${p.name}\``).join(', ')})` : ' (it has no outputs)'),
                    connection.fromTrace ?? connection.trace);
                continue;
            }
            const key = `${connection.from.node}.${connection.from.port}`;
            const list = outgoing.get(key) ?? [];
            list.push(connection);
            outgoing.set(key, list);
            if (!Arity.accepts(port.arity, list.length) && list.length > Arity.max(port.arity)) {
                diagnostics.error('output-arity',
                    `\`${from.node.type}\` output \`${port.name}\` takes ${Arity.describe(port.arity, 'connection')}, got ${list.length}`,
                    connection.fromTrace ?? connection.trace);
            }
        }
        for (const node of graph.nodes) {
            const resolved = validation.nodes.get(node.id);
            if (!resolved) continue;
            for (const port of resolved.type.outputs) {
                const count = outgoing.get(`${node.id}.${port.name}`)?.length ?? 0;
                if (count < Arity.max(port.arity) && !Arity.accepts(port.arity, count)) {
                    diagnostics.error('output-arity', `\`${node.type}\` output \`${port.name}\` takes ${Arity.describe(port.arity, 'connection')}, got ${count}`,
                        node.typeTrace ?? node.trace);
                }
            }
        }
    }

    /** The types a type may contain: its own `contains` and its ancestors'. */
    protected contains(type: ResolvedMetaType): string[] {
        const metamodel = this.file.metamodel;
        return type.lineage.flatMap(name => metamodel.get(name)?.definition.contains ?? []);
    }
}

