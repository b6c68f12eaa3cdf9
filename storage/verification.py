"""Reported and verified completions: the secretary's verdict on an owner's "completed".

An owner reports an action complete with a note of evidence; the board wants to know whether
someone has seen that evidence. The secretary marks the completion verified (who, when, the
evidence seen) or not accepted (with the reason), and a completion not accepted reopens the
action with an update saying why, so the history shows both what was claimed and what followed.
Verdicts are kept for good like updates; the latest one on a completion counts.
"""

from __future__ import annotations

from datetime import date

from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Update, Verification
from actionplans.storage.monitoring import add_update
from actionplans.storage.store import INSERT_VERIFICATION, Store

REPORTED = "reported complete"
VERIFIED = "completed (verified)"


def completion(action: Action) -> Update | None:
    """The update that completed the action, while it stands completed: the first of the run
    of completed updates that ends its history."""
    found = None
    for update in reversed(action.updates):
        if update.status != "completed":
            break
        found = update
    return found


def completion_words(action: Action) -> str | None:
    """ "completed (verified)" or "reported complete" for a completed action, else None. An
    action stored as completed with no update (a plan imported so) has no verdict either."""
    if action.status != "completed":
        return None
    done = completion(action)
    verdict = done.verification if done is not None else None
    return VERIFIED if verdict is not None and verdict.verdict == "verified" else REPORTED


def _record(store: Store, action_id: int, day: str, verdict: Verification) -> int:
    """Store a verdict on the action's standing completion, and its history line."""
    rows = store.conn.execute(
        "SELECT id, status, on_date FROM updates WHERE action_id = ? "
        "ORDER BY on_date DESC, id DESC",
        (action_id,),
    ).fetchall()
    found = None
    for update_id, status, reported_on in rows:
        if status != "completed":
            break
        found = (update_id, reported_on)
    if found is None:
        raise BadInput(
            "This action is not reported complete: only a reported completion can be verified."
        )
    if day < found[1]:
        raise BadInput(
            f"The completion was reported on {uk_date(found[1])}: a verdict on it cannot be "
            f"dated {uk_date(day)}, before that."
        )
    (plan_id,) = store.conn.execute(
        "SELECT r.plan_id FROM actions a JOIN recommendations r ON r.id = a.recommendation_id "
        "WHERE a.id = ?",
        (action_id,),
    ).fetchone()
    store.record(plan_id, "action", action_id, "completion", None, verdict.verdict)
    (verdict_id,) = store.conn.execute(
        INSERT_VERIFICATION + " RETURNING id", store.verification_row(found[0], verdict)
    ).fetchone()
    return verdict_id


def verify(
    store: Store,
    action_id: int,
    *,
    evidence_seen: str,
    by: str | None = None,
    on_date: str | None = None,
    today: date | None = None,
) -> int:
    """Mark the action's reported completion verified; returns the verdict's id."""
    seen = (evidence_seen or "").strip()
    if not seen:
        raise BadInput("Verifying a completion needs the evidence you saw: what was it?")
    day = _day(on_date, today)
    with store.transaction():
        verdict = Verification("verified", day, evidence_seen=seen, recorded_by=by or "")
        return _record(store, action_id, day, verdict)


def not_accepted(
    store: Store,
    action_id: int,
    *,
    reason: str,
    by: str | None = None,
    on_date: str | None = None,
    today: date | None = None,
) -> int:
    """Refuse the reported completion and reopen the action (in progress), with the reason, in
    one transaction; returns the verdict's id."""
    why = (reason or "").strip()
    if not why:
        raise BadInput("Not accepting a completion needs a reason: what is still missing?")
    day = _day(on_date, today)
    with store.transaction():
        verdict = Verification("not accepted", day, reason=why, recorded_by=by or "")
        verdict_id = _record(store, action_id, day, verdict)
        add_update(
            store,
            action_id,
            status="in_progress",
            text=f"Completion not accepted: {why}",
            on_date=day,
            today=today,
        )
    return verdict_id


def _day(on_date: str | None, today: date | None) -> str:
    today = today or date.today()
    day = on_date or today.isoformat()
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise BadInput(f"The date '{day}' is not a date; write it as YYYY-MM-DD.") from None
    if when > today:
        raise BadInput(f"The date {uk_date(day)} is after today: a verdict records what was seen.")
    return day
