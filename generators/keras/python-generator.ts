import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { templatePath } from '../templates.js';
import type { KerasGenerationInput } from './graph-source.js';
import { isPythonIdentifier, pythonArguments, pythonLiteral, pythonString, type PyExpr } from './helpers/python-literal.js';
import { buildPythonModule, type PyBuild, type PyParameter, type PyStatement } from './python-model.js';

/**
 * Keras 3 Python (functional API) for `.dfnn` networks: `build_<network>()` per network, blocks
 * as functions, one line per layer with its name and only the arguments that differ from
 * Keras' defaults. Rendered by `templates/module.py.hbs`; every value goes through the
 * helpers below, which produce escaped Python literals and checked identifiers.
 */

const MAX_LINE = 88;
const INDENT = '    ';

/** Renders one statement, wrapping a long layer call black-style (arguments on their own lines). */
export function renderStatement(statement: PyStatement, indent = INDENT): string {
    const target = identifier(statement.target);
    const line = `${indent}${target} = ${pythonLiteral(statement.value)}`;
    if (line.length <= MAX_LINE) return line;
    // The call whose arguments to wrap: the constructor of `layers.X(…)(x)` or a plain call.
    const value = statement.value;
    const applied = typeof value === 'object' && value !== null && 'apply' in value ? value : undefined;
    const call = applied ? applied.apply : value;
    const suffix = applied ? `(${pythonArguments(applied.args)})` : '';
    if (typeof call !== 'object' || call === null || !('callee' in call)) return line;
    const args = [...call.args.map(pythonLiteral), ...call.kwargs.map(([k, v]) => `${identifier(k)}=${pythonLiteral(v)}`)];
    const inner = indent + INDENT;
    const head = `${indent}${target} = ${call.callee}(`;
    const oneLine = `${inner}${args.join(', ')}`;
    if (oneLine.length <= MAX_LINE) return `${head}\n${oneLine}\n${indent})${suffix}`;
    return `${head}\n${args.map(a => `${inner}${a},`).join('\n')}\n${indent})${suffix}`;
}

function identifier(name: string): string {
    if (!isPythonIdentifier(name)) throw new Error(`not a Python identifier: ${JSON.stringify(name)}`);
    return name;
}

function renderSignature(parameters: readonly PyParameter[]): string {
    const parts: string[] = [];
    let keywordOnly = false;
    for (const parameter of parameters) {
        if (parameter.keywordOnly && !keywordOnly) {
            parts.push('*');
            keywordOnly = true;
        }
        parts.push(parameter.default === undefined ? identifier(parameter.name) : `${identifier(parameter.name)}=${pythonLiteral(parameter.default)}`);
    }
    return parts.join(', ');
}

/** `x` for one tensor, `[a, b]` for several (as `keras.Model` takes them). */
function tensors(list: readonly PyExpr[]): PyExpr {
    return list.length === 1 ? list[0] : { list };
}

let environment: typeof Handlebars | undefined;

function handlebars(): typeof Handlebars {
    if (environment) return environment;
    const hb = Handlebars.create();
    hb.registerHelper('docstring', (text: string) => pythonString(text).replace(/^"|"$/g, '"""'));
    hb.registerHelper('imports', (modules: readonly string[]) => ['layers', ...modules].map(identifier).sort().join(', '));
    hb.registerHelper('signature', renderSignature);
    hb.registerHelper('statement', (statement: PyStatement) => renderStatement(statement));
    hb.registerHelper('returnValue', (values: readonly PyExpr[]) => values.map(pythonLiteral).join(', ') || 'None');
    hb.registerHelper('modelStatement', (build: PyBuild): PyStatement => ({
        target: 'model',
        value: { callee: 'keras.Model', args: [], kwargs: [['inputs', tensors(build.inputs)], ['outputs', tensors(build.outputs)], ['name', build.modelName]] }
    }));
    environment = hb;
    return hb;
}

let template: HandlebarsTemplateDelegate | undefined;

/** The Python module for the networks of `input`. Throws a GenerationError for what cannot be generated. */
export function generateKerasPython(input: KerasGenerationInput): string {
    const module = buildPythonModule(input);
    template ??= handlebars().compile(readFileSync(templatePath('keras', 'module.py.hbs'), 'utf-8'), { noEscape: true, strict: true });
    return template(module);
}
