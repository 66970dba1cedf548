/**
 * The engine with S3 storage against a real Ceph radosgw (test/server/storage/radosgw.ts):
 * outputs, logs, figures and artifacts go to the bucket; a cached re-run checks them there;
 * the gateway stopped in the middle of a run fails the step that cannot store its results
 * (named, the endpoint in the message, no credentials), cancels what depends on it, and
 * --resume finishes once the gateway is back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resumeExecution } from '../../../server/execution/engine.js';
import { Store } from '../../../server/execution/store.js';
import { radosgwMissing, startRadosgw, type RadosgwCluster } from '../storage/radosgw.js';
import { createBucket, envOf } from '../storage/s3-suite.js';
import { DIGITS, PNG_MAGIC, run, statuses, tempProject, testEnv, until } from './helpers.js';

describe('running with S3 storage on radosgw', () => {
    let cluster: RadosgwCluster;
    let env: Record<string, string>;

    beforeAll(async () => {
        // scripts/setup-services.sh (run by .ci/run) installs Ceph; without it this fails loudly.
        const missing = radosgwMissing();
        if (missing) throw new Error(missing);
        cluster = await startRadosgw();
        const bucket = await createBucket(cluster, 'df-exec');
        env = testEnv({
            ...envOf(cluster), DEEPFORGE_STORAGE: 's3', DEEPFORGE_STORAGE_S3_ENDPOINT: cluster.endpoint,
            DEEPFORGE_STORAGE_S3_BUCKET: bucket, DEEPFORGE_STORAGE_S3_FORCE_PATH_STYLE: 'true', DEEPFORGE_STORAGE_S3_REGION: 'us-east-1'
        });
    }, 180_000);

    afterAll(async () => {
        await cluster?.stop();
    });

    test('the digits pipeline trains with S3 storage: model, figures and logs in the bucket, a re-run fully cached', async () => {
        const project = tempProject('s3-digits');
        const { record } = await run(project, { file: DIGITS, env, set: ['trained.epochs=1'], seed: 0 });
        expect(record.status).toBe('succeeded');
        expect(Object.values(statuses(record))).toEqual(Array(6).fill('succeeded'));
        const artifacts = new Store(project).listArtifacts();
        expect(artifacts.map(a => [a.name, a.location.adapter])).toEqual([['digits-cnn', 's3']]);
        const figures = record.order.flatMap(id => record.steps[id].figures);
        expect(figures).toHaveLength(2);
        for (const figure of figures) {
            expect(figure.location).toMatchObject({ adapter: 's3' });
            expect(readFileSync(join(project, figure.file)).subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
        }
        for (const id of record.order) expect(record.steps[id].logs.stdout).toMatchObject({ adapter: 's3' });
        const again = await run(project, { file: DIGITS, env, set: ['trained.epochs=1'], seed: 0 });
        expect(Object.values(statuses(again.record))).toEqual(Array(6).fill('cached'));
    }, 240_000);

    test('outputs, logs, figures and the artifact go to the bucket; a re-run is cached', async () => {
        const project = tempProject('s3');
        const { record } = await run(project, { pipeline: 'Chain', env });
        expect(record.status).toBe('succeeded');
        expect(record.options.storage).toBe('s3');
        expect(record.steps.scaled.outputs.scaled.location).toMatchObject({ adapter: 's3', key: expect.stringMatching(/blobs\/sha256\//) });
        expect(record.steps.made.figures[0].location).toMatchObject({ adapter: 's3' });
        expect(new Store(project).listArtifacts()[0].location).toMatchObject({ adapter: 's3' });
        const text = readFileSync(join(project, '.deepforge', 'executions', record.name, 'execution.json'), 'utf-8');
        expect(text).not.toContain(cluster.secretAccessKey);
        expect(text).not.toContain(cluster.accessKeyId);
        const again = await run(project, { pipeline: 'Chain', env });
        expect(Object.values(statuses(again.record))).toEqual(Array(5).fill('cached'));
    });

    test('the endpoint stopped mid-run: the step that cannot store fails, naming the endpoint; resume finishes', async () => {
        const project = tempProject('s3-down');
        let stopping: Promise<void> | undefined;
        const running = run(project, {
            pipeline: 'Sleepy', name: 'down', set: ['slow.seconds=2'], env,
            onEvent: e => {
                if (e.type === 'step' && e.step === 'slow' && e.status === 'running') stopping = cluster.stopGateway();
            }
        });
        // run() collects events itself; stop the gateway once `slow` runs.
        const { readRecord } = await import('./helpers.js');
        await until(() => readRecord(project, 'down').steps.slow.status === 'running', 60_000, 'slow to run');
        stopping ??= cluster.stopGateway();
        const { record, failedStep } = await running;
        await stopping;
        expect(failedStep).toBe('slow');
        expect(statuses(record)).toEqual({ made: 'succeeded', slow: 'failed', total: 'cancelled' });
        expect(record.steps.slow.error).toContain('its results could not be stored');
        expect(record.steps.slow.error).toContain(cluster.endpoint);
        expect(JSON.stringify(record)).not.toContain(cluster.secretAccessKey);
        await cluster.startGateway();
        const resumed = await resumeExecution({ project, execution: 'down', env });
        expect(statuses(resumed.record)).toEqual({ made: 'succeeded', slow: 'succeeded', total: 'succeeded' });
    });
});
