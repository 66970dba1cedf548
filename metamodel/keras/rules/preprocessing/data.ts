import { Arity, T, type JsValue } from '../../../core/index.js';
import type { LayerRule, RuleContext } from '../../layer-rule.js';
import { formatShape, formatTuple, LayerError, type Dim, type Shape } from '../../shape.js';
import { arrayShape, rejectBaseKwargs, showValue } from './common.js';

/**
 * Rules of the Keras preprocessing layers for structured data and text
 * (`keras/src/layers/preprocessing/`): encodings, hashing, lookups, text vectorization,
 * discretization, normalization and rescaling.
 *
 * Several of them size their output by a vocabulary or by statistics learned with `adapt()`.
 * The rules compute what Keras computes symbolically for the given arguments: a given
 * `vocabulary` (or `max_tokens` with `pad_to_max_tokens`) fixes the size; without one Keras
 * reports `None` for that axis, and so do we.
 */

/** Why a layer needs TensorFlow: Hashing, HashedCrossing, the lookups and TextVectorization use `tf` ops. */
const NEEDS_TF = 'Keras builds this layer only when TensorFlow is installed (it raises ImportError otherwise, '
    + 'e.g. on the numpy backend without TensorFlow); the rule models what Keras computes with TensorFlow.';

/** `sparse=True` is supported by the TensorFlow backend only; the checker follows the other backends. */
function rejectSparseOutsideTf(ctx: RuleContext): void {
    if (ctx.args.sparse === true) {
        throw new LayerError('`sparse=True` can only be used with the TensorFlow backend', { argument: 'sparse' });
    }
}

/** Keras' deprecated `output_mode` spellings. */
function outputMode(ctx: RuleContext): string {
    const mode = ctx.args.output_mode as string;
    return mode === 'binary' ? 'multi_hot' : mode === 'tf-idf' ? 'tf_idf' : mode;
}

/**
 * The shape of an encoded output (`IndexLookup.compute_output_shape`): `one_hot` encodes every
 * element (a trailing axis of 1 is replaced), the other modes encode the last axis as one sample.
 */
function encodedShape(shape: Shape, mode: string, depth: Dim): Dim[] {
    if (mode === 'int') return [...shape];
    if (mode === 'one_hot') {
        return shape.length > 1 && shape[shape.length - 1] === 1 ? [...shape.slice(0, -1), depth] : [...shape, depth];
    }
    return [...shape.slice(0, -1), depth];
}

// ---------------------------------------------------------------------------------------------
// IndexLookup: IntegerLookup, StringLookup (and TextVectorization's inner StringLookup)
// ---------------------------------------------------------------------------------------------

const LOOKUP_MODES = ['int', 'one_hot', 'multi_hot', 'count', 'tf_idf', 'binary', 'tf-idf'];

const LOOKUP_TYPES = {
    max_tokens: T.optional(T.int),
    num_oov_indices: T.int,
    mask_token: T.any,
    oov_token: T.any,
    vocabulary: T.optional(T.union(T.list(), T.string)),
    idf_weights: T.optional(T.list(T.float)),
    invert: T.bool,
    output_mode: T.enum(...LOOKUP_MODES),
    sparse: T.bool,
    pad_to_max_tokens: T.bool,
    oov_method: T.enum('floormod', 'farmhash'),
    salt: T.optional(T.union(T.int, T.list(T.int)))
};

/** What IndexLookup needs to know of its owner. */
interface LookupOptions {
    /** `vocabulary_dtype` is an integer type (IntegerLookup): `salt` then needs `oov_method="farmhash"`. */
    readonly integerVocabulary: boolean;
    /** The mask token (TextVectorization passes `""`). */
    readonly maskToken: JsValue;
    readonly oovToken: JsValue;
    readonly numOov: number;
    readonly mode: string;
}

