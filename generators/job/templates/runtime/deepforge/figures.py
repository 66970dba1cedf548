"""Captures matplotlib figures: ``plt.show()`` saves every open figure as a PNG and reports it.

Installed by the runtime before any step runs (with the non-interactive Agg backend, so a
job never waits on a window). Each captured figure becomes ``<figures-dir>/<step>-<n>.png``
and a ``figure`` event with its path, title and size.
"""
import os
import re

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


def install(figures_dir):
    """Switches matplotlib to Agg and makes ``plt.show()`` capture. No-op without matplotlib."""
    _state['dir'] = figures_dir
    if _state['installed']:
        return True
    os.environ.setdefault('MPLBACKEND', 'Agg')
    try:
        import matplotlib
    except ImportError:
        return False
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    def show(*args, **kwargs):
        capture()

    plt.show = show
    _state['installed'] = True
    return True


def discard():
    """Closes figures a step left open without showing them."""
    if not _state['installed']:
        return
    import matplotlib.pyplot as plt
    plt.close('all')
