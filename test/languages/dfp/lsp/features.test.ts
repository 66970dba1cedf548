import { TextDocument } from 'vscode-languageserver-textdocument';
import { expectFormatting } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { atText, buildLspProject, lspServices } from '../../dfnn/lsp/helpers.js';
import { fileSystem } from '../helpers.js';

const NETS = 'network Net {\n    x = Input(shape=(8,))\n    y = Dense(2)(x)\n}\n';

const TRAIN_PY = `class Train:
    def __init__(self, architecture, epochs=20, optimizer="adam"):
        self.architecture = architecture

    def execute(self, images, labels):
        return self.architecture
`;

const LOAD_PY = `class Load:
    def execute(self):
        return [], []
`;

const OPS = `import "nets.dfnn"

operation Load {
    outputs images, labels
    code "load.py"
}

operation Train "Trains a network." {
    attributes { epochs: int = 20 [1..1000], optimizer: "adam" | "sgd" = "adam" }
    references { architecture: network }
    inputs images, labels
    outputs model
    code "train.py"
}

pipeline P {
    data = Load()
    trained = Train(architecture=Net, epochs=3)(images=data.images, labels=data.labels)
    Output(save_name="model")(trained.model)
}
`;

const project = (ops = OPS, train = TRAIN_PY) => buildLspProject({ 'nets.dfnn': NETS, 'train.py': train, 'load.py': LOAD_PY, 'ops.dfp': ops });
const labels = (items: CompletionItem[] | undefined) => (items ?? []).map(item => item.label);

async function complete(text: string, marker: string, delta: number) {
    const { documents } = await project(text);
    const document = documents['ops.dfp'];
    return (await lspServices().dfp.lsp.CompletionProvider!.getCompletion(document, atText(document, marker, delta)))?.items;
}

describe('.dfp completion', () => {
    test('attribute and reference names of the step\'s operation, with type and default', async () => {
        const items = await complete(OPS.replace('Train(architecture=Net, epochs=3)', 'Train(epochs=3, )'), 'epochs=3, ', 10);
        expect(labels(items)).toEqual(expect.arrayContaining(['optimizer=', 'architecture=']));
        expect(labels(items)).not.toContain('epochs=');
        expect(items?.find(i => i.label === 'optimizer=')?.detail).toBe('"adam" | "sgd" = "adam"');
        // Values: elements of this file and imported ones (a network for `architecture`).
        expect(labels(items)).toContain('Net');
    });

    test('enum values of an attribute', async () => {
        const items = await complete(OPS.replace('epochs=3)', 'epochs=3, optimizer="")'), 'optimizer="', 11);
        expect(labels(items)).toEqual(['adam', 'sgd']);
    });

    test('input port names in the input group, and a step\'s outputs after `step.`', async () => {
        const ports = await complete(OPS.replace('(images=data.images, labels=data.labels)', '(images=data.images, )'), 'data.images, ', 13);
        expect(labels(ports)).toContain('labels=');
        expect(labels(ports)).not.toContain('images=');
        const outputs = await complete(OPS.replace('labels=data.labels', 'labels=data.'), 'labels=data.', 12);
        expect(labels(outputs)).toEqual(['images', 'labels']);
    });

    test('operations with their interface; import paths of both languages', async () => {
        const operations = await complete(OPS.replace('    data = Load()', '    data = Lo'), 'data = Lo', 9);
        expect(operations?.find(i => i.label === 'Load')?.detail).toBe('Load()() → images, labels');
        const imports = await complete(OPS.replace('import "nets.dfnn"', 'import ""'), 'import "', 8);
        expect(labels(imports)).toContain('nets.dfnn');
    });
});

