"""What changed between two meetings, at the edges: a target retyped in other words, an
update on the meeting day, a completion taken back, a target moved twice, a new action."""

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.storage import edits
from actionplans.storage.model import UPDATE_STATUSES, Action
from actionplans.storage.monitoring import (
    add_meeting,
    add_update,
    changes,
    find_action,
    status_at_meetings,
)
from actionplans.storage.rules import suggest_rag
from actionplans.storage.store import Store
from tests.support.plans import make_plan

MEETING = date(2026, 6, 1)
TODAY = date(2026, 7, 15)


@pytest.fixture
def plan_id(store):
    return store.add_plan(make_plan(recs=2, actions=2))  # every target "March 2030"


def action(store, plan_id, ref, number):
    return find_action(store, plan_id, ref, number)


def test_a_target_retyped_as_its_last_day_is_not_slippage(store, plan_id):
    a11 = action(store, plan_id, "1", 1)
    add_update(store, a11, status="in_progress", target="2030-03-31", on_date="2026-06-10")
    moved = edits.get_action(store, a11)
    assert (moved.target, moved.target_text, moved.latest.target_to) == (
        "2030-03",
        "March 2030",
        None,
    )
    assert changes(store, plan_id, MEETING, TODAY).slipped == []


def test_a_completion_taken_back_is_not_newly_completed(store, plan_id):
    a11, a12 = action(store, plan_id, "1", 1), action(store, plan_id, "1", 2)
    add_update(store, a11, status="completed", evidence="Audit", on_date="2026-06-05")
    add_update(store, a11, status="in_progress", text="Recorded in error", on_date="2026-06-10")
    add_update(store, a12, status="in_progress", on_date="2026-06-05")
    add_update(store, a12, status="completed", evidence="Draft", on_date="2026-06-08")
    add_update(store, a12, status="in_progress", text="Not signed off", on_date="2026-06-09")
    add_update(store, a12, status="completed", evidence="Signed policy", on_date="2026-06-12")
    add_update(
        store, a12, status="completed", evidence="Signed policy, filed", on_date="2026-07-02"
    )
    report = changes(store, plan_id, MEETING, TODAY)
    assert [(a.label, day, evidence) for a, day, evidence, _ in report.completed] == [
        ("1.2", "2026-06-12", "Signed policy")
    ]
    assert [(a.label, old, new, day) for a, old, new, day in report.status_changes] == [
        ("1.1", "open", "in_progress", "2026-06-10"),
        ("1.2", "open", "completed", "2026-06-12"),
    ]


def test_a_target_moved_twice_is_one_slip_from_the_meetings_target(store, plan_id):
    a21, a22 = action(store, plan_id, "2", 1), action(store, plan_id, "2", 2)
    add_update(store, a21, status="open", target="2030-06", on_date="2026-06-05")
    add_update(store, a21, status="open", target="2030-09", on_date="2026-06-20")
    add_update(store, a22, status="open", target="2030-06", on_date="2026-06-05")
    add_update(store, a22, status="open", target="2030-03", on_date="2026-06-20")  # moved back
    report = changes(store, plan_id, MEETING, TODAY)
    assert [
        (s.action.label, s.target_from, s.target_to, s.on_date, s.by()) for s in report.slipped
    ] == [("2.1", "2030-03", "2030-09", "2026-06-20", "6 months later")]


def test_an_update_on_the_meeting_day_counts_at_that_meeting_only(store, plan_id):
    add_meeting(store, "2026-03-01", plan_ids=(plan_id,))
    add_meeting(store, MEETING.isoformat(), plan_ids=(plan_id,))
    a11 = action(store, plan_id, "1", 1)
    add_update(store, a11, status="in_progress", text="Agreed at the board", on_date="2026-06-01")
    at_meeting = changes(store, plan_id, date(2026, 3, 1), MEETING)
    assert [(a.label, new) for a, _, new, _ in at_meeting.status_changes] == [
        ("1.1", "in_progress")
    ]
    since_meeting = changes(store, plan_id, MEETING, TODAY)
    assert since_meeting.status_changes == []
    assert "1.1" in [a.label for a in since_meeting.no_update]
    # the trend chart already shows it at that meeting, so the two pages agree
    assert status_at_meetings(store, plan_id)[1] == ("2026-06-01", Counter(open=3, in_progress=1))


