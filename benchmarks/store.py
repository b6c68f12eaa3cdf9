"""Store a plan of 5,000 recommendations x 3 actions, and search it.

Baseline, measured in the same run: a bare `sqlite3` executemany of the same rows (one table of
recommendations, one of actions) with the same journal settings. Targets: store at most 3x the
baseline; a search under 50 ms.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from _common import best_of, big_plan, report

from storage.queries import search
from storage.store import Store


def bare_insert(path: Path, plan) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS r (id INTEGER PRIMARY KEY, ref, text, decision)")
    conn.execute("CREATE TABLE IF NOT EXISTS a (id INTEGER PRIMARY KEY, r, text, owners, target)")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO r (ref, text, decision) VALUES (?, ?, ?)",
        [(r.ref, r.text, r.decision) for r in plan.recommendations],
    )
    conn.executemany(
        "INSERT INTO a (r, text, owners, target) VALUES (?, ?, ?, ?)",
        [
            (i, a.text, "\n".join(a.owners), a.target)
            for i, r in enumerate(plan.recommendations)
            for a in r.actions
        ],
    )
    conn.execute("COMMIT")
    conn.close()


def main() -> None:
    plan = big_plan()
    with tempfile.TemporaryDirectory() as folder:
        counter = iter(range(100))
        baseline = best_of(3, lambda: bare_insert(Path(folder) / f"bare{next(counter)}.db", plan))
        store = Store.open(Path(folder) / "store.sqlite3")
        stored = best_of(3, lambda: store.add_plan(plan))
        report("store 5,000 x 3", stored, baseline, "<= 3x")
        for words in ("memorandum 4999", "prison directorate", "smooth transfer"):
            start = time.perf_counter()
            hits = search(store, words)
            took = time.perf_counter() - start
            print(f"search '{words}': {len(hits)} hits in {took * 1000:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
