import {
    Arity, fromJs, NO_TRACE, ValidationEngine, type AttributeAssignment, type Connection, type JsValue,
    type ModelGraph, type ModelNode, type Value
} from '../../metamodel/core/index.js';
import { INPUT_TYPE, kerasMetamodel, LAYER_INPUT_PORT, ShapeInference } from '../../metamodel/keras/index.js';

/**
 * One configuration of one layer, checked against real Keras: the layer built with
 * `args`/`kwargs` and called on inputs of the given shapes (batch axis excluded).
 * JSON arrays are tuples; `{list: […]}` is a list; `{call, args, kwargs}` a nested layer or helper.
 */
export interface LayerCase {
    id: string;
    layer: string;
    args?: unknown[];
    kwargs?: Record<string, unknown>;
    inputs: (number | null)[][];
    batch_size?: number;
    /** Input dtypes for the oracle (e.g. "int32", "string"); shapes are what we compare. */
    dtypes?: (string | null)[];
    /** How Keras calls the layer on several inputs; default: from the `call` signature. */
    call?: 'single' | 'list' | 'positional';
}

/** Our answer for a case: shapes and counts, or the errors we report. */
export type OurResult =
    | { outputs: (number | null)[][]; trainable: number; nonTrainable: number; errors?: undefined }
    | { errors: string[] };

/** Converts the case's JSON form of a Python value to a model value. */
export function caseValue(value: unknown): Value {
    if (Array.isArray(value)) return { kind: 'tuple', items: value.map(caseValue) };
    if (value && typeof value === 'object') {
        if ('list' in value) return { kind: 'list', items: (value as { list: unknown[] }).list.map(caseValue) };
        if ('call' in value) {
            const call = value as { call: string; args?: unknown[]; kwargs?: Record<string, unknown> };
            return {
                kind: 'call', callee: call.call, args: (call.args ?? []).map(caseValue),
                kwargs: Object.entries(call.kwargs ?? {}).map(([name, v]) => ({ name, value: caseValue(v) }))
            };
        }
    }
    if (typeof value === 'number' && !Number.isInteger(value)) return { kind: 'float', value };
    // Python floats written in JSON as integers (1.0 → 1) would come back as int; cases write 1.5-style floats.
    return fromJs(value as JsValue);
}

/** The model graph of a case: one `Input` per input shape feeding the layer under test. */
export function caseGraph(c: LayerCase): ModelGraph {
    const nodes: ModelNode[] = [];
    const connections: Connection[] = [];
    c.inputs.forEach((shape, i) => {
        const attributes: AttributeAssignment[] = [{ name: 'shape', value: caseValue(shape), trace: NO_TRACE }];
        if (c.batch_size !== undefined) attributes.push({ name: 'batch_size', value: caseValue(c.batch_size), trace: NO_TRACE });
        nodes.push({ id: `in${i}`, name: `in${i}`, type: INPUT_TYPE, attributes, trace: NO_TRACE });
        connections.push({ from: { node: `in${i}` }, to: { node: 'layer', port: LAYER_INPUT_PORT, position: i }, trace: NO_TRACE });
    });
    const attributes: AttributeAssignment[] = [
        ...(c.args ?? []).map((value, position) => ({ position, value: caseValue(value), trace: NO_TRACE })),
        ...Object.entries(c.kwargs ?? {}).map(([name, value]) => ({ name, value: caseValue(value), trace: NO_TRACE }))
    ];
    nodes.push({ id: 'layer', name: 'layer', type: c.layer, attributes, trace: NO_TRACE });
    return {
        name: c.id, kind: 'network', metamodel: 'keras', nodes, connections,
        inputs: nodes.filter(n => n.type === INPUT_TYPE).map(n => n.id), outputs: [{ node: 'layer' }], trace: NO_TRACE
    };
}

const engine = new ValidationEngine(kerasMetamodel());
const inference = new ShapeInference();

/** Runs our checks and inference on a case. */
export function inferCase(c: LayerCase): OurResult {
    const graph = caseGraph(c);
    const validation = engine.validate(graph);
    const result = inference.infer(graph, validation);
    const errors = [...validation.diagnostics, ...result.diagnostics].filter(d => d.severity === 'error').map(d => d.message);
    if (errors.length > 0) return { errors };
    const layer = result.layers.get('layer');
    if (!layer?.outputs) return { errors: ['no inference (missing rule?)'] };
    return { outputs: layer.outputs.map(s => [...s]), trainable: layer.trainable ?? 0, nonTrainable: layer.nonTrainable ?? 0 };
}

export { Arity };
