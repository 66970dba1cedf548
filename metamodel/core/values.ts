import type { Trace } from './source.js';

/**
 * Attribute values as written in a model: a small, Python-like value language shared by
 * every domain language. Each value keeps its trace, so a type error points at the value.
 */
export type Value =
    | IntValue
    | FloatValue
    | StringValue
    | BoolValue
    | NoneValue
    | TupleValue
    | ListValue
    | CallValue
    | UnknownValue;

interface ValueBase {
    readonly trace?: Trace;
}

export interface IntValue extends ValueBase { readonly kind: 'int'; readonly value: number }
export interface FloatValue extends ValueBase { readonly kind: 'float'; readonly value: number }
export interface StringValue extends ValueBase { readonly kind: 'string'; readonly value: string }
export interface BoolValue extends ValueBase { readonly kind: 'bool'; readonly value: boolean }
export interface NoneValue extends ValueBase { readonly kind: 'none' }
export interface TupleValue extends ValueBase { readonly kind: 'tuple'; readonly items: readonly Value[] }
export interface ListValue extends ValueBase { readonly kind: 'list'; readonly items: readonly Value[] }

/**
 * A call of a named helper object, e.g. `l2(0.01)`, `HeNormal(seed=1)` or a nested layer
 * `LSTM(64)` given to a wrapper. Its meaning is up to the domain metamodel.
 */
export interface CallValue extends ValueBase {
    readonly kind: 'call';
    readonly callee: string;
    /** Just the callee's name (`l2` in `l2(0.01)`), for diagnostics about the callee. */
    readonly calleeTrace?: Trace;
    readonly args: readonly Value[];
    /** Keyword arguments; `trace` covers the whole `name=value`, `nameTrace` just the name. */
    readonly kwargs: ReadonlyArray<{ readonly name: string; readonly value: Value; readonly nameTrace?: Trace; readonly trace?: Trace }>;
}

/**
 * A value that is not known yet, e.g. a block parameter while the block is checked on its
 * own. Type checks accept it; inference treats it as unknown.
 */
export interface UnknownValue extends ValueBase { readonly kind: 'unknown'; readonly description?: string }

/** The plain JavaScript form of a value, handed to domain rules (shape inference etc.). */
export type JsValue = number | string | boolean | null | JsValue[] | JsCall | undefined;

/** Plain form of a {@link CallValue}. */
export interface JsCall {
    readonly call: string;
    readonly args: JsValue[];
    readonly kwargs: Record<string, JsValue>;
}

export function isJsCall(value: JsValue): value is JsCall {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && 'call' in value;
}

/** Converts a value to its plain JavaScript form; unknown values become `undefined`. */
export function toJs(value: Value): JsValue {
    switch (value.kind) {
        case 'int':
        case 'float':
        case 'string':
        case 'bool':
            return value.value;
        case 'none':
            return null;
        case 'tuple':
        case 'list':
            return value.items.map(toJs);
        case 'call':
            return {
                call: value.callee,
                args: value.args.map(toJs),
                kwargs: Object.fromEntries(value.kwargs.map(kw => [kw.name, toJs(kw.value)]))
            };
        case 'unknown':
            return undefined;
    }
}

/** Converts a plain JavaScript value (e.g. a catalogue default) to a value. Arrays become tuples. */
export function fromJs(js: JsValue, trace?: Trace): Value {
    if (js === undefined) return { kind: 'unknown', trace };
    if (js === null) return { kind: 'none', trace };
    if (typeof js === 'boolean') return { kind: 'bool', value: js, trace };
    if (typeof js === 'number') return Number.isInteger(js) ? { kind: 'int', value: js, trace } : { kind: 'float', value: js, trace };
    if (typeof js === 'string') return { kind: 'string', value: js, trace };
    if (Array.isArray(js)) return { kind: 'tuple', items: js.map(item => fromJs(item, trace)), trace };
    return {
        kind: 'call', callee: js.call, args: js.args.map(a => fromJs(a, trace)),
        kwargs: Object.entries(js.kwargs).map(([name, v]) => ({ name, value: fromJs(v, trace) })), trace
    };
}

/** Whether a value is (or contains) an unknown part. */
export function containsUnknown(value: Value): boolean {
    switch (value.kind) {
        case 'unknown': return true;
        case 'tuple':
        case 'list': return value.items.some(containsUnknown);
        case 'call': return value.args.some(containsUnknown) || value.kwargs.some(kw => containsUnknown(kw.value));
        default: return false;
    }
}

/** Renders a value the way a Python/Keras user writes it: `(3, 3)`, `"same"`, `None`, `l2(0.01)`. */
export function formatValue(value: Value): string {
    switch (value.kind) {
        case 'int': return String(value.value);
        case 'float': return formatFloat(value.value);
        case 'string': return JSON.stringify(value.value);
        case 'bool': return value.value ? 'True' : 'False';
        case 'none': return 'None';
        case 'tuple': return value.items.length === 1 ? `(${formatValue(value.items[0])},)` : `(${value.items.map(formatValue).join(', ')})`;
        case 'list': return `[${value.items.map(formatValue).join(', ')}]`;
        case 'call': {
            const parts = [...value.args.map(formatValue), ...value.kwargs.map(kw => `${kw.name}=${formatValue(kw.value)}`)];
            return `${value.callee}(${parts.join(', ')})`;
        }
        case 'unknown': return value.description ?? '?';
    }
}

function formatFloat(n: number): string {
    if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
    const s = String(n);
    return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** A short name for a value's kind, as used in messages ("expects int, got string"). */
export function kindName(value: Value): string {
    switch (value.kind) {
        case 'none': return 'None';
        case 'call': return `${value.callee}(…)`;
        case 'unknown': return 'unknown';
        default: return value.kind;
    }
}
