"""The plan model: one action plan as plain dataclasses.

These classes mirror the plan JSON document (`actionplans.plan/1`) field for field, so that
every layer (store, importers, exporters, window) speaks the same language and a plan can be
compared for equality after any round trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DECISIONS = ("Agreed", "Partly Agreed", "Not Agreed")
REASONS = ("commissioning", "policy", "operational", "affordability")
STATUSES = ("open", "in_progress", "completed")
UPDATE_STATUSES = (*STATUSES, "superseded")
RAGS = ("red", "amber", "green", "blue")
KINDS = ("recommendation", "priority concern", "key concern")
# Independent Review of Progress ratings, as stored; `storage.judgements` has their full names.
RATINGS = ("no meaningful", "insufficient", "reasonable", "good")
VERDICTS = ("verified", "not accepted")
FORMAT = "actionplans.plan/1"


@dataclass
class Verification:
    """The secretary's verdict on a reported completion: `verified` (with the evidence seen) or
    `not accepted` (with the reason; the action was reopened by the update after it)."""

    verdict: str  # one of VERDICTS
    on_date: str  # YYYY-MM-DD
    evidence_seen: str | None = None
    reason: str | None = None
    recorded_by: str = ""
    recorded_at: str = ""


@dataclass
class Update:
    """One dated progress update on an action, kept for good: updates are never overwritten.

    `status` is the action's status after the update; `rag` is set only when someone overrode
    the suggested rating (then `rag_reason` says why); `target_from`/`target_to` record a
    target that slipped with this update.
    """

    on_date: str  # YYYY-MM-DD: the day the update speaks for
    status: str
    text: str = ""
    evidence: str | None = None
    rag: str | None = None
    rag_reason: str | None = None
    target_from: str | None = None
    target_to: str | None = None
    recorded_by: str = ""
    recorded_at: str = ""
    verification: Verification | None = None  # the latest verdict on a completion, if any


@dataclass
class Judgement:
    """An Independent Review of Progress: the inspectorate's rating of one item on one day."""

    on_date: str  # YYYY-MM-DD
    rating: str  # one of RATINGS
    note: str = ""
    recorded_by: str = ""
    recorded_at: str = ""


@dataclass
class Meeting:
    """A board meeting that reviewed the plan."""

    held_on: str  # YYYY-MM-DD
    board: str | None = None
    notes: str = ""
    id: int | None = field(default=None, compare=False)


@dataclass
class Action:
    """One step of a response; `target` is `YYYY-MM-DD`, `YYYY-MM`, `"ongoing"` or None."""

    text: str = ""
    owners: list[str] = field(default_factory=list)
    target: str | None = None
    target_text: str = ""
    status: str = "open"
    updates: list[Update] = field(default_factory=list)  # oldest first
    id: int | None = field(default=None, compare=False)

    @property
    def latest(self) -> Update | None:
        """The update that speaks last for the action, by the rule in storage/rules.py."""
        from actionplans.storage.rules import latest_update  # rules builds on this module

        return latest_update(self)


@dataclass
class Recommendation:
    ref: str
    text: str = ""
    section: str | None = None
    decision: str | None = None
    reason: str | None = None
    actions: list[Action] = field(default_factory=list)
    kind: str = "recommendation"  # one of KINDS: what the report calls the item
    judgements: list[Judgement] = field(default_factory=list)  # oldest first
    id: int | None = field(default=None, compare=False)


def stored_id(item: Plan | Recommendation | Action | Meeting) -> int:
    """The database id of an item read from the store. An item made in memory has none yet,
    and code that needs one (merging into a stored plan, say) has been handed the wrong item."""
    if item.id is None:
        raise ValueError(f"this {type(item).__name__.lower()} was never stored, so it has no id")
    return item.id


@dataclass
class Plan:
    title: str
    responds_to: str | None = None
    report_published: str | None = None
    submitted: str | None = None
    notice: str | None = None
    recommendations: list[Recommendation] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)  # oldest first
    marking: str | None = None  # protective marking printed on every page, e.g. OFFICIAL
    short_name: str | None = None  # the name shown in lists; None: derived from the title
    id: int | None = field(default=None, compare=False)

    def summary(self) -> dict[str, int]:
        """Counts by decision, as printed under every published plan."""
        counts = {d: 0 for d in DECISIONS}
        undecided = 0
        for rec in self.recommendations:
            if rec.decision in counts:
                counts[rec.decision] += 1
            else:
                undecided += 1
        return {**counts, "Undecided": undecided, "Total": len(self.recommendations)}

    def sections(self) -> list[str]:
        """Distinct section headings in the order they first appear."""
        seen: dict[str, None] = {}
        for rec in self.recommendations:
            if rec.section:
                seen.setdefault(rec.section)
        return list(seen)
