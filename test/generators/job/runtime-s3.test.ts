/**
 * The job runtime's stdlib S3 client (`deepforge/s3.py`): its Signature Version 4 against AWS's
 * published "get-vanilla" example of the SigV4 test suite, and against the AWS SDK's own signer
 * (`@smithy/signature-v4`, which the S3 client uses) for S3 requests: path-style and
 * virtual-host style, keys with spaces and non-ASCII characters, a session token, a metadata
 * header. The requests against a real S3 server run in test/server/execution/slurm-s3.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, test } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const runtime = join(root, 'generators', 'job', 'templates', 'runtime');
const python = process.env.DEEPFORGE_PYTHON ?? 'python3';

/** Runs `deepforge.s3.sign(**request)` in Python; the signed headers. */
function pythonSign(request: Record<string, unknown>): Record<string, string> {
    const script = [
        'import datetime, json, sys',
        'from deepforge.s3 import sign',
        'r = json.load(sys.stdin)',
        'now = datetime.datetime.strptime(r.pop("now"), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)',
        'r["credentials"] = tuple(r["credentials"])',
        'print(json.dumps(sign(now=now, **r)))'
    ].join('\n');
    return JSON.parse(execFileSync(python, ['-c', script], { input: JSON.stringify(request), env: { ...process.env, PYTHONPATH: runtime }, encoding: 'utf-8' })) as Record<string, string>;
}

/** The SDK's hash/HMAC interface over node:crypto. */
class NodeSha256 {
    private readonly hash: Hash | Hmac;
    constructor(secret?: string | Uint8Array) {
        this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
    }
    update(data: string | Uint8Array): void {
        this.hash.update(data);
    }
    async digest(): Promise<Uint8Array> {
        return this.hash.digest();
    }
}

const EXAMPLE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe('deepforge/s3.py signs requests with AWS Signature Version 4', () => {
    test('AWS\'s get-vanilla example (SigV4 test suite): the published Authorization header', () => {
        const headers = pythonSign({
            method: 'GET', host: 'example.amazonaws.com', path: '/', query: [], headers: {},
            payload_sha256: createHash('sha256').update('').digest('hex'),
            credentials: [EXAMPLE.accessKeyId, EXAMPLE.secretAccessKey, null], region: 'us-east-1', service: 'service', now: '20150830T123600Z'
        });
        expect(headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
            'SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
        expect(headers['x-amz-date']).toBe('20150830T123600Z');
    });

    const cases = [
        { name: 'a path-style PUT with metadata and a session token', method: 'PUT', host: '127.0.0.1:7480', path: '/df-bucket/pre fix/blobs/sha256/ab/ab12', token: 'FQoGZXIvYXdzEXAMPLETOKEN', meta: true },
        { name: 'a virtual-host style GET of a key with spaces and non-ASCII characters', method: 'GET', host: 'df-bucket.s3.eu-west-1.amazonaws.com', path: '/executions/r\u00e9sum\u00e9 1/outputs.json', token: undefined, meta: false },
        { name: 'a HEAD without a session token', method: 'HEAD', host: 's3.amazonaws.com', path: '/df-bucket/blobs/sha256/00/00ff', token: undefined, meta: false }
    ];
    for (const c of cases) {
        test(`as the AWS SDK's signer does: ${c.name}`, async () => {
            const payload = c.method === 'PUT' ? createHash('sha256').update('some bytes').digest('hex') : createHash('sha256').update('').digest('hex');
            const region = c.host.includes('eu-west-1') ? 'eu-west-1' : 'us-east-1';
            const encoded = c.path.split('/').map(segment => encodeURIComponent(segment)).join('/');
            const headers = pythonSign({
                method: c.method, host: c.host, path: encoded, query: [], headers: c.meta ? { 'x-amz-meta-sha256': 'ab12' } : {},
                payload_sha256: payload, credentials: [EXAMPLE.accessKeyId, EXAMPLE.secretAccessKey, c.token ?? null], region, now: '20261121T101500Z'
            });
            const signer = new SignatureV4({
                service: 's3', region, sha256: NodeSha256, uriEscapePath: false, applyChecksum: true,
                credentials: { ...EXAMPLE, ...(c.token ? { sessionToken: c.token } : {}) }
            });
            const signed = await signer.sign({
                method: c.method, protocol: 'https:', hostname: c.host, path: encoded, query: {},
                headers: { host: c.host, 'x-amz-content-sha256': payload, ...(c.meta ? { 'x-amz-meta-sha256': 'ab12' } : {}) }
            }, { signingDate: new Date(Date.UTC(2026, 10, 21, 10, 15, 0)) });
            expect(headers.authorization).toBe(signed.headers.authorization);
            if (c.token) expect(headers['x-amz-security-token']).toBe(c.token);
        });
    }
});
