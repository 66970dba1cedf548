"""Runs one step of a job bundle alone, with its inputs and outputs in files.

    python -m deepforge.run_step manifest.json STEP [--input PORT=PATH ...]
        [--input-from PORT=OUTPUT:DIR ...] [--artifact PATH] --outputs-dir DIR
        [--figures-dir DIR] [--seed N]

* an operation step reads each input from ``--input PORT=PATH`` (the format by the file's
  extension; the module of the step that produced it is imported first, so that its
  ``deepforge.register`` calls apply), constructs the operation with the attributes and
  references of the manifest, runs ``execute`` and writes each output to
  ``DIR/<output><extension>``;
* an ``Input`` step copies its artifact (``--artifact PATH``, or the file bundled for it)
  to ``DIR/data<extension>``;
* an ``Output`` step copies ``--input data=PATH`` to ``DIR/<save_name><extension>``.

``--input-from PORT=OUTPUT:DIR`` names an input by where its producer writes it: the output
``OUTPUT`` listed in ``DIR/outputs.json`` (the producer's ``--outputs-dir``). A step submitted
before its producer has run (a batch scheduler's dependency chain) finds its input this way
when it starts, whatever file name and extension the producer chose. ``DIR`` may be
``s3://bucket/<prefix>…/`` (the producer's ``--store-outputs``): the index and the file are then
read from the bucket (settings in ``DEEPFORGE_S3``, credentials from the environment) and the
file downloaded into ``inputs/`` beside ``--outputs-dir``.

``--store-outputs s3://bucket/<prefix>…/`` uploads each output (and an ``Output`` step's
artifact) to the bucket, content-addressed (``<prefix>blobs/sha256/ab/<hex>``, skipped when
there), adds its ``location`` to ``outputs.json``, uploads ``outputs.json`` under that URL and
removes the local copies: the data lives in the bucket only.

``DIR/outputs.json`` lists what was written (path, format, sha256, bytes per output). Events
go out as with ``main.py``. Exit status: 0 done, 1 the step failed, 2 bad usage.
"""
import argparse
import importlib
import json
import os
import shutil
import sys

from . import events, serialization
from .paths import join_inside
from .runtime import Run, StepFailed, sha256_file, write_index
from .s3 import S3Error, S3Store


def parse_inputs(pairs, parser):
    inputs = {}
    for pair in pairs:
        port, sep, path = pair.partition('=')
        if not sep or not port or not path:
            parser.error('--input takes PORT=PATH, got {!r}'.format(pair))
        if port in inputs:
            parser.error('input {!r} given twice'.format(port))
        inputs[port] = path
    return inputs


def resolve_inputs_from(pairs, parser, inputs_dir=None):
    """``PORT=OUTPUT:DIR`` → ``{PORT: path}``, read from ``DIR/outputs.json`` (``DIR`` may be an ``s3://`` folder)."""
    inputs = {}
    store = None
    for pair in pairs:
        port, sep, rest = pair.partition('=')
        output, colon, directory = rest.partition(':')
        if not sep or not colon or not port or not output or not directory:
            parser.error('--input-from takes PORT=OUTPUT:DIR, got {!r}'.format(pair))
        if directory.startswith('s3://'):
            try:
                store = store or S3Store.from_environment()
                if store is None:
                    raise S3Error('DEEPFORGE_S3 (the storage settings) is not set')
                inputs[port] = download_input(store, port, output, directory, inputs_dir)
            except (S3Error, ValueError, KeyError) as error:
                raise SystemExit('deepforge.run_step: input {!r}: {}'.format(port, error))
            continue
        index_file = os.path.join(directory, 'outputs.json')
        try:
            with open(index_file, encoding='utf-8') as index:
                written = json.load(index).get('outputs', {})
        except (OSError, ValueError) as error:
            raise SystemExit('deepforge.run_step: input {!r}: cannot read {}: {}'.format(port, index_file, error))
        if output not in written:
            raise SystemExit('deepforge.run_step: input {!r}: {} lists no output {!r} (it has {})'.format(
                port, index_file, output, ', '.join(sorted(written)) or 'none'))
        try:
            inputs[port] = join_inside(directory, written[output]['path'], 'output path')
        except ValueError as error:
            raise SystemExit('deepforge.run_step: input {!r}: {}'.format(port, error))
    return inputs


