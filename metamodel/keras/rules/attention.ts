import { Arity, T } from '../../core/index.js';
import type { LayerRule, RuleContext } from '../layer-rule.js';
import { formatShape, LayerError, type Dim, type Shape } from '../shape.js';

/*
 * Rules of the Keras attention layers (`keras/src/layers/attention/`).
 *
 * `Attention`/`AdditiveAttention` are called on a list `[query, value(, key)]`; the multi-head
 * layers positionally as `layer(query, value[, key])`. Their positional signature goes on with
 * `query_mask, value_mask, key_mask, attention_mask`, which Keras accepts as extra tensors and does
 * not check at build time, so up to 7 inputs are accepted (an 8th lands on `return_attention_scores`
 * and fails). None of these layers traces `call()` symbolically: `compute_output_spec` only uses
 * `compute_output_shape`, so whatever it and `build` do not check is accepted.
 */

/** Keras' error for a dense-attention call with the wrong number of list items (`_validate_inputs`, attention.py). */
function checkListLength(inputs: readonly Shape[], ctx: RuleContext): void {
    if (inputs.length > 3) {
        throw new LayerError(`\`${ctx.type}\` is called on [query, value] or [query, value, key], got ${inputs.length} inputs`, { input: 3 });
    }
}

/** The multi-head layers take (query, value, key) and then four optional mask tensors. */
function checkPositionalInputs(inputs: readonly Shape[], ctx: RuleContext): void {
    if (inputs.length > 7) {
        throw new LayerError(`\`${ctx.type}\` takes (query, value[, key[, query_mask, value_mask, key_mask, attention_mask]]), got ${inputs.length} inputs`,
            { input: 7 });
    }
}

/** The last axis of an input, which a projection kernel is sized by: it must be known. */
function knownLast(shape: Shape, input: number, what: string): number {
    const d = shape[shape.length - 1];
    if (d === null || d === undefined) {
        throw new LayerError(`the last axis of \`${what}\` must be known (it sizes the projection kernel), got \`${formatShape(shape)}\``, { input });
    }
    return d;
}

/** Python tuple equality of `shape[1:-1]` (None equals only None), as MHA/GQA compare value and key. */
function sameInnerDims(a: Shape, b: Shape): boolean {
    const x = a.slice(1, -1), y = b.slice(1, -1);
    return x.length === y.length && x.every((d, i) => d === y[i]);
}

/** value and key must agree on every axis but the last (`build`/`compute_output_shape`). */
function checkValueKey(value: Shape, key: Shape): void {
    if (!sameInnerDims(value, key)) {
        throw new LayerError(`all dimensions of \`value\` and \`key\` except the last must be equal, got value \`${formatShape(value)}\` and key \`${formatShape(key)}\``,
            { input: 2 });
    }
}

/** `flash_attention=True` with dropout is rejected in `__init__`. */
function checkFlashDropout(ctx: RuleContext): void {
    if (ctx.args.flash_attention === true && typeof ctx.args.dropout === 'number' && ctx.args.dropout > 0) {
        throw new LayerError('dropout is not supported with `flash_attention=True`: set `dropout=0.0`', { argument: 'dropout' });
    }
}

/** A positive int or None (`value_dim`, `sliding_window`), as `__init__` checks. */
function checkOptionalPositive(ctx: RuleContext, argument: string): void {
    const value = ctx.args[argument];
    if (value != null && (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)) {
        throw new LayerError(`\`${argument}\` must be None or a positive integer, got ${JSON.stringify(value)}`, { argument });
    }
}

function checkPositive(ctx: RuleContext, argument: string): number {
    const value = ctx.args[argument];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
        throw new LayerError(`\`${argument}\` must be a positive integer, got ${JSON.stringify(value)}`, { argument });
    }
    return value;
}

/** `output_shape` of MHA: an int or a tuple; falsy (None, 0, ()) means "the query's last axis". */
function mhaOutputShape(ctx: RuleContext): number[] | undefined {
    const value = ctx.args.output_shape;
    if (value == null || value === 0) return undefined;
    if (typeof value === 'number') return [value];
    if (Array.isArray(value)) return value.length === 0 ? undefined : (value as number[]);
    throw new LayerError(`\`output_shape\` must be an int or a tuple of ints, got ${JSON.stringify(value)}`, { argument: 'output_shape' });
}

/** An int or a tuple/list of ints (`attention_axes`). */
const INTS = T.optional(T.union(T.int, T.tuple(), T.list(T.int)));

