"""Render the seed plans (resources/samples/*.xlsx) as .docx, .odt, .ods and PDF with
LibreOffice, into tests/fixtures/renditions/, so the tests can check that every format reads to
the same plan JSON as its .xlsx twin without LibreOffice installed.

The renditions are made by LibreOffice, not by this program's own writers, so a reader is never
tested only against the writer that mirrors it:
- .ods: Calc saves the workbook;
- .docx: Calc saves the plan sheet as HTML and Writer opens that HTML (its table given
  borders, as published plans have) and saves it as Word, which is how a table copied from
  Excel into Word arrives (title lines in the first rows);
- .odt and PDF: Writer converts that Word document, as published plans are Word turned PDF;
- an unruled PDF (`-unruled.pdf`): the same Word document with every table and cell border
  removed, as plans printed from a borderless Word table are.

The seed reports (tests/fixtures/reports/*.txt) are rendered as .docx and PDF the same way.

Plans laid out as Word users lay them out, beyond what the seeds show, are written as .docx
here (python-docx) from tests/fixtures/renditions/layouts.json and printed by LibreOffice, ruled
and without lines (`layout-a.pdf`, `layout-a-unruled.pdf`, ...): type faces and sizes, column
widths, a header over two rows ("Response" over "Action | Owner | Target date"), cells' lines
set as line breaks or as paragraphs spaced apart, owner lists that only the layout tells apart.
The tests read them against a workbook of the same rows.

Run: python tools/make_renditions.py [--soffice PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
OUT = ROOT / "tests" / "fixtures" / "renditions"
REPORTS = ROOT / "tests" / "fixtures" / "reports"
LAYOUTS = OUT / "layouts.json"
TABLE_TWIPS = 15_100  # the text width of A4 landscape with 15 mm margins, in twips
PUBLISHED = (7, 22, 9, 34, 14, 14)  # shares of the six columns in published plans


def convert(soffice: str, source: Path, target: str, outdir: Path, infilter: str = "") -> Path:
    """One LibreOffice conversion; returns the file it wrote."""
    command = [soffice, "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    written = outdir / f"{source.stem}.{target.split(':')[0]}"
    if not written.exists():
        raise SystemExit(f"LibreOffice did not write {written.name}")
    return written


def plan_sheet_only(source: Path, target: Path) -> None:
    """A copy of the workbook holding its plan sheet alone (the Definitions sheet is a
    separate page of the workbook, not part of the plan a Word document would show)."""
    import openpyxl

    book = openpyxl.load_workbook(source)
    for name in book.sheetnames[1:]:
        del book[name]
    book.save(target)


def as_published(html: str) -> str:
    """Calc's HTML of the sheet with every border drawn, as a published plan's table has."""
    return html.replace('border="0"', 'border="1"')


def fit_to_page(docx: Path) -> None:
    """Lay the Word document out as published plans are: A4 landscape, the table fixed to
    the page's width in the published plans' column proportions (Writer sizes an HTML table
    by its content and runs it off the page)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Twips

    document = Document(str(docx))
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(15)
    for table in document.tables:
        _title_above(table)
        grid = table._tbl.tblGrid
        columns = grid.findall(qn("w:gridCol"))
        shares = PUBLISHED if len(columns) == len(PUBLISHED) else [1] * len(columns)
        widths = [int(TABLE_TWIPS * share / sum(shares)) for share in shares]
        for column, width in zip(columns, widths, strict=True):
            column.set(qn("w:w"), str(width))
        table.autofit = False
        table._tbl.tblPr.find(qn("w:tblW")).set(qn("w:w"), str(TABLE_TWIPS))
        for tr in table._tbl.iterchildren(qn("w:tr")):
            column = 0
            for tc in tr.iterchildren(qn("w:tc")):
                span = tc.grid_span
                tc.width = Twips(sum(widths[column : column + span]))
                column += span
    document.save(str(docx))


def _title_above(table) -> None:
    """Rows above the header row (the title block, merged across the sheet) made paragraphs
    above the table, as a Word plan has them, and the header row marked to repeat."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    rows = list(table._tbl.iterchildren(qn("w:tr")))
    header = next(
        (r for r in rows if any("Rec No" in _Cell(tc, table).text for tc in r.tc_lst)), None
    )
    if header is None:
        return
    for row in rows[: rows.index(header)]:
        cells = (_Cell(tc, table).text.strip() for tc in row.iterchildren(qn("w:tc")))
        text = next((cell for cell in cells if cell), "")
        if text.strip():
            paragraph = table._parent.add_paragraph(text)
            table._tbl.addprevious(paragraph._p)
        table._tbl.remove(row)
    tr_pr = header.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    for row in rows[rows.index(header) + 1 :]:
        cells = row.tc_lst
        if len(cells) > 1 and not any(_Cell(tc, table).text.strip() for tc in cells[1:]):
            # a heading or notice row: one cell across the table, as Word plans have it
            span = sum(tc.grid_span for tc in cells)
            for tc in cells[1:]:
                row.remove(tc)
            cells[0].get_or_add_tcPr().grid_span = span


def without_borders(docx: Path, target: Path) -> None:
    """A copy of the Word document whose tables draw no lines at all."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document(str(docx))
    for table in document.tables:
        for borders in [*table._tbl.iter(qn("w:tblBorders")), *table._tbl.iter(qn("w:tcBorders"))]:
            borders.getparent().remove(borders)
        none = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            line = OxmlElement(f"w:{edge}")
            line.set(qn("w:val"), "nil")
            none.append(line)
        table._tbl.tblPr.append(none)
    document.save(str(target))


