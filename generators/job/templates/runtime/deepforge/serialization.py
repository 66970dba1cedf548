"""How values become files and files values again.

A serializer has a ``name`` (recorded in events and output indexes), the types it handles,
a file extension, and a pair of functions. Lookup for a value: the serializers registered
with :func:`register` (latest first), then the built-ins -- Keras models (``.keras``, via
``model.save``/``keras.models.load_model``), numpy arrays of plain dtypes (``.npy``) -- and
pickle (``.pkl``) for everything else. Lookup for a file: by its extension; an unknown
extension is read as a pickle (as DeepForge treats artifacts without a data type).

    import deepforge

    def dump(table, outfile):          # like pickle.dump(obj, file)
        outfile.write(table.to_csv().encode('utf-8'))

    def load(infile):                  # like pickle.load(file)
        return pandas.read_csv(infile, index_col=0)

    deepforge.register(pandas.DataFrame, dump, load, extension='.csv')

Register at the top level of an operation's module: the runtime imports the module that
produced a value before reading it back in another step.
"""
import os
import pickle
import sys


class Serializer:
    """``dump(value, path)`` writes a file, ``load(path)`` reads it back."""

    def __init__(self, name, extension, dump, load, accepts):
        self.name = name
        self.extension = extension
        self.dump = dump
        self.load = load
        self.accepts = accepts

    def __repr__(self):
        return 'Serializer({!r}, {!r})'.format(self.name, self.extension)


_registered = []


def register(type_, dump, load, extension=None, name=None):
    """Registers a serialization for values of ``type_`` (a class or a tuple of classes).

    ``dump(value, outfile)`` and ``load(infile)`` take binary file objects, like pickle's.
    ``extension`` (default: ``.`` + the class name, lower case) names the files; ``name``
    (default: the qualified class name) is what events report as the format.
    """
    types = type_ if isinstance(type_, tuple) else (type_,)
    first = types[0]
    if extension is None:
        extension = '.' + first.__name__.lower()
    if not extension.startswith('.'):
        extension = '.' + extension
    if name is None:
        name = '{}.{}'.format(first.__module__, first.__qualname__)

    def dump_path(value, path):
        with open(path, 'wb') as outfile:
            dump(value, outfile)

    def load_path(path):
        with open(path, 'rb') as infile:
            return load(infile)

    serializer = Serializer(name, extension, dump_path, load_path, lambda value: isinstance(value, types))
    # A later registration for the same name replaces the earlier one.
    _registered[:] = [s for s in _registered if s.name != name]
    _registered.insert(0, serializer)
    return serializer


def _is_keras_model(value):
    if 'keras' not in sys.modules:  # a model exists only if keras was imported
        return False
    import keras
    return isinstance(value, keras.Model)


def _keras_dump(value, path):
    value.save(path)


def _keras_load(path):
    import keras
    return keras.models.load_model(path)


def _is_plain_ndarray(value):
    if 'numpy' not in sys.modules:
        return False
    import numpy
    return type(value) is numpy.ndarray and not value.dtype.hasobject


def _numpy_dump(value, path):
    import numpy
    with open(path, 'wb') as outfile:
        numpy.save(outfile, value, allow_pickle=False)


def _numpy_load(path):
    import numpy
    return numpy.load(path, allow_pickle=False)


def _pickle_dump(value, path):
    with open(path, 'wb') as outfile:
        pickle.dump(value, outfile, protocol=pickle.HIGHEST_PROTOCOL)


def _pickle_load(path):
    with open(path, 'rb') as infile:
        return pickle.load(infile)


KERAS = Serializer('keras', '.keras', _keras_dump, _keras_load, _is_keras_model)
NUMPY = Serializer('numpy', '.npy', _numpy_dump, _numpy_load, _is_plain_ndarray)
PICKLE = Serializer('pickle', '.pkl', _pickle_dump, _pickle_load, lambda value: True)
BUILTINS = (KERAS, NUMPY)


def serializers():
    """Every serializer, in lookup order."""
    return list(_registered) + list(BUILTINS) + [PICKLE]


def for_value(value):
    for serializer in serializers():
        if serializer.accepts(value):
            return serializer
    return PICKLE


def by_name(name):
    for serializer in serializers():
        if serializer.name == name:
            return serializer
    raise KeyError('no serializer named {!r} (known: {})'.format(name, ', '.join(s.name for s in serializers())))


def for_path(path):
    """The serializer whose extension ``path`` has (the longest match); pickle otherwise."""
    lower = path.lower()
    matches = [s for s in serializers() if lower.endswith(s.extension.lower())]
    if not matches:
        return PICKLE
    return max(matches, key=lambda s: len(s.extension))


def file_name(base, serializer):
    """``base`` with the serializer's extension, unless it already ends with it."""
    return base if base.lower().endswith(serializer.extension.lower()) else base + serializer.extension


def dump(value, base_path):
    """Writes ``value`` to ``base_path`` + the extension of its serializer. Returns (path, serializer)."""
    serializer = for_value(value)
    path = file_name(base_path, serializer)
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    serializer.dump(value, path)
    return path, serializer


def load(path, format=None):
    """Reads a file written by :func:`dump` (``format``: a serializer name, else by extension)."""
    serializer = by_name(format) if format else for_path(path)
    return serializer.load(path)
