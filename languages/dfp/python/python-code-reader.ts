/**
 * Reads an operation's Python file — read, not trusted, and never run: a real parse with
 * tree-sitter-python (WebAssembly, through web-tree-sitter), from which we take what the
 * `.dfp` checker compares with an operation's declaration:
 *
 * - the top-level classes (also decorated ones; the last definition of a name wins, as in Python);
 * - in each, the `__init__` and `execute` methods (also decorated or `async def`; the last wins);
 * - their parameters without the instance parameter (the first positional one, whatever its
 *   name, unless the method is a `@staticmethod`), with kind, annotation and default;
 * - every `return` of `execute` — not those of nested functions, classes or lambdas — with its
 *   arity and the variable name at each position.
 *
 * `*args` and `**kwargs` are not declared names: they are left out of `parameters` (so that
 * neither side of a comparison counts them) and reported separately as `varPositional` and
 * `varKeyword`. A bare `*` and `/` only set the kind of the parameters around them.
 *
 * Ranges are zero-based line/character positions as in the LSP, characters counted in UTF-16
 * code units. web-tree-sitter parses JS strings as UTF-16, so its columns already are such
 * units (not UTF-8 bytes as in the C library); a test on a line with non-ASCII and astral
 * characters holds this in place.
 *
 * Syntax errors do not stop the reading: tree-sitter recovers, the `ERROR` nodes and the
 * `MISSING` tokens it inserted are reported in `syntaxErrors`, and whatever classes and
 * methods could be recognised are returned.
 */
import { readFile } from 'node:fs/promises';
import type { Node, Parser } from 'web-tree-sitter';
import type { JsValue, Range } from '../../../metamodel/core/index.js';
import { literalToJs, readLiteral, significantChildren, type PythonLiteral } from './python-literals.js';
import { locatePythonWasmFiles } from './wasm-files.js';

export type { PythonLiteral } from './python-literals.js';

export interface PythonParameter {
    name: string;
    hasDefault: boolean;
    /** literal default as a plain value, undefined if none or not a literal */
    default?: JsValue;
    /** the default's source text */
    defaultText?: string;
    annotation?: string;
    /** The whole parameter, e.g. `batch_size: int = 32`. */
    range: Range;
    /** Extension: the parameter's name alone. */
    nameRange?: Range;
    /** Extension: how the parameter may be passed (`/` and `*` in the signature). */
    kind?: 'positional-only' | 'positional' | 'keyword-only';
    /** Extension: the literal default with its Python kind (`1.0` is a float, `1` an int). */
    literal?: PythonLiteral;
}

export interface PythonReturn {
    /**
     * number of returned values: `return a, b` → 2, `return (a, b)` → 2, `return model` → 1,
     * `return` / `return None` / no return → 0
     */
    arity: number;
    /** variable names per position, undefined for non-names */
    names: (string | undefined)[];
    range: Range;
}

export interface PythonMethod {
    /** self excluded; `*args` and `**kwargs` excluded (see varPositional / varKeyword) */
    parameters: PythonParameter[];
    returns: PythonReturn[];
    /** The `def` (from `async` if any), without its decorators. */
    range: Range;
    nameRange: Range;
    /** Extension: `*args`, if the method takes one (not a declared name). */
    varPositional?: PythonParameter;
    /** Extension: `**kwargs`, if the method takes one (not a declared name). */
    varKeyword?: PythonParameter;
    /** Extension: `async def`. */
    isAsync?: boolean;
}

export interface PythonClass {
    name: string;
    range: Range;
    nameRange: Range;
    init?: PythonMethod;
    execute?: PythonMethod;
}

export interface PythonModule {
    classes: ReadonlyMap<string, PythonClass>;
    syntaxErrors: Range[];
}

export interface PythonCodeReader {
    read(source: string): PythonModule;
}

let loading: Promise<PythonCodeReader> | undefined;
let loaded: PythonCodeReader | undefined;

/** Loads web-tree-sitter and the Python grammar once; later calls return the same promise. */
export function createPythonCodeReader(): Promise<PythonCodeReader> {
    loading ??= loadReader().then(
        reader => (loaded = reader),
        error => {
            loading = undefined;                                 // a later call may try again
            throw error;
        });
    return loading;
}

/** The reader, once {@link createPythonCodeReader} has loaded it. */
export function pythonCodeReaderSync(): PythonCodeReader | undefined {
    return loaded;
}

