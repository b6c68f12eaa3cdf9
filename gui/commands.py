"""Undoable edits: every change the window makes is one of these commands on one QUndoStack.

Each command runs the edit functions of `usecases.editing` as one step (`editing.edit`: one
transaction, with history), so what the window shows is already saved, and tells the window
what the use case says changed. Undoing a delete adds the same content back at the same
place, and the store gives it a new id: commands therefore hold a `Ref`, a handle whose id is
updated in place, so that older commands on the stack still find the item they changed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand, QUndoStack

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.store import Store
from actionplans.usecases import editing
from actionplans.usecases.changed import Changed


@dataclass(eq=False)
class Ref:
    """A live handle on one stored item: `kind` is "plan", "recommendation" or "action"."""

    kind: str
    id: int


@dataclass(frozen=True)
class Heading:
    """A section heading row to select: sections have no id of their own, only their title."""

    title: str
    kind: str = "section"


Focus = Ref | Heading | None  # what the window selects after a command


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
    changed: Callable[[Changed, int, Focus], None]  # (what changed, plan to show, row to select)


class StoreCommand(QUndoCommand):
    """Base: `apply` and `revert` touch the store; the window is told after each.

    The window runs `apply` once before pushing (so a refused edit never reaches the stack);
    the first `redo` that QUndoStack.push makes is then skipped.
    """

    def __init__(self, ctx: Context, plan_id: int, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.plan_id = plan_id
        self.plans = frozenset({plan_id})  # every plan the command touches
        self._first: Changed | None = None  # what the first run changed, until QUndoStack's redo

    def _run(self, step: Callable[[], None]) -> Changed:
        """`step` as one use-case step; what it changed, for the window."""
        return editing.edit(self.ctx.store, self.plan_id, step).changed | Changed(plans=self.plans)

    def run_first(self) -> None:
        self._first = self._run(self.apply)

    def redo(self) -> None:
        changed, self._first = self._first or self._run(self.apply), None
        self.ctx.changed(changed, self.plan_id, self.focus(undone=False))

    def undo(self) -> None:
        changed = self._run(self.revert)
        self.ctx.changed(changed, self.plan_id, self.focus(undone=True))

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def focus(self, undone: bool) -> Focus:
        return None


_UPDATE = {
    "plan": editing.update_plan,
    "recommendation": editing.update_recommendation,
    "action": editing.update_action,
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
            new_id = editing.add_recommendation(store, self.parent.id, self.item, self.position)
            kind = "recommendation"
        else:
            new_id = editing.add_action(store, self.parent.id, self.item, self.position)
            kind = "action"
        if self.ref is None:
            self.ref = refs.get(kind, new_id)
        else:
            refs.rebind(self.ref, new_id)
        if kind == "recommendation" and self.item.actions:
            stored = editing.get_recommendation(store, new_id).actions
            if not self.action_refs:
                self.action_refs = [refs.get("action", a.id) for a in stored]
            for handle, action in zip(self.action_refs, stored, strict=True):
                refs.rebind(handle, action.id)

    def take_out(self) -> None:
        if isinstance(self.item, Recommendation):
            editing.delete_recommendation(self.ctx.store, self.ref.id)
        else:
            editing.delete_action(self.ctx.store, self.ref.id)
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
    """Move a recommendation within its plan, or an action within its recommendation or, given
    `between` (the recommendations it leaves and joins), to another one. Either way the item
    keeps its id, so undo, redo and its progress updates all still refer to it."""

    def __init__(
        self,
        ctx: Context,
        plan_id: int,
        ref: Ref,
        old: int,
        new: int,
        between: tuple[Ref, Ref] | None = None,
        text: str = "",
    ) -> None:
        super().__init__(ctx, plan_id, text or f"Move {ref.kind}")
        self.ref, self.old, self.new, self.between = ref, old, new, between

    def _move(self, position: int, parent: Ref | None) -> None:
        if self.ref.kind == "recommendation":
            editing.move_recommendation(self.ctx.store, self.ref.id, position)
        else:
            parent_id = parent.id if parent is not None else None
            editing.move_action(self.ctx.store, self.ref.id, position, parent_id)

    def apply(self) -> None:
        self._move(self.new, self.between[1] if self.between else None)

    def revert(self) -> None:
        self._move(self.old, self.between[0] if self.between else None)

    def focus(self, undone: bool) -> Ref:
        return self.ref


class Steps(StoreCommand):
    """Several commands as one undo step and one transaction: a drop that moves a recommendation
    under another heading, or an action to another recommendation, is one thing to undo.

    A parent command rather than QUndoStack.beginMacro: the steps are applied before anything
    reaches the stack, inside the one transaction every command runs in (`editing.edit`), so
    a step the store refuses undoes the others.
    """

    def __init__(self, ctx: Context, plan_id: int, text: str, steps: list[StoreCommand]) -> None:
        super().__init__(ctx, plan_id, text)
        self.steps = steps

    def apply(self) -> None:
        for step in self.steps:
            step.apply()

    def revert(self) -> None:
        for step in reversed(self.steps):
            step.revert()

    def focus(self, undone: bool) -> Focus:
        return (self.steps[0] if undone else self.steps[-1]).focus(undone)


def _put_under(ctx: Context, recs: list[Ref], title: str) -> None:
    """Give `recs` the section `title` again (positions are unchanged); called inside the
    command's one transaction."""
    for ref in recs:
        editing.update_recommendation(ctx.store, ref.id, section=title)


