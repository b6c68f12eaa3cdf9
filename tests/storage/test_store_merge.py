"""Merging a partner's returned spreadsheet into the plan: what it changes, keeps and lists."""

import copy

import pytest

from actionplans.storage.errors import BadInput
from actionplans.storage.merge import apply_merge, plan_merge
from actionplans.storage.model import Action, Plan, Recommendation


def master() -> Plan:
    return Plan(
        "Action Plan: HMP Oldtown",
        recommendations=[
            Recommendation(
                "1",
                "The governor should publish a strategy.",
                "Strategic",
                "Agreed",
                actions=[Action("Write the strategy.", ["Governor"], "2030-03", "March 2030")],
            ),
            Recommendation(
                "2a",
                "The LA should sign an MoU.",
                "Strategic",
                "Agreed",
                actions=[
                    Action("Sign the MoU.", ["Local Authority"], "2030-06", "June 2030"),
                    Action("Review it yearly.", ["Head of Healthcare"], "2031-06", "June 2031"),
                ],
            ),
            Recommendation(
                "3",
                "Staff should be trained.",
                "Operational",
                "Partly Agreed",
                "affordability",
                actions=[
                    Action("Train staff.", ["Head of Learning"], None, "Completed", "completed")
                ],
            ),
        ],
    )


@pytest.fixture
def stored(store):
    plan_id = store.add_plan(master())
    return store, store.get_plan(plan_id)


def test_cells_the_return_leaves_blank_keep_what_the_plan_says(stored):
    store, current = stored
    returned = copy.deepcopy(master())
    for rec in returned.recommendations:  # a return with no headings, decisions or reasons
        rec.section = rec.decision = rec.reason = None
        for action in rec.actions:  # ... and with owners and targets left empty
            action.owners, action.target, action.target_text, action.status = [], None, "", "open"
    returned.recommendations[0].actions[0].text = ""
    merge = plan_merge(current, returned)
    assert merge.describe() == []
    assert merge.is_empty()


def test_what_the_return_fills_in_is_listed_and_applied_with_history(stored):
    store, current = stored
    returned = copy.deepcopy(master())
    returned.recommendations[0].decision = "Partly Agreed"
    returned.recommendations[0].reason = "policy"
    returned.recommendations[1].actions[1].target_text = "Q1 2031/32"
    returned.recommendations[1].actions[1].target = "2031-06"
    returned.recommendations[1].actions[0].status = "completed"
    (
        returned.recommendations[1].actions[0].target,
        returned.recommendations[1].actions[0].target_text,
    ) = None, "Completed"
    assert plan_merge(current, returned).describe()[-1] == (
        "Recommendation 1: the return's decision differs and the agreed decision is kept: "
        "Partly Agreed (agreed: Agreed)"
    )
    merge = plan_merge(current, returned, edit_plan=True)
    assert merge.describe() == [
        "Recommendation 1: decision: Agreed -> Partly Agreed",
        "Recommendation 1: reason: (none) -> policy",
        "Recommendation 2a, action 1: target: June 2030 -> Completed",
        "Recommendation 2a, action 1: status: open -> completed",
        "Recommendation 2a, action 2: target: June 2031 -> Q1 2031/32",
    ]
    apply_merge(store, merge)
    after = store.get_plan(current.id)
    assert after.recommendations[0].decision == "Partly Agreed"
    assert after.recommendations[1].actions[0].status == "completed"
    assert after.recommendations[1].actions[1].target_text == "Q1 2031/32"
    fields = [
        f for (f,) in store.conn.execute("SELECT field FROM history WHERE field != 'created'")
    ]
    assert sorted(fields) == [
        "decision",
        "reason",
        "status",
        "target",
        "target_text",
        "target_text",
    ]


def test_a_renumbered_recommendation_keeps_its_actions_under_the_new_rec_no(stored):
    store, current = stored
    returned = copy.deepcopy(master())
    returned.recommendations[1].ref = "2.1"
    merge = plan_merge(current, returned)
    assert merge.describe() == ["Recommendation 2a: Rec No: 2a -> 2.1"]
    apply_merge(store, merge)
    after = store.get_plan(current.id)
    assert [r.ref for r in after.recommendations] == ["1", "2.1", "3"]
    assert len(after.recommendations[1].actions) == 2


def test_actions_and_recommendations_the_return_leaves_out_are_listed_and_kept(stored):
    store, current = stored
    returned = copy.deepcopy(master())
    del returned.recommendations[1].actions[1]
    del returned.recommendations[2]
    merge = plan_merge(current, returned)
    assert merge.describe() == [
        "Recommendation 2a: action 2 is not in the return, left as it is",
        "Not in the return, left as they are: 3",
    ]
    assert merge.is_empty()


def test_a_recommendation_added_in_the_return_goes_where_the_return_puts_it(stored):
    store, current = stored
    returned = copy.deepcopy(master())
    returned.recommendations.insert(
        2, Recommendation("2b", "Share records.", "Strategic", "Agreed", actions=[Action("Do.")])
    )
    merge = plan_merge(current, returned)
    assert merge.describe() == ["New recommendation 2b with 1 action(s)"]
    apply_merge(store, merge)
    assert [r.ref for r in store.get_plan(current.id).recommendations] == ["1", "2a", "2b", "3"]


def test_a_return_for_another_plan_is_refused(stored):
    store, current = stored
    other = Plan(
        "Action Plan: HMP Newtown",
        recommendations=[
            Recommendation(r.ref, f"Something else entirely {r.ref}.", decision="Not Agreed")
            for r in master().recommendations
        ],
    )
    merge = plan_merge(current, other)
    assert merge.describe()[0] == (
        "This return is not for 'Action Plan: HMP Oldtown': its title is 'Action Plan: HMP "
        "Newtown' and none of its recommendations reads as one of this plan's."
    )
    with pytest.raises(BadInput, match="This return is not for"):
        apply_merge(store, merge)
    assert store.get_plan(current.id) == master()


def test_a_new_target_given_without_its_words_does_not_keep_the_old_words(stored):
    # A JSON return may give a target date alone; the plan's "June 2031" would then show
    # beside a target of December 2031.
    store, current = stored
    returned = copy.deepcopy(master())
    returned.recommendations[1].actions[1].target = "2031-12"
    returned.recommendations[1].actions[1].target_text = ""
    apply_merge(store, plan_merge(current, returned))
    action = store.get_plan(current.id).recommendations[1].actions[1]
    assert (action.target, action.target_text) == ("2031-12", "")


def test_a_monitored_actions_new_status_is_recorded_as_an_update(stored):
    from datetime import date

    from actionplans.storage.monitoring import add_update

    store, current = stored
    first = current.recommendations[1].actions[0]
    add_update(store, first.id, status="in_progress", on_date="2026-01-05", today=date(2026, 2, 1))
    current = store.get_plan(current.id)
    returned = copy.deepcopy(master())
    returned.recommendations[1].actions[0].status = "completed"  # and no evidence to show
    returned.recommendations[1].actions[1].status = "in_progress"
    merge = plan_merge(current, returned, today=date(2026, 2, 1))
    assert "Recommendation 2a, action 1: completing it needs evidence: not recorded." in (
        merge.describe()
    )
    assert "Recommendation 2a, action 2: status: open -> in progress" in merge.describe()
    apply_merge(store, merge, today=date(2026, 2, 1))
    after = store.get_plan(current.id).recommendations[1].actions
    assert after[0].status == "in_progress"  # not completed without evidence
    assert after[1].status == "in_progress"  # unmonitored: the plan's own status is set
