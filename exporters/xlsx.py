"""Write a plan as the standard six-column action plan workbook.

Sheet "Action Plan" is laid out the way the published HMPPS plans are, and so that
`importers.template` reads it back into the identical plan:

- above the header, only the title block: the title, "Action Plan Submitted: <date>",
  "A response to <report>", "Report Published: <date>" and the notice, each line only when the
  plan has it (the importer takes the first line as the title and any unlabelled later line as
  the notice, so nothing else may stand there);
- the header row with the six numbered headers, then any extra columns: "Reason" when any
  recommendation has one (the template has no column for it, and without one it would be lost);
  "Status" when the six columns cannot say an action's status (see `needs_status_column`), or
  with `progress_columns`; "Latest update" and "Updated on" with `progress_columns`, for sending
  a plan out for returns;
- a heading row merged across the table wherever the section changes;
- one row per action, Rec No, Recommendation, decision and reason merged down over them (a
  recommendation with no action still gets its row); owners one per line; the target as the user
  wrote it;
- the summary block (Recommendations / Agreed / Partly Agreed / Not Agreed / Total) under it.

Sheet "Definitions" states the introduction and the three decisions as the published plans do.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_style as style
from exporters.atomic import atomic_path, save_zip
from exporters.definitions import DEFINITION_HEADERS, DEFINITIONS, HEADERS, INTRODUCTION
from storage.dates import MONTHS, uk_date
from storage.errors import BadInput
from storage.model import DECISIONS, STATUSES, Action, Plan, Recommendation
from storage.rules import action_target_label, latest_update
from storage.version import app_version
from storage.vocabulary import status_label

PLAN_SHEET = "Action Plan"
DEFINITIONS_SHEET = "Definitions"
REASON, STATUS, LATEST_UPDATE, UPDATED_ON = "Reason", "Status", "Latest update", "Updated on"
KIND = "Kind"
STATUS_LABELS = {status: status_label(status) for status in STATUSES}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # characters Excel keeps in one cell

SIX_COLUMNS = (
    style.Column(HEADERS[0], 12, style.CENTRED),
    style.Column(HEADERS[1], 40),
    style.Column(HEADERS[2], 13, style.CENTRED),
    style.Column(HEADERS[3], 55),
    style.Column(HEADERS[4], 24),
    style.Column(HEADERS[5], 13),
)
# Columns that hold one value per recommendation, merged down over its action rows.
RECOMMENDATION_COLUMNS = (HEADERS[0], HEADERS[1], HEADERS[2], REASON, KIND)
TARGET_COLUMN = 6

# Number formats that show a target exactly as it was typed, with what each shows. The format
# carries the precision ("mmm-yy" has no day: a month), and a reader takes both back from it
# (spec: "Target dates"). "d/m/yyyy" is not here: Excel treats it as the regional short date.
DAY_FORMATS = {
    "dd/mm/yyyy": "{d:02d}/{m:02d}/{y}",
    "d/m/yy": "{d}/{m}/{yy:02d}",
    "dd/mm/yy": "{d:02d}/{m:02d}/{yy:02d}",
    "dd.mm.yyyy": "{d:02d}.{m:02d}.{y}",
    "d mmmm yyyy": "{d} {month} {y}",
    "d mmm yyyy": "{d} {mon} {y}",
    "d-mmm-yy": "{d}-{mon}-{yy:02d}",
}
MONTH_FORMATS = {
    "mmmm yyyy": "{month} {y}",
    "mmm-yy": "{mon}-{yy:02d}",
    "mmm yyyy": "{mon} {y}",
}


def write_xlsx(plan: Plan, path: Path, *, progress_columns: bool = False) -> None:
    """Write `plan` to `path` as the six-column workbook, replacing any file there in one step.

    Raises BadInput, leaving any existing file untouched, when the target is read-only, cannot
    be written, or a text is longer than an Excel cell holds.
    """
    path = Path(path)
    _check_cell_lengths(plan, path)
    with atomic_path(path) as tmp:
        wb = build_workbook(plan, progress_columns=progress_columns)
        try:
            save_zip(tmp, wb.save)
        except OSError as exc:
            raise BadInput(f"{path}: cannot write the workbook ({exc.strerror}).") from exc


def build_workbook(plan: Plan, *, progress_columns: bool = False) -> Workbook:
    """The workbook for `plan`, not yet saved.

    openpyxl's normal mode, not write-only: write-only mode would stream rows and does write
    merges, but every styled cell it is given goes through a slow path (a failed conversion),
    and measured on 15,000 rows normal mode was about 15% faster, for about 50 MiB more memory
    (benchmarks/export_xlsx.py); real plans have tens of recommendations, not thousands.
    """
    wb = Workbook()
    style.register_styles(wb)
    wb.properties.title = xml_text(plan.title)
    wb.properties.subject = xml_text(plan.responds_to)
    wb.properties.creator = "actionplans"
    wb.properties.version = app_version()
    marking = (plan.marking or "").strip()
    columns = table_columns(plan, progress_columns)
    wb.active.title = PLAN_SHEET
    _write_plan_sheet(wb.active, plan, columns, marking)
    _write_definitions_sheet(wb.create_sheet(DEFINITIONS_SHEET), marking)
    return wb


def table_columns(plan: Plan, progress_columns: bool = False) -> list[style.Column]:
    """The six standard columns and whichever extra columns this plan needs to round-trip."""
    columns = list(SIX_COLUMNS)
    if any(rec.kind != "recommendation" for rec in plan.recommendations):
        # HMIP's concerns: the kind of each item, so a plan of concerns reads back as one.
        columns.append(style.Column(KIND, 16))
    if any(rec.reason for rec in plan.recommendations):
        columns.append(style.Column(REASON, 14))
    if progress_columns or needs_status_column(plan):
        columns.append(style.Column(STATUS, 12))
    if progress_columns:
        columns += [style.Column(LATEST_UPDATE, 40), style.Column(UPDATED_ON, 12)]
    return columns


def needs_status_column(plan: Plan) -> bool:
    """True when some action's status cannot be read from its Target Date cell.

    Without a Status column a reader takes an action as completed exactly when its Target Date
    cell says "Completed", and as open otherwise. That loses an action in progress, and a
    completed action whose cell shows its date ("March 2019"); for those the column is added.
    """
    return any(
        action.status != _status_from_target(target_cell_text(action))
        for rec in plan.recommendations
        for action in rec.actions
    )


def target_cell_text(action: Action) -> str:
    """The Target Date cell: the target as the user wrote it, else words for the stored target.

    An imported cell of several date lines comes back as one `target_text` joined with "; ";
    it is written as lines again, so it reads back the same. Not when there are as many lines
    as paragraphs in the response, though: a reader pairs those up as separate actions.
    """
    text = action_target_label(action, numeric=True)
    parts = text.split("; ")
    paragraphs = [line for line in action.text.split("\n") if line.strip()]
    return "\n".join(parts) if len(parts) != len(paragraphs) else text


def target_date(action: Action) -> tuple[date, str] | None:
    """The date and number format that show the Target Date cell exactly as written, so the
    board can sort and filter the column by date; None when it must stay text ("Q1 2019/20",
    "Ongoing", several lines, or a date Excel's calendar does not hold)."""
    target = action.target or ""
    formats = DAY_FORMATS if len(target) == 10 else MONTH_FORMATS if len(target) == 7 else {}
    try:
        day = date.fromisoformat(target if len(target) == 10 else f"{target}-01")
    except ValueError:
        return None
    if day.year <= 1900:  # Excel's calendar starts in 1900, and miscounts its first months
        return None
    text = target_cell_text(action)
    names = {"month": MONTHS[day.month - 1], "mon": MONTHS[day.month - 1][:3]}
    for number_format, shown in formats.items():
        if shown.format(d=day.day, m=day.month, y=day.year, yy=day.year % 100, **names) == text:
            return day, number_format
    return None


def title_lines(plan: Plan) -> list[tuple[str, str]]:
    """The lines above the header, each with its style name, in the published order."""
    lines = [(plan.title, style.TITLE)] if plan.title else []
    if plan.submitted:
        lines.append((f"Action Plan Submitted: {uk_date(plan.submitted)}", style.LINE))
    if plan.responds_to:
        lines.append((f"A response to {plan.responds_to}", style.LINE))
    if plan.report_published:
        lines.append((f"Report Published: {uk_date(plan.report_published)}", style.LINE))
    if plan.notice:
        lines.append((plan.notice, style.NOTICE))
    return lines


def summary_rows(plan: Plan) -> list[tuple[str, int | None]]:
    """The counts printed under the table; "Undecided" only while a draft has some."""
    counts = plan.summary()
    rows: list[tuple[str, int | None]] = [("Recommendations", None)]
    rows += [(decision, counts[decision]) for decision in DECISIONS]
    if counts["Undecided"]:
        rows.append(("Undecided", counts["Undecided"]))
    return rows + [("Total", counts["Total"])]


def xml_text(text: str | None) -> str | None:
    """`text` without the control characters a workbook's XML cannot hold (a bell or a NUL
    pasted from another program): dropped, rather than failing or corrupting the file."""
    return ILLEGAL_CHARACTERS_RE.sub("", text) if text else text


def set_value(cell: Cell, value: object) -> None:
    """Fill an already styled cell; text is always a text cell, never a formula, whatever it
    starts with (see `xml_text` for the characters it loses)."""
    if isinstance(value, str):
        value = xml_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            # and Excel keeps it text when the cell is edited; set after the style, which holds it
            cell.quotePrefix = True


@dataclass
class _Sheet:
    """A sheet filled top to bottom, a row at a time, and the number of its last row."""

    ws: Worksheet
    width: int  # columns the table spans
    row: int = 0
    styles: dict[str, object] = field(default_factory=dict)  # style name -> openpyxl StyleArray

    def append(
        self, cells: Sequence[tuple[object, str | None]], height: float | None = None
    ) -> int:
        """Append one row of (value, style name) cells; returns its row number."""
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        for column, (value, kind) in enumerate(cells, 1):
            self.fill(self.ws.cell(self.row, column), value, kind)
        return self.row

    def fill(self, cell: Cell, value: object, kind: str | None) -> None:
        """Style a cell, then fill it (see `set_value`)."""
        if kind in self.styles:
            # Copying the style record, as openpyxl's own sheet copier does, is twice as fast as
            # looking the named style up again, and a long plan has 100,000 cells.
            cell._style = copy(self.styles[kind])
        elif kind:
            cell.style = kind
            self.styles[kind] = copy(cell._style)
        set_value(cell, value)

    def merge(self, first_col: int, first_row: int, last_col: int, last_row: int) -> None:
        """Merge a block of cells.

        The block goes straight into the set of ranges: `merged_cells.add` first compares it
        with every merge so far, quadratic over a long plan, and ours never overlap.
        """
        if (first_col, first_row) != (last_col, last_row):
            self.ws.merged_cells.ranges.add(
                CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row)
            )

    def banner(self, text: str, kind: str, chars: float, size: float = style.FONT_SIZE) -> int:
        """A line of text merged across the table, tall enough for its wrapped lines."""
        height = style.row_height(style.text_lines(text, chars, size), size)
        row = self.append([(text, kind)] + [(None, kind)] * (self.width - 1), height)
        self.merge(1, row, self.width, row)
        return row


