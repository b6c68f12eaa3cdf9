"""Whether the database is sound, what a killed step left behind, and which backup to offer.

`PRAGMA quick_check` reads every page (about a second per 100 MB) and finds what a disk fault,
a copy cut short or a stray write did: it runs at start (`health`) and before every backup,
so a damaged database is said to be damaged, and never copied over the good backups.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage import schema

# What a killed step may leave: an export's temporary file (exporters/atomic.py), a backup
# copy cut short, a backup taken before a step that never finished, a restore's copy.
LEFTOVER_PATTERNS = (".plan-*", "*.partial", "*.pending", "*.partial-journal", "*.pending-journal")


@dataclass(frozen=True)
class Health:
    """What the front ends say at start: `problem` is None when the database is sound."""

    path: Path
    problem: str | None
    newest_good: Path | None  # the backup to offer when the database is damaged

    @property
    def ok(self) -> bool:
        return self.problem is None

    def sentence(self) -> str:
        """One sentence for a person: what is wrong and what to do."""
        if self.problem is None:
            return f"{self.path} is sound."
        offer = (
            f"restore the newest good backup, {self.newest_good.name} "
            f"(actionplans restore {self.newest_good.name}, or File > Restore backup)"
            if self.newest_good
            else "no good backup was found; keep a copy of the file and ask for help"
        )
        return f"The database {self.path} is damaged ({self.problem}); {offer}."


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None when SQLite finds the open database sound, else what it found (first line)."""
    try:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    found = [row[0] for row in rows]
    if found == ["ok"]:
        return None
    lines = [line for text in found for line in text.splitlines() if not line.startswith("***")]
    return "; ".join(lines)[:300]  # one sentence: SQLite's own words, first few


def file_problem(path: Path) -> str | None:
    """Why the database file at `path` cannot be used: unreadable, damaged, or not one of
    ours (missing tables); None when it is sound. Opened read-only and immutable, so looking
    writes nothing beside it (no -wal or -shm)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        problem = quick_check(conn)
        if problem is None and schema.version(conn) > 0:
            missing = required_tables(schema.version(conn)) - schema.table_names(conn)
            if missing:
                problem = f"it lacks the tables {', '.join(sorted(missing))}"
        return problem
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()


def required_tables(version: int) -> set[str]:
    """The tables a database of schema `version` must hold (FTS's own shadow tables aside)."""
    from storage.schema import MIGRATIONS

    conn = sqlite3.connect(":memory:")
    try:
        for migration in MIGRATIONS[: max(version, 1)]:
            migration(conn)
        return schema.table_names(conn)
    finally:
        conn.close()


def clean_leftovers(db_path: Path) -> list[Path]:
    """Remove what killed steps left beside the database and in its backups folder; returns
    what was removed. The database's own -journal and -wal are SQLite's to replay, never ours."""
    db_path = Path(db_path)
    removed = []
    for folder in (db_path.parent, db_path.parent / "backups"):
        if not folder.is_dir():
            continue
        for pattern in LEFTOVER_PATTERNS:
            for path in folder.glob(pattern):
                if path.is_file() and path.name.startswith((db_path.stem, ".")):
                    path.unlink(missing_ok=True)
                    removed.append(path)
    return removed


def health(db_path: Path) -> Health:
    """Whether the database at `db_path` is sound, and the newest backup that is; a missing
    database is sound (it is created on first use). Cleans killed steps' leftovers first."""
    from storage.backups import newest_good_backup

    db_path = Path(db_path)
    clean_leftovers(db_path)
    if not db_path.exists():
        return Health(db_path, None, None)
    problem = file_problem(db_path)
    return Health(db_path, problem, newest_good_backup(db_path) if problem else None)
