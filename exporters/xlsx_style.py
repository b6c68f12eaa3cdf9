"""How the exported workbook looks: named cell styles, column widths, row heights, print set-up.

Kept apart from `exporters.xlsx` (which decides *what* goes in which cell) so the look can be
tuned without touching the layout that the importer reads back. Styles are registered as named
styles ("Plan text", "Plan header", ...): one shared style record per kind of cell is far
cheaper than styling 100,000 cells one attribute at a time, and a secretary who adds rows in
Excel finds the same styles in the Cell Styles gallery.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FONT = "Arial"
FONT_SIZE = 10
TITLE_SIZE = 14
LINE_HEIGHT = 13.0  # points per line of 10 pt Arial, with Excel's leading
MAX_ROW_HEIGHT = 409.0  # Excel refuses taller rows
PADDING = 4.0  # points above and below the text in a table cell

# Styles, by name; `exporters.xlsx` refers to these constants only.
TITLE = "Plan title"
LINE = "Plan line"
NOTICE = "Plan notice"
HEADER = "Plan header"
SECTION = "Plan section"
TEXT = "Plan text"
CENTRED = "Plan centred"
SUMMARY_LABEL = "Plan summary label"
SUMMARY_COUNT = "Plan summary count"


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, its width in characters, and the style of its cells."""

    header: str
    width: float
    style: str = TEXT


def _named_styles() -> list[NamedStyle]:
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    top_left = Alignment(wrap_text=True, vertical="top", horizontal="left")
    wrapped = Alignment(wrap_text=True, vertical="top")
    top_centre = Alignment(wrap_text=True, vertical="top", horizontal="center")
    dark = PatternFill("solid", fgColor="1F3864")
    light = PatternFill("solid", fgColor="D9E2F3")

    def font(**kw: object) -> Font:
        return Font(name=FONT, size=FONT_SIZE, **kw)

    return [
        NamedStyle(TITLE, font=Font(name=FONT, size=TITLE_SIZE, bold=True), alignment=wrapped),
        NamedStyle(LINE, font=font(), alignment=wrapped),
        NamedStyle(NOTICE, font=font(bold=True, color="C00000"), alignment=wrapped),
        NamedStyle(
            HEADER,
            font=font(bold=True, color="FFFFFF"),
            fill=dark,
            border=box,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
        ),
        NamedStyle(SECTION, font=font(bold=True), fill=light, border=box, alignment=top_left),
        NamedStyle(TEXT, font=font(), border=box, alignment=top_left),
        NamedStyle(CENTRED, font=font(), border=box, alignment=top_centre),
        NamedStyle(SUMMARY_LABEL, font=font(bold=True), border=box),
        NamedStyle(SUMMARY_COUNT, font=font(), border=box, alignment=Alignment(horizontal="left")),
    ]


def register_styles(wb: Workbook) -> None:
    """Add the named styles to `wb` once, before any cell uses them."""
    for style in _named_styles():
        wb.add_named_style(style)


def text_lines(text: str, width: float, size: float = FONT_SIZE) -> int:
    """How many lines `text` takes in a wrapped cell `width` characters wide.

    Excel does not fit row heights to merged cells, and openpyxl cannot measure text, so the
    height is estimated: each paragraph takes its length over the characters that fit on a line,
    rounded up. A width counts the '0's of the workbook's default font (Calibri 11); 10 pt Arial
    prose fits about 1.3 characters per '0' (measured in LibreOffice's rendering), less a couple
    for word wrap. Erring tall leaves white space, never hidden text.
    """
    per_line = max(1, int(width * 1.3 * FONT_SIZE / size) - 2)
    return sum(max(1, math.ceil(len(para) / per_line)) for para in text.split("\n")) if text else 1


def row_height(lines: int, size: float = FONT_SIZE) -> float:
    """Points for a row showing `lines` lines of `size`-point text, within Excel's limit."""
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT * size / FONT_SIZE + PADDING)


def set_layout(ws, header_row: int, widths: list[float], marking: str | None = None) -> None:
    """Column widths; header row frozen on screen and printed on every page; A4 landscape; the
    protective marking (OFFICIAL, ...) at the top and bottom of every printed page.

    The marking goes in the page header and footer, not in a cell: a line above the table
    would be read back as the plan's notice.
    """
    for number, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(number)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as the plan needs
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.8  # inches: room for the marking
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.center.size = 9
    ws.oddFooter.center.font = FONT
    if marking:
        for part in (ws.oddHeader.center, ws.oddFooter.left):
            part.text = marking.replace("&", "&&")  # a lone & starts a header code
            part.font = f"{FONT},Bold"
    ws.freeze_panes = f"A{header_row + 1}"
