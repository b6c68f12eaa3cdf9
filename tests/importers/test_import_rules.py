"""Each rule of "Reading the six-column template" (docs/plan-json.md), one sheet per rule."""

from __future__ import annotations

import pytest

from actionplans.importers import read_plan_file
from actionplans.importers.template import read_decision
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action
from tests.fixtures.workbooks.build import HEADERS, write_xlsx

REC = ("1", "The governor should act.", "Agreed", "Do it.", "Governor", "March 2019")


def read(tmp_path, rows, **kwargs):
    return read_plan_file(write_xlsx(tmp_path / "plan.xlsx", rows, **kwargs))


def test_title_labels_and_notice_above_the_header(tmp_path):
    above = (
        "Action Plan: HMP Thematic",
        "Action Plan Submitted: 17 December 2018",
        "A Response to the HMIP Inspection – Social care",
        "Report Published: 16/10/2018",
        "Actions may be delayed by Covid-19",
    )
    plan = read(tmp_path, [REC], above=above).plan
    assert plan.title == "Action Plan: HMP Thematic"
    assert plan.submitted == "2018-12-17"
    assert plan.report_published == "2018-10-16"
    assert plan.responds_to == "HMIP Inspection – Social care"
    assert plan.notice == "Actions may be delayed by Covid-19"


def test_header_found_anywhere_in_the_first_rows_and_by_meaning(tmp_path):
    headers = ("Ref", "Recommendation", "Accepted?", "Action", "Lead", "Deadline")
    above = tuple(f"Line {n}" for n in range(20))
    result = read(tmp_path, [REC], above=above, headers=headers)
    rec = result.plan.recommendations[0]
    assert (rec.ref, rec.text, rec.decision) == ("1", "The governor should act.", "Agreed")
    assert rec.actions == [Action("Do it.", ["Governor"], "2019-03", "March 2019")]


def test_recommendation_header_is_the_text_never_the_rec_no(tmp_path):
    headers = ("Recommendation number", "Recommendation", "Decision", "Response", "Owner", "Due")
    rec = read(tmp_path, [REC], headers=headers).plan.recommendations[0]
    assert (rec.ref, rec.text) == ("1", "The governor should act.")


def test_no_header_says_which_headers_were_expected(tmp_path):
    with pytest.raises(BadInput, match="no header row found in the first 30 rows.*Rec No"):
        read(tmp_path, [REC], headers=("Term", "Definition", "Additional comment"))


def test_page_furniture_is_skipped_and_noted(tmp_path):
    above = ("Action Plan: HMP X", "Covid-19 may delay actions")
    rows = [
        REC,
        (),
        ("--", "--", "---", "--", "--", "--"),
        ("Covid-19 may delay actions",),
        HEADERS,
        ("2", "Second.", "Agreed", "Act.", "Owner", "April 2019"),
    ]
    result = read(tmp_path, rows, above=above)
    assert [r.ref for r in result.plan.recommendations] == ["1", "2"]
    notes = {f.row: f.message for f in result.findings}
    assert set(notes) == {7, 8, 9}
    assert "dashes" in notes[7] and "notice" in notes[8] and "header" in notes[9]


def test_section_headings_merged_or_not_and_the_nearest_wins(tmp_path):
    rows = [
        ("Strategic",),
        REC,
        ("Ignored heading",),
        (None, "Operational"),
        ("2", "Second.", "Agreed", "Act.", "Owner", "April 2019"),
    ]
    plan = read(tmp_path, rows, merges=("A4:F4",)).plan
    assert [(r.ref, r.section) for r in plan.recommendations] == [
        ("1", "Strategic"),
        ("2", "Operational"),
    ]


def test_text_alone_under_a_sentence_cut_mid_way_continues_it(tmp_path):
    rows = [
        (
            "1",
            "Prisons should identify needs throughout their stay in",
            "Agreed",
            "Act.",
            "Owner",
            "April 2019",
        ),
        (None, "prison, which should include self-referral."),
        (None, "Care planning and delivery"),
        ("2", "Second.", "Agreed", "Act.", "Owner", "April 2019"),
    ]
    result = read(tmp_path, rows)
    first, second = result.plan.recommendations
    assert first.text == (
        "Prisons should identify needs throughout their stay in prison, which should include "
        "self-referral."
    )
    assert first.section is None and second.section == "Care planning and delivery"


