"""Small edits to a stored plan, each one transaction with its history lines.

These are what the window's undo commands call and what merging a returned spreadsheet applies:
every function validates first, writes only the fields that really change, records old and new
values, and keeps the full-text index in step.
"""

from __future__ import annotations

import re

from actionplans.storage import validation
from actionplans.storage.errors import BadInput
from actionplans.storage.model import DECISIONS, REASONS, STATUSES, Action, Recommendation
from actionplans.storage.store import PLAN_FIELDS, Store
from actionplans.storage.text import plain_text

REC_FIELDS = ("ref", "text", "section", "decision", "reason")
ACTION_FIELDS = ("text", "owners", "target", "target_text", "status")
SHOWN_AS = {"ref": "Rec No"}  # a field's name as the template's column heads it
_TARGET = re.compile(r"(\d{4}-(0[1-9]|1[0-2])(-\d{2})?|ongoing)$")


def _validate(field: str, value: object) -> None:
    allowed = {"decision": DECISIONS, "reason": REASONS, "status": STATUSES}.get(field)
    if allowed and value not in allowed and not (value is None and field != "status"):
        raise BadInput(f"'{value}' is not a {field}; expected {', '.join(allowed)}.")
    if field == "target" and value is not None and not _TARGET.match(str(value)):
        raise BadInput(f"'{value}' is not a target; expected YYYY-MM-DD, YYYY-MM or ongoing.")
    if field in ("title", "ref") and not str(value or "").strip():
        raise BadInput(f"The {SHOWN_AS.get(field, field)} cannot be empty.")
    validation.check_field(field, value)


def _as_kept(fields: dict) -> dict:
    """The fields' text as it is kept (see storage.text), owners one by one."""
    return {
        name: plain_text(value)
        if isinstance(value, str)
        else [plain_text(o) for o in value]
        if isinstance(value, list)
        else value
        for name, value in fields.items()
    }


def _unknown(fields: dict, known: tuple) -> None:
    extra = set(fields) - set(known)
    if extra:
        raise TypeError(f"unknown fields {sorted(extra)}")


def update_plan(store: Store, plan_id: int, **fields: object) -> None:
    _unknown(fields, PLAN_FIELDS)
    fields = _as_kept(fields)
    for name, value in fields.items():
        _validate(name, value)
    with store.transaction():
        row = (
            store.conn.execute(
                f"SELECT {', '.join(fields)} FROM plans WHERE id = ?", (plan_id,)
            ).fetchone()
            if fields
            else ()
        )
        for (name, value), old in zip(fields.items(), row, strict=True):
            if old != value:
                store.conn.execute(f"UPDATE plans SET {name} = ? WHERE id = ?", (value, plan_id))
                store.record(plan_id, "plan", plan_id, name, old, value)


def _rec_plan(store: Store, rec_id: int) -> int:
    row = store.conn.execute("SELECT plan_id FROM recommendations WHERE id = ?", (rec_id,))
    found = row.fetchone()
    if found is None:
        raise BadInput(f"There is no recommendation {rec_id}.")
    return found[0]


def _action_plan(store: Store, action_id: int) -> tuple[int, int]:
    found = store.conn.execute(
        "SELECT r.plan_id, a.recommendation_id FROM actions a JOIN recommendations r "
        "ON r.id = a.recommendation_id WHERE a.id = ?",
        (action_id,),
    ).fetchone()
    if found is None:
        raise BadInput(f"There is no action {action_id}.")
    return found


def get_recommendation(store: Store, rec_id: int) -> Recommendation:
    """One recommendation with its actions, loaded alone (an edit must not load the plan)."""
    found = store.load_recommendations("r.id = ?", rec_id)
    if not found:
        raise BadInput(f"There is no recommendation {rec_id}.")
    return found[0]


def get_action(store: Store, action_id: int) -> Action:
    _, rec_id = _action_plan(store, action_id)
    return next(a for a in get_recommendation(store, rec_id).actions if a.id == action_id)


