"""The event protocol: one JSON object per line, prefixed with ``@@deepforge ``.

Events go to standard output by default, interleaved with what the operations print; a
reader picks out the lines that start with the prefix. ``DEEPFORGE_EVENTS_FD=3`` sends them
to an open file descriptor instead, ``DEEPFORGE_EVENTS_FILE=path`` appends them to a file
(the prefix is kept in both cases, so one parser reads all three).

Every event has ``"v"`` (the protocol version, 1), ``"event"`` (its kind) and ``"time"``
(seconds since the epoch). Kinds: ``pipeline``, ``step``, ``metric``, ``figure``,
``output``, ``artifact`` -- see PROTOCOL.md in the bundle.
"""
import json
import math
import os
import sys
import threading
import time

PREFIX = '@@deepforge '
VERSION = 1

_lock = threading.Lock()
_stream = None
_current_step = None


def _open_stream():
    fd = os.environ.get('DEEPFORGE_EVENTS_FD')
    if fd:
        return os.fdopen(int(fd), 'w', buffering=1, encoding='utf-8', closefd=False)
    path = os.environ.get('DEEPFORGE_EVENTS_FILE')
    if path:
        return open(path, 'a', buffering=1, encoding='utf-8')
    return None


def _clean(value):
    """JSON-safe: non-finite floats become the strings "nan", "inf", "-inf"; numpy scalars plain numbers."""
    if isinstance(value, float):
        if math.isnan(value):
            return 'nan'
        if math.isinf(value):
            return 'inf' if value > 0 else '-inf'
        return value
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, 'item'):
        try:
            return _clean(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


def emit(event, **fields):
    """Writes one event line (and flushes). Returns the event as a dict."""
    global _stream
    record = {'v': VERSION, 'event': event, 'time': round(time.time(), 3)}
    record.update(fields)
    line = PREFIX + json.dumps(_clean(record), ensure_ascii=True, allow_nan=False, sort_keys=False)
    with _lock:
        if _stream is None:
            _stream = _open_stream() or False
        if _stream:
            _stream.write(line + '\n')
            _stream.flush()
        else:
            out = sys.stdout
            out.flush()
            # Start on a fresh line even if an operation printed a partial one.
            out.write(line + '\n')
            out.flush()
    return record


def set_current_step(step):
    global _current_step
    _current_step = step


def current_step():
    return _current_step


def metric(name, value, step=None, index=None):
    """Reports a metric of the running step (``index``: e.g. the epoch, for curves)."""
    fields = {'step': _current_step, 'name': str(name), 'value': value}
    if index is not None:
        fields['index'] = index
    if step is not None:
        fields['step'] = step
    return emit('metric', **fields)


def parse(line):
    """The event of a protocol line, or None for any other line."""
    if not line.startswith(PREFIX):
        return None
    return json.loads(line[len(PREFIX):])