def download_input(store, port, output, folder, inputs_dir):
    """An input from the bucket: the producer's ``outputs.json`` there names the blob of ``output``."""
    index_url = folder.rstrip('/') + '/outputs.json'
    written = json.loads(store.get_bytes(store.key_of(index_url)).decode('utf-8')).get('outputs', {})
    if output not in written:
        raise SystemExit('deepforge.run_step: input {!r}: {} lists no output {!r} (it has {})'.format(
            port, index_url, output, ', '.join(sorted(written)) or 'none'))
    entry = written[output]
    location = entry.get('location') or {}
    if location.get('adapter') != 's3' or location.get('bucket') != store.bucket:
        raise S3Error('{} gives output {!r} no location in bucket {}'.format(index_url, output, store.bucket))
    key = store.key_of('s3://{}/{}'.format(location['bucket'], location['key']))
    extension = os.path.splitext(entry['path'])[1]
    target = os.path.join(inputs_dir, port + extension)
    store.get_file(key, target, entry['sha256'].replace('sha256:', ''))
    print('deepforge: input {} from s3://{}/{}'.format(port, location['bucket'], location['key']), flush=True)
    return target


def upload_outputs(store, folder_url, outputs_dir, step, written):
    """Stores the outputs (and an ``Output`` step's artifact) in the bucket; ``outputs.json`` gets their locations."""
    for entry in written.values():
        path = join_inside(outputs_dir, entry['path'], 'output path')
        key = store.put_blob(path, entry['sha256'].replace('sha256:', ''), entry['bytes'])
        entry['location'] = {'adapter': 's3', 'bucket': store.bucket, 'key': store.prefix + key}
        os.remove(path)
    write_index(outputs_dir, step, written)
    with open(os.path.join(outputs_dir, 'outputs.json'), 'rb') as index:
        store.put_bytes(store.key_of(folder_url.rstrip('/') + '/outputs.json'), index.read())


def run_operation(run, step, inputs):
    for port in inputs:
        if port not in [i['port'] for i in step['inputs']]:
            raise SystemExit('deepforge.run_step: step {} has no input {!r} (it has {})'.format(
                step['id'], port, ', '.join(i['port'] for i in step['inputs']) or 'none'))
    missing = [i['port'] for i in step['inputs'] if i['port'] not in inputs and i.get('required', True)]
    if missing:
        raise SystemExit('deepforge.run_step: step {} needs --input for {}'.format(step['id'], ', '.join(missing)))
    written = {}
    with run.step(step['id']):
        values = {}
        for connection in step['inputs']:
            port = connection['port']
            if port not in inputs:
                continue
            producer = run.steps.get(connection['from']['step'])
            if producer is not None and producer['kind'] == 'operation':
                importlib.import_module(producer['module'])  # its serializers
            values[port] = serialization.load(inputs[port])
        operation = run.construct(step)
        outputs = run.outputs(operation.execute(**values))
        written = run.write_outputs(step, vars(outputs), run.outputs_dir)
    return written


def run_input(run, step, artifact):
    path = artifact or (run.bundled(step['static']) if step.get('static') else None)
    if path is None:
        raise SystemExit('deepforge.run_step: step {} (Input) needs --artifact PATH'.format(step['id']))
    written = {}
    with run.step(step['id']):
        if not os.path.isfile(path):
            raise FileNotFoundError('the input artifact {!r} of step {} does not exist'.format(path, step['id']))
        serializer = serialization.for_path(path)
        target = os.path.join(run.outputs_dir, 'data' + serializer.extension)
        shutil.copyfile(path, target)
        run.record_output(step, 'data', target, serializer, run.outputs_dir, written)
    return written


