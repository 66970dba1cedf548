import {
    DiagnosticCollector, formatValue, INCOMPLETE_INPUTS, kindName, UNRESOLVED_NODE, type AttributeAssignment, type Connection, type Diagnostic,
    type ModelGraph, type ModelNode, type NodeReference
} from '../../../metamodel/core/index.js';
import { INPUT_OPERATION, PIPELINE_METAMODEL, UNNAMED_STEP, type OperationSpec } from '../../../metamodel/pipeline/index.js';
import { isNameExpression, type Operation, type Pipeline, type Step } from '../../generated/ast.js';
import type { TraceFactory } from '../../dfnn/lowering/traces.js';
import { elementKind } from '../references/element-kind.js';
import { expressionValue } from './values.js';

/** Node meta key: the step's name was taken by an earlier step (reported); its id got a suffix. */
export const DUPLICATE_STEP = 'duplicate';

/** A pipeline lowered to a model graph. */
export interface LoweredPipeline {
    readonly source: Pipeline;
    readonly graph: ModelGraph;
    /** The node id of each step. */
    readonly stepNodes: ReadonlyMap<Step, string>;
    /** The operation spec each step's node is typed by (absent for steps whose operation does not resolve). */
    readonly specs: ReadonlyMap<string, OperationSpec>;
    /** Problems found while lowering (inputs by position, outputs left unnamed, names that are not values, …). */
    readonly diagnostics: readonly Diagnostic[];
}

/**
 * Lowers one pipeline to a model graph: one node per step, typed by its operation's
 * meta-type (named like the operation), attributes and references split by the operation's
 * interface, and one connection per step input, from `other.output` to the named (or
 * positional) input port. Everything keeps its trace: the step, its name, its operation, each
 * argument and its name, each input and the output it names.
 */
export class PipelineLowerer {
    protected readonly nodes: ModelNode[] = [];
    protected readonly connections: Connection[] = [];
    protected readonly diagnostics = new DiagnosticCollector();
    protected readonly stepNodes = new Map<Step, string>();
    protected readonly specs = new Map<string, OperationSpec>();
    protected readonly ids = new Set<string>();

    constructor(protected readonly traces: TraceFactory, protected readonly specOf: (operation: Operation) => OperationSpec) {}

    lower(pipeline: Pipeline): LoweredPipeline {
        const steps = pipeline.steps ?? [];
        for (const step of steps) this.stepNodes.set(step, this.idFor(step));
        for (const step of steps) this.nodes.push(this.lowerStep(step));
        const graph: ModelGraph = {
            name: pipeline.name,
            kind: 'pipeline',
            metamodel: PIPELINE_METAMODEL,
            nodes: this.nodes,
            connections: this.connections,
            inputs: this.nodes.filter(n => n.type === INPUT_OPERATION && this.specs.get(n.id)?.builtin).map(n => n.id),
            outputs: [],
            trace: this.traces.of(pipeline),
            nameTrace: this.traces.ofProperty(pipeline, 'name')
        };
        return { source: pipeline, graph, stepNodes: this.stepNodes, specs: this.specs, diagnostics: this.diagnostics.diagnostics };
    }

    /** A step's node id: its name; for an unnamed step `Operation#n`; a taken name gets a suffix. */
    protected idFor(step: Step): string {
        const base = step.name ?? `${step.operation?.$refText ?? 'step'}#1`;
        let id = base;
        for (let n = 2; this.ids.has(id); n++) id = step.name ? `${base}#${n}` : `${step.operation?.$refText ?? 'step'}#${n}`;
        this.ids.add(id);
        return id;
    }

    protected lowerStep(step: Step): ModelNode {
        const id = this.stepNodes.get(step)!;
        const operation = step.operation?.ref;
        const spec = operation ? this.specOf(operation) : undefined;
        if (spec) this.specs.set(id, spec);
        const meta: Record<string, unknown> = {};
        if (!spec) meta[UNRESOLVED_NODE] = true;
        if (!step.name) meta[UNNAMED_STEP] = true;
        if (step.name && id !== step.name) meta[DUPLICATE_STEP] = true;
        const { attributes, references } = this.lowerArguments(step, spec);
        if (!this.lowerInputs(step, id, spec)) meta[INCOMPLETE_INPUTS] = true;
        return {
            id,
            name: step.name ?? step.operation?.$refText ?? id,
            type: spec?.name ?? step.operation?.$refText ?? '',
            attributes,
            references,
            trace: this.traces.of(step),
            nameTrace: step.name ? this.traces.ofProperty(step, 'name') : undefined,
            typeTrace: this.traces.ofProperty(step, 'operation'),
            meta
        };
    }

