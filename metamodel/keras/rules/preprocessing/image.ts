import { T, type JsValue } from '../../../core/index.js';
import type { LayerRule, RuleContext } from '../../layer-rule.js';
import { dataFormatOf, formatShape, LayerError, type Dim, type Shape } from '../../shape.js';
import { checkBaseFactor, checkEachFactor, checkIntConvertible, checkValueRange, showValue, type Bounds } from './common.js';

/**
 * Rules of the Keras image preprocessing layers (`keras/src/layers/preprocessing/image_preprocessing/`).
 *
 * Called on a symbolic tensor, these layers run their `compute_output_shape`, not `call()`, and
 * most of them return the input shape as it is, whatever its rank: Keras builds
 * `RandomFlip()` on a `(None, 8)` input and only fails when data flows. So they have no rank
 * rule here either (RandomColorDegeneration, CenterCrop, RandomCrop and Resizing do check).
 * What Keras does check is the arguments, in `__init__`; the rules reproduce those checks.
 */

/** `interpolation` of the affine-transform layers (`_SUPPORTED_INTERPOLATION`). */
const INTERPOLATION = T.enum('nearest', 'bilinear');
/** `fill_mode` of RandomRotation/Translation/Zoom/Shear (`_SUPPORTED_FILL_MODE`). */
const FILL_MODE = T.enum('reflect', 'wrap', 'constant', 'nearest');

/** Python truthiness of an argument (`factor or 0.0`). */
function falsy(value: JsValue): boolean {
    return value === null || value === undefined || value === 0 || value === false || value === ''
        || (Array.isArray(value) && value.length === 0);
}

/** Layers that pass `factor` to `BaseImagePreprocessingLayer.__init__`, which reads `factor or 0.0`. */
function checkFactorOrZero(ctx: RuleContext, bounds: Bounds, argument = 'factor'): void {
    const value = ctx.args[argument];
    checkBaseFactor(falsy(value) ? 0 : value, bounds, argument);
}

/** A shape-preserving image layer whose `__init__` runs `checks`. */
function sameShape(checks?: (ctx: RuleContext) => void, argTypes?: LayerRule['argTypes'], argRanges?: LayerRule['argRanges']): LayerRule {
    return {
        argTypes,
        argRanges,
        checkArgs: checks,
        output: inputs => inputs[0]
    };
}

/** Factor and value range arguments are validated by the rules themselves (numbers, pairs, lists). */
const FACTOR_ANY = { factor: T.any, value_range: T.any };

/**
 * AugMix and RandAugment: `_set_factor` with bounds [0, 1], then the sub-layers they build
 * (RandomShear with `x_factor=self.factor`, …) require both ends of the normalized pair in
 * [0, 1]; the colour sub-layers validate `value_range`.
 */
function checkAugmentation(ctx: RuleContext): void {
    const [lower, upper] = checkBaseFactor(ctx.args.factor, [0, 1], 'factor');
    if (lower < 0 || upper > 1) {
        throw new LayerError(`\`factor\` must be within [0, 1], got (${lower}, ${upper})`, { argument: 'factor' });
    }
    checkValueRange(ctx.args.value_range);
}

/** RandomGaussianBlur's `_set_kernel_size`: an odd number, or a pair of odd numbers. */
function checkOddKernel(value: JsValue): void {
    const argument = 'kernel_size';
    const items = Array.isArray(value) ? value : [value];
    if ((Array.isArray(value) && value.length !== 2) || !items.every(v => typeof v === 'number' || typeof v === 'boolean')) {
        throw new LayerError(`\`kernel_size\` must be an odd number or a pair of odd numbers, got ${showValue(value)}`, { argument });
    }
    if (items.some(v => Number(v) % 2 === 0)) {
        throw new LayerError(`\`kernel_size\` must be odd, got ${showValue(value)}`, { argument });
    }
}

/** Sets the height and width axes of a shape (CenterCrop, RandomCrop, Resizing). */
function withSize(shape: Shape, heightAxis: number, widthAxis: number, ctx: RuleContext): Dim[] {
    const out = [...shape];
    out[heightAxis] = ctx.args.height as Dim;
    out[widthAxis] = ctx.args.width as Dim;
    return out;
}

/** `height`/`width` of the cropping and resizing layers. */
const SIZE_TYPES = { height: T.optional(T.int), width: T.optional(T.int) };
/**
 * A negative size makes an invalid output shape. Keras does accept 0 (an empty image), which
 * the shared inference still reports as an output size ≤ 0.
 */
const SIZE_RANGES = { height: { min: 0 }, width: { min: 0 } };

