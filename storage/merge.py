"""Merging a returned spreadsheet into the master plan it came from.

A local authority sends back the plan with decisions, actions, owners, dates and statuses
filled in, often with a progress update and a RAG rating beside each action. Recommendations
are matched by Rec No (or, when renumbered, by their unchanged text) and actions by their
order. A return often covers only some rows and leaves cells empty, so nothing is ever deleted:
a cell left blank keeps what the plan says, and rows the return leaves out are only reported.

The agreed plan is the board's record of what was agreed, so a return never rewrites it unless
the person asks (`edit_plan`): a recommendation's text, decision and reason and an action's
words that the return gives differently are listed and kept; only what the plan leaves blank
is filled in. What an owner wrote about progress becomes a dated update, as a progress return's
rows do. A completed action is never reopened by a return: the conflict is listed and the
action left completed. A response the reader split into several actions (several items with as
many dates) is joined back into the one agreed action it reads as.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from actionplans.storage import edits
from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Plan, Recommendation, Update, stored_id
from actionplans.storage.store import Store, fold

_REC_FIELDS = ("text", "section", "decision", "reason")
_AGREED = ("text", "decision", "reason")  # kept as agreed unless the person asks
_NAMES = {"ref": "Rec No", "text": "text", "target": "target", "owners": "owners"}


@dataclass
class Merge:
    """What merging a return would change; `describe()` lists it for the person to confirm."""

    plan_id: int
    # (rec id, ref, the new values, the values they replace)
    rec_updates: list[tuple[int, str, dict, dict]] = field(default_factory=list)
    # (action id, ref, action number, the new values, the values they replace)
    action_updates: list[tuple[int, str, int, dict, dict]] = field(default_factory=list)
    new_actions: list[tuple[int, str, Action]] = field(default_factory=list)  # rec id, ref, _
    # each new recommendation with the id of the one it follows in the return (None: first)
    new_recs: list[tuple[Recommendation, int | None]] = field(default_factory=list)
    # (action id, ref, action number, the dated update the return's progress columns give)
    progress: list[tuple[int, str, int, Update]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # agreed words the return gives otherwise
    conflicts: list[str] = field(default_factory=list)  # what the return says and cannot be
    missing_actions: list[tuple[str, list[int]]] = field(default_factory=list)  # ref, numbers
    missing_refs: list[str] = field(default_factory=list)
    mismatch: str | None = None  # why the return is for another plan, when it is

    def is_empty(self) -> bool:
        return not (
            self.rec_updates
            or self.action_updates
            or self.new_actions
            or self.new_recs
            or self.progress
        )

    def describe(self) -> list[str]:
        """Every change as old -> new, in full, an item's and each action's lines together."""
        lines = [self.mismatch] if self.mismatch else []
        for _, ref, fields, old in self.rec_updates:
            lines += [
                f"Recommendation {ref}: {edits.SHOWN_AS.get(name, name)}: "
                f"{_show(old.get(name))} -> {_show(v)}"
                for name, v in fields.items()
            ]
        for _, ref, number, fields, old in self.action_updates:
            shown_old = _as_typed(old)
            lines += [
                f"Recommendation {ref}, action {number}: {name}: "
                f"{_show(shown_old.get(name))} -> {_show(v)}"
                for name, v in _as_typed(fields).items()
            ]
        for _, ref, number, update in self.progress:
            lines.append(f"Recommendation {ref}, action {number}: {_update_words(update)}")
        for _, ref, action in self.new_actions:
            lines.append(f"Recommendation {ref}: new action '{_show(action.text)}'")
        for rec, _ in self.new_recs:
            lines.append(f"New recommendation {rec.ref} with {len(rec.actions)} action(s)")
        lines += self.kept + self.conflicts
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


def _update_words(update: Update) -> str:
    rag = f", RAG {update.rag.capitalize()}" if update.rag else ""
    words = f": {_show(update.text)}" if update.text else ""
    return (
        f"progress update dated {uk_date(update.on_date)}, "
        f"{update.status.replace('_', ' ')}{rag}{words}"
    )


def _as_typed(fields: dict) -> dict:
    """An action's changes as the template's columns show them: the target as typed, once."""
    shown = {}
    for name, value in fields.items():
        if name in ("target", "target_text"):
            shown["target"] = fields.get("target_text", value) or fields.get("target")
        elif name == "status":
            shown[name] = str(value).replace("_", " ")
        else:
            shown[name] = value
    return shown


def _show(value: object) -> str:
    """A value as the preview shows it: in full, never cut short."""
    if isinstance(value, list):
        return "; ".join(value) or "(none)"
    return "(none)" if value in (None, "") else " ".join(str(value).split())


def _said(action: Action) -> dict:
    """The fields of a returned action that the return fills in: blank cells say nothing."""
    said: dict = {name: v for name, v in (("text", action.text), ("owners", action.owners)) if v}
    if action.target is not None or action.target_text:
        # the pair goes together: a date given without words must not keep the old words
        said["target"], said["target_text"] = action.target, action.target_text
    if (action.status != "open" or "target" in said) and not action.updates:
        said["status"] = action.status  # "open" is also what an empty row reads
    return said


def _agreed_kept(label: str, name: str, was: object, said: object) -> str:
    return (
        f"{label}: the return's {name} differs and the agreed {name} is kept: "
        f"{_show(said)} (agreed: {_show(was)})"
    )


def plan_merge(
    current: Plan, incoming: Plan, *, edit_plan: bool = False, today: date | None = None
) -> Merge:
    """Work out what merging `incoming` into `current` records and changes; `edit_plan`: take
    the return's words over the agreed ones too."""
    today = today or date.today()
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
        follows = stored_id(old)
        _merge_rec(merge, old, new, edit_plan)
        actions = _rejoined(old.actions, new.actions)
        for number, action in enumerate(actions, 1):
            if number > len(old.actions):
                merge.new_actions.append((stored_id(old), new.ref, action))
                continue
            _merge_action(merge, old.ref, number, old.actions[number - 1], action, edit_plan, today)
        if len(actions) < len(old.actions):
            merge.missing_actions.append(
                (old.ref, list(range(len(actions) + 1, len(old.actions) + 1)))
            )
    if not matched and current.recommendations:  # nothing to place them by: after the rest
        last = current.recommendations[-1].id
        merge.new_recs = [(rec, last) for rec, _ in merge.new_recs]
    merge.missing_refs = [r.ref for r in current.recommendations if r.ref not in matched]
    merge.mismatch = _mismatch(current, incoming)
    return merge


