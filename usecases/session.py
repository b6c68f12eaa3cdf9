"""Opening the database a front end works on, with the wait for another writer bounded."""

from __future__ import annotations

import os
from pathlib import Path

from storage.store import Store

LOCK_WAIT_ENV = "ACTIONPLANS_LOCK_WAIT"
"""Seconds to wait for another program's write lock (default 15; tests set it short)."""


def lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, "15")))
    except ValueError:
        return 15.0


def open_store(path: Path | None = None) -> Store:
    """The store at `path` (default: $ACTIONPLANS_DB or the per-user data folder), brought
    up to date; a write waits at most `lock_wait()` seconds for another program's lock."""
    from storage.location import default_db_path

    store = Store.open(Path(path) if path else default_db_path())
    store.conn.execute(f"PRAGMA busy_timeout = {int(lock_wait() * 1000)}")
    return store
