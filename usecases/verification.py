"""The secretary's verdicts: a reported completion verified or not accepted, and the
Independent Review of Progress judgements on an item. Both are kept for good like updates."""

from __future__ import annotations

from dataclasses import dataclass

from actionplans.storage import judgements, verification
from actionplans.storage.monitoring import find_action
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed


@dataclass(frozen=True)
class Verdict:
    plan_id: int
    changed: Changed


@dataclass(frozen=True)
class Judged:
    plan_id: int
    rating: str  # its full name, "Reasonable progress"
    changed: Changed


def _changed(plan_id: int) -> Changed:
    return Changed(plans=frozenset({plan_id}), plan_list=True, updates=True)


def verify_completion(
    store: Store,
    plan_id: int,
    ref: str,
    number: int,
    *,
    evidence_seen: str,
    by: str | None = None,
    on_date: str | None = None,
) -> Verdict:
    """Mark action `number` of item `ref`'s reported completion verified, with what was seen."""
    action_id = find_action(store, plan_id, ref, number)
    verification.verify(store, action_id, evidence_seen=evidence_seen, by=by, on_date=on_date)
    return Verdict(plan_id, _changed(plan_id))


def refuse_completion(
    store: Store,
    plan_id: int,
    ref: str,
    number: int,
    *,
    reason: str,
    by: str | None = None,
    on_date: str | None = None,
) -> Verdict:
    """Do not accept the reported completion: the action is reopened with the reason."""
    action_id = find_action(store, plan_id, ref, number)
    verification.not_accepted(store, action_id, reason=reason, by=by, on_date=on_date)
    return Verdict(plan_id, _changed(plan_id))


def record_judgement(
    store: Store, plan_id: int, ref: str, rating: str, on_date: str, note: str = ""
) -> Judged:
    """Record an Independent Review of Progress judgement on item `ref`."""
    rec_id = judgements.find_item(store, plan_id, ref)
    judgements.add_judgement(store, rec_id, rating=rating, on_date=on_date, note=note)
    name = judgements.RATING_NAMES[judgements.parse_rating(rating)]
    return Judged(plan_id, name, _changed(plan_id))
