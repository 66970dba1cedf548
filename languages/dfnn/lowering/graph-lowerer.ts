import type { AstNode } from 'langium';
import {
    checkValue, DiagnosticCollector, type BlockArgument, type BlockCall, type GraphParameter, didYouMean, INCOMPLETE_INPUTS, UNRESOLVED_NODE, type AttributeAssignment, type Connection, type Diagnostic,
    type ModelGraph, type ModelNode, type NetworkDomain, type OutputEnd, type Trace, type Value
} from '../../../metamodel/core/index.js';
import {
    isBlock, isBooleanLiteral, isCallExpression, isInputsStatement, isLayerStatement, isLayerType, isListExpression,
    isNameExpression, isNetwork, isNoneLiteral, isNumberLiteral, isOutputsStatement, isParameter, isSharedLayer,
    isStringLiteral, isTupleExpression, type Argument, type Block, type BlockInput, type Expression, type LayerStatement,
    type NameExpression, type Network, type Parameter, type SharedLayer
} from '../../generated/ast.js';
import type { GraphContainer } from '../references/dfnn-scope-provider.js';
import { parameterType } from './parameter-types.js';
import type { TraceFactory } from './traces.js';

/** Node meta key: the node stands for a block input while the block is checked on its own (its shape is unknown). */
export const PLACEHOLDER = 'placeholder';
/** Node meta key: the node's name was taken (reported); its id got a suffix. */
export const DUPLICATE = 'duplicate';
/** Node meta key: the blocks (and networks used as blocks) a node was expanded from, outermost first. */
export const BLOCKS = 'blocks';

/** A network or block lowered to a model graph. */
export interface LoweredGraph {
    readonly kind: 'network' | 'block';
    readonly source: GraphContainer;
    readonly graph: ModelGraph;
    /** The node ids each statement of the graph produced (a block call: all its expanded nodes). */
    readonly statementNodes: ReadonlyMap<AstNode, readonly string[]>;
    /** Problems found while lowering (block arguments, input counts, kinds of names, recursion, …). */
    readonly diagnostics: readonly Diagnostic[];
    /** A block's parameters, in order (empty for a network). */
    readonly parameters: readonly GraphParameter[];
    /** The block calls (and networks used as blocks) written directly in this graph, in lowering order. */
    readonly blockCalls: readonly BlockCall[];
}

/** What a name denotes as a tensor: the outputs it stands for (several for a block with several outputs). */
interface TensorSource {
    readonly ends: ReadonlyArray<OutputEnd | undefined>;
    /** How messages call it: `b1 (block ConvBlock)`. */
    readonly label: string;
}

const PENDING = Symbol('pending');

/** The context of lowering one graph body: top level, or one expansion of a block. */
interface Frame {
    readonly graph: GraphContainer;
    /** Prefix of node ids: `''` at top level, `b1_` inside block call `b1`. */
    readonly prefix: string;
    readonly group: readonly string[];
    readonly blocks: readonly string[];
    /** Call sites that expanded this body, outermost first. */
    readonly via: readonly Trace[];
    /** Parameter values (unknown values when a block is lowered on its own). */
    readonly params: ReadonlyMap<Parameter, Value>;
    /** What the graph's inputs denote at the call site; `undefined` at top level (inputs become nodes). */
    readonly inputs?: ReadonlyMap<AstNode, TensorSource | undefined>;
    /** Graphs being expanded, outermost first (recursion check). */
    readonly stack: readonly GraphContainer[];
    readonly members: Map<AstNode, TensorSource | undefined | typeof PENDING>;
    /** Ids of the nodes made in this frame and the frames it expanded. */
    readonly nodeIds: string[];
}

/**
 * Lowers one network or block to a model graph. Blocks (and networks used as blocks) are
 * expanded inline with Keras naming (`b1_conv`), a group path, and traces whose `via` lists
 * the call sites; parameter values keep the trace of the argument at the call site.
 * Statements may refer to later statements; each statement is lowered once, on first need.
 */
