"""`actionplans draft REPORT [--title T]`: a draft plan from a report or government response."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from actionplans.cli.text import ERRORS, OK, WARNINGS, open_store, print_findings


def cmd_draft(args: Namespace) -> int:
    """Read the report, store the draft as a new plan, print "Drafted plan N: TITLE (K items)"
    and a finding per doubtful item; exit 0, 1 with warnings (BadInput, exit 2, is raised)."""
    from actionplans.usecases.drafting import commit_draft, read_draft

    source = Path(args.report)
    draft = read_draft(source, title=args.title)
    print_findings(draft.findings, source)
    if args.dry_run:
        for rec in draft.plan.recommendations:
            decision = f" [{rec.decision}]" if rec.decision else ""
            print(f"{rec.ref}{decision}: {rec.text}")
        return ERRORS if draft.errors else WARNINGS if draft.warnings else OK
    done = commit_draft(open_store(args), draft)
    print(f"Drafted plan {done.plan_id}: {done.title} ({done.items} items)")
    return WARNINGS if draft.warnings else OK
