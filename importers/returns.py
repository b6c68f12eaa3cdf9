"""Progress returns coming back from owners: rows of dated updates, never edits to the plan.

A return is a workbook written by `exporters.returns` whose first cell starts "Progress
return". Each row names an action by Rec No and Action No; a row whose progress columns are
all empty is an owner with nothing to say, and is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from exporters.returns import HEADERS, MARKER
from importers.findings import Finding
from importers.targets import ParsedTarget, date_cell_target, parse_target
from importers.text import cell_text
from importers.workbook import column_letter, open_workbook
from storage.errors import BadInput

_STATUS_WORDS = {
    "open": "open",
    "not started": "open",
    "in progress": "in_progress",
    "in_progress": "in_progress",
    "started": "in_progress",
    "ongoing": "in_progress",
    "completed": "completed",
    "complete": "completed",
    "done": "completed",
    "superseded": "superseded",
}


@dataclass(frozen=True)
class ReturnRow:
    row: int
    ref: str
    number: int
    status: str | None
    text: str
    evidence: str | None
    on_date: str | None
    target: ParsedTarget
    target_text: str


@dataclass(frozen=True)
class PendingUpdate:
    """An update a return will record, for the person to confirm first."""

    action_id: int
    label: str  # "3.2"
    status: str
    text: str
    evidence: str | None
    on_date: str | None
    target: str | None  # a new target, when the owner moved it
    target_text: str | None
    moved_from: str | None

    def fields(self) -> dict:
        """Keyword arguments for `storage.monitoring.add_update` / `add_updates`."""
        return {
            "action_id": self.action_id,
            "status": self.status,
            "text": self.text,
            "evidence": self.evidence,
            "on_date": self.on_date,
            "target": self.target,
            "target_text": self.target_text,
        }

    def describe(self) -> str:
        from storage.progress import target_label

        parts = [f"{self.label}: {self.status.replace('_', ' ')}"]
        if self.text:
            parts.append(f"'{' '.join(self.text.split())[:60]}'")
        if self.target:
            parts.append(
                f"target moved {target_label(self.moved_from)} -> "
                f"{target_label(self.target)} (slippage)"
            )
        return ", ".join(parts)


@dataclass
class Return:
    plan_title: str
    owner: str
    rows: list[ReturnRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def is_return(path: Path) -> bool:
    """True for a progress-return workbook (its first cell starts with "Progress return")."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    with open_workbook(path) as book:
        grid = book.read(book.sheet_names[0], limit=1)
    first = grid.rows[0][0] if grid.rows and grid.rows[0] else None
    return isinstance(first, str) and first.startswith(MARKER)


def read_return(path: Path) -> Return:
    """Read a return; rows that cannot be used are error findings naming their row."""
    path = Path(path)
    with open_workbook(path) as book:
        sheet = book.sheet_names[0]
        grid = book.read(sheet)
    head = [cell_text(row[0]) if row else "" for row in grid.rows[:2]]
    result = Return(
        plan_title=head[0].removeprefix(f"{MARKER}:").strip(),
        owner=head[1].removeprefix("Owner:").strip() if len(head) > 1 else "",
    )
    header_row = next(
        (i for i, row in enumerate(grid.rows[:30]) if "Action No" in [cell_text(v) for v in row]),
        None,
    )
    if header_row is None:
        raise BadInput(f"{path.name}: a progress return needs a header row with 'Action No'.")
    columns = {cell_text(v): j for j, v in enumerate(grid.rows[header_row])}
    missing = [h for h in HEADERS if h not in columns]
    if missing:
        raise BadInput(f"{path.name}: the return has lost its column(s) {', '.join(missing)}.")

    def finding(row: int, header: str, message: str) -> None:
        letter = column_letter(columns[header] + 1)
        result.findings.append(Finding("error", f"Row {row}: {message}", sheet, row, letter))

    for index, values in enumerate(grid.rows[header_row + 1 :], header_row + 2):
        cells = {h: values[j] if j < len(values) else None for h, j in columns.items()}
        get = cells.get
        ref = cell_text(get("Rec No"))
        if not ref:
            continue
        number = get("Action No")
        if not isinstance(number, int | float) and not str(number).strip().isdigit():
            finding(index, "Action No", f"'{number}' is not an action number.")
            continue
        status_cell = cell_text(get("Status")).lower()
        status = _STATUS_WORDS.get(" ".join(status_cell.split())) if status_cell else None
        if status_cell and status is None:
            finding(
                index,
                "Status",
                f"'{status_cell}' is not a status; expected "
                "Open, In progress, Completed or Superseded.",
            )
            continue
        on_date, bad_date = _date(get("Date of update"))
        if bad_date:
            finding(index, "Date of update", f"'{bad_date}' is not a date; write it as dd/mm/yyyy.")
            continue
        target_cell = get("Target Date")
        if isinstance(target_cell, datetime | date):
            fmt = grid.date_formats.get((index, columns["Target Date"] + 1), "dd/mm/yyyy")
            target, target_text = date_cell_target(target_cell, fmt)
        else:
            target_text = cell_text(target_cell)
            target = parse_target(target_text)
        text = cell_text(get("Progress update"))
        evidence = cell_text(get("Evidence (needed to complete)")) or None
        if status == "completed" and not evidence:
            finding(
                index,
                "Evidence (needed to complete)",
                "an action marked Completed needs evidence of completion.",
            )
            continue
        result.rows.append(
            ReturnRow(index, ref, int(number), status, text, evidence, on_date, target, target_text)
        )
    return result


def _date(value: object) -> tuple[str | None, str | None]:
    """(ISO date, None) for a readable update date, (None, text) for an unreadable one."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat(), None
    parsed = parse_target(cell_text(value))
    if parsed.target and len(parsed.target) == 10:
        return parsed.target, None
    return None, cell_text(value)


def pending_updates(
    store, plan_id: int, returned: Return
) -> tuple[list[PendingUpdate], list[Finding]]:
    """Match a return's rows to the plan's actions: the updates to record, and the return's
    findings with an error for each row naming no action of this plan. `returned` is left as
    read, so the same return can be matched against another plan."""
    from storage.edits import get_action
    from storage.monitoring import find_action
    from storage.progress import current_status

    pending, findings = [], list(returned.findings)
    for row in returned.rows:
        try:
            action_id = find_action(store, plan_id, row.ref, row.number)
        except BadInput as exc:
            findings.append(Finding("error", f"Row {row.row}: {exc}", row=row.row))
            continue
        action = get_action(store, action_id)
        moved = row.target.understood and row.target.target not in (None, action.target)
        if row.status is None and not (row.text or row.evidence or row.on_date or moved):
            continue  # the owner had nothing to report on this action
        pending.append(
            PendingUpdate(
                action_id,
                f"{row.ref}.{row.number}",
                row.status or current_status(action),
                row.text,
                row.evidence,
                row.on_date,
                row.target.target if moved else None,
                row.target_text if moved else None,
                action.target if moved else None,
            )
        )
    return pending, findings
