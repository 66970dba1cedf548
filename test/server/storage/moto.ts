/**
 * moto's S3 server (Python, already in pyenv's Python on these machines) as a light S3 for fast
 * tests: it accepts any credentials, so access-denied cases need the real radosgw.
 */
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { freePort } from './radosgw.js';

export interface MotoServer {
    readonly endpoint: string;
    stop(): Promise<void>;
}

export function motoMissing(): string | undefined {
    return spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0
        ? undefined : 'moto_server is not on PATH (pip install "moto[server]")';
}

export async function startMoto(): Promise<MotoServer> {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', chunk => { stderr = (stderr + chunk).slice(-4000); });
    const kill = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
    process.once('exit', kill);
    const deadline = Date.now() + 30_000;
    for (;;) {
        if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${stderr}`);
        const up = await new Promise<boolean>(resolve => {
            const req = request(endpoint, { timeout: 1000 }, res => { res.resume(); resolve(true); });
            req.on('error', () => resolve(false));
            req.end();
        });
        if (up) break;
        if (Date.now() > deadline) {
            kill();
            throw new Error(`moto_server did not answer on ${endpoint} within 30 s: ${stderr}`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    return {
        endpoint,
        stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise(resolve => child.once('exit', resolve));
            child.kill('SIGTERM');
            const timer = setTimeout(kill, 3000);
            await exited;
            clearTimeout(timer);
            process.removeListener('exit', kill);
        }
    };
}
