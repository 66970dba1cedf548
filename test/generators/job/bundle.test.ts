/**
 * Job bundles (`deepforge generate job`): layout, manifest and hashes, generated Python that
 * compiles, user text that arrives unchanged in `__init__` (through main.py's literals and through
 * the manifest with `run_step`), user paths that cannot leave their folder, no credentials.
 */
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runGenerateJob } from '../../../cli/commands/generate-job.js';
import { BufferedIO } from '../../../cli/io.js';
import { main as cliMain } from '../../../cli/main.js';
import type { JobManifest } from '../../../generators/job/job-generator.js';
import { JobGenerationError } from '../../../generators/job/job-input.js';
import { checkSafeRelativePath } from '../../../generators/job/safe-paths.js';
import { buildJobBundle, PipelineHasErrors, writeJobBundle } from '../../../server/jobs/job-bundle.js';
import { events, ok, root, runPython, tempDir, writeFiles } from './helpers.js';

const digits = join(root, 'examples', 'digits', 'digits.dfp');

function filesUnder(folder: string, base = folder): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(folder)) {
        const full = join(folder, entry);
        if (statSync(full).isDirectory()) found.push(...filesUnder(full, base));
        else found.push(relative(base, full).split('\\').join('/'));
    }
    return found.sort();
}

