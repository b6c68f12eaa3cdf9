"""Independent Review of Progress judgements: the inspectorate's rating of an item's progress.

Since May 2022 HM Inspectorate of Prisons returns to a prison to judge the progress made on
each key concern, on a four-point scale. A judgement is recorded like a progress update: dated,
kept for good, never overwritten; the latest one is the item's standing. The pack and
`changes` show the judgements made since the last meeting.
"""

from __future__ import annotations

from datetime import date

from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.model import RATINGS, Judgement, Recommendation
from actionplans.storage.store import INSERT_JUDGEMENT, Store

RATING_NAMES = {
    "no meaningful": "No meaningful progress",
    "insufficient": "Insufficient progress",
    "reasonable": "Reasonable progress",
    "good": "Good progress",
}


def parse_rating(text: str) -> str:
    """The stored rating for what a person typed: "Good progress", "good", "No meaningful"."""
    words = " ".join((text or "").lower().replace("-", " ").split()).removesuffix(" progress")
    if words in RATINGS:
        return words
    names = ", ".join(RATING_NAMES.values())
    raise BadInput(f"'{text}' is not an Independent Review rating; expected one of {names}.")


def find_item(store: Store, plan_id: int, ref: str) -> int:
    """The id of item `ref` (its Rec No or concern number) in the plan."""
    row = store.conn.execute(
        "SELECT id FROM recommendations WHERE plan_id = ? AND ref = ? ORDER BY position",
        (plan_id, ref),
    ).fetchone()
    if row is None:
        raise BadInput(f"There is no item {ref} in this plan.")
    return row[0]


def latest(rec: Recommendation) -> Judgement | None:
    return rec.judgements[-1] if rec.judgements else None


def add_judgement(
    store: Store,
    rec_id: int,
    *,
    rating: str,
    on_date: str,
    note: str = "",
    today: date | None = None,
) -> int:
    """Record one judgement on the item; returns its id. BadInput before anything is written."""
    stored = parse_rating(rating)
    try:
        when = date.fromisoformat(on_date)
    except (TypeError, ValueError):
        raise BadInput(
            f"The review date '{on_date}' is not a date; write it as YYYY-MM-DD."
        ) from None
    if when > (today or date.today()):
        raise BadInput(
            f"The review date {uk_date(on_date)} is after today: record a review once it is made."
        )
    with store.transaction():
        row = store.conn.execute(
            "SELECT plan_id, ref FROM recommendations WHERE id = ?", (rec_id,)
        ).fetchone()
        if row is None:
            raise BadInput(f"There is no item {rec_id} in {store.path}.")
        judgement = Judgement(on_date, stored, note.strip())
        store.record(row[0], "recommendation", rec_id, "judgement", None, RATING_NAMES[stored])
        (judgement_id,) = store.conn.execute(
            INSERT_JUDGEMENT + " RETURNING id", store.judgement_row(rec_id, judgement)
        ).fetchone()
        return judgement_id


def judgements_since(
    store: Store, plan_id: int, since: date, today: date
) -> list[tuple[str, Judgement]]:
    """(Rec No, judgement) for each judgement dated after `since` up to `today`, in plan
    order: what the pack and `changes` report as the Independent Review's news."""
    return [
        (ref, Judgement(*fields))
        for ref, *fields in store.conn.execute(
            "SELECT r.ref, j.on_date, j.rating, j.note, j.recorded_by, j.recorded_at "
            "FROM judgements j JOIN recommendations r ON r.id = j.recommendation_id "
            "WHERE r.plan_id = ? AND j.on_date > ? AND j.on_date <= ? "
            "ORDER BY r.position, j.on_date, j.id",
            (plan_id, since.isoformat(), today.isoformat()),
        )
    ]
