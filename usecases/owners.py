"""Owners across all plans: who owns how many open actions, and one owner's actions."""

from __future__ import annotations

from actionplans.storage.queries import OwnerAction, actions_of_owner, owners
from actionplans.storage.store import Store

__all__ = ["OwnerAction", "actions_of_owner", "owners", "replacements", "replaced"]


def replaced(names: list[str], old: str, new: str) -> list[str]:
    """`names` with `old` (any capitals) replaced by `new`, in the same order, a name that
    was there twice (`new` already an owner) kept once."""
    out: list[str] = []
    for name in (new if n.casefold() == old.casefold() else n for n in names):
        if name.casefold() not in (o.casefold() for o in out):
            out.append(name)
    return out


def replacements(
    store: Store, plan_ids: list[int], old: str, new: str
) -> list[tuple[int, list[str], list[str]]]:
    """(action id, owners now, owners after) of every action of the plans that `old` owns:
    what renaming an owner across a plan, or every plan, would change. The window makes
    them one undoable step, each action's change a line of its history."""
    found = []
    for plan_id in plan_ids:
        for rec in store.get_plan(plan_id).recommendations:
            for action in rec.actions:
                after = replaced(action.owners, old, new)
                if after != action.owners and action.id is not None:
                    found.append((action.id, action.owners, after))
    return found
