"""Overdue and open, asked of a plan in memory, of the plan list and of the owners list: one
answer, whatever the targets, statuses, updates and decisions."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.storage import queries, schema
from actionplans.storage.model import DECISIONS, STATUSES, Action, Plan, Recommendation, Update
from actionplans.storage.rules import (
    current_status,
    is_commitment,
    is_due_before,
    is_open,
    is_overdue,
    overdue,
    target_end,
)
from actionplans.storage.store import Store

TODAY = date(2026, 6, 15)
target = st.sampled_from([None, "ongoing", "2026-06", "2026-05", "2026-06-14", "2026-06-15"])
action = st.builds(
    lambda target, status, updated: Action(
        "a",
        ["Owner"],
        target,
        status=status,
        updates=[Update("2026-01-01", updated, evidence="e")] if updated else [],
    ),
    target,
    st.sampled_from(STATUSES),
    st.one_of(st.none(), st.sampled_from(["open", "completed", "superseded"])),
)
recs = st.lists(
    st.builds(
        lambda decision, actions: Recommendation("1", decision=decision, actions=actions),
        st.one_of(st.none(), st.sampled_from(DECISIONS)),
        st.lists(action, max_size=3),
    ),
    max_size=4,
)


@pytest.mark.parametrize(
    ("status", "target", "decision", "late"),
    [
        ("open", "2026-05", None, True),
        ("in_progress", "2026-06-14", "Agreed", True),
        ("open", "2026-06", "Agreed", False),  # a month target runs to its last day
        ("open", "2026-06-15", "Agreed", False),  # due today is not late
        ("completed", "2026-05", "Agreed", False),
        ("superseded", "2026-05", "Agreed", False),
        ("open", "ongoing", "Agreed", False),
        ("open", None, "Agreed", False),
        ("open", "2026-05", "Not Agreed", False),  # an explanation is never late
        ("open", "2026-02-31", "Agreed", False),  # an impossible stored date: no end, no crash
    ],
)
def test_overdue(status, target, decision, late):
    assert overdue(status, target, TODAY, decision) is late


def test_target_end_is_the_last_day_the_target_allows():
    assert target_end("2024-02") == date(2024, 2, 29)
    assert target_end("2026-06-14") == date(2026, 6, 14)
    assert target_end("Q1 2019/20") is None


@given(year=st.integers(1900, 2100), month=st.integers(1, 12))
def test_a_month_target_ends_on_the_months_last_day(year, month):
    import calendar

    last = calendar.monthrange(year, month)[1]
    assert target_end(f"{year}-{month:02d}") == date(year, month, last)


def test_a_stored_target_validation_refuses_has_no_end():
    """One rule for what a target is (storage.validation): a value an older version stored
    that is no real day, or lies outside 1900-2100, is never overdue."""
    for stored in ("2019-02-31", "1899-12", "2101-01-01", "0000-00-00", "2019-13"):
        assert target_end(stored) is None, stored
        assert not overdue("open", stored, TODAY), stored
    assert target_end("1900-01") == date(1900, 1, 31)


@settings(max_examples=100, deadline=None)
@given(recs=recs)
def test_the_plan_list_and_the_owners_list_count_as_the_rule_does(recs):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(conn)
    store = Store(conn, ":memory:", None)  # type: ignore[arg-type]
    plan_id = store.add_plan(Plan("P", recommendations=recs))
    committed = [
        a
        for rec in store.get_plan(plan_id).recommendations
        for a in rec.actions
        if is_commitment(rec.decision)
    ]
    open_ = [
        a
        for rec in store.get_plan(plan_id).recommendations
        for a in rec.actions
        if is_open(a, rec.decision)
    ]
    assert open_ == [a for a in committed if current_status(a) != "completed"]
    (row,) = store.list_plans(TODAY)
    assert row.open_actions == len(open_)
    assert row.overdue_actions == sum(is_overdue(a, TODAY) for a in committed)
    total = sum(len(rec.actions) for rec in recs)
    assert queries.owners(store) == ([("Owner", len(open_), total)] if total else [])
    listed = queries.actions_of_owner(store, "Owner")
    assert [a.action_id for a in listed] == [a.id for a in open_]
    assert sum(a.is_overdue(TODAY) for a in listed) == row.overdue_actions


def test_due_before_a_day_is_overdue_on_that_day():
    meeting = date(2026, 7, 1)
    assert is_due_before(Action("a", target="2026-06"), meeting)
    assert not is_due_before(Action("a", target="2026-07-01"), meeting)
    assert not is_due_before(Action("a", target="2026-06", status="completed"), meeting)
    assert not is_due_before(Action("a", target="2026-06"), meeting, "Not Agreed")