def _write_plan_sheet(ws, plan: Plan, columns: list[style.Column], marking: str) -> None:
    title = title_lines(plan)
    style.set_layout(ws, len(title) + 2, [column.width for column in columns], marking)
    sheet = _Sheet(ws, width=len(columns))
    table_chars = sum(column.width for column in columns)
    for text, kind in title:
        size = style.TITLE_SIZE if kind == style.TITLE else style.FONT_SIZE
        sheet.banner(text, kind, table_chars, size)
    sheet.append([])  # a blank line between the title block and the table
    header_row = sheet.append(
        [(column.header, style.HEADER) for column in columns],
        style.row_height(max(style.text_lines(c.header, c.width) for c in columns)),
    )
    section = None
    for rec in plan.recommendations:
        if rec.section and rec.section != section:
            sheet.banner(rec.section, style.SECTION, table_chars)
            section = rec.section
        _write_recommendation(sheet, rec, columns)
    last_row = max(sheet.row, header_row + 1)
    sheet.append([])
    for label, count in summary_rows(plan):
        row = sheet.append([(label, style.SUMMARY_LABEL), (count, style.SUMMARY_COUNT)])
        if count is None:
            sheet.merge(1, row, 2, row)
    _add_drop_downs(ws, columns, header_row + 1, last_row)


