"""The store's self-protection: whether a database is sound, which backup to offer when it is
not, whether a file holds the whole of this program's schema, and what killed steps left.

SQLite's `PRAGMA quick_check` reads every page of every table and index (it skips only the
slower cross-check of indexes against their tables): 17-19 ms on the 6.4 MB database of a
5,000-recommendation plan of 3 actions each, about what the backup copy costs
(benchmarks/integrity.py). That is cheap enough to run at every start and before every
backup, which is what keeps a damaged database from being copied over the good backups until
none is left. The store imports this module at every start; storage.backups only when a step
takes a backup.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storage import schema
from storage.errors import BadInput

if TYPE_CHECKING:
    from storage.backups import Backup

_LEFTOVER = re.compile(
    r"^(?P<stem>.+)-\d{8}-\d{6}-\d{6}-[a-z-]+\.sqlite3(\.(?P<pid>\d+))?\.(partial|pending)"
    r"(-journal|-wal|-shm)?$"
)
_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
DAMAGE_WORDS = ("not a database", "malformed", "corrupt")
"""What SQLite's own errors say when the file itself is damaged (not locked or not allowed)."""


@dataclass(frozen=True)
class Health:
    """What is wrong with the database at `path` (`problem`, None when it is sound) and the
    newest backup that passes the same check, the one to offer in its place."""

    path: Path
    problem: str | None
    newest_good: Backup | None

    @property
    def damaged(self) -> bool:
        return self.problem is not None

    @property
    def sentence(self) -> str:
        if self.problem is None:
            return f"{self.path}: the database is sound."
        said = f"{self.path}: the database is damaged ({self.problem}), so nothing was changed"
        if self.newest_good is None:
            return f"{said}; there is no good backup of it to restore."
        name = self.newest_good.path.name
        return (
            f"{said}; the newest good backup is {name}, taken "
            f"{self.newest_good.taken:%d/%m/%Y %H:%M}: restore it with "
            f"'actionplans restore {name}' (the damaged file is kept aside)."
        )


class Damaged(BadInput):
    """The database is damaged; `health` says how and which backup to offer instead."""

    def __init__(self, health: Health) -> None:
        super().__init__(health.sentence)
        self.health = health


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(word in text for word in DAMAGE_WORDS)


def problem(conn: sqlite3.Connection) -> str | None:
    """The first thing `quick_check` finds wrong with `conn`'s database, None when sound.
    Errors other than damage (another program's lock) are raised, not reported as damage."""
    try:
        found = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return str(exc)
    if found == "ok":
        return None
    # SQLite heads its finding with "*** in database main ***" on a line of its own.
    return " ".join(line for line in str(found).splitlines() if not line.startswith("***"))


def file_problem(path: Path, live: bool = False) -> str | None:
    """`problem` for the file at `path`, opened read-only so that checking writes nothing.

    Read-only matters for the `live` database: a read-write connection that finds the file
    damaged deletes its -wal on closing, which may hold the latest work. For a live database
    any error other than damage (locked, not allowed) is left to the caller's own opening
    (None); a backup (not `live`) is also opened as immutable, so that SQLite makes no -wal or
    -shm beside it, and one that cannot be read at all is not a good backup.
    """
    options = "mode=ro" if live else "mode=ro&immutable=1"
    conn = None
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?{options}", uri=True)
        return problem(conn)
    except sqlite3.DatabaseError as exc:
        return None if live and not is_damage(exc) else str(exc)
    finally:
        if conn is not None:
            conn.close()


def newest_good_backup(db_path: Path) -> Backup | None:
    """The newest backup of `db_path` that passes `quick_check`."""
    from storage.backups import list_backups  # backups checks with this module before copying

    for found in list_backups(db_path):
        if file_problem(found.path) is None:
            return found
    return None


def health(db_path: Path, known_problem: str | None = None) -> Health:
    """How the database at `db_path` is; `known_problem` when the caller has already found
    one (an open connection's check), so the file is not read twice."""
    db_path = Path(db_path)
    found = known_problem
    if found is None and db_path.is_file() and db_path.stat().st_size:
        found = file_problem(db_path, live=True)
    return Health(db_path, found, newest_good_backup(db_path))


def missing_schema(conn: sqlite3.Connection) -> list[str]:
    """The tables and columns this program's schema has at the database's version and the
    database lacks ("updates", "plans.marking"): a file missing any is not a whole
    actionplans database, and every job would fail on it."""
    found = schema.version(conn)
    reference = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in schema.MIGRATIONS[:found]:
            migration(reference)
        wanted = _columns(reference)
    finally:
        reference.close()
    have = _columns(conn)
    missing = []
    for table, columns in wanted.items():
        if table not in have:
            missing.append(table)
        else:
            missing += [f"{table}.{column}" for column in columns if column not in have[table]]
    return missing


def _columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return {
        name: [row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))]
        for (name,) in tables
    }


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def working_name(target: Path, state: str) -> Path:
    """`target` while this process works on it: its id in the name tells `clean_leftovers`
    whether the copy belongs to a step still running (in the window, say) or a killed one."""
    return target.with_name(f"{target.name}.{os.getpid()}.{state}")


def clean_leftovers(db_path: Path) -> list[Path]:
    """Remove what killed steps left in the backups folder (half-written copies with their
    journals, copies taken before a step that never finished, restores cut short); returns
    what was removed. Files of a process still running are left alone."""
    removed = []
    folder = backup_folder(db_path)
    for path in folder.iterdir() if folder.is_dir() else []:
        match = _LEFTOVER.match(path.name)
        if match and match["stem"] == Path(db_path).stem and not process_running(match["pid"]):
            with contextlib.suppress(OSError):  # another program's cleaning got there first
                path.unlink()
                removed.append(path)
    return removed


def process_running(pid_text: str | None) -> bool:
    """Whether the process `pid_text` names still runs (None: a copy from a version that did
    not name its process, left long ago)."""
    if pid_text is None:
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == _STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
