"""Progress returns: for each plan, one workbook per owner holding that owner's open actions.

The secretary sends each owner their own short sheet rather than the whole plan. Each row shows
where the action stands (status and RAG now, the latest update and its date, the other owners
sharing it); the owner fills in the yellow cells, and `actionplans import FILE --into PLAN`
reads them back as dated updates. The layout is `storage.return_form`'s, which the reader
shares. Files are named for the plan's short name and the owner, so the returns of several
plans can go in one folder; an existing file is never replaced: the new one is numbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from exporters.atomic import atomic_path, save_zip
from storage.dates import uk_date
from storage.errors import BadInput
from storage.model import Action, Plan, Recommendation
from storage.return_form import (
    COLUMNS,
    HEADER_ROW,
    HEADERS,
    INSTRUCTIONS,
    MARKER,
    RAG_CHOICES,
    STATUS_CHOICES,
    action_words,
)
from storage.rules import current_rag, current_status, is_open
from storage.short_names import derive_short_name
from storage.vocabulary import RAG_LABELS

FILL = "Return to fill"
_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "at",
    "for",
    "in",
    "of",
    "on",
    "the",
    "to",
    "with",
}  # the named style of the cells an owner fills in
# Row heights are estimated (openpyxl cannot measure text) for columns this much narrower than
# they are: LibreOffice sets Arial in the wider DejaVu Sans where Arial is missing, and a row
# too short hides the end of the action an owner is asked about (seen in its printout).
_NARROW = 0.8
_STATUS_NOW = {"open": "Open", "in_progress": "In progress", "completed": "Completed"}


@dataclass(frozen=True)
class OwnerActions:
    owner: str
    actions: list[tuple[Recommendation, int, Action]]  # (recommendation, 1-based number, action)


def is_sent(rec: Recommendation, action: Action) -> bool:
    """An action goes out in returns while it is open: not completed (or superseded), and an
    action at all: a Not Agreed recommendation's response explains why nothing will be done."""
    return is_open(action, rec.decision)


def open_actions_by_owner(plan: Plan) -> list[OwnerActions]:
    """Each owner with their open actions, in plan order; owners alphabetically."""
    by_owner: dict[str, list] = {}
    for rec in plan.recommendations:
        for number, action in enumerate(rec.actions, 1):
            if is_sent(rec, action):
                for owner in action.owners:
                    by_owner.setdefault(owner, []).append((rec, number, action))
    return [OwnerActions(owner, by_owner[owner]) for owner in sorted(by_owner, key=str.lower)]


def _slug(text: str, limit: int) -> str:
    """`text` as a file-name part of at most `limit` characters, cut between words and not
    after a small word ("Social-Care-in")."""
    words = re.sub(r"[^\w\- ]+", " ", text).replace("-", " ").split()
    slug = "-".join(words)
    if len(slug) > limit:
        cut = slug[: limit + 1].rsplit("-", 1)[0]
        slug = cut if cut and len(cut) > limit // 2 else slug[:limit]
        while "-" in slug and slug.rsplit("-", 1)[1].lower() in _SMALL_WORDS:
            slug = slug.rsplit("-", 1)[0]
    return slug.strip("-")


def file_name(plan: Plan, owner: str) -> str:
    """`return-<plan>-<owner>.xlsx`: any filesystem accepts it, a person sees whose it is."""
    plan_part = _slug(plan.short_name or derive_short_name(plan.title), 30) or "plan"
    return f"return-{plan_part}-{_slug(owner, 40) or 'owner'}.xlsx"


def _free_path(folder: Path, name: str, taken: set[str]) -> Path:
    """`folder/name`, numbered ("-2", "-3") past any file already there or written in this run:
    a return sent earlier may be the owner's filled copy, and is never replaced silently."""
    stem, suffix = name.removesuffix(".xlsx"), ".xlsx"
    candidate, n = name, 2
    while candidate.lower() in taken or (folder / candidate).exists():
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    taken.add(candidate.lower())
    return folder / candidate


