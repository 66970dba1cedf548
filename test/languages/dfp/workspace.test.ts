import * as path from 'node:path';
import { AstUtils, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { isNetwork, isStep, type Step } from '../../../languages/generated/ast.js';
import { loadWorkspace } from '../../../languages/workspace/node-workspace.js';
import { writeProject } from '../../cli/fixtures.js';
import { at, buildProject, describe as describeDiagnostics, dfpServices, expectDiagnostic, fileSystem } from './helpers.js';

/**
 * A multi-file, two-language workspace: a `.dfp` file importing another `.dfp` file (its
 * operations) and a `.dfnn` file (its networks), linked across files and languages.
 */

const NETS = `network Classifier {
    x = Input(shape=(8,))
    y = Dense(2, activation="softmax")(x)
}
`;

const OPS = `import "../nets/nets.dfnn"
operation Train {
    attributes { epochs: int = 20 [1..1000] }
    references { architecture: network }
    inputs images, labels
    outputs model
    code "train.py"
}
operation Load {
    outputs images, labels
    code "load.py"
}
`;

const TRAIN_PY = `class Train:
    def __init__(self, architecture, epochs=20):
        self.architecture = architecture

    def execute(self, images, labels):
        return self.architecture
`;

const LOAD_PY = `class Load:
    def execute(self):
        return [], []
`;

const MAIN = `import "ops/ops.dfp"
import "nets/nets.dfnn"
pipeline Main {
    data    = Load()
    trained = Train(architecture=Classifier, epochs=3)(images=data.images, labels=data.labels)
    Output(save_name="model")(trained.model)
}
`;

const FILES = { 'nets/nets.dfnn': NETS, 'ops/ops.dfp': OPS, 'ops/train.py': TRAIN_PY, 'ops/load.py': LOAD_PY, 'main.dfp': MAIN };

function stepNamed(document: { parseResult: { value: import('langium').AstNode } }, name: string): Step {
    return AstUtils.streamAst(document.parseResult.value).filter(isStep).find(step => step.name === name)!;
}

describe('a two-language workspace', () => {
    test('operations link across .dfp files, networks across languages; code is read relative to the declaring file', async () => {
        const { documents } = await buildProject(FILES);
        for (const name of ['main.dfp', 'ops/ops.dfp', 'nets/nets.dfnn']) expect(describeDiagnostics(documents[name]), name).toEqual([]);
        const trained = stepNamed(documents['main.dfp'], 'trained');
        expect(AstUtils.getDocument(trained.operation.ref!).uri.toString()).toBe(documents['ops/ops.dfp'].uri.toString());
        const argument = trained.arguments.find(a => a.name === 'architecture')!.value as import('../../../languages/generated/ast.js').NameExpression;
        const network = argument.target.ref;
        expect(isNetwork(network)).toBe(true);
        expect(AstUtils.getDocument(network!).uri.toString()).toBe(documents['nets/nets.dfnn'].uri.toString());
        // The lowered step records the reference with the kind it resolved to.
        const analysis = dfpServices().dfp.analysis.Analyzer.analyze(documents['main.dfp']);
        const node = analysis.pipelines[0].lowered.graph.nodes.find(n => n.name === 'trained')!;
        expect(node.references).toMatchObject([{ name: 'architecture', target: 'Classifier', targetKind: 'network' }]);
    });

    test('imports are not transitive: what ops.dfp imports is not visible in main.dfp', async () => {
        const main = MAIN.replace('import "nets/nets.dfnn"\n', '');
        const { documents } = await buildProject({ ...FILES, 'main.dfp': main });
        expectDiagnostic(documents['main.dfp'], {
            message: 'undefined name `Classifier`: no network, block, operation or pipeline of that name in this file or the files it imports',
            range: at(main, 3, 'Classifier')
        });
    });

    test('renaming the network breaks the reference with the right diagnostic; renaming it back fixes it', async () => {
        const { documents, folder } = await buildProject(FILES);
        const { shared } = dfpServices();
        const netsUri = URI.parse(`${folder}/nets/nets.dfnn`);
        const mainDocument = () => shared.workspace.LangiumDocuments.getDocument(URI.parse(`${folder}/main.dfp`))!;
        expect(describeDiagnostics(documents['main.dfp'])).toEqual([]);

        fileSystem.files.set(netsUri.toString(), NETS.replace('network Classifier', 'network Classifier2'));
        await shared.workspace.DocumentBuilder.update([netsUri], []);
        expectDiagnostic(mainDocument(), { message: 'undefined name `Classifier` — did you mean `Classifier2`?', range: at(MAIN, 4, 'Classifier') });

        fileSystem.files.set(netsUri.toString(), NETS);
        await shared.workspace.DocumentBuilder.update([netsUri], []);
        expect(describeDiagnostics(mainDocument())).toEqual([]);
    });

    test('renaming the network into a block gives a wrong-kind error, not an unknown name', async () => {
        const nets = 'block Classifier() {\n    inputs x\n    y = Dense(2)(x)\n}\n';
        const { documents } = await buildProject({ ...FILES, 'nets/nets.dfnn': nets });
        expectDiagnostic(documents['main.dfp'], { message: '`architecture` of `Train` takes a network, but `Classifier` is a block', range: at(MAIN, 4, 'Classifier') });
    });

    test('on disk: loadWorkspace loads the imports of both languages, reads the code and checks clean', async () => {
        const root = writeProject(FILES);
        const workspace = await loadWorkspace([path.join(root, 'main.dfp')]);
        expect(workspace.problems).toEqual([]);
        expect(workspace.documents.map(d => [path.relative(root, d.path), d.language, d.requested])).toEqual([
            ['main.dfp', 'dfp', true], ['ops/ops.dfp', 'dfp', false], ['nets/nets.dfnn', 'dfnn', false]
        ]);
        for (const document of workspace.documents) expect(document.diagnostics, document.path).toEqual([]);
        const main = workspace.documents[0];
        expect(main.pipelines!.pipelines[0].validation.order.map(n => n.name)).toEqual(['data', 'trained', 'Output']);
        expect(workspace.documents[2].analysis!.graphs[0].analysis.total).toBe(18);
    });
});