describe('the digits bundle', () => {
    test('layout: main.py, one module per operation, the network\'s Keras code, runtime, environment, manifest', async () => {
        const bundle = await buildJobBundle(digits);
        expect([...bundle.files.keys()]).toEqual([
            'README.md',
            'deepforge/PROTOCOL.md', 'deepforge/__init__.py', 'deepforge/events.py', 'deepforge/figures.py', 'deepforge/paths.py',
            'deepforge/run_step.py', 'deepforge/runtime.py', 'deepforge/s3.py', 'deepforge/serialization.py',
            'environments/keras.yml',
            'main.py', 'manifest.json',
            'networks/__init__.py', 'networks/digits_cnn.py',
            'operations/__init__.py', 'operations/eval_digits.py', 'operations/load_digits.py', 'operations/predict_digits.py',
            'operations/split_data.py', 'operations/train_digits.py'
        ]);
        // The user's code, copied unchanged; the environment too.
        expect(bundle.files.get('operations/train_digits.py')).toBe(readFileSync(join(root, 'examples/digits/operations/train_digits.py'), 'utf-8'));
        expect(bundle.files.get('environments/keras.yml')).toBe(readFileSync(join(root, 'examples/digits/environments/keras.yml'), 'utf-8'));
        expect(bundle.files.get('networks/digits_cnn.py')).toMatch(/^def build_DigitsCNN\(\):$/m);
        const main = bundle.files.get('main.py') as string;
        expect(main).toContain('operation = TrainDigits(architecture=build_DigitsCNN(), epochs=10, batch_size=32, optimizer="adam")');
        expect(main).toContain('trained = run.outputs(operation.execute(images=split.train_images, labels=split.train_labels))');
        expect(main).toContain('run.save_artifact(trained.model, "digits-cnn")');
        // Steps in topological order.
        const order = ['digits', 'split', 'trained', 'preds', 'EvalDigits#1', 'Output#1'];
        expect(main.match(/with run\.step\("([^"]+)"\)/g)!.map(s => s.slice(15, -2))).toEqual(order);
        expect(JSON.parse(bundle.files.get('manifest.json') as string)).toEqual(bundle.manifest);
    });

    test('manifest: steps with ports, attributes, references, environment and content hashes', async () => {
        const { manifest } = await buildJobBundle(digits);
        expect(manifest).toMatchObject({ format: 'deepforge-job', version: 1, pipeline: 'DigitsClassifier', source: 'digits.dfp', main: 'main.py' });
        expect(manifest.order).toEqual(['digits', 'split', 'trained', 'preds', 'EvalDigits#1', 'Output#1']);
        expect(manifest.inputs).toEqual([]);
        expect(manifest.outputs).toEqual([{ step: 'Output#1', save_name: 'digits-cnn', from: { step: 'trained', port: 'model' } }]);
        const trained = manifest.steps.find(s => s.id === 'trained')!;
        expect(trained).toMatchObject({
            name: 'trained', python_name: 'trained', operation: 'TrainDigits', kind: 'operation',
            code: 'operations/train_digits.py', module: 'operations.train_digits', class: 'TrainDigits',
            declared: { code: 'operations/train_digits.py', environment: 'environments/keras.yml' },
            attributes: { epochs: 10, batch_size: 32, optimizer: 'adam' },
            references: { architecture: { kind: 'network', target: 'DigitsCNN', module: 'networks.digits_cnn', function: 'build_DigitsCNN', file: 'networks/digits_cnn.py' } },
            inputs: [{ port: 'images', from: { step: 'split', port: 'train_images' } }, { port: 'labels', from: { step: 'split', port: 'train_labels' } }],
            outputs: ['model'],
            depends_on: ['split'],
            environment: 'environments/keras.yml'
        });
        const split = manifest.steps.find(s => s.id === 'split')!;
        expect(split.attributes).toEqual({ test_size: 0.2, seed: 0 });
        const evalStep = manifest.steps.find(s => s.id === 'EvalDigits#1')!;
        expect(evalStep).toMatchObject({ name: null, python_name: 'eval_digits', depends_on: ['preds', 'split'] });
        expect(manifest.steps.find(s => s.id === 'Output#1')).toMatchObject({ kind: 'output', save_name: 'digits-cnn', inputs: [{ port: 'data', from: { step: 'trained', port: 'model' } }] });
        for (const step of manifest.steps) {
            for (const [key, hash] of Object.entries(step.hashes)) {
                if (hash !== null) expect(hash, `${step.id} ${key}`).toMatch(/^sha256:[0-9a-f]{64}$/);
            }
        }
        expect(trained.hashes.code).toBe(`sha256:${await sha(readFileSync(join(root, 'examples/digits/operations/train_digits.py')))}`);
        expect(trained.hashes.environment).toBe(manifest.environments[0].sha256);
        expect(manifest.steps.find(s => s.id === 'Output#1')!.hashes.code).toBeNull();
        // Every step's definition differs.
        expect(new Set(manifest.steps.map(s => s.hashes.definition)).size).toBe(manifest.steps.length);
    });

    test('hashes are stable, and change with what they cover only', async () => {
        const folder = tempDir('hashes');
        const copy = (name: string) => readFileSync(join(root, 'examples/digits', name), 'utf-8');
        const files: Record<string, string> = {
            'cnn.dfnn': copy('cnn.dfnn'), 'digits.dfp': copy('digits.dfp'), 'environments/keras.yml': copy('environments/keras.yml')
        };
        for (const op of ['eval_digits', 'load_digits', 'predict_digits', 'split_data', 'train_digits']) files[`operations/${op}.py`] = copy(`operations/${op}.py`);
        writeFiles(folder, files);
        const manifestOf = async () => (await buildJobBundle(join(folder, 'digits.dfp'))).manifest;
        const step = (m: JobManifest, id: string) => m.steps.find(s => s.id === id)!.hashes;
        const first = await manifestOf();
        expect(await manifestOf()).toEqual(first);

        writeFiles(folder, { 'digits.dfp': files['digits.dfp'].replace('epochs=10', 'epochs=3') });
        const fewer = await manifestOf();
        expect(step(fewer, 'trained').attributes).not.toBe(step(first, 'trained').attributes);
        expect(step(fewer, 'trained').definition).not.toBe(step(first, 'trained').definition);
        expect(step(fewer, 'trained').code).toBe(step(first, 'trained').code);
        expect(step(fewer, 'preds')).toEqual(step(first, 'preds'));

        writeFiles(folder, { 'cnn.dfnn': files['cnn.dfnn'].replace('Dense(64', 'Dense(32') });
        const smaller = await manifestOf();
        expect(step(smaller, 'trained').references).not.toBe(step(fewer, 'trained').references);
        expect(step(smaller, 'trained').attributes).toBe(step(fewer, 'trained').attributes);

        writeFiles(folder, { 'operations/predict_digits.py': `${files['operations/predict_digits.py']}\n# changed\n` });
        const edited = await manifestOf();
        expect(step(edited, 'preds').code).not.toBe(step(smaller, 'preds').code);
        expect(step(edited, 'split')).toEqual(step(smaller, 'split'));

        writeFiles(folder, { 'environments/keras.yml': `${files['environments/keras.yml']}      - pandas\n` });
        const env = await manifestOf();
        expect(step(env, 'split').environment).not.toBe(step(edited, 'split').environment);
        expect(step(env, 'Output#1')).toEqual(step(edited, 'Output#1'));
    });

    test('every generated .py of the example bundles compiles (py_compile)', async () => {
        const folder = tempDir('compile');
        const targets: Array<[string, string | undefined]> = [
            [digits, undefined],
            [join(root, 'examples/cifar10/cifar10.dfp'), undefined],
            [join(root, 'examples/redshift/redshift.dfp'), 'RedshiftEstimator'],
            [join(root, 'examples/redshift/redshift.dfp'), 'SyntheticRedshiftEstimator']
        ];
        const files: string[] = [];
        for (const [i, [file, pipeline]] of targets.entries()) {
            const out = join(folder, String(i));
            const io = new BufferedIO();
            expect(await runGenerateJob(file, { out, pipeline }, io), io.errors).toBe(0);
            files.push(...filesUnder(out).filter(f => f.endsWith('.py')).map(f => join(out, f)));
        }
        expect(files.length).toBeGreaterThan(40);
        ok(await runPython(['-m', 'py_compile', ...files]));
    });
});

async function sha(data: Uint8Array): Promise<string> {
    const { createHash } = await import('node:crypto');
    return createHash('sha256').update(data).digest('hex');
}

// ---- user text and paths ------------------------------------------------------------------

/** Strings that break naive code generation: quotes, backslashes, line breaks, `"""`, format markers, unicode. */
const NASTY: Record<string, { dfp: string; value: string }> = {
    quotes: { dfp: String.raw`"He said \"hi\" and 'bye'"`, value: `He said "hi" and 'bye'` },
    backslashes: { dfp: String.raw`"C:\\temp\\new\\"`, value: 'C:\\temp\\new\\' },
    lines: { dfp: String.raw`"line1\nline2\r\n\"\"\"triple\"\"\" '''single'''\t\0end"`, value: 'line1\nline2\r\n"""triple""" \'\'\'single\'\'\'\t\0end' },
    snippet: { dfp: String.raw`'"); import os; os.system("echo pwned") #'`, value: '"); import os; os.system("echo pwned") #' },
    markers: { dfp: String.raw`"{{handlebars}} {{{raw}}} %(prog)s %d {0} \${x}"`, value: '{{handlebars}} {{{raw}}} %(prog)s %d {0} ${x}' },
    unicode: { dfp: '"naïve café — 数字 🚀 \u2028 \u2029 \u0085 \u200f end"', value: 'naïve café — 数字 🚀 \u2028 \u2029 \u0085 \u200f end' }
};

const ECHO_PY = `class Echo():
    def __init__(self, quotes="", backslashes="", lines="", snippet="", markers="", unicode="",
                 items=None, pair=None, ratio=1.5, count=0, flag=False, nothing="set"):
        self.values = dict(quotes=quotes, backslashes=backslashes, lines=lines, snippet=snippet, markers=markers,
                           unicode=unicode, items=items, pair=pair, ratio=ratio, count=count, flag=flag,
                           nothing=nothing)

    def execute(self):
        return self.values
`;

const ECHO_DFP = `operation Echo {
    attributes {
        ${Object.keys(NASTY).map(name => `${name}: str = ""`).join('\n        ')}
        items: list = []
        pair: tuple = (0, 0)
        ratio: float = 1.5
        count: int = 0
        flag: bool = False
        nothing: any = "set"
    }
    outputs values
    code "echo.py"
}

pipeline Injection {
    raw  = Input(artifact="weird %(prog)s \\"q\\" ü.pkl")
    echo = Echo(${Object.entries(NASTY).map(([name, { dfp }]) => `${name}=${dfp}`).join(', ')}, items=["a\\"b", 'c\\\\d', 1, 2.5, True, None], pair=(1, "two"), ratio=2.0, count=-3, flag=True, nothing=None)
    Output(save_name="échos/out")(echo.values)
    Output(save_name="copy")(raw)
}
`;

/** Prints the pickled values as JSON with their Python types: `[type, value]`. */
const DUMP_VALUES = `
import json, pickle, sys
def typed(v):
    if isinstance(v, (list, tuple)):
        return [type(v).__name__, [typed(x) for x in v]]
    return [type(v).__name__, v]
with open(sys.argv[1], 'rb') as f:
    values = pickle.load(f)
print(json.dumps({k: typed(v) for k, v in values.items()}))
`;

function expectedValues(): Record<string, unknown> {
    return {
        ...Object.fromEntries(Object.entries(NASTY).map(([name, { value }]) => [name, ['str', value]])),
        items: ['list', [['str', 'a"b'], ['str', 'c\\d'], ['int', 1], ['float', 2.5], ['bool', true], ['NoneType', null]]],
        pair: ['tuple', [['int', 1], ['str', 'two']]],
        ratio: ['float', 2],
        count: ['int', -3],
        flag: ['bool', true],
        nothing: ['NoneType', null]
    };
}

describe('user text', () => {
    test('attribute strings with quotes, backslashes, newlines, """, format markers and unicode arrive unchanged in __init__ — via main.py and via run_step', async () => {
        const folder = tempDir('inject');
        writeFiles(folder, { 'inject.dfp': ECHO_DFP, 'echo.py': ECHO_PY });
        const out = join(folder, 'job');
        const io = new BufferedIO();
        expect(await runGenerateJob(join(folder, 'inject.dfp'), { out }, io), io.errors).toBe(0);
        const main = readFileSync(join(out, 'main.py'), 'utf-8');
        expect(main).not.toContain('os.system("echo pwned")');
        expect(main).not.toMatch(/^\s*import os; /m);
        ok(await runPython(['-m', 'py_compile', join(out, 'main.py')]));

        // main.py: the artifact's name (with % and quotes) in argparse help must not break it.
        const help = ok(await runPython(['main.py', '--help'], { cwd: out }));
        expect(help.stdout).toContain('weird %(prog)s "q" ü.pkl');

        const rawFile = join(folder, 'raw.pkl');
        ok(await runPython(['-c', `import pickle; pickle.dump({"x": 1}, open(${JSON.stringify(rawFile)}, "wb"))`]));
        const run = ok(await runPython(['main.py', rawFile], { cwd: out }));
        expect(events(run.stdout).filter(e => e.event === 'step' && e.status === 'succeeded').map(e => e.step)).toEqual(['raw', 'echo', 'Output#1', 'Output#2']);
        expect(existsSync(join(out, 'outputs', 'copy.pkl'))).toBe(true);
        const viaMain = ok(await runPython(['-c', DUMP_VALUES, join(out, 'outputs', 'échos', 'out.pkl')]));
        expect(JSON.parse(viaMain.stdout)).toEqual(expectedValues());

        // run_step: the same values from the manifest's JSON.
        const stepDir = join(folder, 'step');
        ok(await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'echo', '--outputs-dir', stepDir], { cwd: out }));
        const viaStep = ok(await runPython(['-c', DUMP_VALUES, join(stepDir, 'values.pkl')]));
        expect(JSON.parse(viaStep.stdout)).toEqual(expectedValues());
    });

    test('step and pipeline names never reach code position unchecked; the comment of each step is one line', async () => {
        const folder = tempDir('names');
        writeFiles(folder, { 'inject.dfp': ECHO_DFP, 'echo.py': ECHO_PY });
        const bundle = await buildJobBundle(join(folder, 'inject.dfp'));
        const main = bundle.files.get('main.py') as string;
        const comment = main.split('\n').find(line => line.trim().startsWith('# echo = Echo('))!;
        expect(comment).toBeDefined();
        // The comment holds the escaped literals: no raw line break survived (it would have split the line).
        expect(comment).toContain(String.raw`\n`);
        expect(main).toContain('echo = run.outputs(operation.execute())');
    });
});

