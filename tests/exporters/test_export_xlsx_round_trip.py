"""The six-column workbook as a board secretary opens it in Excel: a file Excel and
openpyxl open without repair, and that reads back into the same plan."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from actionplans.cli import main
from actionplans.exporters import export_plan
from actionplans.exporters.definitions import HEADERS
from actionplans.exporters.xlsx import write_xlsx
from actionplans.importers import read_plan_file
from actionplans.storage.model import Action, Plan, Recommendation


def test_control_characters_in_the_title_do_not_corrupt_the_document_properties(tmp_path):
    """The title and report also go into the file's properties (docProps/core.xml), where a
    control character makes the XML ill-formed and Excel offers to repair the workbook."""
    plan = Plan(
        "Cynllun\x07 Gweithredu – Tŷ",
        responds_to="HMIP\x0b report",
        recommendations=[Recommendation("1", "Text.", actions=[Action("Do it.", ["Lead"])])],
    )
    path = tmp_path / "plan.xlsx"
    write_xlsx(plan, path)
    wb = openpyxl.load_workbook(path)
    assert wb.properties.title == "Cynllun Gweithredu – Tŷ"
    assert wb.properties.subject == "HMIP report"
    assert wb["Action Plan"]["A1"].value == "Cynllun Gweithredu – Tŷ"
    assert read_plan_file(path).plan.title == "Cynllun Gweithredu – Tŷ"


# -- target dates as Excel dates -----------------------------------------------------------


def _target_cells(plan: Plan, tmp_path) -> list:
    path = tmp_path / "targets.xlsx"
    write_xlsx(plan, path)
    ws = openpyxl.load_workbook(path)["Action Plan"]
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "1")
    return [ws.cell(first + i, 6) for i in range(len(plan.recommendations[0].actions))]


TARGETS = [
    # (target, as typed) -> the cell: a date with a format showing what was typed, or text
    (("2019-03-31", "31/03/2019"), (date(2019, 3, 31), "dd/mm/yyyy")),
    (("2019-03-05", "5/3/19"), (date(2019, 3, 5), "d/m/yy")),
    (("2019-03-31", "31 March 2019"), (date(2019, 3, 31), "d mmmm yyyy")),
    (("2019-03-31", "31-Mar-19"), (date(2019, 3, 31), "d-mmm-yy")),
    (("2019-03-31", ""), (date(2019, 3, 31), "dd/mm/yyyy")),  # never typed: shown as UK date
    (("2019-03", "March 2019"), (date(2019, 3, 1), "mmmm yyyy")),
    (("2019-03", "Mar-19"), (date(2019, 3, 1), "mmm-yy")),
    (("2019-03", "Mar 2019"), (date(2019, 3, 1), "mmm yyyy")),
    (("2019-03", ""), (date(2019, 3, 1), "mmmm yyyy")),
    (("2019-06", "Q1 2019/20"), ("Q1 2019/20", None)),  # no number format shows a quarter
    (("2021-06", "end of June 2021"), ("end of June 2021", None)),
    (("2019-03", "march 2019"), ("march 2019", None)),  # Excel would capitalise it
    (("1850-01", "January 1850"), ("January 1850", None)),  # before Excel's calendar
    (("ongoing", "Ongoing"), ("Ongoing", None)),
    ((None, "TBC"), ("TBC", None)),
]


def test_typed_dates_are_excel_dates_that_show_what_was_typed(tmp_path):
    actions = [Action(f"Step {n}.", ["Lead"], *given) for n, (given, _) in enumerate(TARGETS)]
    plan = Plan("T", recommendations=[Recommendation("1", "R.", actions=actions)])
    cells = _target_cells(plan, tmp_path)
    for cell, (given, (value, number_format)) in zip(cells, TARGETS, strict=True):
        if number_format:
            assert (cell.value.date(), cell.number_format) == (value, number_format), given
        else:
            assert (cell.value, cell.data_type) == (value, "s"), given
    back = read_plan_file(tmp_path / "targets.xlsx").plan.recommendations[0].actions
    for action, (given, _) in zip(back, TARGETS, strict=True):
        target, typed = given
        shown = typed or {"2019-03-31": "31/03/2019", "2019-03": "March 2019"}[target]
        assert (action.target, action.target_text) == (target, shown)


def test_a_date_whose_text_says_otherwise_stays_text(tmp_path):
    """The words win over a stored target they do not show (a day behind "March 2019")."""
    action = Action("Step.", ["Lead"], "2019-03-31", "March 2019")
    plan = Plan("T", recommendations=[Recommendation("1", "R.", actions=[action])])
    [cell] = _target_cells(plan, tmp_path)
    assert (cell.value, cell.data_type) == ("March 2019", "s")


# -- round trips of a plan as boards write them ---------------------------------------------


def board_plan() -> Plan:
    """Every kind of content a published plan has, in one plan."""
    return Plan(
        title="Action Plan: HMP Thematic – Social Care in Prisons in England & Wales",
        responds_to="HMIP Inspection – Social care in Prisons in England & Wales",
        report_published="2018-10-16",
        submitted="2018-12-17",
        notice="Due to Covid-19, target dates are under review.",
        recommendations=[
            Recommendation(
                "1",
                "The Secretary of State should lead coordination.\nA second paragraph.",
                "To the Secretary of State for Justice",
                "Not Agreed",
                "policy",
                [
                    Action(
                        "The Care Act 2014 applies.\nLocal Authorities in England and Wales.",
                        ["Rehabilitation Systems and Change Group", "HMPPS, DHSC and Welsh Govt"],
                    )
                ],
            ),
            Recommendation(
                "2a",
                "Governors should agree a protocol with Bwrdd Iechyd – ‘Tŷ’ “Ŵyn”.",
                "To prison governors/directors",
                "Agreed",
                None,
                [
                    Action("Draft the protocol.", ["Governor", "Head of Healthcare"], "2019-03-31",
                           "31/03/2019"),
                    Action("Consult the board.", ["Board secretary"], "2019-03", "March 2019"),
                    Action("Agree it.", ["Governor"], "2019-03", "Mar-19"),
                    Action("Review quarterly.", ["Head of Healthcare"], "ongoing", "Ongoing"),
                    Action("Publish it.", ["Governor"], None, "Completed", "completed"),
                    Action("Train staff.", ["Learning lead"], "2019-06", "Q1 2019/20"),
                    Action("Audit it.", ["Auditor"], None, "TBC"),
                    Action("Report back.", ["Governor"], "2020-01", "January 2020", "in_progress"),
                ],
            ),
            Recommendation("8(b)", "An undecided draft recommendation.",
                           "To prison governors/directors"),
            Recommendation(
                "1.4",
                "Partly agreed: ŵ ŷ â ê î ô û ï.",
                "Strategic",
                "Partly Agreed",
                "affordability",
                [Action("=HYPERLINK(\"x\") is text; +44 too.", ["@Welsh Government"], "2021-05",
                        "Spring 2021")],
            ),
        ],
    )  # fmt: skip


@pytest.mark.parametrize("progress", [False, True])
def test_a_board_plan_round_trips_through_the_workbook(tmp_path, progress):
    plan = board_plan()
    path = tmp_path / "plan.xlsx"
    write_xlsx(plan, path, progress_columns=progress)
    result = read_plan_file(path)
    assert result.plan == plan
    assert not result.errors
    warnings = [f.message for f in result.findings if "not imported yet" not in f.message]
    assert warnings == [
        "Row 17: 'TBC' is not a target date I can read; it is kept as written with no target date."
    ]


def test_the_json_export_is_the_spec_document_field_by_field(tmp_path):
    path = tmp_path / "plan.json"
    export_plan(board_plan(), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert list(doc) == [
        "format", "title", "responds_to", "report_published", "submitted", "notice",
        "recommendations", "summary",
    ]  # fmt: skip
    assert doc["format"] == "actionplans.plan/1"
    assert doc["summary"] == {
        "Agreed": 1, "Partly Agreed": 1, "Not Agreed": 1, "Undecided": 1, "Total": 4
    }  # fmt: skip
    rec = doc["recommendations"][1]
    assert list(rec) == ["ref", "kind", "section", "text", "decision", "reason", "actions"]
    assert (rec["ref"], rec["section"], rec["decision"], rec["reason"]) == (
        "2a", "To prison governors/directors", "Agreed", None
    )  # fmt: skip
    assert rec["actions"][0] == {
        "text": "Draft the protocol.",
        "owners": ["Governor", "Head of Healthcare"],
        "target": "2019-03-31",
        "target_text": "31/03/2019",
        "status": "open",
    }
    assert [(a["target"], a["target_text"], a["status"]) for a in rec["actions"][3:]] == [
        ("ongoing", "Ongoing", "open"),
        (None, "Completed", "completed"),
        ("2019-06", "Q1 2019/20", "open"),
        (None, "TBC", "open"),
        ("2020-01", "January 2020", "in_progress"),
    ]
    assert doc["recommendations"][2]["decision"] is None
    assert doc["recommendations"][2]["actions"] == []
    assert "Tŷ" in path.read_text(encoding="utf-8")  # UTF-8, not \u escapes


def test_the_command_exports_a_workbook_that_imports_back_to_the_same_json(tmp_path, capsys):
    """JSON in, workbook out, workbook in, JSON out: the two documents are the same."""
    db = tmp_path / "plans.sqlite3"
    source, workbook, again = tmp_path / "in.json", tmp_path / "out.xlsx", tmp_path / "out.json"
    export_plan(board_plan(), source)
    assert main(["--db", str(db), "import", str(source)]) == 0
    assert main(["--db", str(db), "export", "1", "-o", str(workbook)]) == 0
    assert main(["--db", str(db), "import", str(workbook), "--as-new"]) == 0
    assert main(["--db", str(db), "export", "2", "-o", str(again)]) == 0
    assert json.loads(again.read_text("utf-8")) == json.loads(source.read_text("utf-8"))
    ws = openpyxl.load_workbook(workbook)["Action Plan"]
    assert ws.freeze_panes == "A8" and ws.print_title_rows == "$7:$7"
    assert [ws.cell(7, c).value for c in range(1, 9)] == [*HEADERS, "Reason", "Status"]
