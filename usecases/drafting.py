"""Drafting a plan from a report or a government response: read it, show the draft, store it.

`read_draft` touches no database (the window runs it on its thread pool and shows the draft
before anything is stored); `commit_draft` adds the draft as a new plan, after a backup, in one
transaction. The rules are importers/report.py's (docs/plan-json.md, "Drafting a plan from a
report").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from actionplans.importers.findings import ImportResult
from actionplans.importers.report import REPORT_SUFFIXES, draft_plan
from actionplans.storage.backups import backed_up
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed

__all__ = ["REPORT_SUFFIXES", "Drafted", "commit_draft", "read_draft"]


def read_draft(path: Path, title: str | None = None) -> ImportResult:
    """The draft plan of the recommendations in `path`, with a finding for each item the
    reader was unsure of; BadInput for a document it cannot read (a scan, a damaged file)."""
    return draft_plan(Path(path), title=title)


@dataclass(frozen=True)
class Drafted:
    plan_id: int
    title: str
    items: int
    backup: Path
    changed: Changed


def commit_draft(store: Store, draft: ImportResult) -> Drafted:
    """Store the draft as a new plan, after a backup, in one transaction."""
    with backed_up(store, "draft") as backup:
        plan_id = store.add_plan(draft.plan)
    return Drafted(
        plan_id,
        draft.plan.title,
        len(draft.plan.recommendations),
        backup,
        Changed(plans=frozenset({plan_id}), plan_list=True, backups=True),
    )
