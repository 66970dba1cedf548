import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LAUNCHER = path.join(ROOT, 'bin', 'deepforge.cjs');
const FIXTURES = path.join(ROOT, 'test', 'cli', 'fixtures', 'extensions');
const DATASETS = path.join(ROOT, 'examples', 'extensions', 'datasets');

/** Runs the real CLI (the launcher, on the built tree) in a folder. */
function deepforge(cwd: string, ...args: string[]) {
    const env = { ...process.env };
    delete env.DEEPFORGE_PROJECT;
    const result = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd, env, encoding: 'utf8', timeout: 240_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temporary: string[] = [];
afterAll(() => { for (const folder of temporary) rmSync(folder, { recursive: true, force: true }); });

/** A fresh temporary folder, removed after the tests. */
function scratch(prefix: string): string {
    const folder = mkdtempSync(path.join(tmpdir(), prefix));
    temporary.push(folder);
    return folder;
}

/** A fresh project folder (with `.deepforge/`, so it is the project of commands run in it). */
function project(): string {
    const folder = scratch('deepforge-extensions-');
    mkdirSync(path.join(folder, '.deepforge'));
    return folder;
}

function config(folder: string): Record<string, unknown> {
    return JSON.parse(readFileSync(path.join(folder, '.deepforge', 'config.json'), 'utf-8'));
}

describe('deepforge extensions', () => {
    test('add, list and remove a data-only extension (a folder), recorded in the project config', () => {
        const folder = project();
        writeFileSync(path.join(folder, 'mine.dfcat'), 'Source web {\n    url: "https://example.org/data"\n}\n\nDataset d {\n    path: "d.npz"\n    samples: 0\n    source: web\n}\n');

        const add = deepforge(folder, 'extensions', 'add', DATASETS);
        expect(add.stderr).toBe('');
        expect(add.code).toBe(0);
        expect(add.stdout).toContain('added extension deepforge-datasets: dfcat (.dfcat)');
        expect(config(folder).extensions).toEqual([{ name: 'deepforge-datasets', path: path.relative(folder, DATASETS) }]);

        const list = deepforge(folder, 'extensions', 'list');
        expect(list.code).toBe(0);
        expect(list.stdout.trim()).toBe(`deepforge-datasets 0.1.0  ${path.relative(folder, DATASETS)}  languages: dfcat (.dfcat)  ok`);
        const json = JSON.parse(deepforge(folder, 'extensions', 'list', '--json').stdout);
        expect(json).toEqual([expect.objectContaining({ name: 'deepforge-datasets', version: '0.1.0', status: 'ok', languages: [{ id: 'dfcat', fileExtensions: ['.dfcat'] }] })]);

        // The extension's language is checked like the built-in ones.
        const check = deepforge(folder, 'check', 'mine.dfcat');
        expect(check.code).toBe(1);
        expect(check.stdout).toContain('mine.dfcat:7:14: error: `samples` must be ≥ 1, got 0 [out-of-range]');

        const remove = deepforge(folder, 'extensions', 'remove', 'deepforge-datasets');
        expect(remove.code).toBe(0);
        expect(remove.stdout).toContain('removed extension deepforge-datasets');
        expect(config(folder).extensions).toBeUndefined();
        expect(deepforge(folder, 'extensions', 'list').stdout).toContain('no extensions');
        const unknown = deepforge(folder, 'check', 'mine.dfcat');
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain('mine.dfcat');

        const again = deepforge(folder, 'extensions', 'remove', 'deepforge-datasets');
        expect(again.code).toBe(2);
        expect(again.stderr).toContain('deepforge extensions remove: no extension named deepforge-datasets');
    });

    test('an extension written as plain JavaScript imports the core as deepforge-ts and adds a command', () => {
        const folder = project();
        expect(deepforge(folder, 'extensions', 'add', path.join(FIXTURES, 'tiny')).code).toBe(0);
        const hello = deepforge(folder, 'tiny');
        expect(hello.stderr).toBe('');
        expect(hello.stdout.trim()).toBe('hello from tiny (file:///lamp)');
        expect(deepforge(folder, 'check', path.join(FIXTURES, 'tiny', 'hall.tiny')).stdout).toContain('Checked 1 file: no problems.');
        writeFileSync(path.join(folder, 'dim.tiny'), 'Lamp dim {\n    watts: 0\n}\n');
        const check = deepforge(folder, 'check', 'dim.tiny');
        expect(check.code).toBe(1);
        expect(check.stdout).toContain('dim.tiny:2:');
        expect(check.stdout).toContain('watts');
    });

    test('a broken extension is refused by add, and when recorded it is reported while .dfnn and .dfp keep working', () => {
        const folder = project();
        const broken = path.join(FIXTURES, 'broken-import');
        const add = deepforge(folder, 'extensions', 'add', broken);
        expect(add.code).toBe(1);
        expect(add.stderr).toContain(`extension 'broken-import' (${path.relative(folder, broken)}) is not added`);
        expect(add.stderr).toContain('loading ./index.js failed: boom: this extension cannot start');
        expect(existsSync(path.join(folder, '.deepforge', 'config.json'))).toBe(false);

        // Recorded anyway (edited by hand, or broken after it was added): every other extension and the built-ins still work.
        writeFileSync(path.join(folder, '.deepforge', 'config.json'), JSON.stringify({
            extensions: [
                { name: 'broken-import', path: path.relative(folder, broken) },
                { name: 'broken-shape', path: path.join(FIXTURES, 'broken-shape') },
                { name: 'broken-metamodel', path: path.join(FIXTURES, 'broken-metamodel') },
                { name: 'broken-clash', path: path.join(FIXTURES, 'broken-clash') },
                { name: 'broken-package', path: path.join(FIXTURES, 'broken-package') },
                { name: 'broken-grammar', path: path.join(FIXTURES, 'broken-grammar') },
                { name: 'gone', path: './no-such-folder' },
                { name: 'tiny', path: path.join(FIXTURES, 'tiny') }
            ]
        }));
        const check = deepforge(folder, 'check', path.join(ROOT, 'examples', 'digits'));
        expect(check.code).toBe(0);
        expect(check.stdout).toContain('no problems');
        const lines = check.stderr.trim().split('\n');
        expect(lines).toEqual([
            `deepforge: extension 'broken-import' (${path.relative(folder, broken)}): loading ./index.js failed: boom: this extension cannot start`,
            `deepforge: extension 'broken-shape' (${path.join(FIXTURES, 'broken-shape')}): ./index.js: languages[0]: \`id\` must be lower case letters, digits and - (got "Shape!")`,
            expect.stringMatching(new RegExp(`^deepforge: extension 'broken-metamodel' \\(.*\\): language 'bad': .*bad\\.metamodel\\.json:6:\\d+: unknown attribute type \`integer\``)),
            `deepforge: extension 'broken-clash' (${path.join(FIXTURES, 'broken-clash')}): file extension .dfnn of language 'clash' is already taken by a built-in language; the language is not loaded`,
            `deepforge: extension 'broken-package' (${path.join(FIXTURES, 'broken-package')}): package.json has no "deepforge" field (an object with "extension": "./out/index.js" and/or "languages": [...])`,
            expect.stringMatching(new RegExp(`^deepforge: extension 'broken-grammar' \\(.*\\): language 'loop' cannot be created: Parser Definition Errors detected: Left Recursion found in grammar\\. rule: <LoopExpr.*; the language is not loaded$`)),
            `deepforge: extension 'gone' (./no-such-folder): no such folder`
        ]);
        // The good one is served beside them.
        expect(deepforge(folder, 'check', path.join(FIXTURES, 'tiny', 'hall.tiny')).code).toBe(0);

        const list = deepforge(folder, 'extensions', 'list');
        expect(list.code).toBe(1);
        expect(list.stdout).toContain('broken-import ?');
        expect(list.stdout).toContain('    broken: loading ./index.js failed: boom: this extension cannot start');
        expect(list.stdout).toMatch(/^tiny 1\.2\.3 .* languages: tiny \(\.tiny\)  commands: tiny  ok$/m);
    });

    test('an extension whose lowering or generator throws is named in a clear message (exit 2), never a stack trace', () => {
        const folder = project();
        const throws = path.join(FIXTURES, 'throws');
        expect(deepforge(folder, 'extensions', 'add', throws).code).toBe(0);
        const where = `extension 'throws' (${path.relative(folder, throws)})`;
        const lowering = deepforge(folder, 'check', path.join(throws, 'explode.thr'));
        expect(lowering.code).toBe(2);
        expect(lowering.stderr.trim()).toBe(`deepforge: ${where}: language 'thr' failed to lower ${path.relative(folder, path.join(throws, 'explode.thr'))}: lowering exploded`);
        const generator = deepforge(folder, 'generate', 'boom', path.join(throws, 't.thr'), '-o', 'out');
        expect(generator.code).toBe(2);
        expect(generator.stderr.trim()).toBe(`deepforge: ${where}: generator 'boom' failed: cannot read the moon`);
        expect(deepforge(folder, 'check', path.join(throws, 't.thr')).code).toBe(0);
    });

    test('an extension installed with npm (here from a packed tarball) is added as a package and removed with it', () => {
        const folder = project();
        const staging = scratch('deepforge-pack-');
        cpSync(path.join(FIXTURES, 'tiny'), path.join(staging, 'tiny'), { recursive: true });
        const pack = spawnSync('npm', ['pack', '--silent', path.join(staging, 'tiny')], { cwd: staging, encoding: 'utf8' });
        expect(pack.status).toBe(0);
        const tarball = path.join(staging, pack.stdout.trim().split('\n').at(-1)!);
        const add = deepforge(folder, 'extensions', 'add', tarball);
        // npm's own warnings may come on stderr; nothing of ours does.
        expect(add.stderr).not.toContain('deepforge');
        expect(add.code).toBe(0);
        expect(add.stdout).toContain('added extension tiny: tiny (.tiny)');
        expect(config(folder).extensions).toEqual([{ name: 'tiny', package: 'tiny' }]);
        expect(existsSync(path.join(folder, 'node_modules', 'tiny', 'index.js'))).toBe(true);
        expect(deepforge(folder, 'tiny').stdout.trim()).toBe('hello from tiny (file:///lamp)');
        expect(deepforge(folder, 'extensions', 'list').stdout).toMatch(/^tiny 1\.2\.3  npm:tiny  languages: tiny \(\.tiny\)  commands: tiny  ok$/m);
        const remove = deepforge(folder, 'extensions', 'remove', 'tiny');
        expect(remove.code).toBe(0);
        expect(existsSync(path.join(folder, 'node_modules', 'tiny'))).toBe(false);
    }, 120_000);

    test('init scaffolds an extension that builds, passes its own tests, and is served once added', () => {
        const work = scratch('deepforge-scaffold-');
        const init = deepforge(work, 'extensions', 'init', 'robots', '--dir', 'ext');
        expect(init.code).toBe(0);
        expect(init.stdout).toContain('created extension robots in ext');
        const extension = path.join(work, 'ext');
        for (const file of ['package.json', 'langium-config.json', 'src/robots.langium', 'src/metamodel.ts', 'src/lowering.ts', 'src/generator.ts',
            'src/index.ts', 'templates/summary.md.hbs', 'test/robots.test.ts', 'README.md', 'examples/example.robots']) {
            expect(existsSync(path.join(extension, file)), file).toBe(true);
        }
        expect(JSON.parse(readFileSync(path.join(extension, 'package.json'), 'utf-8')).scripts).toEqual({
            build: 'deepforge extensions build .', test: 'deepforge extensions test .'
        });
        const again = deepforge(work, 'extensions', 'init', 'robots', '--dir', 'ext');
        expect(again.code).toBe(2);
        expect(again.stderr).toContain('already exists');

        const build = deepforge(work, 'extensions', 'build', 'ext');
        expect(build.stderr).toBe('');
        expect(build.code).toBe(0);
        expect(existsSync(path.join(extension, 'out', 'index.js'))).toBe(true);

        const tests = deepforge(work, 'extensions', 'test', 'ext');
        expect(tests.code, tests.stdout + tests.stderr).toBe(0);
        expect(tests.stdout).toMatch(/Tests\s+5 passed \(5\)/);

        const folder = project();
        expect(deepforge(folder, 'extensions', 'add', extension).code).toBe(0);
        const check = deepforge(folder, 'check', path.join(extension, 'examples', 'example.robots'));
        expect(check.stdout).toContain('Checked 1 file: no problems.');
        expect(check.code).toBe(0);
        writeFileSync(path.join(folder, 'bad.robots'), 'graph g {\n    node a: Sourc(path = "x");\n}\n');
        const bad = deepforge(folder, 'check', 'bad.robots');
        expect(bad.code).toBe(1);
        expect(bad.stdout).toContain('bad.robots:2:13: error: unknown type `Sourc` — did you mean `Source`? [unknown-type]');
        const generate = deepforge(folder, 'generate', 'summary', path.join(extension, 'examples', 'example.robots'), '-o', 'summary');
        expect(generate.code).toBe(0);
        expect(readFileSync(path.join(folder, 'summary', 'summary.md'), 'utf-8')).toContain('| adults | Filter | condition="age >= 18" |');
        expect(deepforge(folder, 'robots', 'count', path.join(extension, 'examples', 'example.robots')).stdout).toContain('1 graph(s), 3 node(s), 2 link(s)');
    }, 300_000);

    test('bad usage gets a clear message and exit code 2', () => {
        const folder = project();
        expect(deepforge(folder, 'extensions', 'add', './nowhere').stderr).toContain('deepforge extensions add: ./nowhere: no such folder');
        expect(deepforge(folder, 'extensions', 'init', 'Bad Name').stderr).toContain('extension name `Bad Name`: use lower case letters');
        expect(deepforge(folder, 'extensions', 'build', folder).stderr).toContain('no package.json — not an extension folder');
        expect(deepforge(folder, 'extensions', 'remove').code).toBe(2);
    });
});
