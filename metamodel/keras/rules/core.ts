import { Arity, T } from '../../core/index.js';
import type { LayerArgs, LayerRule } from '../layer-rule.js';
import { formatShape, formatTuple, LayerError, type Dim, type Shape } from '../shape.js';
import { pythonIndex } from './python-index.js';

/**
 * `Input(shape=…)` and `InputLayer(shape=…)`: a symbolic input tensor. `keras.Input` builds an
 * `InputLayer`, whose `__init__` (`keras/src/layers/core/input_layer.py`) takes `shape` or
 * `batch_shape`, not both, and no `batch_size` with `batch_shape`.
 */
const input: LayerRule = {
    inputs: Arity.exactly(0),
    checkArgs(ctx) {
        if (ctx.args.shape == null && ctx.args.batch_shape == null) {
            throw new LayerError(`\`${ctx.type}\` needs \`shape\` (or \`batch_shape\`)`);
        }
        if (ctx.args.shape != null && ctx.args.batch_shape != null) {
            throw new LayerError(`\`${ctx.type}\` takes \`shape\` or \`batch_shape\`, not both`, { argument: 'batch_shape' });
        }
        if (ctx.args.batch_size != null && ctx.args.batch_shape != null) {
            throw new LayerError('`batch_size` cannot be given with `batch_shape` (which includes the batch size)', { argument: 'batch_size' });
        }
        // `standardize_shape`: "Negative dimensions are not allowed".
        for (const argument of ['shape', 'batch_shape']) {
            const dims = ctx.args[argument];
            if (Array.isArray(dims) && dims.some(d => typeof d === 'number' && d < 0)) {
                throw new LayerError(`\`${argument}\` ${formatTuple(dims)} has a negative size`, { argument });
            }
        }
    },
    output(_inputs, ctx): Shape {
        if (ctx.args.batch_shape != null) return ctx.args.batch_shape as Dim[];
        return [(ctx.args.batch_size as number | null) ?? null, ...(ctx.args.shape as Dim[])];
    }
};

/** A layer that returns its input unchanged and has no weights. */
const passThrough: LayerRule = { output: inputs => inputs[0] };

/** Weight counts of a layer with a LoRA-adaptable kernel. */
interface KernelCounts {
    readonly trainable: number;
    readonly nonTrainable: number;
}

/**
 * The counts of a kernel of shape `kernel` (plus `other` trainable weights, the bias) once
 * `lora_rank` is applied: Keras' `enable_lora` (Dense, EinsumDense, Embedding) freezes the
 * kernel and adds trainable `lora_kernel_a` of shape `kernel[:-1] + (rank,)` and `lora_kernel_b`
 * of shape `(rank, kernel[-1])`. A rank of None or 0 leaves LoRA off (`if self.lora_rank:`);
 * LoRA refuses a kernel constraint.
 */
function withLora(kernel: readonly number[], other: number, args: LayerArgs, constraint: string): KernelCounts {
    const size = kernel.reduce((p, d) => p * d, 1);
    const rank = args.lora_rank as number | null;
    if (!rank) return { trainable: size + other, nonTrainable: 0 };
    if (args[constraint] != null) {
        throw new LayerError(`LoRA (\`lora_rank\`) cannot be used with \`${constraint}\`; remove one of them`, { argument: 'lora_rank' });
    }
    const last = kernel[kernel.length - 1];
    const a = (size / last) * rank, b = rank * last;
    return { trainable: a + b + other, nonTrainable: size };
}

/** What `EinsumDense` derives from its equation (`_analyze_einsum_string`). */
export interface EinsumAnalysis {
    /** The kernel shape (every size known: Keras cannot create a weight with a None size). */
    readonly kernel: number[];
    readonly bias: number[] | null;
    /** The full output shape, batch axis included. */
    readonly output: Dim[];
}

