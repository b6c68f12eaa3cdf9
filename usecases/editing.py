"""Edits to a plan's fields, recommendations, actions and sections, each kept in the history.

The window's undo commands and `actionplans edit` make the same edits: the functions of
`storage.edits` (re-exported here, so no front end imports storage's writes), run as one step
by `edit`, which says what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from actionplans.storage.edits import (
    _action_plan,
    _rec_plan,
    add_action,
    add_recommendation,
    delete_action,
    delete_recommendation,
    delete_section,
    get_action,
    get_recommendation,
    move_action,
    move_recommendation,
    move_section,
    rename_section,
    update_action,
    update_plan,
    update_recommendation,
)
from actionplans.storage.errors import BadInput
from actionplans.storage.model import DECISIONS
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed

__all__ = [
    "Edited",
    "add_action",
    "add_recommendation",
    "delete_action",
    "delete_recommendation",
    "delete_section",
    "edit",
    "edit_plan",
    "get_action",
    "get_recommendation",
    "move_action",
    "move_recommendation",
    "move_section",
    "plan_of_action",
    "plan_of_recommendation",
    "rename_section",
    "update_action",
    "update_plan",
    "update_recommendation",
]

T = TypeVar("T")


def plan_of_action(store: Store, action_id: int) -> int:
    return _action_plan(store, action_id)[0]


def plan_of_recommendation(store: Store, rec_id: int) -> int:
    return _rec_plan(store, rec_id)


@dataclass(frozen=True)
class Edited(Generic[T]):
    """What the step returned (a new item's id, say) and what it changed."""

    value: T
    changed: Changed


def edit(store: Store, plan_id: int, step: Callable[[], T]) -> Edited[T]:
    """Run `step` (calls of the edit functions above on plan `plan_id`) as one transaction:
    all of it is written, or none of it."""
    with store.transaction():
        value = step()
    return Edited(value, Changed(plans=frozenset({plan_id}), plan_list=True))


def decision_word(text: str) -> str:
    """'partly-agreed' -> 'Partly Agreed': a decision as typed, in the plan's own words."""
    wanted = text.replace("-", " ").lower()
    return next((d for d in DECISIONS if d.lower() == wanted), text)


def edit_plan(
    store: Store, plan_id: int, plan_fields: dict, rec_ref: str | None, rec_fields: dict
) -> Edited[None]:
    """`actionplans edit`: a plan's fields and one recommendation's (named by its Rec No),
    in one step. A value of None clears a field."""
    if rec_fields and not rec_ref:
        raise BadInput("--decision, --reason, --section and --text need --rec REF.")
    if not (plan_fields or rec_fields):
        raise BadInput("Nothing to change: give at least one field to set.")
    if rec_fields.get("decision"):
        rec_fields = {**rec_fields, "decision": decision_word(rec_fields["decision"])}
    if "text" in rec_fields:
        rec_fields = {**rec_fields, "text": rec_fields["text"] or ""}

    def step() -> None:
        if plan_fields:
            update_plan(store, plan_id, **plan_fields)
        if rec_fields:
            matches = [r.id for r in store.get_plan(plan_id).recommendations if r.ref == rec_ref]
            if not matches or matches[0] is None:
                raise BadInput(f"This plan has no recommendation {rec_ref}.")
            update_recommendation(store, matches[0], **rec_fields)

    return edit(store, plan_id, step)


def typed_target(typed: str) -> dict:
    """The action fields a typed target sets: the date as understood, the words as typed, and
    Completed when the words say so ("Completed", "Done")."""
    from actionplans.importers.targets import parse_target  # on first use: the window opens sooner

    parsed = parse_target(typed)
    fields: dict = {"target": parsed.target, "target_text": typed}
    if parsed.completed:
        fields["status"] = "completed"
    return fields


def target_understood(typed: str) -> str:
    """How a target being typed is understood, said back to the person as they type."""
    from actionplans.importers.targets import parse_target
    from actionplans.storage.rules import target_label

    parsed = parse_target(typed)
    if not typed.strip():
        return "No target date"
    if not parsed.understood:
        return "Not a date I know: it will be kept as typed, with no date"
    if parsed.completed:
        return "Understood as: completed"
    return f"Understood as: {target_label(parsed.target)}"
