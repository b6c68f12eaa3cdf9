"""Naming a plan on the command line: by id, or by the start of its title as a person types it."""

import pytest

from actionplans.storage.errors import BadInput
from tests.support.plans import make_plan


@pytest.fixture
def plans(store):
    for title in (
        "Action Plan: HMP Thematic – Social Care in Prisons",  # an en dash, as published
        "Cynllun Gweithredu: Ŵyr Carchar EF Caerdydd",
        "HMP Cardiff",
        "HMP Cardiff 2021",
        "Département’s “plan”",
    ):
        store.add_plan(make_plan(title, recs=1, actions=1))
    return store


@pytest.mark.parametrize(
    ("spec", "plan_id"),
    [
        ("1", 1),
        (" 2 ", 2),
        ("action plan: hmp thematic - social", 1),  # case, and a hyphen for the en dash
        ("ACTION   PLAN", 1),  # spaces as typed
        ("cynllun gweithredu: ŵyr", 2),  # Welsh letters in any case
        ("Cynllun Gweithredu: wyr", 2),  # and without the accent
        ("CYNLLUN GWEITHREDU: ŴYR", 2),
        ("HMP Cardiff", 3),  # a whole title wins over the longer one it starts
        ("hmp cardiff 2", 4),
        ("departement's \"plan", 5),  # straight quotes for curly ones
    ],
)
def test_a_plan_is_found_by_id_or_title_start(plans, spec, plan_id):
    assert plans.find_plan(spec) == plan_id


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("HMP", "'HMP' matches 2 plans (3: HMP Cardiff; 4: HMP Cardiff 2021)"),
        ("Inspection", "No plan's id or title starts with 'Inspection'"),
        ("9", "There is no plan 9"),
        ("²", "No plan's id or title starts with '²'"),
        ("", "Give a plan's id or the start of its title"),
        ("%", "No plan's id or title starts with '%'"),
    ],
)
def test_a_plan_not_found_or_ambiguous_is_one_sentence(plans, spec, message):
    with pytest.raises(BadInput, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        plans.find_plan(spec)
