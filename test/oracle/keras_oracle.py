#!/usr/bin/env python3
"""The Keras oracle: builds models with real Keras 3 and reports what Keras computes.

Reads a JSON request on stdin: {"layers": [LayerCase…], "models": [ModelSpec…]} and writes
{"layers": [Result…], "models": [ModelResult…]} on stdout.

LayerCase: {"id", "layer", "args": [...], "kwargs": {...}, "inputs": [shape…],
            "batch_size"?: int, "dtypes"?: [str…], "call"?: "single"|"list"|"positional"}
  - shapes exclude the batch axis; JSON arrays are Python tuples, {"list": [...]} a list,
    {"call": name, "args": [...], "kwargs": {...}} a nested layer or a helper object.
Result: {"id", "outputs": [[dim…]…], "trainable", "non_trainable"} or {"id", "error", "stage"}.

ModelSpec: {"id", "application": "VGG16", "kwargs": {...}} — a keras.applications model —,
{"id", "reference": "cifar10_vgg"} — a function of reference_models.py — or
{"id", "json": "<Keras model JSON>"}. ModelResult lists every layer in the model's
canonical order (depth-first from the outputs, inputs in call order) with its class,
name, output shapes and weight counts, and the model totals.
"""
import inspect
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "numpy")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import keras  # noqa: E402

HELPER_MODULES = [keras.initializers, keras.regularizers, keras.constraints, keras.activations]


def to_python(value):
    if isinstance(value, list):
        return tuple(to_python(v) for v in value)
    if isinstance(value, dict):
        if "list" in value:
            return [to_python(v) for v in value["list"]]
        if "call" in value:
            return build_call(value)
        return {k: to_python(v) for k, v in value.items()}
    return value


def build_call(call):
    name = call["call"]
    args = [to_python(a) for a in call.get("args", [])]
    kwargs = {k: to_python(v) for k, v in call.get("kwargs", {}).items()}
    if hasattr(keras.layers, name):
        return getattr(keras.layers, name)(*args, **kwargs)
    for module in HELPER_MODULES:
        if hasattr(module, name):
            return getattr(module, name)(*args, **kwargs)
    raise ValueError(f"unknown callable {name}")


def shape_list(shape):
    return [None if d is None else int(d) for d in shape]


def outputs_of(out):
    if isinstance(out, (list, tuple)):
        result = []
        for o in out:
            result.extend(outputs_of(o))
        return result
    if isinstance(out, dict):
        result = []
        for k in sorted(out):
            result.extend(outputs_of(out[k]))
        return result
    return [shape_list(out.shape)]


def weight_counts(layer):
    trainable = sum(int(np.prod(w.shape)) for w in layer.trainable_weights)
    non_trainable = sum(int(np.prod(w.shape)) for w in layer.non_trainable_weights)
    return trainable, non_trainable


def call_layer(layer, tensors, style):
    if style is None:
        if len(tensors) == 1:
            style = "single"
        else:
            params = [p for p in inspect.signature(layer.call).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            style = "list" if params and params[0].name in ("inputs", "x") else "positional"
    if style == "single":
        return layer(tensors[0])
    if style == "list":
        return layer(list(tensors))
    return layer(*tensors)


def run_layer_case(case):
    stage = "construct"
    try:
        args = [to_python(a) for a in case.get("args", [])]
        kwargs = {k: to_python(v) for k, v in case.get("kwargs", {}).items()}
        layer = getattr(keras.layers, case["layer"])(*args, **kwargs)
        stage = "call"
        dtypes = case.get("dtypes") or [None] * len(case["inputs"])
        tensors = [keras.Input(shape=tuple(s), batch_size=case.get("batch_size"), dtype=dt)
                   for s, dt in zip(case["inputs"], dtypes)]
        # A layer with no inputs (InputLayer) is its own output.
        out = call_layer(layer, tensors, case.get("call")) if tensors else layer.output
        trainable, non_trainable = weight_counts(layer)
        return {"id": case["id"], "outputs": outputs_of(out), "trainable": trainable, "non_trainable": non_trainable}
    except Exception as error:  # Keras raises ValueError, TypeError, NotImplementedError, …
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return {"id": case["id"], "error": f"{type(error).__name__}: {message}"[:500], "stage": stage}


def canonical_layers(model):
    """Layers in a canonical order: depth-first post-order from the outputs, inputs in call order.

    Two models with the same topology list their layers in the same order, whatever their
    names, so a .dfnn model can be compared layer by layer with a keras.applications one.
    """
    seen = set()
    order = []

    def visit(tensor):
        history = tensor._keras_history
        layer, node_index = history.operation, history.node_index
        key = (id(layer), node_index)
        if key in seen:
            return
        seen.add(key)
        node = layer._inbound_nodes[node_index]
        for t in node.input_tensors:
            visit(t)
        order.append((layer, node))

    for out in model.outputs:
        visit(out)
    return order


def run_model(spec):
    try:
        if "application" in spec:
            model = getattr(keras.applications, spec["application"])(**spec.get("kwargs", {}))
        elif "reference" in spec:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import reference_models
            model = getattr(reference_models, spec["reference"])()
        else:
            model = keras.models.model_from_json(spec["json"])
    except Exception as error:
        return {"id": spec["id"], "error": f"{type(error).__name__}: {error}"[:500]}
    layers = []
    counted = set()
    for layer, node in canonical_layers(model):
        trainable, non_trainable = weight_counts(layer)
        shared = id(layer) in counted
        counted.add(id(layer))
        layers.append({
            "name": layer.name,
            "class": type(layer).__name__,
            "outputs": outputs_of(node.output_tensors),
            "trainable": 0 if shared else trainable,
            "non_trainable": 0 if shared else non_trainable,
        })
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    non_trainable = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    return {"id": spec["id"], "layers": layers, "total": model.count_params(),
            "trainable": trainable, "non_trainable": non_trainable}


def main():
    request = json.load(sys.stdin)
    response = {
        "keras": keras.__version__,
        "layers": [run_layer_case(c) for c in request.get("layers", [])],
        "models": [run_model(m) for m in request.get("models", [])],
    }
    json.dump(response, sys.stdout)


if __name__ == "__main__":
    main()
