import { describe, expect, test } from 'vitest';
import { buildCatalogue, buildCatalogues, diagnosticsOf } from './helpers.js';

/**
 * Every check of a data-only language follows from its metamodel file; each finding sits at the
 * exact range it concerns (`line:column-line:column`, one-based lines, zero-based columns).
 */

async function check(text: string): Promise<string[]> {
    return diagnosticsOf(await buildCatalogue(text));
}

describe('diagnostics of the generic model syntax', () => {
    test('unknown type (with did-you-mean), abstract type, unknown attribute (with did-you-mean)', async () => {
        expect(await check('Datset a\nEntry b\nSource c {\n    url: "u"\n    licence: "MIT"\n}\n')).toEqual([
            '1:0-1:6 unknown type `Datset` — did you mean `Dataset`?',
            '2:0-2:5 `Entry` is abstract and cannot be used directly',
            '5:4-5:11 unknown argument `licence` for `Source` — did you mean `license`?'
        ]);
    });

    test('wrong value type, out of range, enum (with did-you-mean), missing required attribute, duplicate attribute', async () => {
        expect(await check([
            'Dataset d {',
            '    path: 42',
            '    classes: 1',
            '    samples: 2.5',
            '    format: "nzp"',
            '    normalized: "yes"',
            '    shape: (8, "x")',
            '    classes: 3',
            '}',
            'Transform t { params: [1, "a"] }'
        ].join('\n'))).toEqual([
            '2:10-2:12 `path` expects string, got int `42`',
            '3:13-3:14 `classes` must be in [2, 100000], got 1',
            '4:13-4:16 `samples` expects int, got float `2.5`',
            '5:12-5:17 `format` expects "npz", "npy", "csv", "parquet", "images" or "sklearn", got "nzp" — did you mean "npz"?',
            '6:16-6:21 `normalized` expects bool, got string `"yes"`',
            '7:11-7:19 `shape` expects shape (tuple of ints), got tuple `(8, "x")`',
            '8:4-8:14 `Dataset` got multiple values for argument `classes`',
            '10:0-10:9 missing required argument `kind` for `Transform`',
            '10:0-10:9 `Transform` takes exactly one input, got 0',
            '10:26-10:29 `params` expects list of float, got string `"a"` in the list'
        ]);
    });

    test('port arity (too many, too few), unknown ports on either end (with did-you-mean), unknown nodes in connections', async () => {
        expect(await check([
            'Transform a { kind: "flatten" }',
            'Transform b { kind: "flatten" }',
            'Transform c { kind: "flatten" }',
            'Transform d { kind: "flatten" }',
            'connect a.out -> c.in',
            'connect b.out -> c.in',
            'connect a.outt -> b.in',
            'connect a.out -> b.inn',
            'connect a.out -> e.in'
        ].join('\n'))).toEqual([
            '1:0-1:9 `Transform` takes exactly one input, got 0',
            '4:0-4:9 `Transform` takes exactly one input, got 0',
            '6:17-6:21 `Transform` takes exactly one input, got 2',
            '7:8-7:14 `Transform` has no output `outt` — did you mean `out`?',
            '8:17-8:22 `Transform` has no input `inn` — did you mean `in`?',
            '9:17-9:18 unknown node `e` in this file'
        ]);
    });

    test('containment: what a node may hold, what may stand at the top level', async () => {
        expect(await check([
            'Dataset d {',
            '    path: "p"',
            '    Split s { fraction: 0.5 }',
            '    Source x { url: "u" }',
            '}',
            'Split top { fraction: 0.1 }',
            'Source y { url: "u"; Split z { fraction: 1 } }'
        ].join('\n'))).toEqual([
            '4:4-4:10 `Dataset` cannot contain `Source` (it contains `Split`)',
            '6:0-6:5 `Split` cannot be at the top level (top-level types: `Source`, `Dataset`, `Transform`); put it in the braces of a node that contains it',
            '7:21-7:26 `Source` cannot contain `Split` (it contains no nodes)'
        ]);
    });

    test('references: of the right type, a name (not a string), resolved (with did-you-mean among fitting nodes); a name is no attribute value', async () => {
        expect(await check([
            'Source sklearn { url: "u" }',
            'Dataset a { path: "p"; source: b }',
            'Dataset b { path: "p"; source: "sklearn" }',
            'Dataset c { path: "p"; source: sklaern }',
            'Dataset e { path: sklearn; source: sklearn }',
            'Dataset f { path: "p"; source: nothing_like_it }'
        ].join('\n'))).toEqual([
            '2:31-2:32 `source` expects a Source, but `b` is a Dataset',
            '3:31-3:40 `source` is a reference: write the name of a node (without quotes)',
            '4:31-4:38 unknown Source `sklaern` — did you mean `sklearn`?',
            '5:18-5:25 `path` is an attribute, not a reference: it expects a value, got the node `sklearn`',
            '6:31-6:46 unknown Source `nothing_like_it`: no node of that name in this file or the files it imports'
        ]);
    });

    test('JSON literals get the spelling of the model syntax', async () => {
        expect(await check('Dataset d { path: "p"; normalized: true; shape: null }\n')).toEqual([
            '1:35-1:39 `true` is not a value here: write `True`',
            '1:48-1:52 `null` is not a value here: write `None`'
        ]);
    });

    test('names: unique in a file at any depth; properties belong in braces; imports of missing or foreign files', async () => {
        expect(await check([
            'import "missing.dfcat"',
            'import "pipeline.dfp"',
            'Dataset d { path: "p"; Split d { fraction: 0.5 } }',
            'url: "u"'
        ].join('\n'))).toEqual([
            expect.stringMatching(/^1:7-1:22 cannot find `missing\.dfcat` \(looked for \/dfcat-test\d+\/missing\.dfcat\)$/),
            '2:7-2:21 cannot import `pipeline.dfp`: this file imports .dfcat files',
            '3:29-3:30 duplicate name `d`: a node of that name is declared on line 3 (names are unique in a file)',
            '4:0-4:8 `url: …` is a property: it belongs in a node\'s braces'
        ]);
    });

    test('a reference into a file that is not imported does not resolve; a node of an imported file does', async () => {
        const documents = await buildCatalogues({
            'a.dfcat': 'Source sk { url: "u" }\n',
            'b.dfcat': 'Dataset d { path: "p"; source: sk }\n',
            'c.dfcat': 'import "a.dfcat"\nDataset d { path: "p"; source: sk }\n'
        });
        expect(diagnosticsOf(documents['b.dfcat'])).toEqual(['1:31-1:33 unknown Source `sk`: no node of that name in this file or the files it imports']);
        expect(diagnosticsOf(documents['c.dfcat'])).toEqual([]);
    });
});

describe('incomplete text', () => {
    const broken = [
        'Dataset', 'Dataset d {', 'Dataset d { path: }', 'Dataset d { path: "p"', 'connect d.', 'connect d.data ->', 'd.data -> t.',
        'Dataset d { Split s { fraction: ', '}', 'import', 'import "', 'Dataset d { path: (1, ', '{ }', 'Dataset d { 1: 2 }'
    ];
    for (const text of broken) {
        test(`${JSON.stringify(text)}: syntax errors, the checks and the lowering go on`, async () => {
            const document = await buildCatalogue(text);
            expect(document.parseResult.parserErrors.length + document.parseResult.lexerErrors.length).toBeGreaterThan(0);
            expect(diagnosticsOf(document).length).toBeGreaterThan(0);
        });
    }
});
