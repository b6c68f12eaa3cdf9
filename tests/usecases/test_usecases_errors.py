"""One translator for both front ends: every failure becomes one sentence naming the file."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from actionplans.storage.errors import BadInput
from actionplans.usecases.errors import LOG_NAME, translate
from tests.support.plans import make_plan

ROOT = Path(__file__).resolve().parent.parent.parent


def test_bad_input_is_its_own_sentence():
    failure = translate(BadInput("plan.xlsx: row 3: 'Maybe' is not a decision."))
    assert failure.sentence == "plan.xlsx: row 3: 'Maybe' is not a decision." and failure.expected


@pytest.mark.parametrize(
    "exc, words",
    [
        (OSError(errno.ENOSPC, "No space left on device", "out.pdf"), "out.pdf: the disk is full"),
        (PermissionError(errno.EACCES, "Permission denied", "out.pdf"), "out.pdf: not allowed"),
        (FileNotFoundError(errno.ENOENT, "No such file", "gone/out.pdf"), "gone/out.pdf: no such"),
    ],
)
def test_the_operating_systems_refusals_name_the_file(exc, words):
    assert translate(exc).sentence.startswith(words)


@pytest.mark.parametrize(
    "message, words",
    [
        ("database is locked", "another program"),
        ("attempt to write a readonly database", "read-only"),
        ("file is not a database", "damaged"),
        ("database disk image is malformed", "damaged"),
    ],
)
def test_sqlites_refusals_name_the_database(tmp_path, message, words):
    db = tmp_path / "plans.sqlite3"
    failure = translate(sqlite3.OperationalError(message), db)
    assert failure.sentence.startswith(f"{db}: ") and words in failure.sentence
    assert failure.expected and not (tmp_path / LOG_NAME).exists()


def test_anything_unexpected_is_logged_beside_the_database(tmp_path):
    db = tmp_path / "plans.sqlite3"
    try:
        raise KeyError("surprise")
    except KeyError as exc:
        failure = translate(exc, db)
    log = tmp_path / LOG_NAME
    assert not failure.expected and f"The details are in {log}." in failure.sentence
    assert "Traceback" in log.read_text() and "KeyError: 'surprise'" in log.read_text()


def test_a_write_blocked_by_another_program_ends_in_a_sentence(locked, cli, store, monkeypatch):
    monkeypatch.setenv("ACTIONPLANS_LOCK_WAIT", "0.2")
    status, out, err = cli("edit", "1", "--title", "Renamed")
    assert status == 2 and out == "" and "Traceback" not in err
    assert err == (
        f"actionplans: {locked}: another program (perhaps the actionplans window) is writing "
        "to it; nothing was changed: close the other program or wait, then try again.\n"
    )
    assert store.get_plan_title(1) == make_plan().title


def test_the_installed_command_says_the_same_without_a_traceback(locked):
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--db", str(locked), "delete", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"ACTIONPLANS_LOCK_WAIT": "0.2", "PATH": "", "HOME": str(locked.parent)},
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "another program" in done.stderr


def test_a_long_wait_is_said_while_it_lasts(locked):
    """Waiting longer than a second, the command says what for, then gives up in a sentence."""
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--db", str(locked), "edit", "1", "--title", "New"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"ACTIONPLANS_LOCK_WAIT": "2", "PATH": "", "HOME": str(locked.parent)},
        timeout=60,
    )
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 2, done.stderr
    assert lines[0] == (
        f"actionplans: waiting for another program to finish writing to {locked} "
        "(at most 2 seconds)..."
    )
    assert "another program (perhaps the actionplans window) is writing" in lines[1]


def test_no_wait_is_said_when_nothing_else_holds_the_lock(db_path, store):
    from actionplans.usecases.session import write_locked

    store.add_plan(make_plan())
    assert not write_locked(db_path)
    with store.transaction():
        assert write_locked(db_path)  # our own: the watcher skips it (in_transaction)
    assert not write_locked(db_path)


def test_damage_found_mid_job_names_the_newest_good_backup(db_path, store):
    from actionplans.storage.backups import backup

    store.add_plan(make_plan())
    taken = backup(store, "import")
    failure = translate(sqlite3.DatabaseError("database disk image is malformed"), db_path)
    assert f"the newest good backup is {taken.name}" in failure.sentence
    assert f"actionplans restore {taken.name}" in failure.sentence
