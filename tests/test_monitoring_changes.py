"""What changed between two meetings, at the edges: a target retyped in other words, an
update on the meeting day, a completion taken back, a target moved twice, a new action."""

from datetime import date

import pytest

from storage import edits
from storage.monitoring import (
    add_update,
    changes,
    find_action,
)
from tests.conftest import make_plan

MEETING = date(2026, 12, 1)
TODAY = date(2027, 1, 15)


@pytest.fixture
def plan_id(store):
    return store.add_plan(make_plan(recs=2, actions=2))  # every target "March 2030"


def action(store, plan_id, ref, number):
    return find_action(store, plan_id, ref, number)


def test_a_target_retyped_as_its_last_day_is_not_slippage(store, plan_id):
    a11 = action(store, plan_id, "1", 1)
    add_update(store, a11, status="in_progress", target="2030-03-31", on_date="2026-12-10")
    moved = edits.get_action(store, a11)
    assert (moved.target, moved.target_text, moved.latest.target_to) == (
        "2030-03",
        "March 2030",
        None,
    )
    assert changes(store, plan_id, MEETING, TODAY).slipped == []
