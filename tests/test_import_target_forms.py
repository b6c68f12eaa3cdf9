"""Target Date cells as people really fill them in: a remark after the date, a range whose end is
the deadline, "Completed" with the day it was done. Each form is read the way a careful person
reads it, and what stays doubtful stays unread and warned."""

from __future__ import annotations

import pytest

from importers import read_plan_file
from importers.targets import parse_target
from tests.fixtures.workbooks.build import write_xlsx

REC = ("1", "The governor should act.", "Agreed", "Do it.", "Governor")


def imported(tmp_path, typed: str):
    result = read_plan_file(write_xlsx(tmp_path / "plan.xlsx", [(*REC, typed)]))
    return result.plan.recommendations[0].actions[0], result.findings


@pytest.mark.parametrize(
    "typed, target",
    [
        ("Ongoing - reviewed quarterly", "ongoing"),
        ("Ongoing (monthly review)", "ongoing"),
        ("Ongoing: see action 3", "ongoing"),
        ("On-going – reviewed at each board", "ongoing"),
        ("December 2020 (revised)", "2020-12"),
        ("March 2021 (subject to funding)", "2021-03"),
        ("31/03/2021 - provisional", "2021-03-31"),
        ("End of June 2021, subject to funding", "2021-06"),
    ],
)
def test_a_remark_after_ongoing_or_a_date_is_ignored(tmp_path, typed, target):
    parsed = parse_target(typed)
    assert (parsed.target, parsed.understood, parsed.completed) == (target, True, False)
    action, findings = imported(tmp_path, typed)
    assert (action.target, action.target_text, action.status, findings) == (
        target,
        typed,
        "open",
        [],
    )


@pytest.mark.parametrize(
    "typed",
    [
        "Dec 2020 onwards",
        "December 2020 - onwards",
        "March 2021 (start)",
        "Q4 2020",
        "w/c 12 April 2021",
        "TBC",
        "Ongoing - March 2021",  # ongoing until then, or a date beside it? unclear
        "December 2020 (or March 2021)",
        "(revised)",
        "when funding allows, March 2021",
    ],
)
def test_doubtful_forms_stay_unread_and_warned(tmp_path, typed):
    parsed = parse_target(typed)
    assert (parsed.target, parsed.understood, parsed.completed) == (None, False, False)
    action, findings = imported(tmp_path, typed)
    assert (action.target, action.target_text, action.status) == (None, typed, "open")
    assert [(f.severity, f.column) for f in findings] == [("warning", "F")]