/** `IndexLookup.__init__` argument checks, then `set_vocabulary` for a given vocabulary. */
function checkLookup(ctx: RuleContext, options: LookupOptions): void {
    const { max_tokens: maxTokens, pad_to_max_tokens: pad, salt, idf_weights: idf } = ctx.args;
    const numOov = options.numOov;
    if (maxTokens != null && (maxTokens as number) <= 1) {
        throw new LayerError(`\`max_tokens\` must be greater than 1 when set, got ${maxTokens}`, { argument: 'max_tokens' });
    }
    if (pad === true && maxTokens == null) {
        throw new LayerError('`pad_to_max_tokens=True` needs `max_tokens`', { argument: 'pad_to_max_tokens' });
    }
    if (numOov < 0) {
        throw new LayerError(`\`num_oov_indices\` must be ≥ 0, got ${numOov}`, { argument: 'num_oov_indices' });
    }
    if (salt != null) {
        if (options.integerVocabulary && ctx.args.oov_method !== 'farmhash') {
            throw new LayerError('`salt` can only be used with `oov_method="farmhash"`', { argument: 'salt' });
        }
        if (Array.isArray(salt) && salt.length !== 2) {
            throw new LayerError(`\`salt\` must be an int or a pair of ints, got ${showValue(salt)}`, { argument: 'salt' });
        }
    }
    const mode = options.mode;
    if (ctx.args.invert === true && mode !== 'int') {
        throw new LayerError(`\`output_mode\` must be "int" when \`invert=True\`, got "${mode}"`, { argument: 'output_mode' });
    }
    if (ctx.args.sparse === true && mode === 'int') {
        throw new LayerError('`sparse=True` needs an `output_mode` other than "int"', { argument: 'sparse' });
    }
    if (idf != null && mode !== 'tf_idf') {
        throw new LayerError(`\`idf_weights\` can only be set with \`output_mode="tf_idf"\`, got "${mode}"`, { argument: 'idf_weights' });
    }
    lookupVocabularySize(ctx, options);
}

/**
 * `IndexLookup.set_vocabulary` for a vocabulary given as a list: the mask and OOV tokens may
 * lead it (they are then dropped), terms must be unique, and the size — OOV indices, the mask
 * index in `int` mode, and the terms — must not exceed `max_tokens`. Returns that size, or
 * `undefined` when there is no list vocabulary (adapted later, or a file).
 */
function lookupVocabularySize(ctx: RuleContext, options: LookupOptions): number | undefined {
    const { numOov, oovToken } = options;
    const vocabulary = ctx.args.vocabulary;
    if (!Array.isArray(vocabulary)) return undefined;
    const argument = 'vocabulary';
    const idf = ctx.args.idf_weights;
    if (options.mode === 'tf_idf' && idf == null) {
        throw new LayerError('`idf_weights` must be set with a `vocabulary` when `output_mode="tf_idf"`', { argument: 'idf_weights' });
    }
    if (vocabulary.length === 0) throw new LayerError('`vocabulary` must not be empty', { argument });
    const key = (v: JsValue) => JSON.stringify(v);
    const mask = options.maskToken;
    const oovStart = mask != null && options.mode === 'int' ? 1 : 0;
    const tokenStart = oovStart + numOov;
    const special = [...Array<JsValue>(oovStart).fill(mask), ...Array<JsValue>(numOov).fill(oovToken)];
    const leadsWithSpecial = special.length <= vocabulary.length && special.every((t, i) => key(t) === key(vocabulary[i]));
    const tokens = leadsWithSpecial ? vocabulary.slice(tokenStart) : vocabulary;
    const seen = new Set<string>();
    for (const token of tokens) {
        if (seen.has(key(token))) throw new LayerError(`\`vocabulary\` repeats the term ${showValue(token)}`, { argument });
        seen.add(key(token));
    }
    if (mask != null && seen.has(key(mask))) {
        throw new LayerError(`\`vocabulary\` holds the mask token ${showValue(mask)} at an unexpected position`, { argument });
    }
    if (ctx.args.invert === true && oovToken != null && seen.has(key(oovToken))) {
        throw new LayerError(`\`vocabulary\` holds the OOV token ${showValue(oovToken)} at an unexpected position`, { argument });
    }
    const size = tokenStart + tokens.length;
    const maxTokens = ctx.args.max_tokens as number | null;
    if (maxTokens != null && size > maxTokens) {
        throw new LayerError(`the vocabulary size ${size} (with OOV${oovStart ? ' and mask' : ''} indices) exceeds \`max_tokens\`=${maxTokens}`, { argument });
    }
    if (options.mode === 'tf_idf' && Array.isArray(idf) && idf.length !== vocabulary.length) {
        throw new LayerError(`\`idf_weights\` has ${idf.length} values for a vocabulary of ${vocabulary.length}`, { argument: 'idf_weights' });
    }
    return size;
}

