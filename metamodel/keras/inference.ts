import {
    Arity, DiagnosticCollector, normalizeJs, outermost, toJs, type Connection, type Diagnostic, type GraphValidation, type JsValue,
    type ModelGraph, type ModelNode, type ResolvedNode, type Trace, isJsCall, Metamodel
} from '../core/index.js';
import { catalogueDefault } from './catalogue.js';
import { INPUT_TYPE, kerasMetamodel, layerRule } from './keras-metamodel.js';
import type { LayerArgs, LayerResult, LayerRule, NestedLayer, RankRule, RuleContext } from './layer-rule.js';
import { formatShape, LayerError, type Shape } from './shape.js';

/** What inference found for one layer. Absent fields are unknown (an upstream error, say). */
export interface LayerInference {
    readonly outputs?: readonly Shape[];
    readonly trainable?: number;
    readonly nonTrainable?: number;
    /** The input shapes the layer was called on. */
    readonly inputs?: readonly Shape[];
    /** For applications of a shared layer: the node that owns the weights. */
    readonly sharesWeightsWith?: string;
}

/** Shapes and parameter counts of a whole network. */
export interface NetworkInference {
    readonly layers: ReadonlyMap<string, LayerInference>;
    readonly diagnostics: Diagnostic[];
    readonly trainable: number;
    readonly nonTrainable: number;
    readonly total: number;
    /** Whether every layer's shapes and counts are known. */
    readonly complete: boolean;
}

/** Node meta key: the id of the `shared` declaration an application uses. */
export const SHARED_LAYER = 'sharedLayer';
/** Node meta key: marks a `shared` declaration (not applied itself). */
export const SHARED_DECLARATION = 'shared';

/**
 * Infers every layer's output shapes and weight counts, in topological order, exactly as
 * Keras 3 builds a functional model. Errors Keras would raise become diagnostics at the
 * argument, input or layer they concern.
 */
export class ShapeInference {
    constructor(protected readonly metamodel: Metamodel = kerasMetamodel()) {}

    infer(graph: ModelGraph, validation: GraphValidation): NetworkInference {
        const diagnostics = new DiagnosticCollector();
        const layers = new Map<string, LayerInference>();
        const { order } = validation.index.topologicalOrder();
        const weightsCounted = new Set<string>();
        let trainable = 0, nonTrainable = 0, complete = true;
        for (const node of order) {
            if (node.meta?.[SHARED_DECLARATION]) continue;
            const resolved = validation.nodes.get(node.id);
            const result = resolved?.valid ? this.inferNode(resolved, validation, layers, diagnostics) : undefined;
            if (!result) {
                layers.set(node.id, {});
                complete = false;
                continue;
            }
            const owner = node.meta?.[SHARED_LAYER] as string | undefined;
            if (owner) {
                const first = !weightsCounted.has(owner);
                weightsCounted.add(owner);
                layers.set(node.id, { ...result, sharesWeightsWith: owner });
                if (first) {
                    // The declaration owns the weights; it is built by its first application.
                    layers.set(owner, { trainable: result.trainable, nonTrainable: result.nonTrainable });
                    trainable += result.trainable ?? 0;
                    nonTrainable += result.nonTrainable ?? 0;
                }
                continue;
            }
            layers.set(node.id, result);
            trainable += result.trainable ?? 0;
            nonTrainable += result.nonTrainable ?? 0;
        }
        return { layers, diagnostics: diagnostics.diagnostics, trainable, nonTrainable, total: trainable + nonTrainable, complete };
    }

