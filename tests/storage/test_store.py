from datetime import date

import pytest

from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.store import Store
from tests.support.plans import make_plan


def test_plan_round_trips_through_the_store(store, plan):
    plan_id = store.add_plan(plan)
    back = store.get_plan(plan_id)
    assert back == plan
    assert back.id == plan_id
    assert [r.section for r in back.recommendations] == ["Strategic", "Strategic", "Operational"]
    assert back.recommendations[0].actions[0].owners == ["Prison Directorate", "Owner 0"]


def test_owner_order_and_empty_plan_survive(store):
    plan = Plan(
        "Empty", recommendations=[Recommendation("2a", actions=[Action(owners=["Z", "A"])])]
    )
    assert store.get_plan(store.add_plan(plan)).recommendations[0].actions[0].owners == ["Z", "A"]


def test_pragmas_make_saved_changes_durable(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.journal_note is None


def test_network_drive_falls_back_to_rollback_journal(tmp_path, monkeypatch):
    monkeypatch.setattr("actionplans.storage.store.is_network_path", lambda path: True)
    store = Store.open(tmp_path / "share.sqlite3")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert "network drive" in store.journal_note


def test_list_plans_counts_decisions_open_and_overdue(store):
    plan = make_plan(recs=3, actions=1)
    plan.recommendations[1].decision = "Not Agreed"
    plan.recommendations[2].decision = None
    plan.recommendations[0].actions[0].target = "2019-03"  # passed
    plan.recommendations[1].actions[0].status = "completed"
    store.add_plan(plan)
    (row,) = store.list_plans(today=date(2026, 1, 1))
    assert (row.agreed, row.partly_agreed, row.not_agreed, row.undecided, row.total) == (
        1,
        0,
        1,
        1,
        3,
    )
    assert (row.open_actions, row.overdue_actions) == (2, 1)


def test_find_plan_by_id_or_unambiguous_prefix(store):
    a = store.add_plan(make_plan("Action Plan: Social care"))
    b = store.add_plan(make_plan("Action Plan: Accommodation"))
    assert store.find_plan(str(b)) == b
    assert store.find_plan("action plan: soc") == a
    with pytest.raises(BadInput, match="matches 2 plans"):
        store.find_plan("Action Plan")
    with pytest.raises(BadInput, match="No plan"):
        store.find_plan("Nothing_%")


def test_delete_removes_everything_of_the_plan(store, plan):
    keep = store.add_plan(make_plan("Other"))
    gone = store.add_plan(plan)
    store.delete_plan(gone)
    counts = {
        t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("plans", "recommendations", "actions", "action_owners", "search_index")
    }
    assert counts == {
        "plans": 1,
        "recommendations": 3,
        "actions": 6,
        "action_owners": 12,
        "search_index": 3,
    }
    assert store.get_plan(keep).title == "Other"


def test_failed_add_leaves_nothing_behind(store):
    bad = make_plan()
    bad.recommendations[2].decision = "Maybe"  # refused by the schema's CHECK
    with pytest.raises(Exception, match="CHECK"):
        store.add_plan(bad)
    assert store.conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 0


def test_unopenable_database_is_bad_input(tmp_path):
    path = tmp_path / "not.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BadInput, match="the database is damaged"):
        Store.open(path)


def test_the_mount_holding_a_path_decides_whether_it_is_a_network_share():
    from pathlib import Path

    from actionplans.storage.location import mount_type

    mounts = (
        "/dev/sda1 / ext4 rw 0 0\n"
        "//server/plans /mnt/shared cifs rw 0 0\n"
        "server:/home /mnt/shared/home\\040dir nfs4 rw 0 0\n"
    )
    assert mount_type(Path("/home/sec/plans.sqlite3"), mounts) == "ext4"
    assert mount_type(Path("/mnt/shared/board/plans.sqlite3"), mounts) == "cifs"
    assert mount_type(Path("/mnt/shared/home dir/plans.sqlite3"), mounts) == "nfs4"
    assert mount_type(Path("/mnt/sharedother/plans.sqlite3"), mounts) == "ext4"


def test_kind_and_short_name_are_kept(store, plan):
    plan.short_name = "HMP Thematic – Social Care"
    plan.recommendations[0].kind = "priority concern"
    back = store.get_plan(store.add_plan(plan))
    assert back.short_name == "HMP Thematic – Social Care"
    assert [r.kind for r in back.recommendations] == [
        "priority concern",
        "recommendation",
        "recommendation",
    ]
