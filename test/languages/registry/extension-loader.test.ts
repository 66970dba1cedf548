import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkExtensionShape, checkLanguageShape, defineExtension } from '../../../languages/registry/extension.js';
import { ExtensionError, ExtensionRuntimeError, guardLanguage, loadExtensionRecords, loadExtensions, readExtensionPackage } from '../../../languages/registry/extension-loader.js';
import { GenerationProblem, type DomainLanguage } from '../../../languages/registry/domain-language.js';
import { readExtensionRecords, writeExtensionRecords } from '../../../languages/registry/extension-records.js';
import { createStandaloneServices, parseDocument } from '../../../languages/registry/extension-testing.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test', 'cli', 'fixtures', 'extensions');
const DATASETS = path.join(ROOT, 'examples', 'extensions', 'datasets');

function folderWith(files: Record<string, string>): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'deepforge-extension-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        writeFileSync(path.join(folder, name), text);
    }
    return folder;
}

describe('extension package.json', () => {
    test('a valid deepforge field is read with the name and version', () => {
        const pkg = readExtensionPackage(DATASETS);
        expect(pkg.name).toBe('deepforge-datasets');
        expect(pkg.version).toBe('0.1.0');
        expect(pkg.manifest.languages?.map(language => language.id)).toEqual(['dfcat']);
    });

    test.each([
        [{}, 'no package.json in the folder'],
        [{ 'package.json': '{ "name": ' }, 'package.json is not valid JSON'],
        [{ 'package.json': '[]' }, 'package.json must hold a JSON object'],
        [{ 'package.json': '{ "deepforge": {} }' }, 'package.json has no "name"'],
        [{ 'package.json': '{ "name": "x" }' }, 'package.json has no "deepforge" field'],
        [{ 'package.json': '{ "name": "x", "deepforge": {} }' }, 'names neither an "extension" module nor "languages"'],
        [{ 'package.json': '{ "name": "x", "deepforge": { "extension": 3 } }' }, '"deepforge.extension" must be the path of the entry module'],
        [{ 'package.json': '{ "name": "x", "deepforge": { "extension": "../../etc/evil.js" } }' }, '"deepforge.extension" (../../etc/evil.js) points outside the extension\'s folder'],
        [{ 'package.json': '{ "name": "x", "deepforge": { "languages": [{ "id": "a", "title": "A", "fileExtensions": ["a"], "metamodel": "m.json" }] } }' }, '"fileExtensions" must be a non-empty array like [".abc"]'],
        [{ 'package.json': '{ "name": "x", "deepforge": { "languages": [{ "id": "a", "title": "A", "fileExtensions": [".a"] }] } }' }, '"deepforge.languages"[0] needs "metamodel"'],
        [{ 'package.json': '{ "name": "x", "deepforge": { "languages": [{ "id": "a", "title": "A", "fileExtensions": [".a"], "metamodel": "/etc/passwd" }] } }' }, 'points outside the extension\'s folder']
    ])('%j is refused: %s', (files, message) => {
        const folder = folderWith(files);
        expect(() => readExtensionPackage(folder)).toThrow(ExtensionError);
        expect(() => readExtensionPackage(folder)).toThrow(message);
    });

    test('a missing folder is said as such', () => {
        expect(() => readExtensionPackage(path.join(tmpdir(), 'deepforge-no-such-extension'))).toThrow('no such folder');
    });
});

describe('extension shapes', () => {
    test('defineExtension returns the extension as is', () => {
        const extension = { name: 'x', languages: [] };
        expect(defineExtension(extension)).toBe(extension);
    });

    test('the default export and its languages are checked', () => {
        expect(checkExtensionShape(undefined)).toContain('its default export must be an object made by defineExtension');
        expect(checkExtensionShape({ languages: [] })).toContain('has no `name`');
        expect(checkExtensionShape({ name: 'x', languages: {} })).toContain('`languages` must be an array');
        expect(checkExtensionShape({ name: 'x', commands: [{ name: 'c' }] })).toContain('commands[0] must be { name: string, register(program, context) }');
        expect(checkLanguageShape({ id: 'a', title: 'A', fileExtensions: ['.a'], modules: [] })).toContain('`lower(services, document)` is missing');
        expect(checkLanguageShape({ id: 'a', title: 'A', fileExtensions: ['a'], modules: [], lower() {} })).toContain('must start with a dot');
        expect(checkLanguageShape({ id: 'a', title: 'A', fileExtensions: ['.a'], modules: [], lower() {} })).toBeUndefined();
    });
});

