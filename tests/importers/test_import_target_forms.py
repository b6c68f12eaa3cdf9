"""Target Date cells as people really fill them in: a remark after the date, a range whose end is
the deadline, "Completed" with the day it was done. Each form is read the way a careful person
reads it, and what stays doubtful stays unread and warned."""

from __future__ import annotations

import pytest

from actionplans.importers import read_plan_file
from actionplans.importers.targets import parse_target
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


@pytest.mark.parametrize(
    "typed, target",
    [
        ("April 2019 - March 2020", "2020-03"),
        ("April 2019 to March 2020", "2020-03"),
        ("From April 2019 until March 2020", "2020-03"),
        ("Jan-Mar 2021", "2021-03"),
        ("Jan – Mar 2021", "2021-03"),
        ("Nov 2020 - Feb 2021", "2021-02"),
        ("1 Jan - 31 Mar 2021", "2021-03-31"),
        ("01/04/2019 - 31/03/2020", "2020-03-31"),
        ("2019 - 2021", "2021-12"),
        ("Jan-Mar 2021 (revised)", "2021-03"),
    ],
)
def test_a_range_is_read_as_its_end_the_deadline(tmp_path, typed, target):
    parsed = parse_target(typed)
    assert (parsed.target, parsed.understood, parsed.completed) == (target, True, False)
    action, findings = imported(tmp_path, typed)
    assert (action.target, action.target_text, findings) == (target, typed, [])


@pytest.mark.parametrize(
    "typed, target",
    [
        ("Mar-19", "2019-03"),  # a month and a year, not a range
        ("Sep-20", "2020-09"),
        ("2019-2020", "2020-03"),  # a financial year, as before
        ("2019/20", "2020-03"),
    ],
)
def test_month_year_and_financial_years_are_not_ranges(typed, target):
    assert parse_target(typed).target == target


@pytest.mark.parametrize(
    "typed", ["March 2021 - January 2021", "Ongoing - 2021", "Jan - Mar", "2019 - 21"]
)
def test_ranges_that_do_not_run_forward_to_a_date_stay_unread(typed):
    assert (parse_target(typed).target, parse_target(typed).understood) == (None, False)


@pytest.mark.parametrize(
    "typed, target",
    [
        ("Mar-19 - Sep-20", "2020-09"),  # not 19 September 2020
        ("2019 to 2020", "2020-03"),  # the financial year, as "2019 - 2020" is
    ],
)
def test_ranges_are_split_where_both_ends_read(typed, target):
    assert parse_target(typed).target == target


@pytest.mark.parametrize(
    "typed",
    [
        "Completed March 2019",
        "Complete (March 2019)",
        "Completed - 31/03/2019",
        "Completed on 31/03/2019",
        "Completed in Jan 2020",
        "Completed: evidence on file",
        "Completed March 2019 (evidence on file)",
    ],
)
def test_completed_with_the_day_it_was_done_is_completed_with_no_target(tmp_path, typed):
    parsed = parse_target(typed)
    assert (parsed.target, parsed.understood, parsed.completed) == (None, True, True)
    action, findings = imported(tmp_path, typed)
    assert (action.target, action.target_text, action.status, findings) == (
        None,
        typed,
        "completed",
        [],
    )


@pytest.mark.parametrize(
    "typed",
    [
        "Complete by March 2019",
        "Completed before June 2021",
        "Complete when funding allows",
        "Completed (due June 2021)",
        "Complete - by March 2019",
    ],
)
def test_complete_by_a_date_is_a_deadline_not_done_and_stays_unread(typed):
    assert (parse_target(typed).completed, parse_target(typed).understood) == (False, False)


@pytest.mark.parametrize("typed", ["2019-20", "2019 - 20"])
def test_a_financial_year_written_with_a_hyphen_reads_as_its_march(typed):
    assert parse_target(typed).target == "2020-03"
