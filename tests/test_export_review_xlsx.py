"""Review of the six-column workbook as a board secretary opens it in Excel: a file Excel and
openpyxl open without repair, and that reads back into the same plan."""

from __future__ import annotations

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
