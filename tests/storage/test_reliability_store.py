"""Issue 17, items 2, 6 and 8: the store protects itself from damage and from what killed steps
leave, restore works whatever state the current database is in, and a fault's real cause is
what a person is told."""

from __future__ import annotations

import sqlite3

import pytest

from cli.main import main
from exporters.plan_json import write_plan_json
from storage import integrity, schema
from storage.backups import backed_up, backup, list_backups
from tests.support.plans import make_plan

PAGE = 4096


@pytest.fixture
def run(db_path, capsys):
    def call(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *args])
        out = capsys.readouterr()
        return status, out.out, out.err

    return call


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    write_plan_json(make_plan("Action Plan: HMP Backup", recs=300), path)
    return path


def damage(db_path) -> None:
    """Twenty pages overwritten mid-file, as a disk fault or a stray write would."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
    conn.close()
    with open(db_path, "r+b") as handle:
        handle.seek(PAGE * 4)
        handle.write(b"\xa5" * PAGE * 20)


def test_a_damaged_database_is_said_and_never_backed_up_over_good_ones(run, db_path, plan_file):
    for _ in range(3):
        assert run("import", "--as-new", str(plan_file))[0] == 0
    good = [b.path.name for b in list_backups(db_path)]
    assert len(good) == 3
    damage(db_path)
    for _ in range(11):
        status, out, err = run("import", "--as-new", str(plan_file))
        assert status == 2
        assert "is damaged" in err and good[0] in err, err  # the newest good backup, offered
    assert [b.path.name for b in list_backups(db_path)] == good
    health = integrity.health(db_path)
    assert health.damaged and health.newest_good is not None
    assert health.newest_good.path.name == good[0]


def test_a_truncated_database_is_restored_from_its_newest_good_backup(run, db_path, plan_file):
    run("import", "--as-new", str(plan_file))
    run("import", "--as-new", str(plan_file))
    newest = list_backups(db_path)[0].path.name
    with open(db_path, "r+b") as handle:
        handle.truncate(PAGE * 3)
    status, out, err = run("restore", newest)
    assert status == 0, err
    status, out, err = run("list")
    assert status == 0 and out.count("Action Plan: HMP Backup") == 1


def test_a_backup_with_another_page_size_is_restored(run, db_path, plan_file, tmp_path):
    run("import", "--as-new", str(plan_file))
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("VACUUM")
    source = sqlite3.connect(db_path)
    source.backup(conn)
    source.close()
    conn.close()
    run("import", "--as-new", str(plan_file))
    status, out, err = run("restore", str(other))
    assert status == 0, err
    assert run("list")[1].count("Action Plan: HMP Backup") == 1


def test_a_file_with_only_a_plans_table_is_refused(run, db_path, plan_file, tmp_path):
    run("import", "--as-new", str(plan_file))
    partial = tmp_path / "partial.sqlite3"
    conn = sqlite3.connect(partial)
    conn.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    status, _, err = run("restore", str(partial))
    assert status == 2 and "it lacks action_owners, actions" in err
    assert run("list")[1].count("Action Plan: HMP Backup") == 1


def test_restore_leaves_nothing_beside_the_backup_it_read(run, db_path, plan_file):
    run("import", "--as-new", str(plan_file))
    run("import", "--as-new", str(plan_file))
    source = list_backups(db_path)[-1].path
    assert run("restore", source.name)[0] == 0
    assert sorted(p.name for p in source.parent.glob(source.name + "*")) == [source.name]


def test_ten_good_backups_are_never_pruned_for_a_killed_steps_copy(store, db_path):
    store.add_plan(make_plan())
    for _ in range(10):
        backup(store, "import")
    good = list_backups(db_path)
    for _ in range(3):
        with pytest.raises(KeyboardInterrupt), backed_up(store, "import"):
            raise KeyboardInterrupt
    assert list_backups(db_path) == good


def test_the_real_cause_of_a_failed_step_is_not_hidden_by_the_rollback(store):
    """SQLite rolls back by itself on a full disk; ROLLBACK then failed with 'cannot rollback -
    no transaction is active', and that hid the cause."""
    with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
        with store.transaction():
            store.conn.execute("ROLLBACK")  # what SQLite does itself on SQLITE_FULL
            raise sqlite3.OperationalError("database or disk is full")
    assert not store.conn.in_transaction


def test_a_read_only_backups_folder_is_named_not_the_database(run, db_path, plan_file, monkeypatch):
    """The backups folder cannot be written (read-only, or not allowed): the sentence names
    the folder, where it once said the database could not be opened. SQLite's refusal is
    simulated, as the tests run as a user no permission stops."""
    assert run("import", str(plan_file))[0] == 0
    connect = sqlite3.connect

    def refuse_in_backups(path, *args, **kwargs):
        if str(path).endswith(".partial"):
            raise sqlite3.OperationalError("unable to open database file")
        return connect(path, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", refuse_in_backups)
    status, out, err = run("import", "--as-new", str(plan_file))
    folder = integrity.backup_folder(db_path)
    assert status == 2
    assert f"{folder}: cannot write the backup" in err and "nothing was changed" in err, err
    assert "cannot be opened" not in err
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert len(run("list")[1].strip().splitlines()) == 2  # one plan, as before


def test_a_database_of_this_version_lacking_tables_is_a_sentence(run, db_path):
    """A file claiming this schema version but holding only a `plans` table, opened as the
    database: every job ends in a sentence saying so, not 'something unexpected'."""
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO plans (title) VALUES ('Action Plan: HMP Partial')")
    conn.execute(f"PRAGMA user_version = {schema.LATEST}")
    conn.commit()
    conn.close()
    for verb in (("list",), ("check", "1"), ("owners",)):
        status, out, err = run(*verb)
        assert status == 2, (verb, out, err)
        assert f"{db_path}: is not a whole actionplans database (no such" in err, err
        assert "unexpected" not in err
