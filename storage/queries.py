"""Read-only questions asked across plans: full-text search, owners, and the history."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from actionplans.storage.rules import CURRENT_STATUS_SQL, OPEN_SQL, overdue
from actionplans.storage.store import Store, fold


@dataclass(frozen=True)
class Hit:
    """A recommendation whose text, actions or owners match; the snippet marks words in []."""

    plan_id: int
    plan_title: str
    recommendation_id: int
    ref: str
    snippet: str


@dataclass(frozen=True)
class OwnerAction:
    plan_id: int
    plan_title: str
    ref: str
    number: int  # 1-based action number within its recommendation
    action_id: int
    text: str
    target: str | None
    target_text: str
    status: str
    decision: str | None = None  # its recommendation's: a Not Agreed one's is never overdue

    def is_overdue(self, today: date | None = None) -> bool:
        return overdue(self.status, self.target, today or date.today(), self.decision)


@dataclass(frozen=True)
class Change:
    at: str
    user: str
    plan_id: int | None
    kind: str
    item_id: int | None
    field: str
    old: str | None
    new: str | None


# A word as the index's tokenizer (unicode61) sees one: letters and digits, with any accents
# typed as separate combining marks. An underscore splits words there, so it must here too:
# a quoted "a_b" would be a phrase of two words, which this index cannot answer.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining accents
_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text))


def has_words(text: str) -> bool:
    """Whether `text` holds anything to search for ("-" or '"' alone does not)."""
    return bool(_words(text))


def fts_query(words: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word must match, as a prefix.

    Quoting each word stops FTS5 syntax (AND, NEAR, "-", ":") in user text from raising errors.
    """
    return " ".join(f'"{t}"*' for t in _words(words))


def search(store: Store, words: str, plan_id: int | None = None, limit: int = 200) -> list[Hit]:
    query = fts_query(words)
    if not query:
        return []
    sql = (
        "SELECT s.plan_id, p.title, s.rowid, r.ref, "
        "snippet(search_index, 0, '[', ']', '…', 12) "
        "FROM search_index s JOIN plans p ON p.id = s.plan_id "
        "JOIN recommendations r ON r.id = s.rowid WHERE search_index MATCH ?"
    )
    params: list = [query]
    if plan_id is not None:
        sql += " AND s.plan_id = ?"
        params.append(plan_id)
    sql += " ORDER BY s.plan_id, r.position LIMIT ?"  # plan order: where it stands in the plan
    params.append(limit)
    return [Hit(*row) for row in store.conn.execute(sql, params)]


def owners(store: Store) -> list[tuple[str, int, int]]:
    """Every owner with (name, open actions, all actions), busiest first. Open actions are
    commitments not completed: a Not Agreed recommendation's explanation is not one.

    Spellings that differ only in case, accents or dashes ("Prison Directorate", "PRISON
    DIRECTORATE") are one owner, as `actions_of_owner` finds them, named as most of its
    actions spell it. (An action naming both spellings counts twice; nobody types that.)
    """
    rows = store.conn.execute(
        f"SELECT o.name, sum({OPEN_SQL}), "
        "count(*) FROM owners o JOIN action_owners ao ON ao.owner_id = o.id "
        "JOIN actions a ON a.id = ao.action_id "
        "JOIN recommendations r ON r.id = a.recommendation_id "
        "GROUP BY o.id ORDER BY 3 DESC, o.name"
    ).fetchall()
    merged: dict[str, list] = {}
    for name, open_count, total in rows:  # the most used spelling first
        entry = merged.setdefault(fold(name), [name, 0, 0])
        entry[1] += open_count
        entry[2] += total
    return sorted((tuple(entry) for entry in merged.values()), key=lambda e: (-e[1], e[0]))


def actions_of_owner(store: Store, name: str, open_only: bool = True) -> list[OwnerAction]:
    """Every action of one owner across all plans ("every open action of the Prison Directorate").

    The name matches whole, as `owners` merges spellings: in any case, with or without accents.
    Open actions are commitments not completed, as `owners` counts them.
    """
    wanted = fold(name)
    ids = [i for i, n in store.conn.execute("SELECT id, name FROM owners") if fold(n) == wanted]
    sql = (
        "SELECT p.id, p.title, r.ref, a.position + 1, a.id, a.text, a.target, a.target_text, "
        f"{CURRENT_STATUS_SQL}, r.decision FROM actions a "
        "JOIN recommendations r ON r.id = a.recommendation_id "
        "JOIN plans p ON p.id = r.plan_id WHERE a.id IN (SELECT action_id FROM action_owners "
        f"WHERE owner_id IN ({', '.join('?' * len(ids))}))"
    )
    if open_only:
        sql += f" AND {OPEN_SQL}"
    sql += " ORDER BY p.id, r.position, a.position"
    return [OwnerAction(*row) for row in store.conn.execute(sql, ids)]


def history(
    store: Store,
    plan_id: int | None = None,
    kind: str | None = None,
    item_id: int | None = None,
    since: str | None = None,
) -> list[Change]:
    """Changes, oldest first, narrowed to a plan, an item, or those at or after `since`."""
    sql = "SELECT at, user, plan_id, kind, item_id, field, old, new FROM history WHERE 1"
    params: list = []
    for column, value in (("plan_id", plan_id), ("kind", kind), ("item_id", item_id)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    if since:
        sql += " AND at >= ?"
        params.append(since)
    return [Change(*row) for row in store.conn.execute(sql + " ORDER BY id", params)]


def item_names(store: Store, plan_id: int) -> dict[tuple[str, int], str]:
    """How a person names each item of a plan in its history: "recommendation 2a" and
    "recommendation 2a, action 1", never the database's ids, which mean nothing to them."""
    names: dict[tuple[str, int], str] = {("plan", plan_id): "plan"}
    for rec_id, ref, action_id, number in store.conn.execute(
        "SELECT r.id, r.ref, a.id, a.position + 1 FROM recommendations r "
        "LEFT JOIN actions a ON a.recommendation_id = r.id WHERE r.plan_id = ?",
        (plan_id,),
    ):
        names[("recommendation", rec_id)] = f"recommendation {ref}"
        if action_id is not None:
            names[("action", action_id)] = f"recommendation {ref}, action {number}"
    return names