export const imagePreprocessingRules: Record<string, LayerRule> = {
    AugMix: sameShape(checkAugmentation, { ...FACTOR_ANY, interpolation: INTERPOLATION }),
    RandAugment: sameShape(checkAugmentation, { ...FACTOR_ANY, interpolation: INTERPOLATION }),
    AutoContrast: sameShape(ctx => checkValueRange(ctx.args.value_range), FACTOR_ANY),
    Equalization: sameShape(ctx => checkValueRange(ctx.args.value_range), FACTOR_ANY),
    ContrastLimitedAdaptiveHistogramEqualization: sameShape(undefined, FACTOR_ANY),
    CutMix: sameShape(ctx => checkBaseFactor(ctx.args.factor, [0, 1], 'factor'), FACTOR_ANY),
    MixUp: sameShape(),
    RandomFlip: sameShape(),
    RandomBrightness: sameShape(ctx => {
        checkFactorOrZero(ctx, [-1, 1]);
        checkValueRange(ctx.args.value_range);
    }, FACTOR_ANY),
    RandomContrast: sameShape(ctx => checkBaseFactor(ctx.args.factor, [0, 1], 'factor'), FACTOR_ANY),
    RandomHue: sameShape(ctx => checkBaseFactor(ctx.args.factor, [0, 1], 'factor'), FACTOR_ANY),
    RandomInvert: sameShape(ctx => checkBaseFactor(ctx.args.factor, [0, 1], 'factor'), FACTOR_ANY),
    RandomSaturation: sameShape(ctx => {
        checkBaseFactor(ctx.args.factor, [-1, 1], 'factor');
        checkValueRange(ctx.args.value_range);
    }, FACTOR_ANY),
    RandomSharpness: sameShape(ctx => {
        checkBaseFactor(ctx.args.factor, [0, 1], 'factor');
        checkValueRange(ctx.args.value_range);
    }, FACTOR_ANY),
    RandomPosterization: sameShape(ctx => {
        checkBaseFactor(ctx.args.factor, [1, 8], 'factor');
        checkValueRange(ctx.args.value_range);
    }, FACTOR_ANY),
    /** `RandomGrayscale.__init__` compares `factor` with 0 and 1 directly: a number only. */
    RandomGrayscale: sameShape(undefined, { factor: T.float }, { factor: { min: 0, max: 1 } }),

    /**
     * RandomColorJitter builds a RandomBrightness/Contrast/Saturation/Hue for each factor that
     * is not None; those validate the factor (and `value_range`, for brightness and saturation).
     */
    RandomColorJitter: sameShape(ctx => {
        const { brightness_factor: brightness, contrast_factor: contrast, saturation_factor: saturation, hue_factor: hue } = ctx.args;
        if (brightness != null) {
            checkBaseFactor(falsy(brightness) ? 0 : brightness, [-1, 1], 'brightness_factor');
            checkValueRange(ctx.args.value_range);
        }
        if (contrast != null) checkBaseFactor(contrast, [0, 1], 'contrast_factor');
        if (saturation != null) {
            checkBaseFactor(saturation, [-1, 1], 'saturation_factor');
            checkValueRange(ctx.args.value_range);
        }
        if (hue != null) checkBaseFactor(hue, [0, 1], 'hue_factor');
    }, { value_range: T.any }),

    /** Needs 3 colour channels: `compute_output_shape` checks the rank (3 or 4) and the channels. */
    RandomColorDegeneration: {
        argTypes: FACTOR_ANY,
        checkArgs(ctx) {
            checkBaseFactor(ctx.args.factor, [-1, 1], 'factor');
            checkValueRange(ctx.args.value_range);
        },
        rank: { minNdim: 3, maxNdim: 4, axes: '(batch, h, w, 3) or (h, w, 3)' },
        output(inputs, ctx) {
            const shape = inputs[0];
            const channels = shape[dataFormatOf(ctx.args) === 'channels_last' ? shape.length - 1 : shape.length - 3];
            if (channels !== null && channels !== 3) {
                throw new LayerError(`expects RGB images with 3 channels, got ${channels} channels in ${formatShape(shape)}`, { input: 0 });
            }
            return shape;
        }
    },

    RandomRotation: sameShape(ctx => checkFactorOrZero(ctx, [-1, 1]),
        { factor: T.any, fill_mode: FILL_MODE, interpolation: INTERPOLATION }),
    RandomShear: sameShape(ctx => {
        checkEachFactor(ctx.args.x_factor, [0, 1], 'x_factor');
        checkEachFactor(ctx.args.y_factor, [0, 1], 'y_factor');
    }, { x_factor: T.any, y_factor: T.any, fill_mode: FILL_MODE, interpolation: INTERPOLATION }),
    RandomTranslation: sameShape(ctx => {
        checkEachFactor(ctx.args.height_factor, [-1, 1], 'height_factor');
        checkEachFactor(ctx.args.width_factor, [-1, 1], 'width_factor');
    }, { height_factor: T.any, width_factor: T.any, fill_mode: FILL_MODE, interpolation: INTERPOLATION }),
    /** RandomZoom's factors lie in (-1, 1]: zooming by -100% would leave nothing. */
    RandomZoom: sameShape(ctx => {
        checkEachFactor(ctx.args.height_factor, [-1, 1], 'height_factor', true);
        if (ctx.args.width_factor != null) checkEachFactor(ctx.args.width_factor, [-1, 1], 'width_factor', true);
    }, { height_factor: T.any, width_factor: T.any, fill_mode: FILL_MODE, interpolation: INTERPOLATION }),
    RandomPerspective: sameShape(ctx => checkBaseFactor(ctx.args.factor, [0, 1], 'factor'),
        { factor: T.any, scale: T.float, interpolation: INTERPOLATION }, { scale: { min: 0, max: 1 } }),
    RandomElasticTransform: sameShape(ctx => {
        checkBaseFactor(ctx.args.factor, [0, 1], 'factor');
        checkBaseFactor(ctx.args.scale, [0, 1], 'scale');
    }, {
        ...FACTOR_ANY, scale: T.any, interpolation: INTERPOLATION,
        fill_mode: T.enum('reflect', 'wrap', 'constant', 'nearest', 'mirror')
    }),
    RandomErasing: sameShape(ctx => {
        checkBaseFactor(ctx.args.factor, [0, 1], 'factor');
        checkBaseFactor(ctx.args.scale, [0, 1], 'scale');
    }, { ...FACTOR_ANY, scale: T.any }),
    RandomGaussianBlur: sameShape(ctx => {
        checkBaseFactor(ctx.args.factor, [0, 1], 'factor');
        checkOddKernel(ctx.args.kernel_size);
        checkBaseFactor(ctx.args.sigma, [0, 1], 'sigma');
    }, { ...FACTOR_ANY, kernel_size: T.any, sigma: T.any }),
    Solarization: sameShape(ctx => {
        checkEachFactor(ctx.args.addition_factor, [0, 1], 'addition_factor');
        checkEachFactor(ctx.args.threshold_factor, [0, 1], 'threshold_factor');
        checkValueRange(ctx.args.value_range);
    }, { addition_factor: T.any, threshold_factor: T.any, value_range: T.any }),

    /**
     * On images (not a bounding-box dict) MaxNumBoundingBoxes returns its input; `__init__`
     * only runs `int(max_number)` and `int(fill_value)`.
     */
    MaxNumBoundingBoxes: sameShape(ctx => {
        checkIntConvertible(ctx.args.max_number, 'max_number');
        checkIntConvertible(ctx.args.fill_value, 'fill_value');
    }, { max_number: T.any, fill_value: T.any }),

    /**
     * `CenterCrop.compute_output_shape` accepts rank 3 (read as one unbatched image, so the
     * batch axis becomes `height`) or rank 4. A crop larger than the image is allowed (it resizes).
     */
    CenterCrop: {
        argTypes: SIZE_TYPES,
        argRanges: SIZE_RANGES,
        rank: { minNdim: 3, maxNdim: 4, axes: '(batch, h, w, c)' },
        output(inputs, ctx) {
            const shape = inputs[0];
            const first = shape.length === 4 ? 1 : 0;
            const offset = dataFormatOf(ctx.args) === 'channels_last' ? first : first + 1;
            return withSize(shape, offset, offset + 1, ctx);
        }
    },

    /** RandomCrop sets the axes -3, -2 (channels_first: -2, -1) whatever the rank. */
    RandomCrop: {
        argTypes: SIZE_TYPES,
        argRanges: SIZE_RANGES,
        rank: ctx => dataFormatOf(ctx.args) === 'channels_last'
            ? { minNdim: 3, axes: '(batch, h, w, c)' }
            : { minNdim: 2, axes: '(batch, c, h, w)' },
        output(inputs, ctx) {
            const shape = inputs[0];
            const n = shape.length;
            return dataFormatOf(ctx.args) === 'channels_last' ? withSize(shape, n - 3, n - 2, ctx) : withSize(shape, n - 2, n - 1, ctx);
        }
    },

    /**
     * `Resizing.compute_output_shape` sets axes 1, 2 of a rank-4 input (2, 3 for channels_first);
     * any other rank is read as an unbatched image and gets axes 0, 1 (1, 2) set — so on a
     * `(None, h, w)` input the batch axis becomes `height`, as Keras reports it.
     */
    Resizing: {
        argTypes: SIZE_TYPES,
        argRanges: SIZE_RANGES,
        rank: ctx => dataFormatOf(ctx.args) === 'channels_last'
            ? { minNdim: 2, axes: '(batch, h, w, c)' }
            : { minNdim: 3, axes: '(batch, c, h, w)' },
        output(inputs, ctx) {
            const shape = inputs[0];
            const first = shape.length === 4 ? 1 : 0;
            const offset = dataFormatOf(ctx.args) === 'channels_last' ? first : first + 1;
            return withSize(shape, offset, offset + 1, ctx);
        }
    }
};
