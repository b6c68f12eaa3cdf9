"""Which recommendations and actions of a plan a filter keeps.

Filtering happens on the plan already in memory, so a keystroke in the search box costs a scan
of prepared strings rather than a query: words match the starts of words, as the store's
full-text index matches them, accents and case ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.rules import is_commitment, is_due_before, is_overdue

UNDECIDED = "Undecided"


@dataclass(frozen=True)
class Filter:
    words: str = ""
    decision: str | None = None  # one of DECISIONS, or UNDECIDED
    status: str | None = None
    owner: str | None = None
    overdue: bool = False
    due_before: date | None = None
    kind: str | None = None  # one of storage.model.KINDS: recommendations, or concerns only

    def on_actions(self) -> bool:
        """True when the filter asks about actions, so a recommendation needs a matching one."""
        return bool(self.status or self.owner or self.overdue or self.due_before)

    def is_empty(self) -> bool:
        return not (self.words.strip() or self.decision or self.kind or self.on_actions())


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
        self.recs: dict[int, str] = {}  # id(recommendation) -> its ref and text
        self.actions: dict[int, list[str]] = {}  # id(recommendation) -> each action's text
        self.whole: dict[int, str] = {}  # both: one test rules most recommendations out
        for rec in plan.recommendations:
            own = fold(f"{rec.ref} {rec.text}")
            actions = [fold(" ".join([a.text, *a.owners])) for a in rec.actions]
            self.recs[id(rec)] = own
            self.actions[id(rec)] = actions
            self.whole[id(rec)] = " ".join([own, *actions])


def has_all(words: list[str]) -> Callable[[str], bool]:
    """A test that a folded text holds every word; one word, the usual case, is one `in`."""
    if len(words) == 1:
        (word,) = words
        return lambda text: word in text

    def holds_all(text: str) -> bool:
        for word in words:
            if word not in text:
                return False
        return True

    return holds_all


def action_passes(action: Action, flt: Filter, today: date, decision: str | None = None) -> bool:
    """Whether an action passes the filter; `decision` is its recommendation's (a Not Agreed
    one's explanation has no status and is never overdue or due)."""
    if flt.status and (action.status != flt.status or not is_commitment(decision)):
        return False
    if flt.owner and flt.owner.casefold() not in (o.casefold() for o in action.owners):
        return False
    if flt.overdue and not is_overdue(action, today, decision):
        return False
    if flt.due_before and not is_due_before(action, flt.due_before, decision):
        return False
    return True


def narrows(new: Filter, old: Filter) -> bool:
    """True when everything `new` keeps, `old` kept: the same filter with words typed on."""
    old_words, new_words = query_words(old.words), query_words(new.words)
    same_rest = (new.decision, new.kind, new.status, new.owner, new.overdue, new.due_before) == (
        old.decision,
        old.kind,
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


ALL = -1  # the mask of every action: bit n of -1 is set for every n


def kept_actions(rec: Recommendation, mask: int) -> list[Action]:
    """The actions of `rec` whose bits are set in `mask` (a mask from `select`)."""
    return rec.actions if mask == ALL else [a for n, a in enumerate(rec.actions) if mask >> n & 1]


def select(
    recs: list[Recommendation], flt: Filter, index: TextIndex | None, today: date | None = None
) -> Iterator[tuple[Recommendation, int]]:
    """The recommendations of `recs` a filter keeps, in order, each with a bit mask of the
    actions it keeps (bit n for its action n, counting from 0; ALL when it keeps them all).

    A recommendation whose own text matches the words keeps every action that passes the
    action filters; otherwise it is kept for its matching actions only. Masks rather than
    lists of actions: the plan view remembers what each filter kept while the person types,
    and thousands of small lists kept alive made Python's full garbage collection stall the
    typing for 100 ms every few keystrokes.
    """
    today = today or date.today()
    words = query_words(flt.words) if index is not None else []
    matches = has_all(words) if words else None
    on_actions = flt.on_actions()
    for rec in recs:
        if matches and not matches(index.whole[id(rec)]):
            continue
        if flt.decision and (rec.decision or UNDECIDED) != flt.decision:
            continue
        if flt.kind and rec.kind != flt.kind:
            continue
        mask = ALL
        if matches and not matches(index.recs[id(rec)]):
            mask = 0
            for n, text in enumerate(index.actions[id(rec)]):
                if matches(text):
                    mask |= 1 << n
            if not mask:
                continue
        if on_actions:
            passed = 0
            for n, action in enumerate(rec.actions):
                if mask >> n & 1 and action_passes(action, flt, today, rec.decision):
                    passed |= 1 << n
            if not passed:
                continue
            mask = passed
        yield rec, ALL if mask == (1 << len(rec.actions)) - 1 else mask
