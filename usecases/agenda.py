"""What the board should hear about at its next meeting: plain functions over loaded plans.

An open action is on the list when it is overdue, falls due before the chosen date (usually
the next meeting), or has had no update since the last meeting that reviewed its plan: the
three things a secretary chases owners about in the weeks before a board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from actionplans.storage import validation
from actionplans.storage.dates import uk_short
from actionplans.storage.model import Meeting, Plan
from actionplans.storage.rules import (
    commitments,
    current_rag,
    is_due_before,
    is_open,
    is_overdue,
    target_label,
)

QUARTER = timedelta(days=91)  # boards meet about quarterly; the default horizon without a date


@dataclass(frozen=True)
class AgendaRow:
    plan_id: int | None  # None only for a plan never stored (the agenda of a draft)
    plan_title: str
    action_id: int | None
    label: str  # "3.2": Rec No and action number
    text: str
    owners: str
    target: str
    rag: str
    reasons: tuple[str, ...]


def next_meeting(meetings: list[Meeting], today: date) -> Meeting | None:
    """The first meeting on or after `today`, if one has been recorded ahead."""
    ahead = [m for m in meetings if (validation.day(m.held_on) or date.min) >= today]
    return min(ahead, key=lambda m: m.held_on) if ahead else None


def default_horizon(meetings: list[Meeting], today: date) -> date:
    """The next meeting's date, or a quarter ahead when none is recorded yet."""
    upcoming = next_meeting(meetings, today)
    return validation.day(upcoming.held_on) or today if upcoming else today + QUARTER


def for_next_meeting(plan: Plan, before: date, since: date | None, today: date) -> list[AgendaRow]:
    """The plan's open actions that are overdue, due before `before`, or not updated since
    `since` (the last meeting; None when the plan has never been reviewed), in plan order.
    A Not Agreed recommendation's explanation is not an action: it is never on the list."""
    rows = []
    for rec in plan.recommendations:
        for number, action in enumerate(commitments(rec), 1):
            if not is_open(action):
                continue
            reasons = []
            if is_overdue(action, today):
                reasons.append("Overdue")
            elif is_due_before(action, before):
                reasons.append(f"Due before {uk_short(before.isoformat())}")
            if since is None and not action.updates:
                reasons.append("No update yet")
            elif since is not None and not any(
                u.on_date >= since.isoformat() for u in action.updates
            ):
                reasons.append(f"No update since {uk_short(since.isoformat())}")
            if reasons:
                rows.append(
                    AgendaRow(
                        plan.id,
                        plan.title,
                        action.id,
                        f"{rec.ref}.{number}",
                        " ".join(action.text.split()),
                        "; ".join(action.owners),
                        target_label(action.target, action.target_text),
                        current_rag(action, today),
                        tuple(reasons),
                    )
                )
    return rows
