import { Arity, T } from '../../core/index.js';
import type { LayerRule } from '../layer-rule.js';
import { formatShape, LayerError, type Dim, type Shape } from '../shape.js';
import { pythonIndex, pythonMod } from './python-index.js';

/*
 * Keras 3 merge layers are called on a list of tensors (`Add()([a, b])`); a list of one
 * tensor is accepted (`Merge.build` only requires ≥ 1), `Subtract` and `Dot` need exactly 2.
 * None of them has weights.
 */

/**
 * Keras' `Merge._compute_elemwise_op_output_shape` (`keras/src/layers/merging/base_merge.py`):
 * right-aligned broadcasting of two shapes without their batch axis. Unlike numpy-style
 * broadcasting, an unknown size on either side gives an unknown size (`(None, 6)` with
 * `(5, 6)` → `(None, 6)`). On failure, returns the clashing axis (counted from the end) and its sizes.
 */
function elementwiseShape(a: readonly Dim[], b: readonly Dim[]): Dim[] | { clash: number; sizes: [number, number] } {
    if (a.length < b.length) {
        const swapped = elementwiseShape(b, a);
        return Array.isArray(swapped) ? swapped : { clash: swapped.clash, sizes: [swapped.sizes[1], swapped.sizes[0]] };
    }
    const lead = a.length - b.length;
    const out: Dim[] = a.slice(0, lead);
    for (let k = 0; k < b.length; k++) {
        const i = a[lead + k], j = b[k];
        if (i === null || j === null) out.push(null);
        else if (i === 1) out.push(j);
        else if (j === 1 || i === j) out.push(i);
        else return { clash: k - b.length, sizes: [i, j] };
    }
    return out;
}

/** The batch size of merged tensors: the one known batch size, else None (`Merge.build`). */
function mergedBatch(inputs: readonly Shape[]): Dim {
    const known = [...new Set(inputs.map(s => s[0]).filter((d): d is number => d !== null && d !== undefined))];
    if (known.length > 1) {
        throw new LayerError(`cannot merge tensors with different batch sizes: ${inputs.map(formatShape).join(', ')}`);
    }
    return known[0] ?? null;
}

/** An element-wise merge (`Add`, `Multiply`, …): inputs broadcast against each other, batch axis excluded. */
function elementwise(arity: Arity = Arity.atLeast(1)): LayerRule {
    return {
        inputs: arity,
        output(inputs) {
            const batch = mergedBatch(inputs);
            let shape: Dim[] = inputs[0].slice(1);
            for (let i = 1; i < inputs.length; i++) {
                const next = elementwiseShape(shape, inputs[i].slice(1));
                if (!Array.isArray(next)) {
                    throw new LayerError(
                        `inputs have incompatible shapes ${formatShape([batch, ...shape])} and ${formatShape(inputs[i])}: ` +
                        `on axis ${next.clash}, ${next.sizes[0]} vs ${next.sizes[1]} (sizes must be equal, or 1 to broadcast)`,
                        { input: i });
                }
                shape = next;
            }
            return [batch, ...shape];
        }
    };
}

/**
 * `Concatenate(axis)`: every input must have the same rank and the same sizes on every axis but
 * `axis` (unknown sizes match anything); the output size on `axis` is the sum, None if one is
 * unknown (`keras/src/layers/merging/concatenate.py`, `build` and `compute_output_shape`).
 */
