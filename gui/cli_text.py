"""What the command prints and shares between its verbs: exit codes, the store it opens, and
plans and reports laid out as text."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from storage.dates import uk_date
from storage.errors import BadInput

OK, WARNINGS, ERRORS = 0, 1, 2


def open_store(args: argparse.Namespace):
    from storage.location import default_db_path
    from storage.store import Store

    store = Store.open(Path(args.db) if args.db else default_db_path())
    if store.journal_note:
        print(f"note: {store.journal_note}", file=sys.stderr)
    return store


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{option} '{text}' is not a date; write it as YYYY-MM-DD.") from None


def print_findings(findings, source: Path) -> None:
    for finding in findings:
        print(f"{source.name}: {finding}", file=sys.stderr)


def format_plan(plan) -> str:
    """A readable summary of a plan: what `show` and `import --dry-run` print."""
    lines = [plan.title]
    for label, value in (
        ("Responds to", plan.responds_to),
        ("Report published", uk_date(plan.report_published)),
        ("Action plan submitted", uk_date(plan.submitted)),
        ("Notice", plan.notice),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    section = None
    for rec in plan.recommendations:
        if rec.section != section and rec.section:
            lines.append(f"\n  {rec.section}")
        section = rec.section
        first_line = rec.text.split("\n")[0]
        if len(first_line) > 70:
            first_line = first_line[:67] + "..."
        reason = f" ({rec.reason})" if rec.reason else ""
        lines.append(f"    {rec.ref:>5}  {rec.decision or 'Undecided'}{reason}: {first_line}")
        for number, action in enumerate(rec.actions, 1):
            owners = "; ".join(action.owners) or "no owner"
            target = action.target_text or action.target or "no target"
            status = "" if action.status == "open" else f" [{action.status.replace('_', ' ')}]"
            lines.append(f"           {number}. {owners} - {target}{status}")
    summary = plan.summary()
    lines.append("\n  " + ", ".join(f"{k}: {v}" for k, v in summary.items()))
    return "\n".join(lines)


def format_changes(report, title: str) -> str:
    """The changes report as a secretary would read it out."""
    from storage.progress import target_label

    out = [
        f"{title}: changes from {uk_date(report.since.isoformat())} "
        f"to {uk_date(report.today.isoformat())}"
    ]

    def section(heading: str, items: list[str]) -> None:
        out.append(f"\n{heading} ({len(items)})")
        out.extend(f"  {item}" for item in items or ["none"])

    def name(line) -> str:
        return f"{line.label} {' '.join(line.text.split())[:60]} ({line.owners or 'no owner'})"

    section(
        "Newly completed",
        [
            f"{name(c.action)} {c.words} on {uk_date(c.on_date)}; evidence: {c.evidence or 'none'}"
            for c in report.completed
        ],
    )
    section(
        "Newly overdue",
        [f"{name(a)}; target {a.target_text or a.target}" for a in report.newly_overdue],
    )
    section(
        "Slipped",
        [
            f"{name(s.action)}: {target_label(s.target_from)} -> {target_label(s.target_to)}, "
            f"{s.by()}"
            for s in report.slipped
        ],
    )
    section("New actions", [name(a) for a in report.new_actions])
    section(
        "Other status changes",  # completions are listed above, with their evidence
        [
            f"{name(a)}: {old.replace('_', ' ')} -> {new.replace('_', ' ')} on {uk_date(d)}"
            for a, old, new, d in report.status_changes
            if new != "completed"
        ],
    )
    section("No update since then", [name(a) for a in report.no_update])
    if report.judgements:
        from storage.judgements import RATING_NAMES

        section(
            "Independent Review of Progress",
            [
                f"{ref}: {RATING_NAMES[j.rating]} ({uk_date(j.on_date)})"
                + (f"; {' '.join(j.note.split())}" if j.note else "")
                for ref, j in report.judgements
            ],
        )
    return "\n".join(out)
