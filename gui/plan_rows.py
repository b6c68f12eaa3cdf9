"""The rows of the plan view, without Qt: what each row is, what a filter kept, and the
order the rows come in (the plan's order, or sorted by a column like Excel's sort).

Kept apart from gui.plan_model (the Qt model) so the rules of what is shown in which order
can be read, and tested, on their own.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date

from actionplans.storage.checks import Problem
from actionplans.storage.model import STATUSES, Action, Plan, Recommendation
from actionplans.storage.rules import action_rag, current_status, target_label
from actionplans.storage.vocabulary import status_label


@dataclass(frozen=True)
class Dragged:
    """What is being dragged: a recommendation or action by id, or a section by its title."""

    kind: str
    item_id: int | None = None
    title: str | None = None

    def encode(self) -> bytes:
        import json  # here, not at the window's start: most sessions drag nothing

        return json.dumps(asdict(self)).encode()

    @classmethod
    def decode(cls, data: bytes) -> Dragged:
        import json

        return cls(**json.loads(data.decode()))


class Node:
    """One row: a section heading (`item` is its title), a Recommendation or an Action."""

    __slots__ = ("kind", "item", "row", "number", "rec", "problems", "shown", "heights")

    def __init__(self, kind: str, item, row: int, rec: Recommendation | None, number: int):
        self.kind = kind  # "section", "recommendation" or "action"
        self.item = item
        self.row = row
        self.rec = rec  # an action's recommendation
        self.number = number  # an action's 1-based number within its recommendation
        self.problems: list[Problem] = []
        self.shown: list[str] | None = None  # the six cells' text, made when first drawn
        self.heights: dict[tuple, int] = {}  # wrapped text's height (see gui.wrapping)

    @property
    def item_id(self) -> int | None:
        return getattr(self.item, "id", None)

    @property
    def section(self) -> str | None:
        """The heading this row is under (None: no heading)."""
        if self.kind == "section":
            return self.item
        return (self.item if self.kind == "recommendation" else self.rec).section

    def dragged(self) -> Dragged:
        if self.kind == "section":
            return Dragged("section", title=self.item)
        return Dragged(self.kind, self.item_id)


def one_line(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str) -> str:
    """Text to wrap: each paragraph's spaces tidied, the paragraphs kept apart."""
    lines = (one_line(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


status_text = status_label  # the window's modules import it from here


def target_shown(action: Action) -> str:
    target = target_label(action.target, action.target_text, blank="")
    if action.status != "open" and status_text(action.status).lower() not in target.lower():
        target = (
            f"{target} ({status_text(action.status).lower()})"
            if target
            else status_text(action.status)
        )
    return target


class Kept:
    """What a filter keeps, compactly: positions of recommendations in the plan, and for each
    the bit mask of the actions kept (see `gui.filters.select`).

    Plain integers rather than thousands of small objects, because what each filter kept is
    remembered until the plan reloads (see `PlanModel._memo`).
    """

    __slots__ = ("recs", "masks")

    def __init__(self, plan: Plan | None = None, kept: Iterable[tuple[Recommendation, int]] = ()):
        self.recs = array("l")
        self.masks: list[int] = []
        place = {id(rec): n for n, rec in enumerate(plan.recommendations)} if plan else {}
        for rec, mask in kept:
            self.recs.append(place[id(rec)])
            self.masks.append(mask)

    def pairs(self, plan: Plan) -> Iterator[tuple[Recommendation, int]]:
        recs = plan.recommendations
        return ((recs[n], mask) for n, mask in zip(self.recs, self.masks, strict=True))


def flatten(plan: Plan, kept: Kept) -> Iterator[tuple]:
    """(kind, item, recommendation, action number) of every row, in the plan's order, with a
    heading row where the section changes; made on demand."""
    section: object = None  # no heading row above recommendations that have none
    for rec, mask in kept.pairs(plan):
        if rec.section != section:
            section = rec.section
            yield ("section", section, None, 0)
        yield ("recommendation", rec, None, 0)
        for n, action in enumerate(rec.actions):
            if mask >> n & 1:
                yield ("action", action, rec, n + 1)


# --- sorting, as Excel's sort on a column -------------------------------------------------

_RAG_ORDER = ("red", "amber", "green", "blue", None)
_LAST = "\uffff"  # sorts after any text: an action with no owner or target comes last


def _target_key(action: Action, rec: Recommendation, today: date) -> tuple:
    return (action.target or _LAST,)


def _owner_key(action: Action, rec: Recommendation, today: date) -> tuple:
    return (action.owners[0].casefold() if action.owners else _LAST,)


def _status_key(action: Action, rec: Recommendation, today: date) -> tuple:
    status = current_status(action)
    return (STATUSES.index(status) if status in STATUSES else len(STATUSES),)


def _rag_key(action: Action, rec: Recommendation, today: date) -> tuple:
    """By the rating the RAG column shows: a Not Agreed recommendation's explanation has
    none, so it sorts with the unrated."""
    return (_RAG_ORDER.index(action_rag(action, today, rec.decision)),)


SORTS = {  # column shown -> how its actions compare (the action, its recommendation, today)
    "Owner(s)": _owner_key,
    "Target": _target_key,
    "Status": _status_key,
    "RAG": _rag_key,
}


def sorted_rows(plan: Plan, kept: Kept, sort: str, descending: bool, today: date):
    """The rows sorted by one of SORTS: each recommendation with its kept actions in order,
    the recommendations ordered by their first action. No heading rows: sorted, a plan's
    sections no longer hold together, as in Excel after a sort. Recommendations with no kept
    action go last, in plan order."""
    key = SORTS[sort]
    groups = []
    for place, (rec, mask) in enumerate(kept.pairs(plan)):
        actions = [(n, a) for n, a in enumerate(rec.actions) if mask >> n & 1]
        actions.sort(key=lambda na: key(na[1], rec, today), reverse=descending)
        first = key(actions[0][1], rec, today) if actions else None
        groups.append((first, place, rec, actions))
    with_actions = [g for g in groups if g[0] is not None]
    with_actions.sort(key=lambda g: g[0], reverse=descending)
    for _, _, rec, actions in with_actions + [g for g in groups if g[0] is None]:
        yield ("recommendation", rec, None, 0)
        for n, action in actions:
            yield ("action", action, rec, n + 1)