def test_lower_case_text_alone_continues_even_after_a_full_stop(tmp_path):
    rows = [REC, (None, "and then some more.")]
    rec = read(tmp_path, rows).plan.recommendations[0]
    assert rec.text == "The governor should act.\nand then some more."


def test_page_break_appends_every_cell_to_the_row_above(tmp_path):
    rows = [
        ("1", "Recommendation cut at", "Agreed", "First paragraph.", "Owner A", "April 2019"),
        (None, "a page break.", None, "Second paragraph.", "Owner B"),
        (None, None, None, "Third paragraph."),
    ]
    result = read(tmp_path, rows)
    rec = result.plan.recommendations[0]
    assert rec.text == "Recommendation cut at a page break."
    assert rec.actions == [
        Action(
            "First paragraph.\nSecond paragraph.\nThird paragraph.",
            ["Owner A", "Owner B"],
            "2019-04",
            "April 2019",
        )
    ]
    assert [f.row for f in result.findings] == [5, 6]


def test_one_action_per_row_returns_inherit_the_owner_above(tmp_path):
    rows = [
        ("1", "Recommendation.", "Agreed", "First action.", "Owner A", "April 2019"),
        (None, None, None, "Second action.", None, "Ongoing"),
        (None, None, None, "Third action.", "Owner B", "Completed"),
    ]
    result = read(tmp_path, rows)
    assert result.plan.recommendations[0].actions == [
        Action("First action.", ["Owner A"], "2019-04", "April 2019"),
        Action("Second action.", ["Owner A"], "ongoing", "Ongoing"),
        Action("Third action.", ["Owner B"], None, "Completed", "completed"),
    ]
    assert [(f.row, f.column) for f in result.findings] == [(5, "E")]


def test_n_items_with_n_date_lines_split_into_n_actions(tmp_path):
    rows = [
        (
            "1",
            "Rec.",
            "Agreed",
            "<ul><li>• One.</li><li>• Two.</li></ul>",
            "A\nB",
            "<p>June 2021</p><p>Completed</p>",
        )
    ]
    actions = read(tmp_path, rows).plan.recommendations[0].actions
    assert actions == [
        Action("One.", ["A"], "2021-06", "June 2021"),
        Action("Two.", ["B"], None, "Completed", "completed"),
    ]


def test_split_actions_share_every_owner_when_owner_lines_do_not_pair(tmp_path):
    rows = [("1", "Rec.", "Agreed", "One.\nTwo.\nThree.", "A\nB", "May 2021\nJune 2021\n2022")]
    actions = read(tmp_path, rows).plan.recommendations[0].actions
    assert [a.owners for a in actions] == [["A", "B"]] * 3
    assert [a.target for a in actions] == ["2021-05", "2021-06", "2022-12"]


def test_owners_split_on_lines_never_on_commas(tmp_path):
    rows = [
        ("1", "Rec.", "Agreed", "Act.", "HMPPS, DHSC and Welsh Government\nPrison Group", "Ongoing")
    ]
    action = read(tmp_path, rows).plan.recommendations[0].actions[0]
    assert action.owners == ["HMPPS, DHSC and Welsh Government", "Prison Group"]


def test_several_dates_for_one_action_take_the_latest_and_warn(tmp_path):
    rows = [("1", "Rec.", "Agreed", "One.\nTwo.\nThree.", "A", "March 2023\nOngoing")]
    result = read(tmp_path, rows)
    action = result.plan.recommendations[0].actions[0]
    assert (action.target, action.target_text) == ("2023-03", "March 2023; Ongoing")
    assert [(f.severity, f.row, f.column) for f in result.findings] == [("warning", 4, "F")]


