"""Importing a file: read it, preview what it would do, then commit it in one step.

A file is one of three things: a plan (added as a new plan, or merged into an existing one as
a local authority's return), or an owner's progress return (its rows recorded as dated
updates). `read_file` tells them apart and reads the file, once; it touches no database, so
the window runs it on its thread pool. `preview` says what committing would do, with every
finding and whether it may go ahead; `commit` writes exactly that, after a backup, as one
transaction. The command and the window show the same preview: both print its `text`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from actionplans.importers import SUFFIXES, ImportResult, read_plan_file
from actionplans.importers.findings import Finding
from actionplans.importers.headers import find_header
from actionplans.importers.returns import PendingUpdate, pending_updates, read_return
from actionplans.importers.workbook import HEAD_ROWS, open_workbook
from actionplans.storage.backups import backed_up
from actionplans.storage.errors import BadInput
from actionplans.storage.merge import Merge, apply_merge, plan_merge, plans_titled
from actionplans.storage.model import Plan
from actionplans.storage.monitoring import add_updates, targets_moved_since
from actionplans.storage.return_form import MARKER, Return
from actionplans.storage.short_names import derive_short_name
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed
from actionplans.usecases.plans import plan_text

__all__ = [
    "SUFFIXES",
    "Committed",
    "ImportResult",
    "Preview",
    "Read",
    "Return",
    "SheetsToChoose",
    "commit",
    "load_samples",
    "preview",
    "read_file",
    "sample_files",
]

WORKBOOKS = (".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True)
class SheetsToChoose:
    """A workbook with plans on several sheets and none chosen: the person picks one."""

    path: Path
    sheets: list[str]


Read = ImportResult | Return | SheetsToChoose


def read_file(path: Path, sheet: str | None = None) -> Read:
    """A plan, an owner's progress return (told apart by its first cell), or, for a workbook
    with plans on several sheets and no `sheet` chosen, the sheets to choose from."""
    path = Path(path)
    if sheet is None and path.suffix.lower() in WORKBOOKS and path.is_file():
        is_a_return, names, plan_sheets = _look_inside(path)
        if is_a_return:
            return read_return(path)
        if len(plan_sheets) > 1:
            return SheetsToChoose(path, names)
    return read_plan_file(path, sheet=sheet)


def _look_inside(path: Path) -> tuple[bool, list[str], list[str]]:
    """(is it a progress return, its sheets, the sheets with a plan's header row), from the
    first rows of each sheet only."""
    with open_workbook(path) as book:
        names = list(book.sheet_names)
        if not names:
            return False, [], []
        heads = {name: book.read(name, HEAD_ROWS).rows for name in names}
    first = heads[names[0]][0][0] if heads[names[0]] and heads[names[0]][0] else None
    if isinstance(first, str) and first.startswith(MARKER):
        return True, names, []
    return False, names, [n for n in names if find_header(heads[n], HEAD_ROWS)]


@dataclass
class Preview:
    """What committing would do, as both front ends show it: `text` (a heading, then one line
    per change), the findings, and a `verdict` saying whether it may go ahead. When it may
    not, `refusal` is the sentence to stop with, or None when there is simply nothing to do
    (a merge that changes nothing, a return left empty)."""

    path: Path
    kind: str  # "plan" (a new plan), "merge" or "return"
    heading: str
    lines: list[str]
    findings: list[Finding]
    verdict: str
    can_commit: bool
    refusal: str | None
    exit_status: int  # for the command's --dry-run: 0 clean, 1 warnings, 2 errors
    plan_id: int | None = None  # the plan merged into or updated
    plan_title: str = ""
    result: ImportResult | None = None
    merge: Merge | None = None
    pending: list[PendingUpdate] = field(default_factory=list)
    owner: str = ""
    same_title: list[int] = field(default_factory=list)  # stored plans of the new plan's title

    @property
    def text(self) -> str:
        return "\n".join([self.heading, "", *self.lines] if self.heading else self.lines)


def preview(
    store: Store | None,
    path: Path,
    read: ImportResult | Return,
    into: int | None = None,
    *,
    reopen: bool = False,
    as_new: bool | None = None,
    edit_plan: bool = False,
) -> Preview:
    """What importing `read` (read from `path`) would do: as a new plan (`into` None), merged
    into plan `into`, or, for a progress return, recorded in plan `into` or else the plan its
    first cell names. A store is needed for a merge or a return, and to warn of a new plan
    whose title is already stored: `as_new` None warns in the verdict (the window shows it
    beside its choice of merging, and the person decides), False refuses (the command, unless
    told --as-new), True imports the second plan of that title without a word. `reopen`:
    record a return's updates that reopen completed actions, which are otherwise left out with
    a warning. `edit_plan`: a merge takes the return's words over the agreed plan's (otherwise
    they are kept)."""
    path = Path(path)
    if isinstance(read, Return):
        if store is None:
            raise BadInput(
                f"{path.name}: a progress return can only be recorded in an existing plan."
            )
        plan_id = into if into is not None else plan_of_return(store, read, path)
        return _preview_return(store, read, plan_id, path, reopen)
    if into is not None and store is not None:
        return _preview_merge(store, read, into, path, edit_plan)
    same = plans_titled(store, read.plan.title) if store is not None else []
    errors, warnings = len(read.errors), len(read.warnings)
    refusal = None
    if errors:
        verdict = f"{errors} error(s) must be fixed in the file before it can be imported."
        refusal = f"{path}: not imported: {errors} error(s) above must be fixed first."
    elif same and as_new is None:
        verdict = (
            f"Plan {same[0]} is already titled '{read.plan.title}': merge this file into it, "
            "or import it as a second plan of that title."
        )
    elif same and not as_new:
        verdict = f"Plan {same[0]} is already titled '{read.plan.title}'."
        refusal = (
            f"{path.name}: plan {same[0]} is already titled '{read.plan.title}': merge the "
            "file into it, or import it as a second plan of that title. Nothing imported."
        )
    elif warnings:
        verdict = f"Ready to import: {warnings} warning(s) to check after importing."
    else:
        verdict = "Ready to import: no problems found."
    return Preview(
        path,
        "plan",
        "",
        plan_text(read.plan).split("\n"),
        list(read.findings),
        verdict,
        refusal is None,
        refusal,
        read.exit_status(),
        result=read,
        same_title=same,
    )


def plan_of_return(store: Store, returned: Return, path: Path) -> int:
    """The plan a progress return was written for, recognised by the title its first cell
    names (the return's marker); BadInput when no stored plan, or several, have that title."""
    same = plans_titled(store, returned.plan_title)
    if len(same) == 1:
        return same[0]
    if not same:
        raise BadInput(
            f"{path.name}: this progress return is for '{returned.plan_title}', which is not "
            "in the database: import that plan first, or say which plan it is for."
        )
    raise BadInput(
        f"{path.name}: plans {', '.join(map(str, same))} are all titled "
        f"'{returned.plan_title}': say which plan this return is for."
    )


def _preview_merge(
    store: Store, read: ImportResult, into: int, path: Path, edit_plan: bool
) -> Preview:
    current = store.get_plan(into)
    merge = plan_merge(current, read.plan, edit_plan=edit_plan)
    described = merge.describe() or ["No changes: the plan already says all of this."]
    errors = len(read.errors)
    if errors:
        verdict = f"{errors} error(s) must be fixed in the file before it can be merged."
    elif merge.mismatch:
        verdict = f"Nothing can be merged: {merge.mismatch}"
    elif merge.is_empty():
        verdict = "Nothing to merge: the plan already says all of this."
    else:
        verdict = f"Ready to merge into '{current.title}'."
    refusal = None
    if errors:
        refusal = f"{path}: not merged: fix the error(s) above first."
    elif merge.mismatch:
        refusal = f"{path.name}: {merge.mismatch}"
    return Preview(
        path,
        "merge",
        f"Changes to '{current.title}':",
        described,
        list(read.findings),
        verdict,
        refusal is None and not merge.is_empty(),
        refusal,
        2 if merge.mismatch else read.exit_status(),
        plan_id=into,
        plan_title=current.title,
        result=read,
        merge=merge,
    )


def _preview_return(store: Store, returned: Return, into: int, path: Path, reopen: bool) -> Preview:
    plan = store.get_plan(into)
    title = plan.title
    moved = targets_moved_since(store, into, returned.sent)
    pending, everything = pending_updates(plan, returned, moved, reopen=reopen)
    findings = [f for f in everything if f.severity == "error"]  # a reopening: only warned
    owner = returned.owner or "an owner"
    empty = [] if everything else ["No updates: every row was left empty."]
    # A finding with no row is about the whole return (written for another plan, or recorded
    # already): its own sentence says what to do, which no row can fix.
    whole = [f.message for f in findings if f.row is None]
    if whole:
        verdict = " ".join(whole)
    elif findings:
        verdict = (
            f"{len(findings)} row(s) must be fixed in the file (or by the owner) "
            "before anything is recorded."
        )
    elif pending:
        verdict = "Ready to record: each update is kept for good once recorded."
    else:
        verdict = ""
    return Preview(
        path,
        "return",
        f"Progress return from {owner}: {len(pending)} update(s) to record in '{title}':",
        [u.describe() for u in pending] or empty,
        everything,
        verdict,
        bool(pending) and not findings,
        f"{path}: nothing recorded: fix the error(s) above first." if findings else None,
        2 if findings else 1 if everything else 0,
        plan_id=into,
        plan_title=title,
        pending=pending,
        owner=returned.owner,
    )


@dataclass(frozen=True)
class Committed:
    """What `commit` wrote: the plan added, merged into or updated, and the backup."""

    plan_id: int
    kind: str
    backup: Path | None
    changed: Changed


def with_short_name(plan: Plan) -> Plan:
    """The plan with the short name the plan list shows, derived from its title unless the
    file gave one; the secretary can change it (File > Rename plan)."""
    if plan.short_name or not plan.title.strip():
        return plan
    return dataclasses.replace(plan, short_name=derive_short_name(plan.title))


def commit(store: Store, preview: Preview) -> Committed:
    """Write what `preview` showed, after a backup, in one transaction; BadInput when the
    preview said it may not go ahead."""
    if not preview.can_commit:
        raise BadInput(preview.refusal or f"{preview.path}: nothing to import.")
    with backed_up(store, "import") as backup:
        if preview.kind == "return":
            assert preview.plan_id is not None
            add_updates(store, [update.fields() for update in preview.pending])
            plan_id = preview.plan_id
        elif preview.kind == "merge":
            assert preview.merge is not None
            apply_merge(store, preview.merge)
            plan_id = preview.merge.plan_id
        else:
            assert preview.result is not None
            plan_id = store.add_plan(with_short_name(preview.result.plan))
    return Committed(
        plan_id,
        preview.kind,
        backup,
        Changed(
            plans=frozenset({plan_id}),
            plan_list=True,
            updates=preview.kind == "return",
            backups=True,
        ),
    )


def sample_files() -> list[Path]:
    """The sample plans shipped with the application."""
    from actionplans.resources import resource_path

    return sorted(resource_path("samples").glob("*.xlsx"))


@dataclass(frozen=True)
class Loaded:
    plan_ids: list[int]
    changed: Changed


def load_samples(store: Store) -> Loaded:
    """Add every sample plan that reads without errors (for a first start, and the smoke
    test); no backup, as this is offered only on an empty database."""
    ids = []
    for path in sample_files():
        result = read_plan_file(path)
        if not result.errors:
            ids.append(store.add_plan(with_short_name(result.plan)))
    return Loaded(ids, Changed(plans=frozenset(ids), plan_list=bool(ids)))
