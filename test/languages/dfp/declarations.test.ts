import { describe, expect, test } from 'vitest';
import { at, build, buildProject, describe as describeDiagnostics, expectDiagnostic } from './helpers.js';

/** Checks of operation declarations, imports and file-level names, each with message and exact range. */

describe('operation declarations', () => {
    test('a full declaration without code checks clean', async () => {
        const document = await build(`operation Fit "Fits a model." {
    attributes { lr: float = 1e-3 [0.0..1.0], steps = 10 [1..], verbose: bool = False, name: str = "m", mode: "a" | "b" = "a", tags: list = [] }
    references { architecture: network }
    inputs x: ndarray, y
    outputs model, history: dict
    environment "env.yml"
}`);
        expect(describeDiagnostics(document)).toEqual([]);
    });

    test('unknown attribute type, with did-you-mean', async () => {
        const text = 'operation A {\n    attributes { epochs: itn = 2 }\n}';
        const document = await build(text);
        const diagnostic = expectDiagnostic(document, { message: 'unknown attribute type `itn` — did you mean `int`?', range: at(text, 1, 'itn') });
        expect((diagnostic.data as { fixes: Array<{ newText: string }> }).fixes[0].newText).toBe('int');
    });

    test('a default of the wrong type', async () => {
        const text = 'operation A {\n    attributes { epochs: int = "x" }\n}';
        expectDiagnostic(await build(text), { message: 'the default of `epochs` must be int, got string `"x"`', range: at(text, 1, '"x"') });
    });

    test('an enum default that is not one of its values', async () => {
        const text = 'operation A {\n    attributes { optimizer: "adam" | "sgd" = "rmsprop" }\n}';
        expectDiagnostic(await build(text), { message: 'the default of `optimizer` must be one of "adam", "sgd", got "rmsprop"', range: at(text, 1, '"rmsprop"') });
    });

    test('a default outside the range', async () => {
        const text = 'operation A {\n    attributes { epochs: int = 0 [1..1000] }\n}';
        expectDiagnostic(await build(text), { message: 'the default 0 of `epochs` is outside its range [1..1000]', range: at(text, 1, '0'), text: '0' });
    });

    test('an empty range, a range on a string, int bounds for an int', async () => {
        const empty = 'operation A {\n    attributes { epochs: int = 5 [10..1] }\n}';
        expectDiagnostic(await build(empty), { message: 'empty range: the lower bound 10 is greater than the upper bound 1', range: at(empty, 1, '[10..1]') });
        const string = 'operation A {\n    attributes { name: str = "a" [1..2] }\n}';
        expectDiagnostic(await build(string), { message: 'a range bounds numbers, but `name` is of type str', range: at(string, 1, '[1..2]') });
        const fractional = 'operation A {\n    attributes { n: int = 1 [0.5..2] }\n}';
        expectDiagnostic(await build(fractional), { message: '`n` is an int: its bounds must be ints', range: at(fractional, 1, '[0.5..2]') });
    });

    test('an unknown reference kind, with did-you-mean', async () => {
        const text = 'operation A {\n    references { architecture: netwrk }\n}';
        expectDiagnostic(await build(text), { message: 'unknown reference kind `netwrk` — did you mean `network`?', range: at(text, 1, 'netwrk') });
    });

    test('duplicate names within an operation', async () => {
        const text = 'operation A {\n    attributes { x: int = 1 }\n    references { x: network }\n    inputs a, a\n    outputs a\n}';
        const document = await build(text);
        expectDiagnostic(document, { message: 'duplicate reference `x` in operation `A` (already an attribute)', range: at(text, 2, 'x') });
        expectDiagnostic(document, { message: 'duplicate input `a` in operation `A`', range: at(text, 3, 'a', 2) });
        // An output may be named like an input: they are different sides of `execute`.
        expect(describeDiagnostics(document)).toHaveLength(2);
    });

    test('a section given twice', async () => {
        const text = 'operation A {\n    inputs a\n    inputs b\n}';
        expectDiagnostic(await build(text), { message: 'operation `A` has two `inputs` sections (the first on line 2); merge them', range: at(text, 2, 'inputs') });
    });

    test('reserved and built-in names', async () => {
        const reserved = 'operation Operation {\n    inputs a\n}';
        expectDiagnostic(await build(reserved), { message: '`Operation` is the base of every operation; choose another name', range: at(reserved, 0, 'Operation') });
        const shadowing = 'operation Input {\n    outputs data\n}\npipeline P {\n    x = Input()\n}';
        const document = await build(shadowing);
        expectDiagnostic(document, { message: 'operation `Input` shadows the built-in `Input` in this file and the files importing it', range: at(shadowing, 0, 'Input'), severity: 'warning' });
        // The step uses the file's `Input` (no `artifact` required).
        expect(describeDiagnostics(document)).toHaveLength(1);
    });

    test('duplicate top-level names', async () => {
        const text = 'operation A {\n    inputs a\n}\npipeline A {\n}';
        expectDiagnostic(await build(text), { message: 'duplicate name `A`: an operation of that name is defined on line 1', range: at(text, 3, 'A') });
    });
});

describe('imports', () => {
    test('a missing file, a file of another kind, this file, twice', async () => {
        const text = 'import "missing.dfp"\nimport "notes.txt"\nimport "main.dfp"\nimport "other.dfp"\nimport "other.dfp"\n';
        const project = await buildProject({ 'main.dfp': text, 'other.dfp': 'operation O {\n    outputs x\n}\n' });
        const document = project.documents['main.dfp'];
        expectDiagnostic(document, { message: `cannot find \`missing.dfp\` (looked for /${project.folder.slice('file:///'.length)}/missing.dfp)`, range: at(text, 0, '"missing.dfp"') });
        expectDiagnostic(document, { message: 'cannot import `notes.txt`: a .dfp file imports .dfp and .dfnn files', range: at(text, 1, '"notes.txt"') });
        expectDiagnostic(document, { message: 'a file does not need to import itself', range: at(text, 2, '"main.dfp"'), severity: 'warning' });
        expectDiagnostic(document, { message: '`other.dfp` is already imported', range: at(text, 4, '"other.dfp"'), severity: 'warning' });
    });
});
