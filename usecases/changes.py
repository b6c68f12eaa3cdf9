"""What changed in a plan since the last meeting that reviewed it (or since a date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.monitoring import Changes, changes, last_meeting
from actionplans.storage.store import Store


@dataclass(frozen=True)
class ChangesReport:
    """The report, and the text a secretary would read out (the command prints it, the
    window shows it)."""

    plan_id: int
    title: str
    since: date
    report: Changes
    text: str


def last_meeting_day(store: Store, plan_id: int, today: date | None = None) -> date | None:
    """The day of the last meeting (before `today`) that reviewed the plan, if any."""
    meeting = last_meeting(store, plan_id, today or date.today())
    return date.fromisoformat(meeting.held_on) if meeting else None


def changes_since(
    store: Store, plan_id: int, since: date | None = None, today: date | None = None
) -> ChangesReport:
    """The changes since `since`, by default since the last meeting that reviewed the plan."""
    if since is None:
        since = last_meeting_day(store, plan_id, today)
        if since is None:
            raise BadInput("No earlier meeting reviewed this plan; give --since YYYY-MM-DD.")
    title = store.get_plan_title(plan_id)
    report = changes(store, plan_id, since, today)
    return ChangesReport(plan_id, title, since, report, changes_text(report, title))


def changes_text(report: Changes, title: str) -> str:
    """The changes report as a secretary would read it out."""
    from actionplans.storage.rules import target_label

    out = [
        f"{title}: changes from {uk_date(report.since.isoformat())} "
        f"to {uk_date(report.today.isoformat())}"
    ]

    def section(heading: str, items: list[str]) -> None:
        out.append(f"\n{heading} ({len(items)})")
        out.extend(f"  {item}" for item in items or ["none"])

    def name(line) -> str:  # the whole text: a cut one read "Memorandum of Understandin"
        return f"{line.label} {' '.join(line.text.split())} ({line.owners or 'no owner'})"

    section(
        "Newly completed",
        [
            f"{name(c.action)} {c.words} on {uk_date(c.on_date)}; evidence: {c.evidence or 'none'}"
            for c in report.completed
        ],
    )
    section(
        "Newly overdue",
        [
            f"{name(a)}; target {target_label(a.target, a.target_text)}"
            for a in report.newly_overdue
        ],
    )
    section(
        "Slipped",
        [
            f"{name(s.action)}: target moved from {target_label(s.target_from)} to "
            f"{target_label(s.target_to)}, {s.by()}"
            for s in report.slipped
        ],
    )
    section("New actions", [name(a) for a in report.new_actions])
    section(
        "Other status changes",  # completions are listed above, with their evidence
        [
            f"{name(a)}: {old.replace('_', ' ')} to {new.replace('_', ' ')} on {uk_date(d)}"
            for a, old, new, d in report.status_changes
            if new != "completed"
        ],
    )
    section("No update since then", [name(a) for a in report.no_update])
    if report.judgements:
        from actionplans.storage.judgements import RATING_NAMES

        section(
            "Independent Review of Progress",
            [
                f"{ref}: {RATING_NAMES[j.rating]} ({uk_date(j.on_date)})"
                + (f"; {' '.join(j.note.split())}" if j.note else "")
                for ref, j in report.judgements
            ],
        )
    return "\n".join(out)
