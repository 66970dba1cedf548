import { T } from '../../core/index.js';
import type { LayerRule } from '../layer-rule.js';
import { LayerError } from '../shape.js';

/*
 * Regularization layers (`keras/src/layers/regularization/`) return their input unchanged
 * (`compute_output_shape(input_shape) = input_shape`) and have no weights. What Keras checks
 * is in `__init__`: rates in [0, 1] and, for `Dropout`, the `noise_shape` values.
 */

/** A rate argument Keras checks with `if not 0 <= rate <= 1` in `__init__`. */
const UNIT_INTERVAL = { min: 0, max: 1 };

/** A pass-through layer; `rank` for the spatial dropouts' `input_spec`. */
function passThrough(extra: Partial<LayerRule> = {}): LayerRule {
    return { output: inputs => inputs[0], ...extra };
}

/** `SpatialDropoutND`: drops whole feature maps; Keras fixes the input rank (`InputSpec(ndim=N + 2)`). */
function spatialDropout(spatialRank: number): LayerRule {
    const spatial = ['steps', 'h, w', 'd, h, w'][spatialRank - 1];
    return passThrough({
        argRanges: { rate: UNIT_INTERVAL },
        rank: ctx => ({
            ndim: spatialRank + 2,
            axes: spatialRank > 1 && ctx.args.data_format === 'channels_first' ? `(batch, c, ${spatial})` : `(batch, ${spatial}, c)`
        })
    });
}

/** Rules of the Keras `regularization` layer group (`keras/src/layers/regularization/`). */
export const regularizationRules: Record<string, LayerRule> = {
    // `l1`/`l2` build an `L1L2` regularizer, which rejects negative values (None means 0).
    ActivityRegularization: passThrough({
        argTypes: { l1: T.optional(T.float), l2: T.optional(T.float) },
        argRanges: { l1: { min: 0 }, l2: { min: 0 } }
    }),
    Dropout: passThrough({
        argRanges: { rate: UNIT_INTERVAL },
        checkArgs(ctx) {
            // `Dropout._validate_noise_shape`: each size must be None or a positive int. Keras does
            // not compare `noise_shape` with the input shape until the layer runs in training.
            const noiseShape = ctx.args.noise_shape as (number | null)[] | null;
            const bad = noiseShape?.findIndex(d => d !== null && d <= 0) ?? -1;
            if (bad >= 0) {
                throw new LayerError(`\`noise_shape\` sizes must be positive or None, got ${noiseShape![bad]} at index ${bad}`,
                    { argument: 'noise_shape' });
            }
        }
    }),
    // Unlike `Dropout`, `AlphaDropout` does not validate `noise_shape`.
    AlphaDropout: passThrough({ argRanges: { rate: UNIT_INTERVAL } }),
    GaussianDropout: passThrough({ argRanges: { rate: UNIT_INTERVAL } }),
    GaussianNoise: passThrough({ argTypes: { stddev: T.float }, argRanges: { stddev: UNIT_INTERVAL } }),
    SpatialDropout1D: spatialDropout(1),
    SpatialDropout2D: spatialDropout(2),
    SpatialDropout3D: spatialDropout(3)
};
