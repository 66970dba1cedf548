import { formatValue, kindName, type JsValue, type Value } from './values.js';

/**
 * The types an attribute can have. The set is deliberately small and closed: every domain
 * metamodel (Keras layers, pipeline operations, extensions) describes its attributes with
 * these, so the generic validation engine, completion and hover work for all of them.
 */
export type AttributeType =
    | { readonly kind: 'int' }
    | { readonly kind: 'float' }
    | { readonly kind: 'bool' }
    | { readonly kind: 'string' }
    /** One of `values`; with `ignoreCase`, compared case-insensitively (Keras lower-cases `padding="SAME"`). */
    | { readonly kind: 'enum'; readonly values: readonly string[]; readonly ignoreCase?: boolean }
    /** A tuple of `length` ints; `scalar: true` also accepts one int meaning "the same for every axis" (Keras' `kernel_size=3`). */
    | { readonly kind: 'tuple'; readonly length?: number; readonly scalar?: boolean }
    /** A tensor shape without the batch axis: a tuple of positive ints or `None`. */
    | { readonly kind: 'shape' }
    | { readonly kind: 'list'; readonly of?: AttributeType }
    /** A call value such as `l2(0.01)`; `categories` names what may be called (checked by the domain). */
    | { readonly kind: 'object'; readonly categories?: readonly string[] }
    | { readonly kind: 'any' }
    | { readonly kind: 'union'; readonly options: readonly AttributeType[] }
    /** `T` or `None`. */
    | { readonly kind: 'optional'; readonly of: AttributeType };

/** Shorthands for building attribute types. */
export const T = {
    int: { kind: 'int' } as AttributeType,
    float: { kind: 'float' } as AttributeType,
    bool: { kind: 'bool' } as AttributeType,
    string: { kind: 'string' } as AttributeType,
    any: { kind: 'any' } as AttributeType,
    shape: { kind: 'shape' } as AttributeType,
    enum: (...values: string[]): AttributeType => ({ kind: 'enum', values }),
    /** An enum compared case-insensitively; values are normalized to lower case. */
    enumIgnoreCase: (...values: string[]): AttributeType => ({ kind: 'enum', values, ignoreCase: true }),
    tuple: (length?: number, scalar = false): AttributeType => ({ kind: 'tuple', length, scalar }),
    list: (of?: AttributeType): AttributeType => ({ kind: 'list', of }),
    object: (...categories: string[]): AttributeType => ({ kind: 'object', categories: categories.length ? categories : undefined }),
    union: (...options: AttributeType[]): AttributeType => ({ kind: 'union', options }),
    optional: (of: AttributeType): AttributeType => ({ kind: 'optional', of })
};

/** Describes a type the way messages and hovers show it: `int`, `"valid" | "same"`, `int or tuple of 2 ints`. */
export function describeType(type: AttributeType): string {
    switch (type.kind) {
        case 'enum': return type.values.map(v => JSON.stringify(v)).join(' | ');
        case 'tuple': {
            const tuple = type.length !== undefined ? `tuple of ${type.length} ints` : 'tuple of ints';
            return type.scalar ? `int or ${tuple}` : tuple;
        }
        case 'shape': return 'shape (tuple of ints)';
        case 'list': return type.of ? `list of ${describeType(type.of)}` : 'list';
        case 'object': return type.categories ? type.categories.join(' or ') : 'object';
        case 'union': return type.options.map(describeType).join(' or ');
        case 'optional': return `${describeType(type.of)} or None`;
        default: return type.kind;
    }
}

/** Why a value does not fit a type. `value` is the offending (sub-)value, for its range. */
export interface TypeMismatch {
    readonly kind: 'type' | 'enum';
    readonly message: string;
    readonly value: Value;
    /** For enum mismatches: the allowed values. */
    readonly allowed?: readonly string[];
}

/**
 * Checks a value against a type. Unknown values (e.g. block parameters checked on their own)
 * always fit. Returns the first mismatch, or `undefined`.
 */
