"""Rules of "Reading the six-column template" (docs/plan-json.md) tried on workbooks made
the way local authorities, HMPPS and NHS partners make them, each read as a careful person
reads it."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from actionplans.importers import read_plan_file
from actionplans.storage.model import Action
from tests.fixtures.workbooks.build import HEADERS, write_xlsx

REC = ("1", "The governor should act.", "Agreed", "Do it.", "Governor", "March 2019")


def read(tmp_path, rows, **kwargs):
    return read_plan_file(write_xlsx(tmp_path / "plan.xlsx", rows, **kwargs))


def test_owner_and_target_merged_down_several_action_rows_belong_to_each(tmp_path):
    """One recommendation, three action rows, and the owner and target cells merged down
    beside them: each row is an action with that owner and date, not one carried-over text.
    (With the Rec No merged down too, the rows are one pasted table row: "Merged blocks",
    tests/importers/test_formats_rules.py.)"""
    rows = [
        ("1", "Rec.", "Agreed", "First action.", "Governor", "May 2021"),
        (None, None, None, "Second action."),
        (None, None, None, "Third action."),
        ("2", "Second.", "Agreed", "Act.", "Head of Health", "June 2021"),
    ]
    merges = ("B4:B6", "C4:C6", "E4:E6", "F4:F6")
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


@pytest.mark.parametrize(
    "ref_header", ["Ref No.", "Ref. No", "Reference No", "Para", "Para No.", "Paragraph ref"]
)
def test_rec_no_header_wordings(tmp_path, ref_header):
    headers = (ref_header, "Recommendation", "Accepted?", "Action", "Lead", "Deadline")
    rec = read(tmp_path, [REC], headers=headers).plan.recommendations[0]
    assert (rec.ref, rec.text) == ("1", "The governor should act.")


@pytest.mark.parametrize(
    "target_header", ["Target completion date", "Expected completion date", "Completion date"]
)
def test_completion_date_is_the_target_when_the_plan_has_no_other_target(tmp_path, target_header):
    headers = ("Rec No", "Recommendation", "Decision", "Response", "Owner", target_header)
    result = read(tmp_path, [REC], headers=headers)
    assert result.plan.recommendations[0].actions[0].target == "2019-03"
    assert result.findings == []


def test_completion_date_beside_a_target_date_is_still_the_completion_date(tmp_path):
    headers = (*HEADERS, "Completion date")
    result = read(tmp_path, [(*REC, (2019, 2, 1))], headers=headers)
    assert result.plan.recommendations[0].actions[0].target_text == "March 2019"
    assert [(f.severity, f.column) for f in result.findings] == [("note", "G")]


def test_a_hidden_copy_of_the_plan_does_not_stop_the_import(tmp_path):
    path = write_xlsx(
        tmp_path / "plan.xlsx",
        [REC],
        extra_sheets={"Old version": [HEADERS, ("9", "Old.", "Agreed", "", "", "")]},
    )
    book = openpyxl.load_workbook(path)
    book["Old version"].sheet_state = "hidden"
    book.save(path)
    result = read_plan_file(path)
    assert [r.ref for r in result.plan.recommendations] == ["1"]
    assert [(f.severity, f.sheet) for f in result.findings] == [("note", "Old version")]
    assert read_plan_file(path, sheet="Old version").plan.recommendations[0].ref == "9"


def test_a_recommendation_ending_in_a_colon_is_continued_not_a_heading(tmp_path):
    """No closing full stop, question or exclamation mark: the text alone below carries it on."""
    rows = [
        ("1", "Prisons should ensure the following:", "Agreed", "Act.", "Gov", "May 2021"),
        (None, "Timely assessments for all prisoners."),
        ("2", "Second.", "Agreed", "Act.", "Gov", "May 2021"),
    ]
    first, second = read(tmp_path, rows).plan.recommendations
    assert (
        first.text == "Prisons should ensure the following:\nTimely assessments for all prisoners."
    )
    assert second.section is None


@pytest.mark.parametrize(
    "page", ["Page 2 of 7", "Page 2", "2 of 7", "- 2 -", "Page 2 of 7 OFFICIAL"]
)
def test_page_numbers_are_page_furniture(tmp_path, page):
    rows = [
        ("Strategic",),
        REC,
        (page,),
        ("2", "Second.", "Agreed", "Act.", "Owner", "April 2019"),
        (None, None, None, None, None, page),
    ]
    result = read(tmp_path, rows)
    second = result.plan.recommendations[1]
    assert (second.section, second.actions[0].target_text) == ("Strategic", "April 2019")
    assert [(f.row, "page" in f.message) for f in result.findings] == [(6, True), (8, True)]


def test_page_furniture_above_the_table_is_neither_title_nor_notice(tmp_path):
    above = ("OFFICIAL", "Action Plan: HMP Testtown", "Page 1 of 7", "Covid-19 may delay actions")
    result = read(tmp_path, [REC], above=above)
    assert (result.plan.title, result.plan.notice) == (
        "Action Plan: HMP Testtown",
        "Covid-19 may delay actions",
    )
    assert [(f.row, "page" in f.message) for f in result.findings] == [(1, True), (3, True)]


def test_summary_block_with_a_caption_row_percentages_and_a_worded_total(tmp_path):
    rows = [
        REC,
        ("2", "Rec.", "Not Agreed", "", "", ""),
        (),
        ("Summary",),
        ("Decision", "Number", "%"),
        ("Agreed", 1, "50%"),
        ("Not agreed", 1, 0.5),
        ("Total number of recommendations", 3),
    ]
    result = read(tmp_path, rows)
    assert [r.ref for r in result.plan.recommendations] == ["1", "2"]
    assert [(f.severity, f.row) for f in result.findings] == [("warning", 11)]
    assert "Total 3 but the plan has 2" in result.findings[0].message


def test_an_action_row_without_an_owner_takes_the_owner_of_the_last_action_above(tmp_path):
    """The row above split into two actions, each with its own owner: the last one is B."""
    rows = [
        ("1", "Rec.", "Agreed", "One.\nTwo.", "A\nB", "May 2021\nJune 2021"),
        (None, None, None, "Three.", None, "July 2021"),
    ]
    actions = read(tmp_path, rows).plan.recommendations[0].actions
    assert [a.owners for a in actions] == [["A"], ["B"], ["B"]]


def test_labelled_lines_above_the_table_in_other_words(tmp_path):
    above = (
        "HMP Testtown: Action Plan",
        "Date submitted: 17/12/2018",
        "Publication date: 16 October 2018",
        "In response to the HMIP report on HMP Testtown",
        "Actions may be delayed by Covid-19",
    )
    plan = read(tmp_path, [REC], above=above).plan
    assert (plan.title, plan.submitted, plan.report_published) == (
        "HMP Testtown: Action Plan",
        "2018-12-17",
        "2018-10-16",
    )
    assert plan.responds_to == "HMIP report on HMP Testtown"
    assert plan.notice == "Actions may be delayed by Covid-19"


def test_date_of_publication_beside_a_real_date(tmp_path):
    path = tmp_path / "plan.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Action Plan: HMP Testtown"])
    sheet.append(["Date of publication:", datetime(2018, 10, 16)])
    sheet.append(["Response to: HMIP report"])
    sheet.append(list(HEADERS))
    sheet.append(list(REC))
    book.save(path)
    plan = read_plan_file(path).plan
    assert (plan.report_published, plan.responds_to, plan.notice) == (
        "2018-10-16",
        "HMIP report",
        None,
    )


@pytest.mark.parametrize(
    "typed, target",
    [
        ("End March 2019", "2019-03"),
        ("by end March 2019", "2019-03"),
        ("End-June 2021", "2021-06"),
        ("Friday 31 March 2023", "2023-03-31"),
        ("Fri 31st March 2023", "2023-03-31"),
    ],
)
def test_more_target_date_wordings(tmp_path, typed, target):
    result = read(tmp_path, [(*REC[:5], typed)])
    action = result.plan.recommendations[0].actions[0]
    assert (action.target, action.target_text, result.findings) == (target, typed, [])


def test_report_published_on_a_weekday(tmp_path):
    plan = read(tmp_path, [REC], above=("Plan", "Report Published: Tuesday 16 October 2018")).plan
    assert plan.report_published == "2018-10-16"


def test_a_real_date_shown_as_a_year_alone_is_that_year(tmp_path):
    rows = [(*REC[:5], (2021, 3, 1))]
    action = read(tmp_path, rows, formats={"F4": "yyyy"}).plan.recommendations[0].actions[0]
    assert (action.target, action.target_text) == ("2021-12", "2021")


def test_an_escaped_separator_in_a_month_format_is_shown(tmp_path):
    rows = [(*REC[:5], (2019, 3, 1))]
    action = read(tmp_path, rows, formats={"F4": "mmm\\-yy"}).plan.recommendations[0].actions[0]
    assert (action.target, action.target_text) == ("2019-03", "Mar-19")


def test_word_symbol_font_bullets_are_bullets(tmp_path):
    """Word's bullets pasted from a PDF arrive as Symbol-font characters (U+F0B7, U+F0A7)."""
    response = "\uf0b7 First step. \uf0b7 Second step.\n\uf0a7\tThird step."
    rows = [("1", "\uf0b7\tRec line one\n\uf0d8 Rec line two", "Agreed", response, "A", "Ongoing")]
    rec = read(tmp_path, rows).plan.recommendations[0]
    assert rec.text == "Rec line one\nRec line two"
    assert rec.actions[0].text == "First step.\nSecond step.\nThird step."


