"""What `changes` reports as newly overdue and not updated follows the rules, whatever the
decisions, targets and dated updates: the report's SQL and the rules' Python cannot drift."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.storage import schema
from actionplans.storage.model import DECISIONS, Action, Plan, Recommendation, Update
from actionplans.storage.monitoring import changes
from actionplans.storage.rules import current_status, is_open, overdue
from actionplans.storage.store import Store

SINCE, TODAY = date(2026, 3, 1), date(2026, 6, 15)
day = st.sampled_from(["2026-01-10", "2026-03-01", "2026-04-20", "2026-06-15"])
action = st.builds(
    lambda target, steps: Action(
        "a",
        ["Owner"],
        target,
        updates=[Update(on, status, evidence="e") for on, status in sorted(steps)],
    ),
    st.sampled_from([None, "ongoing", "2026-02", "2026-03", "2026-05-31", "2026-09"]),
    st.lists(st.tuples(day, st.sampled_from(["open", "in_progress", "completed"])), max_size=3),
)
recs = st.lists(
    st.builds(
        lambda decision, actions: Recommendation("1", decision=decision, actions=actions),
        st.one_of(st.none(), st.sampled_from(DECISIONS)),
        st.lists(action, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=80, deadline=None)
@given(recs=recs)
def test_changes_report_what_the_rules_say(recs):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(conn)
    store = Store(conn, ":memory:", None)  # type: ignore[arg-type]
    plan_id = store.add_plan(Plan("P", recommendations=recs))
    report = changes(store, plan_id, SINCE, TODAY)
    loaded = [(rec, a) for rec in store.get_plan(plan_id).recommendations for a in rec.actions]
    assert [line.action_id for line in report.newly_overdue] == [
        a.id
        for rec, a in loaded
        if overdue(current_status(a), a.target, TODAY, rec.decision)
        and not overdue(current_status(a), a.target, SINCE)
    ]
    assert [line.action_id for line in report.no_update] == [
        a.id
        for rec, a in loaded
        if is_open(a, rec.decision)
        and not any(SINCE.isoformat() < u.on_date <= TODAY.isoformat() for u in a.updates)
    ]
