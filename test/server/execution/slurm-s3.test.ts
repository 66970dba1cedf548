/**
 * Slurm with `s3` storage against a real one-node Slurm cluster (slurm-cluster.ts) and a real
 * Ceph radosgw (test/server/storage/radosgw.ts): the jobs exchange their data through the bucket.
 * A producer job uploads its outputs content-addressed and its `outputs.json` under
 * `executions/<name>/<job folder>/`, keeping no local copy; a consumer job downloads its inputs
 * from there (its log says `input … from s3://…`); the runner's collection finds the blobs in
 * place. The S3 credentials reach the jobs through sbatch's environment only: no file under the
 * project (job folders, scripts, bundle, records, logs) holds the secret.
 * Fails loudly when Slurm or Ceph is not installed (scripts/setup-services.sh installs them).
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SlurmCompute } from '../../../server/execution/slurm-compute.js';
import { Store } from '../../../server/execution/store.js';
import { radosgwMissing, startRadosgw, type RadosgwCluster } from '../storage/radosgw.js';
import { createBucket, envOf, rawClient } from '../storage/s3-suite.js';
import { run, statuses, tempProject, testEnv } from './helpers.js';
import { slurmMissing, startSlurmCluster, type SlurmCluster } from './slurm-cluster.js';

let slurm: SlurmCluster;
let rgw: RadosgwCluster;
let bucket: string;
let env: Record<string, string>;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
    const missing = [...slurmMissing(), ...(radosgwMissing() ? [radosgwMissing()!] : [])];
    if (missing.length) throw new Error(`Slurm or radosgw cannot start here (missing: ${missing.join(', ')}): run scripts/setup-services.sh as root`);
    [slurm, rgw] = await Promise.all([startSlurmCluster(), startRadosgw()]);
    bucket = await createBucket(rgw, 'df-slurm');
    env = testEnv({
        ...envOf(rgw), DEEPFORGE_STORAGE: 's3', DEEPFORGE_STORAGE_S3_ENDPOINT: rgw.endpoint,
        DEEPFORGE_STORAGE_S3_BUCKET: bucket, DEEPFORGE_STORAGE_S3_FORCE_PATH_STYLE: 'true', DEEPFORGE_STORAGE_S3_REGION: 'us-east-1'
    });
    // The Slurm commands (and so sbatch's environment, which the jobs inherit) use this process's environment, as the CLI does.
    for (const [key, value] of Object.entries({ SLURM_CONF: slurm.conf, ...envOf(rgw) })) {
        saved[key] = process.env[key];
        process.env[key] = value;
    }
}, 240_000);

afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
    await Promise.all([slurm?.stop(), rgw?.stop()]);
}, 60_000);

function filesUnder(folder: string): string[] {
    return readdirSync(folder, { recursive: true, encoding: 'utf-8' }).map(name => join(folder, name)).filter(file => statSync(file).isFile());
}

describe('slurm jobs exchanging data through S3 (radosgw)', () => {
    test('Chain: producers upload, consumers download from the bucket, the runner uploads nothing again; no secret under the project', async () => {
        const project = tempProject('slurm-s3');
        const { record, ms } = await run(project, { pipeline: 'Chain', name: 'chain', compute: 'slurm', env });
        console.log(`Chain through Slurm with S3 exchange: ${ms.toFixed(0)} ms`);
        expect(record.status).toBe('succeeded');
        expect(statuses(record)).toEqual({ made: 'succeeded', scaled: 'succeeded', other: 'succeeded', total: 'succeeded', 'Output#1': 'succeeded' });

        // The producer's job folder keeps no data: its outputs.json points into the bucket.
        const scaled = record.steps.scaled;
        const scaledOutputs = join(scaled.job!.workDir, 'outputs');
        expect(readdirSync(scaledOutputs).filter(name => name !== 'figures')).toEqual(['outputs.json']);
        const index = JSON.parse(readFileSync(join(scaledOutputs, 'outputs.json'), 'utf-8')) as { outputs: Record<string, { location: { key: string } }> };
        const blob = scaled.outputs.scaled.location;
        expect(blob).toMatchObject({ adapter: 's3', bucket, key: `blobs/sha256/${scaled.outputs.scaled.sha256.slice(7, 9)}/${scaled.outputs.scaled.sha256.slice(7)}` });
        expect(index.outputs.scaled.location).toEqual(blob);

        // The consumer's input came from the bucket: its command names the producer's folder there, its log the blob.
        const total = record.steps.total;
        const script = readFileSync(join(total.job!.workDir, 'job.sbatch'), 'utf-8');
        expect(script).toContain(`values=scaled:s3://${bucket}/executions/chain/${scaled.job!.workDir.split('/').at(-1)}/`);
        expect(script).toContain('DEEPFORGE_S3=');
        const log = readFileSync(join(total.job!.workDir, 'stdout.log'), 'utf-8');
        expect(log).toContain(`deepforge: input values from s3://${bucket}/${'key' in blob ? blob.key : ''}`);
        expect(total.outputs.total.location).toMatchObject({ adapter: 's3', bucket });

        // The producer's outputs.json is in the bucket too, and the blob holds what the record says.
        const s3 = rawClient(rgw);
        const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `executions/chain/${scaled.job!.workDir.split('/').at(-1)}/outputs.json` }));
        expect(JSON.parse(await stored.Body!.transformToString()).outputs.scaled.location).toEqual(blob);
        const bytes = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'key' in blob ? blob.key : '' }))).Body!.transformToByteArray();
        expect(bytes.byteLength).toBe(scaled.outputs.scaled.bytes);

        // The Output step's artifact was uploaded by its job.
        const artifact = new Store(project).listArtifacts()[0];
        expect(artifact).toMatchObject({ name: 'scaled-values', location: { adapter: 's3', bucket } });

        // The credentials reached the jobs (they uploaded) but no file under the project holds the secret.
        const files = filesUnder(project);
        expect(files.some(file => file.endsWith('job.sbatch'))).toBe(true);
        expect(files.some(file => file.endsWith('execution.json'))).toBe(true);
        for (const file of files) {
            const text = readFileSync(file, 'latin1');
            expect(text.includes(rgw.secretAccessKey), file).toBe(false);
        }
        s3.destroy();
    }, 240_000);

    test('a job without credentials (sbatch --export=NONE) fails, saying which variables it needs', async () => {
        const project = tempProject('slurm-s3-nocred');
        const { record, failedStep } = await run(project, { pipeline: 'Chain', name: 'bare', compute: 'slurm', cache: false, env: { ...env, DEEPFORGE_SLURM_EXTRA_ARGS: '--export=NONE' } });
        expect(record.status).toBe('failed');
        expect(failedStep).toBe('made');
        expect(record.steps.made.error).toContain("no S3 credentials in the job's environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set");
        expect(record.steps.total.status).toBe('cancelled');
    }, 120_000);

    test('a credential variable is never written into a batch script', () => {
        const spec = { execution: 'e', step: 's', command: ['true'], cwd: '/tmp', workDir: '/tmp/e-s', env: { DEEPFORGE_S3: '{}', AWS_SECRET_ACCESS_KEY: 'not-in-scripts' } };
        expect(() => new SlurmCompute().script(spec)).toThrow("step `s`: AWS_SECRET_ACCESS_KEY cannot be written into a batch script (the job gets it from sbatch's environment)");
    });
});
