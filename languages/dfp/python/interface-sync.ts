/**
 * An operation's declaration against its Python code: the comparison the `.dfp` checker
 * reports, the interface inferred when a declaration omits it, and the data of the two quick
 * fixes (the declaration rewritten from the code; a code stub from the declaration).
 *
 * Conventions (DeepForge's): `__init__` takes the attributes and the references — a parameter
 * is a reference when the declaration lists it under `references`, an attribute otherwise —
 * and `execute` takes the inputs and returns the outputs, a tuple in the declared order (one
 * output: the value itself; none: `return`, `return None` or no return).
 *
 * `*args` and `**kwargs` are not declared names: the reader leaves them out of the
 * parameters, so they neither satisfy a declared name nor ask for one.
 */
import type { PythonClass, PythonLiteral, PythonMethod, PythonParameter, PythonReturn } from './python-code-reader.js';

export interface DeclaredInterface {
    attributes: { name: string; type?: string; default?: string }[];
    references: { name: string; kind: string }[];
    inputs: { name: string; type?: string }[];
    outputs: { name: string; type?: string }[];
}

export type InterfaceMismatch =
    /** declared, not a parameter */
    | { kind: 'missing-in-code'; section: 'attributes' | 'references' | 'inputs'; name: string }
    /** a parameter not declared (an `__init__` parameter is reported under 'attributes') */
    | { kind: 'missing-in-declaration'; section: 'attributes' | 'references' | 'inputs'; name: string; parameter: PythonParameter }
    /**
     * a `return` whose arity differs from the number of declared outputs; when `execute` has
     * no `return` at all but outputs are declared, `ret` is an implicit return (arity 0) at
     * the name of `execute`
     */
    | { kind: 'return-arity'; declared: number; returned: number; ret: PythonReturn }
    | { kind: 'missing-method'; method: '__init__' | 'execute' };

/**
 * The differences between a declaration and a class, in a stable order: the `__init__` side
 * (a missing method, then declared names absent from the code in declaration order —
 * attributes, then references — then undeclared parameters in code order), the same for
 * `execute` and the inputs, then each `return` of the wrong arity in code order.
 *
 * A class without `__init__` is fine when no attribute or reference is declared (Python's
 * default constructor takes none); `execute` is always required.
 */
export function compareInterface(declared: DeclaredInterface, cls: PythonClass): InterfaceMismatch[] {
    const mismatches: InterfaceMismatch[] = [];

    const initNames = [
        ...declared.attributes.map(a => ({ section: 'attributes' as const, name: a.name })),
        ...declared.references.map(r => ({ section: 'references' as const, name: r.name }))
    ];
    if (!cls.init) {
        if (initNames.length > 0) mismatches.push({ kind: 'missing-method', method: '__init__' });
    } else {
        compareNames(initNames, cls.init, 'attributes', mismatches);
    }

    if (!cls.execute) {
        mismatches.push({ kind: 'missing-method', method: 'execute' });
        return mismatches;
    }
    compareNames(declared.inputs.map(i => ({ section: 'inputs' as const, name: i.name })), cls.execute, 'inputs', mismatches);

    const expected = declared.outputs.length;
    const returns = cls.execute.returns.length > 0
        ? cls.execute.returns
        : [{ arity: 0, names: [], range: cls.execute.nameRange }];
    for (const ret of returns) {
        if (ret.arity !== expected) mismatches.push({ kind: 'return-arity', declared: expected, returned: ret.arity, ret });
    }
    return mismatches;
}

function compareNames(
    declared: { section: 'attributes' | 'references' | 'inputs'; name: string }[],
    method: PythonMethod,
    undeclaredSection: 'attributes' | 'inputs',
    mismatches: InterfaceMismatch[]
): void {
    const parameterNames = new Set(method.parameters.map(p => p.name));
    const declaredNames = new Set(declared.map(d => d.name));
    for (const { section, name } of declared) {
        if (!parameterNames.has(name)) mismatches.push({ kind: 'missing-in-code', section, name });
    }
    for (const parameter of method.parameters) {
        if (!declaredNames.has(parameter.name)) {
            mismatches.push({ kind: 'missing-in-declaration', section: undeclaredSection, name: parameter.name, parameter });
        }
    }
}

/** The attribute types a `.dfp` declaration knows. */
const ATTRIBUTE_TYPES = new Set(['int', 'float', 'bool', 'str']);

