import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs a real editor (Debian's neovim, emacs-nox + elpa-eglot, vim-nox + vim-ale; installed by
 * scripts/setup-editors.sh) headless on a script of test/editors/<editor>/ that drives it as an
 * LSP client of `deepforge lsp`, and reads back the JSON the script writes.
 */

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const EDITORS_TEST = path.join(ROOT, 'test', 'editors');

/**
 * A folder with a `deepforge` command (the real launcher, on this Node) to put first on the PATH:
 * the editors run the setups of docs/editors.md verbatim, and those call `deepforge lsp --stdio`.
 */
function deepforgeOnPath(): string {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-bin-'));
    const launcher = path.join(bin, 'deepforge');
    fs.writeFileSync(launcher, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'bin', 'deepforge.cjs'))} "$@"\n`);
    fs.chmodSync(launcher, 0o755);
    return bin;
}

/** Whether an executable is on the PATH. */
export function installed(command: string): boolean {
    return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** A copy of examples/digits where cnn.dfnn has a known error: `padding="sme"` in `conv1`. */
export function brokenDigits(): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-editor-'));
    fs.cpSync(path.join(ROOT, 'examples', 'digits'), folder, { recursive: true });
    const cnn = path.join(folder, 'cnn.dfnn');
    const text = fs.readFileSync(cnn, 'utf8');
    const broken = text.replace('padding="same", activation="relu")(image)', 'padding="sme", activation="relu")(image)');
    if (broken === text) throw new Error('examples/digits/cnn.dfnn changed: no conv1 with padding="same"');
    fs.writeFileSync(cnn, broken);
    return folder;
}

export interface Step { name: string; ms: number; value: any }
export interface EditorResult {
    editor: string;
    version: string | number;
    ok?: boolean;
    error?: string;
    ms: number;
    steps: Step[];
}

export interface EditorRun {
    result: EditorResult | undefined;
    exitCode: number | null;
    output: string;
    wallMs: number;
    /** The value of a step, failing with the script's error and output when it did not get there. */
    step(name: string): any;
}

/**
 * Runs `command args` in the workspace (`deepforge` on the PATH, the workspace, the result file and
 * test/editors/ in the environment); kills it (and its process group: the server) after `timeoutMs`.
 */
export async function runEditor(command: string, args: string[], workspace: string, timeoutMs = 120_000): Promise<EditorRun> {
    const resultFile = path.join(os.tmpdir(), `deepforge-editor-result-${process.pid}-${path.basename(workspace)}.json`);
    const bin = deepforgeOnPath();
    const start = Date.now();
    const child = spawn(command, args, {
        cwd: workspace,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
            ...process.env,
            PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
            DEEPFORGE_EDITORS_TEST: EDITORS_TEST,
            DEEPFORGE_WORKSPACE: workspace,
            DEEPFORGE_RESULT: resultFile,
            TERM: 'xterm'
        }
    });
    let output = '';
    child.stdout!.on('data', chunk => { output += String(chunk); });
    child.stderr!.on('data', chunk => { output += String(chunk); });
    const exitCode = await new Promise<number | null>(resolve => {
        const timer = setTimeout(() => {
            output += `\n[killed after ${timeoutMs} ms]`;
            try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
        }, timeoutMs);
        child.once('exit', code => { clearTimeout(timer); resolve(code); });
    });
    // The editor's server (a child of the editor) must not outlive it.
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
    const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) as EditorResult : undefined;
    fs.rmSync(resultFile, { force: true });
    fs.rmSync(bin, { recursive: true, force: true });
    const wallMs = Date.now() - start;
    return {
        result, exitCode, output, wallMs,
        step(name: string) {
            const found = result?.steps.find(s => s.name === name);
            if (!found) {
                throw new Error(`${command}: no step "${name}" (error: ${result?.error ?? 'no result file'}; steps: ${result?.steps.map(s => s.name).join(', ')})\n${output.slice(-4000)}`);
            }
            return found.value;
        }
    };
}

/** The diagnostic of the known error (0-based line and column, as LSP counts). */
export const SME = { line: 6, col: 40, message: '`padding` expects "valid" or "same", got "sme" — did you mean "same"?' };
/** The diagnostic after the edit `(flat)` → `(flatt)` in `hidden = Dense(64, …)(flat)`. */
export const FLATT = { line: 10, col: 42, message: 'undefined name `flatt` in network `DigitsCNN` — did you mean `flat`?' };
