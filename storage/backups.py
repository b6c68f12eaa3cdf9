"""Copies of the database taken before anything that could lose work, and bringing one back.

SQLite's online backup API copies a consistent snapshot even while the WAL holds changes, which
a plain file copy does not. The last KEEP copies are kept beside the database.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage import integrity, schema
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


def refuse_if_damaged(store) -> None:
    """A damaged database is never backed up: its copy would push a good backup out of the
    ten kept. The step that wanted the backup is refused, with the backup to restore."""
    problem = integrity.quick_check(store.conn)
    if problem is not None:
        raise BadInput(
            integrity.Health(store.path, problem, newest_good_backup(store.path)).sentence()
        )


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that is sound and holds the full schema, or None."""
    for found in list_backups(db_path):
        if integrity.file_problem(found.path) is None:
            return found.path
    return None


@contextlib.contextmanager
def backed_up(store, reason: str) -> Iterator[Path]:
    """A backup taken before one step that could lose work, kept only when the step succeeds.

    A step that fails leaves the database as it was, so its copy is removed and the oldest
    backup, which pruning would have dropped, is kept. Until the step succeeds the copy is
    named `.pending`: a step killed midway leaves a file `list_backups` never lists or counts,
    and the next start removes (storage.integrity.clean_leftovers).
    """
    target = _snapshot(store, reason)
    pending = target.with_name(target.name + ".pending")
    os.replace(target, pending)
    try:
        yield target
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, target)
    _prune(store.path)


def _snapshot(store, reason: str) -> Path:
    """Copy under a name `list_backups` ignores, then rename: a copy cut short (a full disk, a
    killed process) is never listed, or restored, as a backup."""
    refuse_if_damaged(store)
    folder = backup_folder(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store.path.stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    try:
        dest = sqlite3.connect(partial)
        try:
            store.conn.backup(dest)
            # A rollback-journal file: reading it later (restore, a check) leaves no -wal or
            # -shm beside it, and it is one self-contained file to copy elsewhere.
            dest.execute("PRAGMA journal_mode = DELETE")
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
    """Replace the database's contents with `source`, first saving what is there now, and
    reopen `store` on the result. Returns where what was there before is kept."""
    store.conn.close()
    try:
        return restore_file(store.path, Path(source))
    finally:
        store.reopen()


def restore_file(db_path: Path, source: Path) -> Path:
    """Replace the database file at `db_path` with a checked copy of `source`; returns where
    what was there before is kept, so a restore can itself be undone.

    Works on files, not on an open database, so it works when the current database is damaged
    or truncated, and whatever the two files' page sizes. `source` is copied first and only
    the copy is opened: nothing is written beside the backup. A file this version cannot use
    (damaged, not ours, lacking tables, or newer) is refused before anything changes.
    """
    db_path = Path(db_path)
    source = _find(db_path, Path(source))
    copy = db_path.with_name(f"{db_path.name}.restore.partial")
    try:
        shutil.copyfile(source, copy)
        _prepare(copy, source)
        safety = _keep_current(db_path)
        for extra in ("-wal", "-shm", "-journal"):  # they belong to the file being replaced
            Path(f"{db_path}{extra}").unlink(missing_ok=True)
        os.replace(copy, db_path)
    except OSError as error:
        raise BadInput(f"{source}: cannot restore it ({error.strerror}).") from error
    finally:
        copy.unlink(missing_ok=True)
    return safety


def _prepare(copy: Path, source: Path) -> None:
    """Check the copy and bring it to this version's schema, or refuse naming `source`."""
    problem = integrity.file_problem(copy)
    if problem is not None:
        raise BadInput(
            f"{source}: is not an actionplans database, or is damaged ({problem}); "
            "choose another backup."
        )
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        found = schema.version(conn)
        if found > schema.LATEST:
            raise BadInput(
                f"{source}: this backup was written by a newer version of actionplans "
                f"(schema {found}); install that version to restore it."
            )
        if found < 1:
            raise BadInput(f"{source}: is not an actionplans database (it holds no plans).")
        conn.execute("PRAGMA journal_mode = DELETE")
        schema.migrate(conn)  # a backup taken by an older version comes up to date
    except sqlite3.DatabaseError as error:
        raise BadInput(f"{source}: is not an actionplans database ({error}).") from error
    finally:
        conn.close()


def _keep_current(db_path: Path) -> Path:
    """Save the current database before it is replaced: as a backup when it is sound; when
    it is damaged, as a copy that is never listed or counted as a backup."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    if db_path.exists() and integrity.file_problem(db_path) is None:
        target = folder / f"{db_path.stem}-{stamp}-before-restore.sqlite3"
        src = sqlite3.connect(db_path)
        try:
            dest = sqlite3.connect(target)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            src.close()
        _prune(db_path)
        return target
    target = folder / f"{db_path.stem}-{stamp}-damaged.sqlite3.damaged"
    if db_path.exists():
        shutil.copyfile(db_path, target)
    return target


def _find(db_path: Path, source: Path) -> Path:
    """`source` itself, or the one backup whose file name starts with it."""
    if source.is_file():
        return source
    matches = [b.path for b in list_backups(db_path) if b.path.name.startswith(str(source))]
    if len(matches) > 1:
        raise BadInput(
            f"'{source}' matches {len(matches)} backups; give more of the name "
            "(see 'actionplans backups')."
        )
    if not matches:
        raise BadInput(f"{source}: no such backup; see 'actionplans backups'.")
    return matches[0]