/**
 * `MultiHeadAttention(num_heads, key_dim)` (`multi_head_attention.py`). `build` makes EinsumDense
 * projections: query `(dq, H, kd)`, key `(dk, H, kd)`, value `(dv, H, vd)`, optional gate
 * `(dq, H, vd)`, output `(H, vd, *out)` with biases over their output axes; `vd = value_dim or key_dim`
 * and `out = output_shape or (dq,)`. `_build_attention` settles `attention_axes` on the rank of the
 * projected value (`value rank + 1`): None → the axes between batch and the last two; negative
 * axes count from `rank - 1`; np.delete then raises IndexError outside `[-rank, rank)`.
 */
const multiHeadAttention: LayerRule = {
    inputs: Arity.atLeast(2),
    argRanges: { num_heads: { min: 1 }, key_dim: { min: 1 }, value_dim: { min: 1 }, sliding_window: { min: 1 } },
    argTypes: { value_dim: T.optional(T.int), output_shape: INTS, attention_axes: INTS, sliding_window: T.optional(T.int), flash_attention: T.optional(T.bool) },
    checkArgs(ctx) {
        checkPositive(ctx, 'num_heads');
        checkPositive(ctx, 'key_dim');
        checkOptionalPositive(ctx, 'value_dim');
        checkOptionalPositive(ctx, 'sliding_window');
        checkFlashDropout(ctx);
        mhaOutputShape(ctx);
    },
    output(inputs, ctx) {
        checkPositionalInputs(inputs, ctx);
        const [query, value] = inputs;
        const key = inputs[2] ?? value;
        checkValueKey(value, key);
        const axes = ctx.args.attention_axes;
        if (axes != null) {
            const rank = value.length + 1;
            for (const axis of (typeof axes === 'number' ? [axes] : axes) as number[]) {
                const normalized = axis < 0 ? axis + rank - 1 : axis;
                if (normalized < -rank || normalized >= rank) {
                    throw new LayerError(`\`attention_axes\` ${axis} is out of range for a rank-${value.length} \`value\` \`${formatShape(value)}\` ` +
                        `(the projected value has rank ${rank})`, { argument: 'attention_axes' });
                }
            }
        }
        mhaParams(inputs, ctx);
        return [...query.slice(0, -1), ...(mhaOutputShape(ctx) ?? [query[query.length - 1]])];
    },
    params: (inputs, ctx) => mhaParams(inputs, ctx)
};

/** The weights `MultiHeadAttention.build` creates (it raises for unknown projected axes). */
function mhaParams(inputs: readonly Shape[], ctx: RuleContext): number {
    const [query, value] = inputs;
    const key = inputs[2] ?? value;
    const dq = knownLast(query, 0, 'query'), dv = knownLast(value, 1, 'value'), dk = knownLast(key, inputs[2] ? 2 : 1, 'key');
    const heads = ctx.args.num_heads as number, keyDim = ctx.args.key_dim as number;
    const valueDim = (ctx.args.value_dim as number | null) || keyDim;
    const out = mhaOutputShape(ctx) ?? [dq];
    const outSize = out.reduce((a, b) => a * b, 1);
    const bias = ctx.args.use_bias !== false;
    const projection = (inDim: number, perHead: number) => inDim * heads * perHead + (bias ? heads * perHead : 0);
    return projection(dq, keyDim) + projection(dk, keyDim) + projection(dv, valueDim)
        + (ctx.args.use_gate === true ? projection(dq, valueDim) : 0)
        + heads * valueDim * outSize + (bias ? outSize : 0);
}

/**
 * `GroupQueryAttention(head_dim, num_query_heads, num_key_value_heads)`
 * (`grouped_query_attention.py`). Its EinsumDense projections use the fixed equations
 * `bqm,muh->bquh` / `bkm,mvh->bkvh`, which take `m` from axis 2 of each input (the last axis for
 * the usual `(batch, seq, dim)`; inputs need rank ≥ 3); the output projection maps back to the
 * query's last axis. `compute_output_shape` then requires equal last axes of query and value.
 */