export class GraphLowerer {
    protected readonly nodes: ModelNode[] = [];
    protected readonly connections: Connection[] = [];
    protected readonly diagnostics = new DiagnosticCollector();
    /** Node ids in use, and whether the node came from an expansion. */
    protected readonly ids = new Map<string, boolean>();
    protected readonly statementNodes = new Map<AstNode, string[]>();
    protected readonly graphInputs: string[] = [];
    protected readonly nodeById = new Map<string, ModelNode>();
    /** Nodes whose output feeds a connection. */
    protected readonly usedOutputs = new Set<string>();
    protected readonly blockCalls: BlockCall[] = [];

    constructor(protected readonly domain: NetworkDomain, protected readonly traces: TraceFactory) {}

    lower(container: GraphContainer): LoweredGraph {
        const params = new Map<Parameter, Value>();
        if (isBlock(container)) {
            for (const parameter of container.parameters) {
                params.set(parameter, { kind: 'unknown', description: parameter.name, trace: this.traces.of(parameter) });
            }
        }
        const frame: Frame = {
            graph: container, prefix: '', group: [], blocks: [], via: [], params, stack: [container], members: new Map(), nodeIds: []
        };
        const outputs = this.lowerBody(frame);
        const graph: ModelGraph = {
            name: container.name,
            kind: isNetwork(container) ? 'network' : 'block',
            metamodel: this.domain.metamodel.name,
            nodes: this.nodes,
            connections: this.connections,
            inputs: this.graphInputs,
            outputs: outputs.flatMap(source => source?.ends.filter((end): end is OutputEnd => end !== undefined) ?? []),
            trace: this.traces.of(container),
            nameTrace: this.traces.ofProperty(container, 'name')
        };
        const parameters: GraphParameter[] = isBlock(container)
            ? container.parameters.map(parameter => ({
                name: parameter.name,
                ...(parameter.type ? { type: parameter.type } : {}),
                ...(parameter.default ? { default: this.value(parameter.default, { ...frame, params: new Map(), members: new Map(), nodeIds: [] }) } : {}),
                trace: this.traces.of(parameter)
            }))
            : [];
        return {
            kind: graph.kind as 'network' | 'block', source: container, graph, statementNodes: this.statementNodes, diagnostics: this.diagnostics.diagnostics,
            parameters, blockCalls: this.blockCalls
        };
    }

    /** Lowers the statements of a graph body; returns what its outputs denote. */
    protected lowerBody(frame: Frame): Array<TensorSource | undefined> {
        for (const statement of frame.graph.statements) {
            if (isInputsStatement(statement)) statement.inputs.forEach(input => this.member(input, frame));
            else if (isLayerStatement(statement) || isSharedLayer(statement)) this.member(statement, frame);
        }
        const declared = frame.graph.statements.find(isOutputsStatement);
        if (declared) {
            return declared.outputs.map(ref => {
                const end = this.resolveTensor(ref, frame);
                return end ? { ends: [end], label: `\`${ref.target?.$refText}\`` } : undefined;
            });
        }
        return this.implicitOutputs(frame);
    }

    /** Without an `outputs` statement, the single node whose output feeds nothing is the output. */
    protected implicitOutputs(frame: Frame): Array<TensorSource | undefined> {
        const byId = this.nodeById;
        const all = frame.nodeIds.filter(id => !this.usedOutputs.has(id) && !byId.get(id)?.meta?.[this.domain.sharedDeclarationKey]);
        // An input that feeds nothing is unused rather than an output (unless it is all there is).
        const layers = all.filter(id => !this.isInputType(byId.get(id)!.type));
        const sinks = layers.length > 0 ? layers : all;
        // With unresolved inputs (reported), what looks like a sink may be a consumer's missing input.
        const incomplete = frame.nodeIds.some(id => byId.get(id)?.meta?.[INCOMPLETE_INPUTS]);
        if (sinks.length > 1 && !incomplete) {
            const names = sinks.map(id => `\`${id.slice(frame.prefix.length)}\``);
            const shown = names.length > 4 ? [...names.slice(0, 4), '…'] : names;
            this.diagnostics.error('ambiguous-outputs',
                `${kindOf(frame.graph)} \`${frame.graph.name}\` has ${sinks.length} layers whose output feeds nothing (${shown.join(', ')}): ` +
                `declare its outputs, e.g. \`outputs ${sinks.map(id => id.slice(frame.prefix.length)).join(', ')}\``,
                this.traces.ofProperty(frame.graph, 'name', frame.via));
        }
        return sinks.map(id => ({ ends: [{ node: id }], label: `\`${id}\`` }));
    }

