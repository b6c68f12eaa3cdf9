"""The header row of an action-plan table, found near the top of a sheet and read by meaning.

No two organisations word the six columns alike ("1. Rec No", "Ref", "Accepted?", "Lead",
"Timescale"), and returns add columns of their own. Each header cell is given a role by the
words it contains; a row with enough roles is the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.text import lines

CORE = ("ref", "text", "decision", "response", "owner", "target")
# Columns a plan or a progress return may add; only status and reason have a home in the plan.
KNOWN_EXTRA = ("kind", "status", "reason", "rag", "progress", "updated", "completed_on")
EXPECTED = (
    "Rec No, Recommendation, Agreed/Partly Agreed/Not Agreed, "
    "Response Action Taken/Planned, Responsible Owner and Target Date"
)
DESCRIPTIONS = {
    "rag": "RAG rating",
    "progress": "progress update",
    "updated": "date of the last update",
    "completed_on": "completion date",
}

# (role, patterns) in the order they are tried: the more specific wording first, so that
# "Target completion date" is the target, "Updated on" is not a progress update, "Action
# owner" is not the response, and "Recommendation number" is not the recommendation text.
_RULES: tuple[tuple[str, str], ...] = (
    ("target", r"\b(target|expected|planned|anticipated|estimated|projected)\b.*\bcompletion\b"),
    ("completed_on", r"\b(completion date|date (of )?completion|date completed|completed on)\b"),
    ("updated", r"\b(updated on|last updated|date (last )?updated|update date|date of update)\b"),
    ("rag", r"\brag\b"),
    ("kind", r"^(kind|kind of item|item kind)$"),
    ("status", r"\bstatus\b"),
    ("reason", r"\breasons?\b"),
    ("progress", r"\b(progress|latest update|update|updates)\b"),
    (
        "ref",
        r"^(rec(ommendation)?s? ?(no|number|num|ref|reference|#)|"
        r"((key|priority) )?concerns? ?(no|number|num|ref|reference|#)|"
        r"(rec|ref|reference|para(graph)?|item)( ?(no|number|num|ref|reference|#))?|"
        r"no|number|#|id)$",
    ),
    ("decision", r"\b(agreed|accepted|accept|agree|decision)\b"),
    ("owner", r"\b(owners?|leads?|responsible|responsibility|who)\b"),
    ("target", r"\b(target|due|deadline|timescales?|date|by when|when)\b"),
    ("response", r"\b(response|responses|actions?|action taken|planned|steps)\b"),
    ("text", r"\b(recommendations?|findings?|concerns?)\b"),
)
_COMPILED = tuple((role, re.compile(pattern)) for role, pattern in _RULES)


def header_words(value: object) -> str:
    """Header text reduced to lower-case words: numbering, punctuation and markup gone."""
    text = " ".join(lines(value)).lower()
    text = re.sub(r"^\s*\d+\s*[.)]\s*", "", text)  # "1. Rec No"
    text = re.sub(r"\([^)]*\)", " ", text)  # "(including named individuals ...)"
    text = text.replace("#", " # ")
    return " ".join(re.sub(r"[^\w#]+", " ", text).split())


def role_of(value: object) -> str | None:
    """The role of one header cell, or None when its wording means nothing we know."""
    words = header_words(value)
    if not words:
        return None
    for role, pattern in _COMPILED:
        if pattern.search(words):
            return role
    return None


@dataclass
class Header:
    """Where the table's header row is and which column (0-based) holds each role."""

    row: int  # 1-based
    columns: dict[str, int] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (column, text) not understood
    repeated: list[tuple[int, str, str]] = field(default_factory=list)  # (column, text, role)

    def column(self, role: str) -> int | None:
        return self.columns.get(role)


def read_header(row_number: int, values: list[object]) -> Header:
    """Roles of a candidate header row; the first column with a role wins it."""
    header = Header(row_number)
    for index, value in enumerate(values):
        if value is None or not str(value).strip():
            continue
        role = role_of(value)
        text = " ".join(lines(value))
        if role is None:
            header.unknown.append((index, text))
        elif role in header.columns:
            header.repeated.append((index, text, role))
        else:
            header.columns[role] = index
    completed_on = header.columns.get("completed_on")
    if (
        "target" not in header.columns
        and completed_on is not None
        and re.search(r"\bcompletion date\b", header_words(values[completed_on]))
    ):
        # A plan whose only date column is "Completion date" means the date it is due by;
        # "Date completed" or "Completed on" is still the day the action was done.
        header.columns["target"] = header.columns.pop("completed_on")
    return header


def is_header(header: Header) -> bool:
    """A table header names the Rec No and at least two more of the six columns."""
    core = [role for role in CORE if role in header.columns]
    return "ref" in header.columns and len(core) >= 3 and len(header.unknown) <= len(core)


def find_header(rows: list[list[object]], limit: int = 30) -> Header | None:
    """The first row among the first `limit` rows that reads as the plan table's header."""
    for number, values in enumerate(rows[:limit], 1):
        if sum(1 for v in values if v is not None and str(v).strip()) < 3:
            continue
        header = read_header(number, values)
        if is_header(header):
            return header
    return None
