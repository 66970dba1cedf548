/**
 * A one-node Slurm cluster for the tests, started for real under a temp folder (as root, on
 * 127.0.0.1): its own munge key (`mungekey`) and `munged` socket in the folder, then
 * `slurmctld -D` and `slurmd -D -N localhost` with a generated slurm.conf (free ports, state,
 * spool and logs in the folder). Ready when `sinfo` reports the node idle; stopped by PID
 * (and on process exit). Clients find it through SLURM_CONF (set in `env`).
 *
 * Note: slurmctld/slurmd listen on 0.0.0.0 (Slurm 22.05 has no bind-address setting); the
 * node address is 127.0.0.1 and the cluster's munge key exists only in the temp folder, so
 * nothing outside can authenticate to it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SlurmCluster {
    readonly dir: string;
    readonly conf: string;
    /** SLURM_CONF for the client commands. */
    readonly env: Record<string, string>;
    readonly startMs: number;
    stop(): Promise<void>;
}

const BINARIES = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scancel', 'sinfo'];

/** What is missing to start a cluster here (empty when it can start). */
export function slurmMissing(): string[] {
    const missing = BINARIES.filter(bin => {
        try {
            execFileSync('sh', ['-c', `command -v ${bin} || test -x /usr/sbin/${bin}`], { stdio: 'ignore' });
            return false;
        } catch {
            return true;
        }
    });
    if (process.getuid?.() !== 0) missing.push('(root)');
    return missing;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
            const port = (server.address() as { port: number }).port;
            server.close(() => resolve(port));
        });
        server.on('error', reject);
    });
}

function bin(name: string): string {
    try {
        return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf-8' }).trim() || `/usr/sbin/${name}`;
    } catch {
        return `/usr/sbin/${name}`;
    }
}

export async function startSlurmCluster(): Promise<SlurmCluster> {
    const started = performance.now();
    const dir = mkdtempSync(join(tmpdir(), 'deepforge-slurm-'));
    chmodSync(dir, 0o700);
    for (const sub of ['munge', 'state', 'spool', 'log']) mkdirSync(join(dir, sub), { mode: 0o700 });
    const key = join(dir, 'munge', 'munge.key');
    const socket = join(dir, 'munge', 'munge.socket');
    execFileSync(bin('mungekey'), ['--create', '--keyfile', key]);
    chmodSync(key, 0o600);
    const children: ChildProcess[] = [];
    const spawnDaemon = (command: string, args: string[], log: string) => {
        const child = spawn(bin(command), args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') } });
        const chunks: string[] = [];
        child.stdout!.on('data', c => chunks.push(String(c)));
        child.stderr!.on('data', c => chunks.push(String(c)));
        child.on('exit', () => { try { writeFileSync(join(dir, 'log', log), chunks.join('')); } catch { /* removed */ } });
        children.push(child);
        return child;
    };
    spawnDaemon('munged', ['--foreground', '--force', `--key-file=${key}`, `--socket=${socket}`,
        `--pid-file=${join(dir, 'munge', 'munged.pid')}`, `--seed-file=${join(dir, 'munge', 'munged.seed')}`,
        `--log-file=${join(dir, 'munge', 'munged.log')}`], 'munged.out');
    const [ctldPort, dPort] = [await freePort(), await freePort()];
    const conf = join(dir, 'slurm.conf');
    writeFileSync(conf, [
        'ClusterName=deepforge-test',
        'SlurmctldHost=localhost(127.0.0.1)',
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${dPort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        `AuthInfo=socket=${socket}`,
        'CredType=cred/munge',
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core',
        'SchedulerParameters=batch_sched_delay=0',
        'DependencyParameters=kill_invalid_depend',
        'ReturnToService=2',
        'MpiDefault=none',
        'KillWait=2',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        // RealMemory: jobs may ask for memory (`--mem`, an operation's `resources { memory }`); the default, 1 MB, refuses any.
        'NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN',
        'PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP',
        ''
    ].join('\n'));
    const env = { SLURM_CONF: conf };
    // munged must be up before slurmctld authenticates anything.
    await until(() => { try { readFileSync(join(dir, 'munge', 'munged.pid')); return true; } catch { return false; } }, 10_000, 'munged');
    spawnDaemon('slurmctld', ['-D', '-f', conf], 'slurmctld.out');
    spawnDaemon('slurmd', ['-D', '-N', 'localhost', '-f', conf], 'slurmd.out');
    let stopped = false;
    const stop = async () => {
        if (stopped) return;
        stopped = true;
        process.off('exit', stopSync);
        // Jobs first (their slurmstepd outlives slurmd): cancel them all while the controller runs.
        const clientEnv = { ...process.env, ...env };
        try {
            execFileSync(bin('scancel'), ['--full', '--user=root'], { env: clientEnv, stdio: 'ignore' });
            await until(() => {
                const out = execFileSync(bin('squeue'), ['-h', '-t', 'RUNNING,COMPLETING,PENDING', '-o', '%i'], { env: clientEnv, encoding: 'utf-8' });
                return out.trim() === '';
            }, 10_000, 'the jobs to end');
        } catch {
            // best effort: the daemons are stopped below either way
        }
        for (const child of [...children].reverse()) {
            if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
            const exited = new Promise(resolve => child.once('exit', resolve));
            try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ }
            const timer = setTimeout(() => { try { process.kill(child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
            await exited;
            clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
    };
    const stopSync = () => {
        for (const child of children) if (child.pid && child.exitCode === null) try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
        rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', stopSync);
    try {
        await until(() => {
            try {
                return execFileSync(bin('sinfo'), ['-h', '-o', '%T'], { env: { ...process.env, ...env }, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('idle');
            } catch {
                return false;
            }
        }, 30_000, 'the Slurm node to be idle');
    } catch (error) {
        const logs = ['slurmctld.log', 'slurmd.log'].map(f => { try { return readFileSync(join(dir, 'log', f), 'utf-8').slice(-2000); } catch { return ''; } }).join('\n');
        await stop();
        throw new Error(`${(error as Error).message}\n${logs}`);
    }
    return { dir, conf, env, startMs: performance.now() - started, stop };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}
