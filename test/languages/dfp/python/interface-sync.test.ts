import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createPythonCodeReader, type PythonClass, type PythonCodeReader } from '../../../../languages/dfp/python/python-code-reader.js';
import {
    codeStubFromDeclaration, compareInterface, declarationFromCode, interfaceFromCode, type DeclaredInterface
} from '../../../../languages/dfp/python/interface-sync.js';

let reader: PythonCodeReader;
beforeAll(async () => {
    reader = await createPythonCodeReader();
});

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

function cls(source: string, name: string): PythonClass {
    const found = reader.read(source).classes.get(name);
    expect(found, `class ${name}`).toBeDefined();
    return found!;
}

/** The TrainCifar declaration of LANGUAGES.md (without the range on epochs). */
const trainCifar: DeclaredInterface = {
    attributes: [{ name: 'batch_size', type: 'int', default: '32' }, { name: 'epochs', type: 'int', default: '20' }],
    references: [{ name: 'architecture', kind: 'network' }],
    inputs: [{ name: 'images' }, { name: 'labels' }],
    outputs: [{ name: 'model' }]
};

/** The mismatches without their parameter/return objects, for readable expectations. */
function brief(declared: DeclaredInterface, source: string, name = 'TrainCifar'): string[] {
    return compareInterface(declared, cls(source, name)).map(m => {
        switch (m.kind) {
            case 'missing-in-code': return `missing-in-code ${m.section}.${m.name}`;
            case 'missing-in-declaration': return `missing-in-declaration ${m.section}.${m.name}`;
            case 'return-arity': return `return-arity ${m.returned}≠${m.declared} @${m.ret.range.start.line}`;
            case 'missing-method': return `missing-method ${m.method}`;
        }
    });
}

describe('compareInterface', () => {
    test("the tutorial's TrainCifar code matches its declaration", () => {
        expect(brief(trainCifar, fixture('train_cifar_tutorial.py'))).toEqual([]);
    });

    test('a declared name the code lacks, per section', () => {
        const code = [
            'class TrainCifar:',
            '    def __init__(self, batch_size=32):',
            '        pass',
            '    def execute(self, images):',
            '        return images',
            ''
        ].join('\n');
        expect(brief(trainCifar, code)).toEqual([
            'missing-in-code attributes.epochs',
            'missing-in-code references.architecture',
            'missing-in-code inputs.labels'
        ]);
    });

    test('a parameter the declaration lacks, with the parameter', () => {
        const code = [
            'class TrainCifar:',
            '    def __init__(self, architecture, batch_size=32, epochs=20, lr=1e-3):',
            '        pass',
            '    def execute(self, images, labels, weights=None):',
            '        return images',
            ''
        ].join('\n');
        const mismatches = compareInterface(trainCifar, cls(code, 'TrainCifar'));
        expect(mismatches).toMatchObject([
            { kind: 'missing-in-declaration', section: 'attributes', name: 'lr', parameter: { name: 'lr', default: 0.001, range: { start: { line: 1, character: 63 } } } },
            { kind: 'missing-in-declaration', section: 'inputs', name: 'weights', parameter: { name: 'weights', hasDefault: true, default: null } }
        ]);
    });

    test('a renamed port is reported on both sides', () => {
        const code = 'class TrainCifar:\n    def __init__(self, architecture, batch_size=32, epochs=20):\n        pass\n    def execute(self, imgs, labels):\n        return imgs\n';
        expect(brief(trainCifar, code)).toEqual(['missing-in-code inputs.images', 'missing-in-declaration inputs.imgs']);
    });

    test('each return of the wrong arity, in code order; returns of nested functions do not count', () => {
        const code = [
            'class TrainCifar:',
            '    def __init__(self, architecture, batch_size=32, epochs=20):',
            '        pass',
            '    def execute(self, images, labels):',
            '        def helper():',
            '            return 1, 2',
            '        if images is None:',
            '            return',
            '        if labels is None:',
            '            return images, labels',
            '        return images',
            ''
        ].join('\n');
        expect(brief(trainCifar, code)).toEqual(['return-arity 0≠1 @7', 'return-arity 2≠1 @9']);
    });

    test('declared outputs and no return at all: an implicit return at the name of execute', () => {
        const code = 'class TrainCifar:\n    def __init__(self, architecture, batch_size=32, epochs=20):\n        pass\n    def execute(self, images, labels):\n        print(images)\n';
        const mismatches = compareInterface(trainCifar, cls(code, 'TrainCifar'));
        expect(mismatches).toEqual([{
            kind: 'return-arity', declared: 1, returned: 0,
            ret: { arity: 0, names: [], range: { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } } }
        }]);
    });

    test('no outputs: a bare return, return None or no return are fine', () => {
        const declared: DeclaredInterface = { attributes: [], references: [], inputs: [{ name: 'data' }], outputs: [] };
        expect(brief(declared, 'class Save:\n    def execute(self, data):\n        if data:\n            return None\n        return\n', 'Save')).toEqual([]);
        expect(brief(declared, 'class Save:\n    def execute(self, data):\n        print(data)\n', 'Save')).toEqual([]);
        expect(brief(declared, 'class Save:\n    def execute(self, data):\n        return data\n', 'Save')).toEqual(['return-arity 1≠0 @2']);
    });

    test('missing methods', () => {
        expect(brief(trainCifar, 'class TrainCifar:\n    pass\n')).toEqual(['missing-method __init__', 'missing-method execute']);
        // Without attributes or references, Python's default constructor is enough.
        const noInit: DeclaredInterface = { attributes: [], references: [], inputs: [], outputs: [{ name: 'x' }] };
        expect(brief(noInit, 'class Get:\n    def execute(self):\n        return 1\n', 'Get')).toEqual([]);
        expect(brief(noInit, 'class Get:\n    def __init__(self):\n        pass\n', 'Get')).toEqual(['missing-method execute']);
    });

    test('*args and **kwargs neither satisfy nor ask for a declared name', () => {
        const code = 'class TrainCifar:\n    def __init__(self, architecture, *args, batch_size=32, epochs=20, **kwargs):\n        pass\n    def execute(self, images, *rest, **options):\n        return images\n';
        expect(brief(trainCifar, code)).toEqual(['missing-in-code inputs.labels']);
    });

    test('keyword-only parameters are matched by name like the others', () => {
        const code = 'class TrainCifar:\n    def __init__(self, *, architecture, batch_size=32, epochs=20):\n        pass\n    def execute(self, images, *, labels):\n        return images\n';
        expect(brief(trainCifar, code)).toEqual([]);
    });

    test('the order is stable: __init__ side, execute side, returns; declaration order then code order', () => {
        const declared: DeclaredInterface = {
            attributes: [{ name: 'z' }, { name: 'a' }],
            references: [{ name: 'net', kind: 'network' }],
            inputs: [{ name: 'q' }, { name: 'p' }],
            outputs: [{ name: 'o1' }, { name: 'o2' }]
        };
        const code = 'class Op:\n    def __init__(self, y, b):\n        pass\n    def execute(self, s, r):\n        if s:\n            return s\n        return s, r, 1\n';
        expect(brief(declared, code, 'Op')).toEqual([
            'missing-in-code attributes.z', 'missing-in-code attributes.a', 'missing-in-code references.net',
            'missing-in-declaration attributes.y', 'missing-in-declaration attributes.b',
            'missing-in-code inputs.q', 'missing-in-code inputs.p',
            'missing-in-declaration inputs.s', 'missing-in-declaration inputs.r',
            'return-arity 1≠2 @5', 'return-arity 3≠2 @6'
        ]);
    });
});