def render_unruled(soffice: str, docx: Path, work: Path) -> Path:
    """The plan's Word rendition without borders, as PDF."""
    unruled = work / "unruled" / f"{docx.stem}-unruled.docx"
    unruled.parent.mkdir(exist_ok=True)
    without_borders(docx, unruled)
    return convert(soffice, unruled, "pdf", unruled.parent)


def render(soffice: str, sample: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plan = work / sample.name
        plan_sheet_only(sample, plan)
        ods = convert(soffice, sample, "ods", work)
        html = convert(soffice, plan, "html", work)
        html.write_text(as_published(html.read_text(encoding="utf-8")))
        docx = convert(soffice, html, "docx:MS Word 2007 XML", work, "HTML (StarWriter)")
        fit_to_page(docx)
        odt = convert(soffice, docx, "odt", work)
        pdf = convert(soffice, docx, "pdf", work)
        unruled = render_unruled(soffice, docx, work)
        for made in (ods, docx, odt, pdf, unruled):
            shutil.copyfile(made, OUT / made.name)
            print(f"wrote {(OUT / made.name).relative_to(ROOT)}")


def write_layout(spec: dict, name: str, target: Path) -> None:
    """The plan of `spec` as a Word document in the layout `name`: the title paragraph, then
    the table with its header marked to repeat on every page."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    layout = spec["layouts"][name]
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = layout["font"], Pt(layout["size"])
    normal.paragraph_format.space_after = Pt(layout.get("space_after", 0))
    document.add_paragraph(spec["title"])
    headers, rows = spec["headers"], spec["rows"]
    top = 2 if layout["two_rows"] else 1
    table = document.add_table(rows=top + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, layout["widths_mm"], strict=True):
        column.width = Mm(width)  # the grid's widths, which Writer lays the table out by
        for cell in column.cells:
            cell.width = Mm(width)
    if layout["two_rows"]:
        for column, text in enumerate(headers[:3]):
            table.cell(0, column).merge(table.cell(1, column)).text = text
        table.cell(0, 3).merge(table.cell(0, len(headers) - 1)).text = spec["group"]
        for column, text in enumerate(headers[3:], 3):
            table.cell(1, column).text = text
    else:
        for column, text in enumerate(headers):
            table.cell(0, column).text = text
    for row in table.rows[:top]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell in row.cells:
            if layout.get("shaded"):
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), "D9D9D9")
                cell._tc.get_or_add_tcPr().append(shading)
            for run in (run for p in cell.paragraphs for run in p.runs):
                run.bold = True
    for number, values in enumerate(rows, top):
        if len(values) == 1:  # a heading across the table
            table.cell(number, 0).merge(table.cell(number, len(headers) - 1)).text = values[0]
            continue
        for column, value in enumerate(values):
            _fill(table.cell(number, column), value, layout["owners_as"])
    document.save(str(target))


def _fill(cell, text: str, lines_as: str) -> None:
    """A cell's lines as the layout sets them: line breaks in one paragraph (Shift+Enter), or
    a paragraph each (Enter)."""
    from docx.enum.text import WD_BREAK

    lines = text.split("\n")
    if lines_as == "paragraphs":
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        return
    run = cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        run.add_break(WD_BREAK.LINE)
        run.add_text(line)


def render_layouts(soffice: str) -> None:
    spec = json.loads(LAYOUTS.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in spec["layouts"]:
            docx = work / f"{name}.docx"
            write_layout(spec, name, docx)
            for made in (convert(soffice, docx, "pdf", work), render_unruled(soffice, docx, work)):
                shutil.copyfile(made, OUT / made.name)
                print(f"wrote {(OUT / made.name).relative_to(ROOT)}")


def render_report(soffice: str, report: Path) -> None:
    """A seed report's text as Writer lays it out in .docx, .odt and PDF, for `draft`'s tests."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = "Text (encoded):UTF8"
        for target in ("docx:MS Word 2007 XML", "odt", "pdf"):
            made = convert(soffice, report, target, work, text)
            shutil.copyfile(made, REPORTS / made.name)
            print(f"wrote {(REPORTS / made.name).relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    parser.add_argument(
        "only", nargs="*", choices=("seeds", "layouts", "reports"), help="default: all three"
    )
    args = parser.parse_args(argv)
    only = set(args.only or ("seeds", "layouts", "reports"))
    OUT.mkdir(parents=True, exist_ok=True)
    for sample in sorted(SAMPLES.glob("*.xlsx")) if "seeds" in only else ():
        render(args.soffice, sample)
    if "layouts" in only:
        render_layouts(args.soffice)
    for report in sorted(REPORTS.glob("*.txt")) if "reports" in only else ():
        render_report(args.soffice, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
