import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BAD, writeProject } from './fixtures.js';

const root = path.resolve(__dirname, '../..');
const launcher = path.join(root, 'bin', 'deepforge.cjs');
const built = existsSync(path.join(root, 'out', 'cli', 'main.js'));

function deepforge(...args: string[]) {
    return spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8', cwd: root });
}

/** The real launcher in a subprocess; needs `npm run build` (which `npm test` runs first). */
describe('bin/deepforge.cjs', () => {
    beforeAll(() => {
        if (!built) throw new Error('out/cli/main.js is missing: run `npm run build` (npm test does) before these tests');
    });

    test('check: diagnostics and exit 1 on errors', () => {
        const dir = writeProject({ 'bad.dfnn': BAD });
        const result = deepforge('check', dir);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain(':3:19: error: unknown argument `activtion`');
        expect(result.stdout).toContain('Checked 1 file: 1 error and 1 warning.');
    });

    test('a missing file: a message and exit 2, no stack trace', () => {
        const result = deepforge('check', 'no/such/file.dfnn');
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toBe('deepforge: cannot check no/such/file.dfnn: no such file or folder');
    });

    test('an unknown command: usage and exit 2', () => {
        const result = deepforge('chekc');
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("unknown command 'chekc'");
    });

    test('on a Node older than 22.12 it re-runs itself on the bundled Node', () => {
        const old = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
        expect(old.stdout.trim()).toMatch(/^v20\./);
        const result = spawnSync('/usr/bin/node', [launcher, 'check', path.join(root, 'examples', 'cifar10', 'vgg.dfnn')], { encoding: 'utf8', cwd: root });
        expect(result.stderr).toBe('');
        expect(result.stdout).toContain('Checked 1 file: no problems.');
        expect(result.status).toBe(0);
    });

    test('on a Node older than 22.12 without a bundled Node it says what is wrong, without a stack trace', () => {
        const result = spawnSync('/usr/bin/node', [launcher, 'check', 'examples'], {
            encoding: 'utf8', cwd: root, env: { ...process.env, DEEPFORGE_REEXEC: '1' }
        });
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^deepforge: Node v20\.\d+\.\d+ is too old; DeepForge needs Node >= 22\.12\./);
        expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    });

    test('on a Node older than 22.12 the re-run process gets the signals sent to the launcher', async () => {
        const launcherProcess = spawn('/usr/bin/node', [launcher, 'lsp'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
        const exited = new Promise<number | null>(resolve => launcherProcess.on('exit', code => resolve(code)));
        // Wait until the launcher has started its Node 22 child.
        let childPid: number | undefined;
        for (let i = 0; i < 100 && childPid === undefined; i++) {
            await new Promise(r => setTimeout(r, 50));
            const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(launcherProcess.pid)], { encoding: 'utf8' });
            childPid = ps.stdout.split('\n').map(s => Number(s.trim())).find(n => n > 0);
        }
        expect(childPid).toBeDefined();
        launcherProcess.kill('SIGTERM');
        expect(await exited).toBe(143);
        const alive = (() => { try { process.kill(childPid!, 0); return true; } catch { return false; } })();
        expect(alive).toBe(false);
    });
});