async function loadReader(): Promise<PythonCodeReader> {
    const files = locatePythonWasmFiles();
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init({ locateFile: () => files.runtime });
    const language = await Language.load(new Uint8Array(await readFile(files.python)));
    const parser = new Parser();
    parser.setLanguage(language);
    return new TreeSitterPythonReader(parser);
}

class TreeSitterPythonReader implements PythonCodeReader {
    constructor(private readonly parser: Parser) {}

    read(source: string): PythonModule {
        const tree = this.parser.parse(source);
        if (!tree) return { classes: new Map(), syntaxErrors: [] };
        try {
            const root = tree.rootNode;
            const classes = new Map<string, PythonClass>();
            for (const definition of definitionsIn(root)) {
                if (definition.node.type !== 'class_definition') continue;
                const cls = readClass(definition.node);
                if (cls) {
                    classes.delete(cls.name);                    // keep the map in file order of the winners
                    classes.set(cls.name, cls);
                }
            }
            return { classes, syntaxErrors: root.hasError ? syntaxErrorsIn(root) : [] };
        } finally {
            tree.delete();
        }
    }
}

interface Definition {
    /** A `class_definition` or `function_definition`. */
    readonly node: Node;
    readonly decorators: readonly Node[];
}

/**
 * The class and function definitions directly in a module or a block, unwrapping decorators,
 * and looking into the ERROR nodes of error recovery, which may hold whole definitions.
 */
function definitionsIn(container: Node): Definition[] {
    const result: Definition[] = [];
    for (const child of container.namedChildren) {
        if (!child) continue;
        if (child.type === 'class_definition' || child.type === 'function_definition') {
            result.push({ node: child, decorators: [] });
        } else if (child.type === 'decorated_definition') {
            const node = child.childForFieldName('definition');
            if (node) result.push({ node, decorators: child.namedChildren.filter((d): d is Node => d?.type === 'decorator') });
        } else if (child.type === 'ERROR') {
            result.push(...definitionsIn(child));
        }
    }
    return result;
}

function readClass(node: Node): PythonClass | undefined {
    const nameNode = node.childForFieldName('name');
    if (!nameNode || nameNode.isMissing || nameNode.text === '') return undefined;
    const cls: PythonClass = { name: nameNode.text, range: rangeOf(node), nameRange: rangeOf(nameNode) };
    const body = node.childForFieldName('body');
    if (!body) return cls;
    for (const definition of definitionsIn(body)) {
        if (definition.node.type !== 'function_definition') continue;
        const name = definition.node.childForFieldName('name')?.text;
        if (name === '__init__') cls.init = readMethod(definition, false);
        else if (name === 'execute') cls.execute = readMethod(definition, true);
    }
    return cls;
}

function readMethod(definition: Definition, withReturns: boolean): PythonMethod {
    const node = definition.node;
    const nameNode = node.childForFieldName('name')!;
    const isStatic = definition.decorators.some(decorator => {
        const expression = significantChildren(decorator)[0];
        return expression?.text === 'staticmethod';
    });
    const method: PythonMethod = {
        parameters: [],
        returns: [],
        range: rangeOf(node),
        nameRange: rangeOf(nameNode),
        isAsync: node.children.some(child => child?.type === 'async')
    };
    const parametersNode = node.childForFieldName('parameters');
    if (parametersNode) readParameters(parametersNode, !isStatic, method);
    const body = node.childForFieldName('body');
    if (withReturns && body) method.returns = returnsIn(body);
    return method;
}

