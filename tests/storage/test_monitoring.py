"""Meetings, dated updates, RAG, slippage and the changes report."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.storage import edits
from actionplans.storage.errors import BadInput
from actionplans.storage.model import UPDATE_STATUSES, Action, Recommendation, Update
from actionplans.storage.monitoring import (
    add_meeting,
    add_update,
    changes,
    find_action,
    last_meeting,
    list_meetings,
    status_at_meetings,
)
from actionplans.storage.rules import current_rag, current_status, suggest_rag, target_label
from tests.support.plans import make_plan

TODAY = date(2026, 11, 22)


@pytest.fixture
def plan_id(store):
    return store.add_plan(make_plan(recs=3, actions=2))


def action_of(store, plan_id, ref, number):
    return edits.get_action(store, find_action(store, plan_id, ref, number))


def test_updates_are_kept_in_order_and_derive_the_status(store, plan_id):
    action_id = find_action(store, plan_id, "2", 1)
    add_update(store, action_id, status="in_progress", text="Started", on_date="2026-03-01")
    add_update(
        store,
        action_id,
        status="completed",
        text="Done",
        evidence="Signed MoU",
        on_date="2026-06-01",
    )
    action = edits.get_action(store, action_id)
    assert [(u.on_date, u.status, u.text) for u in action.updates] == [
        ("2026-03-01", "in_progress", "Started"),
        ("2026-06-01", "completed", "Done"),
    ]
    assert action.status == "completed"
    assert action.updates[1].evidence == "Signed MoU"
    assert action.updates[0].recorded_by and action.updates[0].recorded_at
    base = store.conn.execute("SELECT status FROM actions WHERE id = ?", (action_id,)).fetchone()
    assert base == ("open",)  # not stored twice: derived from the updates


def test_completing_needs_evidence_and_writes_nothing_without(store, plan_id):
    action_id = find_action(store, plan_id, "1", 2)
    with pytest.raises(BadInput, match="evidence"):
        add_update(store, action_id, status="completed", text="Done", evidence="  ")
    assert edits.get_action(store, action_id).updates == []


@pytest.mark.parametrize(
    ("status", "target", "expected"),
    [
        ("completed", "2019-03", "blue"),
        ("superseded", None, "blue"),
        ("in_progress", "2026-10", "red"),
        ("open", "2026-12-10", "amber"),
        ("in_progress", "2026-12-10", "green"),
        ("open", "2027-06", "green"),
        ("open", "ongoing", "green"),
        ("open", None, "green"),
    ],
)
def test_rag_is_suggested_from_status_and_target(status, target, expected):
    assert suggest_rag(status, target, TODAY) == expected


def test_rag_override_needs_a_reason(store, plan_id):
    action_id = find_action(store, plan_id, "1", 1)  # target March 2030: green
    with pytest.raises(BadInput, match="suggested rating is green"):
        add_update(store, action_id, status="in_progress", rag="red", today=TODAY)
    add_update(
        store,
        action_id,
        status="in_progress",
        rag="red",
        rag_reason="Funding withdrawn",
        today=TODAY,
    )
    action = edits.get_action(store, action_id)
    assert current_rag(action, TODAY) == "red"
    assert action.latest.rag_reason == "Funding withdrawn"
    add_update(store, action_id, status="in_progress", rag="green", today=TODAY)  # agrees
    assert edits.get_action(store, action_id).latest.rag is None


def test_a_new_target_is_recorded_as_slippage(store, plan_id):
    action_id = find_action(store, plan_id, "3", 2)
    add_update(
        store,
        action_id,
        status="in_progress",
        target="2030-09",
        target_text="Sept 2030",
        on_date="2026-10-01",
    )
    action = edits.get_action(store, action_id)
    assert (action.target, action.target_text) == ("2030-09", "Sept 2030")
    assert (action.latest.target_from, action.latest.target_to) == ("2030-03", "2030-09")
    report = changes(store, plan_id, date(2026, 9, 1), TODAY)
    assert [(s.action.label, s.by()) for s in report.slipped] == [("3.2", "6 months later")]


def test_meetings_and_the_changes_since_the_last_one(store, plan_id):
    add_meeting(store, "2026-03-01", "HMP Example PHSCPB", plan_ids=(plan_id,))
    add_meeting(store, "2026-06-01", "HMP Example PHSCPB", plan_ids=(plan_id,))
    add_meeting(store, "2026-07-01", "Another board")
    assert [m.meeting.held_on for m in list_meetings(store, plan_id)] == [
        "2026-03-01",
        "2026-06-01",
    ]
    assert last_meeting(store, plan_id, TODAY).held_on == "2026-06-01"
    a11, a12, a21 = (find_action(store, plan_id, r, n) for r, n in (("1", 1), ("1", 2), ("2", 1)))
    add_update(store, a11, status="in_progress", on_date="2026-04-01")  # before the meeting
    add_update(store, a11, status="completed", evidence="Audit", on_date="2026-07-01")
    add_update(store, a12, status="in_progress", on_date="2026-08-01")
    edits.update_action(store, a21, target="2026-09", target_text="September 2026")
    new = edits.add_action(
        store,
        store.get_plan(plan_id).recommendations[2].id,
        Action("New step", ["LA"], "2027-01", "January 2027"),
    )
    report = changes(store, plan_id, date(2026, 6, 1), TODAY)
    assert [(a.label, d, e) for a, d, e, _ in report.completed] == [("1.1", "2026-07-01", "Audit")]
    assert [(a.label, old, new_) for a, old, new_, _ in report.status_changes] == [
        ("1.1", "in_progress", "completed"),
        ("1.2", "open", "in_progress"),
    ]
    assert [a.label for a in report.newly_overdue] == ["2.1"]
    assert [a.action_id for a in report.new_actions] == [new]
    assert [a.label for a in report.no_update] == ["2.1", "2.2", "3.1", "3.2"]  # 3.3 is new
    chart = status_at_meetings(store, plan_id)
    assert chart[0] == ("2026-03-01", {"open": 6})  # the new step was not there yet
    assert chart[1][1] == {"open": 5, "in_progress": 1}


def test_slips_read_in_days_when_short_and_months_when_long():
    from actionplans.storage.monitoring import ActionLine, Slip

    line = ActionLine(1, "1", 1, "a", "", None, "")
    assert Slip(line, "2026-01-01", "2026-03-31", "2026-04-14").by() == "14 days later"
    assert Slip(line, "2026-01-01", "2026-03-31", "2028-06-30").by() == "27 months later"
    assert Slip(line, "2026-01-01", "2026-03", "2026-04").by() == "1 month later"
    assert Slip(line, "2026-01-01", "2026-05", "2026-03").by() == "2 months earlier"
    assert Slip(line, "2026-01-01", None, "2026-03").by() == "from no date"


def test_target_labels():
    assert [target_label(t) for t in ("2019-03", "2019-03-31", "ongoing", None)] == [
        "March 2019",
        "31 March 2019",
        "Ongoing",
        "no date",
    ]


update_steps = st.lists(
    st.tuples(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.sampled_from(UPDATE_STATUSES)),
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(steps=update_steps)
def test_any_sequence_of_updates_derives_the_latest_status(tmp_path_factory, steps):
    from actionplans.storage.store import Store

    store = Store.open(tmp_path_factory.mktemp("seq") / "db.sqlite3")
    plan = make_plan(recs=1, actions=1)
    plan_id = store.add_plan(plan)
    action_id = find_action(store, plan_id, "1", 1)
    for day, status in steps:
        day_after = date(2030, 1, 2)  # every generated day is in the past
        add_update(
            store, action_id, status=status, on_date=day.isoformat(), evidence="e", today=day_after
        )
    action = edits.get_action(store, action_id)
    latest = max(enumerate(steps), key=lambda s: (s[1][0], s[0]))[1][1] if steps else "open"
    assert action.status == ("completed" if latest == "superseded" else latest)
    assert current_status(action) == action.status
    assert [u.on_date for u in action.updates] == sorted(d.isoformat() for d, _ in steps)


def test_plan_json_keeps_every_update(store, plan_id, tmp_path):
    from actionplans.exporters.plan_json import write_plan_json
    from actionplans.importers import read_plan_file

    add_meeting(store, "2026-06-01", "Board", plan_ids=(plan_id,))
    action_id = find_action(store, plan_id, "1", 1)
    add_update(
        store,
        action_id,
        status="in_progress",
        text="Half way",
        on_date="2026-05-01",
        target="2031-01",
        rag="red",
        rag_reason="Staffing",
        today=TODAY,
    )
    plan = store.get_plan(plan_id)
    write_plan_json(plan, tmp_path / "plan.json")
    back = read_plan_file(tmp_path / "plan.json").plan
    assert back == plan
    assert back.recommendations[0].actions[0].updates[0] == Update(
        "2026-05-01",
        "in_progress",
        "Half way",
        None,
        "red",
        "Staffing",
        "2030-03",
        "2031-01",
        plan.recommendations[0].actions[0].updates[0].recorded_by,
        plan.recommendations[0].actions[0].updates[0].recorded_at,
    )
    assert back.meetings[0].held_on == "2026-06-01"
    assert isinstance(back.recommendations[0], Recommendation)
