"""A reason the response states is proposed for the user to confirm, never stored by itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplans.importers.plan_json import read_plan_json
from actionplans.storage.checks import check_plan
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.reasons import stated_reason

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        ("This recommendation is partly agreed due to funding constraints.", "affordability"),
        ("Not agreed as this service is commissioned by NHS England.", "commissioning"),
        ("This is not accepted because Ministers have decided otherwise.", "policy"),
        ("Partly agreed as this is not operationally possible in an open prison.", "operational"),
        ("This recommendation is not agreed as it is not affordable this year.", "affordability"),
        ("Agreed in principle only, owing to the cost of the works.", "affordability"),
    ],
)
def test_the_reason_a_response_states(response, reason):
    stated = stated_reason(response)
    assert stated is not None
    assert stated.reason == reason


def test_a_response_that_says_nothing_of_why_states_no_reason():
    assert stated_reason("The Governor will review the policy on visits by March 2027.") is None
    # "due to be published" is a date, not a reason
    assert stated_reason("The strategy is due to be published in Autumn 2022.") is None
    # affordable housing is a kind of home, not a reason of cost
    assert stated_reason("Partly agreed as tenants need affordable housing.").reason is None


def test_only_the_clause_that_says_why_is_read():
    stated = stated_reason(
        "This recommendation is partly agreed as the contract does not cover it.\n"
        "The Governor will seek funding from the budget for the rest."
    )
    assert stated.reason == "commissioning"
    assert stated.clause == "the contract does not cover it."


def _reason_findings(plan: Plan) -> list[tuple[str, str | None, str | None, bool]]:
    return [
        (p.code, p.ref, p.proposed, p.to_chase)
        for p in check_plan(plan)
        if p.code.startswith(("no_reason", "reason_"))
    ]


def test_the_check_proposes_a_stated_reason_and_does_not_chase_it():
    plan = Plan(
        "P",
        recommendations=[
            Recommendation(
                "1",
                decision="Partly Agreed",
                actions=[
                    Action(
                        "Partly agreed as this is commissioned by NHS England.", ["A"], "2030-01"
                    )
                ],
            ),
            Recommendation("2", decision="Not Agreed", actions=[Action("Not agreed.")]),
            Recommendation(
                "3", decision="Not Agreed", actions=[Action("Not agreed as the board decided so.")]
            ),
            Recommendation(
                "4",
                decision="Not Agreed",
                reason="policy",
                actions=[Action("Not agreed due to funding.")],
            ),
        ],
    )
    assert _reason_findings(plan) == [
        ("reason_proposed", "1", "commissioning", False),
        ("no_reason", "2", None, True),
        ("reason_unnamed", "3", None, False),
    ]  # and a reason the user gave is never second-guessed
    message = check_plan(plan)[0].message
    assert "this is commissioned by NHS England." in message and "commissioning" in message
    assert plan.recommendations[0].reason is None  # proposed, not stored


def test_the_published_plans_partly_agreed_as_is_proposed_not_chased():
    plan = read_plan_json(FIXTURES / "accommodation-2020.json").plan
    found = {ref: (code, proposed) for code, ref, proposed, _ in _reason_findings(plan)}
    assert found == {
        "6": ("reason_proposed", "policy"),  # responsibility lies with MHCLG
        "8": ("reason_proposed", "commissioning"),
        "9": ("reason_proposed", "policy"),
    }
    assert not any("gives no reason" in p.message for p in check_plan(plan))


def test_the_command_proposes_and_the_user_confirms_with_edit(cli, store):
    import shlex

    plan = Plan(
        "P",
        recommendations=[
            Recommendation(
                "2 b",
                decision="Not Agreed",
                actions=[Action("This is not agreed due to funding constraints.")],
            )
        ],
    )
    plan_id = store.add_plan(plan)
    status, out, _ = cli("check", str(plan_id))
    assert status == 1
    assert "its response suggests affordability" in out
    assert store.get_plan(plan_id).recommendations[0].reason is None  # nothing stored yet
    (confirm,) = [line for line in out.splitlines() if "to confirm:" in line]
    command = shlex.split(confirm.split("to confirm: ", 1)[1])
    assert command[:2] == ["actionplans", "edit"]
    assert cli(*command[1:])[0] == 0
    assert store.get_plan(plan_id).recommendations[0].reason == "affordability"
    assert cli("check", str(plan_id))[1].endswith("no warnings.\n")


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (
            "Not agreed. This falls outside the remit of HMPPS: healthcare is commissioned by "
            "NHS England.",
            "commissioning",
        ),
        ("The recommendation is partly agreed. Staffing levels do not allow it.", "operational"),
        ("Partly agreed – NHS England commissions healthcare in prisons.", "commissioning"),
    ],
)
def test_a_decision_said_alone_is_passed_over_to_the_sentence_that_says_why(response, reason):
    assert stated_reason(response).reason == reason


def test_a_reason_is_read_from_the_opening_not_from_a_later_action():
    response = (
        "HMPPS will set up a working group.\n"
        "The second phase may be delayed due to Covid-19 related disruption."
    )
    assert stated_reason(response) is None
    assert stated_reason("Partly agreed.\nThis is commissioned by NHS England.").reason == (
        "commissioning"
    )
