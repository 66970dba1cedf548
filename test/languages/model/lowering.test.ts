import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { Metamodel, T } from '../../../metamodel/core/index.js';
import { createLanguageRegistry } from '../../../languages/builtin-languages.js';
import { createDeepForgeServices } from '../../../languages/deepforge-module.js';
import { createGenericLanguage, modelToJson, PARENT, type ModelServices } from '../../../languages/model/index.js';
import { jsonGenerator } from '../../../languages/model/generators/json-generator.js';
import { buildCatalogue, buildCatalogues, catalogueLanguage, catalogueServices, datasetsFolder, diagnosticsOf } from './helpers.js';

/** The generic model syntax: parsing, and lowering to the model graph (nodes, attributes with traces, references, connections). */

const text = (document: { textDocument: { getText(range?: unknown): string } }, range: unknown) => document.textDocument.getText(range);

describe('generic model syntax', () => {
    test('the example catalogue parses and checks without a finding', async () => {
        const document = await buildCatalogue(readFileSync(`${datasetsFolder}catalogue.dfcat`, 'utf8'));
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(diagnosticsOf(document)).toEqual([]);
    });

    test('syntax variants: `;` or `,` or line ends between properties, nodes without braces, `connect` optional, `#` comments', async () => {
        const document = await buildCatalogue([
            '# a comment',
            'Source s { url: "x"; license: "MIT", }  # trailing comment',
            'Source t',
            '{ url: "y" }',
            'Transform a { kind: "flatten" }',
            'Transform b { kind: "normalize"; params: [0.5, -1, 2e-3] }',
            'a.out -> b.in',
            'connect b.out -> a.in;'
        ].join('\n'));
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(diagnosticsOf(document)).toEqual([]);
        const { graph } = catalogueServices().model.Lowering.lower(document);
        expect(graph.nodes.map(n => `${n.type} ${n.name}`)).toEqual(['Source s', 'Source t', 'Transform a', 'Transform b']);
        expect(graph.connections.map(c => `${c.from.node}.${c.from.port} -> ${c.to.node}.${c.to.port}`)).toEqual(['a.out -> b.in', 'b.out -> a.in']);
        expect(graph.nodes[3].attributes.map(a => [a.name, a.value])).toEqual([
            ['kind', expect.objectContaining({ kind: 'string', value: 'normalize' })],
            ['params', expect.objectContaining({ kind: 'list', items: [expect.objectContaining({ kind: 'float', value: 0.5 }), expect.objectContaining({ kind: 'int', value: -1 }), expect.objectContaining({ kind: 'float', value: 0.002 })] })]
        ]);
    });

    test('lowering: one graph per file; nodes with traces of the statement, type, name and each attribute; containment as groups', async () => {
        const source = 'Dataset digits {\n    path: "sklearn:load_digits"\n    classes: 10\n    Split train { fraction: 0.8 }\n}\n';
        const document = await buildCatalogue(source);
        const lowered = catalogueLanguage.lower(catalogueServices(), document);
        expect(lowered.diagnostics).toEqual([]);
        expect(lowered.graphs).toHaveLength(1);
        const { graph, metamodel } = lowered.graphs[0];
        expect(metamodel.name).toBe('catalogue');
        expect(graph).toMatchObject({ name: 'test', kind: 'dfcat', metamodel: 'catalogue', inputs: [], outputs: [] });
        const [digits, train] = graph.nodes;
        expect(digits).toMatchObject({ id: 'digits', name: 'digits', type: 'Dataset' });
        expect(digits.group).toBeUndefined();
        expect(text(document, digits.typeTrace!.range)).toBe('Dataset');
        expect(text(document, digits.nameTrace!.range)).toBe('digits');
        expect(text(document, digits.trace.range)).toBe(source.trim());
        expect(digits.attributes.map(a => [a.name, text(document, a.trace.range), text(document, a.nameTrace!.range), text(document, a.value.trace!.range)])).toEqual([
            ['path', 'path: "sklearn:load_digits"', 'path', '"sklearn:load_digits"'],
            ['classes', 'classes: 10', 'classes', '10']
        ]);
        expect(train).toMatchObject({ id: 'train', type: 'Split', group: ['digits'], meta: { [PARENT]: 'digits' } });
    });

    test('references by name, resolved across imported files of the same language; connections with positions and traces', async () => {
        const { 'sources.dfcat': _, 'main.dfcat': main } = await buildCatalogues({
            'sources.dfcat': 'Source sk { url: "sklearn:load_digits" }\n',
            'main.dfcat': 'import "sources.dfcat"\nDataset d {\n    path: "x"\n    source: sk\n}\nTransform t { kind: "flatten" }\nconnect d.data -> t.in\n'
        });
        expect(diagnosticsOf(main)).toEqual([]);
        const { graph } = catalogueServices().model.Lowering.lower(main);
        const d = graph.nodes.find(n => n.id === 'd')!;
        expect(d.references).toHaveLength(1);
        const reference = d.references![0];
        expect(reference).toMatchObject({ name: 'source', target: 'sk', targetKind: 'Source' });
        expect([text(main, reference.trace.range), text(main, reference.nameTrace!.range), text(main, reference.targetTrace!.range)]).toEqual(['source: sk', 'source', 'sk']);
        // A reference is not an attribute.
        expect(d.attributes.map(a => a.name)).toEqual(['path']);
        expect(graph.connections).toHaveLength(1);
        const connection = graph.connections[0];
        expect(connection).toMatchObject({ from: { node: 'd', port: 'data' }, to: { node: 't', port: 'in', position: 0 } });
        expect([text(main, connection.trace.range), text(main, connection.fromTrace!.range)]).toEqual(['t.in', 'd.data']);
    });

    test('the json generator: the model with defaults filled in, references and connections', async () => {
        const document = await buildCatalogue('Source s { url: "u" }\nDataset d {\n    path: "p"\n    source: s\n    Split a { fraction: 0.5 }\n}\nTransform t { kind: "one_hot" }\nconnect d.data -> t.in\n');
        expect(catalogueLanguage.generators!.map(g => g.id)).toEqual(['json']);
        const files = await jsonGenerator.generate({ services: catalogueServices(), document, lowered: catalogueLanguage.lower(catalogueServices(), document) });
        expect(files.map(f => f.path)).toEqual(['test.json']);
        const json = JSON.parse(files[0].content as string);
        expect(json).toEqual(modelToJson(catalogueServices().model.Lowering.lower(document), 'dfcat'));
        expect(json).toEqual({
            language: 'dfcat', metamodel: 'catalogue', name: 'test',
            nodes: [
                { name: 's', type: 'Source', attributes: { url: 'u', tags: [] }, references: {}, line: 1 },
                { name: 'd', type: 'Dataset', attributes: { path: 'p', format: 'npz', normalized: false, tags: [] }, references: { source: 's' }, line: 2 },
                { name: 'a', type: 'Split', parent: 'd', attributes: { fraction: 0.5, seed: 0, stratified: true, tags: [] }, references: {}, line: 5 },
                { name: 't', type: 'Transform', attributes: { kind: 'one_hot', tags: [] }, references: {}, line: 7 }
            ],
            connections: [{ from: 'd.data', to: 't.in' }]
        });
    });
});

