import { AstUtils, DocumentState, EmptyFileSystem } from 'langium';
import { createDeepForgeServices } from '../../../languages/deepforge-module.js';
import { describe, expect, test } from 'vitest';
import { isLayerStatement, isLayerType, isNetwork, type LayerStatement } from '../../../languages/generated/ast.js';
import { build, buildFiles, diagnosticsOf, dfnnServices } from './helpers.js';

function statements(document: Awaited<ReturnType<typeof build>>): LayerStatement[] {
    return AstUtils.streamAst(document.parseResult.value).filter(isLayerStatement).toArray();
}

describe('linking and scoping', () => {
    test('layer types link to declarations of the built-in library (hover, go-to-definition)', async () => {
        const document = await build(`network N {
    x = Input(shape=(8, 8, 3))
    c = Convolution2D(4, 3)(x)
}`);
        const [input, conv] = statements(document);
        expect(isLayerType(input.callee.ref)).toBe(true);
        expect(conv.callee.ref?.name).toBe('Convolution2D');
        const library = dfnnServices().dfnn.references.Library;
        expect(AstUtils.getDocument(conv.callee.ref!).uri.toString()).toBe(library.document.uri.toString());
        expect(library.document.uri.scheme).toBe('builtin');
        expect(library.document.parseResult.parserErrors).toEqual([]);
        expect(library.document.parseResult.lexerErrors).toEqual([]);
    });

    test('the built-in library declares every layer type and alias of the metamodel', () => {
        const { dfnn } = dfnnServices();
        const names = new Set(dfnn.references.Library.descriptions.map(d => d.name));
        const metamodel = dfnn.domain.NetworkDomain.metamodel;
        for (const type of metamodel.all().filter(t => !t.abstract)) {
            for (const name of [type.name, ...(type.aliases ?? [])]) expect(names.has(name), name).toBe(true);
        }
    });

    test('a language server loads the library with the workspace (built like any document)', async () => {
        const { shared, dfnn, dfp } = createDeepForgeServices(EmptyFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri.toString()).toArray();
        // One built-in library per language: the layer types of .dfnn, the built-in operations of .dfp.
        expect(uris).toEqual([dfnn.references.Library.document.uri.toString(), dfp.references.Library.document.uri.toString()]);
        expect(dfnn.references.Library.document.state).toBeGreaterThanOrEqual(DocumentState.Linked);
        expect(dfnn.references.Library.document.references.filter(r => r.error)).toEqual([]);
    });

    test('blocks and networks of imported files are visible; those of other files are not', async () => {
        const files = await buildFiles({
            'a.dfnn': 'block A() {\n    inputs x\n    d = Dense(1)(x)\n}',
            'b.dfnn': 'block B() {\n    inputs x\n    d = Dense(1)(x)\n}',
            'main.dfnn': `import "a.dfnn"
network N {
    x = Input(shape=(8,))
    a = A()(x)
    b = B()(a)
}`
        });
        expect(diagnosticsOf(files['main.dfnn']).map(d => d.message)).toEqual(['unknown layer type `B`']);
    });

    test('a block named like a layer type shadows it in its file', async () => {
        const document = await build(`block Dense() {
    inputs x
    r = ReLU()(x)
}
network N {
    x = Input(shape=(8,))
    d = Dense()(x)
}`);
        const d = statements(document).find(s => s.name === 'd')!;
        expect(d.callee.ref?.$type).toBe('Block');
    });

    test('names resolve in their own graph only', async () => {
        const document = await build(`network A {
    x = Input(shape=(8,))
    d = Dense(1)(x)
}
network B {
    y = Input(shape=(8,))
    e = Dense(1)(x)
}`);
        expect(diagnosticsOf(document).map(d => d.message)).toEqual(['undefined name `x` in network `B`']);
        const e = statements(document).find(s => s.name === 'e')!;
        expect(AstUtils.getContainerOfType(e, isNetwork)?.name).toBe('B');
    });

    test('linking a 3,000-layer network stays linear (cached scopes)', async () => {
        const lines = ['network Big {', '    l0 = Input(shape=(8,))'];
        for (let i = 1; i <= 3000; i++) lines.push(`    l${i} = Dense(8, activation="relu")(l${i - 1})`);
        lines.push('}');
        const started = performance.now();
        const document = await build(lines.join('\n'));
        const elapsed = performance.now() - started;
        expect(diagnosticsOf(document)).toEqual([]);
        // Seconds, not the ~45 s of a per-reference scope rebuild; generous for a shared, slow machine.
        expect(elapsed).toBeLessThan(15_000);
    });
});