@pytest.mark.parametrize(
    "typed, decision",
    [
        ("Partly agree", "Partly Agreed"),
        ("Partially agree", "Partly Agreed"),
        ("Partially accept", "Partly Agreed"),
        ("Disagree", "Not Agreed"),
        ("Do not agree", "Not Agreed"),
        ("Not accept", "Not Agreed"),
    ],
)
def test_decisions_in_the_present_tense(tmp_path, typed, decision):
    result = read(tmp_path, [(REC[0], REC[1], typed, *REC[3:])])
    assert (result.plan.recommendations[0].decision, result.errors) == (decision, [])


def test_owner_and_target_merged_beside_a_recommendation_carried_over_are_not_doubled(tmp_path):
    """A recommendation and its response run on into a second row with the owner and target
    merged beside both: one owner and one date, as a person reads it, not each twice."""
    rows = [
        (
            "1",
            "The governor should ensure that",
            "Agreed",
            "We will review",
            "Governor",
            "May 2021",
        ),
        (None, "every prisoner is assessed.", None, "the policy."),
    ]
    result = read(tmp_path, rows, merges=("E4:E5", "F4:F5"))
    rec = result.plan.recommendations[0]
    assert rec.text == "The governor should ensure that every prisoner is assessed."
    assert rec.actions == [
        Action("We will review the policy.", ["Governor"], "2021-05", "May 2021")
    ]
    assert [f.severity for f in result.findings] == ["note"]


