"""The full-text index: one row per recommendation, keyed by the recommendation's id.

A recommendation with its actions and their owners is the unit a board discusses, so it is
indexed as one document; `refresh` rebuilds one row after an edit, and the schema migration
that changes the index's options rebuilds every row through the same function.
"""

from __future__ import annotations

import sqlite3

_PARTS = (
    "SELECT r.plan_id, r.ref, r.text, a.text, "
    "(SELECT group_concat(o.name, char(10)) FROM (SELECT o.name FROM action_owners ao "
    "JOIN owners o ON o.id = ao.owner_id WHERE ao.action_id = a.id ORDER BY ao.position) o)"
    " FROM recommendations r LEFT JOIN actions a ON a.recommendation_id = r.id "
    "WHERE r.id = ? ORDER BY a.position"
)


def refresh(conn: sqlite3.Connection, rec_id: int) -> None:
    rows = conn.execute(_PARTS, (rec_id,)).fetchall()
    conn.execute("DELETE FROM search_index WHERE rowid = ?", (rec_id,))
    if rows:
        plan_id, ref, text = rows[0][:3]
        parts = [ref, text, *(p for row in rows for p in row[3:] if p is not None)]
        conn.execute(
            "INSERT INTO search_index (rowid, body, plan_id) VALUES (?, ?, ?)",
            (rec_id, "\n".join(parts), plan_id),
        )


def rebuild(conn: sqlite3.Connection) -> None:
    """Index every recommendation again (after the index table was recreated)."""
    for (rec_id,) in conn.execute("SELECT id FROM recommendations").fetchall():
        refresh(conn, rec_id)