/**
 * The interface a class implies, for an operation whose declaration omits it:
 *
 * - `__init__` parameters named in `referenceNames` are references (kind `network`), the
 *   others attributes. Without `referenceNames`, a parameter named `architecture` or
 *   `network` (or ending in `_architecture` / `_network`) is taken for a reference, as in
 *   DeepForge's tutorials.
 * - An attribute's type is its annotation when that is `int`, `float`, `bool` or `str`, else
 *   the type of its literal default; no type otherwise. Its default is the literal written
 *   in `.dfp` syntax; none when the default is not a literal.
 * - Inputs are the `execute` parameters, typed by a simple annotation (`np.ndarray` → `ndarray`).
 * - Outputs: as many as the longest `return`; each named after the first variable returned at
 *   that position, `out0`, `out1`, … when none is a name (or the name is taken).
 */
export function interfaceFromCode(cls: PythonClass, referenceNames?: ReadonlySet<string>): DeclaredInterface {
    const result: DeclaredInterface = { attributes: [], references: [], inputs: [], outputs: [] };
    for (const parameter of cls.init?.parameters ?? []) {
        if (referenceNames ? referenceNames.has(parameter.name) : looksLikeReference(parameter.name)) {
            result.references.push({ name: parameter.name, kind: 'network' });
            continue;
        }
        const type = attributeType(parameter);
        const attribute: DeclaredInterface['attributes'][number] = { name: parameter.name };
        if (type) attribute.type = type;
        if (parameter.literal) attribute.default = literalToDfp(parameter.literal, type);
        result.attributes.push(attribute);
    }
    for (const parameter of cls.execute?.parameters ?? []) {
        const type = simpleTypeName(parameter.annotation);
        result.inputs.push(type ? { name: parameter.name, type } : { name: parameter.name });
    }
    const returns = cls.execute?.returns ?? [];
    const arity = Math.max(0, ...returns.map(r => r.arity));
    const taken = new Set<string>();
    for (let i = 0; i < arity; i++) {
        let name = returns.map(r => r.names[i]).find(n => n !== undefined && !taken.has(n));
        if (name === undefined) {
            let k = i;
            while (taken.has(`out${k}`)) k++;
            name = `out${k}`;
        }
        taken.add(name);
        result.outputs.push({ name });
    }
    return result;
}

function looksLikeReference(name: string): boolean {
    return /^(architecture|network)$|_(architecture|network)$/.test(name);
}

function attributeType(parameter: PythonParameter): string | undefined {
    const annotation = parameter.annotation?.trim();
    if (annotation && ATTRIBUTE_TYPES.has(annotation)) return annotation;
    const kind = parameter.literal?.kind;
    return kind && ATTRIBUTE_TYPES.has(kind) ? kind : undefined;
}

function simpleTypeName(annotation: string | undefined): string | undefined {
    if (!annotation) return undefined;
    const match = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.exec(annotation.trim());
    return match ? match[0].split('.').pop() : undefined;
}

/** A Python literal in `.dfp` value syntax (a float-typed attribute's int default gets a `.0`). */
export function literalToDfp(literal: PythonLiteral, type?: string): string {
    switch (literal.kind) {
        case 'int':
            return type === 'float' ? floatText(literal.value) : String(literal.value);
        case 'float':
            return floatText(literal.value);
        case 'str':
            return JSON.stringify(literal.value);
        case 'bool':
            return literal.value ? 'True' : 'False';
        case 'none':
            return 'None';
        case 'tuple': {
            const items = literal.items.map(item => literalToDfp(item));
            return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
        }
        case 'list':
            return `[${literal.items.map(item => literalToDfp(item)).join(', ')}]`;
    }
}

function floatText(value: number): string {
    const text = String(value);
    return /[.eE]/.test(text) ? text : `${text}.0`;
}

/**
 * Quick fix 1: the `.dfp` text of an operation declaration matching the code, e.g.
 *
 * ```
 * operation TrainCifar {
 *     attributes { batch_size: int = 32, epochs: int = 20 }
 *     references { architecture: network }
 *     inputs images, labels
 *     outputs model
 *     code "operations/train_cifar.py"
 * }
 * ```
 *
 * Empty sections are left out. The interface is {@link interfaceFromCode}'s, with
 * `referenceNames` (an extension of the agreed signature) passed on to it — give the names of
 * the current declaration's references to keep them. Attributes whose default in the code is
 * not a literal are declared without a default and listed in a comment. `resources` (the
 * current `resources { … }` section's text) is kept as it is.
 */
