"""Shared fixtures: a fresh database per test and small plans built to order."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from actionplans.storage.model import Plan  # noqa: E402
from actionplans.storage.store import Store  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "plans.sqlite3"


@pytest.fixture
def store(db_path):
    store = Store.open(db_path)
    yield store
    store.close()


@pytest.fixture
def cli(db_path, capsys):
    """Run the command in-process on the test's database: `cli("list")` -> (exit, out, err)."""
    from actionplans.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *args])
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


@pytest.fixture
def plan() -> Plan:
    return make_plan()


HOLD_THE_LOCK = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    sys.stdin.read()  # until the test closes our stdin
    conn.execute("ROLLBACK")
    """
)


@pytest.fixture
def locked(db_path, store):
    """The database with a plan in it, and another process holding its write lock."""
    store.add_plan(make_plan())
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"
    yield db_path
    holder.stdin.close()
    holder.wait(timeout=30)


OLD_TOP_LEVEL = ("storage", "importers", "exporters", "usecases", "cli", "gui", "resources")


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if anything imported a package by its old top-level name: from the
    repository root `import cli` still finds the folder, so such an import passes here and
    breaks the installed and frozen program, where only `actionplans.cli` exists."""
    strays = sorted(name for name in OLD_TOP_LEVEL if name in sys.modules)
    if strays:
        print(f"\nimported by their old top-level names: {', '.join(strays)}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
