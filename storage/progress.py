"""What an action's dated updates say now: its current status and its RAG rating.

Pure functions over the model, so the store, the command, the exporters and the window all
derive the same answer from the same updates instead of storing it twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from storage.checks import target_end
from storage.dates import uk_date
from storage.model import Action

AMBER_WINDOW = timedelta(days=30)
RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue (complete)"}


def current_status(action: Action) -> str:
    """The latest update's status; a superseded action is closed, so it reads as completed."""
    latest = action.latest
    if latest is None:
        return action.status
    return "completed" if latest.status == "superseded" else latest.status


def suggest_rag(status: str, target: str | None, today: date | None = None) -> str:
    """Completed: blue; overdue: red; due within 30 days and not started: amber; else green."""
    today = today or date.today()
    if status in ("completed", "superseded"):
        return "blue"
    end = target_end(target)
    if end is not None and end < today:
        return "red"
    if status == "open" and end is not None and end <= today + AMBER_WINDOW:
        return "amber"
    return "green"


def current_rag(action: Action, today: date | None = None) -> str:
    """The rating of the latest update when someone overrode it, else the suggested one."""
    latest = action.latest
    if latest is not None and latest.rag:
        return latest.rag
    return suggest_rag(current_status(action), action.target, today)


def same_deadline(old: str | None, new: str | None) -> bool:
    """True when two targets end on the same day ("2027-03" and "2027-03-31"), so retyping a
    target in other words is not a move: only a new last day is slippage."""
    if old == new:
        return True
    end = target_end(new)
    return end is not None and end == target_end(old)


def target_label(target: str | None) -> str:
    """A stored target as people write it: "March 2019", "31 March 2019", "Ongoing"."""
    return uk_date(target) if target else "no date"