def update_recommendation(store: Store, rec_id: int, **fields: object) -> None:
    _unknown(fields, REC_FIELDS)
    fields = _as_kept(fields)
    for name, value in fields.items():
        _validate(name, value)
    with store.transaction():
        plan_id = _rec_plan(store, rec_id)
        old = get_recommendation(store, rec_id)
        changed = False
        for name, value in fields.items():
            before = getattr(old, name)
            if before == value:
                continue
            changed = True
            if name == "section":
                store.conn.execute(
                    "UPDATE recommendations SET section_id = ? WHERE id = ?",
                    (store.section_id(plan_id, str(value) if value else None), rec_id),
                )
            else:
                store.conn.execute(
                    f"UPDATE recommendations SET {name} = ? WHERE id = ?", (value, rec_id)
                )
            store.record(plan_id, "recommendation", rec_id, name, before, value)
            setattr(old, name, value)
        if changed:
            store.reindex(rec_id)


def _write_owners(store: Store, action_id: int, owners: list[str]) -> None:
    store.conn.execute("DELETE FROM action_owners WHERE action_id = ?", (action_id,))
    store.conn.executemany(
        "INSERT INTO action_owners VALUES (?, ?, ?)",
        [(action_id, i, store.owner_id(name)) for i, name in enumerate(owners)],
    )


def _owner_names(value: object) -> list[str]:
    """Owners as kept: a list of names, each trimmed, none empty."""
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise BadInput("The owners must be a list of names.")
    return [name.strip() for name in value if name.strip()]


def update_action(store: Store, action_id: int, **fields: object) -> None:
    _unknown(fields, ACTION_FIELDS)
    fields = _as_kept(fields)
    for name, value in fields.items():
        _validate(name, value)
    with store.transaction():
        plan_id, rec_id = _action_plan(store, action_id)
        old = get_action(store, action_id)
        changed = False
        for name, value in fields.items():
            before = getattr(old, name)
            owners = _owner_names(value) if name == "owners" else None
            if owners is not None:
                value = owners
            if before == value:
                continue
            changed = True
            if owners is not None:
                _write_owners(store, action_id, owners)
            else:
                store.conn.execute(
                    f"UPDATE actions SET {name} = ? WHERE id = ?", (value, action_id)
                )
            store.record(plan_id, "action", action_id, name, before, value)
            setattr(old, name, value)
        if changed:
            store.reindex(rec_id)


def _make_room(store: Store, table: str, parent: str, parent_id: int, position: int | None) -> int:
    """Shift rows at and after `position` down by one; returns the position to use."""
    count = store.conn.execute(
        f"SELECT count(*) FROM {table} WHERE {parent} = ?", (parent_id,)
    ).fetchone()[0]
    if position is None or position >= count:
        return count
    position = max(position, 0)
    store.conn.execute(
        f"UPDATE {table} SET position = position + 1 WHERE {parent} = ? AND position >= ?",
        (parent_id, position),
    )
    return position


def add_recommendation(
    store: Store, plan_id: int, rec: Recommendation, position: int | None = None
) -> int:
    """Insert `rec` (with its actions) at `position` (0-based; None appends)."""
    _validate("ref", rec.ref)
    for name in ("decision", "reason"):
        _validate(name, getattr(rec, name))
    with store.transaction():
        store.get_plan_title(plan_id)
        position = _make_room(store, "recommendations", "plan_id", plan_id, position)
        (rec_id,) = store.insert_recommendations(plan_id, [rec], first_position=position)
        store.record(plan_id, "recommendation", rec_id, "created", None, rec.ref)
    return rec_id


def add_action(store: Store, rec_id: int, action: Action, position: int | None = None) -> int:
    for name in ("status", "target"):
        _validate(name, getattr(action, name))
    with store.transaction():
        plan_id = _rec_plan(store, rec_id)
        position = _make_room(store, "actions", "recommendation_id", rec_id, position)
        action_id = store.insert(
            "INSERT INTO actions (recommendation_id, position, text, target, target_text, status)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (rec_id, position, action.text, action.target, action.target_text, action.status),
        )
        _write_owners(store, action_id, action.owners)
        store.reindex(rec_id)
        store.record(plan_id, "action", action_id, "created", None, action.text)
    return action_id