def test_ongoing_and_completed_lines_are_not_dates(tmp_path):
    rows = [
        ("1", "Rec.", "Agreed", "One.\nTwo.\nThree.", "A", "Ongoing\nCompleted"),
        ("2", "Rec.", "Agreed", "One.\nTwo.\nThree.", "A", "Completed\nComplete"),
    ]
    first, second = (r.actions[0] for r in read(tmp_path, rows).plan.recommendations)
    assert (first.target, first.status) == ("ongoing", "open")
    assert (second.target, second.status) == (None, "completed")


@pytest.mark.parametrize(
    "typed, decision",
    [
        ("agreed", "Agreed"),
        ("ACCEPTED", "Agreed"),
        ("Partly  Agreed", "Partly Agreed"),
        ("partially accepted", "Partly Agreed"),
        ("Accepted in part", "Partly Agreed"),
        ("Agreed in principle", "Partly Agreed"),
        ("Not agreed", "Not Agreed"),
        ("rejected", "Not Agreed"),
        ("Not Accepted", "Not Agreed"),
        ("declined", "Not Agreed"),
        ("Maybe", None),
        ("Agreed?!", "Agreed"),
    ],
)
def test_decisions_by_meaning(typed, decision):
    assert read_decision(typed) == decision


def test_an_unknown_decision_is_an_error_on_its_row(tmp_path):
    rows = [REC, ("2", "Rec.", "Maybe", "Act.", "A", "May 2021")]
    result = read(tmp_path, rows)
    assert [str(f) for f in result.errors] == [
        "error: Row 5: 'Maybe' is not a decision; expected Agreed, Partly Agreed or Not Agreed. "
        "(sheet Plan, row 5, column C)"
    ]
    assert result.plan.recommendations[1].decision is None
    assert result.exit_status() == 2


def test_summary_block_is_checked_not_imported(tmp_path):
    rows = [
        REC,
        ("2", "Rec.", "Not Agreed", "", "", ""),
        (),
        ("Recommendations",),
        ("Agreed", 1),
        ("Not Agreed", 2),
        ("Total", 2),
    ]
    result = read(tmp_path, rows)
    assert [r.ref for r in result.plan.recommendations] == ["1", "2"]
    assert [(f.severity, f.row) for f in result.findings] == [("warning", 9)]
    assert "Not Agreed 2 but the plan has 1" in result.findings[0].message


def test_html_mojibake_bullets_and_whitespace(tmp_path):
    rows = [
        (
            "1",
            "<p>Rec  with&nbsp;spaces</p><ul><li>- first</li><li>* second</li></ul>",
            "Agreed",
            "It<i>â€™</i>s done &amp; dusted.",
            "A&E <Liaison> Team",
            "Ongoing",
        )
    ]
    rec = read(tmp_path, rows).plan.recommendations[0]
    assert rec.text == "Rec with spaces\nfirst\nsecond"
    assert rec.actions[0].text == "It’s done & dusted."
    assert rec.actions[0].owners == ["A&E <Liaison> Team"]


def test_formula_looking_text_stays_text(tmp_path):
    rows = [("1", '=HYPERLINK("http://x")', "Agreed", "+44 20 7946 0000", "@owner", "-")]
    result = read(tmp_path, rows)
    rec = result.plan.recommendations[0]
    assert rec.text == '=HYPERLINK("http://x")'
    assert (rec.actions[0].text, rec.actions[0].owners) == ("+44 20 7946 0000", ["@owner"])
    assert rec.actions[0].target_text == "-"


def test_real_date_cells_read_at_the_precision_they_show(tmp_path):
    rows = [
        ("1", "Rec.", "Agreed", "Act.", "A", (2019, 3, 1)),
        ("2", "Rec.", "Agreed", "Act.", "A", (2019, 3, 31)),
    ]
    plan = read(tmp_path, rows, formats={"F4": "mmm-yy", "F5": "dd/mm/yyyy"}).plan
    first, second = (r.actions[0] for r in plan.recommendations)
    assert (first.target, first.target_text) == ("2019-03", "Mar-19")
    assert (second.target, second.target_text) == ("2019-03-31", "31/03/2019")


