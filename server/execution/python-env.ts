/**
 * The Python that runs steps: the `python` config key (default: the project's `.venv`, which
 * `deepforge setup` creates with pip from the operations' environment files, else `python3`),
 * what a missing import means, and the environment files' pip requirements.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectVenvPython } from './config.js';

/** Python modules whose pip package has another name. */
const PIP_NAMES: Readonly<Record<string, string>> = {
    sklearn: 'scikit-learn', cv2: 'opencv-python', PIL: 'pillow', yaml: 'pyyaml', skimage: 'scikit-image',
    bs4: 'beautifulsoup4', tensorflow_datasets: 'tensorflow-datasets', google: 'protobuf', jaxlib: 'jaxlib'
};

export interface MissingModule {
    /** The module as Python names it (`sklearn.datasets` → top level `sklearn`). */
    readonly module: string;
    /** The pip package that provides it (best guess). */
    readonly pipPackage: string;
}

/** Finds `ModuleNotFoundError: No module named 'x'` in a step's stderr. */
export function findMissingModule(stderr: string): MissingModule | undefined {
    const matches = [...stderr.matchAll(/ModuleNotFoundError: No module named ['"]([^'"]+)['"]/g)];
    if (matches.length === 0) return undefined;
    const module = matches.at(-1)![1];
    const top = module.split('.')[0];
    return { module, pipPackage: PIP_NAMES[top] ?? top.replace(/_/g, '-') };
}

export function missingModuleMessage(step: string, missing: MissingModule, python: string, environment: string | null): string {
    return `step \`${step}\` cannot import \`${missing.module}\`: the Python package \`${missing.pipPackage}\` is not installed in ${python}. ` +
        (environment ? `Add it to ${environment} and run \`deepforge setup\`` : `Run \`deepforge setup\``) +
        `, or install it: ${python} -m pip install ${missing.pipPackage}` + ' (or choose another Python: deepforge config python PATH)';
}

/**
 * The pip requirements of conda-style environment files: the `pip:` list, plus plain
 * dependencies that are not conda-only (`python`, `pip`, version pins of python dropped).
 */
export function pipRequirements(environmentFiles: readonly string[]): string[] {
    const found = new Set<string>();
    for (const text of environmentFiles) {
        let inDependencies = false;
        for (const raw of text.split('\n')) {
            const line = raw.replace(/#.*/, '').trimEnd();
            if (/^\S/.test(line)) inDependencies = /^dependencies\s*:/.test(line);
            if (!inDependencies) continue;
            const item = /^\s*-\s*([^:]+?)\s*$/.exec(line);
            if (!item) continue;
            const spec = item[1].replace(/^['"]|['"]$/g, '');
            const name = spec.split(/[<>=!~\s[]/)[0].toLowerCase();
            if (name === 'python' || name === 'pip' || name === '' || name.includes('::')) continue;
            found.add(spec.replace(/\s+/g, ''));
        }
    }
    return [...found].sort();
}

/**
 * The Keras backend an environment installs when it names exactly one (jax, tensorflow,
 * torch): steps run with `KERAS_BACKEND` set to it unless it is set already.
 */
export function kerasBackend(requirements: readonly string[]): string | undefined {
    const names = new Set(requirements.map(r => r.split(/[<>=!~[]/)[0].toLowerCase()));
    if (!names.has('keras')) return undefined;
    const backends = ['jax', 'tensorflow', 'torch'].filter(b => names.has(b));
    return backends.length === 1 ? backends[0] : undefined;
}

function run(command: string, args: string[], cwd: string, log: (line: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
        const child = execFile(command, args, { cwd, maxBuffer: 64 << 20 }, (error, _stdout, stderr) => {
            if (error) reject(new Error(`${[command, ...args].join(' ')} failed: ${stderr.trim().split('\n').slice(-5).join('\n') || error.message}`));
            else resolve();
        });
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(log));
    });
}

/**
 * `deepforge setup`: creates `<project>/.venv` (with `python3 -m venv`, unless it exists) and
 * installs the requirements with pip. Does nothing when the same requirements were installed
 * last time (kept in `.venv/deepforge-requirements.txt`). Returns the venv's Python.
 */
export async function setupEnvironment(project: string, requirements: readonly string[], options: { basePython?: string; log?: (line: string) => void; force?: boolean } = {}): Promise<{ python: string; installed: boolean }> {
    const log = options.log ?? (() => undefined);
    const python = projectVenvPython(project);
    const venv = path.dirname(path.dirname(python));
    const stamp = path.join(venv, 'deepforge-requirements.txt');
    const wanted = requirements.join('\n') + '\n';
    if (!options.force && existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf-8') === wanted) return { python, installed: false };
    if (!existsSync(python)) {
        log(`creating ${path.relative(project, venv) || venv} with ${options.basePython ?? 'python3'} -m venv`);
        await run(options.basePython ?? 'python3', ['-m', 'venv', venv], project, log);
    }
    if (requirements.length > 0) {
        log(`installing ${requirements.join(' ')} (pip)`);
        await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...requirements], project, log);
    }
    writeFileSync(stamp, wanted);
    return { python, installed: true };
}

export function requirementsHash(requirements: readonly string[]): string {
    return createHash('sha256').update(requirements.join('\n')).digest('hex');
}
