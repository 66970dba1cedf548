#!/usr/bin/env python3
"""Generates the Keras layer catalogue (catalogue.json) from the installed Keras 3.

Run with the project venv: `KERAS_BACKEND=numpy .venv/bin/python metamodel/keras/introspect_keras.py`
(or `npm run catalogue`). It introspects `keras.layers`: every exported layer class, its
constructor arguments in order with their defaults, the names it is exported under
(aliases), a one-line doc and the Keras module it lives in. It also lists the helper
objects (initializers, regularizers, constraints) and activation names that layer
arguments accept, and the arguments every layer takes through `**kwargs`.

The output is deterministic (sorted), so a regenerated catalogue diffs cleanly.
"""
import inspect
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "numpy")

import keras  # noqa: E402
from keras.src.layers.layer import Layer  # noqa: E402

# Layers that hold code rather than configuration: they cannot be described in a .dfnn file.
UNSUPPORTED = {
    "JaxLayer": "wraps JAX code; not expressible in a .dfnn file",
    "FlaxLayer": "wraps a Flax module; not expressible in a .dfnn file",
    "TFSMLayer": "reloads a TensorFlow SavedModel; not expressible in a .dfnn file",
    "TorchModuleWrapper": "wraps a torch.nn.Module; not expressible in a .dfnn file",
    "Lambda": "holds Python code; write the computation as a pipeline operation or a custom layer in Python",
}
# Abstract bases: exported, but not usable as layers of a model.
ABSTRACT = {"Layer", "Wrapper"}

MISSING = object()


def literal(value):
    """A JSON form of a Python default; non-literal defaults become {"repr": ...}."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return {"repr": repr(value)}
        return value
    if isinstance(value, (tuple, list)):
        items = [literal(v) for v in value]
        return items if isinstance(value, tuple) else {"list": items}
    if isinstance(value, dict):
        return {"repr": repr(value)}
    return {"repr": repr(value)}


def arguments(fn, skip_self=True):
    args = []
    takes_kwargs = False
    for param in inspect.signature(fn).parameters.values():
        if skip_self and param.name == "self":
            continue
        if param.kind == param.VAR_KEYWORD:
            takes_kwargs = True
            continue
        if param.kind == param.VAR_POSITIONAL:
            continue
        entry = {"name": param.name}
        if param.default is param.empty:
            entry["required"] = True
        else:
            entry["default"] = literal(param.default)
        if param.kind == param.KEYWORD_ONLY:
            entry["keywordOnly"] = True
        args.append(entry)
    return args, takes_kwargs


def one_line_doc(obj):
    doc = inspect.getdoc(obj) or ""
    lines = []
    for line in doc.strip().splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return " ".join(lines)


def group_of(cls):
    parts = cls.__module__.split(".")
    # keras.src.layers.<group>.<module>
    if len(parts) >= 4 and parts[1] == "src" and parts[2] == "layers":
        return parts[3]
    return parts[-2] if len(parts) > 1 else parts[0]


def forwarded_arguments(cls, own):
    """Arguments a layer accepts through `**kwargs` because a base class it forwards them to
    takes them by name (the image preprocessing layers' `data_format`, `bounding_box_format`)."""
    try:
        from keras.src.layers.preprocessing.image_preprocessing.base_image_preprocessing_layer import (
            BaseImagePreprocessingLayer,
        )
    except ImportError:  # older Keras
        return []
    if not issubclass(cls, BaseImagePreprocessingLayer):
        return []
    base_args, _ = arguments(BaseImagePreprocessingLayer.__init__)
    names = {a["name"] for a in own}
    # `factor` is validated per layer (and rejected by some), so only the format arguments are forwarded.
    return [dict(a, keywordOnly=True) for a in base_args
            if a["name"] in ("data_format", "bounding_box_format") and a["name"] not in names]


def layer_classes():
    by_class = {}
    for name in sorted(dir(keras.layers)):
        if name.startswith("_"):
            continue
        obj = getattr(keras.layers, name)
        if inspect.isclass(obj) and issubclass(obj, Layer):
            by_class.setdefault(obj, []).append(name)
    return by_class


def helper_names(module, base):
    """Classes and functions of a helper module (initializers, …) that layer arguments accept."""
    names = {}
    for name in sorted(dir(module)):
        if name.startswith("_") or name in ("get", "serialize", "deserialize"):
            continue
        obj = getattr(module, name)
        if inspect.isclass(obj):
            if obj is base:
                continue
            try:
                args, _ = arguments(obj.__init__)
            except (TypeError, ValueError):
                args = []
            names[name] = {"kind": "class", "args": args, "doc": one_line_doc(obj)}
        elif callable(obj):
            try:
                args, _ = arguments(obj, skip_self=False)
            except (TypeError, ValueError):
                args = []
            names[name] = {"kind": "function", "args": args, "doc": one_line_doc(obj)}
    return names


def main():
    layers = []
    for cls, names in layer_classes().items():
        canonical = cls.__name__ if cls.__name__ in names else names[0]
        args, takes_kwargs = arguments(cls.__init__)
        if takes_kwargs:
            args += forwarded_arguments(cls, args)
        entry = {
            "name": canonical,
            "aliases": sorted(n for n in names if n != canonical),
            "module": cls.__module__,
            "group": group_of(cls),
            "doc": one_line_doc(cls),
            "args": args,
            "kwargs": takes_kwargs,
            "bases": [b.__name__ for b in cls.__mro__[1:] if issubclass(b, Layer) and b is not Layer][:3],
        }
        if canonical in UNSUPPORTED:
            entry["unsupported"] = UNSUPPORTED[canonical]
        if canonical in ABSTRACT:
            entry["abstract"] = True
        layers.append(entry)
    layers.sort(key=lambda e: e["name"])

    base_args, _ = arguments(Layer.__init__)
    # Layer.__init__ also pops these from **kwargs (with a warning).
    base_args += [{"name": "input_shape", "default": None, "keywordOnly": True},
                  {"name": "input_dim", "default": None, "keywordOnly": True}]
    input_args, _ = arguments(keras.Input, skip_self=False)

    activations = sorted(n for n in dir(keras.activations)
                         if not n.startswith("_") and n not in ("get", "serialize", "deserialize")
                         and callable(getattr(keras.activations, n)))

    catalogue = {
        "keras": keras.__version__,
        "generator": "metamodel/keras/introspect_keras.py",
        "baseArguments": base_args,
        "input": {"name": "Input", "doc": one_line_doc(keras.Input), "args": input_args},
        "layers": layers,
        "helpers": {
            "initializer": helper_names(keras.initializers, keras.initializers.Initializer),
            "regularizer": helper_names(keras.regularizers, keras.regularizers.Regularizer),
            "constraint": helper_names(keras.constraints, keras.constraints.Constraint),
        },
        "activations": activations,
    }
    json.dump(catalogue, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