def test_a_new_action_is_new_not_unreported(store, plan_id):
    rec_id = store.get_plan(plan_id).recommendations[1].id
    new = edits.add_action(
        store, rec_id, Action("Brand new step", ["Chair"], "2030-09", "Sept 2030")
    )
    report = changes(store, plan_id, date(2026, 1, 1), date(2099, 1, 1))
    assert [a.action_id for a in report.new_actions] == [new]
    assert new not in [a.action_id for a in report.no_update]


def test_an_action_added_after_a_meeting_is_not_counted_at_it(store, plan_id):
    add_meeting(store, "2000-01-10", plan_ids=(plan_id,))
    rec_id = store.get_plan(plan_id).recommendations[0].id
    edits.add_action(store, rec_id, Action("Added since", ["Chair"], "2030-09", "Sept 2030"))
    assert status_at_meetings(store, plan_id) == [("2000-01-10", Counter(open=4))]


CLOSED = {"superseded": "completed"}


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(UPDATE_STATUSES), st.integers(-4, 4)),
        max_size=8,
    )
)
def test_the_chart_at_the_meeting_plus_the_changes_is_the_position_now(tmp_path_factory, steps):
    store = Store.open(tmp_path_factory.mktemp("db") / "plans.sqlite3")
    plan_id = store.add_plan(make_plan(recs=2, actions=2))
    meeting, today = date(2026, 1, 10), date(2026, 1, 20)
    add_meeting(store, meeting.isoformat(), plan_ids=(plan_id,))
    ids = [find_action(store, plan_id, ref, n) for ref in ("1", "2") for n in (1, 2)]
    for which, status, offset in steps:
        day = (meeting + timedelta(days=offset)).isoformat()
        add_update(store, ids[which], status=status, evidence="Seen", on_date=day, today=today)
    [(_, at_meeting)] = status_at_meetings(store, plan_id)
    report = changes(store, plan_id, meeting, today)
    labels = [line.label for line, *_ in report.status_changes]
    assert len(labels) == len(set(labels))  # each action once
    expected = Counter(at_meeting)
    for _, before, after, _ in report.status_changes:
        expected[CLOSED.get(before, before)] -= 1
        expected[CLOSED.get(after, after)] += 1
    plan = store.get_plan(plan_id)
    now = Counter(a.status for rec in plan.recommendations for a in rec.actions)
    assert +expected == now
    store.close()


@pytest.mark.parametrize(
    ("status", "target", "today", "expected"),
    [
        ("open", "2027-03-31", date(2027, 3, 31), "amber"),  # due today: not yet overdue
        ("open", "2027-03", date(2027, 3, 31), "amber"),  # a month runs to its last day
        ("open", "2027-03", date(2027, 4, 1), "red"),
        ("in_progress", "2027-03", date(2027, 4, 1), "red"),
        ("open", "2027-03-31", date(2027, 3, 1), "amber"),  # 30 days ahead
        ("open", "2027-03-31", date(2027, 2, 28), "green"),  # 31 days ahead
        ("in_progress", "2027-03-31", date(2027, 3, 20), "green"),  # started
        ("open", "ongoing", date(2027, 4, 1), "green"),
        ("open", None, date(2027, 4, 1), "green"),
        ("superseded", "2020-01", date(2027, 4, 1), "blue"),
    ],
)
def test_rag_at_the_edges(status, target, today, expected):
    assert suggest_rag(status, target, today) == expected
