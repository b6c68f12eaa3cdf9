"""An action closed by a progress update is closed everywhere: the plan list and the owners."""

from datetime import date

from actionplans.storage.monitoring import add_update
from actionplans.storage.queries import actions_of_owner, owners
from tests.support.plans import make_plan


def test_list_and_owners_count_the_status_of_the_latest_update(store):
    plan = make_plan(recs=1, actions=3)
    for action, name in zip(plan.recommendations[0].actions, "ABC", strict=True):
        action.owners = [name]
        action.target = "2019-03"  # long passed: each is overdue while open
    plan_id = store.add_plan(plan)
    first, second, third = (a.id for a in store.get_plan(plan_id).recommendations[0].actions)
    add_update(store, first, status="completed", evidence="Minutes", on_date="2026-01-01")
    add_update(store, second, status="superseded", on_date="2026-01-01")
    add_update(store, third, status="completed", evidence="x", on_date="2026-01-01")
    add_update(store, third, status="in_progress", on_date="2026-02-01")  # reopened later

    (row,) = store.list_plans(today=date(2026, 11, 1))
    assert (row.open_actions, row.overdue_actions) == (1, 1)
    assert owners(store) == [("C", 1, 1), ("A", 0, 1), ("B", 0, 1)]
    assert actions_of_owner(store, "A") == []
    assert [a.status for a in actions_of_owner(store, "A", open_only=False)] == ["completed"]
    assert [a.status for a in actions_of_owner(store, "C")] == ["in_progress"]