/**
 * A port of Keras' `_analyze_einsum_string` / `_analyze_split_string`
 * (`keras/src/layers/core/einsum_dense.py`), quirks included: with `...` on the left, the
 * elided input axes are inserted into the output in reverse order, and `output_shape`'s None
 * entries stay None in the output even where the input size is known.
 */
export function analyzeEinsum(equation: string, biasAxes: string | null, input: Shape, outputShape: number | readonly Dim[]): EinsumAnalysis {
    const replaced = equation.replace(/\.\.\./g, '0');
    let match = /^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)/.exec(replaced);
    let leftElided = false;
    if (!match) {
        match = /^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)/.exec(replaced);
        leftElided = match !== null;
    }
    match ??= /^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0/.exec(replaced);
    if (!match) {
        throw new LayerError(`invalid \`equation\` "${equation}": it must read "ab,bc->ac", "...b,bc->...c" or "ab...,bc->ac..."`,
            { argument: 'equation' });
    }
    const [, inputSpec, weightSpec, outputSpec] = match;
    const elided = input.length - inputSpec.length;
    const output: Dim[] = [input[0], ...(typeof outputShape === 'number' ? [outputShape] : outputShape)];
    if (elided > 0 && leftElided) {
        for (let i = 1; i < elided; i++) output.splice(1, 0, input[i]);
    } else if (elided > 0) {
        for (let i = input.length - elided; i < input.length; i++) output.push(input[i]);
    }
    const inputAxis = new Map<string, number>(), outputAxis = new Map<string, number>();
    [...inputSpec].forEach((dim, i) => inputAxis.set(dim, leftElided ? i + elided - input.length : i));
    [...outputSpec].forEach((dim, i) => outputAxis.set(dim, leftElided ? i + elided : i));
    const at = (shape: readonly Dim[], index: number, dim: string, side: string): Dim => {
        const i = pythonIndex(index, shape.length);
        if (i === undefined) {
            throw new LayerError(`\`equation\` "${equation}" does not fit the ${side} ${formatShape(shape)}: no axis for '${dim}'`,
                { argument: 'equation' });
        }
        return shape[i];
    };
    for (const dim of inputSpec) {
        const inputSize = at(input, inputAxis.get(dim)!, dim, 'input');
        if (outputAxis.has(dim)) {
            const outputSize = at(output, outputAxis.get(dim)!, dim, 'output shape');
            if (outputSize !== null && outputSize !== inputSize) {
                throw new LayerError(
                    `\`output_shape\` has ${outputSize} on axis '${dim}', which the input ${formatShape(input)} has as ${inputSize ?? 'None'}`,
                    { argument: 'output_shape' });
            }
        }
    }
    for (const dim of outputSpec) {
        if (!inputSpec.includes(dim) && !weightSpec.includes(dim)) {
            throw new LayerError(`\`equation\` "${equation}": output axis '${dim}' appears neither in the input nor in the weight`,
                { argument: 'equation' });
        }
    }
    const kernel: Dim[] = [...weightSpec].map(dim => {
        if (outputAxis.has(dim)) return at(output, outputAxis.get(dim)!, dim, 'output shape');
        if (inputAxis.has(dim)) return at(input, inputAxis.get(dim)!, dim, 'input');
        throw new LayerError(`\`equation\` "${equation}": weight axis '${dim}' appears neither in the input nor in the output`,
            { argument: 'equation' });
    });
    let bias: Dim[] | null = null;
    if (biasAxes !== null) {
        const leftOffset = leftElided ? elided : 0;
        const bad = [...biasAxes].find(c => !outputSpec.includes(c));
        if (bad !== undefined || biasAxes.length === 0) {
            throw new LayerError(`\`bias_axes\` "${biasAxes}" must name axes of the output '${outputSpec}'`, { argument: 'bias_axes' });
        }
        const first = Math.min(...[...biasAxes].map(c => outputSpec.indexOf(c)));
        bias = [...outputSpec.slice(first)].map(c =>
            biasAxes.includes(c) ? at(output, outputSpec.lastIndexOf(c) + leftOffset, c, 'output shape') : 1);
        if (!leftElided) for (let i = 0; i < elided; i++) bias.push(1);
    }
    for (const [name, shape] of [['kernel', kernel], ['bias', bias]] as const) {
        if (shape?.includes(null)) {
            throw new LayerError(`the ${name} shape ${formatTuple(shape)} has an unknown size: ` +
                `give it in \`output_shape\` or make the input's size known (input ${formatShape(input)})`, { input: 0 });
        }
    }
    return { kernel: kernel as number[], bias: bias as number[] | null, output };
}

