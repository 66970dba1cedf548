import { expectCompletion, expectHover, expectSymbols } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import { buildCatalogues, catalogueServices } from './helpers.js';

/** Editor features of a data-only language, all from its metamodel file: completion, hover, outline. */

const labels = (items: CompletionItem[]) => items.map(item => item.label);

describe('completion', () => {
    const complete = () => expectCompletion(catalogueServices());

    test('at the top level: the top-level types with their doc, and `import`', async () => {
        await complete()({
            text: '<|>',
            index: 0,
            assert: ({ items }) => {
                expect(labels(items)).toEqual(['import', 'Source', 'Dataset', 'Transform']);
                expect(items[2]).toMatchObject({ detail: 'A dataset: arrays of samples and labels, in one file or fetched by a loader.' });
                expect((items[2].documentation as { value: string }).value).toContain('- `path: string (required)`');
            }
        });
    });

    test('in a node\'s braces: the attributes not written yet (detail: type and default), references, contained types, `connect`', async () => {
        await complete()({
            text: 'Dataset d {\n    path: "p"\n    <|>\n}\n',
            index: 0,
            assert: ({ items }) => {
                expect(labels(items)).toEqual(['format', 'samples', 'classes', 'shape', 'normalized', 'description', 'tags', 'source', 'connect', 'Split']);
                expect(items.find(i => i.label === 'format')).toMatchObject({
                    detail: '"npz" | "npy" | "csv" | "parquet" | "images" | "sklearn" = "npz"', textEdit: { newText: 'format: ' }
                });
                expect(items.find(i => i.label === 'classes')!.detail).toBe('int [2..100000]');
                expect(items.find(i => i.label === 'normalized')!.detail).toBe('bool = False');
                expect(items.find(i => i.label === 'source')!.detail).toBe('→ Source');
                expect((items.find(i => i.label === 'format')!.documentation as { value: string }).value).toContain('How the data is stored.');
            }
        });
    });

    test('values: enum values (replacing what is typed), True/False, references to nodes of the target type only', async () => {
        await complete()({
            text: 'Source s { url: "u" }\nDataset a { path: "p" }\nDataset d {\n    format: "n<|>\n    normalized: <|>\n    source: <|>\n}\n',
            index: 0,
            assert: ({ items }) => {
                expect(labels(items)).toEqual(['"npz"', '"npy"', '"csv"', '"parquet"', '"images"', '"sklearn"']);
                expect(items[0].textEdit).toMatchObject({ newText: '"npz"', range: { start: { line: 3, character: 12 }, end: { line: 3, character: 14 } } });
            }
        });
        await complete()({
            text: 'Source s { url: "u" }\nDataset a { path: "p" }\nDataset d {\n    format: "n<|>\n    normalized: <|>\n    source: <|>\n}\n',
            index: 1,
            expectedItems: ['True', 'False']
        });
        await complete()({
            text: 'Source s { url: "u" }\nDataset a { path: "p" }\nDataset d {\n    format: "n<|>\n    normalized: <|>\n    source: <|>\n}\n',
            index: 2,
            expectedItems: ['s']
        });
    });

    test('ports after `node.`: outputs before `->`, inputs after', async () => {
        const text = 'Dataset d { path: "p" }\nTransform t { kind: "flatten" }\nconnect d.<|> -> t.<|>\n';
        await complete()({ text, index: 0, expectedItems: ['data'] });
        await complete()({ text, index: 1, expectedItems: ['in'] });
    });

    test('nothing in comments', async () => {
        await complete()({ text: '# Data<|>\n', index: 0, expectedItems: [] });
    });
});

