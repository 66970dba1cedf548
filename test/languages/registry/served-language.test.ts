import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCheck } from '../../../cli/commands/check.js';
import { runGenerate } from '../../../cli/commands/generate.js';
import { displayPath } from '../../../cli/format/diagnostics.js';
import { BufferedIO } from '../../../cli/io.js';
import { createLanguageRegistry } from '../../../languages/builtin-languages.js';
import type { LanguageRegistry } from '../../../languages/registry/language-registry.js';
import { loadWorkspace } from '../../../languages/workspace/node-workspace.js';
import { DiagramHttpServer } from '../../../server/diagram/diagram-http-server.js';
import { DiagramManager } from '../../../server/diagram/diagram-manager.js';
import { DiagramSources } from '../../../server/diagram/diagram-sources.js';
import { createDeepForgeLspServices } from '../../../server/lsp/deepforge-lsp-module.js';
import { GOOD, writeProject } from '../../cli/fixtures.js';
import { toyGrammar, toyLanguage } from './toy-language.js';

const LIGHTS = `circuit Lights {
    part b: Battery
    part s: Switch
    part l: Lamp
    b -> s
    s -> l
}
`;

const BROKEN = `circuit Broken {
    part b: Battery
    part f: Fan
    b -> f
    f -> f
}
`;

let languages: LanguageRegistry;
beforeAll(async () => {
    languages = createLanguageRegistry({ extensions: [toyLanguage(await toyGrammar())] });
});

