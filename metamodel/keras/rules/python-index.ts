/**
 * Python sequence indexing, for rules that port Keras code indexing shapes with user-given
 * axes (`input_shape[self.axis]`, `list.pop(axis)`): a negative index counts from the end,
 * and anything outside `[-length, length)` is Python's `IndexError`.
 */

/** The non-negative position `index` denotes in a sequence of `length`; `undefined` where Python raises IndexError. */
export function pythonIndex(index: number, length: number): number | undefined {
    const i = index < 0 ? index + length : index;
    return Number.isInteger(i) && i >= 0 && i < length ? i : undefined;
}

/** Python's `%` (the result has the sign of the divisor): `-1 % 3 == 2`. */
export function pythonMod(a: number, n: number): number {
    return ((a % n) + n) % n;
}
