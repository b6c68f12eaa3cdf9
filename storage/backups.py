"""Copies of the database taken before anything that could lose work, and bringing one back.

SQLite's online backup API copies a consistent snapshot even while the WAL holds changes, which
a plain file copy does not. The last KEEP copies are kept beside the database.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage import schema
from storage.errors import BadInput

KEEP = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def backup(store, reason: str) -> Path:
    """Snapshot `store`'s database as `<folder>/backups/<name>-<time>-<reason>.sqlite3`."""
    target = _snapshot(store, reason)
    _prune(store.path)
    return target


@contextlib.contextmanager
def backed_up(store, reason: str) -> Iterator[Path]:
    """A backup taken before one step that could lose work, kept only when the step succeeds.

    A step that fails leaves the database as it was, so its copy is removed and the oldest
    backup, which pruning would have dropped, is kept.
    """
    target = _snapshot(store, reason)
    try:
        yield target
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    _prune(store.path)


def _snapshot(store, reason: str) -> Path:
    """Copy under a name `list_backups` ignores, then rename: a copy cut short (a full disk, a
    killed process) is never listed, or restored, as a backup."""
    folder = backup_folder(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store.path.stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    try:
        dest = sqlite3.connect(partial)
        try:
            store.conn.backup(dest)
        finally:
            dest.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _prune(db_path: Path) -> None:
    for old in list_backups(db_path)[KEEP:]:
        old.path.unlink(missing_ok=True)


def list_backups(db_path: Path) -> list[Backup]:
    """Backups of the database at `db_path`, newest first."""
    found = []
    folder = backup_folder(db_path)
    for path in folder.glob("*.sqlite3") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match and match["stem"] == Path(db_path).stem:
            taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
            found.append(Backup(path, taken, match["reason"]))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def restore(store, source: Path) -> Path:
    """Replace the database's contents with `source`, first backing up what is there now.

    Returns the path of that safety backup, so a restore can itself be undone. A file this
    version cannot use (damaged, not ours, or from a newer version) is refused before anything
    is written: copied in, it would leave a database that no longer opens or holds no plans.
    """
    source = _find(store, Path(source))
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"{source}: is not an actionplans database ({exc}).") from exc
    try:
        _check_restorable(src, source)
        with backed_up(store, "before-restore") as safety:
            src.backup(store.conn)
    finally:
        src.close()
    schema.migrate(store.conn)  # a backup taken by an older version comes up to date
    return safety


def _find(store, source: Path) -> Path:
    """`source` itself, or the one backup whose file name starts with it."""
    if source.is_file():
        return source
    matches = [b.path for b in list_backups(store.path) if b.path.name.startswith(str(source))]
    if len(matches) > 1:
        raise BadInput(
            f"'{source}' matches {len(matches)} backups; give more of the name "
            "(see 'actionplans backups')."
        )
    if not matches:
        raise BadInput(f"{source}: no such backup; see 'actionplans backups'.")
    return matches[0]


def _check_restorable(src: sqlite3.Connection, source: Path) -> None:
    try:
        ok = src.execute("PRAGMA integrity_check").fetchone()[0]
        found = schema.version(src)
        has_plans = src.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plans'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"{source}: is not an actionplans database ({exc}).") from exc
    if ok != "ok":
        raise BadInput(f"{source}: the backup is damaged ({ok}); choose another.")
    if found > schema.LATEST:
        raise BadInput(
            f"{source}: this backup was written by a newer version of actionplans "
            f"(schema {found}); install that version to restore it."
        )
    if found < 1 or not has_plans:
        raise BadInput(f"{source}: is not an actionplans database (it holds no plans table).")
