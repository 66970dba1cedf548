"""A small S3 client (standard library only) for steps that exchange data through a bucket.

Slurm jobs of a project whose storage is ``s3`` upload their outputs to the bucket and download
their inputs from it, so the nodes need to share no data folder. The nodes may not have boto3,
and one client everywhere behaves the same: this module signs requests itself (AWS Signature
Version 4, ``hmac``/``hashlib``) and speaks just what a step needs: HEAD, GET and PUT of one
object, path-style (``endpoint/bucket/key``) or virtual-host style (``bucket.endpoint/key``).

Settings (endpoint, region, bucket, prefix, path style) come from ``DEEPFORGE_S3`` (JSON, written
by the runner into the job script: no secret in it). Credentials come only from the job's
environment: ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``; they are never
written anywhere and never appear in an error message.

Keys follow the storage adapter's layout: a content-addressed blob is
``<prefix>blobs/sha256/<first two hex digits>/<hex>``.
"""
import datetime
import hashlib
import hmac
import http.client
import json
import os
import shutil
import urllib.parse

EMPTY_SHA256 = hashlib.sha256(b'').hexdigest()
# A single PUT takes at most 5 GiB (larger outputs need multipart uploads, not supported here).
MAX_PUT = 5 * 1024 ** 3


class S3Error(Exception):
    """A request failed; the message names the operation, object and endpoint, never credentials."""


def blob_key(hex_digest):
    return 'blobs/sha256/{}/{}'.format(hex_digest[:2], hex_digest)


def quote_path(key):
    """A key as the URI path S3 signs: every byte but unreserved ones and ``/`` percent-encoded once."""
    return urllib.parse.quote(key, safe='/~')


def _hmac(key, text):
    return hmac.new(key, text.encode('utf-8'), hashlib.sha256).digest()


def signing_key(secret, date, region, service):
    key = _hmac(('AWS4' + secret).encode('utf-8'), date)
    key = _hmac(key, region)
    key = _hmac(key, service)
    return _hmac(key, 'aws4_request')


