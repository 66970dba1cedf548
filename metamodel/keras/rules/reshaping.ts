import { T } from '../../core/index.js';
import type { LayerRule, RuleContext } from '../layer-rule.js';
import {
    channelsAxes, dataFormatOf, formatShape, formatTuple, joinChannels, LayerError, product, splitChannels, tupleOf,
    type Dim, type Shape
} from '../shape.js';

/** Writes a (nested) argument value as Python does: `((1, -1), 0)`. */
function pythonValue(value: unknown): string {
    return Array.isArray(value) ? formatTuple(value.map(pythonValue)) : value === null ? 'None' : JSON.stringify(value);
}

/** A `(before, after)` amount per spatial axis, as ZeroPadding*D and Cropping*D take them. */
type Pairs = [number, number][];

/** `padding`/`cropping` of the 2D and 3D layers: an int, a tuple of `n` ints or a tuple of `n` pairs of ints. */
const PAIRS_TYPE = T.union(T.int, T.list(T.tuple(2, true)));

/**
 * Reads per-axis `(before, after)` amounts as `ZeroPadding2D/3D` and `Cropping2D/3D` do: an int
 * means that amount everywhere; each of the `n` entries is an int (symmetric) or a pair.
 * Every amount must be ≥ 0 (`standardize_tuple(…, allow_zero=True)`). Keras lets a negative
 * int `padding` through construction but the pad op fails on it when run, so it is refused too.
 */
function pairsOf(value: unknown, n: number, argument: string): Pairs {
    const invalid = () => new LayerError(
        `\`${argument}\` must be an int, a tuple of ${n} ints or a tuple of ${n} pairs of ints, got ${pythonValue(value)}`, { argument });
    const entries = typeof value === 'number' ? new Array<unknown>(n).fill(value) : value;
    if (!Array.isArray(entries) || entries.length !== n) throw invalid();
    return entries.map(entry => {
        const pair = typeof entry === 'number' ? [entry, entry] : entry;
        if (!Array.isArray(pair) || pair.length !== 2 || pair.some(v => typeof v !== 'number' || !Number.isInteger(v))) throw invalid();
        if (pair.some(v => (v as number) < 0)) {
            throw new LayerError(`\`${argument}\` must not be negative, got ${pythonValue(value)}`, { argument });
        }
        return pair as [number, number];
    });
}

/** The `(before, after)` pairs of a layer of `n` spatial axes (ZeroPadding1D/Cropping1D take one pair). */
function amounts(ctx: RuleContext, argument: string, n: number): Pairs {
    return n === 1 ? [tupleOf(ctx.args[argument], 2, argument, true) as [number, number]] : pairsOf(ctx.args[argument], n, argument);
}

/** Input rank of an `n`-D spatial layer, with axis names that follow `data_format` where the layer takes one. */
function spatialRank(n: number, hasDataFormat = true): LayerRule['rank'] {
    return ctx => ({ ndim: n + 2, axes: channelsAxes(n, hasDataFormat ? dataFormatOf(ctx.args) : 'channels_last') });
}

/** ZeroPadding1D/2D/3D (`keras/src/layers/reshaping/zero_padding*.py`): each spatial axis grows by before + after. */
function zeroPaddingRule(n: number): LayerRule {
    return {
        rank: spatialRank(n),
        argTypes: { padding: n === 1 ? T.tuple(2, true) : PAIRS_TYPE },
        argRanges: { padding: { min: 0 } },
        checkArgs: ctx => { amounts(ctx, 'padding', n); },
        output(inputs, ctx) {
            const format = dataFormatOf(ctx.args);
            const { batch, spatial, channels } = splitChannels(inputs[0], format);
            const pads = amounts(ctx, 'padding', n);
            return joinChannels(batch, spatial.map((d, i) => (d === null ? null : d + pads[i][0] + pads[i][1])), channels, format);
        }
    };
}

/**
 * Cropping1D/2D/3D (`keras/src/layers/reshaping/cropping*.py`): each spatial axis shrinks by
 * before + after; Keras raises when nothing would be left. Cropping1D takes no `data_format`.
 */
function croppingRule(n: number): LayerRule {
    return {
        rank: spatialRank(n, n > 1),
        argTypes: { cropping: n === 1 ? T.tuple(2, true) : PAIRS_TYPE },
        argRanges: { cropping: { min: 0 } },
        checkArgs: ctx => { amounts(ctx, 'cropping', n); },
        output(inputs, ctx) {
            const format = n === 1 ? 'channels_last' : dataFormatOf(ctx.args);
            const { batch, spatial, channels } = splitChannels(inputs[0], format);
            const crops = amounts(ctx, 'cropping', n);
            const out = spatial.map((d, i) => {
                if (d === null) return null;
                const removed = crops[i][0] + crops[i][1];
                if (removed >= d) {
                    throw new LayerError(
                        `\`cropping\` removes ${removed} of the ${d} positions of spatial axis ${i + 1} of the input \`${formatShape(inputs[0])}\`: output size would be ${d - removed}`,
                        { argument: 'cropping' });
                }
                return d - removed;
            });
            return joinChannels(batch, out, channels, format);
        }
    };
}