describe('hover', () => {
    const hover = () => expectHover(catalogueServices());
    const text = 'Source sk { url: "u" }\nDataset digits {\n    classes: 10\n    source: sk\n}\nTransform t { kind: "flatten" }\nconnect digits.data -> t.in\n';

    test('a type: lineage, doc, attributes with type/default/range, references, ports, containment', async () => {
        await hover()({
            text: text.replace('Dataset digits', 'Data<|>set digits'), index: 0,
            hover: /^```\nDataset : Entry\n```\n\nDataset catalogue\n\nA dataset: arrays of samples.*- `classes: int \[2\.\.100000\]` — The number of classes.*- `source: → Source` — Where the data comes from\..*Ports: in `raw`, out `data`\n\nContains: `Split`$/s
        });
    });

    test('an attribute: its type, default, range and doc; a reference: its target', async () => {
        await hover()({ text: text.replace('classes:', 'clas<|>ses:'), index: 0, hover: '```\nclasses: int [2..100000]\n```\n\nAttribute of `Dataset`.\n\nThe number of classes, for classification data.' });
        await hover()({ text: text.replace('source:', 'sou<|>rce:'), index: 0, hover: '```\nsource: → Source\n```\n\nReference of `Dataset` to a Source, by name.\n\nWhere the data comes from.' });
    });

    test('the node a reference names; a port of a connection with its arity', async () => {
        await hover()({ text: text.replace('source: sk', 'source: s<|>k'), index: 0, hover: /^```\nSource sk\n```\n\nin `[^`]+\.dfcat`\n\nWhere data comes from/ });
        await hover()({ text: text.replace('t.in\n', 't.i<|>n\n'), index: 0, hover: '```\ninput in: ndarray\n```\n\nInput of `Transform`, takes exactly 1.\n\nThe data it transforms.' });
        await hover()({ text: text.replace('digits.data', 'digits.da<|>ta'), index: 0, hover: '```\noutput data: ndarray\n```\n\nOutput of `Dataset`, takes any number of connections.\n\nThe samples (and labels).' });
    });
});

describe('outline', () => {
    test('nodes nested as written, with their type as detail', async () => {
        await expectSymbols(catalogueServices())({
            text: 'Source sk { url: "u" }\nDataset d {\n    path: "p"\n    Split a { fraction: 0.5 }\n}\n',
            assert: symbols => {
                expect(symbols.map(s => [s.name, s.detail, (s as { children?: Array<{ name: string; detail?: string }> }).children?.map(c => [c.name, c.detail]) ?? []])).toEqual([
                    ['sk', 'Source', []],
                    ['d', 'Dataset', [['a', 'Split']]]
                ]);
            }
        });
    });
});

describe('across files', () => {
    test('go to definition of a reference into an imported file', async () => {
        const documents = await buildCatalogues({
            'a.dfcat': 'Source sk { url: "u" }\n',
            'b.dfcat': 'import "a.dfcat"\nDataset d { path: "p"; source: sk }\n'
        });
        const services = catalogueServices();
        const links = await services.lsp.DefinitionProvider!.getDefinition(documents['b.dfcat'], {
            textDocument: { uri: documents['b.dfcat'].uri.toString() }, position: { line: 1, character: 32 }
        });
        expect(links?.map(l => [l.targetUri, l.targetSelectionRange])).toEqual([[documents['a.dfcat'].uri.toString(), { start: { line: 0, character: 7 }, end: { line: 0, character: 9 } }]]);
    });
});

describe('quick fixes', () => {
    test('did-you-mean fixes of the checks are code actions: a misspelt type, attribute and enum value', async () => {
        const documents = await buildCatalogues({ 'fix.dfcat': 'Datset d {\n    path: "p"\n}\nDataset e {\n    path: "p"\n    fromat: "nzp"\n    format: "nzp"\n}\n' });
        const document = documents['fix.dfcat'];
        const services = catalogueServices();
        const actions = await services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
            context: { diagnostics: document.diagnostics ?? [] }
        });
        const titles = (actions ?? []).map(a => a.title);
        expect(titles).toEqual(['Change to Dataset', 'Change to format', 'Remove fromat', 'Change to "npz"']);
        const first = (actions ?? [])[0] as { edit?: { changes?: Record<string, Array<{ newText: string; range: unknown }>> } };
        expect(first.edit!.changes![document.uri.toString()]).toEqual([{ newText: 'Dataset', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } } }]);
    });
});
