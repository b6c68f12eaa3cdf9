"""Databases holding what an older version let in, for the tests that read them back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from actionplans.cli import main
from actionplans.storage import monitoring
from actionplans.storage.backups import list_backups
from actionplans.storage.store import Store
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


def assert_import_refused(db_path: Path, capsys, bad: Path, message: str) -> None:
    """`actionplans import BAD` into a database holding one plan: exit 2, one sentence naming
    the file and saying `message`, no traceback, the plans as they were and no backup taken
    (the file is refused before anything is written)."""
    store = Store.open(db_path)
    store.add_plan(make_plan("Existing"))
    before = [store.get_plan(r.id) for r in store.list_plans()]
    store.close()
    status = main(["--db", str(db_path), "import", str(bad)])
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and bad.name in err
    assert "Traceback" not in err
    after = Store.open(db_path)
    assert [after.get_plan(r.id) for r in after.list_plans()] == before
    assert list_backups(db_path) == []