describe('a language registered in a test is served like the built-ins', () => {
    test('loadWorkspace finds its files in folders, builds and lowers them beside .dfnn files', async () => {
        const root = writeProject({ 'lights.toy': LIGHTS, 'nested/more.circuit': LIGHTS.replace('Lights', 'More'), 'net.dfnn': GOOD, 'notes.txt': 'not a model' });
        const workspace = await loadWorkspace([root], { languages });
        expect(workspace.problems).toEqual([]);
        expect(workspace.documents.map(doc => [path.relative(root, doc.path), doc.language])).toEqual([
            ['lights.toy', 'toy'], ['nested/more.circuit', 'toy'], ['net.dfnn', 'dfnn']
        ]);
        const lights = workspace.documents[0];
        expect(lights.diagnostics).toEqual([]);
        expect(lights.lowered.graphs.map(g => g.graph.name)).toEqual(['Lights']);
        expect(lights.lowered.graphs[0].graph.nodes.map(n => `${n.name}: ${n.type}`)).toEqual(['b: Battery', 's: Switch', 'l: Lamp']);
        expect(lights.lowered.graphs[0].graph.connections.map(c => `${c.from.node} -> ${c.to.node}`)).toEqual(['b -> s', 's -> l']);
        // The built-in still gets its network analysis through its lowering.
        expect(workspace.documents[2].analysis?.graphs.map(g => g.lowered.graph.name)).toEqual(['Small']);
        expect(workspace.documents[2].lowered.graphs.map(g => g.metamodel.name)).toEqual([workspace.services.dfnn.domain.NetworkDomain.metamodel.name]);
    });

    test('a file of no registered language is a problem that names the registered extensions', async () => {
        const root = writeProject({ 'lights.toy': LIGHTS, 'notes.txt': 'x' });
        const builtins = await loadWorkspace([path.join(root, 'lights.toy')]);
        expect(builtins.problems).toEqual([{ path: path.join(root, 'lights.toy'), message: 'not a .dfnn or .dfp file' }]);
        const withToy = await loadWorkspace([path.join(root, 'notes.txt')], { languages });
        expect(withToy.problems).toEqual([{ path: path.join(root, 'notes.txt'), message: 'not a .dfnn, .dfp, .toy or .circuit file' }]);
    });

    test('deepforge check reports its checks and its lowering\'s, compiler-style, exit 1', async () => {
        const root = writeProject({ 'lights.toy': LIGHTS, 'broken.toy': BROKEN });
        const io = new BufferedIO();
        expect(await runCheck([root], { languages }, io)).toBe(1);
        const shown = displayPath(path.join(root, 'broken.toy'));
        expect(io.stdout).toEqual([
            `${shown}:3:5: warning: part \`f\` is wired to itself [self-wire]`,
            `${shown}:3:13: error: unknown part kind \`Fan\` [unknown-kind]`,
            'Checked 2 files: 1 error and 1 warning.'
        ]);
        const json = new BufferedIO();
        expect(await runCheck([path.join(root, 'lights.toy')], { languages, format: 'json' }, json)).toBe(0);
        expect(JSON.parse(json.output)).toMatchObject({ files: [{ diagnostics: [] }], errors: 0, warnings: 0 });
    });

    test('deepforge generate runs its generator; another language\'s target is a usage error; files cannot leave the folder', async () => {
        const root = writeProject({ 'lights.toy': LIGHTS, 'net.dfnn': GOOD, 'broken.toy': BROKEN });
        const io = new BufferedIO();
        expect(await runGenerate('toy-json', path.join(root, 'lights.toy'), { out: path.join(root, 'out'), languages }, io), io.errors).toBe(0);
        expect(JSON.parse(readFileSync(path.join(root, 'out', 'lights.toy.json'), 'utf-8'))).toEqual([['b', 'Battery'], ['s', 'Switch'], ['l', 'Lamp']]);
        expect(io.stdout.at(-1)).toMatch(/^wrote .*lights\.toy\.json$/);

        const wrong = new BufferedIO();
        expect(await runGenerate('toy-json', path.join(root, 'net.dfnn'), { out: path.join(root, 'out2'), languages }, wrong)).toBe(2);
        expect(wrong.errors).toMatch(/net\.dfnn is not a \.toy or \.circuit file \(`generate toy-json` generates toy circuits\)$/);
        const keras = new BufferedIO();
        expect(await runGenerate('keras', path.join(root, 'lights.toy'), { out: path.join(root, 'out2'), languages }, keras)).toBe(2);
        expect(keras.errors).toMatch(/lights\.toy is not a \.dfnn file/);
        const unknown = new BufferedIO();
        expect(await runGenerate('nope', path.join(root, 'lights.toy'), { out: path.join(root, 'out2'), languages }, unknown)).toBe(2);
        expect(unknown.errors).toBe('deepforge: no generator `nope` (the generators: keras (.dfnn), keras-json (.dfnn), job (.dfp), toy-json (.toy, .circuit))');
        const broken = new BufferedIO();
        expect(await runGenerate('toy-json', path.join(root, 'broken.toy'), { out: path.join(root, 'out2'), languages }, broken)).toBe(1);
        expect(broken.stderr.at(-1)).toBe('deepforge: nothing generated: 1 error.');
        expect(existsSync(path.join(root, 'out2'))).toBe(false);

        const escaping = createLanguageRegistry({ extensions: [toyLanguage(await toyGrammar(), { escapingGenerator: true })] });
        const out = new BufferedIO();
        expect(await runGenerate('toy-json', path.join(root, 'lights.toy'), { out: path.join(root, 'out3'), languages: escaping }, out)).toBe(2);
        expect(out.errors).toMatch(/the generated file `\.\.\/escaped\.txt` would be written outside/);
        expect(existsSync(path.join(root, 'escaped.txt'))).toBe(false);
        expect(existsSync(path.join(root, 'out3'))).toBe(false);
    });

    test('the language server serves it: its extension decides its language, whatever languageId the client sends', () => {
        const services = createDeepForgeLspServices({ ...EmptyFileSystem }, { languages });
        const registry = services.shared.ServiceRegistry;
        expect(registry.all.map(s => s.LanguageMetaData.languageId)).toEqual(['dfnn', 'dfp', 'toy']);
        expect(registry.getServices(URI.parse('file:///w/lights.circuit')).LanguageMetaData.languageId).toBe('toy');
        expect(registry.getServices(URI.parse('file:///w/net.dfnn')).LanguageMetaData.languageId).toBe('dfnn');
        // The built-ins got their editor features (lspModules), the toy Langium's defaults.
        expect(services.dfnn.lsp.LayerInfo).toBeDefined();
        expect(services.language('toy').lsp.CompletionProvider).toBeDefined();
    });

    test('the diagram server draws its graphs with the generic drawing (typed nodes, ports, wires, markers), read-only', async () => {
        const services = createDeepForgeLspServices({ ...EmptyFileSystem }, { languages });
        const { shared } = services;
        const document = shared.workspace.LangiumDocumentFactory.fromString(BROKEN, URI.parse('file:///w/broken.toy'));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const sources = new DiagramSources(services);
        expect(sources.list(document)).toEqual([{ kind: 'model', name: 'Broken' }]);
        const context = sources.generate(document, undefined, new Set())!;
        expect(context).toMatchObject({ kind: 'model', language: 'toy' });
        expect(context.model.diagramKind).toBe('model');
        const json = JSON.stringify(context.model);
        for (const name of ['"b"', '"f"', 'Battery', 'Fan']) expect(json).toContain(name);
        // The unknown kind (published) and the self-wire (lowering) are markers on the drawing.
        expect(json).toContain('unknown part kind');
        expect(json).toContain('is wired to itself');
        expect(sources.palette(context)).toEqual([]);
        // The language's diagram styling: its class on the graph, its node classes, its CSS.
        const lights = shared.workspace.LangiumDocumentFactory.fromString(LIGHTS, URI.parse('file:///w/lights.toy'));
        shared.workspace.LangiumDocuments.addDocument(lights);
        await shared.workspace.DocumentBuilder.build([lights], { validation: true });
        const styled = sources.generate(lights, 'Lights', new Set())!.model;
        expect(styled.cssClasses).toContain('df-toy');
        const lamp = styled.children.find(child => (child as { modelId?: string }).modelId === 'l');
        expect(lamp?.cssClasses).toContain('toy-light');
        expect(styled.children.find(child => (child as { modelId?: string }).modelId === 'b')?.cssClasses).not.toContain('toy-light');
        expect(sources.css()).toBe('/* toy */\n.df-toy .df-node-Battery { fill: gold; }');
        // The diagram page loads it (loopback only).
        const manager = new DiagramManager(services, { applyEdit: async () => false, reveal: async () => undefined });
        const server = new DiagramHttpServer(manager, { port: 0 });
        await server.start();
        try {
            expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
            const response = await fetch(new URL('/languages.css', server.url));
            expect(response.headers.get('content-type')).toMatch(/^text\/css/);
            expect(await response.text()).toContain('.df-toy .df-node-Battery { fill: gold; }');
        } finally {
            await server.stop();
            await manager.dispose();
        }
    });
});
