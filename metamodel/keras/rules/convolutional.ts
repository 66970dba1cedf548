import { T } from '../../core/index.js';
import type { LayerRule, RuleContext } from '../layer-rule.js';
import {
    channelsAxes, checkWindowFits, convOutputLength, dataFormatOf, deconvOutputLength, formatShape, formatTuple,
    joinChannels, LayerError, splitChannels, tupleOf, type Dim, type Shape
} from '../shape.js';

/**
 * The four convolution families of Keras 3 (`keras/src/layers/convolutional/`):
 * - `conv`: `BaseConv` (Conv1D/2D/3D) — kernel `k + (C/groups, filters)`, bias `filters`;
 * - `transpose`: `BaseConvTranspose` (Conv*DTranspose) — kernel `k + (filters, C)`, bias `filters`;
 * - `depthwise`: `BaseDepthwiseConv` — kernel `k + (C, depth_multiplier)`, bias `C*depth_multiplier`;
 * - `separable`: `BaseSeparableConv` — depthwise `k + (C, dm)`, pointwise `(1…) + (C*dm, filters)`, bias `filters`.
 */
type ConvKind = 'conv' | 'transpose' | 'depthwise' | 'separable';

/** The standardized window arguments of a convolution (`standardize_tuple` in `__init__`). */
interface ConvWindow {
    readonly kernel: number[];
    readonly strides: number[];
    readonly dilation: number[];
    readonly padding: string;
    /** Transposed convolutions only; `null` lets Keras infer it. */
    readonly outputPadding: number[] | null;
}

function convWindow(ctx: RuleContext, n: number, kind: ConvKind): ConvWindow {
    const { args } = ctx;
    return {
        kernel: tupleOf(args.kernel_size, n, 'kernel_size'),
        strides: tupleOf(args.strides, n, 'strides'),
        dilation: tupleOf(args.dilation_rate, n, 'dilation_rate'),
        padding: args.padding as string,
        outputPadding: kind === 'transpose' && args.output_padding != null
            ? tupleOf(args.output_padding, n, 'output_padding', true) : null
    };
}

/** A strictly positive int argument (`filters`, `groups`, `depth_multiplier`); also checked for nested layers. */
function positive(ctx: RuleContext, argument: string): number {
    const value = ctx.args[argument];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
        throw new LayerError(`\`${argument}\` must be a positive int, got ${JSON.stringify(value)}`, { argument });
    }
    return value;
}

/** The input's channel count, which every convolution's weights need (Keras fails on `None` there). */
function knownChannels(channels: Dim, shape: Shape): number {
    if (channels === null) {
        throw new LayerError(`the channels axis of the input must be known to build the kernel, got \`${formatShape(shape)}\``, { input: 0 });
    }
    return channels;
}

/** Construct-time checks of `BaseConv.__init__` & co. */
function checkConvArgs(ctx: RuleContext, n: number, kind: ConvKind): void {
    const { strides, dilation, outputPadding } = convWindow(ctx, n, kind);
    if (kind !== 'depthwise') positive(ctx, 'filters');
    if (kind === 'depthwise' || kind === 'separable') positive(ctx, 'depth_multiplier');
    if (kind === 'conv') {
        const filters = ctx.args.filters as number;
        const groups = positive(ctx, 'groups');
        if (filters % groups !== 0) {
            throw new LayerError(`\`filters\`=${filters} must be divisible by \`groups\`=${groups}`, { argument: 'groups' });
        }
    }
    // Only BaseConv and BaseConvTranspose refuse this combination; depthwise and separable accept it.
    if ((kind === 'conv' || kind === 'transpose') && Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
        throw new LayerError(
            `\`strides\` ${formatTuple(strides)} > 1 cannot be combined with \`dilation_rate\` ${formatTuple(dilation)} > 1`,
            { argument: 'dilation_rate' });
    }
    if (outputPadding) {
        const i = outputPadding.findIndex((p, axis) => p >= strides[axis]);
        if (i >= 0) {
            throw new LayerError(
                `\`output_padding\` ${formatTuple(outputPadding)} must be smaller than \`strides\` ${formatTuple(strides)} on every axis (axis ${i}: ${outputPadding[i]} ≥ ${strides[i]})`,
                { argument: 'output_padding' });
        }
    }
}

