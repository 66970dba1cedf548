import { readFileSync } from 'node:fs';
import {
    AstUtils, DefaultReferenceDescriptionProvider, DefaultScopeComputation, EmptyFileSystem, GrammarUtils, URI, type AstNode, type LangiumDocument
} from 'langium';
import { describe, expect, test } from 'vitest';
import { createDeepForgeServices } from '../../../languages/deepforge-module.js';
import { isBlock, isNetwork, isNumberLiteral, type DfnnModel } from '../../../languages/generated/ast.js';
import { findNodeForProperty } from '../../../languages/dfnn/lowering/traces.js';
import { build, buildFiles, dfnnServices } from './helpers.js';

/**
 * The Langium services `.dfnn` replaces for speed (linker walk, reference index, local symbols,
 * document validator) give what Langium's defaults give, where it matters.
 */
describe('Langium services replaced for speed', () => {
    const resnet = readFileSync(new URL('../../../examples/keras-applications/resnet50.dfnn', import.meta.url), 'utf-8');
    const blocks = `block ConvBlock(filters: int, kernel = 3) {
    inputs x
    c = Conv2D(filters, kernel, padding="same")(x)
    b = BatchNormalization()(c)
    outputs b
}
network N {
    i = Input(shape=(32, 32, 3))
    shared d = Dense(4)
    b1 = ConvBlock(filters=8)(i)
    b2 = ConvBlock(16, kernel=(1, 1))(b1)
    f = Flatten()(b2)
    e = d(f)
    outputs e
}`;

    test('linking records every reference in the order of the AST (as Langium does)', async () => {
        for (const text of [resnet, blocks]) {
            const document = await build(text);
            const inAstOrder = AstUtils.streamAst(document.parseResult.value).flatMap(node => AstUtils.streamReferences(node)).map(info => info.reference).toArray();
            expect(document.references).toEqual(inAstOrder);
            expect(document.references.every(reference => reference.ref !== undefined)).toBe(true);
        }
    });

    test('the reference index equals the one of Langium\'s default provider', async () => {
        const { 'main.dfnn': main } = await buildFiles({ 'main.dfnn': `import "lib.dfnn"\n${blocks.replace('block ConvBlock', 'block Local')}\nnetwork M {\n    x = Input(shape=(4,))\n    y = Other()(x)\n}`, 'lib.dfnn': 'network Other {\n    a = Input(shape=(4,))\n    b = Dense(2)(a)\n}' });
        const services = dfnnServices().dfnn;
        const ours = await services.workspace.ReferenceDescriptionProvider.createDescriptions(main);
        const langiums = await new DefaultReferenceDescriptionProvider(services).createDescriptions(main);
        expect(ours.length).toBeGreaterThan(10);
        expect(ours).toEqual(langiums);
    });

    test('local symbols: the members of each graph in declaration order, and the top-level elements', async () => {
        const document = await build(blocks);
        const model = document.parseResult.value;
        const symbols = document.localSymbols!;
        const names = (node: AstNode) => symbols.getStream(node).map(d => d.name).toArray();
        expect(names(model)).toEqual(['ConvBlock', 'N']);
        expect(names(model.elements.find(isBlock)!)).toEqual(['filters', 'kernel', 'x', 'c', 'b']);
        expect(names(model.elements.find(isNetwork)!)).toEqual(['i', 'd', 'b1', 'b2', 'f', 'e']);
        // Every declaration Langium's default makes visible is there too (keyword arguments declare nothing).
        const defaults = await new DefaultScopeComputation(dfnnServices().dfnn).collectLocalSymbols(document);
        for (const node of AstUtils.streamAst(model)) {
            const expected = defaults.getStream(node).filter(d => d.type !== 'Argument').map(d => d.name).toArray();
            const container = node.$type === 'InputsStatement' ? node.$container! : node;
            for (const name of expected) expect(names(container), name).toContain(name);
        }
    });

    test('the CST node of a property (for traces) is the one GrammarUtils.findNodeForProperty finds', async () => {
        let compared = 0;
        for (const text of [resnet, blocks]) {
            const document = await build(text);
            for (const node of AstUtils.streamAst(document.parseResult.value)) {
                for (const property of [...Object.keys(node).filter(key => !key.startsWith('$')), 'missing']) {
                    expect(findNodeForProperty(node.$cstNode!, property)).toBe(GrammarUtils.findNodeForProperty(node.$cstNode, property));
                    compared++;
                }
            }
        }
        expect(compared).toBeGreaterThan(1000);
    });

    test('checks registered on nodes below the top level still run', async () => {
        const { shared, dfnn } = createDeepForgeServices(EmptyFileSystem);
        const seen: number[] = [];
        dfnn.validation.ValidationRegistry.register({
            NumberLiteral: (node, accept) => {
                if (isNumberLiteral(node)) seen.push(Number(node.value));
                accept('warning', 'a number', { node });
            }
        }, undefined, 'fast');
        const document = shared.workspace.LangiumDocumentFactory.fromString<DfnnModel>(blocks, URI.parse('file:///deep/main.dfnn'));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        expect(seen).toEqual([3, 32, 32, 3, 4, 8, 16, 1, 1]);
        expect((document as LangiumDocument).diagnostics!.filter(d => d.message === 'a number')).toHaveLength(9);
    });
});