export function checkValue(type: AttributeType, value: Value, attribute: string): TypeMismatch | undefined {
    if (value.kind === 'unknown') return undefined;
    const typeError = (): TypeMismatch => ({
        kind: 'type', value,
        message: `\`${attribute}\` expects ${describeType(type)}, got ${kindName(value)} \`${formatValue(value)}\``
    });
    switch (type.kind) {
        case 'any': return undefined;
        case 'int': return value.kind === 'int' ? undefined : typeError();
        case 'float': return value.kind === 'float' || value.kind === 'int' ? undefined : typeError();
        case 'bool': return value.kind === 'bool' ? undefined : typeError();
        case 'string': return value.kind === 'string' ? undefined : typeError();
        case 'enum': {
            if (value.kind !== 'string') return typeError();
            if (type.values.includes(type.ignoreCase ? value.value.toLowerCase() : value.value)) return undefined;
            return {
                kind: 'enum', value, allowed: type.values,
                message: `\`${attribute}\` expects ${describeEnum(type.values)}, got ${JSON.stringify(value.value)}`
            };
        }
        case 'tuple': {
            if (type.scalar && value.kind === 'int') return undefined;
            if (value.kind !== 'tuple' && value.kind !== 'list') return typeError();
            if (type.length !== undefined && value.items.length !== type.length) return typeError();
            const bad = value.items.find(item => item.kind !== 'int' && item.kind !== 'unknown');
            return bad ? typeError() : undefined;
        }
        case 'shape': {
            if (value.kind !== 'tuple' && value.kind !== 'list') return typeError();
            const bad = value.items.find(item => item.kind !== 'int' && item.kind !== 'none' && item.kind !== 'unknown');
            return bad ? typeError() : undefined;
        }
        case 'list': {
            if (value.kind !== 'list' && value.kind !== 'tuple') return typeError();
            if (!type.of) return undefined;
            for (const item of value.items) {
                const mismatch = checkValue(type.of, item, attribute);
                if (mismatch) {
                    // Name the list type, but point at the offending item.
                    return mismatch.kind === 'enum' ? mismatch : {
                        kind: 'type', value: mismatch.value,
                        message: `\`${attribute}\` expects ${describeType(type)}, got ${kindName(mismatch.value)} \`${formatValue(mismatch.value)}\` in the list`
                    };
                }
            }
            return undefined;
        }
        case 'object': return value.kind === 'call' ? undefined : typeError();
        case 'optional': {
            if (value.kind === 'none') return undefined;
            const mismatch = checkValue(type.of, value, attribute);
            return mismatch && mismatch.kind === 'type' && mismatch.value === value ? typeError() : mismatch;
        }
        case 'union': {
            const mismatches: TypeMismatch[] = [];
            for (const option of type.options) {
                const mismatch = checkValue(option, value, attribute);
                if (!mismatch) return undefined;
                mismatches.push(mismatch);
            }
            // A string that fits no enum option is best reported as an enum mismatch (did-you-mean).
            return mismatches.find(m => m.kind === 'enum') ?? typeError();
        }
    }
}

function describeEnum(values: readonly string[]): string {
    const quoted = values.map(v => JSON.stringify(v));
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The enum values a type accepts anywhere inside it (for completion and did-you-mean). */
export function enumValues(type: AttributeType): string[] {
    switch (type.kind) {
        case 'enum': return [...type.values];
        case 'optional': return enumValues(type.of);
        case 'union': return type.options.flatMap(enumValues);
        default: return [];
    }
}

/**
 * Normalizes a plain value the way the domain would before using it: strings of
 * case-insensitive enums become lower case. Other values are returned as they are.
 */
export function normalizeJs(type: AttributeType, value: JsValue): JsValue {
    if (typeof value !== 'string') return value;
    switch (type.kind) {
        case 'enum': return type.ignoreCase ? value.toLowerCase() : value;
        case 'optional': return normalizeJs(type.of, value);
        case 'union': {
            for (const option of type.options) {
                const normalized = normalizeJs(option, value);
                if (normalized !== value) return normalized;
            }
            return value;
        }
        default: return value;
    }
}
