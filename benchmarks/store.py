"""Store a plan of 5,000 recommendations x 3 actions, and search it.

Two baselines, measured in the same run, with the same journal settings (WAL, synchronous=FULL):
- the issue's: a bare `sqlite3` executemany of the plan's rows into two plain tables (one of
  recommendations, one of actions), with no indexes, owners, search index or foreign keys;
- the same rows the store writes (recommendations, actions, owners, the full-text index) put
  into the store's own schema by bare executemany calls: what SQLite itself costs for them, so
  the ratio shows the store's own overhead.
Targets: store at most 3x the baseline; a search under 50 ms. CPU time is printed beside wall
time because the CPU time is what a busy shared machine disturbs least.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from itertools import count
from pathlib import Path

from _common import big_plan

from actionplans.storage.queries import search
from actionplans.storage.store import Store, index_body


def timed(runs: int, func) -> tuple[float, float]:
    """Best wall and best CPU seconds over `runs` calls of `func()`, which gets a fresh path."""
    wall = cpu = float("inf")
    for _ in range(runs):
        prepare = func()
        w, c = time.perf_counter(), time.process_time()
        prepare()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def plain_tables(folder: Path, plan, n: count):
    recs = [(r.ref, r.text, r.decision) for r in plan.recommendations]
    acts = [
        (i, a.text, "\n".join(a.owners), a.target)
        for i, r in enumerate(plan.recommendations)
        for a in r.actions
    ]

    def setup():
        conn = connect(folder / f"bare{next(n)}.db")
        conn.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, ref, text, decision)")
        conn.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, r, text, owners, target)")

        def run():
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO r (ref, text, decision) VALUES (?, ?, ?)", recs)
            conn.executemany("INSERT INTO a (r, text, owners, target) VALUES (?, ?, ?, ?)", acts)
            conn.execute("COMMIT")

        return run

    return setup


def same_schema(folder: Path, plan, n: count):
    """The store's rows, precomputed, written by bare executemany into the store's schema."""
    owners = {
        name: i
        for i, name in enumerate(
            sorted({o for r in plan.recommendations for a in r.actions for o in a.owners}), 1
        )
    }
    recs, acts, links, index, a_id = [], [], [], [], 0
    for r_id, rec in enumerate(plan.recommendations, 1):
        recs.append((r_id, 1, None, r_id, rec.ref, rec.text, rec.decision, rec.reason, rec.kind))
        index.append((r_id, index_body(rec), 1))
        for pos, action in enumerate(rec.actions):
            a_id += 1
            acts.append((a_id, r_id, pos, action.text, action.target, action.target_text, "open"))
            links.extend((a_id, i, owners[o]) for i, o in enumerate(action.owners))

    def setup():
        path = folder / f"schema{next(n)}.db"
        Store.open(path).close()
        conn = connect(path)
        conn.execute("PRAGMA foreign_keys = ON")

        def run():
            conn.execute("BEGIN")
            conn.execute("INSERT INTO plans (id, title, created_at) VALUES (1, 'b', 'now')")
            conn.executemany(
                "INSERT INTO owners VALUES (?, ?)", [(i, o) for o, i in owners.items()]
            )
            conn.executemany("INSERT INTO recommendations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", recs)
            conn.executemany("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?)", acts)
            conn.executemany("INSERT INTO action_owners VALUES (?, ?, ?)", links)
            conn.executemany(
                "INSERT INTO search_index (rowid, body, plan_id) VALUES (?, ?, ?)", index
            )
            conn.execute("COMMIT")

        return run

    return setup


def the_store(folder: Path, plan, n: count):
    def setup():
        store = Store.open(folder / f"store{next(n)}.sqlite3")
        return lambda: store.add_plan(plan)

    return setup


def main() -> None:
    plan = big_plan()
    n = count()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        plain = timed(5, plain_tables(folder, plan, n))
        schema = timed(5, same_schema(folder, plan, n))
        store = timed(5, the_store(folder, plan, n))
        for label, base in (
            ("two plain tables", plain),
            ("the same rows in the same schema", schema),
        ):
            print(
                f"store 5,000 x 3 vs {label}: wall {store[0] * 1000:.0f} / {base[0] * 1000:.0f} ms"
                f" = {store[0] / base[0]:.2f}x, CPU {store[1] * 1000:.0f} / {base[1] * 1000:.0f} ms"
                f" = {store[1] / base[1]:.2f}x (target <= 3x)"
            )
        db = Store.open(folder / "search.sqlite3")
        db.add_plan(plan)
        for words in ("memorandum 4999", "prison directorate", "smooth transfer"):
            start = time.perf_counter()
            hits = search(db, words)
            took = time.perf_counter() - start
            print(f"search '{words}': {len(hits)} hits in {took * 1000:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
