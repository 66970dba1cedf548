/**
 * A real one-node Ceph cluster with an S3 gateway, for integration tests and the storage
 * benchmark: one monitor, one OSD on memstore (RAM, nothing on disk but logs), radosgw with the
 * beast frontend — everything bound to 127.0.0.1, under a fresh temporary folder, stopped by
 * PID. Needs Debian's `radosgw ceph-mon ceph-osd ceph-common` (scripts/setup-services.sh).
 *
 *     const cluster = await startRadosgw();
 *     … cluster.endpoint, cluster.accessKeyId, cluster.secretAccessKey …
 *     await cluster.stop();          // idempotent; also runs on process exit
 *
 * Facts learned the hard way: `auth … required = none` keeps it small (no cephx keys to hand
 * around); rgw then needs `ms mon client mode = crc` or it hangs connecting to the monitor;
 * pools need size 1 (`mon allow pool size one`) on a single OSD.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RadosgwOptions {
    /** Upper bound of the memstore OSD (RAM, used only as objects are written). Default 2 GiB. */
    readonly memstoreBytes?: number;
    /** Seconds to wait for each daemon. Default 60. */
    readonly timeoutSeconds?: number;
}

export interface RadosgwTimings {
    readonly monitorMs: number;
    readonly osdMs: number;
    readonly gatewayMs: number;
    readonly userMs: number;
    readonly totalMs: number;
}

export interface RadosgwCluster {
    /** `http://127.0.0.1:<port>` */
    readonly endpoint: string;
    readonly region: 'us-east-1';
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly directory: string;
    readonly timings: RadosgwTimings;
    /** Resident memory of the three daemons now, in bytes. */
    residentBytes(): number;
    /** Stops the gateway only (mon and OSD stay): the endpoint then refuses connections. */
    stopGateway(): Promise<void>;
    /** Starts the gateway again on the same port; resolves when it answers. */
    startGateway(): Promise<void>;
    /** Stops every daemon (gateway, OSD, monitor) and removes the folder. Idempotent. */
    stop(): Promise<void>;
    /** The last lines of a daemon's log, for failure messages. */
    logTail(daemon: 'mon' | 'osd' | 'rgw', lines?: number): string;
}

const BINARIES = ['radosgw', 'radosgw-admin', 'ceph-mon', 'ceph-osd', 'ceph', 'ceph-authtool', 'monmaptool'];

/** Why radosgw cannot start here (missing binaries), or undefined when it can be tried. */
export function radosgwMissing(): string | undefined {
    const missing = BINARIES.filter(binary => spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).status !== 0);
    return missing.length === 0 ? undefined
        : `Ceph radosgw is not installed (missing ${missing.join(', ')}): run \`bash scripts/setup-services.sh\` (as root; .ci/run does) to install radosgw ceph-mon ceph-osd ceph-common`;
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as { port: number };
            server.close(() => resolve(port));
        });
    });
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    // Whatever happens to the test process, its daemons do not outlive it: on exit, and on
    // the signals that would end it without an 'exit' event (then the signal is raised again).
    const killAll = () => {
        for (const child of live) {
            try { child.kill('SIGKILL'); } catch { /* gone */ }
        }
        live.clear();
    };
    process.once('exit', killAll);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        const onSignal = () => {
            killAll();
            if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        };
        process.once(signal, onSignal);
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

function httpStatus(url: string): Promise<number | undefined> {
    return new Promise(resolve => {
        const req = request(url, { timeout: 2000 }, res => {
            res.resume();
            resolve(res.statusCode);
        });
        req.on('error', () => resolve(undefined));
        req.on('timeout', () => { req.destroy(); resolve(undefined); });
        req.end();
    });
}

