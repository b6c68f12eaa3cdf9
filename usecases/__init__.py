"""Every job a person can do, written once for both front ends (the command and the window).

Each module holds the jobs of one feature as plain functions that take the store (or a path)
and plain arguments and return a small dataclass; a job that writes says what it changed in a
`Changed`, so the window refreshes from one hook. Nothing here imports Qt. The front ends call
these functions, never the store's writes, `storage.merge`, `storage.monitoring`,
`storage.edits`, `storage.backups`, `importers` or `exporters` directly.
"""

from actionplans.usecases.changed import NOTHING, Changed
from actionplans.usecases.session import open_store

__all__ = ["NOTHING", "Changed", "open_store"]
