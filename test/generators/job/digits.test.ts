/**
 * The proof: the digits example's job bundle runs end to end with `python main.py` under real
 * Keras (jax backend) — it trains DigitsCNN (10 epochs, as digits.dfp says), writes the model
 * (.keras), the predictions and the figures, and reports the accuracy through the event
 * protocol — and the same steps run one by one with `python -m deepforge.run_step`, values
 * passed as files, reproduce the same outputs.
 *
 * SLOW-ISH (real training): ~20 s for main.py, ~30 s for the steps one by one on 2 cores.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runGenerateJob } from '../../../cli/commands/generate-job.js';
import { BufferedIO } from '../../../cli/io.js';
import { events, ok, root, runPython, tempDir, type JobEvent } from './helpers.js';

const LIMIT_MS = 90_000;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sha256(file: string): string {
    return `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}

describe('the digits job bundle, run with real Keras', () => {
    let bundle: string;
    let mainEvents: JobEvent[] = [];

    beforeAll(async () => {
        bundle = join(tempDir('digits'), 'job');
        const io = new BufferedIO();
        expect(await runGenerateJob(join(root, 'examples', 'digits', 'digits.dfp'), { out: bundle }, io), io.errors).toBe(0);
    });

    test('python main.py trains, saves the model, predictions and figures, and reports the accuracy', async () => {
        const started = Date.now();
        const result = ok(await runPython(['main.py', '--seed', '0', '--step-outputs', 'steps'], { cwd: bundle, timeoutMs: LIMIT_MS - 5_000 }));
        const seconds = (Date.now() - started) / 1000;
        console.log(`digits bundle: python main.py took ${seconds.toFixed(1)} s`);
        mainEvents = events(result.stdout);

        // Status events: every step running then succeeded, in execution order, and the pipeline.
        const order = ['digits', 'split', 'trained', 'preds', 'EvalDigits#1', 'Output#1'];
        const statuses = mainEvents.filter(e => e.event === 'step').map(e => `${e.step}:${e.status}`);
        expect(statuses).toEqual(order.flatMap(step => [`${step}:running`, `${step}:succeeded`]));
        expect(mainEvents[0]).toMatchObject({ v: 1, event: 'pipeline', pipeline: 'DigitsClassifier', status: 'running', steps: order });
        expect(mainEvents.at(-1)).toMatchObject({ event: 'pipeline', status: 'succeeded' });

        // The accuracy, as a metric of the evaluation step (its numeric output).
        const accuracy = mainEvents.find(e => e.event === 'metric' && e.name === 'accuracy');
        expect(accuracy).toMatchObject({ step: 'EvalDigits#1' });
        expect(accuracy!.value as number).toBeGreaterThan(0.5);

        // Figures: the learning curves and the confusion matrix, as PNG files.
        const figures = mainEvents.filter(e => e.event === 'figure');
        expect(figures.map(f => [f.step, f.title])).toEqual([['trained', 'Training'], ['EvalDigits#1', expect.stringContaining('Digits confusion matrix')]]);
        for (const figure of figures) {
            const png = readFileSync(join(bundle, figure.path as string));
            expect(png.subarray(0, 8).equals(PNG_MAGIC), `${figure.path} is a PNG`).toBe(true);
        }
        expect(existsSync(join(bundle, 'outputs', 'figures', 'EvalDigits_1-1.png'))).toBe(true);

        // The model artifact (Output(save_name="digits-cnn")), with its hash in the event.
        const model = join(bundle, 'outputs', 'digits-cnn.keras');
        const artifact = mainEvents.find(e => e.event === 'artifact');
        expect(artifact).toMatchObject({ step: 'Output#1', name: 'digits-cnn', path: 'outputs/digits-cnn.keras', format: 'keras', sha256: sha256(model) });

        // The predictions (every step's outputs with --step-outputs), and the model loads with Keras and predicts them again.
        const predictions = join(bundle, 'steps', 'preds', 'pred_labels.npy');
        expect(existsSync(predictions)).toBe(true);
        const check = ok(await runPython(['-c', [
            'import json, sys, keras, numpy as np',
            'model = keras.models.load_model(sys.argv[1])',
            'images = np.load(sys.argv[2])',
            'again = np.argmax(model.predict(images, verbose=0), axis=1)',
            'saved = np.load(sys.argv[3])',
            'print(json.dumps({"name": model.name, "params": model.count_params(), "same": bool((again == saved).all()), "n": int(saved.shape[0])}))'
        ].join('\n'), model, join(bundle, 'steps', 'split', 'test_images.npy'), predictions], { timeoutMs: 60_000 }));
        expect(JSON.parse(check.stdout.trim().split('\n').at(-1)!)).toEqual({ name: 'DigitsCNN', params: 38282, same: true, n: 360 });
        expect(seconds).toBeLessThan(80);
    }, LIMIT_MS);

    test('each step run alone (python -m deepforge.run_step, values in files) reproduces the same outputs', async () => {
        expect(mainEvents.length, 'the main.py run comes first').toBeGreaterThan(0);
        const chain = join(bundle, 'chain');
        const step = async (id: string, inputs: Record<string, string>) => {
            const args = ['-m', 'deepforge.run_step', 'manifest.json', id, '--outputs-dir', join(chain, id), '--seed', '0'];
            for (const [port, file] of Object.entries(inputs)) args.push('--input', `${port}=${file}`);
            const result = ok(await runPython(args, { cwd: bundle, timeoutMs: 60_000 }));
            const index = JSON.parse(readFileSync(join(chain, id, 'outputs.json'), 'utf-8')) as { step: string; outputs: Record<string, { path: string; sha256: string; format: string }> };
            expect(index.step).toBe(id);
            const file = (port: string) => join(chain, id, index.outputs[port].path);
            return { events: events(result.stdout), index, file };
        };
        const started = Date.now();
        const digits = await step('digits', {});
        const split = await step('split', { images: digits.file('images'), labels: digits.file('labels') });
        const trained = await step('trained', { images: split.file('train_images'), labels: split.file('train_labels') });
        expect(trained.index.outputs.model).toMatchObject({ path: 'model.keras', format: 'keras' });
        const preds = await step('preds', { images: split.file('test_images'), model: trained.file('model') });
        const evaluation = await step('EvalDigits#1', { pred_labels: preds.file('pred_labels'), true_labels: split.file('test_labels') });
        const output = await step('Output#1', { data: trained.file('model') });
        console.log(`digits bundle: six steps one by one took ${((Date.now() - started) / 1000).toFixed(1)} s`);

        // Same data, same split, same predictions (seeded), same accuracy as main.py.
        const mainFile = (stepName: string, name: string) => join(bundle, 'steps', stepName, name);
        expect(digits.index.outputs.images.sha256).toBe(sha256(mainFile('digits', 'images.npy')));
        for (const port of ['train_images', 'train_labels', 'test_images', 'test_labels']) {
            expect(split.index.outputs[port].sha256, port).toBe(sha256(mainFile('split', `${port}.npy`)));
        }
        expect(preds.index.outputs.pred_labels.sha256).toBe(sha256(mainFile('preds', 'pred_labels.npy')));
        const metric = (list: JobEvent[]) => list.find(e => e.event === 'metric' && e.name === 'accuracy')!.value;
        expect(metric(evaluation.events)).toBe(metric(mainEvents));
        expect(evaluation.events.filter(e => e.event === 'figure')).toHaveLength(1);
        expect(output.events.find(e => e.event === 'artifact')).toMatchObject({ name: 'digits-cnn', format: 'keras' });
        expect(existsSync(join(chain, 'Output#1', 'digits-cnn.keras'))).toBe(true);
        for (const { events: list } of [digits, split, trained, preds, evaluation, output]) {
            expect(list.filter(e => e.event === 'step').map(e => e.status)).toEqual(['running', 'succeeded']);
        }
    }, LIMIT_MS);
});