def write_returns(
    plans: Plan | list[Plan],
    folder: Path,
    today: date | None = None,
    *,
    return_by: str | None = None,
    return_to: str | None = None,
    avoid: frozenset[str] = frozenset(),
) -> list[Path]:
    """Write one return per owner of each plan into `folder`; returns the paths written.

    `return_by` (YYYY-MM-DD) and `return_to` (an address) are printed on every return.
    `avoid`: lower-case file names numbered past as if they were in `folder` (the window
    writes into a private folder, then moves the files beside the ones already sent).
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"{folder}: cannot create the folder ({exc.strerror}).") from exc
    today = today or date.today()
    written: list[Path] = []
    taken: set[str] = set(avoid)
    for plan in [plans] if isinstance(plans, Plan) else plans:
        for group in open_actions_by_owner(plan):
            path = _free_path(folder, file_name(plan, group.owner), taken)
            with atomic_path(path) as tmp:
                save_zip(tmp, _workbook(plan, group, today, return_by, return_to).save)
            written.append(path)
    return written


def reply_line(return_by: str | None, return_to: str | None) -> str:
    """ "Please return this by 20 March 2027 to board@example.org." and its shorter forms."""
    when = f" by {uk_date(return_by)}" if return_by else ""
    where = f" to {return_to}" if return_to else " to the board secretary"
    return f"Please return this{when}{where}."


def _styles(wb) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    from exporters import xlsx_style as style

    style.register_styles(wb)
    thin = Side(style="thin", color="808080")
    wb.add_named_style(
        NamedStyle(
            FILL,
            font=Font(name=style.FONT, size=style.FONT_SIZE),
            fill=PatternFill("solid", fgColor="FFF2CC"),
            border=Border(left=thin, right=thin, top=thin, bottom=thin),
            alignment=Alignment(wrap_text=True, vertical="top", horizontal="left"),
            protection=Protection(locked=False),
        )
    )


def _workbook(
    plan: Plan, group: OwnerActions, today: date, return_by: str | None, return_to: str | None
):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from exporters import xlsx_style as style
    from exporters.xlsx import target_cell_text, xml_text

    wb = Workbook()
    _styles(wb)
    ws = wb.active
    ws.title = "Return"
    widths = [c.width for c in COLUMNS]
    style.set_layout(ws, HEADER_ROW, widths, plan.marking)
    ws.page_margins.left = ws.page_margins.right = 0.4  # the whole row at 10 pt on A4
    top = [
        (f"{MARKER}: {plan.title}", style.TITLE),
        (f"Owner: {group.owner}", style.LINE),
        (f"Sent: {uk_date(today.isoformat())}", style.LINE),
        (reply_line(return_by, return_to), style.LINE),
        (INSTRUCTIONS, style.LINE),
    ]
    for row, (text, kind) in enumerate(top, 1):
        _fill(ws.cell(row, 1), text, kind)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        ws.row_dimensions[row].height = style.row_height(
            style.text_lines(text, sum(widths)), style.TITLE_SIZE if row == 1 else style.FONT_SIZE
        )
    ws.cell(4, 1).font = Font(name=style.FONT, size=style.FONT_SIZE, bold=True)
    for column, header in enumerate(HEADERS, 1):
        ws.cell(HEADER_ROW, column, header).style = style.HEADER
    ws.row_dimensions[HEADER_ROW].height = style.row_height(3)
    row = HEADER_ROW
    for row, (rec, number, action) in enumerate(group.actions, HEADER_ROW + 1):
        latest = action.latest
        status_now = _STATUS_NOW[current_status(action)]
        values: dict[str, object] = {
            "Rec No": rec.ref,
            "Action No": number,
            "Action": action_words(action.text),
            "Co-owners": ";\n".join(o for o in action.owners if o != group.owner),
            "Target Date": target_cell_text(action),
            "Status now": f"{status_now}\n{RAG_LABELS[current_rag(action, today)]}",
            "Latest update": _latest_words(action),
            "Updated on": date.fromisoformat(latest.on_date) if latest else None,
        }
        for column, c in enumerate(COLUMNS, 1):
            cell = ws.cell(row, column)
            _fill(cell, values.get(c.header), FILL if c.to_fill else style.TEXT)
            if c.header in ("Updated on", "Date of update"):
                cell.number_format = "dd/mm/yyyy"
        lines = max(
            style.text_lines(str(values.get(c.header) or ""), c.width * _NARROW) for c in COLUMNS
        )
        ws.row_dimensions[row].height = style.row_height(max(lines, 3))
    last = max(row, HEADER_ROW + 1)
    for header, choices in (("Status", STATUS_CHOICES), ("RAG", RAG_CHOICES)):
        letter = get_column_letter(HEADERS.index(header) + 1)
        rule = DataValidation(
            type="list",
            formula1=f'"{",".join(choices)}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=header,
            error=f"Choose one of: {', '.join(choices)}.",
        )
        rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
        ws.add_data_validation(rule)
    when = get_column_letter(HEADERS.index("Date of update") + 1)
    dated = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 1 January 2000: any real day
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Date of update",
        error="Write the date as dd/mm/yyyy.",
    )
    dated.add(f"{when}{HEADER_ROW + 1}:{when}{last}")
    ws.add_data_validation(dated)
    # Protected without a password: a guard against slips, which the owner can lift in Excel.
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False  # widen, heighten freely
    wb.properties.title = xml_text(f"{MARKER}: {plan.title} - {group.owner}")
    wb.properties.creator = "actionplans"
    return wb


def _latest_words(action: Action) -> str:
    latest = action.latest
    if latest is None:
        return "No update yet."
    words = latest.text or "(no note)"
    if latest.rag_reason:
        words += f"\nRAG: {latest.rag_reason}"
    if latest.evidence:
        words += f"\nEvidence: {latest.evidence}"
    return words


def _fill(cell, value: object, kind: str) -> None:
    from exporters.xlsx import set_value

    cell.style = kind
    set_value(cell, value)