describe('interfaceFromCode', () => {
    test('attributes typed from annotations or literal defaults; references by name; outputs from return names', () => {
        const code = [
            'class Op:',
            '    def __init__(self, architecture, n=3, lr=1e-3, rate: float = 1, flag=False, opt="adam", shape=(3, 3), seed=None, fn=np.mean, plain):',
            '        pass',
            '    def execute(self, images: np.ndarray, labels, *extra):',
            '        if images is None:',
            '            return None, labels.shape, None',
            '        return model, labels',
            ''
        ].join('\n');
        expect(interfaceFromCode(cls(code, 'Op'))).toEqual({
            attributes: [
                { name: 'n', type: 'int', default: '3' },
                { name: 'lr', type: 'float', default: '0.001' },
                { name: 'rate', type: 'float', default: '1.0' },
                { name: 'flag', type: 'bool', default: 'False' },
                { name: 'opt', type: 'str', default: '"adam"' },
                { name: 'shape', default: '(3, 3)' },
                { name: 'seed', default: 'None' },
                { name: 'fn' },
                { name: 'plain' }
            ],
            references: [{ name: 'architecture', kind: 'network' }],
            inputs: [{ name: 'images', type: 'ndarray' }, { name: 'labels' }],
            outputs: [{ name: 'model' }, { name: 'labels' }, { name: 'out2' }]
        });
    });

    test('referenceNames decide which __init__ parameters are references', () => {
        const c = cls(fixture('train_cifar_tutorial.py'), 'TrainCifar');
        expect(interfaceFromCode(c, new Set(['batch_size'])).references).toEqual([{ name: 'batch_size', kind: 'network' }]);
        expect(interfaceFromCode(c, new Set()).references).toEqual([]);
    });

    test('repeated return names get fresh output names', () => {
        const c = cls('class Op:\n    def execute(self, x):\n        return x, x, out1\n', 'Op');
        expect(interfaceFromCode(c).outputs.map(o => o.name)).toEqual(['x', 'out1', 'out2']);
    });
});

