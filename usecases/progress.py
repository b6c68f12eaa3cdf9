"""Dated progress updates on actions: kept for good, so only ever added."""

from __future__ import annotations

from dataclasses import dataclass

from actionplans.storage.errors import BadInput
from actionplans.storage.monitoring import add_update, find_action
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed
from actionplans.usecases.editing import plan_of_action


@dataclass(frozen=True)
class Recorded:
    action_id: int
    plan_id: int
    changed: Changed


def action_id(store: Store, plan_id: int, ref: str, number: int) -> int:
    """The id of action `number` (1, 2, ...) of recommendation `ref` in the plan."""
    return find_action(store, plan_id, ref, number)


def record_update(store: Store, action_id: int, **values: object) -> Recorded:
    """Add one dated update (the keyword arguments of `storage.monitoring.add_update`)."""
    plan_id = plan_of_action(store, action_id)
    add_update(store, action_id, **values)  # type: ignore[arg-type]
    return Recorded(
        action_id, plan_id, Changed(plans=frozenset({plan_id}), plan_list=True, updates=True)
    )


def target_from_text(text: str | None) -> str | None:
    """The target date a person typed for a moved target, or BadInput when it cannot be read."""
    from actionplans.importers.targets import parse_target

    if not text:
        return None
    parsed = parse_target(text)
    if not parsed.understood or parsed.target is None:
        raise BadInput(f"'{text}' is not a target date I can read.")
    return parsed.target