export async function startRadosgw(options: RadosgwOptions = {}): Promise<RadosgwCluster> {
    const missing = radosgwMissing();
    if (missing) throw new Error(missing);
    installExitHook();
    const started = performance.now();
    const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
    const directory = mkdtempSync(join(tmpdir(), 'df-rgw-'));
    const conf = join(directory, 'ceph.conf');
    const logs = join(directory, 'log');
    const children: Partial<Record<'mon' | 'osd' | 'rgw', ChildProcess>> = {};
    let stopped = false;

    const logTail = (daemon: 'mon' | 'osd' | 'rgw', lines = 30): string => {
        const names = { mon: 'mon.a', osd: 'osd.0', rgw: 'client.rgw' };
        const parts: string[] = [];
        for (const file of [join(logs, `${names[daemon]}.log`), join(logs, `${daemon}.out`)]) {
            if (existsSync(file)) parts.push(readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'));
        }
        return parts.join('\n');
    };

    /** Runs a Ceph tool to completion; throws with its output on failure. */
    const run = (command: string, args: string[], timeout = 30_000): string => {
        const result = spawnSync(command, args, { encoding: 'utf8', timeout, cwd: directory, env: { ...process.env, CEPH_CONF: conf } });
        if (result.status !== 0) {
            throw new Error(`\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
        }
        return result.stdout;
    };

    const daemon = (name: 'mon' | 'osd' | 'rgw', command: string, args: string[]): ChildProcess => {
        const out = openSync(join(logs, `${name}.out`), 'a');
        const child = spawn(command, ['-f', ...args, '-c', conf], { stdio: ['ignore', out, out], cwd: directory });
        closeSync(out);
        live.add(child);
        child.once('exit', () => live.delete(child));
        children[name] = child;
        return child;
    };

    const waitFor = async (what: string, ready: () => Promise<boolean> | boolean, child?: ChildProcess, daemonName?: 'mon' | 'osd' | 'rgw'): Promise<void> => {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
            if (child && child.exitCode !== null) {
                throw new Error(`${what}: the daemon exited with ${child.exitCode}\n${daemonName ? logTail(daemonName) : ''}`);
            }
            if (await ready()) return;
            await sleep(200);
        }
        throw new Error(`${what}: not ready after ${timeoutMs / 1000} s\n${daemonName ? logTail(daemonName) : ''}`);
    };

    const terminate = async (child: ChildProcess | undefined, graceMs: number): Promise<void> => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
    };

    const stopGateway = async () => terminate(children.rgw, 5000);

    const stop = async () => {
        if (stopped) return;
        stopped = true;
        await stopGateway();
        // memstore: nothing to flush, and an OSD waits for the monitor on SIGTERM; be quick.
        await terminate(children.osd, 2000);
        await terminate(children.mon, 5000);
        rmSync(directory, { recursive: true, force: true });
    };

    const monPort = await freePort();
    const rgwPort = await freePort();
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    const startGateway = async () => {
        if (stopped) throw new Error('the cluster was stopped');
        if (children.rgw && children.rgw.exitCode === null && children.rgw.signalCode === null) return;
        const rgw = daemon('rgw', 'radosgw', ['-n', 'client.rgw']);
        await waitFor(`radosgw on ${endpoint}`, async () => (await httpStatus(endpoint)) === 200, rgw, 'rgw');
    };

    try {
        mkdirSync(logs);
        mkdirSync(join(directory, 'run'));
        const fsid = randomUUID();
        writeFileSync(conf, [
            '[global]',
            `fsid = ${fsid}`,
            `mon host = v2:127.0.0.1:${monPort}`,
            'mon initial members = a',
            'public addr = 127.0.0.1',
            'cluster addr = 127.0.0.1',
            'auth cluster required = none',
            'auth service required = none',
            'auth client required = none',
            'ms mon client mode = crc',
            'osd pool default size = 1',
            'osd pool default min size = 1',
            'mon allow pool size one = true',
            'mon warn on pool no redundancy = false',
            'mon data avail warn = 1',
            'osd pool default pg num = 8',
            'osd pool default pgp num = 8',
            'osd crush chooseleaf type = 0',
            'osd objectstore = memstore',
            `memstore device bytes = ${options.memstoreBytes ?? 2 * 1024 ** 3}`,
            `run dir = ${join(directory, 'run')}`,
            `admin socket = ${join(directory, 'run')}/$name.asok`,
            `log file = ${logs}/$name.log`,
            `pid file = ${join(directory, 'run')}/$name.pid`,
            `mon data = ${directory}/mon.$id`,
            `osd data = ${directory}/osd.$id`,
            `keyring = ${directory}/keyring`,
            '',
            '[client.rgw]',
            `rgw frontends = beast endpoint=127.0.0.1:${rgwPort}`,
            `rgw data = ${directory}/rgw`,
            'rgw enable usage log = false',
            // Deleted objects' data is garbage-collected after 2 h by default: within seconds
            // here, or a memstore OSD fills up (and a full OSD blocks every write).
            'rgw gc obj min wait = 1',
            'rgw gc processor period = 2',
            ''
        ].join('\n'));
        mkdirSync(join(directory, 'rgw'));

        let mark = performance.now();
        run('ceph-authtool', ['--create-keyring', join(directory, 'keyring'), '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
        run('monmaptool', ['--create', '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, '--fsid', fsid, join(directory, 'monmap')]);
        run('ceph-mon', ['--mkfs', '-i', 'a', '--monmap', join(directory, 'monmap'), '--keyring', join(directory, 'keyring'), '-c', conf]);
        const mon = daemon('mon', 'ceph-mon', ['-i', 'a']);
        await waitFor('ceph-mon', () => spawnSync('ceph', ['-c', conf, '--connect-timeout', '3', 'mon', 'stat'], { timeout: 10_000 }).status === 0, mon, 'mon');
        const monitorMs = performance.now() - mark;

        mark = performance.now();
        const osdUuid = randomUUID();
        const id = run('ceph', ['-c', conf, 'osd', 'new', osdUuid]).trim();
        mkdirSync(join(directory, `osd.${id}`));
        run('ceph-osd', ['-i', id, '--mkfs', '--osd-uuid', osdUuid, '-c', conf]);
        const osd = daemon('osd', 'ceph-osd', ['-i', id]);
        await waitFor('ceph-osd', () => {
            const result = spawnSync('ceph', ['-c', conf, 'osd', 'stat', '-f', 'json'], { encoding: 'utf8', timeout: 10_000 });
            try {
                return result.status === 0 && JSON.parse(result.stdout).num_up_osds >= 1;
            } catch {
                return false;
            }
        }, osd, 'osd');
        const osdMs = performance.now() - mark;

        mark = performance.now();
        await startGateway();
        const gatewayMs = performance.now() - mark;

        mark = performance.now();
        const accessKeyId = `DF${randomBytes(9).toString('hex').toUpperCase()}`;
        const secretAccessKey = randomBytes(30).toString('base64url');
        run('radosgw-admin', ['-c', conf, '-n', 'client.admin', 'user', 'create', '--uid', 'deepforge-test', '--display-name', 'DeepForge tests',
            '--access-key', accessKeyId, '--secret-key', secretAccessKey]);
        const userMs = performance.now() - mark;

        const timings = { monitorMs, osdMs, gatewayMs, userMs, totalMs: performance.now() - started };
        return {
            endpoint, region: 'us-east-1', accessKeyId, secretAccessKey, directory, timings,
            residentBytes: () => Object.values(children).reduce((sum, child) => {
                try {
                    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child!.pid}/status`, 'utf8'));
                    return sum + (match ? Number(match[1]) * 1024 : 0);
                } catch {
                    return sum;
                }
            }, 0),
            stopGateway, startGateway, stop, logTail
        };
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await stop().catch(() => undefined);
        throw new Error(`Could not start a one-node Ceph radosgw in ${directory}: ${message}`);
    }
}
