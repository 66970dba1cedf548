import { T } from '../../core/index.js';
import type { LayerRule, RuleContext } from '../layer-rule.js';
import {
    channelsAxes, checkWindowFits, dataFormatOf, joinChannels, poolOutputLength, splitChannels, tupleOf, type Shape
} from '../shape.js';

/** The input rank of an `n`-D pooling layer, `(batch, *spatial, c)` (Keras' `InputSpec(ndim=n + 2)`). */
function spatialRank(n: number): LayerRule['rank'] {
    return ctx => ({ ndim: n + 2, axes: channelsAxes(n, dataFormatOf(ctx.args)) });
}

/** `pool_size` and `strides` as `BasePooling.__init__` standardizes them: `strides=None` means `pool_size`. */
function poolWindow(ctx: RuleContext, n: number): { pool: number[]; strides: number[] } {
    const pool = tupleOf(ctx.args.pool_size, n, 'pool_size');
    // Keras accepts `strides=0` at construction (`allow_zero=True`) but then divides by it when
    // called (ZeroDivisionError), so a zero stride is rejected here at once.
    const strides = ctx.args.strides == null ? pool : tupleOf(ctx.args.strides, n, 'strides');
    return { pool, strides };
}

/**
 * MaxPooling*D / AveragePooling*D (`keras/src/layers/pooling/base_pooling.py`): output lengths by
 * `compute_pooling_output_shape`; channels unchanged. `AveragePooling*D` has no default `pool_size`
 * in Keras 3 (the catalogue marks it required), `MaxPooling*D` defaults to 2 per axis.
 */
function poolingRule(n: number): LayerRule {
    return {
        rank: spatialRank(n),
        argRanges: { pool_size: { min: 1 }, strides: { min: 1 } },
        checkArgs: ctx => { poolWindow(ctx, n); },
        output(inputs, ctx) {
            const format = dataFormatOf(ctx.args);
            const { batch, spatial, channels } = splitChannels(inputs[0], format);
            const { pool, strides } = poolWindow(ctx, n);
            const padding = ctx.args.padding as string;
            const out = spatial.map((d, i) => poolOutputLength(d, pool[i], padding, strides[i]));
            checkWindowFits(out, spatial, pool, 'pool_size');
            return joinChannels(batch, out, channels, format);
        }
    };
}

/**
 * GlobalMaxPooling*D / GlobalAveragePooling*D (`base_global_pooling.py`): `(batch, c)`, or with
 * `keepdims=True` every spatial axis kept as 1.
 */
function globalPoolingRule(n: number): LayerRule {
    return {
        rank: spatialRank(n),
        output(inputs, ctx): Shape {
            const format = dataFormatOf(ctx.args);
            const { batch, channels } = splitChannels(inputs[0], format);
            if (!ctx.args.keepdims) return [batch, channels];
            return joinChannels(batch, new Array<number>(n).fill(1), channels, format);
        }
    };
}

/**
 * AdaptiveMaxPooling*D / AdaptiveAveragePooling*D (`base_adaptive_pooling.py`): spatial axes
 * become `output_size`, channels unchanged. Keras gives these layers no `input_spec`, so it
 * accepts an input of the wrong rank symbolically and then computes a different shape when run
 * (a rank-3 input to AdaptiveAveragePooling2D yields rank 3, not the rank 4 it declared); we
 * require rank n+2, as the pooling op does.
 */
function adaptivePoolingRule(n: number): LayerRule {
    return {
        rank: spatialRank(n),
        argTypes: { output_size: T.tuple(n, true) },
        // Keras accepts 0 (an empty output) and rejects negative sizes only when called.
        argRanges: { output_size: { min: 1 } },
        checkArgs: ctx => { tupleOf(ctx.args.output_size, n, 'output_size'); },
        output(inputs, ctx) {
            const format = dataFormatOf(ctx.args);
            const { batch, channels } = splitChannels(inputs[0], format);
            return joinChannels(batch, tupleOf(ctx.args.output_size, n, 'output_size'), channels, format);
        }
    };
}

/** Rules of the Keras `pooling` layer group (`keras/src/layers/pooling/`). */
export const poolingRules: Record<string, LayerRule> = {
    MaxPooling1D: poolingRule(1),
    MaxPooling2D: poolingRule(2),
    MaxPooling3D: poolingRule(3),
    AveragePooling1D: poolingRule(1),
    AveragePooling2D: poolingRule(2),
    AveragePooling3D: poolingRule(3),
    GlobalMaxPooling1D: globalPoolingRule(1),
    GlobalMaxPooling2D: globalPoolingRule(2),
    GlobalMaxPooling3D: globalPoolingRule(3),
    GlobalAveragePooling1D: globalPoolingRule(1),
    GlobalAveragePooling2D: globalPoolingRule(2),
    GlobalAveragePooling3D: globalPoolingRule(3),
    AdaptiveMaxPooling1D: adaptivePoolingRule(1),
    AdaptiveMaxPooling2D: adaptivePoolingRule(2),
    AdaptiveMaxPooling3D: adaptivePoolingRule(3),
    AdaptiveAveragePooling1D: adaptivePoolingRule(1),
    AdaptiveAveragePooling2D: adaptivePoolingRule(2),
    AdaptiveAveragePooling3D: adaptivePoolingRule(3)
};
