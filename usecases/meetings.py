"""Board meetings: recording one (kept for good) and listing them."""

from __future__ import annotations

from dataclasses import dataclass

from actionplans.storage.monitoring import MeetingRow, add_meeting, last_meeting, list_meetings
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed

__all__ = ["MeetingRow", "Recorded", "boards", "last_meeting", "list_meetings", "record_meeting"]


@dataclass(frozen=True)
class Recorded:
    meeting_id: int
    changed: Changed


def record_meeting(
    store: Store,
    held_on: str,
    board: str | None = None,
    notes: str = "",
    plan_ids: tuple[int, ...] = (),
) -> Recorded:
    """Record a meeting on `held_on` (YYYY-MM-DD) that reviewed `plan_ids`."""
    meeting_id = add_meeting(store, held_on, board, notes, tuple(plan_ids))
    return Recorded(meeting_id, Changed(plans=frozenset(plan_ids), meetings=True))


def boards(rows: list[MeetingRow]) -> list[str]:
    """The boards named in earlier meetings, to offer again."""
    return sorted({r.meeting.board for r in rows if r.meeting.board})
