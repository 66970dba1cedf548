"""The DeepForge job runtime: what a generated job bundle needs to run its pipeline.

* ``deepforge.serialization`` -- how step outputs and artifacts are written to files and
  read back: ``register(type, dump, load)`` for your own types (``dump``/``load`` take a
  file object, like ``pickle.dump``/``pickle.load``), Keras models as ``.keras``, numpy
  arrays as ``.npy``, everything else pickled (``.pkl``).
* ``deepforge.events`` -- the line protocol that reports step status, metrics, figures and
  outputs (``@@deepforge {json}`` lines; see ``PROTOCOL.md`` in the bundle).
* ``deepforge.figures`` -- captures matplotlib figures: every ``plt.show()`` saves the open
  figures as PNG files and reports them.
* ``deepforge.runtime`` -- runs steps (``main.py`` runs them all, in order).
* ``python -m deepforge.run_step manifest.json STEP ...`` -- runs one step alone, reading
  its inputs from files and writing its outputs to a folder.

Operations may report metrics themselves: ``deepforge.metric("loss", 0.25)``.
"""
from .events import metric
from .serialization import register

__all__ = ['metric', 'register']
__version__ = '1'