function convOutput(inputs: readonly Shape[], ctx: RuleContext, n: number, kind: ConvKind): Shape {
    const format = dataFormatOf(ctx.args);
    const { batch, spatial, channels } = splitChannels(inputs[0], format);
    const w = convWindow(ctx, n, kind);
    if (kind === 'transpose') {
        // `compute_conv_transpose_output_shape` (keras/src/backend/common/backend_utils.py).
        const out = spatial.map((d, i) =>
            deconvOutputLength(d, w.kernel[i], w.padding, w.strides[i], w.dilation[i], w.outputPadding?.[i] ?? null));
        return joinChannels(batch, out, ctx.args.filters as number, format);
    }
    // `compute_conv_output_shape` (keras/src/ops/operation_utils.py); "causal" (Conv1D) pads like "same".
    const out = spatial.map((d, i) => convOutputLength(d, w.kernel[i], w.padding, w.strides[i], w.dilation[i]));
    checkWindowFits(out, spatial, w.kernel, 'kernel_size', w.dilation);
    if (kind === 'conv') {
        const groups = ctx.args.groups as number;
        const c = knownChannels(channels, inputs[0]);
        if (c % groups !== 0) {
            throw new LayerError(`the input's ${c} channels must be divisible by \`groups\`=${groups} (input \`${formatShape(inputs[0])}\`)`,
                { argument: 'groups' });
        }
    }
    const outChannels = kind === 'depthwise'
        ? knownChannels(channels, inputs[0]) * (ctx.args.depth_multiplier as number)
        : ctx.args.filters as number;
    return joinChannels(batch, out, outChannels, format);
}

function convParams(inputs: readonly Shape[], ctx: RuleContext, n: number, kind: ConvKind): number {
    const { channels } = splitChannels(inputs[0], dataFormatOf(ctx.args));
    const c = knownChannels(channels, inputs[0]);
    const k = tupleOf(ctx.args.kernel_size, n, 'kernel_size').reduce((a, b) => a * b, 1);
    const bias = ctx.args.use_bias !== false;
    const filters = ctx.args.filters as number;
    const dm = ctx.args.depth_multiplier as number;
    switch (kind) {
        case 'conv': return k * (c / (ctx.args.groups as number)) * filters + (bias ? filters : 0);
        case 'transpose': return k * filters * c + (bias ? filters : 0);
        case 'depthwise': return k * c * dm + (bias ? c * dm : 0);
        case 'separable': return k * c * dm + c * dm * filters + (bias ? filters : 0);
    }
}

/** The rule of a convolution layer of `n` spatial dimensions. */
function convRule(kind: ConvKind, n: number): LayerRule {
    return {
        // Keras' input_spec says `min_ndim=n+2`, but the output-shape computation then requires
        // exactly n+2 (the kernel's rank must equal the input's), so a larger rank fails too.
        rank: ctx => ({ ndim: n + 2, axes: channelsAxes(n, dataFormatOf(ctx.args)) }),
        // Only Conv1D takes "causal" (`standardize_padding(padding, allow_causal=rank == 1)` in base_conv.py).
        argTypes: kind === 'conv' && n === 1 ? { padding: T.enumIgnoreCase('valid', 'same', 'causal') } : undefined,
        argRanges: {
            filters: { min: 1 }, groups: { min: 1 }, depth_multiplier: { min: 1 },
            kernel_size: { min: 1 }, strides: { min: 1 }, dilation_rate: { min: 1 }, output_padding: { min: 0 }
        },
        checkArgs: ctx => checkConvArgs(ctx, n, kind),
        output: (inputs, ctx) => convOutput(inputs, ctx, n, kind),
        params: (inputs, ctx) => convParams(inputs, ctx, n, kind)
    };
}

/** Rules of the Keras `convolutional` layer group (`keras/src/layers/convolutional/`). */
export const convolutionalRules: Record<string, LayerRule> = {
    Conv1D: convRule('conv', 1),
    Conv2D: convRule('conv', 2),
    Conv3D: convRule('conv', 3),
    Conv1DTranspose: convRule('transpose', 1),
    Conv2DTranspose: convRule('transpose', 2),
    Conv3DTranspose: convRule('transpose', 3),
    DepthwiseConv1D: convRule('depthwise', 1),
    DepthwiseConv2D: convRule('depthwise', 2),
    SeparableConv1D: convRule('separable', 1),
    SeparableConv2D: convRule('separable', 2)
};
