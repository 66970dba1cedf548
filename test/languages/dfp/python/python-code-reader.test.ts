import { beforeAll, describe, expect, test } from 'vitest';
import type { Range } from '../../../../metamodel/core/index.js';
import {
    createPythonCodeReader, pythonCodeReaderSync,
    type PythonClass, type PythonCodeReader, type PythonMethod, type PythonParameter
} from '../../../../languages/dfp/python/python-code-reader.js';

let reader: PythonCodeReader;
beforeAll(async () => {
    reader = await createPythonCodeReader();
});

/** Python source from indented template text: the common indentation is removed. */
function py(strings: TemplateStringsArray, ...values: unknown[]): string {
    const text = String.raw({ raw: strings.raw }, ...values).replace(/^\n/, '');
    const indent = Math.min(...text.split('\n').filter(l => l.trim()).map(l => /^ */.exec(l)![0].length));
    return text.split('\n').map(l => l.slice(indent)).join('\n');
}

function cls(source: string, name: string): PythonClass {
    const found = reader.read(source).classes.get(name);
    expect(found, `class ${name}`).toBeDefined();
    return found!;
}

function param(method: PythonMethod | undefined, name: string): PythonParameter {
    const found = method?.parameters.find(p => p.name === name);
    expect(found, `parameter ${name}`).toBeDefined();
    return found!;
}