function readParameters(node: Node, dropInstance: boolean, method: PythonMethod): void {
    let kind: 'positional' | 'keyword-only' = 'positional';
    let first = true;
    for (const child of significantChildren(node)) {
        const isFirst = first;
        first = false;
        switch (child.type) {
            case 'positional_separator':                         // `/`: everything before is positional-only
                for (const parameter of method.parameters) parameter.kind = 'positional-only';
                continue;
            case 'keyword_separator':                            // a bare `*`
                kind = 'keyword-only';
                continue;
            case 'list_splat_pattern':
            case 'dictionary_splat_pattern':
                setVariadic(method, child, child);
                if (child.type === 'list_splat_pattern') kind = 'keyword-only';
                continue;
        }
        let nameNode: Node | null = null;
        let typeNode: Node | null = null;
        let valueNode: Node | null = null;
        switch (child.type) {
            case 'identifier':
                nameNode = child;
                break;
            case 'typed_parameter': {
                typeNode = child.childForFieldName('type');
                const target = significantChildren(child).find(c => c.type !== 'type') ?? null;
                if (target && (target.type === 'list_splat_pattern' || target.type === 'dictionary_splat_pattern')) {
                    setVariadic(method, target, child, typeNode);
                    if (target.type === 'list_splat_pattern') kind = 'keyword-only';
                    continue;
                }
                nameNode = target?.type === 'identifier' ? target : null;
                break;
            }
            case 'default_parameter':
            case 'typed_default_parameter':
                nameNode = child.childForFieldName('name');
                typeNode = child.childForFieldName('type');
                valueNode = child.childForFieldName('value');
                break;
        }
        if (!nameNode || nameNode.type !== 'identifier') continue; // tuple parameters, error recovery
        if (isFirst && dropInstance && kind === 'positional') continue; // self (or cls)
        const parameter: PythonParameter = {
            name: nameNode.text,
            hasDefault: valueNode !== null,
            range: rangeOf(child),
            nameRange: rangeOf(nameNode),
            kind
        };
        if (typeNode) parameter.annotation = typeNode.text;
        if (valueNode) {
            parameter.defaultText = valueNode.text;
            const literal = readLiteral(valueNode);
            if (literal) {
                parameter.literal = literal;
                parameter.default = literalToJs(literal);
            }
        }
        method.parameters.push(parameter);
    }
}

function setVariadic(method: PythonMethod, pattern: Node, whole: Node, typeNode?: Node | null): void {
    const nameNode = significantChildren(pattern).find(c => c.type === 'identifier');
    const parameter: PythonParameter = {
        name: nameNode?.text ?? '',
        hasDefault: false,
        range: rangeOf(whole),
        nameRange: rangeOf(nameNode ?? pattern)
    };
    if (typeNode) parameter.annotation = typeNode.text;
    if (pattern.type === 'list_splat_pattern') method.varPositional = parameter;
    else method.varKeyword = parameter;
}

/**
 * The nodes a `return` of the method itself can be in: blocks and compound statements.
 * Nested functions, classes and lambdas are not among them (their `return`s are their own),
 * nor are simple statements and expressions (which hold none), which keeps the walk short.
 * ERROR nodes are, as error recovery may wrap statements in them.
 */
const STATEMENT_CONTAINERS = new Set([
    'block', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement',
    'try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'with_statement',
    'match_statement', 'case_clause', 'ERROR'
]);

/** The `return` statements of a function body, in code order. */
function returnsIn(body: Node): PythonReturn[] {
    const returns: PythonReturn[] = [];
    const cursor = body.walk();
    try {
        // Depth-first, in order, entering only statement containers (the body is a block).
        let descend = true;
        for (;;) {
            if (!(descend && cursor.gotoFirstChild())) {
                while (!cursor.gotoNextSibling()) {
                    if (!cursor.gotoParent() || cursor.currentDepth === 0) return returns;
                }
            }
            const type = cursor.nodeType;
            if (type === 'return_statement') returns.push(readReturn(cursor.currentNode));
            descend = STATEMENT_CONTAINERS.has(type);
        }
    } finally {
        cursor.delete();
    }
}

function readReturn(node: Node): PythonReturn {
    const range = rangeOf(node);
    let value: Node | undefined = significantChildren(node)[0];
    while (value?.type === 'parenthesized_expression') {
        const inner = significantChildren(value);
        if (inner.length !== 1) break;
        value = inner[0];
    }
    if (!value || value.type === 'none') return { arity: 0, names: [], range };
    if (value.type === 'expression_list' || value.type === 'tuple') {
        const items = significantChildren(value);
        return { arity: items.length, names: items.map(nameOf), range };
    }
    return { arity: 1, names: [nameOf(value)], range };
}

function nameOf(node: Node): string | undefined {
    return node.type === 'identifier' ? node.text : undefined;
}

/** The ERROR nodes (outermost) and MISSING tokens, in document order. */
function syntaxErrorsIn(root: Node): Range[] {
    const errors: Range[] = [];
    const visit = (node: Node): void => {
        if (node.isError) {
            errors.push(rangeOf(node));
            return;
        }
        if (node.isMissing) {
            errors.push(rangeOf(node));
            return;
        }
        if (!node.hasError) return;
        for (const child of node.children) if (child) visit(child);
    };
    visit(root);
    return errors;
}

function rangeOf(node: Node): Range {
    const start = node.startPosition;
    const end = node.endPosition;
    return { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } };
}
