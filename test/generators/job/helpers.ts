import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The Python with Keras (scripts/setup-python.sh makes it; `npm test` runs that first). */
export function python(): string {
    const python = process.env.DEEPFORGE_ORACLE_PYTHON ?? join(root, '.venv', 'bin', 'python');
    if (!existsSync(python)) throw new Error(`No Python with Keras at ${python}: run scripts/setup-python.sh (npm test does it).`);
    return python;
}

export interface PythonResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs Python with `args` in `cwd`; resolves with the exit code and output (never rejects for a non-zero exit). */
export function runPython(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<PythonResult> {
    return new Promise((done, fail) => {
        execFile(python(), [...args], {
            cwd: options.cwd ?? root,
            env: { ...process.env, KERAS_BACKEND: 'jax', MPLBACKEND: 'Agg', PYTHONDONTWRITEBYTECODE: '1', ...options.env },
            timeout: options.timeoutMs ?? 85_000,
            maxBuffer: 64 * 1024 * 1024
        }, (error, stdout, stderr) => {
            if (error && typeof error.code !== 'number') fail(new Error(`${error.message}\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`));
            else done({ code: error ? Number(error.code) : 0, stdout, stderr });
        });
    });
}

/** `result` must have exited with 0; its output is shown otherwise. */
export function ok(result: PythonResult): PythonResult {
    if (result.code !== 0) throw new Error(`Python exited with ${result.code}\n--- stdout ---\n${result.stdout.slice(-4000)}\n--- stderr ---\n${result.stderr.slice(-4000)}`);
    return result;
}

export interface JobEvent {
    readonly v: number;
    readonly event: string;
    readonly [field: string]: unknown;
}

/** The `@@deepforge ` event lines of an output, parsed. */
export function events(output: string): JobEvent[] {
    return output.split('\n').filter(line => line.startsWith('@@deepforge ')).map(line => JSON.parse(line.slice('@@deepforge '.length)) as JobEvent);
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
    return mkdtempSync(join(tmpdir(), `deepforge-${prefix}-`));
}

/** Writes files (path → text) under a folder. */
export function writeFiles(folder: string, files: Record<string, string | Uint8Array>): void {
    for (const [name, content] of Object.entries(files)) {
        const target = join(folder, name);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
    }
}
