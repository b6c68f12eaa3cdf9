"""`changes` on a plan of 5,000 recommendations x 3 actions with 10 meetings of updates each.

Baseline, measured in the same run: a bare SQL query listing the same updates (those since the
last meeting, with their action and recommendation). Targets: at most 3x, and under 300 ms.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from _common import best_of, big_plan, report

from actionplans.storage.model import Update
from actionplans.storage.monitoring import add_meeting, changes
from actionplans.storage.store import INSERT_UPDATE, Store

MEETINGS = [date(2025, month, 1) for month in range(1, 11)]
STATUSES = ["open", "in_progress", "in_progress", "completed"]


def fill(store: Store) -> int:
    plan_id = store.add_plan(big_plan())
    action_ids = [row[0] for row in store.conn.execute("SELECT id FROM actions")]
    with store.transaction():
        for number, held_on in enumerate(MEETINGS):
            add_meeting(store, held_on.isoformat(), "Benchmark board", plan_ids=(plan_id,))
            rows = [
                store.update_row(
                    action_id,
                    Update(
                        on_date=held_on.replace(day=number % 20 + 2).isoformat(),
                        status=STATUSES[(action_id + number) % 4],
                        text=f"Update {number} on action {action_id}",
                        evidence="Minutes",
                    ),
                )
                for action_id in action_ids
            ]
            store.conn.executemany(INSERT_UPDATE, rows)
    return plan_id


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "changes.sqlite3")
        plan_id = fill(store)
        since = MEETINGS[-1]
        bare_sql = (
            "SELECT u.*, a.text, r.ref FROM updates u JOIN actions a ON a.id = u.action_id "
            "JOIN recommendations r ON r.id = a.recommendation_id "
            "WHERE r.plan_id = ? AND u.on_date >= ? ORDER BY u.on_date, u.id"
        )
        baseline = best_of(
            5, lambda: store.conn.execute(bare_sql, (plan_id, since.isoformat())).fetchall()
        )
        took = best_of(5, lambda: changes(store, plan_id, since, date(2025, 11, 22)))
        result = changes(store, plan_id, since, date(2025, 11, 22))
        print(
            f"{len(result.status_changes)} status changes, {len(result.no_update)} without update"
        )
        report("changes, 150,000 updates", took, baseline, "<= 3x and < 300 ms")


if __name__ == "__main__":
    main()
