/**
 * Fast tests of the S3 adapter against moto's S3 server (a light stand-in: it does not check
 * credentials). The same suite runs against the real Ceph radosgw in s3-radosgw.test.ts.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { motoMissing, startMoto, type MotoServer } from './moto.js';
import { s3Suite, type S3Server } from './s3-suite.js';

describe('S3 storage on moto', () => {
    let moto: MotoServer;
    let server: S3Server;
    beforeAll(async () => {
        // moto ships with the machines' Python (see shared/reference/environment.md); without it this fails loudly.
        const missing = motoMissing();
        if (missing) throw new Error(missing);
        moto = await startMoto();
        server = { endpoint: moto.endpoint, accessKeyId: 'moto-test-key', secretAccessKey: 'moto-test-secret' };
    });
    afterAll(async () => {
        await moto?.stop();
    });
    s3Suite('moto', () => server, false);
});
