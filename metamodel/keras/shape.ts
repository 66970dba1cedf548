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
