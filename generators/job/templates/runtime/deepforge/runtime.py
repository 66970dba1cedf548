"""Runs the steps of a job: status events, figure capture, outputs, artifacts.

``main.py`` uses a :class:`Run` to run every step in order, passing values in memory;
``python -m deepforge.run_step`` uses one to run a single step, with values in files.
"""
import contextlib
import hashlib
import importlib
import json
import numbers
import os
import random
import sys
import time
import traceback
import types

from . import events, figures, serialization
from .paths import join_inside

MANIFEST = 'manifest.json'


class StepFailed(Exception):
    """A step raised: the pipeline stops (the original exception is the cause)."""


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as infile:
        for chunk in iter(lambda: infile.read(1 << 20), b''):
            digest.update(chunk)
    return 'sha256:' + digest.hexdigest()


def write_index(folder, step, written):
    """``folder/outputs.json``: the step and, per output, its file (relative), format, hash and size."""
    with open(os.path.join(folder, 'outputs.json'), 'w', encoding='utf-8') as outfile:
        json.dump({'step': step['id'], 'outputs': written}, outfile, indent=2)


def load_manifest(path):
    with open(path, encoding='utf-8') as infile:
        manifest = json.load(infile)
    if manifest.get('format') != 'deepforge-job':
        raise ValueError('{} is not a DeepForge job manifest'.format(path))
    return manifest


def decode_value(value):
    """A manifest attribute value as Python: ``{"tuple": [...]}`` is a tuple, ``{"float": x}`` a float."""
    if isinstance(value, list):
        return [decode_value(item) for item in value]
    if isinstance(value, dict):
        if 'tuple' in value:
            return tuple(decode_value(item) for item in value['tuple'])
        if 'float' in value:
            return float(value['float'])
        raise ValueError('unknown encoded value {!r}'.format(value))
    return value


def seed_everything(seed):
    """Seeds Python's, numpy's and (when installed) Keras' random generators."""
    random.seed(seed)
    try:
        import numpy
        numpy.random.seed(seed)
    except ImportError:
        pass
    try:
        import keras
        keras.utils.set_random_seed(seed)
    except ImportError:
        pass


def is_scalar_metric(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Real):
        return True
    # numpy scalars and 0-d arrays
    shape = getattr(value, 'shape', None)
    dtype = getattr(value, 'dtype', None)
    return shape == () and dtype is not None and getattr(dtype, 'kind', '') in ('i', 'u', 'f')


