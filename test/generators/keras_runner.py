#!/usr/bin/env python3
"""Builds generated Keras code with real Keras and reports what Keras computes.

Reads a JSON request on stdin: {"python": [{"id", "path", "function"}], "json": [{"id", "path"}],
"build": [{"id", "code", "json_path"?, "keras_path"?}]} — a generated module and its build
function, a generated model JSON file, or Python code that sets `model` (saved with
`model.to_json()` / `model.save()` where paths are given) — and writes
{"models": [ModelResult…]} as keras_oracle.py does (layers in canonical order with class,
name, output shapes and weight counts; totals), plus "compiled": whether py_compile passed.
"""
import importlib.util
import json
import os
import py_compile
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "numpy")
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle"))

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras_oracle import canonical_layers, outputs_of, weight_counts  # noqa: E402


def describe(model_id, model):
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
    return {"id": model_id, "name": model.name, "layers": layers, "total": model.count_params(),
            "trainable": trainable, "non_trainable": non_trainable}


def error_result(model_id, error):
    return {"id": model_id, "error": f"{type(error).__name__}: {error}"[:2000]}


def run_python(spec):
    try:
        py_compile.compile(spec["path"], doraise=True)
        name = "generated_" + spec["id"].replace("-", "_")
        module_spec = importlib.util.spec_from_file_location(name, spec["path"])
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        model = getattr(module, spec["function"])()
        result = describe(spec["id"], model)
        result["compiled"] = True
        if "layer_names" in spec:
            result["names"] = [layer.name for layer in model.layers]
        return result
    except Exception as error:  # noqa: BLE001 — reported to the test
        return error_result(spec["id"], error)


def run_json(spec):
    try:
        with open(spec["path"], encoding="utf-8") as f:
            model = keras.models.model_from_json(f.read())
        return describe(spec["id"], model)
    except Exception as error:  # noqa: BLE001
        return error_result(spec["id"], error)


def run_build(spec):
    try:
        scope = {"keras": keras, "layers": keras.layers}
        exec(spec["code"], scope)  # noqa: S102 — test code written by the test suite
        model = scope["model"]
        if spec.get("json_path"):
            with open(spec["json_path"], "w", encoding="utf-8") as f:
                f.write(model.to_json())
        if spec.get("keras_path"):
            model.save(spec["keras_path"])
        return describe(spec["id"], model)
    except Exception as error:  # noqa: BLE001
        return error_result(spec["id"], error)


def main():
    request = json.load(sys.stdin)
    models = ([run_build(s) for s in request.get("build", [])] + [run_python(s) for s in request.get("python", [])]
              + [run_json(s) for s in request.get("json", [])])
    json.dump({"keras": keras.__version__, "models": models}, sys.stdout)


if __name__ == "__main__":
    main()