describe('paths from users stay inside their folder', () => {
    const pipeline = (saveName: string, artifact = 'data.pkl') => `pipeline P {
    raw = Input(artifact=${JSON.stringify(artifact)})
    Output(save_name=${JSON.stringify(saveName)})(raw)
}
`;
    const generate = async (text: string) => {
        const folder = tempDir('paths');
        writeFiles(folder, { 'p.dfp': text });
        return buildJobBundle(join(folder, 'p.dfp'));
    };

    test.each([
        ['../x', /save_name "\.\.\/x" may not contain `\.\.` segments: it must stay inside its folder/],
        ['a/../../b', /may not contain `\.\.` segments/],
        ['/etc/passwd', /save_name "\/etc\/passwd" is an absolute path: it must be relative to its folder/],
        ['C:/Windows/x', /is an absolute path/],
        ['a\\..\\b', /contains a backslash/],
        ['', /save_name must not be empty/],
        ['a//b', /may not contain empty segments/],
        ['./x', /may not contain `\.` segments/]
    ])('save_name %j is rejected', async (saveName, message) => {
        await expect(generate(pipeline(saveName))).rejects.toThrow(message);
        await expect(generate(pipeline(saveName))).rejects.toBeInstanceOf(JobGenerationError);
    });

    test('artifact names are checked too; plain subfolders are fine', async () => {
        await expect(generate(pipeline('ok', '../../secret.pkl'))).rejects.toThrow(/step `raw`: artifact name "\.\.\/\.\.\/secret\.pkl" may not contain `\.\.` segments/);
        const bundle = await generate(pipeline('results/run 1/copy', 'data/in.pkl'));
        expect(bundle.manifest.outputs[0].save_name).toBe('results/run 1/copy');
        expect(() => checkSafeRelativePath('a/b.c', 'x')).not.toThrow();
    });

    test('the CLI prints the reason and exits with 2', async () => {
        const folder = tempDir('paths-cli');
        writeFiles(folder, { 'p.dfp': pipeline('../../etc/cron.d/x') });
        const io = new BufferedIO();
        expect(await runGenerateJob(join(folder, 'p.dfp'), { out: join(folder, 'job') }, io)).toBe(2);
        expect(io.errors).toBe('deepforge: step `Output#1`: save_name "../../etc/cron.d/x" may not contain `..` segments: it must stay inside its folder');
        expect(existsSync(join(folder, 'job'))).toBe(false);
    });

    test('the runtime checks again: an edited manifest cannot write outside the outputs folder', async () => {
        const folder = tempDir('paths-runtime');
        writeFiles(folder, { 'p.dfp': pipeline('fine') });
        const out = join(folder, 'job');
        await writeJobBundle(await buildJobBundle(join(folder, 'p.dfp')), out);
        const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf-8'));
        manifest.steps.find((s: { kind: string }) => s.kind === 'output').save_name = '../escaped';
        writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
        const data = join(folder, 'data.pkl');
        ok(await runPython(['-c', `import pickle; pickle.dump(1, open(${JSON.stringify(data)}, "wb"))`]));
        const result = await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'Output#1', '--input', `data=${data}`, '--outputs-dir', join(out, 'o')], { cwd: out });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`ValueError: save_name '../escaped' may not contain '..' segments: it must stay inside its folder`);
        expect(events(result.stdout).find(e => e.event === 'step' && e.status === 'failed')).toMatchObject({ step: 'Output#1' });
        expect(existsSync(join(out, 'escaped.pkl'))).toBe(false);
        // And in main.py: the literal is checked at run time as well.
        const paths = ok(await runPython(['-c', [
            'from deepforge.paths import safe_relative_path as s',
            'bad = ["../x", "/x", "C:x", "a\\\\b", "", "a//b", "a/./b", "x\\x00"]',
            'import json',
            'out = []',
            'for b in bad:',
            '    try:',
            '        s(b); out.append(None)',
            '    except ValueError as e:',
            '        out.append(str(e))',
            'print(json.dumps([s("a/b.pkl"), out]))'
        ].join('\n')], { cwd: out }));
        const [good, errors] = JSON.parse(paths.stdout) as [string, Array<string | null>];
        expect(good).toBe('a/b.pkl');
        expect(errors.every(e => typeof e === 'string')).toBe(true);
    });
});

