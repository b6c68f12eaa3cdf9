"""One translator from any failure to the one sentence a person reads.

Both front ends use it: the command prints the sentence and exits 2, the window shows it in
a dialog. Input a person must fix (`BadInput`), SQLite's refusals (another program holds the
write lock, a read-only or damaged database) and the operating system's (a full disk, no
permission, a missing folder) each become a sentence naming the file. Anything else is a
fault of ours: its traceback goes to `actionplans-errors.log` beside the database and the
sentence says where.
"""

from __future__ import annotations

import errno
import sqlite3
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.errors import BadInput

LOG_NAME = "actionplans-errors.log"


@dataclass(frozen=True)
class Failure:
    """What to tell the person; `expected` is False for a fault of ours (it was logged)."""

    sentence: str
    expected: bool


def log_path_for(db_path: Path) -> Path:
    return Path(db_path).parent / LOG_NAME


def translate(exc: BaseException, db_path: Path | None = None, log: Path | None = None) -> Failure:
    """The sentence for `exc`; `db_path` names the database in SQLite's sentences; an
    unexpected error is logged to `log` (default: `actionplans-errors.log` beside `db_path`;
    not logged when neither is known)."""
    if isinstance(exc, BadInput):
        return Failure(str(exc), True)
    if isinstance(exc, sqlite3.Error):
        sentence = _sqlite_sentence(exc, db_path)
        if sentence:
            return Failure(sentence, True)
    if isinstance(exc, OSError):
        return Failure(_os_sentence(exc), True)
    log = log or (log_path_for(db_path) if db_path else None)
    written = log is not None and write_log(log, exc)
    where = f" The details are in {log}." if written else ""
    return Failure(
        f"Something unexpected went wrong ({type(exc).__name__}: {exc}). "
        f"Your saved work is safe.{where}",
        False,
    )


def _sqlite_sentence(exc: sqlite3.Error, db_path: Path | None) -> str | None:
    name = str(db_path) if db_path else "The database"
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (
            f"{name}: another program (perhaps the actionplans window) is writing to it; "
            "nothing was changed: close the other program or wait, then try again."
        )
    if "readonly" in text or "read-only" in text:
        return f"{name}: the database is read-only here, so nothing was changed."
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        if db_path is not None:  # name the newest good backup, as the start-up check does
            from storage.integrity import health

            return health(db_path, known_problem=str(exc)).sentence
        return (
            f"{name}: the database is damaged; restore a backup "
            "(actionplans backups, then actionplans restore NAME)."
        )
    if "disk" in text and "full" in text:
        return f"{name}: the disk is full, so nothing was changed; free some space and try again."
    if "no such table" in text or "no such column" in text:  # a file cut down by hand
        return (
            f"{name}: is not a whole actionplans database ({exc}), so nothing was changed; "
            "restore a backup (actionplans backups, then actionplans restore NAME)."
        )
    if "unable to open" in text:
        return f"{name}: the database cannot be opened (its folder is missing or not allowed)."
    return None


def _os_sentence(exc: OSError) -> str:
    name = f"{exc.filename}: " if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return f"{name}the disk is full; free some space and try again."
    if isinstance(exc, PermissionError):
        return f"{name}not allowed: the file is open in another program or read-only."
    if isinstance(exc, FileNotFoundError):
        return f"{name}no such file or folder."
    return f"{name}{exc.strerror or exc}."


def write_log(log: Path, exc: BaseException) -> bool:
    """Append `exc` with its traceback to `log`; False when the log cannot be written, which
    must never hide the sentence."""
    try:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            out.write("".join(traceback.format_exception(exc)))
    except OSError:
        return False
    return True