@pytest.mark.parametrize(
    "line",
    [
        "In response to Covid-19, actions with future target dates may be delayed.",
        "In response to the report HMPPS / MoJ are required to draft a robust action plan.",
    ],
)
def test_a_sentence_opening_in_response_to_is_the_notice_not_the_report(tmp_path, line):
    """The real 2020 plan's introduction opens a sentence with 'In response to the report';
    a sentence is prose, not the label naming the report answered."""
    plan = read(tmp_path, [REC], above=("Action Plan: HMP Testtown", line)).plan
    assert (plan.responds_to, plan.notice) == (None, line)


@pytest.mark.parametrize(
    "line",
    [
        "Submissions of progress are due to the Board each quarter.",
        "Submission of progress returns is due each quarter.",
        "Publication of this plan follows the Board meeting.",
    ],
)
def test_a_notice_opening_with_submission_or_publication_is_the_notice(tmp_path, line):
    """'Submission' and 'Publication' name the plan's dates only as 'Submission date' or
    'Date of publication'; a sentence opening with the word is the notice."""
    result = read(tmp_path, [REC], above=("Action Plan: HMP Testtown", line))
    plan = result.plan
    assert (plan.notice, plan.submitted, plan.report_published) == (line, None, None)
    assert result.findings == []


@pytest.mark.parametrize("done_header", ["Date completed", "Completed on"])
def test_a_date_completed_column_is_never_the_target(tmp_path, done_header):
    """'Date completed' is the day the action was done, not the day it is due, even when the
    sheet has no Target Date column: it stays a known column that is not imported."""
    headers = ("Rec No", "Recommendation", "Decision", "Response", "Owner", done_header)
    result = read(tmp_path, [(*REC[:5], (2021, 5, 3))], headers=headers)
    action = result.plan.recommendations[0].actions[0]
    assert (action.target, action.target_text) == (None, "")
    assert [(f.severity, f.column) for f in result.findings] == [("note", "F")]


@pytest.mark.parametrize(
    "attribution", ["Published by HM Inspectorate of Prisons", "Submitted by the Prison Group"]
)
def test_a_line_saying_who_published_or_submitted_is_no_date_label(tmp_path, attribution):
    result = read(tmp_path, [REC], above=("Action Plan: HMP Testtown", attribution))
    plan = result.plan
    assert (plan.title, plan.notice) == ("Action Plan: HMP Testtown", attribution)
    assert (plan.submitted, plan.report_published) == (None, None)
    assert result.findings == []
