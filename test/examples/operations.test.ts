/**
 * The example projects' Python operations, run for real (Keras 3 on the jax backend) by
 * test/examples/run_operations.py, which chains them by hand as DeepForge's runtime will.
 *
 * The digits pipeline runs as the checker reads digits.dfp (`deepforge graph --format json`:
 * execution order, attributes, wiring); the redshift and CIFAR-10 operations are chained by
 * hand on tiny data.
 *
 * SLOW-ISH (real training): the digits pipeline takes ~15 s on 2 idle cores (10 epochs, as
 * digits.dfp says), the redshift and CIFAR-10 paths ~8 s each. Each test has a 90 s limit.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runGraph } from '../../cli/commands/graph.js';
import { runSummary } from '../../cli/commands/summary.js';
import { BufferedIO } from '../../cli/io.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const driver = join(root, 'test', 'examples', 'run_operations.py');
const LIMIT_MS = 90_000;

function python(): string {
    const python = process.env.DEEPFORGE_ORACLE_PYTHON ?? join(root, '.venv', 'bin', 'python');
    if (!existsSync(python)) throw new Error(`No Python with Keras at ${python}: run scripts/setup-python.sh (npm test does it).`);
    return python;
}

interface DriverResult {
    example: string;
    seconds: number;
    steps: { step: string; operation: string; seconds: number }[];
    figures: { step: string; path: string; bytes: number }[];
    [key: string]: unknown;
}

/** Runs the driver for one example; returns its RESULT line, parsed. */
function runDriver(args: string[]): Promise<DriverResult> {
    return new Promise((done, fail) => {
        execFile(python(), [driver, ...args], {
            cwd: root,
            env: { ...process.env, KERAS_BACKEND: 'jax', MPLBACKEND: 'Agg' },
            timeout: LIMIT_MS - 5_000,
            maxBuffer: 64 * 1024 * 1024
        }, (error, stdout, stderr) => {
            if (error) {
                fail(new Error(`${error.message}\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`));
                return;
            }
            const line = stdout.split('\n').reverse().find(l => l.startsWith('RESULT '));
            if (!line) fail(new Error(`no RESULT line:\n${stdout.slice(-4000)}`));
            else done(JSON.parse(line.slice('RESULT '.length)));
        });
    });
}

/** The layers of DigitsCNN as `deepforge summary --format json examples/digits/cnn.dfnn` lists them. */
async function dfnnLayers(): Promise<{ name: string; type: string; outputShape: string; params: number }[]> {
    const io = new BufferedIO();
    expect(await runSummary(join(root, 'examples', 'digits', 'cnn.dfnn'), { format: 'json' }, io)).toBe(0);
    const summary = JSON.parse(io.output) as { networks: { name: string; rows: { name: string; type: string; outputShapes: string[]; params: number }[] }[] };
    const network = summary.networks.find(n => n.name === 'DigitsCNN');
    expect(network).toBeDefined();
    return network!.rows.map(row => ({ name: row.name, type: row.type, outputShape: row.outputShapes[0], params: row.params }));
}

describe('example operations, run with real Keras (slow-ish: real training)', () => {
    test('digits: the DigitsClassifier pipeline with the network of cnn.dfnn learns the digits (accuracy > 0.9) and plots', async () => {
        // The pipeline as the checker reads digits.dfp: steps in execution order, their
        // attributes and wiring (`deepforge graph --format json`); the driver runs that.
        const io = new BufferedIO();
        expect(await runGraph(join(root, 'examples', 'digits', 'digits.dfp'), { format: 'json' }, io)).toBe(0);
        const graphFile = join(mkdtempSync(join(tmpdir(), 'deepforge-digits-')), 'graph.json');
        writeFileSync(graphFile, io.output);
        const [result, fromDfnn] = await Promise.all([runDriver(['digits', '--graph', graphFile]), dfnnLayers()]);

        expect(result.steps.map(s => s.operation)).toEqual(['LoadDigits', 'SplitData', 'TrainDigits', 'PredictDigits', 'EvalDigits']);
        expect(result.train).toBe(1437);
        expect(result.test).toBe(360);
        expect(result.accuracy).toBeGreaterThan(0.9);
        // The learning curves (TrainDigits) and the confusion matrix (EvalDigits), captured from plt.show().
        expect(result.figures.map(f => f.step)).toEqual(['trained', 'EvalDigits']);   // unnamed sink: by its operation
        for (const figure of result.figures) expect(figure.bytes).toBeGreaterThan(1000);
        // Output(save_name="digits-cnn")(trained.model): saved, and it reloads to the same predictions.
        expect(result.saved).toEqual(['digits-cnn']);
        expect(result.saved_model_reloads).toBe(true);
        expect(result.seconds).toBeLessThan(80);
        // Until the Keras generator exists, the driver builds cnn.dfnn by hand: it must be
        // the same network (layer names and types, output shapes, parameter counts).
        expect(result.layers).toEqual(fromDfnn);
        expect(result.params).toBe(38_282);
    }, LIMIT_MS);

    test('redshift: synthetic data in the tutorial format, train, predict, evaluate, PDF plots', async () => {
        const result = await runDriver(['redshift']);
        expect(result.steps.map(s => s.operation)).toEqual(['MakeSyntheticRedshiftData', 'TrainRedshift', 'PredictRedshift', 'EvalRedshift', 'PdfVisRedshift']);
        expect(result.pdfs_shape).toEqual([16, 180]);
        // [0, 0.4) in 180 bins: 0 → 0, 0.12 → 53, 0.3999 → 179, 0.4 (out of range) → 179.
        expect(result.bins).toEqual([0, 53, 179, 179]);
        const [low, high] = result.label_range as number[];
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThan(0.4);
        expect(result.figures.map(f => f.step)).toEqual(['EvalRedshift', 'PdfVisRedshift']);
    }, LIMIT_MS);

    test('cifar10: train, predict, evaluate and view on CIFAR-shaped data (the download cannot run offline)', async () => {
        const result = await runDriver(['cifar']);
        expect(result.steps.map(s => s.operation)).toEqual(['TrainCifar', 'PredictCifar', 'EvalCifar', 'ViewCifar']);
        expect(result.figures.map(f => f.step)).toEqual(['EvalCifar', 'ViewCifar']);
    }, LIMIT_MS);
});