const concatenate: LayerRule = {
    inputs: Arity.atLeast(1),
    // `self.axis % len(shape)` in `build`: a list or float axis is a TypeError.
    argTypes: { axis: T.int },
    output(inputs, ctx) {
        const axis = ctx.args.axis as number;
        // Keras deletes `shape[axis]` of each input (Python indexing) and compares what is left.
        const reduced = inputs.map((shape, i) => {
            const rest = [...shape];
            if (rest.length > axis) {
                const at = pythonIndex(axis, rest.length);
                if (at === undefined) {
                    throw new LayerError(`\`axis\`=${axis} is out of bounds for input ${formatShape(shape)} of rank ${shape.length}`,
                        { argument: 'axis', input: i });
                }
                rest.splice(at, 1);
            }
            return rest;
        });
        // Keras compares the reduced shapes all together: same rank, and on each axis at most one known size.
        for (let i = 1; i < inputs.length; i++) {
            if (inputs[i].length !== inputs[0].length || reduced[i].length !== reduced[0].length) {
                throw new LayerError(
                    `cannot concatenate ${formatShape(inputs[0])} and ${formatShape(inputs[i])} along axis ${axis}: ` +
                    `they have different ranks (${inputs[0].length} and ${inputs[i].length})`, { input: i });
            }
        }
        for (let k = 0; k < reduced[0].length; k++) {
            const first = reduced.findIndex(r => r[k] !== null);
            const other = reduced.findIndex(r => r[k] !== null && r[k] !== reduced[first][k]);
            if (first >= 0 && other >= 0) {
                throw new LayerError(
                    `cannot concatenate ${formatShape(inputs[first])} and ${formatShape(inputs[other])} along axis ${axis}: ` +
                    'they must match on every axis except the concatenation axis', { input: other });
            }
        }
        const out: Dim[] = [...inputs[0]];
        for (let i = 1; i < inputs.length; i++) {
            const at = pythonIndex(axis, out.length);
            const other = pythonIndex(axis, inputs[i].length);
            if (at === undefined || other === undefined) {
                throw new LayerError(`\`axis\`=${axis} is out of bounds for inputs of rank ${out.length}`, { argument: 'axis' });
            }
            const a = out[at], b = inputs[i][other];
            if (a === null || b === null) {
                out[at] = null;
                break;
            }
            out[at] = a + b;
        }
        return out;
    }
};

/**
 * `Dot(axes)`: a batched dot product of two inputs over one axis of each
 * (`keras/src/layers/merging/dot.py`). The summed axes must have equal sizes (Keras compares
 * them with `!=`, so an unknown size only matches an unknown size); the output is the first
 * shape without its axis, then the second without its batch axis and its axis, and `(batch, 1)`
 * when only the batch axis is left.
 */
const dot: LayerRule = {
    inputs: Arity.exactly(2),
    argTypes: { axes: T.union(T.int, T.tuple(2)), normalize: T.bool },
    output(inputs, ctx) {
        const [a, b] = inputs;
        const given = ctx.args.axes as number | number[];
        // An int axis below zero counts from the end of each input (`axes % len(shape)`);
        // a pair is used as given, as Python indices.
        const axes = typeof given === 'number'
            ? (given < 0 ? [pythonMod(given, a.length), pythonMod(given, b.length)] : [given, given])
            : given;
        const i = pythonIndex(axes[0], a.length), j = pythonIndex(axes[1], b.length);
        if (i === undefined || j === undefined) {
            const [bad, shape, input] = i === undefined ? [axes[0], a, 0] : [axes[1], b, 1];
            throw new LayerError(`\`axes\`: axis ${bad} is out of bounds for input ${formatShape(shape)} of rank ${shape.length}`,
                { argument: 'axes', input });
        }
        if (a[i] !== b[j]) {
            const size = (d: Dim) => (d === null ? 'None' : String(d));
            throw new LayerError(
                `cannot take the dot product of ${formatShape(a)} and ${formatShape(b)} over axes (${axes[0]}, ${axes[1]}): ` +
                `sizes ${size(a[i])} and ${size(b[j])} differ`, { argument: 'axes' });
        }
        const first = a.filter((_, k) => k !== i);
        const second = b.filter((_, k) => k !== j);
        if (second.length === 0) {
            throw new LayerError(`\`axes\`: input ${formatShape(b)} has no axis left besides the summed one`, { argument: 'axes', input: 1 });
        }
        const out = [...first, ...second.slice(1)];
        return out.length === 1 ? [...out, 1] : out;
    }
};

/** Rules of the Keras `merging` layer group (`keras/src/layers/merging/`). */
export const mergingRules: Record<string, LayerRule> = {
    Add: elementwise(),
    Average: elementwise(),
    Maximum: elementwise(),
    Minimum: elementwise(),
    Multiply: elementwise(),
    // `Subtract.build`: "should be called on exactly 2 inputs".
    Subtract: elementwise(Arity.exactly(2)),
    Concatenate: concatenate,
    Dot: dot
};
