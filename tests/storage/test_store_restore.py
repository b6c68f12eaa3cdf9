"""Restoring a backup: only an actionplans database this version can read replaces the plans."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from actionplans.storage import schema
from actionplans.storage.backups import backup, list_backups, restore
from actionplans.storage.errors import BadInput
from actionplans.storage.store import Store
from tests.support.plans import make_plan

V1 = Path(__file__).parent.parent / "fixtures" / "schemas" / "v1.sqlite3"


def titles(store):
    return [row.title for row in store.list_plans()]


@pytest.fixture
def kept(store):
    store.add_plan(make_plan("Kept"))
    return store


def newer(tmp_path, store):
    path = backup(store, "import")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.commit()
    conn.close()
    return path


def empty(tmp_path, store):
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    return path


def other_program(tmp_path, store):
    path = tmp_path / "notes.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (newer, "was written by a newer version of actionplans"),
        (empty, "is not an actionplans database"),
        (other_program, "is not an actionplans database"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_a_backup_this_version_cannot_use_is_refused_and_nothing_changes(
    kept, tmp_path, make, message
):
    source = make(tmp_path, kept)
    before = [b.path for b in list_backups(kept.path)]
    with pytest.raises(BadInput, match=message) as caught:
        restore(kept, source)
    assert str(source) in str(caught.value)
    assert titles(kept) == ["Kept"]
    assert schema.version(kept.conn) == schema.LATEST
    assert [b.path for b in list_backups(kept.path)] == before  # no safety copy either
    kept.close()
    assert titles(Store.open(kept.path)) == ["Kept"]  # and it still opens


def test_a_backup_from_an_older_schema_comes_back_migrated(kept, tmp_path):
    old = shutil.copy(V1, tmp_path / "old.sqlite3")
    restore(kept, old)
    assert titles(kept) == ["Frozen v1 plan"]
    assert schema.version(kept.conn) == schema.LATEST


def test_a_name_start_matching_several_backups_asks_for_more(kept):
    backup(kept, "import")
    backup(kept, "delete")
    with pytest.raises(BadInput, match="matches 2 backups"):
        restore(kept, Path("plans-"))
    assert titles(kept) == ["Kept"]
