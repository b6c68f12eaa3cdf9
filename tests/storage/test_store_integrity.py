"""A damaged database is noticed at start and before every backup, never pushes out the good
backups, and is set aside (never deleted) when a good backup is brought back; what a killed
step leaves behind is cleaned at the next start and never listed as a backup."""

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from actionplans.exporters.plan_json import write_plan_json
from actionplans.storage.backups import KEEP, backed_up, backup, list_backups
from actionplans.storage.errors import BadInput
from actionplans.storage.integrity import health
from actionplans.storage.store import Store
from tests.support.plans import make_plan


def fill(db_path: Path, plans: int = 10) -> None:
    store = Store.open(db_path)
    for n in range(plans):
        store.add_plan(make_plan(f"Plan {n}", recs=60, actions=3))
    store.close()


def damage(db_path: Path, pages: int = 20) -> None:
    """Overwrite `pages` pages in the middle of the file, as a failing disk might."""
    size = db_path.stat().st_size
    page = 4096
    assert size > page * (pages + 4), "too small to damage mid-file"
    with open(db_path, "r+b") as out:
        out.seek((size // page // 2 - pages // 2) * page)
        out.write(b"\xa5" * page * pages)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def good(db_path, plan_file_for):
    """A database with three plans and two good backups of it."""
    fill(db_path)
    store = Store.open(db_path)
    backup(store, "import")
    backup(store, "delete")
    store.close()
    return db_path


@pytest.fixture
def plan_file_for(tmp_path):
    path = tmp_path / "more.json"
    write_plan_json(make_plan("Another plan"), path)
    return path


def test_health_of_a_sound_database_says_nothing_is_wrong(good):
    found = health(good)
    assert found.damaged is False
    assert found.newest_good == list_backups(good)[0]


def test_a_damaged_database_is_refused_at_start_naming_the_newest_good_backup(good):
    newest = list_backups(good)[0]
    damage(good)
    found = health(good)
    assert found.damaged
    assert found.newest_good == newest
    assert str(good) in found.sentence and "damaged" in found.sentence
    assert "\n" not in found.sentence and "***" not in found.sentence  # one sentence
    assert newest.path.name in found.sentence
    with pytest.raises(BadInput, match="damaged"):
        Store.open(good)


def test_imports_into_a_damaged_database_exit_2_and_never_push_out_good_backups(
    good, cli, plan_file_for
):
    kept = {b.path.name: b.path.read_bytes() for b in list_backups(good)}
    damage(good)
    for _ in range(KEEP + 1):
        status, _, err = cli("import", str(plan_file_for))
        assert status == 2
        assert "damaged" in err and min(kept) < max(kept)
        assert max(kept) in err  # the newest good backup is offered
    assert {b.path.name: b.path.read_bytes() for b in list_backups(good)} == kept


def test_backup_refuses_a_database_that_went_bad_while_open(good):
    store = Store.open(good)
    before = files(good.parent / "backups")
    damage(good)
    store.conn.execute("PRAGMA shrink_memory")  # the damaged pages are read from the disk
    try:
        with pytest.raises(BadInput, match="damaged"):
            backup(store, "import")
        with pytest.raises(BadInput, match="damaged"):
            with backed_up(store, "import"):
                pass
    finally:
        store.close()
    assert files(good.parent / "backups") == before


def test_the_newest_good_backup_skips_damaged_ones(good):
    older, newest = list_backups(good)[1], list_backups(good)[0]
    damage(newest.path, pages=2)
    assert health(good).newest_good == older


@pytest.mark.parametrize("harm", ["damaged", "truncated", "garbage"])
def test_backups_and_restore_still_work_on_a_damaged_database(good, cli, harm):
    newest = list_backups(good)[0]
    if harm == "damaged":
        damage(good)
    elif harm == "truncated":
        good.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    else:
        good.write_bytes(b"this is not a database" * 1000)
    broken = good.read_bytes()
    status, out, _ = cli("list")
    assert status == 2
    status, out, _ = cli("backups")
    assert status == 0 and newest.path.name in out
    status, out, err = cli("restore", newest.path.name)
    assert status == 0, err
    assert "damaged" in out
    status, out, _ = cli("list")
    assert status == 0 and "Plan 0" in out and "Plan 2" in out
    aside = [p for p in (good.parent / "backups").iterdir() if "damaged" in p.name]
    assert [p.read_bytes() for p in aside if p.suffix == ".sqlite3"] == [broken]
    assert all("damaged" not in b.path.name for b in list_backups(good))


def test_restore_across_page_sizes(store, tmp_path):
    small = tmp_path / "small.sqlite3"
    conn = sqlite3.connect(small)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("VACUUM")
    conn.close()
    other = Store.open(small)
    other.add_plan(make_plan("From the small pages"))
    other.close()
    store.add_plan(make_plan("Here now"))
    from actionplans.usecases.backups import restore

    restore(store, small)
    assert [row.title for row in store.list_plans()] == ["From the small pages"]
    assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_restore_refuses_a_file_without_the_full_schema(store, tmp_path):
    store.add_plan(make_plan("Kept"))
    partial = tmp_path / "partial.sqlite3"
    full = Store.open(partial)
    full.close()
    conn = sqlite3.connect(partial)
    for table in ("updates", "meetings"):
        conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    only_plans = tmp_path / "only-plans.sqlite3"
    conn = sqlite3.connect(only_plans)
    conn.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    from actionplans.usecases.backups import restore

    for source, missing in ((partial, "meetings"), (only_plans, "actions")):
        with pytest.raises(BadInput, match=missing):
            restore(store, source)
        assert [row.title for row in store.list_plans()] == ["Kept"]


def test_restore_leaves_nothing_beside_the_backup_it_read(store, tmp_path):
    store.add_plan(make_plan("Kept"))
    source = backup(store, "import")
    folder = source.parent
    before = files(folder)
    from actionplans.usecases.backups import restore

    done = restore(store, source)
    assert files(folder) == sorted([*before, done.safety.name])
    assert not [n for n in files(folder) if n.endswith(("-wal", "-shm", "-journal"))]


KILLED_STEP = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, sys.argv[2])
    from actionplans.storage.backups import backed_up
    from actionplans.storage.store import Store
    store = Store.open(sys.argv[1])
    with backed_up(store, "import"):
        os._exit(9)  # killed in the middle of the step
    """
)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_killed_steps_are_cleaned_at_start_and_never_listed(good):
    before = list_backups(good)
    root = str(Path(__file__).parent.parent.parent)
    subprocess.run([sys.executable, "-c", KILLED_STEP, str(good), root], check=False)
    folder = good.parent / "backups"
    pid = dead_pid()
    stale = [
        f"plans-20260101-000000-000000-import.sqlite3.{pid}.partial",
        f"plans-20260101-000000-000000-import.sqlite3.{pid}.partial-journal",
        "plans-20251231-000000-000000-delete.sqlite3.partial",  # as earlier versions named them
        "plans-20251231-000000-000000-delete.sqlite3.partial-journal",
    ]
    for name in stale:
        (folder / name).write_bytes(b"half a copy")
    assert list_backups(good) == before  # the killed step's copy is not listed
    Store.open(good).close()
    assert files(folder) == sorted(b.path.name for b in before)


def test_a_running_step_keeps_its_copy_when_another_program_starts(good):
    store = Store.open(good)
    try:
        with backed_up(store, "import"):
            pending = files(good.parent / "backups")
            Store.open(good).close()  # the command started while the window imports
            assert files(good.parent / "backups") == pending
    finally:
        store.close()
    assert len(list_backups(good)) == 3


def test_the_damaged_databases_log_goes_aside_with_it_not_into_the_backup(good, cli):
    newest = list_backups(good)[0]
    store = Store.open(good)
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    store.add_plan(make_plan("Only in the log"))
    log = good.with_name(good.name + "-wal").read_bytes()
    store.close()  # checkpoints and removes the log: put it back, as a crash would leave it
    good.with_name(good.name + "-wal").write_bytes(log)
    with open(good, "r+b") as out:  # a damaged header: SQLite never reads the log
        out.write(b"\xa5" * 100)
    status, _, err = cli("restore", newest.path.name)
    assert status == 0, err
    _, out, _ = cli("list")
    assert "Only in the log" not in out and "Plan 9" in out
    aside = [p.name for p in (good.parent / "backups").iterdir() if "damaged" in p.name]
    assert any(name.endswith(".sqlite3-wal") for name in aside)
    check = sqlite3.connect(good)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def test_a_restore_over_a_damaged_database_cut_short_leaves_a_database_in_place(good, monkeypatch):
    from actionplans.storage import backups

    newest = list_backups(good)[0]
    damage(good)
    broken = good.read_bytes()
    real = os.replace

    def killed_at_the_last_step(src, dst):
        if Path(dst) == good:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(backups.os, "replace", killed_at_the_last_step)
    with pytest.raises(KeyboardInterrupt):
        backups.restore_over_damaged(good, newest.path)
    assert good.read_bytes() == broken  # still there, and offered the backup again
    assert health(good).newest_good == newest
    aside = list((good.parent / "backups").glob("*damaged*.sqlite3"))
    assert [p.read_bytes() for p in aside] == [broken]
    assert len(list_backups(good)) == 2  # the set-aside file is not a backup
    assert not [p for p in (good.parent / "backups").iterdir() if ".partial" in p.name]


def test_another_programs_write_lock_is_not_taken_for_damage(locked):
    store = Store.open(locked)  # the check reads while the other program holds the lock
    try:
        assert [row.title for row in store.list_plans()] == ["Action Plan: HMP Thematic"]
    finally:
        store.close()
    assert health(locked).damaged is False
