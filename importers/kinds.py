"""What a report calls an item: a recommendation, a priority concern or a key concern.

HM Inspectorate of Prisons reports since May 2022 list key concerns (three to six of them
priority concerns) instead of recommendations. A plan or report says which by a heading over
the items ("Priority concerns", "Key concerns", "Recommendations") or by the ref's prefix
("PC1", "KC4"); docs/plan-json.md, "Concerns".
"""

from __future__ import annotations

import re

_HEADING = (
    ("priority concern", re.compile(r"\bpriority\s+concerns?\b", re.I)),
    ("key concern", re.compile(r"\bkey\s+concerns?\b", re.I)),
    ("recommendation", re.compile(r"\brecommendations?\b", re.I)),
)
_PREFIX = (
    ("priority concern", re.compile(r"^\W*PC\s*\d", re.I)),
    ("key concern", re.compile(r"^\W*KC\s*\d", re.I)),
)


def kind_named(heading: str) -> str | None:
    """The kind a heading names ("Priority concerns and recommendations" names priority
    concerns: the most specific wording wins), or None when it names none."""
    for kind, pattern in _HEADING:
        if pattern.search(heading):
            return kind
    return None


def kind_of_ref(ref: str) -> str | None:
    """The kind a ref's prefix gives ("PC1", "KC 4"), or None."""
    for kind, pattern in _PREFIX:
        if pattern.match(ref):
            return kind
    return None


def kind_label(line: str) -> str | None:
    """The kind a line names on its own ("Priority concern", "Key concern", "Recommendation"),
    as this program's PDF prints it under each Rec No of a plan of concerns; else None."""
    words = " ".join(line.split()).lower().rstrip(".:")
    return next((kind for kind, _ in _HEADING if words == kind), None)
