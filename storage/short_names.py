"""A plan's short name, for lists: the part of its title that tells plans apart.

Published titles start alike ("Action Plan: …", "ACTION PLAN: A thematic inspection of …"), so
a list of whole titles reads the same on every row. The short name drops that common opening
and the trailing place ("… in Prisons in England & Wales"), as a secretary would when naming
the plan in a minute: "Action Plan: HMP Thematic – Social Care in Prisons in England & Wales"
becomes "HMP Thematic – Social Care". A stored `Plan.short_name` (the secretary's own) always
wins over this derived one.
"""

from __future__ import annotations

import re

LIMIT = 40  # characters: what the plan list shows without widening it
_OPENING = re.compile(r"^\s*(an?\s+)?action\s+plan\s*(:|–|-|—)?\s*", re.IGNORECASE)
_INSPECTION = re.compile(
    r"^(an?\s+)?(?P<thematic>thematic\s+)?(inspection|review)\s+(of|into)\s+", re.IGNORECASE
)
_PLACE = re.compile(r"\s+(in|on|at|within|across)\s+.*$", re.IGNORECASE)
_DASH = re.compile(r"\s[–—-]\s")


def derive_short_name(title: str) -> str:
    """The short name of a plan titled `title` (never empty for a non-empty title)."""
    text = " ".join(title.split())
    rest = _OPENING.sub("", text, count=1) or text
    if rest.isupper():
        rest = rest.capitalize()
    inspection = _INSPECTION.match(rest)
    if inspection:
        subject = rest[inspection.end() :]
        head = "Thematic" if inspection.group("thematic") else "Inspection"
        rest = f"{head} – {subject[:1].upper()}{subject[1:]}"
    dash = _DASH.search(rest)
    start = dash.end() if dash else 0
    cut = _PLACE.sub("", rest[start:])
    if cut:
        rest = rest[:start] + cut
    return _within(rest, LIMIT) or text[:LIMIT]


def _within(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    words = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" –—-,:;")
    return words + "…"