describe('createGenericLanguage', () => {
    test('a metamodel built in code serves as well as a metamodel file; each language keeps its own id and extensions', async () => {
        const metamodel = new Metamodel('robots', [{ name: 'Robot', doc: 'A robot.', attributes: [{ name: 'speed', type: T.int, min: 0, default: 1 }] }]);
        const robots = createGenericLanguage({ id: 'robots', title: 'Robots', fileExtensions: ['.rob'], metamodel, metamodelPath: 'robots.ts' });
        expect(robots).toMatchObject({ id: 'robots', title: 'Robots', fileExtensions: ['.rob'] });
        const services = createDeepForgeServices(EmptyFileSystem, { languages: createLanguageRegistry({ builtins: false, extensions: [robots, catalogueLanguage] }) });
        const rob = services.language<ModelServices>('robots');
        expect(rob.LanguageMetaData).toMatchObject({ languageId: 'robots', fileExtensions: ['.rob'] });
        expect(rob.model.MetamodelFile).toMatchObject({ path: 'robots.ts', name: 'robots' });
        const document = services.shared.workspace.LangiumDocumentFactory.fromString('Robot r2 { speed: -3 }\nDataset d\n', URI.parse('file:///robots/a.rob'));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        expect(diagnosticsOf(document)).toEqual(['1:18-1:20 `speed` must be ≥ 0, got -3', '2:0-2:7 unknown type `Dataset`']);
        expect(robots.lower(rob, document).graphs[0].graph).toMatchObject({ kind: 'robots', metamodel: 'robots' });
    });
});