    /** What a member of a graph denotes as a tensor, lowering it on first use. */
    protected member(member: AstNode, frame: Frame): TensorSource | undefined | typeof PENDING {
        if (frame.members.has(member)) return frame.members.get(member);
        frame.members.set(member, PENDING);
        let source: TensorSource | undefined;
        if (isLayerStatement(member)) source = this.lowerStatement(member, frame);
        else if (isSharedLayer(member)) source = this.lowerSharedDeclaration(member, frame);
        else if (member.$type === 'BlockInput') source = this.lowerBlockInput(member as BlockInput, frame);
        frame.members.set(member, source);
        return source;
    }

    protected lowerBlockInput(input: BlockInput, frame: Frame): TensorSource | undefined {
        if (frame.inputs) return frame.inputs.get(input);
        const id = this.emit(frame, input, {
            type: this.domain.inputType,
            attributes: [],
            meta: { [UNRESOLVED_NODE]: true, [PLACEHOLDER]: true }
        });
        this.graphInputs.push(id);
        return { ends: [{ node: id }], label: `\`${input.name}\`` };
    }

    protected lowerSharedDeclaration(shared: SharedLayer, frame: Frame): TensorSource | undefined {
        const callee = shared.callee?.ref;
        if (callee && !isLayerType(callee)) {
            this.diagnostics.error('shared-not-layer',
                `only layers can be shared; \`${shared.callee?.$refText}\` is a ${isBlock(callee) ? 'block' : isNetwork(callee) ? 'network' : 'shared layer'}`,
                this.traces.ofProperty(shared, 'callee', frame.via));
        }
        const id = this.emit(frame, shared, {
            type: shared.callee?.$refText ?? '',
            attributes: this.attributes(shared.arguments, frame),
            meta: { [this.domain.sharedDeclarationKey]: true, ...(callee && isLayerType(callee) ? {} : { [UNRESOLVED_NODE]: true }) }
        });
        return { ends: [{ node: id }], label: `\`${shared.name}\`` };
    }

    protected lowerStatement(statement: LayerStatement, frame: Frame): TensorSource | undefined {
        const callee = statement.callee?.ref;
        if (isBlock(callee) || isNetwork(callee)) return this.expand(statement, callee, frame);
        if (isSharedLayer(callee)) return this.lowerSharedApplication(statement, callee, frame);
        if (frame.inputs && isNetwork(frame.graph) && callee && this.isInputType(callee.name)) {
            // A network used as a block: its Input layers stand for the call's inputs.
            return frame.inputs.get(statement);
        }
        const id = this.emit(frame, statement, {
            type: statement.callee?.$refText ?? '',
            attributes: this.attributes(statement.arguments, frame),
            meta: callee ? undefined : { [UNRESOLVED_NODE]: true }
        });
        const source: TensorSource = { ends: [{ node: id }], label: `\`${statement.name}\`` };
        frame.members.set(statement, source); // before the inputs: a cycle back to this layer finds it
        if (frame.group.length === 0 && !frame.inputs && callee && this.isInputType(callee.name)) this.graphInputs.push(id);
        this.connect(id, statement.inputs?.inputs ?? [], frame);
        return source;
    }

