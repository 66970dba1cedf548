import { Arity } from '../../core/index.js';
import type { LayerRule } from '../layer-rule.js';
import { LayerError, type Dim, type Shape } from '../shape.js';

/** `Input(shape=…)`: a symbolic input tensor (`keras.Input`). */
const input: LayerRule = {
    inputs: Arity.exactly(0),
    checkArgs(ctx) {
        if (ctx.args.shape == null && ctx.args.batch_shape == null) {
            throw new LayerError('`Input` needs `shape` (or `batch_shape`)');
        }
        if (ctx.args.shape != null && ctx.args.batch_shape != null) {
            throw new LayerError('`Input` takes `shape` or `batch_shape`, not both', { argument: 'batch_shape' });
        }
    },
    output(_inputs, ctx): Shape {
        if (ctx.args.batch_shape != null) return ctx.args.batch_shape as Dim[];
        return [(ctx.args.batch_size as number | null) ?? null, ...(ctx.args.shape as Dim[])];
    }
};

/** Rules of the Keras core layers (`keras/src/layers/core/`). */
export const coreRules: Record<string, LayerRule> = {
    Input: input,
    InputLayer: input,

    Dense: {
        rank: { minNdim: 2, axes: '(batch, …, features)' },
        argRanges: { units: { min: 1 } },
        output(inputs, ctx) {
            return [...inputs[0].slice(0, -1), ctx.args.units as number];
        },
        params(inputs, ctx) {
            const d = inputs[0][inputs[0].length - 1];
            if (d === null) throw new LayerError('the last axis of the input must be known, got None', { input: 0 });
            const units = ctx.args.units as number;
            return d * units + (ctx.args.use_bias ? units : 0);
        }
    }
};
