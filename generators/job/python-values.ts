import type { Value } from '../../metamodel/core/index.js';
import type { PyExpr } from '../keras/helpers/python-literal.js';
import { JobGenerationError } from './job-input.js';

/**
 * A step's attribute value as a Python expression (rendered by `pythonLiteral`, so strings are
 * escaped literals). Calls and unknown values cannot be passed to an operation.
 */
export function pythonValue(value: Value, where: string): PyExpr {
    switch (value.kind) {
        case 'int': return value.value;
        case 'float': return { float: value.value };
        case 'string': return value.value;
        case 'bool': return value.value;
        case 'none': return null;
        case 'tuple': return { tuple: value.items.map(item => pythonValue(item, where)) };
        case 'list': return { list: value.items.map(item => pythonValue(item, where)) };
        case 'call': throw new JobGenerationError(`${where}: a call (\`${value.callee}(…)\`) cannot be passed to an operation; give a plain value`);
        case 'unknown': throw new JobGenerationError(`${where}: the value is not known`);
    }
}

/** A manifest attribute value: JSON, with `{"tuple": […]}` for tuples and `{"float": x}` for floats JSON would read as ints (and non-finite ones). */
export type ManifestValue = number | string | boolean | null | ManifestValue[] | { readonly tuple: ManifestValue[] } | { readonly float: number | string };

/** The manifest form of a value (decoded by `deepforge.runtime.decode_value`). */
export function manifestValue(value: Value, where: string): ManifestValue {
    switch (value.kind) {
        case 'int': return value.value;
        case 'float':
            if (Number.isNaN(value.value)) return { float: 'nan' };
            if (!Number.isFinite(value.value)) return { float: value.value > 0 ? 'inf' : '-inf' };
            return Number.isInteger(value.value) ? { float: value.value } : value.value;
        case 'string': return value.value;
        case 'bool': return value.value;
        case 'none': return null;
        case 'tuple': return { tuple: value.items.map(item => manifestValue(item, where)) };
        case 'list': return value.items.map(item => manifestValue(item, where));
        case 'call': throw new JobGenerationError(`${where}: a call (\`${value.callee}(…)\`) cannot be passed to an operation; give a plain value`);
        case 'unknown': throw new JobGenerationError(`${where}: the value is not known`);
    }
}

/** JSON with object keys sorted (at every depth): the canonical form content hashes are taken of. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