    /** Arguments named like one of the operation's references are references; the others attributes. */
    protected lowerArguments(step: Step, spec: OperationSpec | undefined): { attributes: AttributeAssignment[]; references: NodeReference[] } {
        const attributes: AttributeAssignment[] = [];
        const references: NodeReference[] = [];
        let position = 0;
        for (const argument of step.arguments ?? []) {
            const trace = this.traces.of(argument);
            const reference = argument.name !== undefined ? spec?.references.find(r => r.name === argument.name) : undefined;
            if (reference) {
                if (references.some(r => r.name === reference.name)) {
                    this.diagnostics.error('duplicate-attribute', `\`${spec!.name}\` got multiple values for reference \`${reference.name}\``, trace);
                    continue;
                }
                const value = argument.value;
                if (!isNameExpression(value)) {
                    const shown = expressionValue(value, this.traces);
                    this.diagnostics.error('type-mismatch',
                        `\`${reference.name}\` takes the name of ${article(reference.kind)} ${reference.kind}, got ${kindName(shown)} \`${formatValue(shown)}\``,
                        this.traces.of(value));
                    continue;
                }
                const target = value.target?.ref;
                references.push({
                    name: reference.name,
                    target: value.target?.$refText ?? '',
                    targetKind: target ? elementKind(target) : undefined,
                    trace,
                    nameTrace: this.traces.ofProperty(argument, 'name'),
                    targetTrace: this.traces.of(value)
                });
                continue;
            }
            const value = expressionValue(argument.value, this.traces, (name, at) => {
                const target = name.target?.ref;
                // Unresolved (reported by the linker), or the operation is unknown (reported): nothing to add.
                if (!target || !spec) return;
                const kind = elementKind(target) ?? 'element';
                this.diagnostics.error('not-a-value',
                    `\`${name.target.$refText}\` is ${article(kind)} ${kind}, not a value` +
                    (argument.name !== undefined && spec?.attributes.some(a => a.name === argument.name) ? ` (\`${argument.name}\` is an attribute of \`${spec.name}\`)` : ''),
                    at);
            });
            if (argument.name === undefined) attributes.push({ position: position++, value, trace });
            else attributes.push({ name: argument.name, value, trace, nameTrace: this.traces.ofProperty(argument, 'name') });
        }
        return { attributes, references };
    }

    /** The step's input connections; `false` when some could not be made (unresolved names, reported). */
    protected lowerInputs(step: Step, id: string, spec: OperationSpec | undefined): boolean {
        let complete = spec !== undefined;
        let position = 0;
        const perPort = new Map<string, number>();
        for (const input of step.inputs ?? []) {
            const trace = this.traces.of(input);
            let port = input.port;
            if (port === undefined) {
                if (!spec) continue;
                const declared = spec.inputs[position++];
                if (!declared) {
                    this.diagnostics.error('too-many-inputs',
                        `\`${spec.name}\` takes ${spec.inputs.length === 0 ? 'no inputs' : `${spec.inputs.length} input${spec.inputs.length === 1 ? '' : 's'} (${spec.inputs.map(i => `\`${i.name}\``).join(', ')})`}, got ${position}`,
                        trace);
                    continue;
                }
                port = declared.name;
            }
            const source = input.source?.ref;
            if (!source) {
                complete = false; // reported by the linker
                continue;
            }
            const from = this.stepNodes.get(source);
            if (from === undefined) {
                complete = false;
                continue;
            }
            let output = input.output;
            let fromTrace = output !== undefined ? this.traces.ofProperty(input, 'output') : this.traces.ofProperty(input, 'source');
            if (output === undefined) {
                const sourceOperation = source.operation?.ref;
                const outputs = sourceOperation ? this.specOf(sourceOperation).outputs : undefined;
                if (!outputs) {
                    complete = false;
                    continue;
                }
                if (outputs.length !== 1) {
                    const name = source.name ?? '';
                    this.diagnostics.error('ambiguous-output',
                        outputs.length === 0
                            ? `step \`${name}\` has no outputs to feed \`${port}\``
                            : `step \`${name}\` has ${outputs.length} outputs: name one, e.g. \`${name}.${outputs[0].name}\``,
                        fromTrace);
                    complete = false;
                    continue;
                }
                output = outputs[0].name;
                fromTrace = this.traces.ofProperty(input, 'source');
            }
            const index = perPort.get(port) ?? 0;
            perPort.set(port, index + 1);
            this.connections.push({ from: { node: from, port: output }, to: { node: id, port, position: index }, trace, fromTrace });
        }
        return complete;
    }
}

function article(word: string): string {
    return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