def run_output(run, step, inputs, store=None):
    if 'data' not in inputs:
        raise SystemExit('deepforge.run_step: step {} (Output) needs --input data=PATH'.format(step['id']))
    with run.step(step['id']):
        source = inputs['data']
        serializer = serialization.for_path(source)
        target = serialization.file_name(join_inside(run.outputs_dir, step['save_name'], 'save_name'), serializer)
        os.makedirs(os.path.dirname(target) or '.', exist_ok=True)
        shutil.copyfile(source, target)
        sha256, size = sha256_file(target), os.path.getsize(target)
        stored = {}
        if store is not None:
            key = store.put_blob(target, sha256.replace('sha256:', ''), size)
            stored['location'] = {'adapter': 's3', 'bucket': store.bucket, 'key': store.prefix + key}
            os.remove(target)
        events.emit('artifact', step=step['id'], name=step['save_name'], path=target, format=serializer.name,
                    sha256=sha256, bytes=size, **stored)
    return {}


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m deepforge.run_step', description=__doc__.split('\n\n')[0])
    parser.add_argument('manifest', help='the manifest.json of the bundle')
    parser.add_argument('step', help='the id of the step to run (as in the manifest)')
    parser.add_argument('--input', action='append', default=[], metavar='PORT=PATH', help='an input of the step, as a file')
    parser.add_argument('--input-from', action='append', default=[], metavar='PORT=OUTPUT:DIR',
                        help='an input of the step: output OUTPUT of DIR/outputs.json (its producer\'s outputs dir)')
    parser.add_argument('--artifact', help='the artifact file of an Input step')
    parser.add_argument('--outputs-dir', required=True, help='where to write the outputs')
    parser.add_argument('--figures-dir', help='where to save figures (default: OUTPUTS_DIR/figures)')
    parser.add_argument('--seed', type=int, help='seed the random generators before the step (also DEEPFORGE_SEED)')
    parser.add_argument('--store-outputs', metavar='S3_FOLDER',
                        help='upload the outputs to the bucket (DEEPFORGE_S3) and S3_FOLDER/outputs.json, keeping no local copy')
    args = parser.parse_args(argv)
    inputs = parse_inputs(args.input, parser)
    inputs_dir = os.path.join(os.path.dirname(os.path.abspath(args.outputs_dir)), 'inputs')
    try:
        from_producers = resolve_inputs_from(args.input_from, parser, inputs_dir)
        store = None
        if args.store_outputs:
            store = S3Store.from_environment()
            if store is None:
                raise SystemExit('deepforge.run_step: --store-outputs needs DEEPFORGE_S3 (the storage settings)')
            store.key_of(args.store_outputs.rstrip('/') + '/outputs.json')
    except S3Error as error:
        sys.stderr.write('deepforge.run_step: {}\n'.format(error))
        return 2
    except SystemExit as unreadable:
        sys.stderr.write(str(unreadable.code) + '\n')
        return 2
    for port, path in from_producers.items():
        if port in inputs:
            parser.error('input {!r} given twice'.format(port))
        inputs[port] = path
    run = Run(os.path.dirname(os.path.abspath(args.manifest)), outputs_dir=args.outputs_dir,
              figures_dir=args.figures_dir, seed=args.seed)
    step = run.steps.get(args.step) or next((s for s in run.manifest['steps'] if s['python_name'] == args.step), None)
    if step is None:
        parser.error('no step {!r} in the manifest (steps: {})'.format(args.step, ', '.join(run.steps)))
    os.makedirs(run.outputs_dir, exist_ok=True)
    try:
        if step['kind'] == 'input':
            written = run_input(run, step, args.artifact)
        elif step['kind'] == 'output':
            written = run_output(run, step, inputs, store)
        else:
            written = run_operation(run, step, inputs)
    except StepFailed:
        return 1
    except SystemExit as usage:
        if isinstance(usage.code, str):
            sys.stderr.write(usage.code + '\n')
            return 2
        raise
    write_index(run.outputs_dir, step, written)
    if store is not None:
        try:
            upload_outputs(store, args.store_outputs, run.outputs_dir, step, written)
        except (S3Error, OSError) as error:
            sys.stderr.write('deepforge.run_step: the outputs of step {} could not be stored: {}\n'.format(step['id'], error))
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