def sign(method, host, path, query, headers, payload_sha256, credentials, region, service='s3', now=None):
    """The headers of a SigV4-signed request (``headers`` plus ``host``, ``x-amz-date``,
    ``x-amz-content-sha256`` for S3, ``x-amz-security-token`` with a session token, ``Authorization``).

    ``path`` is the canonical URI (already encoded), ``query`` a list of (name, value) pairs,
    ``credentials`` a ``(access_key, secret_key, session_token_or_None)`` tuple.
    """
    access_key, secret_key, token = credentials
    now = now or datetime.datetime.now(datetime.timezone.utc)
    stamp = now.strftime('%Y%m%dT%H%M%SZ')
    date = stamp[:8]
    signed = {k.lower(): str(v).strip() for k, v in headers.items()}
    signed['host'] = host
    signed['x-amz-date'] = stamp
    if service == 's3':
        signed['x-amz-content-sha256'] = payload_sha256
    if token:
        signed['x-amz-security-token'] = token
    names = sorted(signed)
    canonical_query = '&'.join('{}={}'.format(urllib.parse.quote(k, safe='~'), urllib.parse.quote(v, safe='~'))
                               for k, v in sorted(query))
    canonical = '\n'.join([
        method, path, canonical_query,
        ''.join('{}:{}\n'.format(name, ' '.join(signed[name].split())) for name in names),
        ';'.join(names), payload_sha256])
    scope = '{}/{}/{}/aws4_request'.format(date, region, service)
    to_sign = '\n'.join(['AWS4-HMAC-SHA256', stamp, scope, hashlib.sha256(canonical.encode('utf-8')).hexdigest()])
    signature = hmac.new(signing_key(secret_key, date, region, service), to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
    signed['authorization'] = 'AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}'.format(
        access_key, scope, ';'.join(names), signature)
    return signed


def credentials_from(env):
    access_key = env.get('AWS_ACCESS_KEY_ID')
    secret_key = env.get('AWS_SECRET_ACCESS_KEY')
    if not access_key or not secret_key:
        raise S3Error('no S3 credentials in the job\'s environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set '
                      '(the runner passes its own to sbatch; an sbatch --export that drops them leaves the job without)')
    return access_key, secret_key, env.get('AWS_SESSION_TOKEN') or None


class S3Store:
    """The bucket of the project's ``s3`` storage (settings as in ``DEEPFORGE_S3``)."""

    def __init__(self, settings, env=None):
        self.bucket = settings['bucket']
        self.prefix = settings.get('prefix') or ''
        self.region = settings.get('region') or 'us-east-1'
        endpoint = settings.get('endpoint')
        self.path_style = settings.get('forcePathStyle', endpoint is not None)
        if endpoint:
            url = urllib.parse.urlsplit(endpoint)
            self.scheme, self.endpoint_host = url.scheme, url.netloc
        else:
            self.scheme = 'https'
            self.endpoint_host = 's3.{}.amazonaws.com'.format(self.region) if self.region != 'us-east-1' else 's3.amazonaws.com'
        self.label = endpoint or 'AWS S3 ({})'.format(self.region)
        self.credentials = credentials_from(os.environ if env is None else env)

    @classmethod
    def from_environment(cls, env=None):
        """The store ``DEEPFORGE_S3`` describes, or None when the job exchanges no data through S3."""
        env = os.environ if env is None else env
        settings = env.get('DEEPFORGE_S3')
        return cls(json.loads(settings), env) if settings else None

    def url(self, key):
        """``s3://bucket/<prefix><key>`` (for messages and records)."""
        return 's3://{}/{}{}'.format(self.bucket, self.prefix, key)

    def key_of(self, url):
        """The key (below the prefix) of an ``s3://bucket/<prefix>…`` URL of this store."""
        parsed = urllib.parse.urlsplit(url)
        full = parsed.path.lstrip('/')
        if parsed.scheme != 's3' or parsed.netloc != self.bucket or not full.startswith(self.prefix):
            raise S3Error('{} is not in the bucket {} (prefix {!r}) of this project\'s storage'.format(url, self.bucket, self.prefix))
        return full[len(self.prefix):]

    def _target(self, key):
        object_key = self.prefix + key
        if self.path_style:
            return self.endpoint_host, '/{}/{}'.format(self.bucket, quote_path(object_key))
        return '{}.{}'.format(self.bucket, self.endpoint_host), '/' + quote_path(object_key)

    def _request(self, method, key, body=None, payload_sha256=EMPTY_SHA256, headers=None, length=0):
        host, path = self._target(key)
        signed = sign(method, host, path, [], dict(headers or {}), payload_sha256, self.credentials, self.region)
        if method == 'PUT':
            signed['content-length'] = str(length)
        connection_class = http.client.HTTPSConnection if self.scheme == 'https' else http.client.HTTPConnection
        connection = connection_class(host, timeout=120)
        try:
            connection.request(method, path, body=body, headers=signed)
            return connection, connection.getresponse()
        except OSError as error:
            connection.close()
            raise S3Error('cannot reach the S3 endpoint {} to {} {}: {}'.format(self.label, method, self.url(key), error))

    def _fail(self, operation, key, response):
        text = response.read(2000).decode('utf-8', 'replace')
        code = text.split('<Code>', 1)[1].split('</Code>', 1)[0] if '<Code>' in text else 'HTTP {}'.format(response.status)
        raise S3Error('S3 {} of {} at {} failed: {} (HTTP {})'.format(operation, self.url(key), self.label, code, response.status))

    def size(self, key):
        """The object's size, or None when there is none."""
        connection, response = self._request('HEAD', key)
        try:
            response.read()
            if response.status == 404:
                return None
            if response.status != 200:
                raise S3Error('S3 check of {} at {} failed (HTTP {})'.format(self.url(key), self.label, response.status))
            return int(response.getheader('Content-Length', '0'))
        finally:
            connection.close()

    def put_file(self, key, path, sha256_hex):
        """Uploads a file (its SHA-256 signed: the server refuses bytes that differ from it)."""
        length = os.path.getsize(path)
        if length > MAX_PUT:
            raise S3Error('{} is {} bytes: a step\'s output above 5 GiB cannot go to S3 in one request'.format(path, length))
        with open(path, 'rb') as body:
            self._put(key, body, sha256_hex, {'x-amz-meta-sha256': sha256_hex}, length)

    def put_bytes(self, key, data, content_type='application/json'):
        self._put(key, data, hashlib.sha256(data).hexdigest(), {'content-type': content_type}, len(data))

    def _put(self, key, body, sha256_hex, headers, length):
        """One PUT of a body whose SHA-256 is signed; any answer but 200 is an S3Error."""
        connection, response = self._request('PUT', key, body=body, payload_sha256=sha256_hex, headers=headers, length=length)
        try:
            if response.status != 200:
                self._fail('upload', key, response)
            response.read()
        finally:
            connection.close()

    def get_bytes(self, key):
        connection, response = self._request('GET', key)
        try:
            if response.status != 200:
                self._fail('download', key, response)
            return response.read()
        finally:
            connection.close()

    def get_file(self, key, path, sha256_hex=None):
        """Downloads an object to ``path`` (checked against ``sha256_hex`` when given)."""
        connection, response = self._request('GET', key)
        try:
            if response.status != 200:
                self._fail('download', key, response)
            os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
            partial = path + '.part'
            digest = hashlib.sha256()
            with open(partial, 'wb') as out:
                for chunk in iter(lambda: response.read(1 << 20), b''):
                    digest.update(chunk)
                    out.write(chunk)
        finally:
            connection.close()
        if sha256_hex is not None and digest.hexdigest() != sha256_hex:
            os.remove(partial)
            raise S3Error('{} does not hold the bytes its index names (sha256 {} expected, got {})'.format(
                self.url(key), sha256_hex, digest.hexdigest()))
        shutil.move(partial, path)

    def put_blob(self, path, sha256_hex, size):
        """Stores a file content-addressed (nothing sent when the blob is there); its key."""
        key = blob_key(sha256_hex)
        if self.size(key) != size:
            self.put_file(key, path, sha256_hex)
        return key
