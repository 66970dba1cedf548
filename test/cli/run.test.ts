/**
 * `deepforge run` on the digits example (real Keras training, 1–2 epochs) with the embedded
 * defaults — local compute, local storage, lowdb — and the `executions`, `artifacts` and
 * `config` commands over what it leaves. SLOW-ISH: two short trainings (~1–2 min on 2 cores).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../cli/main.js';
import { BufferedIO } from '../../cli/io.js';
import { DIGITS, PNG_MAGIC, readRecord, statuses, tempProject, testEnv } from '../server/execution/helpers.js';

async function deepforge(args: string[], env: Record<string, string> = testEnv()): Promise<{ code: number; out: string; err: string }> {
    const io = new BufferedIO();
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
        const code = await main(['node', 'deepforge', ...args], io);
        return { code, out: io.output, err: io.errors };
    } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
    }
}

describe('deepforge run examples/digits/digits.dfp', () => {
    const project = tempProject('digits');

    test('trains a real model; prints where the model, metrics and figures are', async () => {
        const started = Date.now();
        const { code, out, err } = await deepforge(['run', DIGITS, '--name', 'digits', '--set', 'trained.epochs=1', '--seed', '0', '--project', project]);
        console.log(`digits run (1 epoch): ${((Date.now() - started) / 1000).toFixed(1)} s`);
        expect(code, err + out).toBe(0);
        expect(out).toMatch(/execution digits: succeeded in [\d.]+ s \(6 steps: 6 ran\)/);
        expect(out).toMatch(/artifact {2}digits-cnn \(keras, [\d.]+ kB\): .*\.deepforge\/storage\/objects\/blobs\/sha256\//);
        expect(out).toMatch(/metric {4}EvalDigits#1 accuracy = 0\.\d+/);
        expect(out).toContain('figure    ');
        const record = readRecord(project, 'digits');
        expect(Object.values(statuses(record))).toEqual(Array(6).fill('succeeded'));
        const figures = record.order.flatMap(id => record.steps[id].figures);
        expect(figures.map(f => f.title?.split('\n')[0])).toEqual(['Training', 'Digits confusion matrix']);
        for (const figure of figures) expect(readFileSync(join(project, figure.file)).subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
        expect(record.steps.trained.attributes.epochs).toBe(1);
    });

    test('artifacts list shows the model; artifacts get writes it', async () => {
        const list = await deepforge(['artifacts', 'list', '--project', project]);
        expect(list.code).toBe(0);
        expect(list.out).toMatch(/digits-cnn\s+keras\s+\d+\s+.*digits\/Output#1/);
        const target = join(project, 'model.keras');
        const got = await deepforge(['artifacts', 'get', 'digits-cnn', '-o', target, '--project', project]);
        expect(got.code, got.err).toBe(0);
        expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK'); // a .keras file is a zip
    });

    test('a re-run is fully cached in under a second', async () => {
        const started = performance.now();
        const { code, out } = await deepforge(['run', DIGITS, '--name', 'digits', '--set', 'trained.epochs=1', '--seed', '0', '--project', project]);
        const ms = performance.now() - started;
        console.log(`digits fully cached re-run: ${ms.toFixed(0)} ms`);
        expect(code).toBe(0);
        expect(out).toMatch(/execution digits_2: succeeded in [\d.]+ s \(6 steps: 6 cached\)/);
        expect(ms).toBeLessThan(1000);
    });

    test('changing one attribute re-runs only the affected steps (--explain first)', async () => {
        const explain = await deepforge(['run', DIGITS, '--set', 'trained.epochs=2', '--seed', '0', '--explain', '--project', project]);
        expect(explain.out.split('\n').slice(0, 6)).toEqual([
            expect.stringMatching(/^digits\s+reused\s+same code, attributes, networks, environment and inputs as `digits` in digits$/),
            expect.stringMatching(/^split\s+reused/),
            expect.stringMatching(/^trained\s+runs\s+since digits_2: attributes changed \(epochs 1 → 2\)$/),
            expect.stringMatching(/^preds\s+runs\s+its input `model` comes from `trained`, which runs$/),
            expect.stringMatching(/^EvalDigits#1\s+runs/),
            expect.stringMatching(/^Output#1\s+runs/)
        ]);
        const { code, out, err } = await deepforge(['run', DIGITS, '--name', 'digits', '--set', 'trained.epochs=2', '--seed', '0', '--project', project]);
        expect(code, err).toBe(0);
        const record = readRecord(project, 'digits_3');
        expect(statuses(record)).toEqual({ digits: 'cached', split: 'cached', trained: 'succeeded', preds: 'succeeded', 'EvalDigits#1': 'succeeded', 'Output#1': 'succeeded' });
        expect(out).toContain('(6 steps: 4 ran, 2 cached)');
    });

    test('executions list, show, logs, figures, compare, rm', async () => {
        const list = await deepforge(['executions', 'list', '--project', project]);
        expect(list.out.split('\n').map(l => l.split(/\s+/).slice(0, 3).join(' '))).toEqual(['NAME PIPELINE STATUS', 'digits DigitsClassifier succeeded', 'digits_2 DigitsClassifier succeeded', 'digits_3 DigitsClassifier succeeded']);
        const show = await deepforge(['executions', 'show', 'digits_3', '--project', project]);
        expect(show.out).toMatch(/split\s+SplitData\s+cached\s+from digits/);
        const logs = await deepforge(['executions', 'logs', 'digits_3', 'trained', '--project', project]);
        expect(logs.out).toContain('Training on 1437 images for 2 epochs');
        const figures = await deepforge(['executions', 'figures', 'digits', '--project', project]);
        expect(figures.out).toMatch(/trained {2}.*trained-1\.png {2}Training/);
        const compare = await deepforge(['executions', 'compare', 'digits', 'digits_3', '--project', project]);
        expect(compare.out).toMatch(/^\*\s+attribute trained\.epochs\s+1\s+2$/m);
        expect(compare.out).toMatch(/^\*\s+status split\s+succeeded\s+cached$/m);
        expect(compare.out).toMatch(/^\s+attribute split\.test_size\s+0\.2\s+0\.2$/m);
        expect(compare.out).toMatch(/metric EvalDigits#1\.accuracy\s+0\.\d+\s+0\.\d+/);
        const rm = await deepforge(['executions', 'rm', 'digits_2', '--project', project]);
        expect(rm.code).toBe(0);
        expect(existsSync(join(project, '.deepforge', 'executions', 'digits_2'))).toBe(false);
        const missing = await deepforge(['executions', 'show', 'digits_2', '--project', project]);
        expect(missing.code).toBe(2);
        expect(missing.err).toContain('no execution `digits_2`');
    });
});

describe('deepforge run: failures and messages', () => {
    test('a failing step: exit 1, the step named with its operation file and line', async () => {
        const project = tempProject('cli-fail');
        const { code, out, err } = await deepforge(['run', join(DIGITS, '../../../test/server/execution/fixtures/ops/ops.dfp'), '--pipeline', 'Failing', '--project', project]);
        expect(code).toBe(1);
        expect(out).toContain('boom: failed');
        expect(err).toContain('deepforge: step `boom` (Boom) failed: ValueError: boom: 5 values are too many (operations/boom.py:5)');
        expect(err).toContain('its log: deepforge executions logs Failing boom --stderr');
        const stderr = await deepforge(['executions', 'logs', 'Failing', 'boom', '--stderr', '--project', project]);
        expect(stderr.out).toMatch(/operations\/boom\.py", line 5, in execute/);
    });

    test('--json streams events; usage errors are one line', async () => {
        const project = tempProject('cli-json');
        const ops = join(DIGITS, '../../../test/server/execution/fixtures/ops/ops.dfp');
        const { code, out } = await deepforge(['run', ops, '--pipeline', 'Chain', '--json', '--project', project]);
        expect(code).toBe(0);
        const events = out.split('\n').map(line => JSON.parse(line));
        expect(events[0]).toMatchObject({ type: 'execution', status: 'running', name: 'Chain' });
        expect(events.at(-1)).toMatchObject({ type: 'execution', status: 'succeeded' });
        expect(events.some(e => e.type === 'log' && e.line === 'total 20.0')).toBe(true);
        const resume = await deepforge(['run', '--resume', 'nope', '--project', project]);
        expect(resume).toMatchObject({ code: 2, err: 'deepforge: no execution `nope` (did you mean …?)'.replace(' (did you mean …?)', '') });
        const escape = await deepforge(['artifacts', 'add', '../x', ops, '--project', project]);
        expect(escape).toMatchObject({ code: 2, err: 'deepforge: invalid artifact name "../x": it may not contain "..", "." or empty segments' });
        // --detach needs a scheduler that chains the steps (slurm); --follow goes with show and logs.
        const detach = await deepforge(['run', ops, '--pipeline', 'Chain', '--detach', '--project', project]);
        expect(detach).toMatchObject({ code: 2, err: 'deepforge: --detach needs a compute whose scheduler chains the steps itself (slurm): with `local`, the runner starts each step when its inputs exist' });
        const follow = await deepforge(['executions', 'list', '--follow', '--project', project]);
        expect(follow).toMatchObject({ code: 2, err: 'deepforge: --follow goes with show and logs' });
        // Following an execution that ended reports it at once, with its outcome.
        const followed = await deepforge(['executions', 'show', 'Chain', '--follow', '--project', project]);
        expect(followed.code, followed.err).toBe(0);
        expect(followed.out).toContain('execution Chain: succeeded in');
        const logs = await deepforge(['executions', 'logs', 'Chain', 'total', '--follow', '--project', project]);
        expect(logs).toMatchObject({ code: 0, out: 'total 20.0' });
    });
});

describe('deepforge config', () => {
    test('prints, sets, overrides by DEEPFORGE_* and refuses credentials', async () => {
        const project = tempProject('config');
        const env = testEnv();
        delete env.DEEPFORGE_PYTHON;
        expect((await deepforge(['config', 'parallel', '3', '--project', project], env)).out).toContain('parallel = 3');
        expect((await deepforge(['config', 'parallel', '--project', project], env)).out).toBe('3');
        expect((await deepforge(['config', 'parallel', '--project', project], { ...env, DEEPFORGE_PARALLEL: '1' })).out).toBe('1');
        expect(JSON.parse(readFileSync(join(project, '.deepforge', 'config.json'), 'utf-8'))).toEqual({ parallel: 3 });
        const all = await deepforge(['config', '--project', project], env);
        expect(all.out).toMatch(/python\s+"python3"/);
        expect(all.out).toMatch(/parallel\s+3\s+\[config\.json\]/);
        const secret = await deepforge(['config', 'storage.s3.secretAccessKey', 'x', '--project', project], env);
        expect(secret.code).toBe(2);
        expect(secret.err).toContain('credentials are never stored in the configuration');
        const unknown = await deepforge(['config', 'colour', 'red', '--project', project], env);
        expect(unknown.err).toContain('unknown configuration key `colour`');
        writeFileSync(join(project, '.deepforge', 'config.json'), '{"parallel": 0}');
        const bad = await deepforge(['run', join(DIGITS, '../../../test/server/execution/fixtures/ops/ops.dfp'), '--pipeline', 'Chain', '--project', project], env);
        expect(bad.code).toBe(2);
        expect(bad.err).toBe('deepforge: `parallel` must be a whole number ≥ 1, not 0');
    });
});
