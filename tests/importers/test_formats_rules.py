"""The spec's reading rules added this turn: concerns, headers over two rows, list exports."""

from __future__ import annotations

import openpyxl

from actionplans.exporters.plan_json import plan_to_dict
from actionplans.importers import read_plan_file
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

    from actionplans.exporters.definitions import DEFINITION_HEADERS, DEFINITIONS, INTRODUCTION

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


def _pasted_word_table(tmp_path, name, block, creator=None, merged="ABC"):
    """A Word table pasted into Excel: one table row over several sheet rows, Rec No,
    Recommendation and decision merged down the block, each paragraph of the Response, Owner
    and Target date cells on a sheet row of its own."""
    book = openpyxl.Workbook()
    if creator:
        book.properties.creator = creator
    sheet = book.active
    sheet.append(["Action Plan: HMP Pasted"])
    sheet.append(["Rec No", "Recommendation", "Decision", "Response", "Owner", "Target date"])
    first = sheet.max_row + 1
    sheet.append(["1", "Improve safety.", "Agreed", *block[0]])
    for line in block[1:]:
        sheet.append([None, None, None, *line])
    for column in merged:
        sheet.merge_cells(f"{column}{first}:{column}{sheet.max_row}")
    sheet.append(["2", "Improve food.", "Agreed", "New menu.", "Catering", "May 2025"])
    path = tmp_path / name
    book.save(path)
    return path


def _actions(path):
    result = read_plan_file(path)
    doc = plan_to_dict(result.plan)
    return result, [
        (r["ref"], a["text"], a["owners"], a["target"], a.get("target_text"))
        for r in doc["recommendations"]
        for a in r["actions"]
    ]


def test_a_word_table_pasted_into_excel_pairs_items_with_date_lines(tmp_path):
    """N items and N date lines, wherever their rows fall in the block, are N actions, owner
    line i with action i; a row with a response paragraph alone is not a page break."""
    path = _pasted_word_table(
        tmp_path,
        "pasted.xlsx",
        [
            ("Recruit staff.", "Governor", None),
            ("Train them well.", None, "March 2025"),
            (None, "Head of Safety", "June 2025"),
        ],
    )
    result, actions = _actions(path)
    assert actions == [
        ("1", "Recruit staff.", ["Governor"], "2025-03", "March 2025"),
        ("1", "Train them well.", ["Head of Safety"], "2025-06", "June 2025"),
        ("2", "New menu.", ["Catering"], "2025-05", "May 2025"),
    ]
    assert any("rows 3 to 5 read as one row of the table" in f.message for f in result.findings)
    assert not result.errors and not result.warnings


def test_a_pasted_block_that_does_not_pair_is_one_action(tmp_path):
    """Three items, two date lines: one action holding every item and owner line, its target
    the latest date, with a warning (the same rule as a cell of lines)."""
    path = _pasted_word_table(
        tmp_path,
        "mismatch.xlsx",
        [
            ("Recruit staff.", "Governor", "March 2025"),
            ("Train them well.", "Head of Safety", "June 2025"),
            ("Review in a year.", None, None),
        ],
    )
    result, actions = _actions(path)
    assert actions[0] == (
        "1",
        "Recruit staff.\nTrain them well.\nReview in a year.",
        ["Governor", "Head of Safety"],
        "2025-06",
        "March 2025; June 2025",
    )
    assert len(actions) == 2
    assert [f.row for f in result.warnings] == [3]


def test_this_programs_own_workbook_is_read_one_action_per_row(tmp_path):
    """The same cells in a workbook this program wrote (its author in the document's
    properties, kept by Excel on saving) are one action per row, an action with no owner or
    date of its own included."""
    path = _pasted_word_table(
        tmp_path,
        "ours.xlsx",
        [
            ("Recruit staff.", "Governor", "March 2025"),
            ("Train them well.", None, "Ongoing"),
            ("Review in a year.", "Head of Safety", "June 2025"),
        ],
        creator="actionplans",
    )
    result, actions = _actions(path)
    assert [a[:3] for a in actions] == [
        ("1", "Recruit staff.", ["Governor"]),
        ("1", "Train them well.", ["Governor"]),  # an empty owner cell: the owners above
        ("1", "Review in a year.", ["Head of Safety"]),
        ("2", "New menu.", ["Catering"]),
    ]
    assert not any("read as one row" in f.message for f in result.findings)


def test_a_pasted_block_with_one_owner_and_date_is_one_action(tmp_path):
    """Excel merges a table cell of one paragraph down the pasted block: three response
    paragraphs beside one owner and one date are one action, as in the Word table."""
    path = _pasted_word_table(
        tmp_path,
        "single.xlsx",
        [
            ("First action.", "Governor", "May 2025"),
            ("Second action.", None, None),
            ("Third action.", None, None),
        ],
        merged="ABCEF",
    )
    result, actions = _actions(path)
    assert actions[0] == (
        "1",
        "First action.\nSecond action.\nThird action.",
        ["Governor"],
        "2025-05",
        "May 2025",
    )
    assert not result.errors and not result.warnings


def test_a_pasted_return_pairs_each_status_line_with_its_action(tmp_path):
    """A return pasted from Word: three actions, three date lines and three status lines in
    the block; each action keeps its own status, and the two update lines (not three) are
    one update shared by all, noted once."""
    path = _pasted_word_table(
        tmp_path,
        "return.xlsx",
        [
            ("Recruit.", "Governor", "March 2025"),
            ("Train.", "Head of Safety", "June 2025"),
            ("Review.", "Deputy", "Ongoing"),
        ],
    )
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet["G2"], sheet["H2"] = "Status", "Progress update"
    for row, status in zip((3, 4, 5), ("Completed", "In progress", "Open"), strict=True):
        sheet[f"G{row}"] = status
    sheet["H3"], sheet["H4"] = "Done in March.", "Half trained."
    book.save(path)
    result = read_plan_file(path)
    actions = plan_to_dict(result.plan)["recommendations"][0]["actions"]
    assert [(a["text"], a["owners"], a["status"]) for a in actions] == [
        ("Recruit.", ["Governor"], "completed"),
        ("Train.", ["Head of Safety"], "in_progress"),
        ("Review.", ["Deputy"], "open"),
    ]
    assert {u["text"] for a in actions for u in a["updates"]} == {"Done in March.\nHalf trained."}
    assert sum("no date of update" in f.message for f in result.findings) == 1
    assert not result.errors and not result.warnings
