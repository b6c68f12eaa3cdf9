"""Shared fixtures: a fresh database per test and small plans built to order."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from storage.model import Action, Plan, Recommendation  # noqa: E402
from storage.store import Store  # noqa: E402


def make_plan(title: str = "Action Plan: HMP Thematic", recs: int = 3, actions: int = 2) -> Plan:
    """A plan with `recs` recommendations of `actions` actions each, in two sections."""
    return Plan(
        title=title,
        responds_to="HMIP Inspection",
        report_published="2018-10-16",
        submitted="2018-12-17",
        recommendations=[
            Recommendation(
                ref=str(r + 1),
                section="Strategic" if r < 2 else "Operational",
                text=f"Recommendation {r + 1} about social care in prisons.",
                decision="Agreed",
                actions=[
                    Action(
                        text=f"Action {a + 1} of recommendation {r + 1}.",
                        owners=["Prison Directorate", f"Owner {a}"],
                        target="2030-03",
                        target_text="March 2030",
                    )
                    for a in range(actions)
                ],
            )
            for r in range(recs)
        ],
    )


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
    from cli import main

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *args])
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


@pytest.fixture
def plan() -> Plan:
    return make_plan()


def db_state(db_path: Path) -> tuple:
    """Every row a step could touch, the search index and the backups folder (leftovers
    included), to compare before and after a step that must leave them as they were."""
    conn = sqlite3.connect(db_path)
    try:
        tables = ("plans", "sections", "recommendations", "actions", "action_owners", "history")
        rows = tuple(conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables)
        index = conn.execute("SELECT rowid, body FROM search_index ORDER BY rowid").fetchall()
    finally:
        conn.close()
    return rows, index, sorted(p.name for p in (Path(db_path).parent / "backups").glob("*"))


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
