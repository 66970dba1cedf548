import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from 'jsonschema';
import { describe, expect, test } from 'vitest';
import { Arity, MetamodelFileError, parseMetamodelFile, readMetamodelFile } from '../../../metamodel/core/index.js';

const schemaPath = fileURLToPath(new URL('../../../metamodel/core/metamodel-file.schema.json', import.meta.url));
const cataloguePath = fileURLToPath(new URL('../../../examples/extensions/datasets/catalogue.metamodel.json', import.meta.url));

/** The problems a metamodel file's text has, as `line:column message`. */
function problems(text: string): string[] {
    try {
        parseMetamodelFile(text, 'bad.metamodel.json');
    } catch (error) {
        expect(error).toBeInstanceOf(MetamodelFileError);
        return (error as MetamodelFileError).problems.map(p => `${p.line}:${p.column} ${p.message}`);
    }
    throw new Error('expected the file to be rejected');
}

/** A file with one type `T` whose body is `body` (on line 4). */
const oneType = (body: string) => `{
    "name": "m",
    "types": {
        "T": ${body}
    }
}`;

describe('metamodel files', () => {
    test('the example catalogue: types with inheritance, typed attributes with defaults, ranges and enums, ports with arity, references, containment, docs', () => {
        const file = readMetamodelFile(cataloguePath);
        expect(file).toMatchObject({ path: cataloguePath, name: 'catalogue', title: 'Dataset catalogue', roots: ['Source', 'Dataset', 'Transform'] });
        const metamodel = file.metamodel;
        expect(metamodel.all().map(t => t.name)).toEqual(['Entry', 'Source', 'Dataset', 'Split', 'Transform']);
        expect(metamodel.get('Entry')!.definition.abstract).toBe(true);
        const dataset = metamodel.get('Dataset')!;
        expect(dataset.lineage).toEqual(['Dataset', 'Entry']);
        expect(dataset.attributes.map(a => a.name)).toEqual(['path', 'format', 'samples', 'classes', 'shape', 'normalized', 'description', 'tags']);
        expect(dataset.attribute('path')).toMatchObject({ type: { kind: 'string' }, required: true });
        expect(dataset.attribute('format')).toMatchObject({ type: { kind: 'enum', values: ['npz', 'npy', 'csv', 'parquet', 'images', 'sklearn'] }, default: 'npz' });
        expect(dataset.attribute('classes')).toMatchObject({ type: { kind: 'int' }, min: 2, max: 100000 });
        expect(dataset.attribute('shape')!.type).toEqual({ kind: 'shape' });
        expect(dataset.attribute('tags')).toMatchObject({ type: { kind: 'list', of: { kind: 'string' } }, default: [] });
        expect(dataset.attribute('normalized')).toMatchObject({ type: { kind: 'bool' }, default: false });
        expect(dataset.attribute('path')!.doc).toMatch(/relative to the project/);
        expect(dataset.inputs).toEqual([{ name: 'raw', arity: Arity.atMost(1), typeName: 'files', doc: 'The source files it is made from (optional).' }]);
        expect(dataset.outputs[0]).toMatchObject({ name: 'data', arity: Arity.any });
        expect(dataset.references).toEqual([{ name: 'source', target: 'Source', doc: 'Where the data comes from.', required: undefined }]);
        expect(dataset.definition.contains).toEqual(['Split']);
        expect(metamodel.get('Transform')!.inputs[0].arity).toEqual(Arity.exactly(1));
        expect(metamodel.get('Split')!.attribute('fraction')).toMatchObject({ type: { kind: 'float' }, min: 0, max: 1, required: true });
    });

    test('the example catalogue validates against the JSON Schema shipped for editors; bad data does not', () => {
        const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
        const validator = new Validator();
        expect(validator.validate(JSON.parse(readFileSync(cataloguePath, 'utf8')), schema).errors.map(e => e.stack)).toEqual([]);
        const bad = { name: 'm', types: { T: { attributes: { n: { type: 'integr' } }, inputs: { in: { arity: '1..' } }, colour: 'red' } } };
        const errors = validator.validate(bad, schema).errors.map(e => e.property);
        expect(errors).toContain('instance.types.T');
        expect(errors.some(p => p.startsWith('instance.types.T.attributes.n'))).toBe(true);
        expect(errors).toContain('instance.types.T.inputs.in.arity');
    });

    test('arities: a count, 0..N, N..*, *', () => {
        const file = parseMetamodelFile(oneType(`{ "inputs": { "a": { "arity": 2 }, "b": { "arity": "0..3" }, "c": { "arity": "1..*" }, "d": { "arity": "*" }, "e": {} } }`), 'x.json');
        expect(file.metamodel.get('T')!.inputs.map(p => p.arity)).toEqual([Arity.exactly(2), Arity.atMost(3), Arity.atLeast(1), Arity.any, Arity.any]);
    });

    test('attribute types: plain names, enums, lists of types, tuples, optionals', () => {
        const file = parseMetamodelFile(oneType(`{ "attributes": {
            "a": "int", "b": { "type": "list", "of": { "type": "enum", "values": ["x", "y"] } }, "c": { "type": "tuple", "length": 2 },
            "d": { "type": "optional", "of": "float", "default": null }, "e": { "type": "list", "of": "int", "min": 0, "default": [1, 2] } } }`), 'x.json');
        const type = file.metamodel.get('T')!;
        expect(type.attributes.map(a => a.type)).toEqual([
            { kind: 'int' }, { kind: 'list', of: { kind: 'enum', values: ['x', 'y'] } }, { kind: 'tuple', length: 2 },
            { kind: 'optional', of: { kind: 'float' } }, { kind: 'list', of: { kind: 'int' } }
        ]);
        expect(type.attribute('d')!.default).toBeNull();
    });

    describe('bad data: a clear error at file:line:column', () => {
        test('the message names the file, line and column of every problem', () => {
            expect(() => parseMetamodelFile(oneType(`{ "attributes": { "n": { "type": "flot" } } }`), 'data/bad.metamodel.json'))
                .toThrow('data/bad.metamodel.json:4:47: unknown attribute type `flot` — did you mean `float`?');
        });
        test('unknown attribute type', () => {
            expect(problems(oneType(`{ "attributes": { "n": "strng", "m": { "type": "colour" } } }`))).toEqual([
                '4:37 unknown attribute type `strng` — did you mean `string`?',
                '4:61 unknown attribute type `colour` (one of int, float, bool, string, enum, list, tuple, shape, optional, any)'
            ]);
        });
        test('bad ranges: min > max, a range on a string, fractional bounds of an int, a default outside the range', () => {
            expect(problems(oneType(`{ "attributes": {
            "a": { "type": "int", "min": 10, "max": 1 },
            "b": { "type": "string", "min": 0 },
            "c": { "type": "int", "min": 0.5 },
            "d": { "type": "float", "min": 0, "max": 1, "default": 2.5 } } }`))).toEqual([
                '5:35 attribute `a`: empty range, `min` 10 is greater than `max` 1',
                '6:38 attribute `b`: a range bounds numbers, but the type is string',
                '7:35 attribute `c` is an int: its bounds must be ints',
                '8:68 the default 2.5 of attribute `d` is outside its range [0, 1]'
            ]);
        });
        test('defaults that do not fit the type, enums without values, required with a default', () => {
            expect(problems(oneType(`{ "attributes": {
            "a": { "type": "int", "default": "ten" },
            "b": { "type": "enum", "values": ["x", "y"], "default": "z" },
            "c": { "type": "enum" },
            "d": { "type": "enum", "values": ["x", "x"] },
            "e": { "type": "string", "required": true, "default": "" },
            "f": { "type": "int", "values": ["x"] } } }`))).toEqual([
                '5:46 the default of attribute `a` does not fit: it expects int, got string `"ten"`',
                '6:69 the default of attribute `b` does not fit: it expects "x" or "y", got "z"',
                '7:28 an enum lists its `values`',
                '8:46 the enum value "x" is listed twice',
                '9:56 attribute `e` is required and has a default: drop one of them',
                '10:35 `values` applies to enum types, not int'
            ]);
        });
        test('unknown base, contained, reference target and root types (with did-you-mean); inheritance cycles', () => {
            expect(problems(`{
    "name": "m",
    "roots": ["Datset"],
    "types": {
        "Entry": { "base": "Thing" },
        "Dataset": { "base": "Entry", "contains": ["Splt"], "references": { "source": { "target": "Sourc" } } },
        "Source": {},
        "A": { "base": "B" },
        "B": { "base": "A" }
    }
}`)).toEqual([
                '5:28 the base type `Thing` is not a type of this metamodel',
                '6:52 the contained type `Splt` is not a type of this metamodel',
                '6:99 the reference target `Sourc` is not a type of this metamodel — did you mean `Source`?',
                '8:14 inheritance cycle: `A` inherits from itself through `A` → `B`',
                '9:14 inheritance cycle: `B` inherits from itself through `B` → `A`',
                '3:15 the root type `Datset` is not a type of this metamodel — did you mean `Dataset`?'
            ]);
        });
        test('unknown keys (with did-you-mean), duplicate keys, names that are no identifiers or are keywords, bad arities', () => {
            expect(problems(`{
    "name": "m",
    "types": {
        "T": { "atributes": {}, "doc": "a", "doc": "b" },
        "my type": {},
        "U": { "attributes": { "connect": "int" }, "inputs": { "in": { "arity": "1.." }, "out": { "arity": -1 } } }
    }
}`)).toEqual([
                '4:16 type `T`: unknown key `atributes` — did you mean `attributes`?',
                '4:45 type `T`: `doc` is given twice (first on line 4)',
                '5:9 the type name `my type` is not an identifier (letters, digits and `_`, not starting with a digit)',
                '6:32 `connect` is a keyword of the model syntax and cannot name an attribute',
                '6:81 an arity is a count (`1`), `"0..N"` (at most N), `"N..*"` (at least N) or `"*"` (any number)',
                '6:108 an arity is a count (`1`), `"0..N"` (at most N), `"N..*"` (at least N) or `"*"` (any number)'
            ]);
        });
        test('an attribute and a reference of the same name (inherited too)', () => {
            expect(problems(`{
    "name": "m",
    "types": {
        "A": { "attributes": { "source": "string" } },
        "B": { "base": "A", "references": { "source": "A" } }
    }
}`)).toEqual(['5:14 `B` has both an attribute and a reference named `source`']);
        });
        test('missing name and types; not an object', () => {
            expect(problems('{ "title": "x" }')).toEqual(['1:1 the metamodel has no `name`', '1:1 the metamodel has no `types`']);
            expect(problems('[1, 2]')).toEqual(['1:1 a metamodel file is a JSON object with `name` and `types`']);
        });
        test('invalid JSON: the position of the syntax error', () => {
            expect(problems('{\n  "name": "m",\n  "types": { "T": { } ,}\n}')).toEqual(['3:24 invalid JSON: expected a property name in double quotes']);
            expect(problems('{\n  "name": "m"\n  "types": {}\n}')).toEqual(['3:3 invalid JSON: expected `,` or `}`']);
            expect(problems('{ "name": "m", "types": { ')).toEqual(['1:27 invalid JSON: expected a property name in double quotes']);
        });
        test('a file that cannot be read', () => {
            const folder = mkdtempSync(join(tmpdir(), 'metamodel-file-'));
            try {
                expect(() => readMetamodelFile(join(folder, 'none.metamodel.json'))).toThrow(`${join(folder, 'none.metamodel.json')}:1:1: cannot read the metamodel file: no such file`);
                writeFileSync(join(folder, 'bad.metamodel.json'), '{ "name": 1, "types": {} }');
                expect(() => readMetamodelFile(join(folder, 'bad.metamodel.json'))).toThrow(`${join(folder, 'bad.metamodel.json')}:1:11: \`name\` is a string`);
            } finally {
                rmSync(folder, { recursive: true, force: true });
            }
        });
    });
});