describe('bundles carry no credentials and no local paths', () => {
    test('environment secrets and absolute paths of the project never land in a bundle', async () => {
        const secret = 'AKIA-super-secret-value-1234567890';
        const saved = { AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY, DEEPFORGE_TOKEN: process.env.DEEPFORGE_TOKEN };
        process.env.AWS_SECRET_ACCESS_KEY = secret;
        process.env.DEEPFORGE_TOKEN = secret;
        try {
            const bundle = await buildJobBundle(digits);
            for (const [name, content] of bundle.files) {
                const text = typeof content === 'string' ? content : Buffer.from(content).toString('latin1');
                expect(text, name).not.toContain(secret);
                expect(text, name).not.toContain(root);
            }
        } finally {
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
        }
    });

    test('an environment file with credentials in a URL is refused', async () => {
        const folder = tempDir('creds');
        writeFiles(folder, {
            'p.dfp': 'operation Noop {\n    outputs x\n    code "noop.py"\n    environment "env.yml"\n}\n\npipeline P {\n    Noop()\n}\n',
            'noop.py': 'class Noop():\n    def execute(self):\n        x = 1\n        return x\n',
            'env.yml': 'dependencies:\n  - pip:\n      - --extra-index-url https://alice:s3cr3t@pypi.example.com/simple\n      - numpy\n'
        });
        await expect(buildJobBundle(join(folder, 'p.dfp'))).rejects.toThrow(/the environment file env\.yml of `Noop` holds credentials in a URL \(user:password@…\); bundles never carry credentials/);
    });
});