    /** Infers one layer from its inputs' inferred shapes; `undefined` when something is unknown or wrong. */
    protected inferNode(resolved: ResolvedNode, validation: GraphValidation, layers: Map<string, LayerInference>,
        diagnostics: DiagnosticCollector): LayerInference | undefined {
        const { node } = resolved;
        const type = resolved.type.name;
        const rule = layerRule(type);
        if (!rule) return undefined;
        const connections = validation.index.inputsOf(node.id);
        // A wrong number of inputs is reported by the validation engine; rules only run on a number they accept.
        if (resolved.type.inputs.some(port => !Arity.accepts(port.arity, validation.index.inputsOf(node.id, port.name).length))) return undefined;
        const inputs: Shape[] = [];
        for (const connection of connections) {
            const shape = this.inputShape(connection, validation, layers, diagnostics);
            if (!shape) return undefined;
            inputs.push(shape);
        }
        const args: Record<string, JsValue> = {};
        for (const attribute of resolved.attributes.values()) args[attribute.def.name] = normalizeJs(attribute.def.type, toJs(attribute.value));
        const ctx = this.context(type, args);
        try {
            const result = this.applyRule(rule, ctx, inputs, type === INPUT_TYPE);
            return { ...result, inputs };
        } catch (error) {
            if (!(error instanceof LayerError)) throw error;
            diagnostics.error('shape', `${type} \`${node.name}\`: ${error.message}`, this.errorTrace(error, resolved, connections));
            return undefined;
        }
    }

    /** Checks ranks, then runs a rule. Used for top-level and nested layers alike. */
    applyRule(rule: LayerRule, ctx: RuleContext, inputs: readonly Shape[], isInput = false): LayerResult {
        rule.checkArgs?.(ctx);
        if (!isInput) {
            const rank = typeof rule.rank === 'function' ? rule.rank(ctx) : rule.rank;
            if (rank) inputs.forEach((shape, i) => checkRank(rank, shape, i));
        }
        const output = rule.output(inputs, ctx);
        const outputs = isShapeList(output) ? output : [output as Shape];
        for (const shape of outputs) {
            // Size-0 axes are legal in Keras (`Resizing(0, 4)`); where Keras rejects them, the rule raises.
            const bad = shape.find(d => d !== null && d < 0);
            if (bad !== undefined) {
                throw new LayerError(`computed output size would be ${bad} (output shape ${formatShape(shape)}): the input is too small for these arguments`);
            }
        }
        const params = rule.params?.(inputs, ctx) ?? 0;
        const counts = typeof params === 'number' ? { trainable: params, nonTrainable: 0 } : params;
        const trainableFlag = ctx.args.trainable !== false;
        return trainableFlag ? { outputs, ...counts } : { outputs, trainable: 0, nonTrainable: counts.trainable + counts.nonTrainable };
    }

    /** The rule context for a layer type with the given (defaults-filled) arguments. */
    context(type: string, args: LayerArgs): RuleContext {
        return new InferenceContext(this, type, args);
    }

    /** Reads a nested layer argument (`LSTM(8)` in `Bidirectional(LSTM(8))`), filling its defaults. */
    nestedLayer(value: JsValue, argument: string): NestedLayer {
        if (!isJsCall(value)) throw new LayerError(`\`${argument}\` must be a layer, e.g. \`LSTM(64)\``, { argument });
        const type = this.metamodel.get(value.call);
        if (!type || !type.lineage.includes('Layer')) {
            throw new LayerError(`\`${argument}\` must be a layer, got \`${value.call}(…)\``, { argument });
        }
        const args: Record<string, JsValue> = {};
        const positional = type.positional;
        value.args.forEach((arg, i) => { if (positional[i]) args[positional[i].name] = arg; });
        Object.assign(args, value.kwargs);
        for (const def of type.attributes) {
            if (!(def.name in args) && def.default !== undefined) args[def.name] = catalogueDefault(def.default);
            else if (def.name in args) args[def.name] = normalizeJs(def.type, args[def.name]);
        }
        return { type: type.name, args };
    }

