import { describe, expect, test } from 'vitest';
import { at, buildProject, describe as describeDiagnostics, dfpServices, errorsOf, expectDiagnostic } from './helpers.js';
import { NETS_DFNN } from './fixtures.js';

/** Operation code is read, not trusted: each code check with message, exact range and quick-fix data. */

const TRAIN = `import "nets.dfnn"
operation Train {
    attributes { epochs: int = 20 }
    references { architecture: network }
    inputs images, labels
    outputs model
    code "train.py"
}
`;

const GOOD_PY = `class Train:
    def __init__(self, architecture, epochs=20):
        self.architecture = architecture

    def execute(self, images, labels):
        model = self.architecture
        return model
`;

interface Fixes { fixes?: Array<{ title: string; uri: string; range: unknown; newText: string }>; declarationFromCode?: string; codeStub?: string }

async function project(py: string | undefined, dfp = TRAIN, extra: Record<string, string> = {}) {
    const files: Record<string, string> = { 'nets.dfnn': NETS_DFNN, 'main.dfp': dfp, ...extra };
    if (py !== undefined) files['train.py'] = py;
    const built = await buildProject(files);
    return { ...built, text: dfp, document: built.documents['main.dfp'] };
}

const STUB = `class Train:
    def __init__(self, architecture, epochs=20):
        self.architecture = architecture
        self.epochs = epochs

    def execute(self, images, labels):
        model = None
        return model
`;

describe('operation code', () => {
    test('matching code checks clean', async () => {
        const { document } = await project(GOOD_PY);
        expect(describeDiagnostics(document)).toEqual([]);
    });

    test('a missing code file (relative to the .dfp file): at the path, with a fix creating it from a stub', async () => {
        const { text, document, folder } = await project(undefined);
        const diagnostic = expectDiagnostic(document, {
            message: `cannot find the code of \`Train\`: \`train.py\` does not exist (looked for /${folder.slice('file:///'.length)}/train.py)`,
            range: at(text, 6, '"train.py"')
        });
        const data = diagnostic.data as Fixes;
        expect(data.codeStub).toBe(STUB);
        expect(data.fixes).toEqual([{
            title: 'Create train.py with a stub of Train', uri: `${folder}/train.py`,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: STUB
        }]);
    });

    test('a code path in a subfolder resolves against the .dfp file', async () => {
        const dfp = TRAIN.replace('code "train.py"', 'code "ops/train.py"');
        const { document } = await project(undefined, dfp, { 'ops/train.py': GOOD_PY });
        expect(describeDiagnostics(document)).toEqual([]);
    });

    test('a missing class: at the path, with did-you-mean and a fix appending a stub', async () => {
        const { text, document } = await project(GOOD_PY.replace('class Train:', 'class Trian:'));
        const diagnostic = expectDiagnostic(document, {
            message: '`train.py` has no class `Train` — did you mean `Trian`? (an operation\'s class is named like the operation)',
            range: at(text, 6, '"train.py"')
        });
        const fix = (diagnostic.data as Fixes).fixes![0];
        expect(fix.title).toBe('Add a stub of class Train to train.py');
        expect(fix.range).toEqual({ start: { line: 7, character: 0 }, end: { line: 7, character: 0 } });
        expect(fix.newText).toBe(`\n\n${STUB}`);
    });

    test('did-you-mean suggests only parameters the declaration does not already name', async () => {
        // `gt` renamed to `truth` in the code: `pt` is one edit from `gt` but already declared, so it is no suggestion.
        const dfp = TRAIN.replace('inputs images, labels', 'inputs gt, pt');
        const py = GOOD_PY.replace('def execute(self, images, labels)', 'def execute(self, truth, pt)');
        const { text, document } = await project(py, dfp);
        expectDiagnostic(document, {
            message: 'input `gt` is declared, but `Train.execute` in `train.py` has no parameter `gt`',
            range: at(text, 4, 'gt')
        });
    });

    test('an input renamed in the code: both sides named, each at its place, with the declaration-from-code fix', async () => {
        const { text, document } = await project(GOOD_PY.replace('def execute(self, images, labels)', 'def execute(self, imgs, labels)'));
        const declared = expectDiagnostic(document, {
            message: 'input `images` is declared, but `Train.execute` in `train.py` has no parameter `images` — did you mean `imgs`?',
            range: at(text, 4, 'images')
        });
        expectDiagnostic(document, {
            message: '`Train.execute` takes `imgs` (train.py:5), but the declaration has no input `imgs`',
            range: at(text, 4, 'inputs')
        });
        const data = declared.data as Fixes;
        const expected = 'operation Train {\n    attributes { epochs: int = 20 }\n    references { architecture: network }\n    inputs imgs, labels\n    outputs model\n    code "train.py"\n}\n';
        expect(data.declarationFromCode).toBe(expected);
        expect(data.fixes![0]).toMatchObject({
            title: 'Update the declaration of Train from train.py',
            range: { start: { line: 1, character: 0 }, end: { line: 7, character: 1 } },
            newText: expected.trimEnd()
        });
        expect(data.codeStub).toBe(STUB);
    });

    test('an attribute in the code that the declaration lacks, and one declared that the code lacks', async () => {
        const extra = await project(GOOD_PY.replace('epochs=20)', 'epochs=20, lr=0.1)'));
        expectDiagnostic(extra.document, {
            message: '`Train.__init__` takes `lr` (train.py:2), but the declaration has no attribute or reference `lr`',
            range: at(extra.text, 2, 'attributes')
        });
        const missing = await project(GOOD_PY.replace(', epochs=20)', ')'));
        expectDiagnostic(missing.document, {
            message: 'attribute `epochs` is declared, but `Train.__init__` in `train.py` has no parameter `epochs`',
            range: at(missing.text, 2, 'epochs')
        });
    });

    test('a reference the code lacks', async () => {
        const { text, document } = await project(GOOD_PY.replace('architecture, epochs', 'epochs').replace('self.architecture = architecture', 'pass'));
        expectDiagnostic(document, {
            message: 'reference `architecture` is declared, but `Train.__init__` in `train.py` has no parameter `architecture`',
            range: at(text, 3, 'architecture')
        });
    });

    test('a return of the wrong arity: at the outputs', async () => {
        const two = await project(GOOD_PY.replace('return model', 'return model, None'));
        expectDiagnostic(two.document, { message: '`Train.execute` returns 2 values (train.py:7), but 1 output is declared (`model`)', range: at(two.text, 5, 'outputs') });
        const none = await project(GOOD_PY.replace('        return model\n', ''));
        expectDiagnostic(none.document, { message: '`Train.execute` returns nothing (train.py:5), but 1 output is declared (`model`)', range: at(none.text, 5, 'outputs') });
        const noOutputs = TRAIN.replace('    outputs model\n', '');
        const surplus = await project(GOOD_PY, noOutputs);
        expectDiagnostic(surplus.document, { message: '`Train.execute` returns 1 value (train.py:7), but no outputs are declared', range: at(noOutputs, 1, 'Train') });
    });

    test('missing methods', async () => {
        const noExecute = await project('class Train:\n    def __init__(self, architecture, epochs=20):\n        pass\n');
        expectDiagnostic(noExecute.document, { message: 'class `Train` in `train.py` has no `execute` method', range: at(noExecute.text, 6, '"train.py"') });
        const noInit = await project('class Train:\n    def execute(self, images, labels):\n        return images\n');
        expectDiagnostic(noInit.document, {
            message: 'class `Train` in `train.py` has no `__init__`, but the declaration has attributes or references',
            range: at(noInit.text, 2, 'attributes')
        });
    });

    test('a Python syntax error is a warning; what parses is still checked', async () => {
        const { text, document } = await project(GOOD_PY + '\ndef broken(:\n');
        expectDiagnostic(document, { message: '`train.py` has a syntax error at train.py:9: the code is read as far as it parses', range: at(text, 6, '"train.py"'), severity: 'warning' });
        expect(errorsOf(document)).toEqual([]);
    });

    test('required-ness comes from the code: inputs and attributes without a Python default are required', async () => {
        const dfp = `${TRAIN.replace('epochs: int = 20', 'epochs: int')}pipeline P {\n    t = Train(architecture=Net)()\n}\n`;
        const optional = await project(GOOD_PY.replace('images, labels)', 'images=None, labels=None)'), dfp);
        expect(describeDiagnostics(optional.document)).toEqual([]);
        const required = await project(GOOD_PY.replace('epochs=20', 'epochs'), dfp);
        expectDiagnostic(required.document, { message: 'missing required argument `epochs` for `Train`', range: at(dfp, 9, 'Train') });
        expectDiagnostic(required.document, { message: 'input `images` of step `t` is not connected (its `execute` parameter has no default)', range: at(dfp, 9, 'Train') });
    });
});