describe('declarationFromCode', () => {
    test("the tutorial's TrainCifar", () => {
        const c = cls(fixture('train_cifar_tutorial.py'), 'TrainCifar');
        expect(declarationFromCode('TrainCifar', c, 'operations/train_cifar.py', 'environments/keras.yml')).toBe([
            'operation TrainCifar {',
            '    attributes { batch_size: int = 32, epochs: int = 20 }',
            '    references { architecture: network }',
            '    inputs images, labels',
            '    outputs model',
            '    code "operations/train_cifar.py"',
            '    environment "environments/keras.yml"',
            '}',
            ''
        ].join('\n'));
    });

    test("the tutorial's GetCifarData: four outputs named after the returned variables", () => {
        const c = cls(fixture('get_cifar_data_tutorial.py'), 'GetCifarData');
        expect(declarationFromCode('GetCifarData', c, 'operations/get_cifar_data.py')).toBe([
            'operation GetCifarData {',
            '    outputs train_labels, test_imgs, test_labels, train_imgs',
            '    code "operations/get_cifar_data.py"',
            '}',
            ''
        ].join('\n'));
    });

    test('non-literal defaults are named in a comment; long attribute lists are split over lines', () => {
        const short = cls('class Op:\n    def __init__(self, seed=random.randint(0, 10), n=1):\n        pass\n    def execute(self):\n        return\n', 'Op');
        expect(declarationFromCode('Op', short, 'op.py')).toBe([
            'operation Op {',
            '    attributes { seed, n: int = 1 }  # defaults in the code: seed = random.randint(0, 10)',
            '    code "op.py"',
            '}',
            ''
        ].join('\n'));
        const long = cls('class Op:\n    def __init__(self, learning_rate=0.001, optimizer_name="adam", number_of_epochs=20, batch_size=32, shuffle=True):\n        pass\n', 'Op');
        expect(declarationFromCode('Op', long, 'op.py')).toBe([
            'operation Op {',
            '    attributes {',
            '        learning_rate: float = 0.001,',
            '        optimizer_name: str = "adam",',
            '        number_of_epochs: int = 20,',
            '        batch_size: int = 32,',
            '        shuffle: bool = True',
            '    }',
            '    code "op.py"',
            '}',
            ''
        ].join('\n'));
    });
});


/** Compiles Python source with `python3 -m py_compile`; returns its error output ('' when it compiles). */
function pyCompile(source: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'dfp-stub-'));
    try {
        const file = join(dir, 'stub.py');
        writeFileSync(file, source);
        const result = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
        return result.status === 0 ? '' : result.stderr || `exit ${result.status}`;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe('codeStubFromDeclaration', () => {
    test('the TrainCifar stub', () => {
        expect(codeStubFromDeclaration('TrainCifar', trainCifar)).toBe([
            'class TrainCifar:',
            '    def __init__(self, architecture, batch_size=32, epochs=20):',
            '        self.architecture = architecture',
            '        self.batch_size = batch_size',
            '        self.epochs = epochs',
            '',
            '    def execute(self, images, labels):',
            '        model = None',
            '        return model',
            ''
        ].join('\n'));
    });

    const declarations: [string, DeclaredInterface][] = [
        ['TrainCifar', trainCifar],
        ['GetCifarData', { attributes: [], references: [], inputs: [], outputs: ['train_images', 'train_labels', 'test_images', 'test_labels'].map(name => ({ name })) }],
        ['Output', { attributes: [{ name: 'save_name', type: 'str' }], references: [], inputs: [{ name: 'data' }], outputs: [] }],
        ['Passthrough', { attributes: [], references: [], inputs: [{ name: 'model' }], outputs: [{ name: 'model' }, { name: 'extra' }] }],
        ['Everything', {
            attributes: [
                { name: 'opt', type: 'str', default: '"adam"' }, { name: 'required' }, { name: 'shape', default: '(3, 3)' },
                { name: 'reg', default: 'l2(0.01)' }, { name: 'lr', type: 'float', default: '-1e-3' }, { name: 'from' }, { name: 'flag', type: 'bool', default: 'True' }
            ],
            references: [{ name: 'architecture', kind: 'network' }, { name: 'lambda', kind: 'network' }],
            inputs: [{ name: 'images', type: 'ndarray' }, { name: 'in' }],
            outputs: [{ name: 'pred', type: 'ndarray' }, { name: 'pass' }]
        }]
    ];

    test.each(declarations)('the %s stub compiles with python3', (name, declared) => {
        const stub = codeStubFromDeclaration(name, declared);
        expect(pyCompile(stub), stub).toBe('');
    });

    test.each(declarations.filter(([name]) => name !== 'Everything'))('the %s stub matches its declaration', (name, declared) => {
        const stub = codeStubFromDeclaration(name, declared);
        const module = reader.read(stub);
        expect(module.syntaxErrors).toEqual([]);
        expect(compareInterface(declared, module.classes.get(name)!)).toEqual([]);
    });

    test('Python keywords and self become name_; parameters without defaults come first', () => {
        const stub = codeStubFromDeclaration('Everything', declarations[4][1]);
        expect(stub).toContain('    def __init__(self, required, from_, architecture, lambda_, opt="adam", shape=(3, 3), reg=l2(0.01), lr=-1e-3, flag=True):');
        expect(stub).toContain('    def execute(self, images, in_):');
        expect(stub).toContain('        return pred, pass_');
    });

    test('py_compile really rejects invalid Python (the check above is not vacuous)', () => {
        expect(pyCompile('class A:\n    def f(self, a=1, b):\n        pass\n')).toMatch(/SyntaxError/);
        expect(execFileSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' }).trim()).toBe('1');
    });
});
