"""Captures matplotlib figures: ``plt.show()`` saves every open figure as a PNG and reports it.

Installed by the runtime before any step runs (with the non-interactive Agg backend, so a
job never waits on a window). Each captured figure becomes ``<figures-dir>/<step>-<n>.png``
and a ``figure`` event with its path, title and size.
"""
import importlib.util
import os
import re
import sys

from . import events

_state = {'dir': None, 'count': {}, 'installed': False}


def _safe(text):
    return re.sub(r'[^A-Za-z0-9_.-]', '_', text or 'pipeline')


def _title(figure):
    titles = []
    suptitle = getattr(figure, '_suptitle', None)
    if suptitle is not None and suptitle.get_text():
        titles.append(suptitle.get_text())
    for axes in figure.get_axes():
        text = axes.get_title()
        if text:
            titles.append(text)
    return titles[0] if titles else None


def capture():
    """Saves the open figures of the running step and closes them; returns the events."""
    if _state['dir'] is None:
        return []
    import matplotlib.pyplot as plt
    step = events.current_step()
    captured = []
    for number in plt.get_fignums():
        figure = plt.figure(number)
        index = _state['count'].get(step, 0) + 1
        _state['count'][step] = index
        os.makedirs(_state['dir'], exist_ok=True)
        path = os.path.join(_state['dir'], '{}-{}.png'.format(_safe(step), index))
        figure.savefig(path, format='png')
        width, height = figure.get_size_inches() * figure.dpi
        captured.append(events.emit('figure', step=step, index=index, path=path, title=_title(figure),
                                    width=int(round(width)), height=int(round(height))))
    plt.close('all')
    return captured


def _patch(plt):
    def show(*args, **kwargs):
        capture()

    plt.show = show
    _state['installed'] = True


class _PyplotHook:
    """Patches ``matplotlib.pyplot`` when (if ever) a step imports it: steps that plot nothing
    do not pay for importing matplotlib."""

    def find_spec(self, name, path=None, target=None):
        if name != 'matplotlib.pyplot':
            return None
        sys.meta_path.remove(self)
        import matplotlib
        matplotlib.use('Agg')
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            _patch(module)

        spec.loader.exec_module = exec_module
        return spec


def install(figures_dir):
    """Switches matplotlib to Agg and makes ``plt.show()`` capture (when pyplot is imported)."""
    _state['dir'] = figures_dir
    if _state['installed']:
        return True
    os.environ.setdefault('MPLBACKEND', 'Agg')
    if 'matplotlib.pyplot' in sys.modules:
        import matplotlib
        matplotlib.use('Agg')
        _patch(sys.modules['matplotlib.pyplot'])
        return True
    if not any(isinstance(finder, _PyplotHook) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PyplotHook())
    return True


def discard():
    """Closes figures a step left open without showing them."""
    if not _state['installed']:
        return
    import matplotlib.pyplot as plt
    plt.close('all')
