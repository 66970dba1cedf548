/**
 * Python source for values and names. Every piece of user text that reaches generated Python
 * goes through here: strings become escaped literals, names become identifiers that are not
 * keywords. Nothing a user writes can end up in code position.
 */

/** An expression of generated Python: a literal, a tuple/list, a name, or a call of a qualified callee. */
export type PyExpr =
    | number
    | PyFloat
    | string
    | boolean
    | null
    | PyTuple
    | PyList
    | PyName
    | PyCall
    | PyConcat
    | PyApply
    | PySubscript;

/** A float that must print as a float (`1.0`, not `1`). */
export interface PyFloat { readonly float: number }
export interface PyTuple { readonly tuple: readonly PyExpr[] }
export interface PyList { readonly list: readonly PyExpr[] }
/** An identifier (already sanitized) — a variable or parameter. */
export interface PyName { readonly name: string }
/** `module.Callee(args, kw=value)`: `callee` is a dotted path of identifiers. */
export interface PyCall {
    readonly callee: string;
    readonly args: readonly PyExpr[];
    readonly kwargs: ReadonlyArray<readonly [string, PyExpr]>;
}
/** `left + right` (string concatenation for layer names inside functions). */
export interface PyConcat { readonly concat: readonly PyExpr[] }
/** `f(args)` where `f` is itself an expression: a layer applied to tensors, `layers.Dense(10)(x)`. */
export interface PyApply { readonly apply: PyExpr; readonly args: readonly PyExpr[] }
/** `x[0]`. */
export interface PySubscript { readonly item: PyExpr; readonly index: number }

/** Python's keywords (hard ones: they cannot be names). */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
    'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
    'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `text` can be used as a Python name as it is (ASCII identifier, not a keyword). */
export function isPythonIdentifier(text: string): boolean {
    return IDENTIFIER.test(text) && !PYTHON_KEYWORDS.has(text);
}

/**
 * A Python identifier for a name: invalid characters become `_`, a leading digit gets a `_`
 * in front, keywords and `taken` names get a `_` appended (then a number). The result is added
 * to `taken`.
 */
export function pythonIdentifier(name: string, taken: Set<string> = new Set()): string {
    let base = name.normalize('NFKC').replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '') base = '_';
    if (/^[0-9]/.test(base)) base = `_${base}`;
    let candidate = base;
    if (PYTHON_KEYWORDS.has(candidate) || taken.has(candidate)) candidate = `${base}_`;
    for (let n = 2; PYTHON_KEYWORDS.has(candidate) || taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    return candidate;
}

/** `ConvBlock` → `conv_block`, `InceptionNo5x5` → `inception_no5x5`, `VGG` → `vgg`. */
export function snakeCase(name: string): string {
    return name
        .replace(/PReLU/g, 'Prelu')
        .replace(/ReLU/g, 'Relu')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
        .replace(/__+/g, '_')
        .toLowerCase();
}

/**
 * A Python string literal with exactly the characters of `text`: double-quoted; backslash,
 * quote, control characters, line and paragraph separators and lone surrogates escaped;
 * other characters (unicode included) kept as they are.
 */
export function pythonString(text: string): string {
    let out = '"';
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const char = text[i];
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
            const next = text.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                out += char + text[i + 1];
                i++;
                continue;
            }
        }
        switch (char) {
            case '\\': out += '\\\\'; continue;
            case '"': out += '\\"'; continue;
            case '\n': out += '\\n'; continue;
            case '\r': out += '\\r'; continue;
            case '\t': out += '\\t'; continue;
        }
        if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${hex(code, 2)}`;
        else if (code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${hex(code, 4)}`;
        else out += char;
    }
    return `${out}"`;
}

function hex(code: number, width: number): string {
    return code.toString(16).padStart(width, '0');
}

/** A Python float literal: `1.0`, `1e-05` style exponents kept, `float("inf")` for infinities. */
export function pythonFloat(n: number): string {
    if (Number.isNaN(n)) return 'float("nan")';
    if (!Number.isFinite(n)) return n > 0 ? 'float("inf")' : '-float("inf")';
    // Python's repr: the shortest digits that round-trip (as JavaScript), in exponent form below 1e-4 and from 1e16.
    const [mantissa, exponent] = n.toExponential().split('e');
    const e = Number(exponent);
    if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    const s = String(n);
    return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** A Python int literal (`-3`); non-integers are rendered as floats. */
export function pythonNumber(n: number): string {
    if (!Number.isInteger(n)) return pythonFloat(n);
    if (Object.is(n, -0)) return '0';
    // Beyond 2^53 String() switches to exponent notation; BigInt keeps the digits.
    return Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
}

/** The Python source of an expression. */
export function pythonLiteral(value: PyExpr): string {
    if (value === null) return 'None';
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (typeof value === 'number') return pythonNumber(value);
    if (typeof value === 'string') return pythonString(value);
    if ('float' in value) return pythonFloat(value.float);
    if ('tuple' in value) {
        const items = value.tuple.map(pythonLiteral);
        return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    if ('list' in value) return `[${value.list.map(pythonLiteral).join(', ')}]`;
    if ('name' in value) {
        if (!isPythonIdentifier(value.name)) throw new Error(`not a Python identifier: ${JSON.stringify(value.name)}`);
        return value.name;
    }
    if ('concat' in value) return value.concat.map(pythonLiteral).join(' + ');
    if ('apply' in value) return `${pythonLiteral(value.apply)}(${pythonArguments(value.args)})`;
    if ('item' in value) return `${pythonLiteral(value.item)}[${pythonNumber(value.index)}]`;
    if (!value.callee.split('.').every(isPythonIdentifier)) throw new Error(`not a Python callee: ${JSON.stringify(value.callee)}`);
    return `${value.callee}(${pythonArguments(value.args, value.kwargs)})`;
}

/** `a, b, key=value`: keyword names must be identifiers. */
export function pythonArguments(args: readonly PyExpr[], kwargs: ReadonlyArray<readonly [string, PyExpr]> = []): string {
    return [
        ...args.map(pythonLiteral),
        ...kwargs.map(([key, value]) => {
            if (!isPythonIdentifier(key)) throw new Error(`not a Python keyword argument: ${JSON.stringify(key)}`);
            return `${key}=${pythonLiteral(value)}`;
        })
    ].join(', ');
}