class Run:
    """The running job: its manifest, folders and the step being run."""

    def __init__(self, bundle_dir, outputs_dir='outputs', figures_dir=None, seed=None, step_outputs_dir=None):
        self.bundle_dir = os.path.abspath(bundle_dir)
        self.manifest = load_manifest(os.path.join(self.bundle_dir, MANIFEST))
        self.steps = {step['id']: step for step in self.manifest['steps']}
        self.outputs_dir = outputs_dir
        self.figures_dir = figures_dir or os.path.join(outputs_dir, 'figures')
        if seed is None and os.environ.get('DEEPFORGE_SEED'):
            seed = int(os.environ['DEEPFORGE_SEED'])
        self.seed = seed
        self.step_outputs_dir = step_outputs_dir
        self.exit_code = 0
        self.finished = []
        self.failed = []
        self.current = None
        if self.bundle_dir not in sys.path:
            sys.path.insert(0, self.bundle_dir)
        figures.install(self.figures_dir)

    @classmethod
    def start(cls, main_file, args):
        """The run of ``main.py``: the bundle is the folder holding it."""
        return cls(os.path.dirname(os.path.abspath(main_file)), outputs_dir=args.outputs_dir,
                   figures_dir=args.figures_dir, seed=args.seed, step_outputs_dir=args.step_outputs)

    def bundled(self, relative):
        """A file shipped in the bundle (a static input)."""
        return join_inside(self.bundle_dir, relative, 'bundled file')

    # -- the pipeline and its steps ---------------------------------------------------

    @contextlib.contextmanager
    def pipeline(self):
        """Reports the pipeline's start and end; a failing step ends it (exit code 1)."""
        started = time.perf_counter()
        events.emit('pipeline', pipeline=self.manifest['pipeline'], status='running',
                    steps=[step['id'] for step in self.manifest['steps']])
        try:
            yield self
        except StepFailed as failure:
            self.exit_code = 1
            for step in self.manifest['steps']:
                if step['id'] not in self.finished and step['id'] not in self.failed:
                    events.emit('step', step=step['id'], operation=step['operation'], status='cancelled')
            events.emit('pipeline', pipeline=self.manifest['pipeline'], status='failed',
                        seconds=round(time.perf_counter() - started, 3), error=str(failure.__cause__ or failure))
            return
        events.emit('pipeline', pipeline=self.manifest['pipeline'], status='succeeded',
                    seconds=round(time.perf_counter() - started, 3))

    @contextlib.contextmanager
    def step(self, step_id):
        """Runs the body as step ``step_id``: status events, seeding, figure capture."""
        step = self.steps[step_id]
        self.current = step_id
        events.set_current_step(step_id)
        events.emit('step', step=step_id, operation=step['operation'], status='running')
        started = time.perf_counter()
        if self.seed is not None and step['kind'] == 'operation':
            seed_everything(self.seed)
        try:
            yield step
            figures.discard()  # figures that were never shown are not captured (only plt.show() captures)
        except Exception as error:
            self.failed.append(step_id)
            figures.discard()
            sys.stdout.flush()
            trace = traceback.format_exc()
            sys.stderr.write(trace)
            sys.stderr.flush()
            events.emit('step', step=step_id, operation=step['operation'], status='failed',
                        seconds=round(time.perf_counter() - started, 3),
                        error='{}: {}'.format(type(error).__name__, error), traceback=trace)
            raise StepFailed('step {} ({}) failed: {}: {}'.format(step_id, step['operation'], type(error).__name__, error)) from error
        finally:
            events.set_current_step(None)
            self.current = None
        self.finished.append(step_id)
        events.emit('step', step=step_id, operation=step['operation'], status='succeeded',
                    seconds=round(time.perf_counter() - started, 3))

    def outputs(self, result):
        """The running step's outputs (``outputs.model``), from what ``execute`` returned.

        One declared output: the value itself. Several: a tuple (or list) of that length, in
        declared order. None: ``execute`` returns nothing. Numeric scalars are reported as
        metrics named like the output.
        """
        step = self.steps[self.current]
        names = step['outputs']
        if len(names) == 0:
            if result is not None:
                raise TypeError('{}.execute declares no outputs but returned a {}'.format(
                    step['operation'], type(result).__name__))
            values = ()
        elif len(names) == 1:
            values = (result,)
        else:
            if not isinstance(result, (tuple, list)) or len(result) != len(names):
                got = len(result) if isinstance(result, (tuple, list)) else 'a single value'
                raise TypeError('{}.execute must return {} values ({}), returned {}'.format(
                    step['operation'], len(names), ', '.join(names), got))
            values = tuple(result)
        outputs = dict(zip(names, values))
        for name, value in outputs.items():
            if is_scalar_metric(value):
                integral = isinstance(value, numbers.Integral) or getattr(getattr(value, 'dtype', None), 'kind', '') in ('i', 'u')
                events.metric(name, int(value) if integral else float(value))
        if self.step_outputs_dir:
            self.write_outputs(step, outputs, os.path.join(self.step_outputs_dir, step['python_name']))
        return types.SimpleNamespace(**outputs)

    def write_outputs(self, step, outputs, folder):
        """Serializes a step's outputs to ``folder/<output><extension>`` with an ``outputs.json`` index."""
        os.makedirs(folder, exist_ok=True)
        written = {}
        for port, value in outputs.items():
            path, serializer = serialization.dump(value, os.path.join(folder, port))
            self.record_output(step, port, path, serializer, folder, written)
        write_index(folder, step, written)
        return written

    def record_output(self, step, port, path, serializer, folder, written):
        entry = {'path': os.path.relpath(path, folder).replace(os.sep, '/'), 'format': serializer.name,
                 'sha256': sha256_file(path), 'bytes': os.path.getsize(path)}
        written[port] = entry
        events.emit('output', step=step['id'], port=port, path=path, format=serializer.name,
                    sha256=entry['sha256'], bytes=entry['bytes'])

    # -- built-in steps -----------------------------------------------------------------

    def load_input(self, path):
        """``Input``: reads the artifact file of the running step (format by extension)."""
        if not os.path.isfile(path):
            raise FileNotFoundError('the input artifact {!r} of step {} does not exist'.format(path, self.current))
        value = serialization.load(path)
        if self.step_outputs_dir:
            self.write_outputs(self.steps[self.current], {'data': value}, os.path.join(self.step_outputs_dir, self.steps[self.current]['python_name']))
        return types.SimpleNamespace(data=value)

    def save_artifact(self, value, save_name):
        """``Output``: writes ``value`` to the outputs folder under ``save_name`` (+ its extension)."""
        base = join_inside(self.outputs_dir, save_name, 'save_name')
        path, serializer = serialization.dump(value, base)
        events.emit('artifact', step=self.current, name=save_name, path=path, format=serializer.name,
                    sha256=sha256_file(path), bytes=os.path.getsize(path))
        return path

    # -- generic operation steps (run_step) ---------------------------------------------

    def operation_class(self, step):
        module = importlib.import_module(step['module'])
        return getattr(module, step['class'])

    def build_reference(self, reference):
        module = importlib.import_module(reference['module'])
        return getattr(module, reference['function'])()

    def construct(self, step):
        """The step's operation, constructed with its attributes and references (built models)."""
        arguments = {name: decode_value(value) for name, value in step['attributes'].items()}
        for name, reference in step['references'].items():
            arguments[name] = self.build_reference(reference)
        return self.operation_class(step)(**arguments)
