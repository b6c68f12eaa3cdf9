"""What a drop in the plan view means, as one undoable command.

The plan view is flat: heading rows, then each recommendation followed by its actions. A row
dropped in the gap before row `row` lands after the row above the gap:

- a recommendation goes after the recommendation above (under its heading), or first under the
  heading above; dropped above every row, it becomes the first recommendation of the plan;
- an action goes after the action above, or first under the recommendation above;
- a section goes, with all its recommendations, after the section above the gap.

An action moved to another recommendation stays the same action (the store moves the row), so
its owners, progress updates and history go with it.
"""

from __future__ import annotations

from actionplans.gui.commands import (
    Context,
    EditFields,
    MoveItem,
    MoveSection,
    Steps,
    StoreCommand,
)
from actionplans.gui.plan_rows import Dragged, Node
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Plan, Recommendation


def _place(items: list, item: object) -> int:
    return next(i for i, other in enumerate(items) if other is item)


def _moved_to(old: int, before: int) -> int:
    """The final position of an item taken from `old` and put back before `before`."""
    return before if before <= old else before - 1


def drop_command(
    ctx: Context, plan: Plan, rows: list[Node], dragged: Dragged, row: int
) -> StoreCommand | None:
    """The command for `dragged` dropped before `rows[row]`; None when it would change nothing.
    Raises BadInput, with a sentence for the person, for a drop that cannot be made."""
    above = rows[row - 1] if row > 0 else None
    below = rows[row] if row < len(rows) else None
    if dragged.kind == "section":
        return _section_drop(ctx, plan, dragged.title, rows[:row])
    if dragged.kind == "recommendation":
        rec = next(r for r in plan.recommendations if r.id == dragged.item_id)
        return _recommendation_drop(ctx, plan, rec, above, below)
    rec, action = next(
        (r, a) for r in plan.recommendations for a in r.actions if a.id == dragged.item_id
    )
    return _action_drop(ctx, plan, rec, action, above)


def _recommendation_drop(
    ctx: Context, plan: Plan, rec: Recommendation, above: Node | None, below: Node | None
) -> StoreCommand | None:
    recs = plan.recommendations
    if above is None:
        before, section = 0, recs[0].section
    elif above.kind == "section":  # a heading row is always followed by a recommendation
        before, section = _place(recs, below.item), above.item
    else:
        after = above.item if above.kind == "recommendation" else above.rec
        before, section = _place(recs, after) + 1, after.section
    old = _place(recs, rec)
    new = _moved_to(old, before)
    ref = ctx.refs.get("recommendation", rec.id)
    steps: list[StoreCommand] = []
    if new != old:
        steps.append(MoveItem(ctx, plan.id, ref, old, new))
    if section != rec.section:
        steps.append(EditFields(ctx, plan.id, ref, {"section": rec.section}, {"section": section}))
    if not steps:
        return None
    under = f" under '{section}'" if section != rec.section and section else ""
    return Steps(ctx, plan.id, f"Move recommendation {rec.ref}{under}", steps)


def _action_drop(
    ctx: Context, plan: Plan, owner: Recommendation, action: Action, above: Node | None
) -> StoreCommand | None:
    if above is None or above.kind == "section":
        raise BadInput("An action belongs under a recommendation: drop it below one.")
    target = above.item if above.kind == "recommendation" else above.rec
    before = 0 if above.kind == "recommendation" else above.number
    old = _place(owner.actions, action)
    ref = ctx.refs.get("action", action.id)
    if target is owner:
        new = _moved_to(old, before)
        return None if new == old else MoveItem(ctx, plan.id, ref, old, new)
    text = f"Move action {old + 1} of recommendation {owner.ref} to recommendation {target.ref}"
    between = (ctx.refs.get("recommendation", owner.id), ctx.refs.get("recommendation", target.id))
    return MoveItem(ctx, plan.id, ref, old, before, between, text)


def _section_drop(
    ctx: Context, plan: Plan, title: str, rows_above: list[Node]
) -> MoveSection | None:
    """After the nearest heading above the gap (first when there is none)."""
    after = next((n.section for n in reversed(rows_above) if n.section), None)
    if after == title:
        return None
    sections = plan.sections()
    others = [s for s in sections if s != title]
    index = 0 if after is None else others.index(after) + 1
    return None if index == sections.index(title) else MoveSection(ctx, plan, title, index)