const groupQueryAttention: LayerRule = {
    inputs: Arity.atLeast(2),
    // num_query_heads=0 is accepted by Keras (empty projections); head_dim=0 and
    // num_key_value_heads=0 raise ZeroDivisionError in `__init__`.
    argRanges: { head_dim: { min: 1 }, num_query_heads: { min: 0 }, num_key_value_heads: { min: 1 }, sliding_window: { min: 1 } },
    argTypes: { sliding_window: T.optional(T.int), flash_attention: T.optional(T.bool) },
    checkArgs(ctx) {
        checkPositive(ctx, 'head_dim');
        const kvHeads = checkPositive(ctx, 'num_key_value_heads');
        const queryHeads = ctx.args.num_query_heads as number;
        if (typeof queryHeads !== 'number' || !Number.isInteger(queryHeads) || queryHeads < 0) {
            throw new LayerError(`\`num_query_heads\` must be a non-negative integer, got ${JSON.stringify(queryHeads)}`, { argument: 'num_query_heads' });
        }
        if (queryHeads % kvHeads !== 0) {
            throw new LayerError(`\`num_query_heads\` (${queryHeads}) must be divisible by \`num_key_value_heads\` (${kvHeads})`, { argument: 'num_key_value_heads' });
        }
        checkOptionalPositive(ctx, 'sliding_window');
        checkFlashDropout(ctx);
    },
    output(inputs, ctx) {
        checkPositionalInputs(inputs, ctx);
        gqaParams(inputs, ctx);
        const [query, value] = inputs;
        const key = inputs[2] ?? value;
        if (query[query.length - 1] !== value[value.length - 1]) {
            throw new LayerError(`the last axes of \`query\` and \`value\` must be equal, got query \`${formatShape(query)}\` and value \`${formatShape(value)}\``, { input: 1 });
        }
        checkValueKey(value, key);
        return query;
    },
    params: (inputs, ctx) => gqaParams(inputs, ctx)
};

/** The weights `GroupQueryAttention.build` creates (EinsumDense reads axis 2 of each input). */
function gqaParams(inputs: readonly Shape[], ctx: RuleContext): number {
    const names = ['query', 'value', 'key'];
    const projected = (i: number): number => {
        const shape = inputs[i] ?? inputs[1];
        const at = inputs[i] ? i : 1;
        if (shape.length < 3) {
            throw new LayerError(`expects \`${names[i]}\` of rank ≥ 3 \`(batch, seq, features)\`, got \`${formatShape(shape)}\``, { input: at });
        }
        const m: Dim = shape[2];
        if (m === null) throw new LayerError(`axis 2 of \`${names[i]}\` must be known (it sizes the projection kernel), got \`${formatShape(shape)}\``, { input: at });
        return m;
    };
    const [mq, mv, mk] = [projected(0), projected(1), projected(2)];
    const features = knownLast(inputs[0], 0, 'query');
    const headDim = ctx.args.head_dim as number;
    const queryHeads = ctx.args.num_query_heads as number, kvHeads = ctx.args.num_key_value_heads as number;
    const bias = ctx.args.use_bias !== false;
    const projection = (inDim: number, heads: number) => inDim * heads * headDim + (bias ? heads * headDim : 0);
    return projection(mq, queryHeads) + projection(mk, kvHeads) + projection(mv, kvHeads)
        + (ctx.args.use_gate === true ? projection(mq, queryHeads) : 0)
        + queryHeads * headDim * features + (bias ? features : 0);
}

/** `Attention` / `AdditiveAttention`: `(*query[:-1], value[-1])` — `compute_output_shape` checks nothing else. */
function denseAttentionOutput(inputs: readonly Shape[], ctx: RuleContext): Shape {
    checkListLength(inputs, ctx);
    const [query, value] = inputs;
    return [...query.slice(0, -1), value[value.length - 1]];
}

/** Rules of the Keras `attention` layer group (`keras/src/layers/attention/`). */
export const attentionRules: Record<string, LayerRule> = {
    /** Dot-product attention (`attention.py`): scalar `scale` with `use_scale`, scalar `concat_score_weight` with score_mode="concat". */
    Attention: {
        inputs: Arity.atLeast(2),
        argTypes: { score_mode: T.enum('dot', 'concat') },
        output: denseAttentionOutput,
        params(_inputs, ctx) {
            return (ctx.args.use_scale === true ? 1 : 0) + (ctx.args.score_mode === 'concat' ? 1 : 0);
        }
    },
    /** Bahdanau attention (`additive_attention.py`): a `scale` vector of the query's last axis with `use_scale`. */
    AdditiveAttention: {
        inputs: Arity.atLeast(2),
        output: denseAttentionOutput,
        params(inputs, ctx) {
            return ctx.args.use_scale === false ? 0 : knownLast(inputs[0], 0, 'query');
        }
    },
    MultiHeadAttention: multiHeadAttention,
    GroupQueryAttention: groupQueryAttention
};
