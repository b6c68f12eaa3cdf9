"""Merging a returned spreadsheet into the master plan it came from.

A local authority sends back the plan with decisions, actions, owners, dates and statuses
filled in. Recommendations are matched by Rec No and actions by their order; what the return
leaves out is never deleted (a return often covers only some rows), only reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storage import edits
from storage.model import Action, Plan, Recommendation
from storage.store import Store

_REC_FIELDS = ("text", "section", "decision", "reason")
_ACTION_FIELDS = ("text", "owners", "target", "target_text", "status")


@dataclass
class Merge:
    """What merging a return would change; `describe()` lists it for the person to confirm."""

    plan_id: int
    rec_updates: list[tuple[int, str, dict]] = field(default_factory=list)  # (rec id, ref, fields)
    action_updates: list[tuple[int, str, int, dict]] = field(default_factory=list)
    new_actions: list[tuple[int, str, Action]] = field(default_factory=list)  # rec id, ref, _
    new_recs: list[Recommendation] = field(default_factory=list)
    missing_refs: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.rec_updates or self.action_updates or self.new_actions or self.new_recs)

    def describe(self) -> list[str]:
        lines = []
        for _, ref, fields in self.rec_updates:
            lines += [f"Recommendation {ref}: {name} -> {_show(v)}" for name, v in fields.items()]
        for _, ref, number, fields in self.action_updates:
            lines += [
                f"Recommendation {ref}, action {number}: {name} -> {_show(v)}"
                for name, v in fields.items()
            ]
        for _, ref, action in self.new_actions:
            lines.append(f"Recommendation {ref}: new action '{_show(action.text)}'")
        for rec in self.new_recs:
            lines.append(f"New recommendation {rec.ref} with {len(rec.actions)} action(s)")
        if self.missing_refs:
            lines.append("Not in the return, left as they are: " + ", ".join(self.missing_refs))
        return lines


def _show(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(value) or "(none)"
    text = "(none)" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def plan_merge(current: Plan, incoming: Plan) -> Merge:
    """Work out the changes that would make `current` say what `incoming` says."""
    merge = Merge(current.id)
    by_ref = {rec.ref: rec for rec in current.recommendations}
    seen = set()
    for new in incoming.recommendations:
        old = by_ref.get(new.ref)
        if old is None:
            merge.new_recs.append(new)
            continue
        seen.add(new.ref)
        changed = {f: getattr(new, f) for f in _REC_FIELDS if getattr(new, f) != getattr(old, f)}
        if not new.text:  # a return that leaves the recommendation blank keeps the agreed text
            changed.pop("text", None)
        if changed:
            merge.rec_updates.append((old.id, old.ref, changed))
        for number, action in enumerate(new.actions, 1):
            if number > len(old.actions):
                merge.new_actions.append((old.id, old.ref, action))
                continue
            was = old.actions[number - 1]
            diff = {
                f: getattr(action, f)
                for f in _ACTION_FIELDS
                if getattr(action, f) != getattr(was, f)
            }
            if diff:
                merge.action_updates.append((was.id, old.ref, number, diff))
    merge.missing_refs = [r.ref for r in current.recommendations if r.ref not in seen]
    return merge


def apply_merge(store: Store, merge: Merge) -> None:
    """Apply every change in one transaction, each recorded in the history."""
    with store.transaction():
        for rec_id, _, fields in merge.rec_updates:
            edits.update_recommendation(store, rec_id, **fields)
        for action_id, _, _, fields in merge.action_updates:
            edits.update_action(store, action_id, **fields)
        for rec_id, _, action in merge.new_actions:
            edits.add_action(store, rec_id, action)
        for rec in merge.new_recs:
            edits.add_recommendation(store, merge.plan_id, rec)