/** The encoded axis' size: `max_tokens` when padded, else the vocabulary size (None before `adapt()`). */
function lookupDepth(ctx: RuleContext, options: LookupOptions): Dim {
    if (ctx.args.pad_to_max_tokens === true) return ctx.args.max_tokens as number;
    return lookupVocabularySize(ctx, options) ?? null;
}

const LOOKUP_NOTE = 'In "int" mode the output has the input\'s shape. In the other modes the encoded axis has the '
    + 'vocabulary size (OOV indices + terms, + the mask index in "int" mode) for a given `vocabulary`, `max_tokens` '
    + 'with `pad_to_max_tokens=True`, and None when the vocabulary comes from `adapt()` (Keras reports None too). ';

function lookupRule(integerVocabulary: boolean): LayerRule {
    const options = (ctx: RuleContext): LookupOptions => ({
        integerVocabulary, maskToken: ctx.args.mask_token, oovToken: ctx.args.oov_token,
        numOov: ctx.args.num_oov_indices as number, mode: outputMode(ctx)
    });
    return {
        argTypes: integerVocabulary ? { ...LOOKUP_TYPES, vocabulary_dtype: T.string } : LOOKUP_TYPES,
        note: LOOKUP_NOTE + NEEDS_TF,
        checkArgs(ctx) {
            if (integerVocabulary) {
                // IntegerLookup's own checks come before IndexLookup's.
                if (ctx.args.max_tokens != null && (ctx.args.max_tokens as number) <= 1) {
                    throw new LayerError(`\`max_tokens\` must be greater than 1 when set, got ${ctx.args.max_tokens}`, { argument: 'max_tokens' });
                }
                rejectSparseOutsideTf(ctx);
                if (ctx.args.vocabulary_dtype !== 'int64') {
                    throw new LayerError(`only \`vocabulary_dtype="int64"\` is supported, got ${showValue(ctx.args.vocabulary_dtype)}`,
                        { argument: 'vocabulary_dtype' });
                }
            } else {
                rejectSparseOutsideTf(ctx);
            }
            // IndexLookup pops `trainable` and `dtype` and rejects any other base keyword argument.
            rejectBaseKwargs(ctx, ['trainable', 'dtype']);
            checkLookup(ctx, options(ctx));
        },
        output(inputs, ctx) {
            const opts = options(ctx);
            return encodedShape(inputs[0], opts.mode, opts.mode === 'int' ? null : lookupDepth(ctx, opts));
        }
    };
}

// ---------------------------------------------------------------------------------------------

