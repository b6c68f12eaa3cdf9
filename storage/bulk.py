"""Work on thousands of new objects at once: reading a plan's rows, storing them.

Python's cycle collector runs every few hundred new objects and walks all the young ones; a
15,000-row plan makes hundreds of thousands of strings, lists and dataclasses, none of them in
a reference cycle, so those walks free nothing and were a sixth of an import's time
(benchmarks/import.py). While such work runs the collector waits, then runs as usual; plain
reference counting still frees everything as it goes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (nested use leaves it as the outer one set it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
