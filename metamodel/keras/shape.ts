/**
 * Tensor shapes and the shape arithmetic Keras uses, written to agree with Keras 3 exactly
 * (`keras/src/ops/operation_utils.py`, `keras/src/backend/common/backend_utils.py`).
 */

/** A tensor shape including the batch axis; `null` is an unknown size (Keras' `None`). */
export type Dim = number | null;
export type Shape = readonly Dim[];

/** Renders a shape as Keras prints it: `(None, 32, 32, 3)`, `(None,)`. */
export function formatShape(shape: Shape): string {
    const dims = shape.map(d => (d === null ? 'None' : String(d)));
    return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** Product of known dims; `null` if any is unknown. */
export function product(dims: readonly Dim[]): number | null {
    let p = 1;
    for (const d of dims) {
        if (d === null) return null;
        p *= d;
    }
    return p;
}

/** Product of dims that must be known (parameter counts); throws if one is not. */
export function knownProduct(dims: readonly Dim[], what: string): number {
    const p = product(dims);
    if (p === null) throw new LayerError(`${what} must be known, got None`);
    return p;
}

/**
 * A Keras-like error raised by a layer rule: construction-time argument errors and
 * build-time shape errors. `argument` and `input` say where the diagnostic belongs.
 */
export class LayerError extends Error {
    constructor(message: string, readonly at: { argument?: string; input?: number } = {}) {
        super(message);
        this.name = 'LayerError';
    }
}

/** Keras' `standardize_tuple`: an int or a tuple of `n` ints → a tuple of `n` ints. */
export function tupleOf(value: unknown, n: number, argument: string, allowZero = false): number[] {
    const values = typeof value === 'number' ? new Array<number>(n).fill(value) : Array.isArray(value) ? value : undefined;
    if (!values || values.length !== n || values.some(v => typeof v !== 'number' || !Number.isInteger(v))) {
        throw new LayerError(`\`${argument}\` must be an int or a tuple of ${n} ints, got ${JSON.stringify(value)}`, { argument });
    }
    const bad = values.find(v => (allowZero ? v < 0 : v <= 0));
    if (bad !== undefined) {
        throw new LayerError(`\`${argument}\` must be ${allowZero ? 'non-negative' : 'positive'}, got ${formatTuple(values)}`, { argument });
    }
    return values as number[];
}

export function formatTuple(values: readonly unknown[]): string {
    const parts = values.map(v => (v === null ? 'None' : String(v)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/**
 * Output length of a convolution along one axis (`compute_conv_output_shape`):
 * `valid`: floor((in - d*(k-1) - 1)/s) + 1; `same`/`causal`: floor((in-1)/s) + 1.
 */
export function convOutputLength(input: Dim, kernel: number, padding: string, stride: number, dilation = 1): Dim {
    if (input === null) return null;
    if (padding === 'valid') return Math.floor((input - dilation * (kernel - 1) - 1) / stride) + 1;
    return Math.floor((input - 1) / stride) + 1;
}

/** Output length of a pooling window along one axis (`compute_pooling_output_shape`). */
export function poolOutputLength(input: Dim, pool: number, padding: string, stride: number): Dim {
    if (input === null) return null;
    if (padding === 'valid') return Math.floor((input - pool) / stride) + 1;
    return Math.floor((input - 1) / stride) + 1;
}

/** Output length of a transposed convolution along one axis (`_get_output_shape_given_tf_padding`). */
export function deconvOutputLength(input: Dim, kernel: number, padding: string, stride: number, dilation = 1, outputPadding: number | null = null): Dim {
    if (input === null) return null;
    const kEff = dilation * (kernel - 1) + 1;
    if (outputPadding === null) {
        return padding === 'valid' ? (input - 1) * stride + Math.max(kEff, stride) : input * stride;
    }
    return padding === 'valid' ? (input - 1) * stride + kEff + outputPadding : (input - 1) * stride + (kEff % 2) + outputPadding;
}

/** Numpy-style broadcasting of two shapes (None-aware), as Keras' merge layers do; `undefined` if incompatible. */
export function broadcastShapes(a: Shape, b: Shape): Dim[] | undefined {
    const rank = Math.max(a.length, b.length);
    const out: Dim[] = [];
    for (let i = 0; i < rank; i++) {
        const x = a[a.length - rank + i] ?? 1;
        const y = b[b.length - rank + i] ?? 1;
        if (x === null || y === null) {
            const known = x === null ? y : x;
            out.push(known !== null && known !== 1 ? known : null);
        } else if (x === 1) out.push(y);
        else if (y === 1 || x === y) out.push(x);
        else return undefined;
    }
    return out;
}

/** Normalizes a possibly negative axis for a given rank; throws a LayerError when out of bounds. */
export function normalizeAxis(axis: number, rank: number, argument = 'axis'): number {
    const a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) throw new LayerError(`\`${argument}\`=${axis} is out of bounds for a rank-${rank} input`, { argument });
    return a;
}

/** Where image-like layers keep the channels axis (`data_format`; `None` means Keras' default, channels_last). */
export type DataFormat = 'channels_last' | 'channels_first';

/** The `data_format` argument of a layer (`None` → `channels_last`, the default `image_data_format()`). */
export function dataFormatOf(args: { readonly [name: string]: unknown }): DataFormat {
    return args.data_format === 'channels_first' ? 'channels_first' : 'channels_last';
}

/** A shape split into its batch axis, spatial axes and channels axis, per `data_format`. */
export interface ChannelsSplit {
    readonly batch: Dim;
    readonly spatial: Dim[];
    readonly channels: Dim;
}

/** Splits `(batch, *spatial, channels)` (or `(batch, channels, *spatial)` for channels_first). */
export function splitChannels(shape: Shape, format: DataFormat): ChannelsSplit {
    return format === 'channels_first'
        ? { batch: shape[0], channels: shape[1], spatial: shape.slice(2) }
        : { batch: shape[0], channels: shape[shape.length - 1], spatial: shape.slice(1, -1) };
}

/** The inverse of {@link splitChannels}. */
export function joinChannels(batch: Dim, spatial: readonly Dim[], channels: Dim, format: DataFormat): Dim[] {
    return format === 'channels_first' ? [batch, channels, ...spatial] : [batch, ...spatial, channels];
}

const SPATIAL_AXIS_NAMES: Readonly<Record<number, readonly string[]>> = {
    1: ['steps'],
    2: ['h', 'w'],
    3: ['d', 'h', 'w']
};

/** How the axes of an image-like input read, for rank messages: `(batch, h, w, c)`, `(batch, c, steps)`. */
export function channelsAxes(spatialRank: number, format: DataFormat): string {
    const spatial = SPATIAL_AXIS_NAMES[spatialRank] ?? Array.from({ length: spatialRank }, (_, i) => `dim${i + 1}`);
    const names = format === 'channels_first' ? ['batch', 'c', ...spatial] : ['batch', ...spatial, 'c'];
    return `(${names.join(', ')})`;
}

/**
 * Keras raises "Computed output size would be zero or negative" when a `padding="valid"` window
 * is larger than the input (`compute_conv_output_shape`, `compute_pooling_output_shape` in
 * `keras/src/ops/operation_utils.py`). Throws that error at the window argument, naming the
 * window, the input's spatial size and the output size, if some computed `output` length is ≤ 0.
 */
export function checkWindowFits(output: readonly Dim[], input: readonly Dim[], window: readonly number[], argument: string,
    dilation?: readonly number[]): void {
    const bad = output.filter((d): d is number => d !== null && d <= 0);
    if (bad.length === 0) return;
    const size = bad.every(d => d === bad[0]) ? String(bad[0]) : formatTuple(output);
    const dilated = dilation?.some(d => d > 1)
        ? ` with \`dilation_rate\` ${formatTuple(dilation)} (an effective window of ${formatTuple(window.map((k, i) => dilation[i] * (k - 1) + 1))})`
        : '';
    throw new LayerError(
        `\`${argument}\` ${formatTuple(window)}${dilated} is larger than the input ${formatTuple(input)} with padding "valid": output size would be ${size}`,
        { argument });
}