describe('.dfp hover and navigation', () => {
    test('hover on an operation: its interface, doc and the location of its code', async () => {
        const { documents } = await project();
        const document = documents['ops.dfp'];
        const hover = await lspServices().dfp.lsp.HoverProvider!.getHoverContent(document, atText(document, 'Train(architecture', 2));
        const value = (hover?.contents as { value: string }).value;
        expect(value).toContain('Train(epochs=20, optimizer="adam", architecture: network)(images, labels) → model');
        expect(value).toContain('Trains a network.');
        expect(value).toMatch(/Code: \[`train\.py:1`\]\(file:\/\/\/lsp-test\d+\/train\.py#L1\) — `class Train`/);
        const port = await lspServices().dfp.lsp.HoverProvider!.getHoverContent(document, atText(document, 'data.images', 6));
        expect((port?.contents as { value: string }).value).toContain('output of `Load`');
    });

    test('go to definition: the declaration and the Python class from a step; the class from the declaration and the code path', async () => {
        const { folder, documents } = await project();
        const document = documents['ops.dfp'];
        const provider = lspServices().dfp.lsp.DefinitionProvider!;
        const fromStep = await provider.getDefinition(document, atText(document, 'Train(architecture', 1));
        expect(fromStep?.map(l => `${l.targetUri.replace(folder, '')}:${l.targetSelectionRange.start.line}`)).toEqual(['/ops.dfp:7', '/train.py:0']);
        const fromDeclaration = await provider.getDefinition(document, atText(document, 'operation Train', 11));
        expect(fromDeclaration?.map(l => `${l.targetUri.replace(folder, '')}:${l.targetSelectionRange.start.character}`)).toEqual(['/train.py:6']);
        const fromPath = await provider.getDefinition(document, atText(document, '"train.py"', 2));
        expect(fromPath?.map(l => l.targetUri.replace(folder, ''))).toEqual(['/train.py']);
        const fromOutput = await provider.getDefinition(document, atText(document, 'data.labels', 6));
        expect(fromOutput?.map(l => `${l.targetUri.replace(folder, '')}:${l.targetSelectionRange.start.line}`)).toEqual(['/ops.dfp:3']);
        // Into another language: the network of a reference.
        const network = await provider.getDefinition(document, atText(document, '=Net', 1));
        expect(network?.map(l => l.targetUri.replace(folder, ''))).toEqual(['/nets.dfnn']);
    });

    test('rename: a step; an operation with its Python class; a network from a pipeline across languages', async () => {
        const { folder, documents } = await project();
        const document = documents['ops.dfp'];
        const provider = lspServices().dfp.lsp.RenameProvider!;
        const summary = (edit: Awaited<ReturnType<typeof provider.rename>>) =>
            Object.entries(edit?.changes ?? {}).map(([uri, edits]) => `${uri.replace(folder, '')}: ${edits.map(e => e.newText).join(',')} ×${edits.length}`).sort();
        expect(summary(await provider.rename(document, { ...atText(document, 'data = Load'), newName: 'loaded' }))).toEqual(['/ops.dfp: loaded,loaded,loaded ×3']);
        expect(summary(await provider.rename(document, { ...atText(document, 'Train(architecture'), newName: 'Fit' }))).toEqual(['/ops.dfp: Fit,Fit ×2', '/train.py: Fit ×1']);
        expect(summary(await provider.rename(document, { ...atText(document, '=Net', 1), newName: 'Model' }))).toEqual(['/nets.dfnn: Model ×1', '/ops.dfp: Model ×1']);
        expect(await provider.prepareRename(document, atText(document, 'Output('))).toBeUndefined();
    });

    test('outline and document links (imports, code paths)', async () => {
        const { folder, documents } = await project();
        const document = documents['ops.dfp'];
        const symbols = await lspServices().dfp.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
        expect(symbols.map(s => `${s.name}: ${(s.children ?? []).map(c => c.name).join(' ')}`)).toEqual([
            'Load: images labels', 'Train: epochs optimizer architecture images labels model', 'P: data trained'
        ]);
        const links = await lspServices().dfp.lsp.DocumentLinkProvider!.getDocumentLinks(document, { textDocument: { uri: document.uri.toString() } });
        expect(links.map(l => l.target?.replace(folder, ''))).toEqual(['/nets.dfnn', '/load.py', '/train.py']);
    });
});

/** The code actions offered for a document's diagnostics, by title. */
async function codeActions(document: import('langium').LangiumDocument, filter: (d: Diagnostic) => boolean = () => true): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    for (const diagnostic of (document.diagnostics ?? []).filter(filter)) {
        actions.push(...await lspServices().dfp.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as CodeAction[]);
    }
    return actions;
}

describe('.dfp code actions and formatting', () => {
    test('did you mean: an enum value of a step', async () => {
        const { documents } = await project(OPS.replace('epochs=3)', 'epochs=3, optimizer="adm")'));
        const document = documents['ops.dfp'];
        const [action] = await codeActions(document);
        expect(action.title).toBe('Change to "adam"');
        expect(TextDocument.applyEdits(document.textDocument, action.edit!.changes![document.uri.toString()])).toContain('optimizer="adam")');
    });

    test('declaration ⇄ code: update the declaration from the code, or the code\'s signatures from the declaration', async () => {
        const code = TRAIN_PY.replace('epochs=20, ', 'epochs=20, seed=0, ').replace('execute(self, images, labels)', 'execute(self, imgs, labels)');
        const { folder, documents } = await project(OPS, code);
        const document = documents['ops.dfp'];
        const actions = await codeActions(document, d => d.code === 'code-mismatch');
        const titles = [...new Set(actions.map(a => a.title))];
        expect(titles).toEqual(['Update the declaration of Train from train.py', 'Update the signatures of Train in train.py from the declaration']);
        const fromCode = actions.find(a => a.title.startsWith('Update the declaration'))!;
        const declared = TextDocument.applyEdits(document.textDocument, fromCode.edit!.changes![document.uri.toString()]);
        expect(declared).toContain('inputs imgs, labels');
        expect(declared).toMatch(/attributes \{[^}]*seed: int = 0/);
        const toCode = actions.find(a => a.title.startsWith('Update the signatures'))!;
        const pyUri = `${folder}/train.py`;
        const python = TextDocument.applyEdits(TextDocument.create(pyUri, 'python', 0, code), toCode.edit!.changes![pyUri]);
        expect(python).toContain('def __init__(self, architecture, epochs=20, optimizer="adam"):');
        expect(python).toContain('def execute(self, images, labels):');
    });

    test('a missing code file: create it with a stub of the operation', async () => {
        const { folder, documents } = await project(OPS.replace('code "load.py"', 'code "ops/new_load.py"'));
        const document = documents['ops.dfp'];
        const [action] = await codeActions(document, d => d.code === 'missing-code-file');
        expect(action.title).toBe('Create ops/new_load.py with a stub of Load');
        const [create, edit] = action.edit!.documentChanges!;
        expect(create).toEqual({ kind: 'create', uri: `${folder}/ops/new_load.py`, options: { ignoreIfExists: true } });
        expect((edit as TextDocumentEdit).edits[0].newText).toMatch(/^class Load:/m);
        expect(fileSystem.files.has(`${folder}/ops/new_load.py`)).toBe(false);
    });

    test('formatting: one canonical layout, idempotent, comments kept', async () => {
        const before = `import   "nets.dfnn"
operation Fit{
  attributes {lr:float=1e-3 [0.0 .. 1.0] ,  steps = 100 [1..]}
    inputs x:ndarray,y
  outputs model   # the trained model
    code   "fit.py"
}
pipeline P{
  f=Fit( lr=0.1 )( x = a.out , y=b )
}
`;
        const after = `import "nets.dfnn"

operation Fit {
    attributes { lr: float = 1e-3 [0.0..1.0], steps = 100 [1..] }
    inputs x: ndarray, y
    outputs model   # the trained model
    code "fit.py"
}

pipeline P {
    f = Fit(lr=0.1)(x=a.out, y=b)
}
`;
        await expectFormatting(lspServices().dfp)({ before, after });
        await expectFormatting(lspServices().dfp)({ before: after, after });
        const multiline = 'operation Fit {\n    attributes {\n        lr: float = 1e-3\n        steps = 100\n    }\n}\n';
        await expectFormatting(lspServices().dfp)({ before: multiline, after: multiline });
    });
});
