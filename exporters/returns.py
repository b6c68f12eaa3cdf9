"""Progress returns: one workbook per owner, holding just that owner's open actions.

The secretary sends each owner their own short sheet rather than the whole plan; the owner
fills in the empty progress columns, and `actionplans import FILE --into PLAN` reads them back
as dated updates. The first cell says "Progress return", which is how the importer knows one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from exporters.atomic import atomic_path
from storage.errors import BadInput
from storage.model import Action, Plan, Recommendation
from storage.rules import commitments, is_open
from storage.vocabulary import STATUS_LABELS

MARKER = "Progress return"
HEADERS = (
    "Rec No",
    "Action No",
    "Recommendation",
    "Action",
    "Target Date",
    "Status",
    "Progress update",
    "Evidence (needed to complete)",
    "Date of update",
)
WIDTHS = (8, 8, 40, 50, 14, 14, 45, 30, 14)
STATUS_CHOICES = tuple(STATUS_LABELS.values())
HEADER_ROW = 5
INSTRUCTIONS = (
    "Fill in Status, Progress update and Date of update for each action. Completing an action "
    "needs evidence. Change the Target Date only if the target has moved; the board will see "
    "it as slippage. Please do not change the other columns."
)


@dataclass(frozen=True)
class OwnerActions:
    owner: str
    actions: list[tuple[Recommendation, int, Action]]  # (recommendation, 1-based number, action)


def open_actions_by_owner(plan: Plan) -> list[OwnerActions]:
    """Each owner with their actions not yet completed, in plan order; owners alphabetically.
    A Not Agreed recommendation's explanation is no action: it is never sent."""
    by_owner: dict[str, list] = {}
    for rec in plan.recommendations:
        for number, action in enumerate(commitments(rec), 1):
            if not is_open(action, rec.decision):
                continue
            for owner in action.owners:
                by_owner.setdefault(owner, []).append((rec, number, action))
    return [OwnerActions(owner, by_owner[owner]) for owner in sorted(by_owner, key=str.lower)]


def file_name(owner: str) -> str:
    """A file name any filesystem accepts, still recognisably the owner's."""
    safe = re.sub(r"[^\w\- ]+", " ", owner).strip()
    return re.sub(r"[\s\-]+", "-", safe)[:80] or "owner"


def write_returns(plan: Plan, folder: Path, today: date | None = None) -> list[Path]:
    """Write one return workbook per owner into `folder`; returns the paths written."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"{folder}: cannot create the folder ({exc.strerror}).") from exc
    written, used = [], set()
    for group in open_actions_by_owner(plan):
        name = file_name(group.owner)
        stem, n = name, 2
        while stem.lower() in used:  # two owners whose names differ only in punctuation
            stem, n = f"{name}-{n}", n + 1
        used.add(stem.lower())
        path = folder / f"return-{stem}.xlsx"
        with atomic_path(path) as tmp:
            _workbook(plan, group, today or date.today()).save(tmp)
        written.append(path)
    return written


def _workbook(plan: Plan, group: OwnerActions, today: date):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from exporters import xlsx_style as style
    from exporters.xlsx import target_cell_text, xml_text
    from storage.dates import uk_date

    wb = Workbook()
    style.register_styles(wb)
    ws = wb.active
    ws.title = "Return"
    style.set_layout(ws, HEADER_ROW, list(WIDTHS))
    for row, (text, kind) in enumerate(
        [
            (f"{MARKER}: {plan.title}", style.TITLE),
            (f"Owner: {group.owner}", style.LINE),
            (f"Sent: {uk_date(today.isoformat())}", style.LINE),
            (INSTRUCTIONS, style.LINE),
        ],
        1,
    ):
        _fill(ws.cell(row, 1), text, kind)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
    ws.row_dimensions[4].height = style.row_height(style.text_lines(INSTRUCTIONS, sum(WIDTHS)))
    for column, header in enumerate(HEADERS, 1):
        ws.cell(HEADER_ROW, column, header).style = style.HEADER
    for row, (rec, number, action) in enumerate(group.actions, HEADER_ROW + 1):
        values = (rec.ref, number, rec.text, action.text, target_cell_text(action))
        for column, value in enumerate(values, 1):
            _fill(ws.cell(row, column), value, style.TEXT)
        for column in range(len(values) + 1, len(HEADERS) + 1):
            ws.cell(row, column).style = style.TEXT
        lines = max(style.text_lines(str(v), w) for v, w in zip(values, WIDTHS, strict=False))
        ws.row_dimensions[row].height = style.row_height(lines)
    last = HEADER_ROW + max(len(group.actions), 1)
    status = get_column_letter(HEADERS.index("Status") + 1)
    choices = DataValidation(
        type="list", formula1=f'"{",".join(STATUS_CHOICES)}"', allow_blank=True
    )
    choices.add(f"{status}{HEADER_ROW + 1}:{status}{last}")
    ws.add_data_validation(choices)
    when = get_column_letter(HEADERS.index("Date of update") + 1)
    for row in range(HEADER_ROW + 1, last + 1):
        ws[f"{when}{row}"].number_format = "dd/mm/yyyy"
    wb.properties.title = xml_text(f"{MARKER}: {plan.title} - {group.owner}")
    wb.properties.creator = "actionplans"
    return wb


def _fill(cell, value: object, kind: str) -> None:
    from exporters.xlsx import set_value

    cell.style = kind
    set_value(cell, value)
