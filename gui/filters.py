"""Which recommendations and actions of a plan a filter keeps.

Filtering happens on the plan already in memory, so a keystroke in the search box costs a scan
of prepared strings rather than a query: words match the starts of words, as the store's
full-text index matches them, accents and case ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from storage.checks import is_overdue, target_end
from storage.model import Action, Plan, Recommendation

UNDECIDED = "Undecided"


@dataclass(frozen=True)
class Filter:
    words: str = ""
    decision: str | None = None  # one of DECISIONS, or UNDECIDED
    status: str | None = None
    owner: str | None = None
    overdue: bool = False
    due_before: date | None = None

    def on_actions(self) -> bool:
        """True when the filter asks about actions, so a recommendation needs a matching one."""
        return bool(self.status or self.owner or self.overdue or self.due_before)

    def is_empty(self) -> bool:
        return not (self.words.strip() or self.decision or self.on_actions())


_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents, words separated by single spaces, with a leading space."""
    plain = text.casefold()
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " " + " ".join(_WORD.findall(plain))


def query_words(words: str) -> list[str]:
    return [" " + w for w in fold(words).split()]


class TextIndex:
    """Folded text of every recommendation and action of one plan, built once per load."""

    def __init__(self, plan: Plan) -> None:
        self.recs = {id(r): fold(f"{r.ref} {r.text}") for r in plan.recommendations}
        self.actions = {
            id(a): fold(" ".join([a.text, *a.owners]))
            for r in plan.recommendations
            for a in r.actions
        }
        # A recommendation with all its actions: one test rules most of them out at once.
        self.whole = {
            id(r): " ".join([self.recs[id(r)], *(self.actions[id(a)] for a in r.actions)])
            for r in plan.recommendations
        }

    def rec_matches(self, rec: Recommendation, words: list[str]) -> bool:
        body = self.recs[id(rec)]
        return all(w in body for w in words)

    def could_match(self, rec: Recommendation, words: list[str]) -> bool:
        """False when no word search could keep `rec` (each word must be somewhere in it)."""
        body = self.whole[id(rec)]
        return all(w in body for w in words)

    def action_matches(self, action: Action, words: list[str]) -> bool:
        body = self.actions[id(action)]
        return all(w in body for w in words)


def action_passes(action: Action, flt: Filter, today: date) -> bool:
    if flt.status and action.status != flt.status:
        return False
    if flt.owner and flt.owner.casefold() not in (o.casefold() for o in action.owners):
        return False
    if flt.overdue and not is_overdue(action, today):
        return False
    if flt.due_before:
        end = target_end(action.target)
        if end is None or end >= flt.due_before or action.status == "completed":
            return False
    return True


def narrows(new: Filter, old: Filter) -> bool:
    """True when everything `new` keeps, `old` kept: the same filter with words typed on."""
    old_words, new_words = query_words(old.words), query_words(new.words)
    same_rest = (new.decision, new.status, new.owner, new.overdue, new.due_before) == (
        old.decision,
        old.status,
        old.owner,
        old.overdue,
        old.due_before,
    )
    return (
        same_rest
        and len(new_words) >= len(old_words)
        and all(n.startswith(o) for n, o in zip(new_words, old_words, strict=False))
    )


def select(
    recs: list[Recommendation], flt: Filter, index: TextIndex | None, today: date | None = None
) -> list[tuple[Recommendation, list[Action]]]:
    """The recommendations of `recs` a filter keeps, each with the actions it keeps, in order.

    A recommendation whose own text matches the words keeps every action that passes the
    action filters; otherwise it is kept for its matching actions only.
    """
    today = today or date.today()
    words = query_words(flt.words) if index is not None else []
    kept = []
    for rec in recs:
        if words and not index.could_match(rec, words):
            continue
        decision = rec.decision or UNDECIDED
        if flt.decision and decision != flt.decision:
            continue
        actions = rec.actions
        if flt.on_actions():
            actions = [a for a in actions if action_passes(a, flt, today)]
            if not actions:
                continue
        if words and not index.rec_matches(rec, words):
            actions = [a for a in actions if index.action_matches(a, words)]
            if not actions:
                continue
        kept.append((rec, actions))
    return kept