describe('project records', () => {
    test('the extensions key is written beside the other settings and read back', () => {
        const project = folderWith({ '.deepforge/config.json': '{ "python": "python3" }' });
        writeExtensionRecords(project, [{ name: 'a', path: './a' }, { name: 'b', package: '@scope/b' }]);
        expect(readExtensionRecords(project)).toEqual([{ name: 'a', path: './a' }, { name: 'b', package: '@scope/b' }]);
        writeExtensionRecords(project, []);
        expect(readExtensionRecords(project)).toEqual([]);
    });

    test('a malformed list is an error naming the config file', () => {
        const project = folderWith({ '.deepforge/config.json': '{ "extensions": [{ "name": 3 }] }' });
        expect(() => readExtensionRecords(project)).toThrow(/config\.json: "extensions"\[0\] must be \{ "name", "path" \| "package" \}/);
    });
});

describe('loadExtensions', () => {
    test('loads data-only and JavaScript extensions; every broken one is a problem, never an exception', async () => {
        const project = folderWith({});
        writeExtensionRecords(project, [
            { name: 'datasets', path: DATASETS },
            { name: 'tiny', path: path.join(FIXTURES, 'tiny') },
            { name: 'broken-import', path: path.join(FIXTURES, 'broken-import') },
            { name: 'broken-shape', path: path.join(FIXTURES, 'broken-shape') },
            { name: 'broken-metamodel', path: path.join(FIXTURES, 'broken-metamodel') },
            { name: 'broken-clash', path: path.join(FIXTURES, 'broken-clash') },
            { name: 'tiny-again', path: path.join(FIXTURES, 'tiny') },
            { name: 'npm-missing', package: 'deepforge-not-installed' }
        ]);
        const result = await loadExtensions(project);
        // An extension whose only language is refused loads with none (and `list` shows it broken).
        expect(result.extensions.map(extension => [extension.name, extension.version, extension.languages.length]))
            .toEqual([['deepforge-datasets', '0.1.0', 1], ['tiny', '1.2.3', 1], ['broken-clash', '0.0.1', 0]]);
        expect(result.languages.map(language => language.id)).toEqual(['dfcat', 'tiny']);
        expect(result.commands.map(command => command.name)).toEqual(['tiny']);
        expect(result.problems.map(problem => problem.text)).toEqual([
            `extension 'broken-import' (${path.join(FIXTURES, 'broken-import')}): loading ./index.js failed: boom: this extension cannot start`,
            `extension 'broken-shape' (${path.join(FIXTURES, 'broken-shape')}): ./index.js: languages[0]: \`id\` must be lower case letters, digits and - (got "Shape!")`,
            expect.stringMatching(/^extension 'broken-metamodel' \(.*\): language 'bad': .*bad\.metamodel\.json:6:\d+: unknown attribute type `integer`/),
            `extension 'broken-clash' (${path.join(FIXTURES, 'broken-clash')}): file extension .dfnn of language 'clash' is already taken by a built-in language; the language is not loaded`,
            `extension 'tiny-again' (${path.join(FIXTURES, 'tiny')}): another extension is already named 'tiny'`,
            `extension 'npm-missing' (npm package deepforge-not-installed): no such folder`
        ]);
    });

    test('a language of a loaded extension works: parsed, validated and lowered with the core', async () => {
        const project = folderWith({});
        const { languages } = await loadExtensionRecords(project, [{ name: 'tiny', path: path.join(FIXTURES, 'tiny') }]);
        const parsed = await parseDocument(languages[0], 'Lamp hall {\n    watts: 500\n    colour: "blue"\n}\n');
        expect(parsed.diagnostics.map(d => `${d.range.start.line}: ${d.message}`)).toEqual([
            '1: `watts` must be in [1, 200], got 500',
            '2: `colour` expects "warm" or "cold", got "blue"'
        ]);
        expect(parsed.lowered.graphs[0].graph.nodes.map(node => `${node.type} ${node.name}`)).toEqual(['Lamp hall']);
    });

    test('a language whose services cannot be created is left out with the reason', async () => {
        const project = folderWith({
            'ext/package.json': JSON.stringify({ name: 'unbuildable', type: 'module', deepforge: { extension: './index.js' } }),
            'ext/index.js': `export default { name: 'unbuildable', languages: [{
                id: 'unbuildable', title: 'U', fileExtensions: ['.unb'], lower: () => ({ graphs: [], diagnostics: [] }),
                modules: [{ parser: { LangiumParser: () => { throw new Error('grammar error: rule Model is left-recursive'); } } }]
            }] };`
        });
        const result = await loadExtensionRecords(project, [{ name: 'unbuildable', path: './ext' }]);
        expect(result.languages).toEqual([]);
        expect(result.problems.map(problem => problem.text)).toEqual([
            "extension 'unbuildable' (./ext): language 'unbuildable' cannot be created: grammar error: rule Model is left-recursive; the language is not loaded"
        ]);
    });

    test('a language id or file extension another extension took first is refused, naming the holder', async () => {
        const metamodel = JSON.stringify({ name: 'm', types: { Thing: { attributes: { size: { type: 'int' } } } } });
        const language = (id: string, ext: string, name = `ext-${id}`) => JSON.stringify({ name, deepforge: { languages: [{ id, title: id, fileExtensions: [ext], metamodel: './m.json' }] } });
        const project = folderWith({
            'a/package.json': language('first', '.thing'), 'a/m.json': metamodel,
            'b/package.json': language('second', '.thing'), 'b/m.json': metamodel,
            'c/package.json': language('first', '.other', 'ext-third'), 'c/m.json': metamodel
        });
        const result = await loadExtensionRecords(project, [{ name: 'a', path: './a' }, { name: 'b', path: './b' }, { name: 'c', path: './c' }]);
        expect(result.languages.map(l => l.id)).toEqual(['first']);
        expect(result.problems.map(problem => problem.text)).toEqual([
            "extension 'b' (./b): file extension .thing of language 'second' is already taken by language 'first' of extension 'ext-first'; the language is not loaded",
            "extension 'c' (./c): language id 'first' is already taken by language 'first' of extension 'ext-first'; the language is not loaded"
        ]);
    });

    test('commands that clash with the core\'s or another extension\'s are left out', async () => {
        const project = folderWith({});
        const result = await loadExtensionRecords(project, [{ name: 'tiny', path: path.join(FIXTURES, 'tiny') }], { reserved: { commands: ['tiny'] } });
        expect(result.commands).toEqual([]);
        expect(result.problems.map(problem => problem.message)).toEqual(["command 'tiny' is already taken by a core command; the command is not added"]);
    });

    test('no config, no extensions, no problems', async () => {
        expect(await loadExtensions(folderWith({}))).toEqual({ extensions: [], languages: [], commands: [], problems: [] });
    });

    test('a malformed config is one problem', async () => {
        const result = await loadExtensions(folderWith({ '.deepforge/config.json': '{ "extensions": 3 }' }));
        expect(result.problems.map(problem => problem.text)).toEqual([expect.stringMatching(/^extension '\*' \(\.deepforge\/config\.json\): .*"extensions" must be a list/)]);
    });

    test('standalone services of the data-only language are created from its metamodel', async () => {
        const { languages } = await loadExtensionRecords(folderWith({}), [{ name: 'datasets', path: DATASETS }]);
        const services = createStandaloneServices(languages);
        expect([...services.languages.keys()]).toEqual(['dfcat']);
    });
});