describe('an operation that omits its interface gets it from the code', () => {
    const INFER_PY = `class Infer:
    def __init__(self, architecture, k=3, name="x", scale: float = 1):
        pass

    def execute(self, a, b=None):
        total = a
        return total, b
`;
    const dfp = `import "nets.dfnn"
operation Infer {
    code "infer.py"
}
pipeline P {
    s = Infer(architecture=Net, k="no", scale=2)(b=s2.total)
    s2 = Infer(architecture=Blk, name="n", k=4)(a=s.total)
}
`;

    test('attributes typed by their literal defaults (or annotations), references by name, inputs required unless defaulted, outputs from the return', async () => {
        const { document } = await project(undefined, dfp, { 'infer.py': INFER_PY });
        const services = dfpServices();
        expect(describeDiagnostics(document)).toEqual([
            '5:4-5:5 error step `s` is part of a cycle: s → s2 → s',
            '5:8-5:13 error input `a` of step `s` is not connected (its `execute` parameter has no default)',
            '5:34-5:38 error `k` expects int, got string `"no"`',
            '6:4-6:6 error step `s2` is part of a cycle: s → s2 → s',
            '6:28-6:31 error `architecture` of `Infer` takes a network, but `Blk` is a block'
        ]);
        const metamodel = services.dfp.analysis.Analyzer.analyze(document).pipelines[0].metamodel;
        const type = metamodel.get('Infer')!;
        expect(type.lineage).toEqual(['Infer', 'Operation']);
        expect(type.attributes.map(a => [a.name, a.type.kind, a.default])).toEqual([['k', 'int', 3], ['name', 'string', 'x'], ['scale', 'float', 1]]);
        expect(type.references).toEqual([{ name: 'architecture', target: 'network', required: true }]);
        expect(type.inputs.map(p => [p.name, p.arity])).toEqual([['a', { kind: 'exactly', n: 1 }], ['b', { kind: 'atMost', n: 1 }]]);
        expect(type.outputs.map(p => p.name)).toEqual(['total', 'b']);
    });
});
