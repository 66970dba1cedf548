import { T } from '../../core/index.js';
import type { LayerRule } from '../layer-rule.js';
import { formatShape, LayerError, type Shape } from '../shape.js';
import { pythonIndex } from './python-index.js';

/*
 * Activation layers (`keras/src/layers/activations/`) return their input's shape
 * (`compute_output_shape(input_shape) = input_shape`) and, except PReLU, have no weights.
 * They accept inputs of any rank.
 */

/** An activation layer with no weights. */
function activation(extra: Partial<LayerRule> = {}): LayerRule {
    return { output: inputs => inputs[0], ...extra };
}

/**
 * `PReLU(shared_axes)`: one learned slope per input element, batch axis excluded; each axis in
 * `shared_axes` (counted with the batch axis, so `1` is the first non-batch axis) shares one
 * slope. Keras writes `param_shape[i - 1] = 1`, a Python index: `shared_axes=0` shares the
 * last axis (`keras/src/layers/activations/prelu.py`, `build`).
 */
function preluAlphaShape(input: Shape, sharedAxes: unknown): number[] {
    const shape = input.slice(1);
    const shared = sharedAxes === null || sharedAxes === undefined ? [] : Array.isArray(sharedAxes) ? sharedAxes : [sharedAxes];
    for (const axis of shared as number[]) {
        const at = pythonIndex(axis - 1, shape.length);
        if (at === undefined) {
            throw new LayerError(`\`shared_axes\`: axis ${axis} is out of bounds for input ${formatShape(input)}`, { argument: 'shared_axes' });
        }
        shape[at] = 1;
    }
    const unknown = shape.findIndex(d => d === null);
    if (unknown >= 0) {
        throw new LayerError(
            `the slopes need every non-shared axis of the input to be known, got ${formatShape(input)} ` +
            `(share axis ${unknown + 1} with \`shared_axes\`)`, { input: 0 });
    }
    return shape as number[];
}

/** Rules of the Keras `activations` layer group (`keras/src/layers/activations/`). */
export const activationRules: Record<string, LayerRule> = {
    Activation: activation(),
    ELU: activation({ argTypes: { alpha: T.float } }),
    // `LeakyReLU.__init__`: "cannot be None or negative value".
    LeakyReLU: activation({ argRanges: { negative_slope: { min: 0 } } }),
    // `ReLU.__init__` rejects a negative `max_value`, `negative_slope` or `threshold`.
    ReLU: activation({
        argTypes: { max_value: T.optional(T.float), negative_slope: T.float, threshold: T.float },
        argRanges: { max_value: { min: 0 }, negative_slope: { min: 0 }, threshold: { min: 0 } }
    }),
    // Keras checks `axis` only when the layer runs (symbolic calls accept any axis).
    Softmax: activation(),
    PReLU: {
        argTypes: { shared_axes: T.optional(T.union(T.int, T.list(T.int), T.tuple())) },
        output: inputs => inputs[0],
        params(inputs, ctx) {
            return preluAlphaShape(inputs[0], ctx.args.shared_axes).reduce((p, d) => p * d, 1);
        }
    }
};