function range(line: number, character: number, endLine: number, endCharacter: number): Range {
    return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

/** The text under a range, counting characters in UTF-16 code units as the LSP does. */
function textAt(source: string, r: Range): string {
    const lines = source.split('\n');
    const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    return source.slice(offset(r.start), offset(r.end));
}

describe('loading', () => {
    test('the reader is loaded once and then available synchronously', async () => {
        const again = createPythonCodeReader();
        expect(again).toBe(createPythonCodeReader());
        expect(await again).toBe(reader);
        expect(pythonCodeReaderSync()).toBe(reader);
    });
});

describe('classes and methods', () => {
    test('top-level classes, decorated ones too; nested classes and classes in functions are not', () => {
        const module = reader.read(py`
            import dataclasses

            class First:
                class Inner:
                    pass

            @dataclasses.dataclass
            class Second(Base, metaclass=Meta):
                pass

            def factory():
                class Hidden:
                    pass
                return Hidden
        `);
        expect([...module.classes.keys()]).toEqual(['First', 'Second']);
        expect(module.syntaxErrors).toEqual([]);
    });

    test('the last definition of a class wins, as in Python', () => {
        const module = reader.read('class A:\n    def execute(self, x):\n        return x\n\nclass A:\n    def execute(self, y):\n        return y\n');
        expect(module.classes.get('A')!.execute!.parameters.map(p => p.name)).toEqual(['y']);
        expect(module.classes.get('A')!.range.start.line).toBe(4);
    });

    test('__init__ and execute, also decorated or async; other methods are ignored', () => {
        const c = cls(py`
            class Op:
                @some.decorator(1)
                def __init__(self, a):
                    self.a = a

                def helper(self, z):
                    return z

                @trace
                async def execute(self, x):
                    return x
        `, 'Op');
        expect(c.init!.parameters.map(p => p.name)).toEqual(['a']);
        expect(c.execute!.parameters.map(p => p.name)).toEqual(['x']);
        expect(c.execute!.isAsync).toBe(true);
        expect(c.init!.isAsync).toBe(false);
        expect(c.init!.returns).toEqual([]);                     // only execute's returns are read
    });

    test('a class without the methods', () => {
        const c = cls('class Empty:\n    pass\n', 'Empty');
        expect(c.init).toBeUndefined();
        expect(c.execute).toBeUndefined();
    });
});

describe('parameters', () => {
    test('self is excluded, whatever its name; a @staticmethod keeps its first parameter', () => {
        const c = cls(py`
            class Op:
                def __init__(this, a, b):
                    pass
                @staticmethod
                def execute(images, labels):
                    return images
        `, 'Op');
        expect(c.init!.parameters.map(p => p.name)).toEqual(['a', 'b']);
        expect(c.execute!.parameters.map(p => p.name)).toEqual(['images', 'labels']);
    });

    test('*args and **kwargs are not declared names; keyword-only and positional-only kinds', () => {
        const c = cls(py`
            class Op:
                def __init__(self, a, /, b, *args, c, d=1, **kwargs):
                    pass
                def execute(self, x, *, y, z: int = 2):
                    return x
        `, 'Op');
        const init = c.init!;
        expect(init.parameters.map(p => [p.name, p.kind])).toEqual([
            ['a', 'positional-only'], ['b', 'positional'], ['c', 'keyword-only'], ['d', 'keyword-only']
        ]);
        expect(init.varPositional?.name).toBe('args');
        expect(init.varKeyword?.name).toBe('kwargs');
        expect(c.execute!.parameters.map(p => [p.name, p.kind])).toEqual([
            ['x', 'positional'], ['y', 'keyword-only'], ['z', 'keyword-only']
        ]);
        expect(c.execute!.varPositional).toBeUndefined();
    });

    test('annotated *args / **kwargs are variadic too', () => {
        const c = cls('class Op:\n    def execute(self, *inputs: np.ndarray, **options: Any):\n        return\n', 'Op');
        expect(c.execute!.parameters).toEqual([]);
        expect(c.execute!.varPositional).toMatchObject({ name: 'inputs', annotation: 'np.ndarray' });
        expect(c.execute!.varKeyword).toMatchObject({ name: 'options', annotation: 'Any' });
    });

    test('annotations', () => {
        const c = cls('class Op:\n    def execute(self, images: np.ndarray, labels: "list[int]", n: int = 3, m=4):\n        return\n', 'Op');
        expect(c.execute!.parameters.map(p => p.annotation)).toEqual(['np.ndarray', '"list[int]"', 'int', undefined]);
    });
});

describe('defaults', () => {
    const source = py`
        class Op:
            def __init__(self, architecture, a=32, b=-1e-3, c=1e-3, d=-7, e=0.5, f=1_000, g=0x1F, h=.5,
                         i='adam', j="tab\tquote\"", k=r"\d+", l="a" 'b', m=True, n=False, o=None,
                         p=(3, 3), q=[1, "x", None], r=((1, 2), [3.0]), s=(1,), t=(), u="é😀",
                         v=np.float32, w=f"{a}", x=b"bytes", y=-(1), z=1 + 2, aa: int = 5, bb=(
                             1,  # a comment
                             2)):
                pass
    `;
    const expected: [string, unknown][] = [
        ['a', 32], ['b', -0.001], ['c', 0.001], ['d', -7], ['e', 0.5], ['f', 1000], ['g', 31], ['h', 0.5],
        ['i', 'adam'], ['j', 'tab\tquote"'], ['k', '\\d+'], ['l', 'ab'], ['m', true], ['n', false], ['o', null],
        ['p', [3, 3]], ['q', [1, 'x', null]], ['r', [[1, 2], [3]]], ['s', [1]], ['t', []], ['u', 'é😀'],
        ['v', undefined], ['w', undefined], ['x', undefined], ['y', -1], ['z', undefined], ['aa', 5], ['bb', [1, 2]]
    ];
    test.each(expected)('%s', (name, value) => {
        const parameter = param(cls(source, 'Op').init, name);
        expect(parameter.hasDefault).toBe(true);
        expect(parameter.default).toEqual(value);
        expect(parameter.defaultText).toBeDefined();
    });

    test('literal kinds keep int and float apart', () => {
        const init = cls(source, 'Op').init;
        expect(param(init, 'a').literal).toEqual({ kind: 'int', value: 32 });
        expect(param(init, 'b').literal).toEqual({ kind: 'float', value: -0.001 });
        expect(param(init, 'r').literal).toEqual({
            kind: 'tuple', items: [
                { kind: 'tuple', items: [{ kind: 'int', value: 1 }, { kind: 'int', value: 2 }] },
                { kind: 'list', items: [{ kind: 'float', value: 3 }] }
            ]
        });
    });

    test('the source text of every default, literal or not', () => {
        const init = cls(source, 'Op').init;
        expect(param(init, 'b').defaultText).toBe('-1e-3');
        expect(param(init, 'k').defaultText).toBe('r"\\d+"');
        expect(param(init, 'v').defaultText).toBe('np.float32');
        expect(param(init, 'z').defaultText).toBe('1 + 2');
        expect(param(init, 'aa').annotation).toBe('int');
    });

    test('no default', () => {
        const parameter = param(cls(source, 'Op').init, 'architecture');
        expect(parameter.hasDefault).toBe(false);
        expect(parameter.default).toBeUndefined();
        expect(parameter.defaultText).toBeUndefined();
    });
});

describe('returns', () => {
    test('arity and names of every return of execute, in code order', () => {
        const c = cls(py`
            class Op:
                def execute(self, x, y):
                    if x:
                        return x, y
                    elif y:
                        return (x, y.z)
                    for i in range(3):
                        try:
                            return model
                        except Exception:
                            return
                        finally:
                            pass
                    with open(x) as f:
                        return None
                    while True:
                        return ((a, b, c))
                    match x:
                        case 1:
                            return (a)
                    return a,
        `, 'Op');
        expect(c.execute!.returns.map(r => [r.arity, r.names])).toEqual([
            [2, ['x', 'y']],
            [2, ['x', undefined]],
            [1, ['model']],
            [0, []],
            [0, []],
            [3, ['a', 'b', 'c']],
            [1, ['a']],
            [1, ['a']]
        ]);
    });

    test('returns of nested functions, classes and lambdas are not returns of execute', () => {
        const c = cls(py`
            class Op:
                def execute(self, x):
                    def helper(v):
                        return v, v
                    async def other():
                        return 1, 2, 3
                    @decorator
                    def decorated():
                        return 4
                    class Local:
                        def method(self):
                            return 5
                    key = lambda item: item[0]
                    result = sorted(x, key=lambda v: (v, v))
                    return result
        `, 'Op');
        expect(c.execute!.returns.map(r => [r.arity, r.names])).toEqual([[1, ['result']]]);
    });

    test('no return at all', () => {
        expect(cls('class Op:\n    def execute(self):\n        print(1)\n', 'Op').execute!.returns).toEqual([]);
    });
});

describe('ranges', () => {
    const source = py`
        class TrainCifar:
            def __init__(self, architecture, batch_size: int = 32):
                self.arch = architecture

            @decorator
            def execute(self, images, labels):
                return model, labels
    `;
    test('class, methods, parameters and returns at their exact zero-based ranges', () => {
        const c = cls(source, 'TrainCifar');
        expect(c.range).toEqual(range(0, 0, 6, 28));
        expect(c.nameRange).toEqual(range(0, 6, 0, 16));
        expect(c.init!.nameRange).toEqual(range(1, 8, 1, 16));
        expect(c.init!.range).toEqual(range(1, 4, 2, 32));
        expect(param(c.init, 'architecture').range).toEqual(range(1, 23, 1, 35));
        const batchSize = param(c.init, 'batch_size');
        expect(batchSize.range).toEqual(range(1, 37, 1, 57));
        expect(textAt(source, batchSize.range)).toBe('batch_size: int = 32');
        expect(textAt(source, batchSize.nameRange!)).toBe('batch_size');
        expect(c.execute!.range).toEqual(range(5, 4, 6, 28));     // the def, not its decorator
        expect(c.execute!.returns[0].range).toEqual(range(6, 8, 6, 28));
        expect(textAt(source, c.execute!.returns[0].range)).toBe('return model, labels');
    });

    test('characters are UTF-16 code units on lines with non-ASCII text', () => {
        // "é" is 2 bytes in UTF-8 and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
        const text = py`
            class Opé:  # ünïcödé
                def execute(self, données, b="😀é", c=2):
                    return données, c  # 😀
        `;
        const c = cls(text, 'Opé');
        expect(c.nameRange).toEqual(range(0, 6, 0, 9));
        const b = param(c.execute, 'b');
        expect(b.default).toBe('😀é');
        const cParam = param(c.execute, 'c');
        expect(cParam.range).toEqual(range(1, 40, 1, 43));   // 44..47 in UTF-8 bytes
        expect(textAt(text, cParam.range)).toBe('c=2');
        expect(textAt(text, param(c.execute, 'données').range)).toBe('données');
        expect(c.execute!.returns[0].range).toEqual(range(2, 8, 2, 25));
        expect(textAt(text, c.execute!.returns[0].range)).toBe('return données, c');
    });
});

describe('syntax errors', () => {
    test('reported at their ranges; what could be read is still returned', () => {
        const text = py`
            class Broken:
                def execute(self, x):
                    y = (x +
                    return x

            class Fine:
                def __init__(self, a=1):
                    pass
                def execute(self, x):
                    return x, x
        `;
        const module = reader.read(text);
        expect(module.syntaxErrors).toEqual([range(2, 8, 2, 16)]);
        expect(textAt(text, module.syntaxErrors[0])).toBe('y = (x +');
        expect(module.classes.get('Broken')!.execute!.returns.map(r => r.arity)).toEqual([1]);
        const fine = module.classes.get('Fine')!;
        expect(param(fine.init, 'a').default).toBe(1);
        expect(fine.execute!.returns.map(r => r.arity)).toEqual([2]);
    });

    test('a missing token is reported as an empty range where it is missing', () => {
        const module = reader.read('class A:\n    def execute(self, x:\n        return x\n');
        expect(module.syntaxErrors.length).toBeGreaterThan(0);
        const missing = reader.read('x = (1, 2\nclass B:\n    def execute(self):\n        return\n');
        expect(missing.syntaxErrors.length).toBeGreaterThan(0);
    });

    test('a valid file has no syntax errors; an empty one has no classes', () => {
        expect(reader.read('').classes.size).toBe(0);
        expect(reader.read('').syntaxErrors).toEqual([]);
        expect(reader.read('class A: pass\n').syntaxErrors).toEqual([]);
    });
});

describe('performance', () => {
    test('a 1,000-line file with many classes is read whole', () => {
        const parts: string[] = ['import numpy as np', ''];
        let i = 0;
        while (parts.length < 1000) {
            parts.push(
                `class Op${i}:`,
                `    def __init__(self, architecture, batch_size=32, lr=1e-3, name="op${i}", shape=(3, 3)):`,
                '        self.architecture = architecture',
                '        self.batch_size = batch_size',
                '',
                '    def execute(self, images, labels, *, verbose=False):',
                '        def helper(v):',
                '            return v * 2',
                '        total = 0',
                '        for image, label in zip(images, labels):',
                '            if label > 0:',
                '                total += helper(np.sum(image))',
                '            else:',
                '                return total, None',
                '        model = self.architecture.fit(images, labels, batch_size=self.batch_size)',
                '        return model, total',
                '');
            i++;
        }
        const text = parts.slice(0, 1000).join('\n') + '\n';
        // How fast it reads is measured by `npm run bench`, not asserted here.
        expect(reader.read(text).classes.size).toBeGreaterThan(50);
    });
});
