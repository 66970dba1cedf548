import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LayerCase } from './layer-case.js';

/** The Keras oracle's answer for one layer case. */
export type OracleLayerResult =
    | { id: string; outputs: (number | null)[][]; trainable: number; non_trainable: number; error?: undefined }
    | { id: string; error: string; stage: 'construct' | 'call' };

/** One layer of a whole model, in canonical order. */
export interface OracleModelLayer {
    name: string;
    class: string;
    outputs: (number | null)[][];
    trainable: number;
    non_trainable: number;
}

export interface OracleModelResult {
    id: string;
    error?: string;
    layers: OracleModelLayer[];
    total: number;
    trainable: number;
    non_trainable: number;
}

export interface ModelSpec {
    id: string;
    application?: string;
    reference?: string;
    kwargs?: Record<string, unknown>;
    json?: string;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The project's Python with real Keras (`scripts/setup-python.sh` creates it). */
export function oraclePython(): string {
    const python = process.env.DEEPFORGE_ORACLE_PYTHON ?? join(root, '.venv', 'bin', 'python');
    if (!existsSync(python)) {
        throw new Error(`No Python with Keras at ${python}: run scripts/setup-python.sh (npm test does it).`);
    }
    return python;
}

/** Asks real Keras: builds every layer case and model in one Python process. */
export function askKeras(request: { layers?: LayerCase[]; models?: ModelSpec[] }): { keras: string; layers: OracleLayerResult[]; models: OracleModelResult[] } {
    const output = execFileSync(oraclePython(), [join(root, 'test', 'oracle', 'keras_oracle.py')], {
        input: JSON.stringify(request),
        env: { ...process.env, KERAS_BACKEND: 'numpy' },
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf-8'
    });
    return JSON.parse(output);
}
