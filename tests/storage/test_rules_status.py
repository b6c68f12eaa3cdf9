"""An action's status: the Python rule and its SQL twin agree on any sequence of updates."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.storage import schema
from actionplans.storage.model import (
    STATUSES,
    UPDATE_STATUSES,
    Action,
    Plan,
    Recommendation,
    Update,
)
from actionplans.storage.rules import current_status, latest_update, status_as_of, status_sql
from actionplans.storage.store import Store

# Few distinct days, so updates often share a day and the tie rule is exercised.
day = st.dates(date(2025, 1, 1), date(2025, 1, 6)).map(date.isoformat)
steps = st.lists(st.tuples(day, st.sampled_from(UPDATE_STATUSES)), max_size=6)
actions = st.builds(
    lambda base, steps: Action(
        "a", status=base, updates=[Update(on, status, evidence="e") for on, status in steps]
    ),
    st.sampled_from(STATUSES),
    steps,
)


def _store() -> Store:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(conn)
    return Store(conn, ":memory:", None)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(actions=st.lists(actions, min_size=1, max_size=4), asked=st.one_of(st.none(), day))
def test_sql_and_python_give_the_same_status_on_any_day(actions, asked):
    store = _store()
    store.add_plan(Plan("P", recommendations=[Recommendation("1", actions=actions)]))
    sql = f"SELECT {status_sql('?') if asked else status_sql()} FROM actions a ORDER BY a.id"
    in_sql = [row[0] for row in store.conn.execute(sql, (asked,) if asked else ())]
    assert in_sql == [status_as_of(action, asked) for action in actions]
    # and a plan read back from the store says the same of each action now
    loaded = store.get_plan(1).recommendations[0].actions
    assert [current_status(a) for a in loaded] == [current_status(a) for a in actions]


def test_the_update_recorded_last_on_a_day_speaks_for_it():
    action = Action(
        "a",
        updates=[
            Update("2025-03-02", "completed", evidence="e"),
            Update("2025-03-01", "in_progress"),
            Update("2025-03-02", "in_progress"),
        ],
    )
    assert latest_update(action) is action.updates[2]
    assert current_status(action) == "in_progress"
    assert status_as_of(action, "2025-03-01") == "in_progress"
    assert status_as_of(action, "2025-02-28") == "open"  # before any update: as stored


def test_a_superseded_action_reads_as_completed():
    action = Action("a", updates=[Update("2025-03-02", "superseded")])
    assert current_status(action) == "completed"
