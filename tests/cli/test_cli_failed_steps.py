"""A step that fails part way (or is cut short) leaves the database and its backups as before."""

import pytest

from actionplans.cli import main
from actionplans.exporters.plan_json import write_plan_json
from actionplans.storage.backups import backup, list_backups
from actionplans.storage.errors import BadInput
from actionplans.storage.store import Store
from tests.support.plans import db_state, make_plan


@pytest.fixture
def full(db_path, tmp_path, capsys):
    """A database with one plan and the ten backups kept, the oldest of which must survive."""
    plan = tmp_path / "plan.json"
    write_plan_json(make_plan("Action Plan: Social care"), plan)
    for _ in range(10):
        assert main(["--db", str(db_path), "import", str(plan), "--as-new"]) == 0
    capsys.readouterr()
    return plan


def fail(*args, **kwargs):
    raise BadInput("The disk is full.")


@pytest.mark.parametrize(
    ("verb", "breaks"),
    [
        (("import", "PLAN", "--as-new"), "actionplans.storage.store.Store.link_meetings"),
        (("delete", "1"), "actionplans.storage.store.Store.record"),
    ],
)
def test_a_step_failing_after_its_backup_leaves_everything_as_before(
    full, db_path, monkeypatch, capsys, verb, breaks
):
    before = db_state(db_path)
    monkeypatch.setattr(breaks, fail)
    args = [str(full) if a == "PLAN" else a for a in verb]
    assert main(["--db", str(db_path), *args]) == 2
    assert capsys.readouterr().err == "actionplans: The disk is full.\n"
    assert db_state(db_path) == before  # no new backup, and the oldest one was not pruned


class CutShort:
    """A connection whose backup stops after its first page, as a killed process would."""

    def __init__(self, conn):
        self.conn = conn

    def __getattr__(self, name):  # everything else (the check before the copy) as it is
        return getattr(self.conn, name)

    def backup(self, target, **_):
        def stop(*_):
            raise KeyboardInterrupt

        self.conn.backup(target, pages=1, progress=stop)


def test_a_backup_cut_short_is_not_left_where_backups_are_listed(store, db_path):
    store.add_plan(make_plan(recs=300))
    store.conn, real = CutShort(store.conn), store.conn
    with pytest.raises(KeyboardInterrupt):
        backup(store, "import")
    store.conn = real
    assert list_backups(db_path) == []
    assert list((db_path.parent / "backups").iterdir()) == []
    assert Store.open(db_path).list_plans()
