import { T } from '../../core/index.js';
import type { LayerRule, NestedLayer, RuleContext } from '../layer-rule.js';
import { formatShape, LayerError, type Dim, type Shape } from '../shape.js';
import { analyzeEinsum } from './core.js';
import { pythonIndex } from './python-index.js';

/*
 * Normalization layers (`keras/src/layers/normalization/`) return their input's shape. Their
 * weights are sized by the normalized axes, which must therefore be known (Keras cannot
 * create a weight with a None size). Keras indexes the input shape with `axis` as a Python
 * index, so `axis=0` (the batch axis) is accepted where the batch size is known.
 */

/** The axes an `axis` argument (an int or a list of ints) names. */
function axesOf(axis: unknown): number[] {
    return Array.isArray(axis) ? (axis as number[]) : [axis as number];
}

/** `compute_output_shape` of the normalization layers: every axis in range, else a ValueError. */
function checkAxes(input: Shape, axis: unknown): void {
    for (const a of axesOf(axis)) {
        if (pythonIndex(a, input.length) === undefined) {
            throw new LayerError(`\`axis\`=${a} is out of bounds for input ${formatShape(input)} of rank ${input.length}`, { argument: 'axis' });
        }
    }
}

/** The sizes of the normalized axes (`input_shape[axis]`), which size the weights and must be known. */
function normalizedSizes(input: Shape, axis: unknown): number[] {
    checkAxes(input, axis);
    const axes = [...axesOf(axis)].sort((a, b) => a - b);
    return axes.map(a => {
        const size = input[pythonIndex(a, input.length)!];
        if (size === null) {
            throw new LayerError(`axis ${a} of the input ${formatShape(input)} must be known: it sizes the layer's weights`, { input: 0 });
        }
        return size;
    });
}

const sizeOf = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/**
 * The last size of the kernel (or embeddings) that `SpectralNormalization` normalizes: its
 * non-trainable `vector_u` has shape `(1, kernel.shape[-1])`. Keras takes the wrapped layer's
 * `kernel`, else its `embeddings`, and rejects any other layer
 * (`keras/src/layers/normalization/spectral_normalization.py`, `build`).
 */
function kernelLastSize(layer: NestedLayer, input: Shape, ctx: RuleContext): number {
    const { args } = layer;
    switch (layer.type) {
        case 'Dense': return args.units as number;
        case 'EinsumDense': {
            const { kernel } = analyzeEinsum(args.equation as string, args.bias_axes as string | null, input, args.output_shape as number | Dim[]);
            return kernel[kernel.length - 1];
        }
        // Kernel `kernel_size + (in_channels // groups, filters)`.
        case 'Conv1D': case 'Conv2D': case 'Conv3D': return args.filters as number;
        // Kernel `kernel_size + (filters, in_channels)`.
        case 'Conv1DTranspose': case 'Conv2DTranspose': case 'Conv3DTranspose': {
            const channels = args.data_format === 'channels_first' ? input[1] : input[input.length - 1];
            if (channels === null) throw new LayerError(`the channels axis of the input ${formatShape(input)} must be known`, { input: 0 });
            return channels;
        }
        // Kernel `kernel_size + (in_channels, depth_multiplier)`.
        case 'DepthwiseConv1D': case 'DepthwiseConv2D': return args.depth_multiplier as number;
        case 'Embedding': case 'ReversibleEmbedding': return args.output_dim as number;
        // A spectral-normalized layer exposes the kernel it normalizes.
        case 'SpectralNormalization': return kernelLastSize(ctx.nestedLayers('layer', layer)[0], input, ctx);
        default:
            throw new LayerError(
                `\`${layer.type}\` has no \`kernel\` (nor \`embeddings\`) to normalize: wrap a layer such as Dense, Conv2D or Embedding`,
                { argument: 'layer' });
    }
}

/** `center`/`scale` weights (beta, gamma), each of `size` values. */
function affine(size: number, args: { readonly [name: string]: unknown }): number {
    return size * ((args.center ? 1 : 0) + (args.scale ? 1 : 0));
}