def _close_gap(store: Store, table: str, parent: str, parent_id: int, position: int) -> None:
    store.conn.execute(
        f"UPDATE {table} SET position = position - 1 WHERE {parent} = ? AND position > ?",
        (parent_id, position),
    )


def delete_recommendation(store: Store, rec_id: int) -> None:
    with store.transaction():
        rec = get_recommendation(store, rec_id)
        plan_id, position = store.conn.execute(
            "SELECT plan_id, position FROM recommendations WHERE id = ?", (rec_id,)
        ).fetchone()
        store.conn.execute("DELETE FROM search_index WHERE rowid = ?", (rec_id,))
        store.conn.execute("DELETE FROM recommendations WHERE id = ?", (rec_id,))
        _close_gap(store, "recommendations", "plan_id", plan_id, position)
        store.record(plan_id, "recommendation", rec_id, "deleted", rec.ref, None)


def delete_action(store: Store, action_id: int) -> None:
    with store.transaction():
        plan_id, rec_id = _action_plan(store, action_id)
        text, position = store.conn.execute(
            "SELECT text, position FROM actions WHERE id = ?", (action_id,)
        ).fetchone()
        store.conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))
        _close_gap(store, "actions", "recommendation_id", rec_id, position)
        store.reindex(rec_id)
        store.record(plan_id, "action", action_id, "deleted", text, None)


def _move(store: Store, table: str, parent: str, item_id: int, position: int, kind: str) -> None:
    with store.transaction():
        parent_id, old = store.conn.execute(
            f"SELECT {parent}, position FROM {table} WHERE id = ?", (item_id,)
        ).fetchone()
        count = store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE {parent} = ?", (parent_id,)
        ).fetchone()[0]
        position = min(max(position, 0), count - 1)
        if position == old:
            return
        _close_gap(store, table, parent, parent_id, old)
        store.conn.execute(
            f"UPDATE {table} SET position = position + 1 WHERE {parent} = ? AND position >= ? "
            "AND id != ?",
            (parent_id, position, item_id),
        )
        store.conn.execute(f"UPDATE {table} SET position = ? WHERE id = ?", (position, item_id))
        plan_id = (
            _rec_plan(store, item_id)
            if kind == "recommendation"
            else _action_plan(store, item_id)[0]
        )
        store.record(plan_id, kind, item_id, "position", old + 1, position + 1)


def move_recommendation(store: Store, rec_id: int, position: int) -> None:
    """Move to 0-based `position` within its plan."""
    _move(store, "recommendations", "plan_id", rec_id, position, "recommendation")


def move_action(store: Store, action_id: int, position: int, rec_id: int | None = None) -> None:
    """Move to 0-based `position` within its recommendation, or within `rec_id` (another
    recommendation of the same plan). The action stays the same row, so its owners, progress
    updates and history go with it; the history records the recommendation it left."""
    with store.transaction():
        plan_id, old_rec = _action_plan(store, action_id)
        if rec_id is None or rec_id == old_rec:
            _move(store, "actions", "recommendation_id", action_id, position, "action")
            return
        if _rec_plan(store, rec_id) != plan_id:
            raise BadInput("An action can move only to a recommendation of its own plan.")
        (old,) = store.conn.execute(
            "SELECT position FROM actions WHERE id = ?", (action_id,)
        ).fetchone()
        _close_gap(store, "actions", "recommendation_id", old_rec, old)
        position = _make_room(store, "actions", "recommendation_id", rec_id, position)
        store.conn.execute(
            "UPDATE actions SET recommendation_id = ?, position = ? WHERE id = ?",
            (rec_id, position, action_id),
        )
        refs = dict(
            store.conn.execute(
                "SELECT id, ref FROM recommendations WHERE id IN (?, ?)", (old_rec, rec_id)
            ).fetchall()
        )
        for changed in (old_rec, rec_id):
            store.reindex(changed)
        store.record(plan_id, "action", action_id, "recommendation", refs[old_rec], refs[rec_id])