/** UpSampling1D/2D/3D (`keras/src/layers/reshaping/up_sampling*.py`): each spatial axis times `size`. */
function upSamplingRule(n: number): LayerRule {
    return {
        // UpSampling1D takes no `data_format` and a plain int `size` (a tuple is a TypeError).
        rank: spatialRank(n, n > 1),
        argTypes: {
            size: n === 1 ? T.int : T.tuple(n, true),
            // UpSampling2D lower-cases it and passes it to `ops.image.resize` when called, which knows these.
            ...(n === 2 ? { interpolation: T.enum('nearest', 'bilinear', 'bicubic', 'lanczos3', 'lanczos5') } : {})
        },
        argRanges: { size: { min: 1 } },
        checkArgs: ctx => { tupleOf(ctx.args.size, n, 'size'); },
        output(inputs, ctx) {
            const format = n === 1 ? 'channels_last' : dataFormatOf(ctx.args);
            const { batch, spatial, channels } = splitChannels(inputs[0], format);
            const size = tupleOf(ctx.args.size, n, 'size');
            return joinChannels(batch, spatial.map((d, i) => (d === null ? null : d * size[i])), channels, format);
        }
    };
}

/** `compute_reshape_output_shape` (keras/src/ops/operation_utils.py) for the non-batch axes. */
function reshapeOutput(input: readonly Dim[], target: readonly Dim[]): Dim[] {
    // An unknown input size (or a None in the target) leaves -1 unresolved: Keras cannot check it.
    const inputSize = product(input);
    if (inputSize === null || target.includes(null)) return target.map(d => (d === -1 ? null : d));
    const unknown = target.indexOf(-1);
    const known = product(target.filter(d => d !== -1)) as number;
    if (unknown < 0) {
        if (known !== inputSize) {
            throw new LayerError(
                `\`target_shape\` ${formatTuple(target)} has ${known} elements, but the input ${formatTuple(input)} has ${inputSize}`,
                { argument: 'target_shape' });
        }
        return [...target];
    }
    if (known === 0) {
        throw new LayerError(`\`target_shape\` ${formatTuple(target)} has a size 0, so its -1 cannot be inferred`, { argument: 'target_shape' });
    }
    if (inputSize % known !== 0) {
        throw new LayerError(
            `\`target_shape\` ${formatTuple(target)} cannot hold the ${inputSize} elements of the input ${formatTuple(input)}: ${inputSize} is not a multiple of ${known}`,
            { argument: 'target_shape' });
    }
    const out = [...target];
    out[unknown] = inputSize / known;
    return out;
}

/** Rules of the Keras `reshaping` layer group (`keras/src/layers/reshaping/`). */
export const reshapingRules: Record<string, LayerRule> = {
    ZeroPadding1D: zeroPaddingRule(1),
    ZeroPadding2D: zeroPaddingRule(2),
    ZeroPadding3D: zeroPaddingRule(3),
    Cropping1D: croppingRule(1),
    Cropping2D: croppingRule(2),
    Cropping3D: croppingRule(3),
    UpSampling1D: upSamplingRule(1),
    UpSampling2D: upSamplingRule(2),
    UpSampling3D: upSamplingRule(3),

    /** `(batch, …)` → `(batch, product)`; an unknown axis makes it None; a rank-1 input gives `(batch, 1)`. */
    Flatten: {
        rank: { minNdim: 1 },
        output(inputs): Shape {
            const rest = inputs[0].slice(1);
            return [inputs[0][0], rest.length === 0 ? 1 : product(rest)];
        }
    },

    /** `dims` permutes the non-batch axes (1-based); the input rank must be `len(dims) + 1`. */
    Permute: {
        rank: ctx => {
            const dims = ctx.args.dims;
            return Array.isArray(dims) ? { ndim: dims.length + 1 } : undefined;
        },
        argTypes: { dims: T.tuple() },
        checkArgs(ctx) {
            const dims = ctx.args.dims as number[];
            const sorted = [...dims].sort((a, b) => a - b);
            if (sorted.some((d, i) => d !== i + 1)) {
                throw new LayerError(
                    `\`dims\` ${formatTuple(dims)} must be a permutation of 1…${dims.length} (axis 0, the batch, stays in place)`,
                    { argument: 'dims' });
            }
        },
        output(inputs, ctx) {
            return [inputs[0][0], ...(ctx.args.dims as number[]).map(d => inputs[0][d])];
        }
    },

    /** `(batch, d)` → `(batch, n, d)`. */
    RepeatVector: {
        rank: { ndim: 2, axes: '(batch, features)' },
        argTypes: { n: T.int },
        argRanges: { n: { min: 1 } },
        checkArgs(ctx) {
            const n = ctx.args.n;
            if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
                throw new LayerError(`\`n\` must be a positive int, got ${JSON.stringify(n)}`, { argument: 'n' });
            }
        },
        output(inputs, ctx) {
            return [inputs[0][0], ctx.args.n as number, inputs[0][1]];
        }
    },

    /** `target_shape` excludes the batch axis; one -1 is inferred; element counts must match when known. */
    Reshape: {
        rank: { minNdim: 1 },
        checkArgs(ctx) {
            const target = ctx.args.target_shape as Dim[];
            // `validate_reshape_shape`: ints must be ≥ 0 or -1, at most one -1.
            const bad = target.find(d => d !== null && d < -1);
            if (bad !== undefined) {
                throw new LayerError(`\`target_shape\` ${formatTuple(target)} has ${bad}: each size must be ≥ 0, or -1 for one inferred size`,
                    { argument: 'target_shape' });
            }
            if (target.filter(d => d === -1).length > 1) {
                throw new LayerError(`\`target_shape\` ${formatTuple(target)} has more than one -1: only one size can be inferred`,
                    { argument: 'target_shape' });
            }
        },
        output(inputs, ctx) {
            return [inputs[0][0], ...reshapeOutput(inputs[0].slice(1), ctx.args.target_shape as Dim[])];
        }
    }
};
