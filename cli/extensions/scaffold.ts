/**
 * The files of a new extension (`deepforge extensions init <name>`): a small graph language —
 * grammar, metamodel, lowering to the model graph, validation through the core's validation
 * engine, one Handlebars generator, diagram styling, one command, tests, README and an example.
 * It builds (`deepforge extensions build`) and passes its tests (`deepforge extensions test`) as is.
 */

/** The names derived from the extension's name. */
export interface ScaffoldNames {
    /** The package and extension name (`robots`). */
    readonly name: string;
    /** The language id and file extension without its dot (`robots`). */
    readonly id: string;
    /** The grammar's name and the prefix of its AST types (`Robots`). */
    readonly pascal: string;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/** The names of an extension called `name`; throws with a clear message for a name that cannot be one. */
export function scaffoldNames(name: string): ScaffoldNames {
    if (!NAME.test(name) || name.length > 40) throw new Error(`extension name \`${name}\`: use lower case letters, digits and -, starting with a letter (at most 40 characters)`);
    const pascal = name.split('-').filter(Boolean).map(part => part[0].toUpperCase() + part.slice(1)).join('');
    if (['dfnn', 'dfp', 'dfmodel'].includes(name)) throw new Error(`extension name \`${name}\` is a built-in language's`);
    return { name, id: name, pascal };
}

/** The scaffold's files, by path relative to the extension's folder. */
export function scaffoldFiles(names: ScaffoldNames): Map<string, string> {
    const { name, id, pascal: P } = names;
    const files = new Map<string, string>();

    files.set('package.json', JSON.stringify({
        name,
        version: '0.1.0',
        description: `DeepForge extension: the ${id} language (.${id} files)`,
        type: 'module',
        private: true,
        scripts: {
            build: 'deepforge extensions build .',
            test: 'deepforge extensions test .'
        },
        deepforge: {
            extension: './out/index.js'
        }
    }, null, 2) + '\n');

    files.set('.gitignore', 'out/\ntsconfig.deepforge.json\n');

    files.set('tsconfig.json', JSON.stringify({
        '//': '`deepforge extensions build` writes tsconfig.deepforge.json: it points deepforge-ts, langium, … at the DeepForge core.',
        extends: './tsconfig.deepforge.json'
    }, null, 2) + '\n');

    files.set('langium-config.json', JSON.stringify({
        projectName: P,
        languages: [{ id, grammar: `src/${id}.langium`, fileExtensions: [`.${id}`] }],
        out: 'src/generated',
        importExtension: '.js'
    }, null, 2) + '\n');

    files.set(`src/${id}.langium`, `// The ${id} language: graphs of typed nodes with attributes, and links between them.
// AST type names carry the ${P} prefix: every language's types share one AST reflection in DeepForge.
grammar ${P}

entry ${P}Model:
    (graphs+=${P}Graph)*;

${P}Graph:
    'graph' name=ID '{' (nodes+=${P}Node | links+=${P}Link)* '}';

${P}Node:
    'node' name=ID ':' type=ID ('(' (attributes+=${P}Attribute (',' attributes+=${P}Attribute)*)? ')')? ';';

${P}Attribute:
    name=ID '=' value=${P}Value;

${P}Value:
    ${P}Int | ${P}String | ${P}Bool;

${P}Int: value=INT;
${P}String: value=STRING;
${P}Bool: value=('true' | 'false');

${P}Link:
    source=[${P}Node:ID] '->' target=[${P}Node:ID] ';';

hidden terminal WS: /\\s+/;
terminal ID: /[_a-zA-Z][\\w]*/;
terminal INT returns number: /[0-9]+/;
terminal STRING: /"[^"]*"/;
hidden terminal ML_COMMENT: /\\/\\*[\\s\\S]*?\\*\\//;
hidden terminal SL_COMMENT: /\\/\\/[^\\n\\r]*/;
`);

    files.set('src/metamodel.ts', `import { Arity, Metamodel, T } from 'deepforge-ts';

/**
 * The node types of the ${id} language. The core's validation engine checks every graph against
 * them: unknown types and attributes (with "did you mean"), types, enums, ranges, required
 * attributes and how many links each port takes.
 */
export const ${P}Metamodel = new Metamodel('${id}', [
    {
        name: 'Source',
        doc: 'Reads records.',
        attributes: [
            { name: 'path', type: T.string, required: true, doc: 'The file to read.' },
            { name: 'format', type: T.enum('csv', 'json'), default: 'csv', doc: 'The file format.' },
            { name: 'batch', type: T.int, default: 32, min: 1, max: 4096, doc: 'Records per batch.' }
        ],
        outputs: [{ name: 'out', arity: Arity.any }]
    },
    {
        name: 'Filter',
        doc: 'Keeps the records for which the condition holds.',
        attributes: [{ name: 'condition', type: T.string, required: true, doc: 'A condition on a record.' }],
        inputs: [{ name: 'in', arity: Arity.exactly(1) }],
        outputs: [{ name: 'out', arity: Arity.any }]
    },
    {
        name: 'Sink',
        doc: 'Writes records.',
        attributes: [
            { name: 'path', type: T.string, required: true, doc: 'The file to write.' },
            { name: 'append', type: T.bool, default: false, doc: 'Append instead of replacing.' }
        ],
        inputs: [{ name: 'in', arity: Arity.atLeast(1) }]
    }
]);
`);

    files.set('src/lowering.ts', `import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import {
    ValidationEngine, type AttributeAssignment, type Connection, type Diagnostic, type LoweredDocument, type ModelGraph,
    type ModelNode, type Trace, type Value
} from 'deepforge-ts';
import type { ${P}Model, ${P}Value } from './generated/ast.js';
import { ${P}Metamodel } from './metamodel.js';

/** Where an AST node (or one of its properties) is in the text. */
function traceOf(document: LangiumDocument, node: AstNode, property?: string): Trace {
    const cst = property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) ?? node.$cstNode : node.$cstNode;
    const range = cst?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { uri: document.uri.toString(), range };
}

function valueOf(document: LangiumDocument, value: ${P}Value): Value {
    const trace = traceOf(document, value);
    switch (value.$type) {
        case '${P}Int': return { kind: 'int', value: value.value, trace };
        case '${P}String': return { kind: 'string', value: value.value, trace };
        case '${P}Bool': return { kind: 'bool', value: value.value === 'true', trace };
    }
}

/**
 * Lowering: each \`graph\` becomes a model graph (nodes with their attributes, links as
 * connections into the target's input port), checked by the core's validation engine.
 */
export function lower${P}(document: LangiumDocument): LoweredDocument {
    const model = document.parseResult.value as ${P}Model;
    const engine = new ValidationEngine(${P}Metamodel);
    const diagnostics: Diagnostic[] = [];
    const graphs = model.graphs.map(graph => {
        const nodes: ModelNode[] = graph.nodes.map(node => ({
            id: node.name,
            name: node.name,
            type: node.type,
            attributes: node.attributes.map((attribute): AttributeAssignment => ({
                name: attribute.name,
                value: valueOf(document, attribute.value),
                trace: traceOf(document, attribute),
                nameTrace: traceOf(document, attribute, 'name')
            })),
            trace: traceOf(document, node),
            nameTrace: traceOf(document, node, 'name'),
            typeTrace: traceOf(document, node, 'type')
        }));
        const incoming = new Map<string, number>();
        const connections: Connection[] = [];
        for (const link of graph.links) {
            const source = link.source.ref;
            const target = link.target.ref;
            // An unresolved name is a linking error Langium already reports.
            if (!source || !target) continue;
            const port = ${P}Metamodel.get(target.type)?.inputs[0]?.name ?? 'in';
            const position = incoming.get(target.name) ?? 0;
            incoming.set(target.name, position + 1);
            connections.push({ from: { node: source.name }, to: { node: target.name, port, position }, trace: traceOf(document, link) });
        }
        const lowered: ModelGraph = {
            name: graph.name, kind: 'graph', metamodel: ${P}Metamodel.name, nodes, connections,
            inputs: [], outputs: [], trace: traceOf(document, graph), nameTrace: traceOf(document, graph, 'name')
        };
        diagnostics.push(...engine.validate(lowered).diagnostics);
        return { graph: lowered, metamodel: ${P}Metamodel };
    });
    return { graphs, diagnostics };
}

/** The lowering of the document an AST node belongs to. */
export function lowerContaining(node: AstNode): LoweredDocument {
    return lower${P}(AstUtils.getDocument(node));
}
`);

    files.set('templates/summary.md.hbs', `{{#each graphs}}
# Graph {{graph.name}}

| node | type | attributes |
| --- | --- | --- |
{{#each graph.nodes}}
| {{name}} | {{type}} | {{#each attributes}}{{name}}={{value}}{{#unless @last}}, {{/unless}}{{/each}} |
{{/each}}

{{#each graph.connections}}
- {{from.node}} → {{to.node}}
{{/each}}
{{/each}}
`);

    files.set('src/generator.ts', `import { readFileSync } from 'node:fs';
import { Handlebars, toJs, type GeneratorContribution, type LoweredDocument } from 'deepforge-ts';

/** The template sits beside \`src/\` and \`out/\`, so the same URL works from both. */
const template = Handlebars.create().compile(readFileSync(new URL('../templates/summary.md.hbs', import.meta.url), 'utf-8'), { noEscape: true });

/** The data the template sees: attribute values as plain JSON. */
function templateData(lowered: LoweredDocument) {
    return {
        graphs: lowered.graphs.map(({ graph }) => ({
            graph: {
                ...graph,
                nodes: graph.nodes.map(node => ({ ...node, attributes: node.attributes.map(a => ({ name: a.name, value: JSON.stringify(toJs(a.value)) })) }))
            }
        }))
    };
}

/** \`deepforge generate summary FILE -o DIR\`: a Markdown table of each graph's nodes and links. */
export const SummaryGenerator: GeneratorContribution = {
    id: 'summary',
    description: 'a Markdown summary of each graph: its nodes, their attributes and the links',
    generate(context) {
        const lowered = context.graph
            ? { ...context.lowered, graphs: context.lowered.graphs.filter(({ graph }) => graph.name === context.graph) }
            : context.lowered;
        return [{ path: 'summary.md', content: template(templateData(lowered)) }];
    }
};
`);

    files.set('src/index.ts', `import { readFileSync } from 'node:fs';
import type { ValidationChecks } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { defineExtension, parseDocument, type CommandContribution, type DomainLanguage } from 'deepforge-ts';
import { reflection, type ${P}AstType } from './generated/ast.js';
import { ${P}GeneratedModule } from './generated/module.js';
import { SummaryGenerator } from './generator.js';
import { lower${P}, lowerContaining } from './lowering.js';

/** Reports the model checks (the lowering's diagnostics) as the document's validation. */
function registerValidation(services: LangiumServices): void {
    const checks: ValidationChecks<${P}AstType> = {
        ${P}Model: (model, accept) => {
            for (const diagnostic of lowerContaining(model).diagnostics) {
                accept(diagnostic.severity, diagnostic.message, { node: model, range: diagnostic.trace.range, code: diagnostic.code });
            }
        }
    };
    services.validation.ValidationRegistry.register(checks);
}

/** The ${id} language, registered exactly as DeepForge's own languages are. */
export const ${P}Language: DomainLanguage = {
    id: '${id}',
    title: '${id} graphs',
    fileExtensions: ['.${id}'],
    modules: [${P}GeneratedModule as never],
    astReflection: () => reflection,
    onCreated: registerValidation,
    lower: (_services, document) => lower${P}(document),
    generators: [SummaryGenerator],
    diagram: {
        // Scoped by the language's class; every node also has \`df-node-<type>\`.
        css: '.df-${id} .df-node-Source > rect { fill: #e3f2fd; } .df-${id} .df-node-Sink > rect { fill: #e8f5e9; }'
    }
};

/** \`deepforge ${id} count FILE\`: how many graphs, nodes and links a file has. */
const CountCommand: CommandContribution = {
    name: '${id}',
    register(program, context) {
        program.command('${id}')
            .description('commands of the ${id} extension')
            .command('count')
            .description('count the graphs, nodes and links of a .${id} file')
            .argument('<file>', 'a .${id} file')
            .action(async (file: string) => {
                let text: string;
                try {
                    text = readFileSync(file, 'utf-8');
                } catch (error) {
                    context.err(\`deepforge ${id} count: cannot read \${file}: \${(error as Error).message}\`);
                    context.setExitCode(2);
                    return;
                }
                const parsed = await parseDocument(${P}Language, text);
                const graphs = parsed.lowered.graphs;
                const nodes = graphs.reduce((sum, { graph }) => sum + graph.nodes.length, 0);
                const links = graphs.reduce((sum, { graph }) => sum + graph.connections.length, 0);
                context.out(\`\${file}: \${graphs.length} graph(s), \${nodes} node(s), \${links} link(s)\`);
            });
    }
};

export default defineExtension({
    name: '${name}',
    languages: [${P}Language],
    commands: [CountCommand]
});
`);

    files.set(`test/${id}.test.ts`, `import { describe, expect, test } from 'vitest';
import { parseDocument } from 'deepforge-ts';
import extension, { ${P}Language } from '../src/index.js';

const valid = \`
graph etl {
    node read: Source(path = "in.csv", batch = 64);
    node keep: Filter(condition = "age > 18");
    node write: Sink(path = "out.csv");
    read -> keep;
    keep -> write;
}
\`;

describe('${id}', () => {
    test('the extension registers the language', () => {
        expect(extension.name).toBe('${name}');
        expect(extension.languages?.map(language => language.id)).toEqual(['${id}']);
    });

    test('a valid graph parses, links and validates without errors, and lowers to a model graph', async () => {
        const parsed = await parseDocument(${P}Language, valid);
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.lowered.diagnostics).toEqual([]);
        const [{ graph }] = parsed.lowered.graphs;
        expect(graph.nodes.map(node => node.name)).toEqual(['read', 'keep', 'write']);
        expect(graph.connections.map(c => \`\${c.from.node}->\${c.to.node}.\${c.to.port}\`)).toEqual(['read->keep.in', 'keep->write.in']);
    });

    test('the metamodel checks are reported at the right place', async () => {
        const parsed = await parseDocument(${P}Language, \`graph g {
    node read: Source(path = "in.csv", batch = 0, colour = "red");
    node keep: Filtre(condition = "x");
    node write: Sink();
}\`);
        const messages = parsed.diagnostics.map(d => \`\${d.range.start.line}: \${d.message}\`);
        expect(messages).toEqual([
            '1: \`batch\` must be in [1, 4096], got 0',
            '1: unknown argument \`colour\` for \`Source\`',
            '2: unknown type \`Filtre\` — did you mean \`Filter\`?',
            '3: missing required argument \`path\` for \`Sink\`',
            '3: \`Sink\` takes at least one input, got 0'
        ]);
        expect(parsed.diagnostics.every(d => d.severity === 1)).toBe(true);
    });

    test('a link to an unknown node is a linking error', async () => {
        const parsed = await parseDocument(${P}Language, 'graph g { node a: Source(path = "x"); a -> b; }');
        expect(parsed.diagnostics.map(d => d.message)).toEqual([expect.stringContaining("'b'")]);
    });

    test('the summary generator writes a Markdown table of each graph', async () => {
        const parsed = await parseDocument(${P}Language, valid);
        const [file] = await parsed.generate('summary');
        expect(file.path).toBe('summary.md');
        expect(file.content).toContain('# Graph etl');
        expect(file.content).toContain('| read | Source | path="in.csv", batch=64 |');
        expect(file.content).toContain('- keep → write');
    });
});
`);

    files.set(`examples/example.${id}`, `// An example ${id} file: \`deepforge check examples/example.${id}\`.
graph etl {
    node read: Source(path = "people.csv", format = "csv", batch = 64);
    node adults: Filter(condition = "age >= 18");
    node write: Sink(path = "adults.csv");
    read -> adults;
    adults -> write;
}
`);

    files.set('README.md', `# ${name}

A DeepForge extension: the \`${id}\` language (\`.${id}\` files) — graphs of typed nodes with
attributes and links between them, checked against a metamodel.

| file | what it is |
| --- | --- |
| \`src/${id}.langium\` | the grammar (Langium) |
| \`src/metamodel.ts\` | the node types: attributes (types, defaults, ranges, enums), ports with arity |
| \`src/lowering.ts\` | AST → DeepForge model graph, checked by the core's validation engine |
| \`src/generator.ts\`, \`templates/summary.md.hbs\` | the \`summary\` generator (Handlebars) |
| \`src/index.ts\` | the extension: the language's registration, validation, diagram styling, the \`${id} count\` command |
| \`test/${id}.test.ts\` | tests: parsing, validation, generation |
| \`examples/example.${id}\` | an example file |

## Build, test, use

\`\`\`sh
deepforge extensions build .        # Langium generator + TypeScript (src/ → out/), with the core's tools
deepforge extensions test .         # the tests, with the core's vitest
cd /my/project && deepforge extensions add /path/to/${name}
deepforge check examples/example.${id}
deepforge generate summary examples/example.${id} -o out-summary
deepforge ${id} count examples/example.${id}
\`\`\`

Imports of \`deepforge-ts\`, \`langium\`, \`vscode-languageserver\`, \`vscode-uri\` and \`chevrotain\` resolve to the
DeepForge core's copies: the extension has no dependencies of its own. See DeepForge's \`docs/extending.md\`.
`);
    return files;
}