describe('guardLanguage', () => {
    class ClassLanguage {
        readonly id = 'cls';
        readonly title = 'C';
        readonly fileExtensions = ['.cls'];
        readonly modules = [];
        calls = 0;
        lower(): never {
            this.calls++;
            throw new RangeError('index out of range\nat line 2');
        }
        readonly generators = [{ id: 'g', description: 'd', generate: () => { throw new Error('no'); } }, { id: 'p', description: 'd', generate: () => { throw new GenerationProblem('unknown graph'); } }];
    }

    test('a throwing lowering becomes an ExtensionRuntimeError naming the extension, the language and the file; class instances keep their members', async () => {
        const language = new ClassLanguage();
        const guarded = guardLanguage(language as unknown as DomainLanguage, "extension 'x' (./x)");
        expect(guarded.id).toBe('cls');
        const document = { uri: { scheme: 'memory', toString: () => 'memory:/a.cls' } } as never;
        expect(() => guarded.lower({} as never, document)).toThrow(ExtensionRuntimeError);
        expect(() => guarded.lower({} as never, document)).toThrow("extension 'x' (./x): language 'cls' failed to lower memory:/a.cls: index out of range at line 2");
        expect(language.calls).toBe(2);
        await expect(guarded.generators![0].generate({} as never)).rejects.toThrow(new GenerationProblem("extension 'x' (./x): generator 'g' failed: no"));
        await expect(guarded.generators![1].generate({} as never)).rejects.toThrow(new GenerationProblem('unknown graph'));
    });
});