    /** `e = enc(x)`: a node of the declaration's type and arguments that shares its weights. */
    protected lowerSharedApplication(statement: LayerStatement, shared: SharedLayer, frame: Frame): TensorSource | undefined {
        const declaration = this.member(shared, frame);
        const declarationId = declaration && declaration !== PENDING ? declaration.ends[0]?.node : undefined;
        const id = this.emit(frame, statement, {
            type: shared.callee?.$refText ?? '',
            attributes: this.attributes(shared.arguments, frame),
            meta: {
                [this.domain.sharedApplicationKey]: declarationId,
                ...(shared.callee?.ref && isLayerType(shared.callee?.ref) ? {} : { [UNRESOLVED_NODE]: true })
            }
        });
        const source: TensorSource = { ends: [{ node: id }], label: `\`${statement.name}\`` };
        frame.members.set(statement, source);
        if (statement.inputs) {
            this.diagnostics.error('shared-call',
                `\`${shared.name}\` is a shared layer: apply it with one group of inputs, e.g. \`${statement.name} = ${shared.name}(x)\``,
                this.traces.of(statement.inputs, frame.via));
        }
        const inputs: NameExpression[] = [];
        for (const argument of statement.arguments) {
            if (argument.name === undefined && isNameExpression(argument.value)) inputs.push(argument.value);
            else {
                this.diagnostics.error('shared-call',
                    `a shared layer takes only inputs (its arguments are set where it is declared): \`${shared.name}(x)\``,
                    this.traces.of(argument, frame.via));
            }
        }
        this.connect(id, inputs, frame);
        return source;
    }

    /** Expands a call of a block or of a network used as a block. */
    protected expand(statement: LayerStatement, callee: Block | Network, frame: Frame): TensorSource | undefined {
        const calleeTrace = this.traces.ofProperty(statement, 'callee', frame.via);
        const kind = kindOf(callee);
        if (frame.stack.includes(callee)) {
            const path = [...frame.stack.slice(frame.stack.indexOf(callee)), callee].map(g => g.name).join(' → ');
            this.diagnostics.error('recursive-block', `${kind} \`${callee.name}\` uses itself: ${path}`, calleeTrace);
            return undefined;
        }
        // Inputs.
        const innerInputs: AstNode[] = isBlock(callee)
            ? callee.statements.filter(isInputsStatement).flatMap(s => s.inputs)
            : callee.statements.filter(s => isLayerStatement(s) && s.callee?.ref !== undefined && isLayerType(s.callee?.ref) && this.isInputType(s.callee?.ref.name));
        const given = statement.inputs?.inputs ?? [];
        if (given.length !== innerInputs.length) {
            const names = innerInputs.map(i => `\`${(i as BlockInput).name}\``).join(', ');
            const at = given.length > innerInputs.length ? this.traces.of(given[innerInputs.length], frame.via) : calleeTrace;
            this.diagnostics.error('block-inputs',
                `${kind} \`${callee.name}\` takes ${innerInputs.length} input${innerInputs.length === 1 ? '' : 's'}${names ? ` (${names})` : ''}, got ${given.length}`, at);
        }
        const inputs = new Map<AstNode, TensorSource | undefined>();
        innerInputs.forEach((input, i) => {
            const end = given[i] ? this.resolveTensor(given[i], frame) : undefined;
            inputs.set(input, end ? { ends: [end], label: `\`${given[i].target?.$refText}\`` } : undefined);
        });
        // Arguments.
        const via = [...frame.via, { uri: calleeTrace.uri, range: calleeTrace.range }];
        const written: BlockArgument[] = [];
        const params = isBlock(callee) ? this.bindArguments(statement, callee, frame, via, written) : new Map<Parameter, Value>();
        if (isNetwork(callee) && statement.arguments.length > 0) {
            this.diagnostics.error('network-arguments',
                `network \`${callee.name}\` takes no arguments; its inputs go in the second group: \`${callee.name}()(x)\``,
                this.traces.of(statement.arguments[0], frame.via));
        }
        const inner: Frame = {
            graph: callee,
            prefix: `${frame.prefix}${statement.name}_`,
            group: [...frame.group, `${frame.prefix}${statement.name}`],
            blocks: [...frame.blocks, callee.name],
            via,
            params,
            inputs,
            stack: [...frame.stack, callee],
            members: new Map(),
            nodeIds: []
        };
        const outputs = this.lowerBody(inner);
        frame.nodeIds.push(...inner.nodeIds);
        const ends = outputs.flatMap(o => (o ? o.ends : [undefined]));
        if (frame.group.length === 0) {
            this.statementNodes.set(statement, inner.nodeIds);
            this.blockCalls.push({
                name: statement.name,
                callee: callee.name,
                calleeKind: kind,
                arguments: written,
                inputs: innerInputs.map(input => inputs.get(input)?.ends[0]),
                outputs: ends,
                nodes: inner.nodeIds,
                trace: this.traces.of(statement)
            });
        }
        return {
            ends,
            label: `\`${statement.name}\` (${kind} \`${callee.name}\`)`
        };
    }