def recommendation_rows(rec: Recommendation, headers: list[str]) -> list[list[str | None]]:
    """The cell values of a recommendation's rows: one per action, at least one."""
    rows = []
    for number, action in enumerate(rec.actions or [None]):
        values = _action_values(action) if action else {}
        if number == 0:
            values |= {
                HEADERS[0]: rec.ref,
                HEADERS[1]: rec.text,
                HEADERS[2]: rec.decision,
                REASON: rec.reason and rec.reason.capitalize(),
                KIND: rec.kind.capitalize(),
            }
        rows.append([values.get(header) or None for header in headers])
    return rows


def _action_values(action: Action) -> dict[str, str | None]:
    latest = latest_update(action)
    return {
        HEADERS[3]: action.text,
        HEADERS[4]: "\n".join(action.owners),
        HEADERS[5]: target_cell_text(action),
        STATUS: STATUS_LABELS.get(action.status, action.status),
        # what was last reported, so whoever fills in the return starts from it
        LATEST_UPDATE: latest.text if latest else None,
        UPDATED_ON: uk_date(latest.on_date) if latest else None,
    }


def _write_recommendation(sheet: _Sheet, rec: Recommendation, columns: list[style.Column]) -> None:
    rows = recommendation_rows(rec, [column.header for column in columns])
    first = sheet.row + 1
    for row, lines in zip(rows, row_lines(rows, columns), strict=True):
        cells = [(value, column.style) for value, column in zip(row, columns, strict=True)]
        sheet.append(cells, style.row_height(lines))
    for at, action in enumerate(rec.actions, first):
        dated = target_date(action)
        if dated:
            cell = sheet.ws.cell(at, TARGET_COLUMN)
            cell.value, cell.number_format = dated
    for number, column in enumerate(columns, 1):
        if column.header in RECOMMENDATION_COLUMNS:
            sheet.merge(number, first, number, sheet.row)


