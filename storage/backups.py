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
from storage.integrity import backup_folder

KEEP = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str


def backup(store, reason: str) -> Path:
    """Snapshot `store`'s database as `<folder>/backups/<name>-<time>-<reason>.sqlite3`."""
    target = _snapshot(store, reason)
    _prune(store.path)
    return target


@contextlib.contextmanager
def backed_up(store, reason: str) -> Iterator[Path]:
    """A backup taken before one step that could lose work, kept only when the step succeeds.

    Until then the copy has a pending name that `list_backups` ignores: a step that fails, or
    is killed, leaves the database as it was, so its copy is not a backup anyone needs, and
    must not count towards the KEEP kept (a killed step's copy is removed at the next start).
    """
    pending = _snapshot(store, reason, pending=True)
    target = _final_name(pending)
    try:
        yield target
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, target)
    _prune(store.path)


def _snapshot(store, reason: str, pending: bool = False) -> Path:
    """Check the database, copy it under a name `list_backups` ignores, then rename: a copy
    cut short (a full disk, a killed process) is never listed, or restored, as a backup, and
    a damaged database is never copied over the good backups."""
    found = integrity.problem(store.conn)
    if found is not None:
        raise integrity.Damaged(integrity.health(store.path, found))
    target = _new_name(store.path, reason)
    partial = integrity.working_name(target, "partial")
    try:
        dest = sqlite3.connect(partial)
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # reading it makes no -wal, -shm
        finally:
            dest.close()
        if pending:
            target = integrity.working_name(target, "pending")
        os.replace(partial, target)
    except sqlite3.OperationalError as exc:
        partial.unlink(missing_ok=True)
        if "unable to open" not in str(exc):
            raise
        # Not the database's fault, so not SQLite's sentence, which would name the database.
        raise BadInput(
            f"{partial.parent}: cannot write the backup taken before every change there (the "
            "folder is read-only or not allowed), so nothing was changed."
        ) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _new_name(db_path: Path, reason: str) -> Path:
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{Path(db_path).stem}-{datetime.now():{_STAMP}}-{reason}.sqlite3"


def _final_name(working: Path) -> Path:
    return working.with_name(working.name.split(".sqlite3.")[0] + ".sqlite3")


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
            taken = datetime.strptime(match["stamp"], _STAMP)
            found.append(Backup(path, taken, match["reason"]))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def restore(store, source: Path) -> Path:
    """Replace the database's contents with `source`, first backing up what is there now.

    Returns the path of that safety backup, so a restore can itself be undone. A file this
    version cannot use (damaged, not ours, missing part of the schema, or from a newer
    version) is refused before anything is written: copied in, it would leave a database
    that no longer opens or on which every job fails.
    """
    with _staged(store.path, Path(source)) as staged:
        src = sqlite3.connect(staged)
        try:
            with backed_up(store, "before-restore") as safety:
                _copy_into(src, store.conn)
        finally:
            src.close()
    schema.migrate(store.conn)  # a backup taken by an older version comes up to date
    return safety


def restore_over_damaged(db_path: Path, source: Path) -> Path:
    """Put `source` in place of the damaged database at `db_path`, which cannot be opened to
    copy into; returns where the damaged file was set aside (never deleted: it may hold the
    only copy of recent work, for someone to recover). Open the store afterwards to bring a
    backup from an older version up to date."""
    db_path = Path(db_path)
    with _staged(db_path, Path(source)) as staged:
        stamp = f"{datetime.now():{_STAMP}}"
        aside = backup_folder(db_path) / f"{db_path.stem}-damaged-{stamp}.sqlite3"
        # Copied, not moved, so that a kill part-way always leaves a file in place: the
        # damaged one, offered the backup again at the next start, or the restored one.
        if db_path.exists():
            shutil.copyfile(db_path, aside)
        for suffix in ("-wal", "-shm", "-journal"):  # they would be read into the backup
            companion = db_path.with_name(db_path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        os.replace(staged, db_path)
    return aside


def _copy_into(src: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """SQLite's backup into a WAL database cannot change its page size ("attempt to write a
    readonly database"); with the rollback journal for the copy it can, and a copy cut short
    is still rolled back whole. (Leaving WAL needs the only connection, so only then.)"""
    page_size = "PRAGMA page_size"
    switch = (
        src.execute(page_size).fetchone()[0] != dest.execute(page_size).fetchone()[0]
        and dest.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    )
    if switch:
        dest.execute("PRAGMA journal_mode = DELETE")
    try:
        src.backup(dest)
    finally:
        if switch:
            dest.execute("PRAGMA journal_mode = WAL")


@contextlib.contextmanager
def _staged(db_path: Path, source: Path) -> Iterator[Path]:
    """A checked private copy of `source` in the backups folder, removed afterwards.

    Reading a copy leaves nothing beside `source` (opening a WAL database, even to read, makes
    -wal and -shm files), takes in a -wal file a live database has beside it, and lets SQLite
    recover that copy without touching `source`.
    """
    source = _find(db_path, source)
    staged = integrity.working_name(_new_name(db_path, "restore"), "partial")
    try:
        try:
            shutil.copyfile(source, staged)
            if source.with_name(source.name + "-wal").is_file():
                shutil.copyfile(source.with_name(source.name + "-wal"), f"{staged}-wal")
        except OSError as exc:
            raise BadInput(f"{source}: cannot read the backup ({exc.strerror}).") from exc
        conn = sqlite3.connect(staged)
        try:
            _check_restorable(conn, source)
            conn.execute("PRAGMA journal_mode = DELETE")  # no -wal to follow it into place
        except sqlite3.DatabaseError as exc:
            raise BadInput(f"{source}: is not an actionplans database ({exc}).") from exc
        finally:
            conn.close()
        yield staged
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{staged}{suffix}").unlink(missing_ok=True)


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


def _check_restorable(src: sqlite3.Connection, source: Path) -> None:
    found = integrity.problem(src)
    if found is not None and "not a database" in found:
        raise BadInput(f"{source}: is not an actionplans database ({found}).")
    if found is not None:
        raise BadInput(f"{source}: the backup is damaged ({found}); choose another.")
    version = schema.version(src)
    if version > schema.LATEST:
        raise BadInput(
            f"{source}: this backup was written by a newer version of actionplans "
            f"(schema {version}); install that version to restore it."
        )
    if version < 1:
        raise BadInput(f"{source}: is not an actionplans database (it has no schema version).")
    missing = integrity.missing_schema(src)
    if missing:
        raise BadInput(
            f"{source}: is not a whole actionplans database (it lacks "
            f"{', '.join(missing[:5])}{' and more' if len(missing) > 5 else ''})."
        )
