"""Runs the Python operations of the example projects by hand, with real Keras.

Until DeepForge's runtime generates a job bundle from a `.dfp` pipeline, this driver does
what the runtime will do, step by step and in topological order: it imports each
operation's module from the example's `operations/` folder, constructs the class named
like the operation with the step's attributes and references (a reference to a network
is the built Keras model), calls `execute` with the step's inputs, and checks that the
returned values match the operation's declared outputs (a tuple in declared order, a
single value, or nothing). Figures shown with `plt.show()` are captured as PNG files, as
the runtime does.

Usage (KERAS_BACKEND defaults to jax):
    python test/examples/run_operations.py digits [--epochs N] [--figures DIR]
    python test/examples/run_operations.py digits --graph GRAPH.json   # as digits.dfp wires it
    python test/examples/run_operations.py redshift [--figures DIR]
    python test/examples/run_operations.py cifar [--figures DIR]
The last line printed is `RESULT <json>`.
"""
import argparse
import importlib.util
import json
import re
import os
import sys
import tempfile
import time

os.environ.setdefault('KERAS_BACKEND', 'jax')
os.environ.setdefault('MPLBACKEND', 'Agg')

import matplotlib  # noqa: E402

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
EXAMPLES = os.path.join(ROOT, 'examples')


class Runtime:
    """A minimal stand-in for the DeepForge runtime: runs steps, captures figures."""

    def __init__(self, example, figures_dir):
        self.example = example
        self.figures_dir = figures_dir
        self.figures = []
        self.steps = []
        self.current = None
        plt.switch_backend('Agg')

        def show(*args, **kwargs):
            self.show()
        plt.show = show               # the operations call plt.show(): capture the figures

    def show(self):
        for number in plt.get_fignums():
            figure = plt.figure(number)
            path = os.path.join(self.figures_dir, '{}-{}.png'.format(self.current, len(self.figures)))
            figure.savefig(path)
            self.figures.append({'step': self.current, 'path': path})
        plt.close('all')

    def load(self, module_file, class_name):
        path = os.path.join(EXAMPLES, self.example, 'operations', module_file)
        spec = importlib.util.spec_from_file_location('{}_{}'.format(self.example, module_file[:-3]), path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return getattr(module, class_name)

    def run(self, step, module_file, class_name, outputs, attributes=None, inputs=None):
        """Runs one step; returns its outputs by name."""
        self.current = step
        cls = self.load(module_file, class_name)
        start = time.perf_counter()
        operation = cls(**(attributes or {}))
        result = operation.execute(**(inputs or {}))
        seconds = time.perf_counter() - start
        if len(outputs) == 0:
            if result is not None:
                raise AssertionError('{}: declares no outputs but returned {!r}'.format(class_name, type(result)))
            values = ()
        elif len(outputs) == 1:
            values = (result,)
        else:
            if not isinstance(result, tuple) or len(result) != len(outputs):
                raise AssertionError('{}: declares {} outputs, returned {}'.format(
                    class_name, len(outputs), len(result) if isinstance(result, tuple) else 1))
            values = result
        self.steps.append({'step': step, 'operation': class_name, 'seconds': round(seconds, 3)})
        print('[{}] {} done in {:.2f} s'.format(step, class_name, seconds), flush=True)
        return dict(zip(outputs, values))


def operation_modules(dfp_path):
    """Operation name -> code file, read from the `code "…"` line of each declaration."""
    text = open(dfp_path, encoding='utf-8').read()
    modules = {}
    for match in re.finditer(r'^operation\s+(\w+)[^{]*\{(.*?)^\}', text, re.S | re.M):
        code = re.search(r'^\s*code\s+"([^"]+)"', match.group(2), re.M)
        if code:
            modules[match.group(1)] = code.group(1)
    return modules


def run_pipeline(rt, graph, pipeline, dfp_path, networks, artifacts_dir):
    """Runs a pipeline as `deepforge graph --format json` lists it: the steps in execution
    order, attributes and references from the step's arguments (a network reference is the
    Keras model `networks[name]()` builds), inputs from the wired outputs. Built-ins:
    `Output(save_name=…)` saves its input in `artifacts_dir`; `Input` is not supported here."""
    import keras
    modules = operation_modules(dfp_path)
    spec = next(p for p in graph['pipelines'] if p['name'] == pipeline)
    values = {}
    saved = {}
    for step in spec['steps']:
        name = step.get('name') or step['operation']      # an unnamed sink: by its operation
        inputs = {i['port']: values[(i['step'], i['output'])] for i in step['inputs']}
        arguments = {}
        for argument in step['arguments']:
            if 'reference' in argument:
                arguments[argument['name']] = networks[argument['reference']['target']]()
            else:
                arguments[argument['name']] = argument['value']
        if step['operation'] == 'Output':
            path = os.path.join(artifacts_dir, arguments['save_name'] + '.keras')
            inputs['data'].save(path)
            saved[arguments['save_name']] = path
            continue
        if step['operation'] == 'Input':
            raise NotImplementedError('Input steps need an artifact store')
        outputs = rt.run(name, os.path.basename(modules[step['operation']]), step['operation'],
                         step['outputs'], attributes=arguments, inputs=inputs)
        for output, value in outputs.items():
            values[(name, output)] = value
    return values, saved


def layer_rows(model):
    """Name, class, output shape and parameter count of each layer (as `deepforge summary`)."""
    rows = []
    for layer in model.layers:
        shape = tuple(layer.output.shape)
        rows.append({'name': layer.name, 'type': type(layer).__name__,
                     'outputShape': '(' + ', '.join('None' if d is None else str(d) for d in shape) + (',)' if len(shape) == 1 else ')'),
                     'params': int(layer.count_params())})
    return rows


def digits_cnn():
    """The network of examples/digits/cnn.dfnn, written by hand in Keras (same layer names)."""
    import keras
    from keras import layers
    image = keras.Input(shape=(8, 8, 1), name='image')
    conv1 = layers.Conv2D(16, (3, 3), padding='same', activation='relu', name='conv1')(image)
    conv2 = layers.Conv2D(32, (3, 3), padding='same', activation='relu', name='conv2')(conv1)
    pool = layers.MaxPooling2D((2, 2), name='pool')(conv2)
    flat = layers.Flatten(name='flat')(pool)
    hidden = layers.Dense(64, activation='relu', name='hidden')(flat)
    drop = layers.Dropout(0.25, name='drop')(hidden)
    probs = layers.Dense(10, activation='softmax', name='probs')(drop)
    return keras.Model(image, probs, name='DigitsCNN')


def run_digits_from_graph(rt, args):
    """The DigitsClassifier pipeline as the checker reads digits.dfp (`deepforge graph
    --format json`): order, wiring and attributes come from the .dfp file itself."""
    import keras
    keras.utils.set_random_seed(0)
    graph = json.load(open(args.graph, encoding='utf-8'))
    models = []

    def network():
        models.append(digits_cnn())
        return models[-1]
    values, saved = run_pipeline(rt, graph, 'DigitsClassifier', os.path.join(EXAMPLES, 'digits', 'digits.dfp'),
                                 {'DigitsCNN': network}, rt.figures_dir)
    split = {k[1]: v for k, v in values.items() if k[0] == 'split'}
    reloaded = keras.models.load_model(saved['digits-cnn'])
    trained = values[('trained', 'model')]
    same = np.allclose(reloaded.predict(split['test_images'][:8], verbose=0),
                       trained.predict(split['test_images'][:8], verbose=0), atol=1e-5)
    accuracy = next(v for k, v in values.items() if k[1] == 'accuracy')
    return {
        'accuracy': accuracy,
        'train': int(split['train_images'].shape[0]),
        'test': int(split['test_images'].shape[0]),
        'layers': layer_rows(models[0]),
        'params': int(models[0].count_params()),
        'saved_model_reloads': bool(same),
        'saved': sorted(saved),
    }


def run_digits(rt, args):
    """The DigitsClassifier pipeline of examples/digits/digits.dfp, chained by hand."""
    import keras
    if args.graph:
        return run_digits_from_graph(rt, args)
    keras.utils.set_random_seed(0)
    digits = rt.run('digits', 'load_digits.py', 'LoadDigits', ['images', 'labels'])
    assert digits['images'].shape == (1797, 8, 8, 1) and digits['images'].dtype == np.float32
    assert 0.0 <= digits['images'].min() and digits['images'].max() <= 1.0
    split = rt.run('split', 'split_data.py', 'SplitData',
                   ['train_images', 'train_labels', 'test_images', 'test_labels'],
                   attributes={'test_size': 0.2, 'seed': 0},
                   inputs={'images': digits['images'], 'labels': digits['labels']})
    model = digits_cnn()
    trained = rt.run('trained', 'train_digits.py', 'TrainDigits', ['model'],
                     attributes={'architecture': model, 'epochs': args.epochs, 'batch_size': 32},
                     inputs={'images': split['train_images'], 'labels': split['train_labels']})
    preds = rt.run('preds', 'predict_digits.py', 'PredictDigits', ['pred_labels'],
                   inputs={'images': split['test_images'], 'model': trained['model']})
    evaluation = rt.run('EvalDigits', 'eval_digits.py', 'EvalDigits', ['accuracy'],
                        inputs={'pred_labels': preds['pred_labels'], 'true_labels': split['test_labels']})
    # Output(save_name="digits-cnn")(trained.model): save the model as the store would.
    saved = os.path.join(rt.figures_dir, 'digits-cnn.keras')
    trained['model'].save(saved)
    reloaded = keras.models.load_model(saved)
    same = np.allclose(reloaded.predict(split['test_images'][:8], verbose=0),
                       trained['model'].predict(split['test_images'][:8], verbose=0), atol=1e-5)
    return {
        'accuracy': evaluation['accuracy'],
        'train': int(split['train_images'].shape[0]),
        'test': int(split['test_images'].shape[0]),
        'layers': layer_rows(model),
        'params': int(model.count_params()),
        'saved_model_reloads': bool(same),
    }


def run_redshift(rt, args):
    """SyntheticRedshiftEstimator of examples/redshift/redshift.dfp, on tiny N with a tiny
    network (the real one, RedshiftInception, is too large for a unit test on 2 cores)."""
    import keras
    from keras import layers
    keras.utils.set_random_seed(0)
    data = rt.run('data', 'make_synthetic_redshift_data.py', 'MakeSyntheticRedshiftData',
                  ['train_images', 'train_labels', 'test_images', 'test_labels'],
                  attributes={'num_train': 48, 'num_test': 16, 'seed': 0})
    for key, n in (('train', 48), ('test', 16)):
        images, labels = data[key + '_images'], data[key + '_labels']
        assert images.shape == (n, 64, 64, 5) and images.dtype == np.float32, images.shape
        assert labels.shape == (n,) and labels.min() >= 0.0 and labels.max() < 0.4, labels
    image = keras.Input(shape=(64, 64, 5))
    x = layers.Conv2D(8, (5, 5), strides=(4, 4), activation='relu')(image)
    x = layers.GlobalAveragePooling2D()(x)
    bins = layers.Dense(180, activation='softmax')(x)
    tiny = keras.Model(image, bins, name='TinyRedshift')
    trained = rt.run('trained', 'train_redshift.py', 'TrainRedshift', ['model'],
                     attributes={'architecture': tiny, 'epochs': 2, 'batch_size': 16},
                     inputs={'images': data['train_images'], 'labels': data['train_labels']})
    preds = rt.run('preds', 'predict_redshift.py', 'PredictRedshift', ['pdfs', 'labels'],
                   inputs={'images': data['test_images'], 'model': trained['model']})
    assert preds['pdfs'].shape == (16, 180)
    assert preds['labels'].shape == (16,) and (preds['labels'] >= 0).all() and (preds['labels'] < 0.4).all()
    rt.run('EvalRedshift', 'eval_redshift.py', 'EvalRedshift', [],
           inputs={'gt': data['test_labels'], 'pt': preds['labels']})
    rt.run('PdfVisRedshift', 'pdf_vis_redshift.py', 'PdfVisRedshift', [],
           attributes={'num_images': 9},
           inputs={'gt': data['test_labels'], 'pt': preds['labels'], 'pdfs': preds['pdfs']})
    # The bins of TrainRedshift.to_categorical: [0, 0.4) into 180 bins.
    train_cls = rt.load('train_redshift.py', 'TrainRedshift')(tiny)
    cats = train_cls.to_categorical(np.array([0.0, 0.12, 0.3999, 0.4]))
    return {'bins': [int(c) for c in cats], 'pdfs_shape': list(preds['pdfs'].shape),
            'label_range': [float(data['train_labels'].min()), float(data['train_labels'].max())]}


def run_cifar(rt, args):
    """Cifar10Classifier of examples/cifar10/cifar10.dfp on random CIFAR-shaped data with a
    tiny network: GetCifarData downloads CIFAR-10, which cannot happen offline, so it is
    only imported."""
    import keras
    from keras import layers
    keras.utils.set_random_seed(0)
    get_data = rt.load('get_cifar_data.py', 'GetCifarData')
    assert callable(get_data().execute)
    rng = np.random.default_rng(0)
    train_images = rng.random((40, 32, 32, 3), dtype=np.float32)
    train_labels = rng.integers(0, 10, size=(40, 1))       # (N, 1), as cifar10.load_data()
    test_images = rng.random((20, 32, 32, 3), dtype=np.float32)
    test_labels = rng.integers(0, 10, size=(20, 1))
    image = keras.Input(shape=(32, 32, 3))
    x = layers.Conv2D(4, (3, 3), activation='relu')(image)
    x = layers.GlobalAveragePooling2D()(x)
    probs = layers.Dense(10, activation='softmax')(x)
    tiny = keras.Model(image, probs, name='TinyCifar')
    trained = rt.run('trained', 'train_cifar.py', 'TrainCifar', ['model'],
                     attributes={'architecture': tiny, 'epochs': 1, 'batch_size': 20},
                     inputs={'images': train_images, 'labels': train_labels})
    preds = rt.run('preds', 'predict_cifar.py', 'PredictCifar', ['pred_labels'],
                   inputs={'images': test_images, 'model': trained['model']})
    assert preds['pred_labels'].shape == (20,)
    rt.run('EvalCifar', 'eval_cifar.py', 'EvalCifar', [],
           inputs={'pred_labels': preds['pred_labels'], 'true_labels': test_labels})
    rt.run('ViewCifar', 'view_cifar.py', 'ViewCifar', [],
           attributes={'num_images': 16},
           inputs={'pred_labels': preds['pred_labels'], 'true_labels': test_labels, 'images': test_images})
    return {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('example', choices=['digits', 'redshift', 'cifar'])
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--figures', default=None)
    parser.add_argument('--graph', default=None,
                        help='digits: run the pipeline from `deepforge graph --format json examples/digits/digits.dfp` output')
    args = parser.parse_args()
    start = time.perf_counter()
    figures_dir = args.figures or tempfile.mkdtemp(prefix='deepforge-figures-')
    os.makedirs(figures_dir, exist_ok=True)
    example = {'digits': 'digits', 'redshift': 'redshift', 'cifar': 'cifar10'}[args.example]
    rt = Runtime(example, figures_dir)
    result = {'digits': run_digits, 'redshift': run_redshift, 'cifar': run_cifar}[args.example](rt, args)
    result.update({
        'example': example,
        'steps': rt.steps,
        'figures': [{'step': f['step'], 'path': f['path'], 'bytes': os.path.getsize(f['path'])} for f in rt.figures],
        'seconds': round(time.perf_counter() - start, 2),
    })
    print('RESULT ' + json.dumps(result), flush=True)


if __name__ == '__main__':
    sys.exit(main())