describe('the command', () => {
    test('deepforge generate job and deepforge export are wired into the CLI', async () => {
        const folder = tempDir('cli');
        let io = new BufferedIO();
        expect(await cliMain(['node', 'deepforge', 'generate', 'job', digits, '-o', join(folder, 'job')], io), io.errors).toBe(0);
        expect(existsSync(join(folder, 'job', 'main.py'))).toBe(true);
        io = new BufferedIO();
        expect(await cliMain(['node', 'deepforge', 'export', join(root, 'examples/redshift/redshift.dfp'), '--pipeline', 'RedshiftEstimator', '-o', join(folder, 'r.zip'),
            '--static', `train_images=${join(root, 'examples/digits/cnn.dfnn')}`, '--static', `sdss-train-lab.pkl=${join(root, 'examples/digits/digits.dfp')}`], io), io.errors).toBe(0);
        expect(io.output).toContain('2 static inputs');
        expect(io.output).toContain('python main.py TEST_IMAGES TEST_LABELS');
        process.exitCode = 0;
    });


    test('a pipeline with errors is not generated (exit 1, compiler-style errors)', async () => {
        const folder = tempDir('errors');
        writeFiles(folder, { 'p.dfp': 'pipeline P {\n    Output(save_name=3)(x)\n}\n' });
        const io = new BufferedIO();
        expect(await runGenerateJob(join(folder, 'p.dfp'), { out: join(folder, 'job') }, io)).toBe(1);
        expect(io.errors).toMatch(/p\.dfp:2:\d+: error: /);
        expect(io.errors).toMatch(/deepforge: no job generated: \d+ errors?\./);
        await expect(buildJobBundle(join(folder, 'p.dfp'))).rejects.toBeInstanceOf(PipelineHasErrors);
    });

    test('several pipelines need --pipeline; an unknown one is named', async () => {
        const redshift = join(root, 'examples/redshift/redshift.dfp');
        let io = new BufferedIO();
        expect(await runGenerateJob(redshift, { out: tempDir('many') }, io)).toBe(2);
        expect(io.errors).toBe('deepforge: redshift.dfp has 2 pipelines (`RedshiftEstimator`, `SyntheticRedshiftEstimator`): choose one with --pipeline');
        io = new BufferedIO();
        expect(await runGenerateJob(redshift, { out: tempDir('many'), pipeline: 'Nope' }, io)).toBe(2);
        expect(io.errors).toBe('deepforge: no pipeline `Nope` in redshift.dfp (it has `RedshiftEstimator`, `SyntheticRedshiftEstimator`)');
    });

    test('writes into a new folder or over an earlier bundle (keeping its outputs), never over other files', async () => {
        const folder = tempDir('out');
        const out = join(folder, 'job');
        let io = new BufferedIO();
        expect(await runGenerateJob(digits, { out }, io), io.errors).toBe(0);
        expect(io.output).toContain('wrote the job of pipeline DigitsClassifier to');
        mkdirSync(join(out, 'outputs'));
        writeFileSync(join(out, 'outputs', 'keep.txt'), 'kept');
        writeFileSync(join(out, 'operations', 'stale.py'), '');
        io = new BufferedIO();
        expect(await runGenerateJob(digits, { out }, io), io.errors).toBe(0);
        expect(readFileSync(join(out, 'outputs', 'keep.txt'), 'utf-8')).toBe('kept');
        expect(existsSync(join(out, 'operations', 'stale.py'))).toBe(false);

        const other = join(folder, 'other');
        writeFiles(other, { 'notes.txt': 'mine' });
        io = new BufferedIO();
        expect(await runGenerateJob(digits, { out: other }, io)).toBe(2);
        expect(io.errors).toContain('is not empty and not a job bundle (notes.txt…): give a new or empty folder');
        expect(readFileSync(join(other, 'notes.txt'), 'utf-8')).toBe('mine');
    });
});