export const dataPreprocessingRules: Record<string, LayerRule> = {
    /**
     * `CategoryEncoding.compute_output_shape`: the last axis becomes `num_tokens`; in
     * `one_hot` mode an axis is added unless the last one is 1. A `(batch,)` input encodes the
     * batch axis as one sample: `(num_tokens,)`.
     */
    CategoryEncoding: {
        argTypes: { num_tokens: T.optional(T.int), output_mode: T.enum('multi_hot', 'one_hot', 'count', 'binary') },
        argRanges: { num_tokens: { min: 1 } },
        checkArgs(ctx) {
            if (ctx.args.num_tokens == null) {
                throw new LayerError('`num_tokens` must be set (use IntegerLookup when the number of tokens is not known)', { argument: 'num_tokens' });
            }
        },
        output(inputs, ctx) {
            const shape = inputs[0];
            const n = ctx.args.num_tokens as number;
            if (outputMode(ctx) === 'one_hot' && (shape[shape.length - 1] !== 1 || shape.length === 1)) return [...shape, n];
            return [...shape.slice(0, -1), n];
        }
    },

    /**
     * Bucket ids in `int` mode (same shape); otherwise `len(bin_boundaries) + 1` (or `num_bins`)
     * bins. Keras' `compute_output_shape` for `multi_hot`/`count` drops axis 1 and appends the
     * bins: `(b, n) → (b, bins)`, `(b, t, n) → (b, n, bins)`.
     */
    Discretization: {
        argTypes: {
            bin_boundaries: T.optional(T.list(T.float)),
            num_bins: T.optional(T.int),
            output_mode: T.enum('int', 'one_hot', 'multi_hot', 'count')
        },
        argRanges: { num_bins: { min: 0 } },
        note: 'Without `bin_boundaries`, the boundaries are learned by `adapt()`; the number of bins is `num_bins` either way.',
        checkArgs(ctx) {
            // `Discretization.__init__` takes `dtype` and `name` but no other base-layer argument.
            rejectBaseKwargs(ctx, ['dtype']);
            if (ctx.args.sparse === true) {
                throw new LayerError('`sparse=True` needs a backend with sparse tensors (TensorFlow or JAX)', { argument: 'sparse' });
            }
            const { num_bins: numBins, bin_boundaries: boundaries } = ctx.args;
            if (numBins != null && boundaries != null) {
                throw new LayerError('set either `num_bins` or `bin_boundaries`, not both', { argument: 'num_bins' });
            }
            if (numBins == null && boundaries == null) {
                throw new LayerError('`Discretization` needs `num_bins` or `bin_boundaries`');
            }
        },
        output(inputs, ctx) {
            const shape = inputs[0];
            const mode = ctx.args.output_mode as string;
            if (mode === 'int') return shape;
            const boundaries = ctx.args.bin_boundaries;
            const depth = Array.isArray(boundaries) ? boundaries.length + 1 : ctx.args.num_bins as number;
            if (mode === 'one_hot') {
                return shape.length > 1 && shape[shape.length - 1] === 1 ? [...shape.slice(0, -1), depth] : [...shape, depth];
            }
            return shape.length >= 2 ? [shape[0], ...shape.slice(2), depth] : [depth];
        }
    },

    /** Hash buckets: `int` keeps the shape; the other modes encode the last axis into `num_bins`. */
    Hashing: {
        argTypes: {
            num_bins: T.optional(T.int),
            output_mode: T.enum('int', 'one_hot', 'multi_hot', 'count'),
            salt: T.optional(T.union(T.int, T.list(T.int))),
            mask_value: T.any
        },
        argRanges: { num_bins: { min: 1 } },
        note: NEEDS_TF,
        checkArgs(ctx) {
            if (ctx.args.num_bins == null) throw new LayerError('`num_bins` must be a positive int, got None', { argument: 'num_bins' });
            const dtype = ctx.args.dtype;
            if (ctx.args.output_mode === 'int' && typeof dtype === 'string' && dtype !== 'int32' && dtype !== 'int64') {
                throw new LayerError(`with \`output_mode="int"\`, \`dtype\` must be "int32" or "int64", got "${dtype}"`, { argument: 'dtype' });
            }
            if (ctx.args.sparse === true && ctx.args.output_mode === 'int') {
                throw new LayerError('`sparse=True` needs an `output_mode` other than "int"', { argument: 'sparse' });
            }
            const salt = ctx.args.salt;
            if (Array.isArray(salt) && salt.length !== 2) {
                throw new LayerError(`\`salt\` must be an int or a pair of ints, got ${showValue(salt)}`, { argument: 'salt' });
            }
        },
        output(inputs, ctx) {
            const shape = inputs[0];
            if (ctx.args.output_mode === 'int') return shape;
            return [...shape.slice(0, -1), ctx.args.num_bins as number];
        }
    },

    /** Crosses two features (called on a list of two tensors whose last axes agree). */
    HashedCrossing: {
        inputs: Arity.exactly(2),
        argTypes: { num_bins: T.int, output_mode: T.enum('int', 'one_hot') },
        note: NEEDS_TF,
        checkArgs: rejectSparseOutsideTf,
        output(inputs, ctx) {
            const [a, b] = inputs;
            // Keras compares the last axes only, `None` included (`None != 1` is a mismatch).
            if (a[a.length - 1] !== b[b.length - 1]) {
                throw new LayerError(`the two inputs must have the same shape, got ${formatShape(a)} and ${formatShape(b)}`, { input: 1 });
            }
            if (ctx.args.output_mode === 'int') return a;
            const n = ctx.args.num_bins as number;
            return a[a.length - 1] !== 1 ? [...a, n] : [...a.slice(0, -1), n];
        }
    },

    IntegerLookup: lookupRule(true),
    StringLookup: lookupRule(false),

    /**
     * `int` mode: `(batch, output_sequence_length)` (None when not set: the token count depends
     * on the text). Other modes: the strings are split into a new axis (unless `split=None`),
     * which the inner StringLookup (mask token `""`) then encodes.
     */
    TextVectorization: {
        argTypes: {
            max_tokens: T.optional(T.int),
            standardize: T.optional(T.enum('lower_and_strip_punctuation', 'lower', 'strip_punctuation')),
            split: T.optional(T.enum('whitespace', 'character')),
            ngrams: T.optional(T.union(T.int, T.tuple())),
            output_mode: T.enum(...LOOKUP_MODES),
            output_sequence_length: T.optional(T.int),
            vocabulary: T.optional(T.union(T.list(), T.string)),
            idf_weights: T.optional(T.list(T.float))
        },
        note: 'The "int" output is `(batch, output_sequence_length)`, `(batch, None)` without it. '
            + 'The other modes are sized like StringLookup\'s. Keras accepts `ngrams` as an int or a tuple, not a list; '
            + 'the checker cannot tell the two apart. ' + NEEDS_TF,
        checkArgs(ctx) {
            rejectSparseOutsideTf(ctx);
            if (ctx.args.ragged === true) {
                throw new LayerError('`ragged=True` can only be used with the TensorFlow backend', { argument: 'ragged' });
            }
            const mode = outputMode(ctx);
            if (mode !== 'int' && ctx.args.output_sequence_length != null) {
                throw new LayerError(`\`output_sequence_length\` can only be set with \`output_mode="int"\`, got "${mode}"`,
                    { argument: 'output_sequence_length' });
            }
            checkLookup(ctx, textLookup(mode));
        },
        output(inputs, ctx) {
            const shape = inputs[0];
            const mode = outputMode(ctx);
            if (mode === 'int') return [shape[0], (ctx.args.output_sequence_length ?? null) as Dim];
            const split = ctx.args.split == null ? (shape.length <= 1 ? [...shape, 1] : shape) : [...shape, null];
            return encodedShape(split, mode, lookupDepth(ctx, textLookup(mode)));
        }
    },

    /**
     * Without `mean`/`variance`, `build` adds the adapted statistics as non-trainable weights:
     * mean and variance over the kept `axis` dims, plus a scalar count (2·C + 1).
     * With them, no weights; they must broadcast to the kept axes.
     */
    Normalization: {
        argTypes: { axis: T.optional(T.union(T.int, T.list(T.int))), mean: T.any, variance: T.any, invert: T.bool },
        note: 'Without `mean` and `variance` the statistics are learned by `adapt()`; they are counted as 2·C + 1 '
            + 'non-trainable weights (C = the product of the kept axes), as Keras builds them.',
        checkArgs(ctx) {
            const { mean, variance } = ctx.args;
            if ((mean == null) !== (variance == null)) {
                throw new LayerError('set both `mean` and `variance`, or neither', { argument: mean == null ? 'variance' : 'mean' });
            }
            if (mean == null) return;
            const meanShape = arrayShape(mean);
            const varianceShape = arrayShape(variance);
            if (!meanShape || !varianceShape) throw new LayerError('`mean` and `variance` must be numbers or regular nested lists', { argument: 'mean' });
            if (formatTuple(meanShape) !== formatTuple(varianceShape)) {
                throw new LayerError(`\`mean\` and \`variance\` must have the same shape, got ${formatTuple(meanShape)} and ${formatTuple(varianceShape)}`,
                    { argument: 'variance' });
            }
            const axes = normalizationAxes(ctx);
            if (meanShape.length > axes.length) {
                throw new LayerError(`\`mean\` has rank ${meanShape.length}, more than the ${axes.length} normalized axes`, { argument: 'mean' });
            }
        },
        output(inputs, ctx) {
            const shape = inputs[0];
            const keep = keptAxes(shape, ctx);
            const mean = ctx.args.mean;
            if (mean != null) {
                // `build` reshapes the mean onto the last kept axes, then broadcasts it to them.
                const meanShape = arrayShape(mean) ?? [];
                meanShape.forEach((d, i) => {
                    const axis = keep[keep.length - meanShape.length + i];
                    if (d !== 1 && d !== shape[axis]) {
                        throw new LayerError(`\`mean\` of shape ${formatTuple(meanShape)} does not broadcast to the input ${formatShape(shape)} on axis ${axis}`,
                            { argument: 'mean' });
                    }
                });
            }
            return shape;
        },
        params(inputs, ctx) {
            if (ctx.args.mean != null) return 0;
            const size = keptAxes(inputs[0], ctx).reduce((p, axis) => p * (inputs[0][axis] as number), 1);
            return { trainable: 0, nonTrainable: 2 * size + 1 };
        }
    },

    /** Element-wise `x * scale + offset`; `scale` may also be a per-channel list. */
    Rescaling: {
        argTypes: { scale: T.any, offset: T.any },
        output: inputs => inputs[0]
    }
};

