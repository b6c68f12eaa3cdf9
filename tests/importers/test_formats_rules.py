"""The spec's reading rules added this turn: concerns, headers over two rows, list exports."""

from __future__ import annotations

import openpyxl

from exporters.plan_json import plan_to_dict
from importers import read_plan_file
from tests.fixtures.workbooks.build import write_xlsx


def test_a_plan_of_concerns_is_read_with_each_items_kind(tmp_path):
    path = write_xlsx(
        tmp_path / "concerns.xlsx",
        [
            ("Priority concerns",),
            ("1", "Prisoners were locked up for too long.", "Agreed", "More staff.", "Gov", "2024"),
            ("Key concerns",),
            ("4", "Too few prisoners were in education.", "Agreed", "Review.", "Head", "2025"),
            ("KC5", "Force was not well governed.", "Agreed", "Audit.", "Deputy", "2025"),
        ],
        headers=("Concern No", "Concern", "Accepted?", "Action", "Owner", "Target Date"),
    )
    result = read_plan_file(path)
    recs = result.plan.recommendations
    assert [(r.ref, r.kind, r.section) for r in recs] == [
        ("1", "priority concern", "Priority concerns"),
        ("4", "key concern", "Key concerns"),
        ("KC5", "key concern", "Key concerns"),
    ]
    assert not result.errors


def test_the_kind_comes_from_the_refs_prefix_without_a_heading(tmp_path):
    path = write_xlsx(
        tmp_path / "refs.xlsx",
        [
            ("PC1", "Too long locked up.", "Agreed", "Staff.", "Gov", "2024"),
            ("KC2", "Too little education.", "Agreed", "Review.", "Head", "2025"),
            ("3", "Poor food.", "Agreed", "Menu.", "Catering", "2025"),
        ],
        headers=("Ref", "Key concern", "Decision", "Response", "Lead", "Due"),
    )
    kinds = [r.kind for r in read_plan_file(path).plan.recommendations]
    assert kinds == ["priority concern", "key concern", "recommendation"]


def test_a_header_over_two_rows(tmp_path):
    """'Response' merged over 'Action | Owner | Target date': each column is named by its
    lower cell, and the header repeated on a new page (both rows) is skipped."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Action Plan: HMP Twofold"])
    sheet.append(["Rec No", "Recommendation", "Decision", "Response", None, None])
    sheet.append([None, None, None, "Action", "Owner", "Target date"])
    sheet.merge_cells("D2:F2")
    sheet.merge_cells("A2:A3")
    sheet.append(["1", "Improve safety.", "Agreed", "Recruit staff.", "Governor", "March 2025"])
    sheet.append(["Rec No", "Recommendation", "Decision", "Response", None, None])
    sheet.append([None, None, None, "Action", "Owner", "Target date"])
    sheet.append(["2", "Improve food.", "Partly Agreed", "New menu.", "Catering", "June 2025"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    result = read_plan_file(path)
    doc = plan_to_dict(result.plan)
    assert doc["title"] == "Action Plan: HMP Twofold"
    assert [
        (r["ref"], r["decision"], a["text"], a["owners"], a["target"])
        for r in doc["recommendations"]
        for a in r["actions"]
    ] == [
        ("1", "Agreed", "Recruit staff.", ["Governor"], "2025-03"),
        ("2", "Partly Agreed", "New menu.", ["Catering"], "2025-06"),
    ]
    assert not result.errors and not result.warnings


def test_a_sharepoint_list_export(tmp_path):
    """'Title' holds the recommendation, due dates are UTC timestamps read in UK time, and
    the list's own columns (ID, Item Type, Path, Modified) are ignored."""
    path = tmp_path / "list.csv"
    path.write_text(
        "ID,Rec No,Title,Decision,Response,Owner,Due Date,Item Type,Path,Modified\n"
        "7,1,Improve safety.,Agreed,Recruit staff.,Governor,2021-03-30T23:00:00Z,Item,"
        "sites/hmp/Lists/Plan,2021-01-04T10:00:00Z\n"
        "8,2,Improve food.,Agreed,New menu.,Catering,2019-12-31T00:00:00Z,Item,"
        "sites/hmp/Lists/Plan,2021-01-04T10:00:00Z\n",
        encoding="utf-8",
    )
    result = read_plan_file(path)
    recs = result.plan.recommendations
    assert [(r.ref, r.text) for r in recs] == [("1", "Improve safety."), ("2", "Improve food.")]
    assert [r.actions[0].target for r in recs] == ["2021-03-31", "2019-12-31"]
    assert recs[0].actions[0].target_text == "2021-03-30T23:00:00Z"
    assert not result.errors and not result.warnings
    assert not any("Item Type" in f.message or "Path" in f.message for f in result.findings)


def test_a_word_plan_as_published(tmp_path):
    """Front matter passed over (the logo's name, INTRODUCTION, the definitions table), the
    title block read from the paragraphs, a heading merged across the table, and a Rec No
    numbered by Word itself."""
    import docx

    from exporters.definitions import DEFINITION_HEADERS, DEFINITIONS, INTRODUCTION

    document = docx.Document()
    document.add_paragraph("HM Prison & Probation Service")
    document.add_heading("Action Plan: HMP Example", 1)
    document.add_paragraph("Action Plan Submitted: 1 March 2024")
    document.add_paragraph("A response to the report on an unannounced inspection of HMP Example")
    document.add_paragraph("INTRODUCTION")
    document.add_paragraph(INTRODUCTION)
    definitions = document.add_table(rows=1, cols=3)
    for cell, text in zip(definitions.rows[0].cells, DEFINITION_HEADERS, strict=True):
        cell.text = text
    for row in DEFINITIONS:
        for cell, text in zip(definitions.add_row().cells, row, strict=True):
            cell.text = text
    table = document.add_table(rows=1, cols=6)
    headers = ("Concern No", "Concern", "Accepted?", "Action", "Owner", "Target date")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    heading = table.add_row().cells
    heading[0].merge(heading[-1]).text = "Priority concerns"
    for concern, owner in (("Too long in cells.", "Governor"), ("Drugs were rife.", "Head")):
        cells = table.add_row().cells
        cells[0].paragraphs[0].style = document.styles["List Number"]
        values = (concern, "Agreed", "Act on it.", owner, "March 2025")
        for cell, text in zip(cells[1:], values, strict=True):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    result = read_plan_file(path)
    doc = plan_to_dict(result.plan)
    assert (doc["title"], doc["submitted"], doc["notice"]) == (
        "Action Plan: HMP Example",
        "2024-03-01",
        None,
    )
    assert doc["responds_to"] == "report on an unannounced inspection of HMP Example"
    assert [(r["ref"], r["kind"], r["section"], r["text"]) for r in doc["recommendations"]] == [
        ("1", "priority concern", "Priority concerns", "Too long in cells."),
        ("2", "priority concern", "Priority concerns", "Drugs were rife."),
    ]
    assert not result.errors and not result.warnings
