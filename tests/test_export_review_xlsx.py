"""Review of the six-column workbook as a board secretary opens it in Excel: a file Excel and
openpyxl open without repair, and that reads back into the same plan."""

from __future__ import annotations

from datetime import date

import openpyxl

from exporters.xlsx import write_xlsx
from importers import read_plan_file
from storage.model import Action, Plan, Recommendation


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
