"""Undoable edits: every change the window makes is one of these commands on one QUndoStack.

Each command calls one function of `storage.edits`, which is one transaction with history, so
what the window shows is already saved. Undoing a delete adds the same content back at the same
place, and the store gives it a new id: commands therefore hold a `Ref`, a handle whose id is
updated in place, so that older commands on the stack still find the item they changed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand, QUndoStack

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from storage import edits
from storage.model import Action, Recommendation
from storage.store import Store


@dataclass(eq=False)
class Ref:
    """A live handle on one stored item: `kind` is "plan", "recommendation" or "action"."""

    kind: str
    id: int


class Refs:
    """One Ref per live item, so every command touching an item shares the same handle."""

    def __init__(self) -> None:
        self._live: dict[tuple[str, int], Ref] = {}

    def get(self, kind: str, item_id: int) -> Ref:
        return self._live.setdefault((kind, item_id), Ref(kind, item_id))

    def forget(self, ref: Ref) -> None:
        """The item was deleted: its id may be given to a new item, which must get a new Ref."""
        if self._live.get((ref.kind, ref.id)) is ref:
            del self._live[(ref.kind, ref.id)]

    def rebind(self, ref: Ref, new_id: int) -> None:
        self.forget(ref)
        ref.id = new_id
        self._live[(ref.kind, new_id)] = ref


@dataclass
class Context:
    """What commands need: the store, the handles, and whom to tell what changed."""

    store: Store
    refs: Refs
    changed: Callable[[int, Ref | None], None]  # (plan id, item to select)


class StoreCommand(QUndoCommand):
    """Base: `apply` and `revert` touch the store; the window is told after each.

    The window runs `apply` once before pushing (so a refused edit never reaches the stack);
    the first `redo` that QUndoStack.push makes is then skipped.
    """

    def __init__(self, ctx: Context, plan_id: int, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.plan_id = plan_id
        self._done = False

    def run_first(self) -> None:
        self.apply()
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
        else:
            self.apply()
        self.ctx.changed(self.plan_id, self.focus(undone=False))

    def undo(self) -> None:
        self.revert()
        self.ctx.changed(self.plan_id, self.focus(undone=True))

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def focus(self, undone: bool) -> Ref | None:
        return None


_UPDATE = {
    "plan": edits.update_plan,
    "recommendation": edits.update_recommendation,
    "action": edits.update_action,
}


class EditFields(StoreCommand):
    """Change some fields of a plan, recommendation or action; `old` holds what they were."""

    def __init__(self, ctx: Context, plan_id: int, ref: Ref, old: dict, new: dict) -> None:
        names = ", ".join(n.replace("_", " ") for n in new)
        super().__init__(ctx, plan_id, f"Change {ref.kind} {names}")
        self.ref, self.old, self.new = ref, old, new

    def apply(self) -> None:
        _UPDATE[self.ref.kind](self.ctx.store, self.ref.id, **self.new)

    def revert(self) -> None:
        _UPDATE[self.ref.kind](self.ctx.store, self.ref.id, **self.old)

    def focus(self, undone: bool) -> Ref:
        return self.ref


class _Presence(StoreCommand):
    """An item being put into, or taken out of, its parent at a position.

    `item` is a full snapshot (a recommendation with its actions), `parent` the plan's or the
    recommendation's Ref, `position` 0-based. `refs` are the handles of the item and, for a
    recommendation, of its actions, rebound to the new ids whenever it is put back.
    """

    def __init__(
        self,
        ctx: Context,
        plan_id: int,
        text: str,
        parent: Ref,
        item: Recommendation | Action,
        position: int,
        ref: Ref | None = None,
    ) -> None:
        super().__init__(ctx, plan_id, text)
        self.parent, self.item, self.position = parent, copy.deepcopy(item), position
        self.ref = ref
        self.action_refs = [
            ctx.refs.get("action", a.id) for a in getattr(item, "actions", []) if a.id is not None
        ]

    def put_in(self) -> None:
        store, refs = self.ctx.store, self.ctx.refs
        if isinstance(self.item, Recommendation):
            new_id = edits.add_recommendation(store, self.parent.id, self.item, self.position)
            kind = "recommendation"
        else:
            new_id = edits.add_action(store, self.parent.id, self.item, self.position)
            kind = "action"
        if self.ref is None:
            self.ref = refs.get(kind, new_id)
        else:
            refs.rebind(self.ref, new_id)
        if kind == "recommendation" and self.item.actions:
            stored = edits.get_recommendation(store, new_id).actions
            if not self.action_refs:
                self.action_refs = [refs.get("action", a.id) for a in stored]
            for handle, action in zip(self.action_refs, stored, strict=True):
                refs.rebind(handle, action.id)

    def take_out(self) -> None:
        if isinstance(self.item, Recommendation):
            edits.delete_recommendation(self.ctx.store, self.ref.id)
        else:
            edits.delete_action(self.ctx.store, self.ref.id)
        for handle in [self.ref, *self.action_refs]:
            self.ctx.refs.forget(handle)


class AddItem(_Presence):
    def apply(self) -> None:
        self.put_in()

    def revert(self) -> None:
        self.take_out()

    def focus(self, undone: bool) -> Ref | None:
        if not undone:
            return self.ref
        return self.parent if self.parent.kind != "plan" else None


class DeleteItem(_Presence):
    def apply(self) -> None:
        self.take_out()

    def revert(self) -> None:
        self.put_in()

    def focus(self, undone: bool) -> Ref | None:
        if undone:
            return self.ref
        return self.parent if self.parent.kind != "plan" else None


class MoveItem(StoreCommand):
    def __init__(self, ctx: Context, plan_id: int, ref: Ref, old: int, new: int) -> None:
        super().__init__(ctx, plan_id, f"Move {ref.kind}")
        self.ref, self.old, self.new = ref, old, new

    def _move(self, position: int) -> None:
        move = edits.move_recommendation if self.ref.kind == "recommendation" else edits.move_action
        move(self.ctx.store, self.ref.id, position)

    def apply(self) -> None:
        self._move(self.new)

    def revert(self) -> None:
        self._move(self.old)

    def focus(self, undone: bool) -> Ref:
        return self.ref


def could_lose_updates(stack: QUndoStack, refs: set[Ref]) -> bool:
    """True when undoing or redoing a step on `stack` could take out one of `refs` (an action
    or its recommendation) and put back a copy made before a newer update: the update, which
    is meant to be kept for good, would be lost."""
    steps = (stack.command(i) for i in range(stack.count()))
    return any(
        isinstance(step, _Presence) and refs & {step.ref, *step.action_refs} for step in steps
    )