def test_unreadable_target_is_kept_and_warned(tmp_path):
    result = read(tmp_path, [("1", "Rec.", "Agreed", "Act.", "A", "when funding allows")])
    action = result.plan.recommendations[0].actions[0]
    assert (action.target, action.target_text) == (None, "when funding allows")
    assert [(f.severity, f.row, f.column) for f in result.findings] == [("warning", 4, "F")]


def test_status_reason_and_extra_columns(tmp_path):
    headers = (*HEADERS, "Status", "Reason", "Latest update", "Updated on", "Comments")
    rows = [
        (
            "1",
            "Rec.",
            "Partly agreed",
            "Act.",
            "A",
            "June 2021",
            "In progress",
            "Affordability",
            "Going well",
            (2021, 1, 5),
            "x",
        ),
        ("2", "Rec.", "Agreed", "Act.", "A", "June 2021", "Closed"),
    ]
    result = read(tmp_path, rows, headers=headers)
    first, second = result.plan.recommendations
    assert (first.reason, first.actions[0].status) == ("affordability", "in_progress")
    assert second.actions[0].status == "completed"
    # the latest update and its date are read as a dated update; the unknown column is noted
    (update,) = first.actions[0].updates
    assert (update.on_date, update.status, update.text) == (
        "2021-01-05",
        "in_progress",
        "Going well",
    )
    notes = [(f.severity, f.row, f.column) for f in result.findings]
    assert notes == [("note", 3, "K")]


def test_other_sheets_are_passed_over_and_several_plans_must_be_chosen(tmp_path):
    definitions = {
        "Definitions": [("Term", "Definition", "Additional comment"), ("Agreed", "All of it.", "")]
    }
    path = write_xlsx(tmp_path / "one.xlsx", [REC], extra_sheets=definitions)
    assert len(read_plan_file(path).plan.recommendations) == 1
    two = write_xlsx(
        tmp_path / "two.xlsx",
        [REC],
        extra_sheets={"Copy": [HEADERS, ("9", "Other.", "Agreed", "", "", "")]},
    )
    with pytest.raises(BadInput, match="several plan sheets \\('Plan', 'Copy'\\).*--sheet"):
        read_plan_file(two)
    assert read_plan_file(two, sheet="Copy").plan.recommendations[0].ref == "9"
    with pytest.raises(BadInput, match="no sheet 'Nope'"):
        read_plan_file(two, sheet="Nope")


def test_rec_nos_as_written(tmp_path):
    rows = [(ref, "Rec.", "Agreed", "", "", "") for ref in ("1", "2a", "8(b)", "1.4")]
    plan = read(tmp_path, rows).plan
    assert [r.ref for r in plan.recommendations] == ["1", "2a", "8(b)", "1.4"]


def test_rows_before_any_recommendation_are_errors(tmp_path):
    result = read(tmp_path, [(None, None, None, "Orphan response.", "Owner", "May 2021")])
    assert [(f.severity, f.row, f.column) for f in result.findings] == [("error", 4, "A")]


def test_csv_and_old_xls(tmp_path):
    csv_file = tmp_path / "plan.csv"
    csv_file.write_text(
        "Action Plan: HMP Csv\n\nRec No;Recommendation;Decision;Response;Owner;Target Date\n"
        '1;"Rec, with comma.";Agreed;"Line one\nLine two";Governor;31/3/19\n',
        encoding="cp1252",
    )
    plan = read_plan_file(csv_file).plan
    assert plan.title == "Action Plan: HMP Csv"
    assert plan.recommendations[0].text == "Rec, with comma."
    assert plan.recommendations[0].actions == [
        Action("Line one\nLine two", ["Governor"], "2019-03-31", "31/3/19")
    ]
    from pathlib import Path

    xls = read_plan_file(Path(__file__).parent.parent / "fixtures" / "workbooks" / "old-format.xls")
    first, second = xls.plan.recommendations
    assert (first.section, first.actions[0].target, first.actions[0].target_text) == (
        "Strategic",
        "2019-03",
        "Mar-19",
    )
    assert (second.ref, second.decision, second.actions[0].target) == (
        "2a",
        "Partly Agreed",
        "2019-06",
    )