def _sections_in_order(store: Store, plan_id: int) -> list[tuple[int, str | None]]:
    """(recommendation id, section title) for the plan, in plan order."""
    return store.conn.execute(
        "SELECT r.id, s.title FROM recommendations r LEFT JOIN sections s ON s.id = r.section_id "
        "WHERE r.plan_id = ? ORDER BY r.position",
        (plan_id,),
    ).fetchall()


def _section_row(store: Store, plan_id: int, title: str) -> int:
    row = store.conn.execute(
        "SELECT id FROM sections WHERE plan_id = ? AND title = ?", (plan_id, title)
    ).fetchone()
    if row is None:
        raise BadInput(f"This plan has no section '{title}'.")
    return row[0]


def rename_section(store: Store, plan_id: int, old: str, new: str) -> None:
    """Rename a section heading; renaming onto an existing heading merges the two."""
    new = new.strip()
    if not new:
        raise BadInput("A section heading cannot be empty.")
    with store.transaction():
        old_id = _section_row(store, plan_id, old)
        if new == old:
            return
        existing = store.conn.execute(
            "SELECT id FROM sections WHERE plan_id = ? AND title = ?", (plan_id, new)
        ).fetchone()
        if existing:
            store.conn.execute(
                "UPDATE recommendations SET section_id = ? WHERE section_id = ?",
                (existing[0], old_id),
            )
            store.conn.execute("DELETE FROM sections WHERE id = ?", (old_id,))
        else:
            store.conn.execute("UPDATE sections SET title = ? WHERE id = ?", (new, old_id))
        store.record(plan_id, "plan", plan_id, "section", old, new)


def delete_section(store: Store, plan_id: int, title: str) -> list[int]:
    """Remove a heading. Its recommendations stay, under the heading above them (or none),
    as when a heading row is deleted from the sheet. Returns their ids, for an undo."""
    with store.transaction():
        section_id = _section_row(store, plan_id, title)
        rows = _sections_in_order(store, plan_id)
        ids = [rec_id for rec_id, section in rows if section == title]
        first = next(i for i, (_, section) in enumerate(rows) if section == title)
        above = next((s for _, s in reversed(rows[:first]) if s and s != title), None)
        store.conn.execute(
            "UPDATE recommendations SET section_id = ? WHERE section_id = ?",
            (store.section_id(plan_id, above), section_id),
        )
        store.conn.execute("DELETE FROM sections WHERE id = ?", (section_id,))
        store.record(plan_id, "plan", plan_id, "section", title, None)
    return ids


def move_section(store: Store, plan_id: int, title: str, index: int) -> None:
    """Move a section, with all its recommendations, to be the `index`-th section (0-based)."""
    with store.transaction():
        _section_row(store, plan_id, title)
        rows = _sections_in_order(store, plan_id)
        block = [rec_id for rec_id, section in rows if section == title]
        rest = [(rec_id, section) for rec_id, section in rows if section != title]
        order = list(dict.fromkeys(section for _, section in rest if section))
        old_index = list(dict.fromkeys(s for _, s in rows if s)).index(title)
        index = min(max(index, 0), len(order))
        if index == old_index:
            return
        if index < len(order):
            at = next(i for i, (_, section) in enumerate(rest) if section == order[index])
        else:
            at = len(rest)
        ids = [rec_id for rec_id, _ in rest[:at]] + block + [rec_id for rec_id, _ in rest[at:]]
        store.conn.executemany(
            "UPDATE recommendations SET position = ? WHERE id = ?",
            list(enumerate(ids)),
        )
        store.record(plan_id, "plan", plan_id, "section position", old_index + 1, index + 1)