export function declarationFromCode(operationName: string, cls: PythonClass, code: string, environment?: string, referenceNames?: ReadonlySet<string>, resources?: string): string {
    const declared = interfaceFromCode(cls, referenceNames);
    const indent = '    ';
    const lines = [`operation ${operationName} {`];
    if (declared.attributes.length > 0) {
        const items = declared.attributes.map(a => `${a.name}${a.type ? `: ${a.type}` : ''}${a.default !== undefined ? ` = ${a.default}` : ''}`);
        const nonLiteral = (cls.init?.parameters ?? [])
            .filter(p => p.hasDefault && !p.literal && declared.attributes.some(a => a.name === p.name))
            .map(p => `${p.name} = ${oneLine(p.defaultText ?? '')}`);
        const comment = nonLiteral.length > 0 ? `  # defaults in the code: ${nonLiteral.join(', ')}` : '';
        const single = `${indent}attributes { ${items.join(', ')} }`;
        if (single.length <= 100) {
            lines.push(single + comment);
        } else {
            lines.push(`${indent}attributes {${comment}`, ...items.map((item, i) => `${indent}${indent}${item}${i < items.length - 1 ? ',' : ''}`), `${indent}}`);
        }
    }
    if (declared.references.length > 0) {
        lines.push(`${indent}references { ${declared.references.map(r => `${r.name}: ${r.kind}`).join(', ')} }`);
    }
    const ports = (items: { name: string; type?: string }[]) => items.map(p => p.type ? `${p.name}: ${p.type}` : p.name).join(', ');
    if (declared.inputs.length > 0) lines.push(`${indent}inputs ${ports(declared.inputs)}`);
    if (declared.outputs.length > 0) lines.push(`${indent}outputs ${ports(declared.outputs)}`);
    lines.push(`${indent}code ${JSON.stringify(code)}`);
    if (environment !== undefined) lines.push(`${indent}environment ${JSON.stringify(environment)}`);
    // Not in the code: kept as written.
    if (resources !== undefined) lines.push(`${indent}${resources}`);
    lines.push('}');
    return lines.join('\n') + '\n';
}

function oneLine(text: string): string {
    return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

const PYTHON_KEYWORDS = new Set([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
    'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
    'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'
]);

/** A declared name as a Python identifier: Python's keywords and `self` get a trailing `_`. */
function pythonName(name: string): string {
    return PYTHON_KEYWORDS.has(name) || name === 'self' ? `${name}_` : name;
}

/**
 * Quick fix 2: a Python class stub implementing a declaration:
 *
 * ```python
 * class TrainCifar:
 *     def __init__(self, architecture, batch_size=32, epochs=20):
 *         self.architecture = architecture
 *         self.batch_size = batch_size
 *         self.epochs = epochs
 *
 *     def execute(self, images, labels):
 *         model = None
 *         return model
 * ```
 *
 * `__init__` takes the attributes and the references, each stored on `self`. Python wants
 * the parameters without a default first, so these come first (attributes without a
 * default, then references), then the attributes with a default, each group in declaration
 * order. `execute` takes the inputs and returns the outputs in order (a tuple for several,
 * the value for one, nothing for none); outputs that are not inputs are set to `None` first.
 * Names that are Python keywords (or `self`) get a trailing `_`.
 */
export function codeStubFromDeclaration(operationName: string, declared: DeclaredInterface): string {
    const indent = '    ';
    const required = [
        ...declared.attributes.filter(a => a.default === undefined).map(a => pythonName(a.name)),
        ...declared.references.map(r => pythonName(r.name))
    ];
    const optional = declared.attributes.filter(a => a.default !== undefined).map(a => `${pythonName(a.name)}=${oneLine(a.default!)}`);
    const stored = [
        ...declared.attributes.filter(a => a.default === undefined),
        ...declared.references,
        ...declared.attributes.filter(a => a.default !== undefined)
    ].map(item => pythonName(item.name));
    const lines = [`class ${pythonName(operationName)}:`];
    lines.push(`${indent}def __init__(${['self', ...required, ...optional].join(', ')}):`);
    if (stored.length === 0) lines.push(`${indent}${indent}pass`);
    for (const name of stored) lines.push(`${indent}${indent}self.${name} = ${name}`);
    lines.push('');
    const inputs = declared.inputs.map(i => pythonName(i.name));
    const outputs = declared.outputs.map(o => pythonName(o.name));
    lines.push(`${indent}def execute(${['self', ...inputs].join(', ')}):`);
    const assigned = new Set(inputs);
    for (const output of outputs) {
        if (assigned.has(output)) continue;
        assigned.add(output);
        lines.push(`${indent}${indent}${output} = None`);
    }
    lines.push(outputs.length === 0 ? `${indent}${indent}return` : `${indent}${indent}return ${outputs.join(', ')}`);
    return lines.join('\n') + '\n';
}
