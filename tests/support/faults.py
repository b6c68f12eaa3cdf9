"""Databases holding what an older version let in, for the tests that read them back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage import monitoring
from storage.store import Store
from tests.support.plans import make_plan


def stored_with_bad_dates(db_path: Path) -> None:
    """What an older version let in: impossible targets, a meeting on 0000-00-00 and an update
    on 31 February, written straight into the tables."""
    store = Store.open(db_path)
    plan_id = store.add_plan(make_plan())
    monitoring.add_meeting(store, "2020-01-01", plan_ids=(plan_id,))
    store.close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE actions SET target = '2027-02-31' WHERE position = 0")
        conn.execute("UPDATE actions SET target = '0000-00' WHERE position = 1")
        conn.execute("UPDATE plans SET submitted = '2019-02-30'")
        conn.execute("UPDATE meetings SET held_on = '0000-00-00'")
        conn.execute(
            "INSERT INTO updates (action_id, on_date, status, text, recorded_by, recorded_at) "
            "SELECT id, '2019-02-31', 'in_progress', 'Begun', 'me', 'then' FROM actions"
        )
    conn.close()
