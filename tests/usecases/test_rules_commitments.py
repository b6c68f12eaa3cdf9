"""A Not Agreed recommendation's response is an explanation, not an action: no status, no RAG,
not counted open or overdue, never "no update since", never on the agenda or chased."""

from __future__ import annotations

from datetime import date

import pytest

from actionplans.storage.checks import check_plan
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.monitoring import add_meeting, changes
from actionplans.storage.queries import actions_of_owner, owners
from actionplans.storage.rules import commitments, is_commitment, is_overdue
from actionplans.usecases.agenda import for_next_meeting

TODAY = date(2026, 6, 15)


def explained_plan() -> Plan:
    """The same late action twice: once as a commitment, once as an explanation."""
    return Plan(
        "P",
        recommendations=[
            Recommendation(
                "1", decision="Agreed", actions=[Action("Do it.", ["Governor"], "2026-03")]
            ),
            Recommendation(
                "2",
                decision="Not Agreed",
                reason="policy",
                actions=[Action("Not agreed: policy.", ["Governor"], "2026-03")],
            ),
        ],
    )


@pytest.mark.parametrize(
    ("decision", "committed"),
    [("Agreed", True), ("Partly Agreed", True), (None, True), ("Not Agreed", False)],
)
def test_only_a_not_agreed_response_commits_nobody(decision, committed):
    assert is_commitment(decision) is committed
    rec = Recommendation("1", decision=decision, actions=[Action("a", target="2026-01")])
    assert commitments(rec) == (rec.actions if committed else [])
    assert is_overdue(rec.actions[0], TODAY, decision) is committed


def test_the_plan_list_and_owners_count_only_the_commitment(store):
    plan_id = store.add_plan(explained_plan())
    (row,) = store.list_plans(TODAY)
    assert (row.open_actions, row.overdue_actions) == (1, 1)
    assert owners(store) == [("Governor", 1, 2)]
    assert [a.ref for a in actions_of_owner(store, "Governor")] == ["1"]
    every = actions_of_owner(store, "Governor", open_only=False)
    assert [(a.ref, a.is_overdue(TODAY)) for a in every] == [("1", True), ("2", False)]
    assert plan_id == row.id


def test_the_checks_find_only_the_commitment_overdue():
    found = [(p.code, p.ref) for p in check_plan(explained_plan(), TODAY)]
    assert found == [("overdue", "1")]


def test_changes_neither_report_nor_chase_the_explanation(store):
    plan_id = store.add_plan(explained_plan())
    add_meeting(store, "2026-02-01", plan_ids=(plan_id,))
    report = changes(store, plan_id, date(2026, 2, 1), TODAY)
    assert [line.ref for line in report.newly_overdue] == ["1"]
    assert [line.ref for line in report.no_update] == ["1"]


def test_the_agenda_leaves_the_explanation_off():
    plan = explained_plan()
    rows = for_next_meeting(plan, date(2026, 9, 1), date(2026, 2, 1), TODAY)
    assert [(row.label, row.reasons[0]) for row in rows] == [("1.1", "Overdue")]


def test_returns_never_send_the_explanation():
    from actionplans.exporters.returns import open_actions_by_owner

    (governor,) = open_actions_by_owner(explained_plan())
    assert [(rec.ref, number) for rec, number, _ in governor.actions] == [("1", 1)]