/** Rules of the Keras `normalization` layer group (`keras/src/layers/normalization/`). */
export const normalizationRules: Record<string, LayerRule> = {
    /**
     * Per-channel gamma/beta (trainable) and moving mean/variance (non-trainable); `renorm`
     * adds moving stddev, renorm mean and renorm stddev, non-trainable too. `axis` is one int
     * (`int(axis)` in `__init__`).
     */
    BatchNormalization: {
        argTypes: { axis: T.int },
        output(inputs, ctx) {
            checkAxes(inputs[0], ctx.args.axis);
            return inputs[0];
        },
        params(inputs, ctx) {
            const [channels] = normalizedSizes(inputs[0], ctx.args.axis);
            return { trainable: affine(channels, ctx.args), nonTrainable: channels * (ctx.args.renorm ? 5 : 2) };
        }
    },

    /** Gamma/beta per channel; the channels must split into `groups` equal groups (-1: one per channel). */
    GroupNormalization: {
        argTypes: { axis: T.int, groups: T.int },
        checkArgs(ctx) {
            const groups = ctx.args.groups as number;
            if (groups <= 0 && groups !== -1) {
                throw new LayerError(`\`groups\` must be a positive int, or -1 for one group per channel, got ${groups}`, { argument: 'groups' });
            }
        },
        output(inputs, ctx) {
            const [channels] = normalizedSizes(inputs[0], ctx.args.axis);
            const groups = ctx.args.groups === -1 ? channels : (ctx.args.groups as number);
            if (channels < groups) {
                throw new LayerError(`\`groups\`=${groups} is more than the ${channels} channels of the input ${formatShape(inputs[0])}`,
                    { argument: 'groups' });
            }
            if (channels % groups !== 0) {
                throw new LayerError(`the ${channels} channels of the input ${formatShape(inputs[0])} do not split into \`groups\`=${groups} equal groups`,
                    { argument: 'groups' });
            }
            return inputs[0];
        },
        params: (inputs, ctx) => affine(normalizedSizes(inputs[0], ctx.args.axis)[0], ctx.args)
    },

    /** Gamma/beta shaped like the normalized axes (`axis` an int or a list of ints). */
    LayerNormalization: {
        output(inputs, ctx) {
            checkAxes(inputs[0], ctx.args.axis);
            return inputs[0];
        },
        params: (inputs, ctx) => affine(sizeOf(normalizedSizes(inputs[0], ctx.args.axis)), ctx.args)
    },

    /** One `scale` weight shaped like the normalized axes. */
    RMSNormalization: {
        output(inputs, ctx) {
            checkAxes(inputs[0], ctx.args.axis);
            return inputs[0];
        },
        params: (inputs, ctx) => sizeOf(normalizedSizes(inputs[0], ctx.args.axis))
    },

    /** L2-normalizes along `axis`; no weights. */
    UnitNormalization: {
        output(inputs, ctx) {
            checkAxes(inputs[0], ctx.args.axis);
            return inputs[0];
        }
    },

    /**
     * Wraps a layer with a kernel: the wrapped layer's output and weights, plus the
     * non-trainable `vector_u` of shape `(1, kernel.shape[-1])`.
     */
    SpectralNormalization: {
        argTypes: { power_iterations: T.int },
        argRanges: { power_iterations: { min: 1 } },
        output(inputs, ctx) {
            const layer = ctx.nestedLayer('layer');
            const result = ctx.inferNested(layer, inputs);
            kernelLastSize(layer, inputs[0], ctx);
            return result.outputs;
        },
        params(inputs, ctx) {
            const layer = ctx.nestedLayer('layer');
            const { trainable, nonTrainable } = ctx.inferNested(layer, inputs);
            return { trainable, nonTrainable: nonTrainable + kernelLastSize(layer, inputs[0], ctx) };
        }
    }
};
