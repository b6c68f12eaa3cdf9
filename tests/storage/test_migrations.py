"""Every earlier schema, frozen as a file under fixtures/schemas, must open in this version.

When a migration is added, freeze a database of the version before it here (`vN.sqlite3`,
holding a plan named "Frozen vN plan") so this test keeps migrating it.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest

from actionplans.storage import schema
from actionplans.storage.backups import list_backups
from actionplans.storage.errors import BadInput
from actionplans.storage.queries import search
from actionplans.storage.store import Store

FROZEN = sorted((Path(__file__).parent.parent / "fixtures" / "schemas").glob("v*.sqlite3"))


def test_a_new_database_is_created_at_the_latest_version(db_path):
    store = Store.open(db_path)
    assert schema.version(store.conn) == schema.LATEST
    assert list_backups(db_path) == []  # nothing to back up in a new file


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda p: p.stem)
def test_every_frozen_schema_migrates_and_keeps_its_plans(frozen, tmp_path):
    db = tmp_path / "old.sqlite3"
    shutil.copy(frozen, db)
    old_version = sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0]
    store = Store.open(db)
    assert schema.version(store.conn) == schema.LATEST
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    (row,) = store.list_plans()
    assert row.title == f"Frozen {frozen.stem} plan"
    assert store.get_plan(row.id).recommendations[0].actions[0].owners[0] == "Prison Directorate"
    assert [h.ref for h in search(store, "social care")] == ["1", "2", "3"]  # index rebuilt
    assert {"meetings", "meeting_plans", "updates"} <= schema.table_names(store.conn)
    assert "marking" in schema.columns(store.conn, "plans")
    backups = list_backups(db)
    assert [b.reason for b in backups] == (["migration"] if old_version < schema.LATEST else [])


def test_a_database_from_a_newer_version_is_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    with pytest.raises(BadInput, match="newer version of actionplans"):
        Store.open(db_path)


def test_a_failing_migration_rolls_back(db_path, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    Store.open(db_path, migrate=False)
    conn = sqlite3.connect(db_path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    assert schema.version(conn) == schema.LATEST - 1
    assert (
        conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    )


def test_version_3_adds_kinds_short_names_judgements_and_verifications(db_path):
    store = Store.open(db_path)
    assert "kind" in schema.columns(store.conn, "recommendations")
    assert "short_name" in schema.columns(store.conn, "plans")
    assert {"judgements", "verifications"} <= schema.table_names(store.conn)
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO plans (title, created_at) VALUES ('x', 'now')")
        store.conn.execute(
            "INSERT INTO recommendations (plan_id, position, ref, kind) VALUES (1, 0, '1', 'idea')"
        )
