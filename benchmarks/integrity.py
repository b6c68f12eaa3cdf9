"""What the store's self-check costs on a plan of 5,000 recommendations x 3 actions.

`PRAGMA quick_check` runs at every start and before every backup (storage/integrity.py). Two
baselines measured in the same run: the backup copy it guards (SQLite's backup API into a new
file), and opening the store and listing its plans with the check switched off (what
`actionplans list` cost before it). Targets: the check at most 2x the copy it guards; the
start's extra cost stated in README.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from _common import best_of, big_plan, report

from actionplans.storage import integrity
from actionplans.storage.store import Store


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        store = Store.open(db)
        with store.transaction():
            store.add_plan(big_plan())
        print(f"database: {db.stat().st_size / 1e6:.1f} MB")
        copies = iter(range(1000))

        def copy() -> None:
            dest = sqlite3.connect(Path(folder) / f"copy{next(copies)}.sqlite3")
            store.conn.backup(dest)
            dest.close()

        check = best_of(5, lambda: integrity.problem(store.conn))
        report("quick_check vs the backup copy", check, best_of(5, copy), "<= 2x")
        store.close()

        def open_and_list() -> None:
            opened = Store.open(db)
            opened.list_plans()
            opened.close()

        checked = best_of(5, open_and_list)
        sound = integrity.problem
        integrity.problem = lambda conn: None  # the start as it was before the check
        try:
            unchecked = best_of(5, open_and_list)
        finally:
            integrity.problem = sound
        report("open + list, checked vs unchecked", checked, unchecked, "cost in README")


if __name__ == "__main__":
    main()
