"""Opening the database a front end works on, with the wait for another writer bounded and,
when it lasts, said."""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

from actionplans.storage.store import Store

LOCK_WAIT_ENV = "ACTIONPLANS_LOCK_WAIT"
"""Seconds to wait for another program's write lock (default 15; tests set it short)."""
NOTICE_AFTER = 1.0
"""Seconds into a wait before the person is told what it is waiting for."""


def lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, "15")))
    except ValueError:
        return 15.0


def open_store(path: Path | None = None, on_wait: Callable[[str], None] | None = None) -> Store:
    """The store at `path` (default: $ACTIONPLANS_DB or the per-user data folder), brought
    up to date; a write waits at most `lock_wait()` seconds for another program's lock, and
    `on_wait` (if given) is told, once, in a sentence, when a wait has lasted a second."""
    from actionplans.storage.location import default_db_path

    store = Store.open(Path(path) if path else default_db_path())
    store.conn.execute(f"PRAGMA busy_timeout = {int(lock_wait() * 1000)}")
    if on_wait is not None:
        _watch(store, on_wait)
    return store


def write_locked(path: Path) -> bool:
    """Whether some connection holds the database's write lock right now."""
    try:
        probe = sqlite3.connect(
            f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None
        )
    except sqlite3.Error:
        return False
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def _watch(store: Store, on_wait: Callable[[str], None]) -> None:
    """A background check, every second while `store` is in use: another program holds the
    write lock while this store is not in a transaction of its own, so it must be waiting."""
    ref = weakref.ref(store)
    path = store.path

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(NOTICE_AFTER):
            watched = ref()
            if watched is None:
                return
            try:
                ours = watched.conn.in_transaction
            except sqlite3.ProgrammingError:  # closed
                return
            del watched
            if not ours and write_locked(path):
                on_wait(
                    f"waiting for another program to finish writing to {path} "
                    f"(at most {lock_wait():g} seconds)..."
                )
                return

    threading.Thread(target=watch, name="lock-wait-notice", daemon=True).start()