def _merge_rec(merge: Merge, old: Recommendation, new: Recommendation, edit_plan: bool) -> None:
    changed: dict = {"ref": new.ref} if new.ref != old.ref else {}
    for name in _REC_FIELDS:
        said, was = getattr(new, name), getattr(old, name)
        if said in (None, "") or fold(str(said)) == fold(str(was or "")):
            continue
        if name in _AGREED and was not in (None, "") and not edit_plan:
            merge.kept.append(_agreed_kept(f"Recommendation {old.ref}", name, was, said))
        else:
            changed[name] = said
    if changed:
        merge.rec_updates.append(
            (stored_id(old), old.ref, changed, {name: getattr(old, name) for name in changed})
        )


def _merge_action(
    merge: Merge,
    ref: str,
    number: int,
    was: Action,
    action: Action,
    edit_plan: bool,
    today: date,
) -> None:
    label = f"Recommendation {ref}, action {number}"
    diff = {f: v for f, v in _said(action).items() if v != getattr(was, f)}
    if "text" in diff and (fold(diff["text"]) == fold(was.text) or (was.text and not edit_plan)):
        if fold(diff["text"]) != fold(was.text):
            merge.kept.append(_agreed_kept(label, "action", was.text, diff["text"]))
        del diff["text"]
    reopened = was.status == "completed" and action.status in ("open", "in_progress")
    if reopened and "status" in diff:
        del diff["status"]
        merge.conflicts.append(
            f"{label}: is completed, and the return says {action.status.replace('_', ' ')}: "
            "left completed (record an update to reopen it)."
        )
    updates = list(action.updates)
    if "status" in diff and was.updates:
        # a monitored action's status is its latest update's: a new status is a new update
        updates.append(Update(today.isoformat(), diff.pop("status"), ""))
    if diff:
        merge.action_updates.append(
            (stored_id(was), ref, number, diff, {f: getattr(was, f) for f in diff})
        )
    for update in updates:
        if reopened and update.status in ("open", "in_progress"):
            update = replace(update, status="completed")  # the note is kept, not the reopening
            merge.conflicts.append(
                f"{label}: is completed, and the return's update says otherwise: its note is "
                "recorded, the action left completed."
            )
        if update.status == "completed" and not (update.evidence or update.text):
            merge.conflicts.append(f"{label}: completing it needs evidence: not recorded.")
        elif update.on_date > today.isoformat():
            merge.conflicts.append(
                f"{label}: the update is dated {uk_date(update.on_date)}, after today: "
                "not recorded."
            )
        elif not _recorded(was, update):
            merge.progress.append((stored_id(was), ref, number, update))