/** TextVectorization's inner `StringLookup(mask_token="", …)` with its default OOV token and index. */
function textLookup(mode: string): LookupOptions {
    return { integerVocabulary: false, maskToken: '', oovToken: '[UNK]', numOov: 1, mode };
}

/** Normalization's `axis` as a tuple (`None` → `()`: one scalar mean). */
function normalizationAxes(ctx: RuleContext): number[] {
    const axis = ctx.args.axis;
    if (axis == null) return [];
    return Array.isArray(axis) ? axis.map(Number) : [axis as number];
}

/** Normalization's kept axes for an input (`build`): in range, sorted, of known size. */
function keptAxes(shape: Shape, ctx: RuleContext): number[] {
    const rank = shape.length;
    const axes = normalizationAxes(ctx);
    const bad = axes.find(a => a < -rank || a >= rank);
    if (bad !== undefined) {
        throw new LayerError(`\`axis\`=${bad} is out of range for the rank-${rank} input ${formatShape(shape)}`, { argument: 'axis' });
    }
    const keep = axes.map(a => (a < 0 ? a + rank : a)).sort((x, y) => x - y);
    for (const axis of keep) {
        if (shape[axis] === null) {
            throw new LayerError(`the normalized axis ${axis} of the input ${formatShape(shape)} must have a known size`, { argument: 'axis' });
        }
    }
    return keep;
}
