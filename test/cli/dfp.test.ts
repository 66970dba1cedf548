import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCheck } from '../../cli/commands/check.js';
import { runGraph } from '../../cli/commands/graph.js';
import { BufferedIO } from '../../cli/io.js';
import { writeProject } from './fixtures.js';

/** `deepforge check` and `deepforge graph` on `.dfp` files, the examples among them. */

const examples = path.resolve(fileURLToPath(import.meta.url), '../../../examples');

/** A copy of an example folder in a temporary folder, so that a test may break it. */
function copyExample(name: string): string {
    const root = mkdtempSync(path.join(tmpdir(), `deepforge-${name}-`));
    cpSync(path.join(examples, name), root, { recursive: true });
    return root;
}

function edit(file: string, from: string, to: string): void {
    const text = readFileSync(file, 'utf-8');
    expect(text, `${file} contains ${from}`).toContain(from);
    writeFileSync(file, text.replace(from, to));
}

/** `line:col` (1-based) of the `occurrence`-th `needle` in a file, as compilers print positions. */
function position(file: string, needle: string, after = ''): string {
    const text = readFileSync(file, 'utf-8');
    const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
    expect(offset, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** `file:line:col: severity: message [code]` lines of a check, with the folder left out of the paths. */
async function check(root: string): Promise<{ exit: number; lines: string[] }> {
    const io = new BufferedIO();
    const exit = await runCheck([root], {}, io);
    return { exit, lines: io.stdout.map(line => line.startsWith(root) ? path.relative(root, line) : line).map(line => line.replace(`${path.relative(process.cwd(), root)}/`, '')) };
}

describe('deepforge check on the examples', () => {
    for (const name of ['cifar10', 'redshift', 'digits']) {
        test(`examples/${name} checks clean (pipelines, operation code, networks)`, async () => {
            const io = new BufferedIO();
            expect(await runCheck([path.join(examples, name)], {}, io)).toBe(0);
            expect(io.stdout.at(-1)).toMatch(/^Checked \d+ files: no problems\.$/);
        });
    }

    test('breaking cifar10 on purpose: a port renamed in the Python code', async () => {
        const root = copyExample('cifar10');
        edit(path.join(root, 'operations/train_cifar.py'), 'def execute(self, images, labels)', 'def execute(self, images, targets)');
        const { exit, lines } = await check(root);
        expect(exit).toBe(1);
        const dfp = path.join(root, 'cifar10.dfp');
        const line = position(path.join(root, 'operations/train_cifar.py'), 'def execute').split(':')[0];
        expect(lines).toContain(`cifar10.dfp:${position(dfp, 'labels', 'operation TrainCifar')}: error: input \`labels\` is declared, but \`TrainCifar.execute\` in \`operations/train_cifar.py\` has no parameter \`labels\` [code-mismatch]`);
        expect(lines).toContain(`cifar10.dfp:${position(dfp, 'inputs', 'operation TrainCifar')}: error: \`TrainCifar.execute\` takes \`targets\` (operations/train_cifar.py:${line}), but the declaration has no input \`targets\` [code-mismatch]`);
    });

    test('breaking digits on purpose: an input dropped from a step', async () => {
        const root = copyExample('digits');
        edit(path.join(root, 'digits.dfp'), '(pred_labels=preds.pred_labels, true_labels=split.test_labels)', '(pred_labels=preds.pred_labels)');
        const { exit, lines } = await check(root);
        expect(exit).toBe(1);
        const at = position(path.join(root, 'digits.dfp'), 'EvalDigits()');
        expect(lines).toContain(`digits.dfp:${at}: error: input \`true_labels\` of \`EvalDigits\` is not connected (its \`execute\` parameter has no default) [input-unconnected]`);
    });

    test('breaking redshift on purpose: a string fed to an int attribute', async () => {
        const root = copyExample('redshift');
        edit(path.join(root, 'redshift.dfp'), 'TrainRedshift(architecture=RedshiftInception, epochs=5,', 'TrainRedshift(architecture=RedshiftInception, epochs="five",');
        const { exit, lines } = await check(root);
        expect(exit).toBe(1);
        const at = position(path.join(root, 'redshift.dfp'), '"five"');
        expect(lines.filter(line => line.includes(': error: '))).toEqual([`redshift.dfp:${at}: error: \`epochs\` expects int, got string \`"five"\` [type-mismatch]`]);
        expect(lines.at(-1)).toBe('Checked 2 files: 1 error.');
    });
});

const PROJECT = {
    'nets.dfnn': 'network Net {\n    x = Input(shape=(4,))\n    y = Dense(1)(x)\n}\n',
    'p.dfp': `import "nets.dfnn"
operation Load {
    outputs images, labels
}
operation Train {
    attributes { epochs: int = 20 }
    references { architecture: network }
    inputs images, labels
    outputs model
}
pipeline Later {
    Output(save_name="m")(trained.model)
    trained = Train(architecture=Net, epochs=5)(images=data.images, labels=data.labels)
    data = Load()
}
pipeline Other {
    x = Input(artifact="x")
}
`
};

describe('deepforge graph', () => {
    test('steps in execution order with their wiring', async () => {
        const root = writeProject(PROJECT);
        const io = new BufferedIO();
        expect(await runGraph(path.join(root, 'p.dfp'), {}, io)).toBe(0);
        expect(io.stdout).toEqual([
            'pipeline Later (3 steps, in execution order)',
            '    data = Load()',
            '    trained = Train(architecture=Net, epochs=5) ← images: data.images, labels: data.labels',
            '    Output(save_name="m") ← data: trained.model',
            '',
            'pipeline Other (1 step, in execution order)',
            '    x = Input(artifact="x")'
        ]);
    });

    test('--pipeline and --format json', async () => {
        const root = writeProject(PROJECT);
        const io = new BufferedIO();
        expect(await runGraph(path.join(root, 'p.dfp'), { pipeline: 'Later', format: 'json' }, io)).toBe(0);
        const report = JSON.parse(io.output);
        expect(report.pipelines).toHaveLength(1);
        expect(report.pipelines[0].steps[1]).toEqual({
            name: 'trained', operation: 'Train',
            arguments: [
                { name: 'architecture', text: 'Net', reference: { target: 'Net', kind: 'network' } },
                { name: 'epochs', text: '5', value: 5 }
            ],
            inputs: [{ port: 'images', step: 'data', output: 'images' }, { port: 'labels', step: 'data', output: 'labels' }],
            outputs: ['model']
        });
        expect(report.pipelines[0].steps[2]).toMatchObject({ operation: 'Output', inputs: [{ port: 'data', step: 'trained', output: 'model' }] });
        expect(report.pipelines[0].steps[2].name).toBeUndefined();
    });

    test('the examples: CIFAR-10 as in the tutorial', async () => {
        const io = new BufferedIO();
        expect(await runGraph(path.join(examples, 'cifar10/cifar10.dfp'), {}, io)).toBe(0);
        expect(io.stdout).toContain('    trained = TrainCifar(architecture=VGG, epochs=5) ← images: data.train_images, labels: data.train_labels');
    });

    test('an unknown pipeline, a .dfnn file, a file with errors', async () => {
        const root = writeProject({ ...PROJECT, 'bad.dfp': 'pipeline B {\n    x = Nope()\n}\n' });
        const unknown = new BufferedIO();
        expect(await runGraph(path.join(root, 'p.dfp'), { pipeline: 'Nope' }, unknown)).toBe(2);
        expect(unknown.errors).toMatch(/no pipeline `Nope` in .*p\.dfp \(it has `Later`, `Other`\)$/);
        const network = new BufferedIO();
        expect(await runGraph(path.join(root, 'nets.dfnn'), {}, network)).toBe(2);
        expect(network.errors).toMatch(/nets\.dfnn is not a \.dfp file/);
        const bad = new BufferedIO();
        expect(await runGraph(path.join(root, 'bad.dfp'), {}, bad)).toBe(1);
        expect(bad.stderr.at(-1)).toBe('deepforge: no graph: 1 error.');
    });
});

describe('deepforge check on .dfp files', () => {
    test('folders hold both languages; diagnostics compiler style', async () => {
        const root = writeProject({ ...PROJECT, 'sub/bad.dfp': 'pipeline B {\n    x = Input(artifact=3)\n}\n' });
        const io = new BufferedIO();
        expect(await runCheck([root], {}, io)).toBe(1);
        expect(io.stdout.at(-1)).toBe('Checked 3 files: 1 error.');
        expect(io.stdout[0]).toMatch(/sub\/bad\.dfp:2:24: error: `artifact` expects string, got int `3` \[type-mismatch\]$/);
    });
});
