"""A PDF plan table printed without ruling lines, made by a program other than LibreOffice
(reportlab, its cells padded differently, no shading), read to the same plan as the workbook
holding the same rows."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from actionplans.exporters.plan_json import plan_to_dict
from actionplans.importers import read_plan_file
from tests.fixtures.workbooks.build import write_xlsx

HEADERS = ("Rec No", "Recommendation", "Accepted?", "Action", "Lead", "Timescale")
WIDTHS = (16, 55, 22, 78, 40, 35)  # millimetres: the page's width between its margins
RESPONSE = (
    "The establishment will review its arrangements with the local authority and the "
    "healthcare provider, and report to the partnership board on what has changed."
)


def _rows(count: int) -> list[tuple]:
    rows: list[tuple] = [("Recommendations to the Governor",)]
    for number in range(1, count + 1):
        rows.append(
            (
                str(number),
                f"Recommendation {number}: prisoners with social care needs should have them "
                "assessed promptly and met in full.",
                "Partly Agreed" if number % 3 == 0 else "Agreed",
                f"{RESPONSE}\nA second step for item {number}.",
                "Head of Healthcare" if number % 2 else "Local Authority Lead",
                "March 2025\nJune 2025",
            )
        )
        if number == count // 2:
            rows.append(("Recommendations to HMPPS",))
    return rows


def _pdf(path, rows: list[tuple], repeat: int) -> None:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]

    def para(text: str) -> Paragraph:
        return Paragraph(text.replace("\n", "<br/>"), cell)

    data = [[para(f"<b>{h}</b>") for h in HEADERS]]
    spans = []
    for row in rows:
        if len(row) == 1:
            spans.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([para(f"<b>{row[0]}</b>")] + [""] * 5)
        else:
            data.append([para(value) for value in row])
    table = Table(data, colWidths=[w * mm for w in WIDTHS], repeatRows=repeat)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    title = [Paragraph("Action Plan: HMP Testtown", styles["Title"]), Spacer(1, 6 * mm)]
    doc.build([*title, table])


def _joined(doc: dict) -> dict:
    """Each action's owners as one line: a PDF shows an owner cell's lines exactly as a long
    owner wrapped by the column's width, so where one owner ends may be lost."""
    for rec in doc["recommendations"]:
        for action in rec["actions"]:
            action["owners"] = " ".join(action["owners"])
    return doc


@pytest.mark.parametrize("repeat", [1, 0], ids=["header repeated", "header once"])
def test_a_table_without_lines_reads_like_its_workbook(tmp_path, repeat):
    rows = _rows(14)
    pdf = tmp_path / "plan.pdf"
    _pdf(pdf, rows, repeat)
    result = read_plan_file(pdf)
    workbook = read_plan_file(write_xlsx(tmp_path / "plan.xlsx", rows, headers=HEADERS))
    got, want = _joined(plan_to_dict(result.plan)), _joined(plan_to_dict(workbook.plan))
    assert len(got["recommendations"]) == 14
    assert got == want
    assert not result.errors and not result.warnings