def row_lines(rows: list[list[str | None]], columns: list[style.Column]) -> list[int]:
    """Lines each of a recommendation's rows must show.

    Excel never grows rows to fit a merged cell, so what the merged recommendation cells need
    beyond what the action cells already take is shared out over the rows.
    """
    merged = [column.header in RECOMMENDATION_COLUMNS for column in columns]
    lines = [
        max(
            (_lines(v, c) for v, c, m in zip(row, columns, merged, strict=True) if not m),
            default=1,
        )
        for row in rows
    ]
    needed = max(_lines(v, c) for v, c, m in zip(rows[0], columns, merged, strict=True) if m)
    shortfall = max(0, needed - sum(lines))
    share, extra = divmod(shortfall, len(lines))
    return [count + share + (index < extra) for index, count in enumerate(lines)]


def _lines(value: str | None, column: style.Column) -> int:
    return style.text_lines(value or "", column.width)


def _add_drop_downs(ws, columns: list[style.Column], first_row: int, last_row: int) -> None:
    """Drop-down lists on the decision (and status) cells of the table."""
    choices = {HEADERS[2]: DECISIONS, STATUS: tuple(STATUS_LABELS.values())}
    for number, column in enumerate(columns, 1):
        if column.header in choices:
            allowed = choices[column.header]
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(allowed) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column.header,
                error="Choose one of: " + ", ".join(allowed) + ".",
            )
            validation.add(
                CellRange(min_col=number, min_row=first_row, max_col=number, max_row=last_row)
            )
            ws.data_validations.append(validation)


def _write_definitions_sheet(ws, marking: str) -> None:
    widths = (16, 60, 70)
    columns = [style.Column(h, w) for h, w in zip(DEFINITION_HEADERS, widths, strict=True)]
    style.set_layout(ws, 4, list(widths), marking)
    sheet = _Sheet(ws, width=len(columns))
    chars = sum(widths)
    sheet.banner("Introduction", style.TITLE, chars, style.TITLE_SIZE)
    sheet.banner(INTRODUCTION, style.LINE, chars)
    sheet.append([])
    sheet.append([(header, style.HEADER) for header in DEFINITION_HEADERS])
    for definition in DEFINITIONS:
        lines = max(_lines(text, column) for text, column in zip(definition, columns, strict=True))
        sheet.append([(text, style.TEXT) for text in definition], style.row_height(lines))


def _check_cell_lengths(plan: Plan, path: Path) -> None:
    """Refuse, before writing anything, a text that Excel would cut short."""
    for rec in plan.recommendations:
        texts = [rec.text]
        texts += [text for a in rec.actions for text in (a.text, "\n".join(a.owners))]
        longest = max(len(text) for text in texts)
        if longest > CELL_LIMIT:
            raise BadInput(
                f"{path}: recommendation {rec.ref} has a text of {longest:,} characters; "
                f"an Excel cell holds at most {CELL_LIMIT:,}."
            )


def _status_from_target(target_cell: str) -> str:
    """The status a reader takes from the Target Date cell alone: completed if all lines say so."""
    lines = [line.strip().lower() for line in target_cell.split("\n") if line.strip()]
    done = lines and all(line in ("completed", "complete") for line in lines)
    return "completed" if done else "open"