describe('run_step --input-from', () => {
    test('an input named by its producer\'s outputs folder is resolved when the step starts; a missing or escaping one is exit 2', async () => {
        const out = join(tempDir('input-from'), 'job');
        await writeJobBundle(await buildJobBundle(join(root, 'test', 'server', 'execution', 'fixtures', 'ops', 'ops.dfp'), { pipeline: 'Chain' }), out);
        const made = join(out, '..', 'made');
        ok(await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'made', '--outputs-dir', made], { cwd: out }));
        const scaled = join(out, '..', 'scaled');
        ok(await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'scaled', '--input-from', `values=values:${made}`, '--outputs-dir', scaled], { cwd: out }));
        const index = JSON.parse(readFileSync(join(scaled, 'outputs.json'), 'utf-8')) as { outputs: Record<string, { path: string }> };
        expect(index.outputs.scaled.path).toBe('scaled.npy');
        const values = ok(await runPython(['-c', `import numpy, sys; print(numpy.load(sys.argv[1]).tolist())`, join(scaled, 'scaled.npy')]));
        expect(values.stdout.trim()).toBe('[0.0, 2.0, 4.0, 6.0, 8.0]');

        const missing = await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'scaled', '--input-from', `values=values:${join(out, '..', 'nowhere')}`, '--outputs-dir', scaled], { cwd: out });
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/input 'values': cannot read .*nowhere\/outputs\.json/);
        const wrongPort = await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'scaled', '--input-from', `values=other:${made}`, '--outputs-dir', scaled], { cwd: out });
        expect(wrongPort.code).toBe(2);
        expect(wrongPort.stderr).toContain("lists no output 'other' (it has values)");
        writeFileSync(join(made, 'outputs.json'), JSON.stringify({ step: 'made', outputs: { values: { path: '../../etc/passwd' } } }));
        const escaping = await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'scaled', '--input-from', `values=values:${made}`, '--outputs-dir', scaled], { cwd: out });
        expect(escaping.code).toBe(2);
        expect(escaping.stderr).toContain("may not contain '..' segments");
        const malformed = await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'scaled', '--input-from', 'values', '--outputs-dir', scaled], { cwd: out });
        expect(malformed.code).toBe(2);
        expect(malformed.stderr).toContain('--input-from takes PORT=OUTPUT:DIR');
    }, 120_000);
});
