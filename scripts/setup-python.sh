#!/usr/bin/env bash
# Creates the project's Python environment (.venv) with real Keras, used as the oracle by the
# test suite and by `npm run catalogue`, plus scikit-learn and matplotlib, which the example
# operations use (test/examples runs them). Idempotent: does nothing when all of them import;
# an existing .venv that lacks some of them gets them installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ -x .venv/bin/python ] && KERAS_BACKEND=numpy .venv/bin/python -c 'import keras, jax, sklearn, matplotlib' 2>/dev/null; then
  exit 0
fi
echo "Setting up .venv with Keras (pip) ..." >&2
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# --retries 0: fail fast on an unreachable index instead of backing off for minutes.
.venv/bin/pip install --quiet --disable-pip-version-check --retries 0 keras jax jaxlib numpy scikit-learn matplotlib
KERAS_BACKEND=numpy .venv/bin/python -c 'import keras; print("Keras", keras.__version__, "ready in .venv")' >&2
