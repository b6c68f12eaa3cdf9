"""Merging a returned spreadsheet into the master plan it came from.

A local authority sends back the plan with decisions, actions, owners, dates and statuses
filled in. Recommendations are matched by Rec No (or, when renumbered, by their unchanged
text) and actions by their order. A return often covers only some rows and leaves cells
empty, so nothing is ever deleted: a cell left blank keeps what the plan says, and rows the
return leaves out are only reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storage import edits
from storage.errors import BadInput
from storage.model import Action, Plan, Recommendation, stored_id
from storage.store import Store, fold

_REC_FIELDS = ("text", "section", "decision", "reason")


@dataclass
class Merge:
    """What merging a return would change; `describe()` lists it for the person to confirm."""

    plan_id: int
    rec_updates: list[tuple[int, str, dict]] = field(default_factory=list)  # (rec id, ref, fields)
    action_updates: list[tuple[int, str, int, dict]] = field(default_factory=list)
    new_actions: list[tuple[int, str, Action]] = field(default_factory=list)  # rec id, ref, _
    # each new recommendation with the id of the one it follows in the return (None: first)
    new_recs: list[tuple[Recommendation, int | None]] = field(default_factory=list)
    missing_actions: list[tuple[str, list[int]]] = field(default_factory=list)  # ref, numbers
    missing_refs: list[str] = field(default_factory=list)
    mismatch: str | None = None  # why the return is for another plan, when it is

    def is_empty(self) -> bool:
        return not (self.rec_updates or self.action_updates or self.new_actions or self.new_recs)

    def describe(self) -> list[str]:
        lines = [self.mismatch] if self.mismatch else []
        for _, ref, fields in self.rec_updates:
            lines += [
                f"Recommendation {ref}: {edits.SHOWN_AS.get(name, name)} -> {_show(v)}"
                for name, v in fields.items()
            ]
        for _, ref, number, fields in self.action_updates:
            lines += [
                f"Recommendation {ref}, action {number}: {name} -> {_show(v)}"
                for name, v in _as_typed(fields).items()
            ]
        for _, ref, action in self.new_actions:
            lines.append(f"Recommendation {ref}: new action '{_show(action.text)}'")
        for rec, _ in self.new_recs:
            lines.append(f"New recommendation {rec.ref} with {len(rec.actions)} action(s)")
        for ref, numbers in self.missing_actions:
            if len(numbers) == 1:
                lines.append(
                    f"Recommendation {ref}: action {numbers[0]} is not in the return, left as it is"
                )
            else:
                listed = ", ".join(map(str, numbers))
                lines.append(
                    f"Recommendation {ref}: actions {listed} are not in the return, "
                    "left as they are"
                )
        if self.missing_refs:
            lines.append("Not in the return, left as they are: " + ", ".join(self.missing_refs))
        return lines


def _as_typed(fields: dict) -> dict:
    """An action's changes as the template's columns show them: the target as typed, once."""
    shown = {}
    for name, value in fields.items():
        if name in ("target", "target_text"):
            shown["target"] = fields.get("target_text", value) or fields.get("target")
        else:
            shown[name] = value
    return shown


def _show(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(value) or "(none)"
    text = "(none)" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _said(action: Action) -> dict:
    """The fields of a returned action that the return fills in: blank cells say nothing."""
    said: dict = {name: v for name, v in (("text", action.text), ("owners", action.owners)) if v}
    if action.target is not None or action.target_text:
        # the pair goes together: a date given without words must not keep the old words
        said["target"], said["target_text"] = action.target, action.target_text
    if action.status != "open" or "target" in said:  # "open" is also what an empty row reads
        said["status"] = action.status
    return said


def plan_merge(current: Plan, incoming: Plan) -> Merge:
    """Work out the changes that would make `current` say what `incoming` says."""
    merge = Merge(stored_id(current))
    by_ref = {rec.ref: rec for rec in current.recommendations}
    incoming_refs = {rec.ref for rec in incoming.recommendations}
    renumbered = {
        fold(rec.text): rec
        for rec in current.recommendations
        if rec.ref not in incoming_refs and rec.text.strip()
    }
    matched: set[str] = set()
    follows: int | None = None
    for new in incoming.recommendations:
        old = by_ref.get(new.ref) or renumbered.pop(fold(new.text), None)
        if old is None or old.ref in matched:
            merge.new_recs.append((new, follows))
            continue
        matched.add(old.ref)
        follows = old.id
        changed = {"ref": new.ref} if new.ref != old.ref else {}
        changed.update(
            (f, getattr(new, f))
            for f in _REC_FIELDS
            if getattr(new, f) not in (None, "") and getattr(new, f) != getattr(old, f)
        )
        if changed:
            merge.rec_updates.append((stored_id(old), old.ref, changed))
        for number, action in enumerate(new.actions, 1):
            if number > len(old.actions):
                merge.new_actions.append((stored_id(old), new.ref, action))
                continue
            was = old.actions[number - 1]
            diff = {f: v for f, v in _said(action).items() if v != getattr(was, f)}
            if diff:
                merge.action_updates.append((stored_id(was), old.ref, number, diff))
        if len(new.actions) < len(old.actions):
            merge.missing_actions.append(
                (old.ref, list(range(len(new.actions) + 1, len(old.actions) + 1)))
            )
    if not matched and current.recommendations:  # nothing to place them by: after the rest
        last = current.recommendations[-1].id
        merge.new_recs = [(rec, last) for rec, _ in merge.new_recs]
    merge.missing_refs = [r.ref for r in current.recommendations if r.ref not in matched]
    merge.mismatch = _mismatch(current, incoming)
    return merge


def _mismatch(current: Plan, incoming: Plan) -> str | None:
    """A sentence when `incoming` is plainly a return for another plan: another title, and
    not one recommendation worded as one of this plan's (a return keeps the agreed wording)."""
    texts = {fold(rec.text) for rec in incoming.recommendations if rec.text.strip()}
    if fold(incoming.title) == fold(current.title) or not texts:
        return None
    if texts & {fold(rec.text) for rec in current.recommendations}:
        return None
    return (
        f"This return is not for '{current.title}': its title is '{incoming.title}' and none "
        "of its recommendations reads as one of this plan's."
    )


def apply_merge(store: Store, merge: Merge) -> None:
    """Apply every change in one transaction, each recorded in the history."""
    if merge.mismatch:
        raise BadInput(merge.mismatch)
    with store.transaction():
        for rec_id, _, fields in merge.rec_updates:
            edits.update_recommendation(store, rec_id, **fields)
        for action_id, _, _, fields in merge.action_updates:
            edits.update_action(store, action_id, **fields)
        for rec_id, _, action in merge.new_actions:
            edits.add_action(store, rec_id, action)
        placed: dict[int | None, int] = {}  # a new one follows the new one before it
        for rec, follows in merge.new_recs:
            anchor = placed.get(follows, follows)
            placed[follows] = edits.add_recommendation(
                store, merge.plan_id, rec, _position_after(store, anchor)
            )


def _position_after(store: Store, rec_id: int | None) -> int:
    if rec_id is None:
        return 0
    (position,) = store.conn.execute(
        "SELECT position FROM recommendations WHERE id = ?", (rec_id,)
    ).fetchone()
    return position + 1