    /** Binds a block call's arguments to the block's parameters, checking names, counts and annotated types. */
    protected bindArguments(statement: LayerStatement, block: Block, frame: Frame, via: readonly Trace[],
        written: BlockArgument[] = []): Map<Parameter, Value> {
        const bound = new Map<Parameter, Value>();
        let position = 0;
        for (const argument of statement.arguments) {
            let parameter: Parameter | undefined;
            if (argument.name === undefined) {
                parameter = block.parameters[position++];
                if (!parameter) {
                    this.diagnostics.error('block-arguments',
                        `block \`${block.name}\` takes at most ${block.parameters.length} argument${block.parameters.length === 1 ? '' : 's'}, got ${position}`,
                        this.traces.of(argument, frame.via));
                    continue;
                }
            } else {
                parameter = block.parameters.find(p => p.name === argument.name);
                if (!parameter) {
                    const suggestion = didYouMean(argument.name, block.parameters.map(p => p.name));
                    const at = this.traces.ofProperty(argument, 'name', frame.via);
                    this.diagnostics.error('block-arguments',
                        `block \`${block.name}\` has no parameter \`${argument.name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ''),
                        at, suggestion ? [{ title: `Change to ${suggestion}`, trace: at, newText: suggestion }] : undefined);
                    continue;
                }
            }
            if (bound.has(parameter)) {
                this.diagnostics.error('block-arguments', `block \`${block.name}\` got multiple values for \`${parameter.name}\``, this.traces.of(argument, frame.via));
                continue;
            }
            const value = this.value(argument.value, frame);
            written.push(argument.name === undefined ? { position: position - 1, value } : { name: argument.name, value });
            const type = parameterType(parameter.type);
            const mismatch = type ? checkValue(type, value, parameter.name) : undefined;
            if (mismatch) {
                this.diagnostics.error('type-mismatch', `${mismatch.message} (parameter of block \`${block.name}\`)`,
                    mismatch.value.trace ?? this.traces.of(argument, frame.via));
            }
            // A value of the wrong type is reported once, here, not again by every layer that uses it.
            bound.set(parameter, mismatch ? { kind: 'unknown', description: parameter.name, trace: value.trace } : value);
        }
        const missing: string[] = [];
        const defaults: Frame = { ...frameWithoutMembers(frame), via, params: new Map() };
        for (const parameter of block.parameters) {
            if (bound.has(parameter)) continue;
            if (parameter.default) bound.set(parameter, this.value(parameter.default, defaults));
            else {
                missing.push(parameter.name);
                bound.set(parameter, { kind: 'unknown', description: parameter.name });
            }
        }
        if (missing.length > 0) {
            this.diagnostics.error('block-arguments',
                `missing argument${missing.length > 1 ? 's' : ''} ${missing.map(m => `\`${m}\``).join(', ')} for block \`${block.name}\``,
                this.traces.ofProperty(statement, 'callee', frame.via));
        }
        return bound;
    }

    /** Connects input references to a node's input port, in order. */
    protected connect(id: string, refs: readonly NameExpression[], frame: Frame): void {
        let complete = true;
        for (let position = 0; position < refs.length; position++) {
            const ref = refs[position];
            const from = this.resolveTensor(ref, frame);
            if (!from) {
                complete = false;
                continue;
            }
            this.connections.push({ from, to: { node: id, port: this.domain.inputPort, position }, trace: this.traces.of(ref, frame.via) });
            this.usedOutputs.add(from.node);
        }
        if (!complete) this.markIncomplete(id);
    }

    /** Marks a node whose inputs could not all be resolved (already reported). */
    protected markIncomplete(id: string): void {
        const index = this.nodes.findLastIndex(n => n.id === id); // just emitted: near the end
        if (index < 0) return;
        const node = { ...this.nodes[index], meta: { ...this.nodes[index].meta, [INCOMPLETE_INPUTS]: true } };
        this.nodes[index] = node;
        this.nodeById.set(id, node);
    }

    /** The output a name (`x`, `lstm[0]`, `b1[1]`) denotes, reporting names that are not tensors. */
    protected resolveTensor(ref: NameExpression, frame: Frame): OutputEnd | undefined {
        const target = ref.target?.ref;
        if (!target) return undefined; // reported by the linker
        if (isParameter(target)) {
            this.diagnostics.error('not-a-tensor', `\`${target.name}\` is a parameter of block \`${frame.graph.name}\`, not a tensor`, this.traces.of(ref, frame.via));
            return undefined;
        }
        if (isSharedLayer(target)) {
            this.diagnostics.error('not-a-tensor', `\`${target.name}\` is a shared layer, not a tensor: apply it first, e.g. \`y = ${target.name}(x)\``, this.traces.of(ref, frame.via));
            return undefined;
        }
        const source = this.member(target, frame);
        if (source === PENDING) {
            this.diagnostics.error('cycle', `\`${ref.target?.$refText}\` depends on itself (a cycle through a block call)`, this.traces.of(ref, frame.via));
            return undefined;
        }
        if (!source) return undefined;
        const index = ref.index;
        if (source.ends.length === 1) {
            const end = source.ends[0];
            if (!end || index === undefined) return end;
            if (end.index !== undefined) {
                this.diagnostics.error('multi-output', `\`${ref.target?.$refText}\` is already a single output; remove the index \`[${index}]\``, this.traces.of(ref, frame.via));
                return undefined;
            }
            return { ...end, index };
        }
        const count = source.ends.length;
        if (count === 0) {
            this.diagnostics.error('multi-output', `${source.label} has no outputs`, this.traces.of(ref, frame.via));
            return undefined;
        }
        if (index === undefined) {
            this.diagnostics.error('multi-output',
                `${source.label} has ${count} outputs; select one with \`${ref.target?.$refText}[0]\` … \`${ref.target?.$refText}[${count - 1}]\``, this.traces.of(ref, frame.via));
            return undefined;
        }
        if (index >= count) {
            this.diagnostics.error('multi-output', `${source.label} has ${count} outputs; index ${index} is out of range`, this.traces.of(ref, frame.via));
            return undefined;
        }
        return source.ends[index];
    }

    /** Adds a node for a statement, with traces, group and a unique id. */
    protected emit(frame: Frame, statement: LayerStatement | SharedLayer | BlockInput,
        node: Pick<ModelNode, 'type' | 'attributes'> & { meta?: Record<string, unknown> }): string {
        let id = `${frame.prefix}${statement.name}`;
        const expanded = frame.group.length > 0;
        if (this.ids.has(id)) {
            if (expanded || this.ids.get(id)) {
                this.diagnostics.error('duplicate-name',
                    `layer name \`${id}\` is used twice (block calls name their layers \`<call>_<layer>\`); rename one of them`,
                    this.traces.ofProperty(statement, 'name', frame.via));
            }
            let n = 2;
            while (this.ids.has(`${id}_${n}`)) n++;
            id = `${id}_${n}`;
            node.meta = { ...node.meta, [DUPLICATE]: true };
        }
        this.ids.set(id, expanded);
        const isStatement = isLayerStatement(statement) || isSharedLayer(statement);
        // Once per layer and per layer of every block call: no spreads or empty objects in the common case.
        const meta = expanded ? { ...node.meta, [BLOCKS]: frame.blocks } : node.meta;
        const made: Mutable<ModelNode> = {
            id,
            name: id,
            type: node.type,
            attributes: node.attributes,
            trace: this.traces.of(statement, frame.via),
            nameTrace: this.traces.ofProperty(statement, 'name', frame.via),
            typeTrace: isStatement ? this.traces.ofProperty(statement, 'callee', frame.via) : undefined
        };
        if (expanded) made.group = frame.group;
        if (meta && hasKeys(meta)) made.meta = meta;
        this.nodes.push(made);
        this.nodeById.set(id, made);
        frame.nodeIds.push(id);
        if (!expanded) this.statementNodes.set(statement, [id]);
        return id;
    }

    /** Arguments as attribute assignments: positional ones numbered, keyword ones with their name's range. */
    protected attributes(args: readonly Argument[], frame: Frame): AttributeAssignment[] {
        let position = 0;
        const attributes: AttributeAssignment[] = [];
        for (const argument of args) {
            const value = this.value(argument.value, frame);
            const trace = this.traces.of(argument, frame.via);
            attributes.push(argument.name === undefined
                ? { position: position++, value, trace }
                : { name: argument.name, value, trace, nameTrace: this.traces.ofProperty(argument, 'name', frame.via) });
        }
        return attributes;
    }

    /** An expression as a value; parameters are replaced by their value at the call site. */
    protected value(expression: Expression | undefined, frame: Frame): Value {
        if (!expression) return { kind: 'unknown' };
        const trace = this.traces.of(expression, frame.via);
        if (isNumberLiteral(expression)) {
            const text = (expression.value ?? '').replace(WHITESPACE, '');
            const value = Number(text);
            return INTEGER.test(text) ? { kind: 'int', value, trace } : { kind: 'float', value, trace };
        }
        if (isStringLiteral(expression)) return { kind: 'string', value: expression.value, trace };
        if (isBooleanLiteral(expression)) return { kind: 'bool', value: expression.value, trace };
        if (isNoneLiteral(expression)) return { kind: 'none', trace };
        if (isTupleExpression(expression)) {
            if (expression.items.length === 1 && !expression.trailingComma) return this.value(expression.items[0], frame);
            return { kind: 'tuple', items: expression.items.map(item => this.value(item, frame)), trace };
        }
        if (isListExpression(expression)) return { kind: 'list', items: expression.items.map(item => this.value(item, frame)), trace };
        if (isCallExpression(expression)) {
            const args: Value[] = [];
            const kwargs: Array<{ name: string; value: Value; nameTrace: Trace; trace: Trace }> = [];
            for (const argument of expression.arguments) {
                const value = this.value(argument.value, frame);
                if (argument.name === undefined) args.push(value);
                else kwargs.push({ name: argument.name, value, nameTrace: this.traces.ofProperty(argument, 'name', frame.via), trace: this.traces.of(argument, frame.via) });
            }
            return { kind: 'call', callee: expression.callee, calleeTrace: this.traces.ofProperty(expression, 'callee', frame.via), args, kwargs, trace };
        }
        if (isNameExpression(expression)) {
            const target = expression.target?.ref;
            if (!target) return { kind: 'unknown', description: expression.target?.$refText, trace };
            if (isParameter(target)) {
                if (expression.index !== undefined) {
                    this.diagnostics.error('not-a-value', `parameter \`${target.name}\` cannot be indexed`, trace);
                }
                return frame.params.get(target) ?? { kind: 'unknown', description: target.name, trace };
            }
            this.diagnostics.error('not-a-value',
                `\`${target.name}\` is a ${isSharedLayer(target) ? 'shared layer' : 'layer output'}, not a value; ` +
                `inputs go in the second group, e.g. \`Dense(10)(${target.name})\``, trace);
            return { kind: 'unknown', description: target.name, trace };
        }
        return { kind: 'unknown', trace };
    }

    protected isInputType(name: string): boolean {
        return this.domain.metamodel.canonicalName(name) === this.domain.inputType;
    }
}

function kindOf(graph: GraphContainer): 'network' | 'block' {
    return isNetwork(graph) ? 'network' : 'block';
}

const WHITESPACE = /\s+/g;
const INTEGER = /^-?\d+$/;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function hasKeys(record: object): boolean {
    for (const _ in record) return true;
    return false;
}

function frameWithoutMembers(frame: Frame): Frame {
    return { ...frame, members: new Map(), nodeIds: [] };
}