    protected inputShape(connection: Connection, validation: GraphValidation, layers: Map<string, LayerInference>,
        diagnostics: DiagnosticCollector): Shape | undefined {
        const source = layers.get(connection.from.node);
        if (!source?.outputs) return undefined;
        const sourceNode = validation.index.node(connection.from.node);
        const index = connection.from.index;
        if (index === undefined) {
            if (source.outputs.length > 1) {
                diagnostics.error('multi-output',
                    `\`${sourceNode?.name}\` has ${source.outputs.length} outputs (${source.outputs.map(formatShape).join(', ')}); select one with \`${sourceNode?.name}[0]\` … \`${sourceNode?.name}[${source.outputs.length - 1}]\``,
                    connection.trace);
                return undefined;
            }
            return source.outputs[0];
        }
        if (index < 0 || index >= source.outputs.length) {
            diagnostics.error('multi-output',
                source.outputs.length === 1
                    ? `\`${sourceNode?.name}\` has a single output; remove the index \`[${index}]\``
                    : `\`${sourceNode?.name}\` has ${source.outputs.length} outputs; index ${index} is out of range`,
                connection.trace);
            return undefined;
        }
        return source.outputs[index];
    }

    /** Where a rule's error belongs: the argument's value, the input, or the layer's type name. */
    protected errorTrace(error: LayerError, resolved: ResolvedNode, connections: readonly Connection[]): Trace {
        const { node } = resolved;
        if (error.at.argument) {
            const attribute = resolved.attributes.get(error.at.argument);
            const trace = attribute?.value.trace ?? attribute?.assignment?.trace;
            if (trace && trace.uri) return trace;
        }
        if (error.at.input !== undefined && connections[error.at.input]) return connections[error.at.input].trace;
        return layerTrace(node);
    }
}

/** A rule's context: one object per layer, its methods on the prototype (no closures per layer). */
class InferenceContext implements RuleContext {
    constructor(private readonly inference: ShapeInference, readonly type: string, readonly args: LayerArgs) {}

    nestedLayer(argument: string): NestedLayer {
        return this.inference.nestedLayer(this.args[argument], argument);
    }

    nestedLayers(argument: string, owner?: NestedLayer): NestedLayer[] {
        const value = (owner ? owner.args : this.args)[argument];
        return Array.isArray(value) ? value.map(item => this.inference.nestedLayer(item, argument)) : [this.inference.nestedLayer(value, argument)];
    }

    inferNested(layer: NestedLayer, inputs: readonly Shape[]): LayerResult {
        const rule = layerRule(layer.type);
        if (!rule) throw new LayerError(`\`${layer.type}\` cannot be used here`);
        return this.inference.applyRule(rule, this.inference.context(layer.type, layer.args), inputs);
    }
}

/** The range for a diagnostic about a layer as a whole: its type name, at the call site for expanded layers. */
export function layerTrace(node: ModelNode): Trace {
    const trace = node.typeTrace ?? node.trace;
    return trace.via && trace.via.length > 0 ? outermost(trace) : trace;
}

function isShapeList(output: Shape | readonly Shape[]): output is readonly Shape[] {
    return output.length > 0 && Array.isArray(output[0]);
}

/** Keras' `input_spec` check. */
export function checkRank(rule: RankRule, shape: Shape, input: number): void {
    const rank = shape.length;
    const axes = rule.axes ? ` \`${rule.axes}\`` : '';
    if (rule.ndim !== undefined && rank !== rule.ndim) {
        throw new LayerError(`expects rank-${rule.ndim} input${axes}, got \`${formatShape(shape)}\``, { input });
    }
    if (rule.minNdim !== undefined && rank < rule.minNdim) {
        throw new LayerError(`expects input of rank ≥ ${rule.minNdim}${axes}, got \`${formatShape(shape)}\``, { input });
    }
    if (rule.maxNdim !== undefined && rank > rule.maxNdim) {
        throw new LayerError(`expects input of rank ≤ ${rule.maxNdim}${axes}, got \`${formatShape(shape)}\``, { input });
    }
}
