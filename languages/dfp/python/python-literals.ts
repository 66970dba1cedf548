/**
 * Python literals read from a tree-sitter-python syntax tree: numbers (with a sign), strings
 * (with their escapes), `True`/`False`/`None`, and tuples and lists of those. Anything else
 * (a name, a call, an f-string with a replacement field, bytes, a dict) is not a literal.
 *
 * A literal keeps its Python kind, so that `1.0` stays a float and `1` an int when it is
 * turned into a plain value (a JS number for both) or written back as text.
 */
import type { Node } from 'web-tree-sitter';
import type { JsValue } from '../../../metamodel/core/index.js';

export type PythonLiteral =
    | { readonly kind: 'int' | 'float'; readonly value: number }
    | { readonly kind: 'str'; readonly value: string }
    | { readonly kind: 'bool'; readonly value: boolean }
    | { readonly kind: 'none' }
    | { readonly kind: 'tuple' | 'list'; readonly items: readonly PythonLiteral[] };

/** The literal an expression node denotes, or undefined if it is not a literal. */
export function readLiteral(node: Node): PythonLiteral | undefined {
    switch (node.type) {
        case 'integer':
            return readInteger(node.text);
        case 'float':
            return readFloat(node.text);
        case 'true':
            return { kind: 'bool', value: true };
        case 'false':
            return { kind: 'bool', value: false };
        case 'none':
            return { kind: 'none' };
        case 'unary_operator': {
            const operator = node.childForFieldName('operator')?.type;
            const argument = node.childForFieldName('argument');
            if ((operator !== '-' && operator !== '+') || !argument) return undefined;
            const inner = readLiteral(argument);
            if (!inner || (inner.kind !== 'int' && inner.kind !== 'float')) return undefined;
            return operator === '-' ? { kind: inner.kind, value: -inner.value } : inner;
        }
        case 'parenthesized_expression': {
            const inner = significantChildren(node);
            return inner.length === 1 ? readLiteral(inner[0]) : undefined;
        }
        case 'tuple':
        case 'list': {
            const items: PythonLiteral[] = [];
            for (const child of significantChildren(node)) {
                const item = readLiteral(child);
                if (!item) return undefined;
                items.push(item);
            }
            return { kind: node.type, items };
        }
        case 'string': {
            const value = readString(node);
            return value === undefined ? undefined : { kind: 'str', value };
        }
        case 'concatenated_string': {
            let value = '';
            for (const part of significantChildren(node)) {
                const text = part.type === 'string' ? readString(part) : undefined;
                if (text === undefined) return undefined;
                value += text;
            }
            return { kind: 'str', value };
        }
        default:
            return undefined;
    }
}

/** A literal as a plain value: numbers, strings, booleans, `null` for `None`, arrays for tuples and lists. */
export function literalToJs(literal: PythonLiteral): JsValue {
    switch (literal.kind) {
        case 'int':
        case 'float':
        case 'str':
        case 'bool':
            return literal.value;
        case 'none':
            return null;
        case 'tuple':
        case 'list':
            return literal.items.map(literalToJs);
    }
}

/** Named children that are part of the expression (comments are extras and may appear anywhere). */
export function significantChildren(node: Node): Node[] {
    return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

function readInteger(text: string): PythonLiteral | undefined {
    const digits = text.replace(/_/g, '');
    if (/[jJ]$/.test(digits)) return undefined;                // imaginary
    let value: number;
    if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
    else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
    else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
    else value = Number(digits);
    return Number.isFinite(value) ? { kind: 'int', value } : undefined;
}

function readFloat(text: string): PythonLiteral | undefined {
    const digits = text.replace(/_/g, '');
    if (/[jJ]$/.test(digits)) return undefined;
    const value = Number(digits);
    return Number.isFinite(value) ? { kind: 'float', value } : undefined;
}

/** The value of one `string` node, or undefined for bytes and f-strings with replacement fields. */
function readString(node: Node): string | undefined {
    const start = node.children.find(child => child?.type === 'string_start');
    const end = node.children.find(child => child?.type === 'string_end');
    if (!start || !end) return undefined;
    if (node.children.some(child => child?.type === 'interpolation')) return undefined;
    const prefix = start.text.replace(/["']+$/, '').toLowerCase();
    if (prefix.includes('b')) return undefined;
    // The content is everything between the opening and the closing quotes, as written.
    const content = node.text.slice(start.endIndex - node.startIndex, end.startIndex - node.startIndex);
    if (prefix.includes('r')) return content;
    return decodeEscapes(content, prefix.includes('f'));
}

const SIMPLE_ESCAPES: Record<string, string> = {
    '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v'
};

/** Python's escape sequences in a non-raw string; undefined for `\N{…}` (named characters). */
function decodeEscapes(content: string, fString: boolean): string | undefined {
    let out = '';
    for (let i = 0; i < content.length; i++) {
        const c = content[i];
        if (fString && (c === '{' || c === '}') && content[i + 1] === c) {
            out += c;
            i++;
            continue;
        }
        if (c !== '\\' || i + 1 >= content.length) {
            out += c;
            continue;
        }
        const next = content[i + 1];
        if (next in SIMPLE_ESCAPES) {
            out += SIMPLE_ESCAPES[next];
            i++;
        } else if (next === '\n') {
            i++;                                                 // line continuation
        } else if (next === '\r') {
            i += content[i + 2] === '\n' ? 2 : 1;
        } else if (next >= '0' && next <= '7') {
            let j = i + 1;
            while (j < content.length && j < i + 4 && content[j] >= '0' && content[j] <= '7') j++;
            out += String.fromCodePoint(parseInt(content.slice(i + 1, j), 8));
            i = j - 1;
        } else if (next === 'x' || next === 'u' || next === 'U') {
            const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
            const hex = content.slice(i + 2, i + 2 + length);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) return undefined;
            const code = parseInt(hex, 16);
            if (code > 0x10ffff) return undefined;
            out += String.fromCodePoint(code);
            i += 1 + length;
        } else if (next === 'N') {
            return undefined;
        } else {
            out += c;                                            // unknown escapes stay as written
        }
    }
    return out;
}
