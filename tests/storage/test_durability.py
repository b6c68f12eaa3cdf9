"""Two writers at once, and a process killed mid-import: no lost write, no half plan."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from actionplans.exporters.plan_json import write_plan_json
from actionplans.storage.store import Store
from tests.support.plans import make_plan

ROOT = Path(__file__).resolve().parent.parent.parent


def python(code: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_the_same_database_lose_nothing(db_path):
    Store.open(db_path).close()
    writer = """
        import sys
        from actionplans.storage import edits
        from actionplans.storage.store import Store
        from tests.support.plans import make_plan
        store = Store.open(sys.argv[1] if len(sys.argv) > 1 else {db!r})
        for i in range(15):
            plan_id = store.add_plan(make_plan("{tag} %d" % i, recs=5, actions=2))
            rec = store.get_plan(plan_id).recommendations[0]
            edits.update_recommendation(store, rec.id, decision="Not Agreed")
        print("done")
    """
    procs = [python(writer.format(db=str(db_path), tag=tag)) for tag in ("A", "B")]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = Store.open(db_path)
    rows = store.list_plans()
    assert len(rows) == 30
    assert all(r.not_agreed == 1 and r.total == 5 for r in rows)
    assert store.conn.execute(
        "SELECT count(*) FROM history WHERE field = 'decision'"
    ).fetchone() == (30,)


def integrity(db_path) -> tuple[str, int, list]:
    conn = sqlite3.connect(db_path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        plans = conn.execute("SELECT count(*) FROM plans").fetchone()[0]
        recs = conn.execute(
            "SELECT plan_id, count(*) FROM recommendations GROUP BY plan_id"
        ).fetchall()
        return check, plans, recs
    finally:
        conn.close()


def test_killed_inside_the_import_transaction_leaves_no_plan(db_path):
    Store.open(db_path).add_plan(make_plan("Already there", recs=2, actions=1))
    proc = python(f"""
        import time
        from actionplans.storage.store import Store
        from tests.support.plans import make_plan
        original = Store.insert_recommendations
        def insert_then_hang(self, *args, **kwargs):
            ids = original(self, *args, **kwargs)
            print("inserted", flush=True)  # every row written, nothing committed yet
            time.sleep(60)
            return ids
        Store.insert_recommendations = insert_then_hang
        Store.open({str(db_path)!r}).add_plan(make_plan("Big", recs=2000, actions=3))
    """)
    assert proc.stdout.readline().strip() == "inserted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert integrity(db_path) == ("ok", 1, [(1, 2)])
    store = Store.open(db_path)  # opens and recovers the WAL as the next start would
    assert [r.title for r in store.list_plans()] == ["Already there"]


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9])
def test_killed_at_any_moment_of_a_command_line_import(db_path, tmp_path, delay):
    big = tmp_path / "big.json"
    write_plan_json(make_plan("Big", recs=3000, actions=3), big)
    Store.open(db_path).close()  # an existing database, as on any day but the first
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "--db", str(db_path), "import", str(big)], cwd=ROOT
    )
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    check, plans, recs = integrity(db_path)
    assert check == "ok"
    assert recs == ([(1, 3000)] if plans else [])  # all of the plan, or none of it