def _handles(ctx: Context, recs: list[Recommendation]) -> list[Ref]:
    return [ctx.refs.get("recommendation", r.id) for r in recs]


class RenameSection(StoreCommand):
    """Rename a heading. Renaming onto another heading of the plan merges the two; the undo
    then gives the recommendations that were under the old heading their own heading back, so
    both headings are as they were (a rename back would move the other heading's too)."""

    def __init__(self, ctx: Context, plan: Plan, old: str, new: str) -> None:
        new = new.strip()
        merged = new != old and new in plan.sections()
        text = f"Merge heading '{old}' into '{new}'" if merged else f"Rename heading '{old}'"
        super().__init__(ctx, plan.id, text)
        self.old, self.new = old, new
        self.merged = (
            _handles(ctx, [r for r in plan.recommendations if r.section == old]) if merged else []
        )

    def apply(self) -> None:
        editing.rename_section(self.ctx.store, self.plan_id, self.old, self.new)

    def revert(self) -> None:
        if self.merged:
            _put_under(self.ctx, self.merged, self.old)
        else:
            editing.rename_section(self.ctx.store, self.plan_id, self.new, self.old)

    def focus(self, undone: bool) -> Heading:
        return Heading(self.old if undone else self.new)


class DeleteSection(StoreCommand):
    """Remove a heading only: its recommendations stay where they are, under the heading above
    (or none). `now_under` says which, for the window to tell the person."""

    def __init__(self, ctx: Context, plan_id: int, title: str) -> None:
        super().__init__(ctx, plan_id, f"Delete section heading '{title}'")
        self.title = title
        self.members: list[Ref] = []
        self.now_under: str | None = None

    def apply(self) -> None:
        store = self.ctx.store
        ids = editing.delete_section(store, self.plan_id, self.title)
        self.members = [self.ctx.refs.get("recommendation", i) for i in ids]
        self.now_under = editing.get_recommendation(store, ids[0]).section if ids else None

    def revert(self) -> None:
        _put_under(self.ctx, self.members, self.title)

    def focus(self, undone: bool) -> Focus:
        if undone:
            return Heading(self.title)
        return self.members[0] if self.members else None

    def outcome(self) -> str:
        count = len(self.members)
        recs = f"its {count} recommendation{' is' if count == 1 else 's are'}"
        where = f"now under '{self.now_under}'" if self.now_under else "now without a heading"
        return f"Deleted the heading '{self.title}': {recs} {where}, in the same place."


def moves_back_exactly(recs: list[Recommendation], title: str) -> bool:
    """True when moving section `title` back to its index puts every recommendation back where
    it was: its recommendations are one block, followed by the first of another heading's or
    by nothing. Otherwise (a heading in two places, or recommendations without a heading after
    it) the undo also puts the plan's order back one recommendation at a time."""
    sections = [r.section for r in recs]
    at = [i for i, s in enumerate(sections) if s == title]
    if not at or at[-1] - at[0] + 1 != len(at):
        return False
    after = at[-1] + 1
    return after == len(sections) or (
        sections[after] is not None and sections[after] not in sections[: at[0]]
    )


class MoveSection(StoreCommand):
    """Move a section with its recommendations to be the `index`-th section (0-based)."""

    def __init__(self, ctx: Context, plan: Plan, title: str, index: int) -> None:
        super().__init__(ctx, plan.id, f"Move section '{title}'")
        self.title, self.new = title, index
        self.old = plan.sections().index(title)
        self.exact = moves_back_exactly(plan.recommendations, title)
        self.order = [] if self.exact else _handles(ctx, plan.recommendations)

    def apply(self) -> None:
        editing.move_section(self.ctx.store, self.plan_id, self.title, self.new)

    def revert(self) -> None:
        store = self.ctx.store
        editing.move_section(store, self.plan_id, self.title, self.old)
        if not self.exact:
            now = [r.id for r in store.load_recommendations("r.plan_id = ?", self.plan_id)]
            for position, ref in enumerate(self.order):
                if now[position] != ref.id:
                    editing.move_recommendation(store, ref.id, position)
                    now.remove(ref.id)
                    now.insert(position, ref.id)

    def focus(self, undone: bool) -> Heading:
        return Heading(self.title)


def could_lose_updates(stack: QUndoStack, refs: set[Ref]) -> bool:
    """True when undoing or redoing a step on `stack` could take out one of `refs` (an action
    or its recommendation) and put back a copy made before a newer update: the update, which
    is meant to be kept for good, would be lost."""
    commands = (stack.command(i) for i in range(stack.count()))
    steps = (s for c in commands for s in (c.steps if isinstance(c, Steps) else [c]))
    return any(
        isinstance(step, _Presence) and refs & {step.ref, *step.action_refs} for step in steps
    )
