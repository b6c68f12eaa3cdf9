"""Plans -> a Word document in the published layout, as accessible as Word allows.

Public bodies must publish accessible documents (Public Sector Bodies Accessibility Regulations
2018), and reportlab cannot tag a PDF; a Word document with real structure is what most readers
can open and what Word can turn into a tagged PDF. So: the title is a real heading (Heading 1),
the table's header row is marked to repeat on every page and as a header for screen readers,
the document's language is set (en-GB, or cy for a plan in Welsh), and the title and author
are in the document's properties.

Before the plan's table stand the introduction and the table of decision categories, as in
every published plan. The table holds the same rows and columns as the workbook export
(exporters/xlsx.py): one row per action, the recommendation's cells merged down over them,
section headings across the table, and the Kind, Reason and Status columns when the plan
needs them, so the document reads back (importers/word.py) to the identical plan.
"""

from __future__ import annotations

import getpass
import re
from pathlib import Path
from typing import Any

from exporters.atomic import atomic_path, save_zip
from exporters.definitions import DEFINITION_HEADERS, DEFINITIONS, INTRODUCTION
from exporters.xlsx import (
    RECOMMENDATION_COLUMNS,
    recommendation_rows,
    summary_rows,
    table_columns,
    title_lines,
)
from exporters.xlsx_style import TITLE
from storage.errors import BadInput
from storage.model import Plan

# Characters Word's XML cannot hold (control characters pasted from other programs).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Words and letters that mark a plan written in Welsh.
_WELSH = re.compile(r"[ŵŷŴŶ]|\b(cynllun|gweithredu|argymhelliad|argymhellion|carchar)\b", re.I)
TABLE_WIDTH_MM = 267  # A4 landscape less 15 mm margins


def is_welsh(plan: Plan) -> bool:
    """Whether the plan is written in Welsh, by its title and first recommendation."""
    first = plan.recommendations[0].text if plan.recommendations else ""
    return bool(_WELSH.search(f"{plan.title} {first[:400]}"))


def _clean(text: str | None) -> str:
    return _ILLEGAL.sub("", text or "")


def write_docx(plan: Plan, path: Path, *, author: str | None = None) -> None:
    """Write `plan` to `path` as a Word document, replacing any file there in one step."""
    path = Path(path)
    document = build_document(plan, author=author)
    with atomic_path(path) as tmp:
        try:
            save_zip(tmp, document.save)
        except OSError as exc:
            raise BadInput(f"{path}: cannot write the document ({exc.strerror}).") from exc


def build_document(plan: Plan, *, author: str | None = None) -> Any:
    """The Word document for `plan`, not yet saved."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    language = "cy" if is_welsh(plan) else "en-GB"
    _set_language(document, language)
    properties = document.core_properties
    properties.title = _clean(plan.title)
    properties.subject = _clean(plan.responds_to)
    properties.author = author or _user()
    properties.language = language
    properties.comments = "Made by actionplans"
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    document.styles["Normal"].font.size = Pt(10)
    for text, kind in title_lines(plan):
        if kind == TITLE:
            document.add_heading(_clean(text), level=1)
        else:
            document.add_paragraph(_clean(text))
    _add_definitions(document)
    _add_table(document, plan)
    document.add_heading("Summary", level=2)
    summary = document.add_table(rows=0, cols=2)
    summary.style = "Table Grid"
    for label, count in summary_rows(plan):
        cells = summary.add_row().cells
        cells[0].text = label
        cells[1].text = "" if count is None else str(count)
    if plan.marking:
        for part in (section.header, section.footer):
            part.paragraphs[0].text = _clean(plan.marking)
    return document


def _add_definitions(document: Any) -> None:
    """The introduction and the table of decision categories every published plan prints."""
    document.add_heading("Introduction", level=2)
    document.add_paragraph(INTRODUCTION)
    table = document.add_table(rows=1, cols=len(DEFINITION_HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, DEFINITION_HEADERS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for definition in DEFINITIONS:
        for cell, text in zip(table.add_row().cells, definition, strict=True):
            cell.text = text


def _add_table(document: Any, plan: Plan) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    columns = table_columns(plan)
    headers = [column.header for column in columns]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    total = sum(column.width for column in columns)
    widths = [Mm(TABLE_WIDTH_MM * column.width / total) for column in columns]
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on each page; a header to screen readers
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    section = None
    merged = [i for i, h in enumerate(headers) if h in RECOMMENDATION_COLUMNS]
    for rec in plan.recommendations:
        if rec.section and rec.section != section:
            section = rec.section
            row = table.add_row()
            heading = row.cells[0].merge(row.cells[-1])
            heading.paragraphs[0].add_run(_clean(section)).bold = True
        rows = recommendation_rows(rec, headers)
        for number, values in enumerate(rows):
            row = table.add_row()
            for index, (cell, value, width) in enumerate(
                zip(row.cells, values, widths, strict=True)
            ):
                cell.width = width
                if index in merged and len(rows) > 1:
                    merge = OxmlElement("w:vMerge")
                    if number == 0:
                        merge.set(qn("w:val"), "restart")
                    cell._tc.get_or_add_tcPr().append(merge)
                    if number:
                        continue
                _fill(cell, value)


def _fill(cell: Any, value: str | None) -> None:
    """A cell's text as paragraphs, one per line, so each item reads back as one."""
    paragraphs = _clean(value).split("\n") if value else [""]
    cell.paragraphs[0].text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def _set_language(document: Any, language: str) -> None:
    """The language of all text, in the document defaults, so spell checkers and screen
    readers read it as the language it is written in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        return "actionplans"
