"""The header row of an action-plan table, found near the top of a sheet and read by meaning.

No two organisations word the six columns alike ("1. Rec No", "Ref", "Accepted?", "Lead",
"Timescale"), and returns add columns of their own. Each header cell is given a role by the
words it contains; a row with enough roles is the header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from actionplans.importers.text import lines

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


# Columns a SharePoint or Forms list export adds that say nothing about the plan.
_LIST_COLUMNS = re.compile(
    r"^(item type|path|content type|compliance asset id|version|attachments|modified|created|"
    r"modified by|created by|app created by|app modified by|retention label|label applied|"
    r"folder child count|item child count|edit|type|start time|completion time|email|name)$"
)


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

    row: int  # 1-based; the lower row of a header over two rows
    columns: dict[str, int] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (column, text) not understood
    repeated: list[tuple[int, str, str]] = field(default_factory=list)  # (column, text, role)
    top: int = 0  # the upper row of a header over two rows ("Response" over "Action | Owner")
    lower: tuple[str, ...] = ()  # the lower row's words, to skip it where a page repeats it

    @property
    def first(self) -> int:
        """The header's first row: the lines above the table end above it."""
        return self.top or self.row

    def column(self, role: str) -> int | None:
        return self.columns.get(role)


def read_header(row_number: int, values: Sequence[object]) -> Header:
    """Roles of a candidate header row; the first column with a role wins it."""
    header = Header(row_number)
    titles: list[int] = []
    for index, value in enumerate(values):
        if value is None or not str(value).strip():
            continue
        role = role_of(value)
        text = " ".join(lines(value))
        words = header_words(value)
        if role is None and words == "title":
            titles.append(index)  # a list export's "Title": the text when nothing else is
        elif role is None and _LIST_COLUMNS.match(words):
            continue
        elif role is None:
            header.unknown.append((index, text))
        elif role == "ref" and "ref" in header.columns and _is_list_id(values, header):
            # a list's own item "ID" gives way to the plan's Rec No
            header.repeated.append((header.columns["ref"], "ID", "ref"))
            header.columns["ref"] = index
        elif role in header.columns:
            header.repeated.append((index, text, role))
        else:
            header.columns[role] = index
    if titles and "text" not in header.columns:
        header.columns["text"] = titles[0]
    else:
        header.unknown.extend((index, "Title") for index in titles)
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


def _is_list_id(values: Sequence[object], header: Header) -> bool:
    return header_words(values[header.columns["ref"]]) == "id"


def is_header(header: Header) -> bool:
    """A table header names the Rec No and at least two more of the six columns."""
    core = [role for role in CORE if role in header.columns]
    return "ref" in header.columns and len(core) >= 3 and len(header.unknown) <= len(core)


def find_header(rows: Sequence[Sequence[object]], limit: int = 30) -> Header | None:
    """The first row among the first `limit` rows that reads as the plan table's header."""
    for number, values in enumerate(rows[:limit], 1):
        if sum(1 for v in values if v is not None and str(v).strip()) < 3:
            continue
        header = read_header(number, values)
        if is_header(header):
            below = rows[number] if number < len(rows) else []
            return _two_rows(header, values, below) or header
        if number < len(rows):
            two = _two_rows(header, values, rows[number])
            if two is not None:
                return two
    return None


def _two_rows(header: Header, upper: Sequence[object], lower: Sequence[object]) -> Header | None:
    """The header over two rows when the row below names columns the upper row only groups
    ("Response" merged over "Action | Owner | Target date"): each column is named by its
    lower cell, or by the upper where the lower is empty. None when the row below is not
    a second header row (it is the first row of the table)."""
    width = max(len(upper), len(lower))
    named = [v for v in lower if v is not None and str(v).strip()]
    if len(named) < 2 or any(role_of(v) is None for v in named):
        return None
    if any(role_of(v) == "ref" for v in named) and "ref" in header.columns:
        return None  # the lower row repeats the Rec No: a table row, or a header of its own
    combined = [
        lower[i]
        if i < len(lower) and lower[i] is not None and str(lower[i]).strip()
        else (upper[i] if i < len(upper) else None)
        for i in range(width)
    ]
    two = read_header(header.row + 1, combined)
    core = [role for role in CORE if role in two.columns]
    if not is_header(two) or len(core) <= len([r for r in CORE if r in header.columns]):
        return None
    two.top = header.row
    two.lower = tuple(header_words(v) for v in lower)
    two.unknown = [(i, t) for i, t in two.unknown if i >= len(lower) or lower[i] is not None]
    return two