/** `EinsumDense`'s analysis of its inputs from its arguments. */
export function einsumOf(inputs: readonly Shape[], args: LayerArgs): EinsumAnalysis {
    return analyzeEinsum(args.equation as string, args.bias_axes as string | null, inputs[0], args.output_shape as number | Dim[]);
}

/** `Embedding`/`ReversibleEmbedding`: both dimensions are positive ints (`Embedding.__init__`). */
const EMBEDDING_DIMS = {
    argTypes: { input_dim: T.int, output_dim: T.int },
    argRanges: { input_dim: { min: 1 }, output_dim: { min: 1 } }
};

/** Rules of the Keras core layers (`keras/src/layers/core/`). */
export const coreRules: Record<string, LayerRule> = {
    Input: input,
    InputLayer: input,

    Dense: {
        rank: { minNdim: 2, axes: '(batch, …, features)' },
        argTypes: { lora_rank: T.optional(T.int) },
        argRanges: { units: { min: 1 }, lora_rank: { min: 0 } },
        output(inputs, ctx) {
            return [...inputs[0].slice(0, -1), ctx.args.units as number];
        },
        params(inputs, ctx) {
            const d = inputs[0][inputs[0].length - 1];
            if (d === null) throw new LayerError('the last axis of the input must be known, got None', { input: 0 });
            const units = ctx.args.units as number;
            return withLora([d, units], ctx.args.use_bias ? units : 0, ctx.args, 'kernel_constraint');
        }
    },

    EinsumDense: {
        argTypes: {
            equation: T.string,
            output_shape: T.union(T.int, T.shape),
            bias_axes: T.optional(T.string),
            lora_rank: T.optional(T.int)
        },
        argRanges: { lora_rank: { min: 0 } },
        output: (inputs, ctx) => einsumOf(inputs, ctx.args).output,
        params(inputs, ctx) {
            const { kernel, bias } = einsumOf(inputs, ctx.args);
            return withLora(kernel, bias ? bias.reduce((p, d) => p * d, 1) : 0, ctx.args, 'kernel_constraint');
        }
    },

    // Token ids of any rank → one `output_dim` vector each.
    Embedding: {
        argTypes: { ...EMBEDDING_DIMS.argTypes, lora_rank: T.optional(T.int) },
        argRanges: { ...EMBEDDING_DIMS.argRanges, lora_rank: { min: 0 } },
        output: (inputs, ctx) => [...inputs[0], ctx.args.output_dim as number],
        params: (_inputs, ctx) =>
            withLora([ctx.args.input_dim as number, ctx.args.output_dim as number], 0, ctx.args, 'embeddings_constraint')
    },

    // The forward call only: `call(x, reverse=True)` (logits over the vocabulary) cannot be written in a model.
    ReversibleEmbedding: {
        ...EMBEDDING_DIMS,
        note: 'the forward (embedding) call; the reverse call is not expressible in a model graph',
        output: (inputs, ctx) => [...inputs[0], ctx.args.output_dim as number],
        // An untied layer has its own `reverse_embeddings` of shape (output_dim, input_dim).
        params: (_inputs, ctx) => (ctx.args.input_dim as number) * (ctx.args.output_dim as number) * (ctx.args.tie_weights ? 1 : 2)
    },

    Identity: passThrough,
    Masking: passThrough
};
