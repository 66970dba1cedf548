import type { JsValue } from '../../../core/index.js';
import type { RuleContext } from '../../layer-rule.js';
import { LayerError } from '../../shape.js';

/**
 * Argument checks shared by the Keras preprocessing layers. Each helper reproduces one
 * validation routine of `keras/src/layers/preprocessing/…` exactly, including its quirks,
 * so that our checker rejects precisely what Keras rejects at construction.
 */

/** Inclusive `[low, high]` bounds of a factor (Keras' `_FACTOR_BOUNDS`). */
export type Bounds = readonly [number, number];

/** Python's `isinstance(x, (int, float))`: numbers and booleans. */
function isNumber(value: JsValue): value is number | boolean {
    return typeof value === 'number' || typeof value === 'boolean';
}

function show(value: JsValue): string {
    if (value === null) return 'None';
    if (Array.isArray(value)) return `(${value.map(show).join(', ')}${value.length === 1 ? ',' : ''})`;
    if (typeof value === 'object') return `${value?.call}(…)`;
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * `BaseImagePreprocessingLayer._set_factor` (and the `_set_factor_by_name` copies of
 * RandomErasing/RandomElasticTransform/RandomGaussianBlur): a number within `bounds`, or a pair
 * whose first item is ≤ the upper bound and whose second is ≥ the lower bound — Keras checks
 * nothing more of a pair, so `(0.5, 3.0)` passes with bounds `[0, 1]`.
 * Returns the normalized `(lower, upper)` pair.
 */
export function checkBaseFactor(value: JsValue, bounds: Bounds, argument: string): [number, number] {
    const [low, high] = bounds;
    const error = () => new LayerError(
        `\`${argument}\` must be a number or a pair of numbers in the range [${low}, ${high}], got ${show(value)}`,
        { argument });
    if (Array.isArray(value)) {
        if (value.length !== 2 || !value.every(isNumber)) throw error();
        const [a, b] = value.map(Number);
        if (a > high || b < low) throw error();
        return a <= b ? [a, b] : [b, a];
    }
    if (isNumber(value)) {
        const f = Number(value);
        if (f < low || f > high) throw error();
        return [Math.max(-Math.abs(f), low), Math.abs(f)];
    }
    throw error();
}

/**
 * The factor check of RandomShear, RandomTranslation, RandomZoom and Solarization
 * (`_set_factor(_with_name)` + `_check_factor_range`): a number or a pair, every number within
 * `[low, high]` (`(low, high]` when `lowExclusive`, RandomZoom's `(-1, 1]`).
 */
export function checkEachFactor(value: JsValue, bounds: Bounds, argument: string, lowExclusive = false): void {
    const [low, high] = bounds;
    const range = `${lowExclusive ? '(' : '['}${low}, ${high}]`;
    const items = Array.isArray(value) ? value : [value];
    if ((Array.isArray(value) && value.length !== 2) || !items.every(isNumber)) {
        throw new LayerError(`\`${argument}\` must be a number or a pair of numbers in the range ${range}, got ${show(value)}`, { argument });
    }
    for (const item of items.map(Number)) {
        if (item > high || item < low || (lowExclusive && item === low)) {
            throw new LayerError(`\`${argument}\` must be in the range ${range}, got ${show(value)}`, { argument });
        }
    }
}

/** `_set_value_range`: a list or tuple of two items (the layers that validate it). */
export function checkValueRange(value: JsValue, argument = 'value_range'): void {
    if (!Array.isArray(value) || value.length !== 2) {
        throw new LayerError(`\`${argument}\` must be a list of two numbers, e.g. (0, 255), got ${show(value)}`, { argument });
    }
}

/** Base-layer keyword arguments with their defaults (a layer without `**kwargs` rejects other values). */
const BASE_DEFAULTS: Readonly<Record<string, JsValue>> = {
    activity_regularizer: null, trainable: true, dtype: null, autocast: true, input_shape: null, input_dim: null
};

/**
 * Layers whose `__init__` has no `**kwargs` (Discretization, Pipeline) raise
 * `TypeError: __init__() got an unexpected keyword argument` for the base-layer arguments
 * they do not list; only a non-default value can tell that one was passed.
 */
export function rejectBaseKwargs(ctx: RuleContext, accepted: readonly string[]): void {
    for (const [name, fallback] of Object.entries(BASE_DEFAULTS)) {
        if (accepted.includes(name)) continue;
        const value = ctx.args[name];
        if (value !== undefined && value !== fallback) {
            throw new LayerError(`\`${ctx.type}\` does not take the argument \`${name}\``, { argument: name });
        }
    }
}

/** Python's `int(x)` succeeds: numbers, booleans and integer strings. */
export function checkIntConvertible(value: JsValue, argument: string): void {
    const ok = isNumber(value) || (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value));
    if (!ok) throw new LayerError(`\`${argument}\` must be an integer, got ${show(value)}`, { argument });
}

/** numpy's `np.shape` of a (nested) list or number; `undefined` for ragged nesting. */
export function arrayShape(value: JsValue): number[] | undefined {
    if (!Array.isArray(value)) return [];
    if (value.length === 0) return [0];
    const inner = value.map(arrayShape);
    const first = inner[0];
    if (!first || inner.some(s => !s || s.length !== first.length || s.some((d, i) => d !== first[i]))) return undefined;
    return [value.length, ...first];
}

export { show as showValue };