def _recorded(action: Action, update: Update) -> bool:
    """Whether the plan already holds this update (the same return merged twice)."""
    return any(
        (u.on_date, u.status, fold(u.text)) == (update.on_date, update.status, fold(update.text))
        for u in action.updates
    )


def _rejoined(agreed: list[Action], returned: list[Action]) -> list[Action]:
    """The return's actions, with a run of them whose words join to one agreed action's taken
    back as that action: the reader splits a response of several items with as many dates into
    several actions, and an agreed action must not become several by a return."""
    if len(returned) <= len(agreed):
        return returned
    out: list[Action] = []
    start = 0
    for was in agreed:
        want, end = fold(was.text), start
        while end < len(returned):
            joined = fold(" ".join(a.text for a in returned[start : end + 1]))
            if joined == want or not want.startswith(joined):
                break
            end += 1
        run = returned[start : end + 1]
        if len(run) > 1 and fold(" ".join(a.text for a in run)) == want:
            out.append(_joined(was, run))
            start = end + 1
        elif start < len(returned):
            out.append(returned[start])
            start += 1
    return out + returned[start:]


def _joined(was: Action, parts: list[Action]) -> Action:
    """One action from the parts the reader split it into: their owners and progress; its
    agreed words and target, which the parts only divide."""
    owners = list(dict.fromkeys(owner for part in parts for owner in part.owners))
    statuses = {part.status for part in parts}
    status = statuses.pop() if len(statuses) == 1 else "in_progress"
    updates = [u for part in parts for u in part.updates]
    return Action(was.text, owners, None, "", status, updates[-1:] if updates else [])


def apply_merge(store: Store, merge: Merge, today: date | None = None) -> None:
    """Apply every change in one transaction, each recorded in the history."""
    from actionplans.storage.monitoring import add_update

    if merge.mismatch:
        raise BadInput(merge.mismatch)
    with store.transaction():
        for rec_id, _, fields, _ in merge.rec_updates:
            edits.update_recommendation(store, rec_id, **fields)
        for action_id, _, _, fields, _ in merge.action_updates:
            edits.update_action(store, action_id, **fields)
        for action_id, _, _, update in merge.progress:
            done = update.status == "completed"
            add_update(
                store,
                action_id,
                status=update.status,
                text=update.text,
                on_date=update.on_date,
                evidence=update.evidence or (update.text if done else None),
                rag=update.rag,
                rag_reason=update.rag_reason or update.text or "as the return rates it",
                today=today,
            )
        for rec_id, _, action in merge.new_actions:
            edits.add_action(store, rec_id, action)
        placed: dict[int | None, int] = {}  # a new one follows the new one before it
        for rec, follows in merge.new_recs:
            anchor = placed.get(follows, follows)
            placed[follows] = edits.add_recommendation(
                store, merge.plan_id, rec, _position_after(store, anchor)
            )


def plans_titled(store: Store, title: str) -> list[int]:
    """The ids of the plans whose title reads as `title` (case, spacing and accents aside):
    how a return, or a plan imported again, is recognised as one already in the store."""
    wanted = fold(title)
    return [
        plan_id
        for plan_id, stored in store.conn.execute("SELECT id, title FROM plans ORDER BY id")
        if fold(stored) == wanted
    ]


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


def _position_after(store: Store, rec_id: int | None) -> int:
    if rec_id is None:
        return 0
    (position,) = store.conn.execute(
        "SELECT position FROM recommendations WHERE id = ?", (rec_id,)
    ).fetchone()
    return position + 1
