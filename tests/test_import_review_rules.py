"""Rules of "Reading the six-column template" (shared/spec/plan-json.md) tried on workbooks made
the way local authorities, HMPPS and NHS partners make them: each test is a divergence found in
review between what the importer read and what a careful person reads."""

from __future__ import annotations

from importers import read_plan_file
from storage.model import Action
from tests.fixtures.workbooks.build import write_xlsx

REC = ("1", "The governor should act.", "Agreed", "Do it.", "Governor", "March 2019")


def read(tmp_path, rows, **kwargs):
    return read_plan_file(write_xlsx(tmp_path / "plan.xlsx", rows, **kwargs))


def test_owner_and_target_merged_down_several_action_rows_belong_to_each(tmp_path):
    """One recommendation, three action rows, and the owner and target cells merged down
    beside them: each row is an action with that owner and date, not one carried-over text."""
    rows = [
        ("1", "Rec.", "Agreed", "First action.", "Governor", "May 2021"),
        (None, None, None, "Second action."),
        (None, None, None, "Third action."),
        ("2", "Second.", "Agreed", "Act.", "Head of Health", "June 2021"),
    ]
    merges = ("A4:A6", "B4:B6", "C4:C6", "E4:E6", "F4:F6")
    result = read(tmp_path, rows, merges=merges)
    first = result.plan.recommendations[0]
    assert first.actions == [
        Action(text, ["Governor"], "2021-05", "May 2021")
        for text in ("First action.", "Second action.", "Third action.")
    ]
    assert not [f for f in result.findings if "carried over" in f.message]


def test_excel_escaped_carriage_returns_are_line_breaks(tmp_path):
    """Excel stores a cell's CR LF as "_x000D_" and a newline; people see two lines."""
    rows = [
        ("1", "Rec.", "Agreed", "One._x000D_\nTwo.", "A_x000D_\nB", "May 2021_x000D_\nJune 2021")
    ]
    actions = read(tmp_path, rows).plan.recommendations[0].actions
    assert actions == [
        Action("One.", ["A"], "2021-05", "May 2021"),
        Action("Two.", ["B"], "2021-06", "June 2021"),
    ]
