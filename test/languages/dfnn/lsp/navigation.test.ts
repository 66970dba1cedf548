import { expectFindReferences, expectFoldings, expectGoToDefinition, expectHighlight, expectSymbols, highlightHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { SymbolKind } from 'vscode-languageserver';
import { atText, buildLspProject, lspServices } from './helpers.js';

const NET = `block <|Twice|>(units: int) {
    inputs x
    a = Dense(units)(x)
    outputs a
}

network N {
    <|x|> = Input(shape=(4,))
    h = <|>Twice(3)(<|>x)
    y = Dense(2)(h)
}
`;

describe('.dfnn navigation', () => {
    const services = () => lspServices().dfnn;

    test('go to definition: a block, a layer; a built-in layer type into the library document', async () => {
        await expectGoToDefinition(services())({ text: NET, index: 0, rangeIndex: 0 });
        await expectGoToDefinition(services())({ text: NET, index: 1, rangeIndex: 1 });
        const { documents } = await buildLspProject({ 'main.dfnn': NET.replace(/<\|>|<\||\|>/g, '') });
        const document = documents['main.dfnn'];
        const links = await services().lsp.DefinitionProvider!.getDefinition(document, atText(document, 'Dense(2)', 1));
        expect(links?.[0].targetUri).toBe(services().references.Library.document.uri.toString());
        expect(links?.[0].targetUri).toMatch(/^builtin:.*keras\.dfnn$/);
        const library = lspServices().shared.workspace.LangiumDocuments.getDocument(services().references.Library.document.uri)!;
        expect(library.textDocument.getText(links![0].targetSelectionRange)).toBe('Dense');
    });

    test('go to definition across files: a block of an imported file', async () => {
        const { documents } = await buildLspProject({
            'blocks.dfnn': 'block Twice(units: int) {\n    inputs x\n    a = Dense(units)(x)\n}\n',
            'main.dfnn': 'import "blocks.dfnn"\nnetwork N {\n    x = Input(shape=(4,))\n    h = Twice(3)(x)\n}\n'
        });
        const links = await services().lsp.DefinitionProvider!.getDefinition(documents['main.dfnn'], atText(documents['main.dfnn'], 'Twice', 1));
        expect(links?.map(l => [l.targetUri, l.targetSelectionRange.start])).toEqual([[documents['blocks.dfnn'].uri.toString(), { line: 0, character: 6 }]]);
    });

    test('find references and document highlight of a layer', async () => {
        await expectFindReferences(services())({
            text: 'network N {\n    <|<|>x|> = Input(shape=(4,))\n    h = Dense(3)(<|x|>)\n    y = Dense(2)(h)\n}\n',
            includeDeclaration: true
        });
        await expectHighlight(services())({
            text: 'network N {\n    <|x|> = Input(shape=(4,))\n    h = Dense(3)(<|<|>x|>)\n    y = Dense(2)(h)\n}\n',
            index: 0, rangeIndex: [0, 1]
        });
    });

    test('rename a block across files; layer types cannot be renamed', async () => {
        const { documents } = await buildLspProject({
            'blocks.dfnn': 'block Twice(units: int) {\n    inputs x\n    a = Dense(units)(x)\n}\n',
            'main.dfnn': 'import "blocks.dfnn"\nnetwork N {\n    x = Input(shape=(4,))\n    h = Twice(3)(x)\n    i = Twice(3)(h)\n}\n'
        });
        const provider = services().lsp.RenameProvider!;
        const main = documents['main.dfnn'];
        const edit = await provider.rename(main, { ...atText(main, 'Twice'), newName: 'Double' });
        const changes = Object.entries(edit?.changes ?? {}).map(([uri, edits]) => [uri.split('/').pop(), edits.length]);
        expect(changes.sort()).toEqual([['blocks.dfnn', 1], ['main.dfnn', 2]]);
        expect(await provider.prepareRename(main, atText(main, 'Input'))).toBeUndefined();
        expect(await provider.rename(main, { ...atText(main, 'Input'), newName: 'Inp' })).toBeUndefined();
        await expect(provider.rename(main, { ...atText(main, 'Twice'), newName: 'network' })).rejects.toThrow('not a valid name');
    });

    test('outline: networks and blocks with their parameters, inputs and layers', async () => {
        await expectSymbols(services())({
            text: NET.replace(/<\|>|<\||\|>/g, ''),
            assert: symbols => {
                expect(symbols.map(s => [s.name, s.kind])).toEqual([['Twice', SymbolKind.Function], ['N', SymbolKind.Class]]);
                expect(symbols[0].children?.map(s => `${s.name}${s.detail ? `: ${s.detail}` : ''}`)).toEqual(['units', 'x', 'a: Dense']);
                expect(symbols[1].children?.map(s => `${s.name}: ${s.detail}`)).toEqual(['x: Input', 'h: Twice', 'y: Dense']);
            }
        });
    });

    test('workspace symbols: the user\'s elements, not the library', async () => {
        await buildLspProject({ 'ws.dfnn': 'network WorkspaceNet {\n    x = Input(shape=(4,))\n}\n' });
        const symbols = await lspServices().shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'WorkspaceNet' });
        expect(symbols.map(s => s.name)).toContain('WorkspaceNet');
        expect((await lspServices().shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'Dense' })).filter(s => s.location.uri.startsWith('builtin'))).toEqual([]);
    });

    test('folding ranges: networks and blocks', async () => {
        await expectFoldings(services())({ text: '<|block B() {\n    inputs x|>\n}\n<|network N {\n    x = Input(shape=(4,))|>\n}\n' });
    });

    test('document links: import paths', async () => {
        const { documents } = await buildLspProject({ 'a.dfnn': 'network A {\n    x = Input(shape=(4,))\n}\n', 'sub/b.dfnn': 'import "../a.dfnn"\n' });
        const b = documents['sub/b.dfnn'];
        const links = await services().lsp.DocumentLinkProvider!.getDocumentLinks(b, { textDocument: { uri: b.uri.toString() } });
        expect(links.map(l => [l.target, b.textDocument.getText(l.range)])).toEqual([[documents['a.dfnn'].uri.toString(), '../a.dfnn']]);
    });

    test('semantic tokens: layer types as classes, blocks as functions, layers as variables, keyword arguments as properties', async () => {
        const tokens = await highlightHelper(services())('block B(units: int) {\n    inputs x\n    a = Dense(units, use_bias=False)(x)\n}\n');
        const byText = Object.fromEntries(tokens.tokens.map(t => [t.text, t.tokenType]));
        expect(byText).toMatchObject({ B: 'function', units: 'parameter', Dense: 'class', use_bias: 'property', a: 'variable', x: 'variable' });
    });
});
