"""PDF plans laid out by a program other than LibreOffice (reportlab: its own padding, no wrap
spaces in the text layer), in several layouts -- ruled and without lines, column widths and
font sizes varied, owners one per line or as paragraphs, a header over one row or two -- each
read to the same plan as the workbook holding the same rows.

The owners are the cases a reader of a PDF must tell apart from where the lines stand alone:
one long owner wrapped over several lines (one owner), two short owners that would have fitted
on one line together (two owners: the writer broke the line), three owners. Where no layout
sign is left (an owner ending a line, and the next owner's first word too long to have fitted
after it, printed with no paragraph spacing), the PDF does not say, and no fixture pretends it
does (README, "Plans in Word, OpenDocument and PDF; concerns"). Nor do these hold a word
longer than its column: reportlab breaks it after the other words on its line, where Word and
LibreOffice (tests/fixtures/renditions/) give it a line of its own first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from actionplans.exporters.plan_json import plan_to_dict
from actionplans.importers import read_plan_file
from tests.fixtures.workbooks.build import write_xlsx

HEADERS = ("Rec No", "Recommendation", "Accepted?", "Action", "Lead", "Timescale")
RESPONSE = (
    "The establishment will review its arrangements with the local authority and the "
    "healthcare provider, and report to the partnership board on what has changed."
)
OWNERS = (
    "Deputy Director, Residential and Accommodation Support Services",  # one, wrapped
    "HMPPS\nMHCLG",  # two that would fit on one line together
    "HMPPS\nMHCLG\nNHS England",  # three
    "Head of Healthcare",
    "Governor\nDeputy Director, Residential and Accommodation Support Services",
)


@dataclass(frozen=True)
class Layout:
    widths: tuple[int, ...]  # millimetres, the six columns
    size: float  # the cells' font size
    ruled: bool = False
    spacing: float = 0  # points after each paragraph of a cell (0: lines set with <br/>)
    header_rows: int = 1  # 2: "Response" over "Action | Lead | Timescale"
    repeat: bool = True  # the header repeated on every page
    centred: tuple[int, ...] = ()  # columns whose lines are centred


LAYOUTS = {
    "narrow owners, small type, ruled": Layout((16, 55, 22, 88, 35, 30), 8, ruled=True),
    "unruled, header repeated": Layout((16, 55, 22, 78, 40, 35), 10),
    "unruled, header once": Layout((16, 55, 22, 78, 40, 35), 10, repeat=False),
    "wide owners, large type, paragraphs": Layout((14, 50, 24, 70, 60, 28), 11, spacing=4),
    "two header rows, unruled": Layout((16, 55, 22, 78, 40, 35), 9, header_rows=2),
    "two header rows, ruled, paragraphs": Layout(
        (18, 60, 22, 72, 42, 32), 9, ruled=True, spacing=3, header_rows=2
    ),
    "owners and dates centred, ruled": Layout(
        (16, 55, 22, 78, 40, 35), 10, ruled=True, centred=(4, 5)
    ),
}


def plan_rows(count: int) -> list[tuple]:
    rows: list[tuple] = [("Recommendations to the Governor",)]
    for number in range(1, count + 1):
        response = f"{RESPONSE}\nA second step for item {number}."
        rows.append(
            (
                str(number),
                f"Recommendation {number}: prisoners with social care needs should have them "
                "assessed promptly and met in full.",
                "Partly Agreed" if number % 3 == 0 else "Agreed",
                response,
                OWNERS[number % len(OWNERS)],
                "March 2025\nJune 2025",
            )
        )
        if number == count // 2:
            rows.append(("Recommendations to HMPPS",))
    return rows


def write_pdf(path: Path, rows: list[tuple], layout: Layout) -> Path:
    """The rows as a reportlab table in `layout`, under a title, on A4 landscape pages."""
    styles = getSampleStyleSheet()
    cell = ParagraphStyle(
        "cell",
        styles["BodyText"],
        fontSize=layout.size,
        leading=layout.size * 1.2,
        spaceAfter=layout.spacing,
    )
    centre = ParagraphStyle("centre", cell, alignment=1)

    def paragraphs(text: str, bold: bool = False, style: ParagraphStyle = cell) -> list[Paragraph]:
        texts = text.split("\n") if layout.spacing else [text.replace("\n", "<br/>")]
        return [Paragraph(f"<b>{t}</b>" if bold else t, style) for t in texts]

    if layout.header_rows == 2:
        data = [
            [*(paragraphs(h, True) for h in HEADERS[:3]), paragraphs("Response", True), "", ""],
            ["", "", "", *(paragraphs(h, True) for h in HEADERS[3:])],
        ]
        spans = [("SPAN", (3, 0), (5, 0))] + [("SPAN", (c, 0), (c, 1)) for c in range(3)]
    else:
        data, spans = [[paragraphs(h, True) for h in HEADERS]], []
    for row in rows:
        if len(row) == 1:
            spans.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([paragraphs(row[0], True)] + [""] * 5)
        else:
            data.append(
                [
                    paragraphs(value, style=centre if column in layout.centred else cell)
                    for column, value in enumerate(row)
                ]
            )
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]
    if layout.ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
    repeat = layout.header_rows if layout.repeat else 0
    table = Table(data, colWidths=[w * mm for w in layout.widths], repeatRows=repeat)
    table.setStyle(TableStyle(style))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    title = [Paragraph("Action Plan: HMP Testtown", styles["Title"]), Spacer(1, 6 * mm)]
    doc.build([*title, table])
    return path


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_each_layout_reads_like_its_workbook(tmp_path, layout: Layout) -> None:
    rows = plan_rows(14)
    result = read_plan_file(write_pdf(tmp_path / "plan.pdf", rows, layout))
    workbook = read_plan_file(write_xlsx(tmp_path / "plan.xlsx", rows, headers=HEADERS))
    got, want = plan_to_dict(result.plan), plan_to_dict(workbook.plan)
    assert len(got["recommendations"]) == 14
    assert got == want
    assert not result.errors
    assert _said(result.warnings) == _said(workbook.warnings)


def _said(findings: list) -> list[str]:
    return [f.message.split(": ", 1)[1] for f in findings]


def test_the_owner_cases_are_all_there() -> None:
    """The fixture holds each case the reader must get right (guards the fixture itself)."""
    owners = [row[4].split("\n") for row in plan_rows(14) if len(row) > 1]
    assert any(len(o) == 1 and len(o[0]) > 40 for o in owners)  # one long owner
    assert any(len(o) == 2 and len(" ".join(o)) < 12 for o in owners)  # two short ones
    assert any(len(o) == 3 for o in owners)


def test_a_header_over_two_rows_without_lines_is_skipped_like_the_ruled_one(tmp_path) -> None:
    """Where each page repeats "Response" over "Action | Lead | Timescale", both rows are
    skipped with the same notes as in the ruled table."""
    rows = plan_rows(14)
    unruled = LAYOUTS["two header rows, unruled"]
    ruled = Layout(unruled.widths, unruled.size, ruled=True, header_rows=2)
    found = [
        [f.message for f in read_plan_file(write_pdf(tmp_path / f"{n}.pdf", rows, lay)).findings]
        for n, lay in (("unruled", unruled), ("ruled", ruled))
    ]
    assert found[0] == found[1]
    assert any("second row repeated" in message for message in found[0])
