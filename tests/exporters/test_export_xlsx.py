"""The six-column workbook: what a person sees in it, and that it imports back unchanged."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters import export_plan
from exporters.definitions import DEFINITION_HEADERS, DEFINITIONS, HEADERS, INTRODUCTION
from exporters.xlsx import write_xlsx
from importers.plan_json import plan_from_dict
from importers.template import read_template
from storage.errors import BadInput
from storage.model import DECISIONS, REASONS, STATUSES, Action, Plan, Recommendation, Update
from tests.support.plans import make_plan

FIXTURES = Path(__file__).parent.parent / "fixtures"
SAMPLES = ("social-care-2018", "accommodation-2020")
HEADER_ROW = 7  # title, submitted, response to, published, notice, blank line, header


def sample(name: str) -> Plan:
    return plan_from_dict(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


def export(plan: Plan, folder: Path, **options) -> openpyxl.Workbook:
    path = folder / "plan.xlsx"
    write_xlsx(plan, path, **options)
    return openpyxl.load_workbook(path)


def rows(ws) -> list[list[object]]:
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def merges(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def row_of(ws, text: str, column: int = 1) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, column).value == text)


def a_plan(**changes) -> Plan:
    """Three recommendations of two actions in two sections, with a notice (7 lines above)."""
    return replace(make_plan(), **{"notice": "Targets may slip because of Covid-19.", **changes})


# -- what the sheet holds ------------------------------------------------------------------


def test_title_block_is_the_published_lines_and_nothing_else(tmp_path):
    ws = export(a_plan(), tmp_path)["Action Plan"]
    assert [r[0] for r in rows(ws)[:HEADER_ROW]] == [
        "Action Plan: HMP Thematic",
        "Action Plan Submitted: 17 December 2018",
        "A response to HMIP Inspection",
        "Report Published: 16 October 2018",
        "Targets may slip because of Covid-19.",
        None,
        HEADERS[0],
    ]
    assert [c.value for c in ws[HEADER_ROW]] == list(HEADERS)


def test_missing_lines_are_left_out_not_left_blank(tmp_path):
    plan = a_plan(submitted=None, responds_to=None, notice=None)
    ws = export(plan, tmp_path)["Action Plan"]
    assert [r[0] for r in rows(ws)[:4]] == [
        "Action Plan: HMP Thematic",
        "Report Published: 16 October 2018",
        None,
        HEADERS[0],
    ]


def test_sections_are_merged_rows_and_recommendations_merge_over_their_actions(tmp_path):
    ws = export(a_plan(), tmp_path)["Action Plan"]
    strategic = row_of(ws, "Strategic")
    assert strategic == HEADER_ROW + 1
    first, second = strategic + 1, strategic + 3
    operational = row_of(ws, "Operational")
    assert operational == second + 2
    assert {f"A{strategic}:F{strategic}", f"A{operational}:F{operational}"} <= merges(ws)
    for col in "ABC":
        assert {f"{col}{first}:{col}{first + 1}", f"{col}{second}:{col}{second + 1}"} <= merges(ws)
    assert [ws.cell(first, c).value for c in range(1, 7)] == [
        "1",
        "Recommendation 1 about social care in prisons.",
        "Agreed",
        "Action 1 of recommendation 1.",
        "Prison Directorate\nOwner 0",
        datetime(2030, 3, 1),  # a date shown as "March 2030" (see test_export_xlsx_round_trip)
    ]
    assert [ws.cell(first + 1, c).value for c in range(1, 7)] == [
        None,
        None,
        None,
        "Action 2 of recommendation 1.",
        "Prison Directorate\nOwner 1",
        datetime(2030, 3, 1),
    ]


def test_targets_as_given_completed_ongoing_and_a_recommendation_without_actions(tmp_path):
    actions = [
        Action("Written as given.", ["A"], "2019-06", "Q1 2019/20"),
        Action("Done.", ["B"], status="completed"),
        Action("Carries on.", ["C"], "ongoing"),
        Action("Never typed.", ["D"], "2019-03-31"),
    ]
    plan = Plan(
        "T",
        recommendations=[
            Recommendation("1", "Has actions.", decision="Agreed", actions=actions),
            Recommendation("2", "Has none yet."),
        ],
    )
    ws = export(plan, tmp_path)["Action Plan"]
    first = row_of(ws, "1")
    assert [ws.cell(first + i, 6).value for i in range(4)] == [
        "Q1 2019/20",
        "Completed",
        "Ongoing",
        datetime(2019, 3, 31),  # a date shown as 31/03/2019
    ]
    assert ws.max_column == 6  # every status reads from its target cell: no Status column
    bare = row_of(ws, "2")
    assert bare == first + 4
    assert [ws.cell(bare, c).value for c in range(2, 7)] == [
        "Has none yet.",
        None,
        None,
        None,
        None,
    ]


def test_summary_block_under_the_table(tmp_path):
    plan = a_plan()
    plan.recommendations[1].decision = "Partly Agreed"
    plan.recommendations[2].decision = None
    ws = export(plan, tmp_path)["Action Plan"]
    top = row_of(ws, "Recommendations")
    assert ws.cell(top - 1, 1).value is None
    assert f"A{top}:B{top}" in merges(ws)
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(top + 1, top + 6)] == [
        ("Agreed", 1),
        ("Partly Agreed", 1),
        ("Not Agreed", 0),
        ("Undecided", 1),
        ("Total", 3),
    ]


def test_definitions_sheet_states_the_standard_wording(tmp_path):
    ws = export(a_plan(), tmp_path)["Definitions"]
    values = rows(ws)
    assert values[1][0] == INTRODUCTION
    header = values.index(list(DEFINITION_HEADERS))
    assert [tuple(v) for v in values[header + 1 : header + 4]] == list(DEFINITIONS)


# -- extra columns ------------------------------------------------------------------------


def test_reason_column_only_when_a_recommendation_has_a_reason(tmp_path):
    plan = a_plan()
    assert export(plan, tmp_path)["Action Plan"].max_column == 6
    plan.recommendations[0].reason = "affordability"
    ws = export(plan, tmp_path)["Action Plan"]
    assert ws.cell(HEADER_ROW, 7).value == "Reason"
    first = row_of(ws, "1")
    assert ws.cell(first, 7).value == "Affordability"
    assert f"G{first}:G{first + 1}" in merges(ws)


@pytest.mark.parametrize(
    "status, target, target_text, column",
    [
        ("in_progress", "2030-03", "March 2030", True),
        ("completed", "2019-03", "March 2019", True),  # the date is kept; Status says done
        ("completed", None, "", False),  # "Completed" in Target Date says it
        ("open", None, "Completed", True),  # the cell says Completed but it is not
    ],
)
def test_status_column_when_the_target_cell_cannot_say_the_status(
    tmp_path, status, target, target_text, column
):
    plan = a_plan()
    plan.recommendations[0].actions[0] = Action("Step.", ["A"], target, target_text, status)
    ws = export(plan, tmp_path)["Action Plan"]
    assert (ws.cell(HEADER_ROW, 7).value == "Status") is column
    if column:
        labels = {"open": "Open", "in_progress": "In progress", "completed": "Completed"}
        assert ws.cell(row_of(ws, "1"), 7).value == labels[status]


def test_progress_columns_for_returns(tmp_path):
    plan = a_plan()
    plan.recommendations[0].reason = "policy"
    first_action = plan.recommendations[0].actions[0]
    first_action.status = "in_progress"
    first_action.updates = [
        Update("2030-01-10", "open", "Plans drawn up."),
        Update("2030-03-02", "in_progress", "Builders on site."),
    ]
    ws = export(plan, tmp_path, progress_columns=True)["Action Plan"]
    assert [c.value for c in ws[HEADER_ROW]] == [
        *HEADERS,
        "Reason",
        "Status",
        "Latest update",
        "Updated on",
    ]
    first = row_of(ws, "1")
    assert [ws.cell(first + 1, c).value for c in range(7, 11)] == [None, "Open", None, None]
    assert [ws.cell(first, c).value for c in range(7, 11)] == [
        "Policy",
        "In progress",
        "Builders on site.",
        "2 March 2030",
    ]
    statuses = next(v for v in ws.data_validations.dataValidation if "H" in str(v.sqref))
    assert statuses.formula1 == '"Open,In progress,Completed"'


# -- a workbook people can work in --------------------------------------------------------


def test_styles_wrap_and_heights(tmp_path):
    plan = a_plan()
    long_text = "A recommendation long enough to need several lines in its cell. " * 12
    plan.recommendations[0].text = long_text.strip()
    ws = export(plan, tmp_path)["Action Plan"]
    header = ws.cell(HEADER_ROW, 1)
    assert header.font.b and header.fill.fgColor.rgb.endswith("1F3864")
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    first = row_of(ws, "1")
    body = ws.cell(first, 2)
    assert body.alignment.wrap_text and body.alignment.vertical == "top"
    assert body.border.left.style == "thin"
    assert ws.cell(first + 1, 2).border.left.style == "thin"  # merged cells keep the box
    # 780 characters in a 40-wide column (about 52 to a line): 15 or more lines over two rows
    two_rows = ws.row_dimensions[first].height + ws.row_dimensions[first + 1].height
    assert two_rows >= 15 * 13
    assert ws.column_dimensions["D"].width > ws.column_dimensions["F"].width


def test_decision_drop_down(tmp_path):
    ws = export(a_plan(), tmp_path)["Action Plan"]
    (decisions,) = ws.data_validations.dataValidation
    assert decisions.type == "list"
    assert decisions.formula1 == '"' + ",".join(DECISIONS) + '"'
    assert str(decisions.sqref) == f"C{HEADER_ROW + 1}:C{row_of(ws, '3') + 1}"
    assert decisions.showErrorMessage


def test_print_setup(tmp_path):
    wb = export(a_plan(), tmp_path)
    ws = wb["Action Plan"]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # "9"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.oddFooter.center.text == "Page &P of &N"
    assert wb.properties.title == "Action Plan: HMP Thematic"
    assert wb.properties.creator == "actionplans"
    assert wb.properties.version


def test_protective_marking_on_every_printed_page_not_in_the_cells(tmp_path):
    wb = export(a_plan(marking="OFFICIAL-SENSITIVE & PERSONAL"), tmp_path)
    for ws in wb:
        assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE && PERSONAL"
        assert ws.oddFooter.left.text == "OFFICIAL-SENSITIVE && PERSONAL"
        assert ws.oddFooter.center.text == "Page &P of &N"
    cells = [v for row in rows(wb["Action Plan"]) for v in row if isinstance(v, str)]
    assert not any("OFFICIAL" in v for v in cells)
    assert not export(a_plan(), tmp_path)["Action Plan"].oddHeader.center.text


@pytest.mark.parametrize(
    "text", ["=1+1", '=HYPERLINK("http://x","y")', "+44 20", "-5", "@A1", "#N/A"]
)
def test_text_that_looks_like_a_formula_stays_text(tmp_path, text):
    plan = Plan(
        text,
        recommendations=[
            Recommendation("1", text, actions=[Action(text, [text], None, text)]),
            Recommendation("2", "\ttabbed", actions=[Action("\rreturn", ["x"])]),
        ],
    )
    path = tmp_path / "plan.xlsx"
    write_xlsx(plan, path)
    ws = openpyxl.load_workbook(path)["Action Plan"]
    first = row_of(ws, "1")
    for cell in [ws["A1"], *ws[first][1:6]]:
        if cell.value is not None:  # "#N/A" would be an error cell; it needs no quote prefix
            assert (cell.value, cell.data_type) == (text, "s")
            assert cell.quotePrefix is (text != "#N/A")
    second = row_of(ws, "2")
    for cell in (ws.cell(second, 2), ws.cell(second, 4)):
        assert cell.data_type == "s" and cell.quotePrefix
    # and no formula anywhere in the saved XML
    raw = openpyxl.reader.excel.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in raw


def test_control_characters_are_dropped_not_a_crash(tmp_path):
    plan = Plan("T", recommendations=[Recommendation("1", "bell\x07 and null\x00 here")])
    ws = export(plan, tmp_path)["Action Plan"]
    assert ws.cell(row_of(ws, "1"), 2).value == "bell and null here"


# -- writing safely -----------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"the old workbook")

    real_save = openpyxl.Workbook.save

    def broken_save(self, file):
        real_save(self, file)
        file.truncate(100)  # half a workbook, then the failure
        raise RuntimeError("disk went away")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(RuntimeError):
        write_xlsx(a_plan(), path)
    assert path.read_bytes() == b"the old workbook"
    assert os.listdir(tmp_path) == ["plan.xlsx"]


def test_read_only_file_is_refused_and_kept(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"keep me")
    path.chmod(0o444)
    with pytest.raises(BadInput, match=r"plan\.xlsx: the file is read-only"):
        write_xlsx(a_plan(), path)
    assert path.read_bytes() == b"keep me"


def test_read_only_folder_gives_bad_input(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores permissions: make the folder refuse instead
        import tempfile

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(BadInput, match="cannot write in"):
        write_xlsx(a_plan(), folder / "plan.xlsx")
    assert not any(folder.iterdir())


def test_file_locked_by_another_program_gives_bad_input(tmp_path, monkeypatch):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(BadInput, match="open in another program"):
        write_xlsx(a_plan(), path)
    assert path.read_bytes() == b"open in Excel"
    assert os.listdir(tmp_path) == ["plan.xlsx"]


def test_text_too_long_for_a_cell_is_refused_before_writing(tmp_path):
    plan = a_plan()
    plan.recommendations[1].actions[0].text = "x" * 40_000
    with pytest.raises(BadInput, match="recommendation 2 has a text of 40,000 characters"):
        write_xlsx(plan, tmp_path / "plan.xlsx")
    assert not any(tmp_path.iterdir())


def test_export_plan_picks_the_workbook_writer(tmp_path):
    path = export_plan(a_plan(), tmp_path / "plan.xlsx", progress_columns=True)
    ws = openpyxl.load_workbook(path)["Action Plan"]
    assert ws.cell(HEADER_ROW, 9).value == "Updated on"  # six, Status, Latest update, ...


# -- round trip through the importer ------------------------------------------------------


@pytest.mark.parametrize("progress", [False, True])
@pytest.mark.parametrize("name", SAMPLES)
def test_samples_import_back_unchanged(tmp_path, name, progress):
    plan = sample(name)
    path = tmp_path / f"{name}.xlsx"
    write_xlsx(plan, path, progress_columns=progress)
    result = read_template(path)
    assert result.plan == plan
    assert not result.errors


def test_an_empty_draft_imports_back_unchanged(tmp_path):
    plan = Plan("A draft with no recommendations yet")
    write_xlsx(plan, tmp_path / "draft.xlsx")
    result = read_template(tmp_path / "draft.xlsx")
    assert (result.plan, result.findings) == (plan, [])


# Plans as the template can hold them (see the report of issue 5 for what it cannot):
# text the importer keeps as it is (no markup, bullets or doubled spaces), targets written
# in words it reads, sections that never fall back to none, and every action after the first
# with an owner of its own (a row without owner or target continues the row above).
_letters = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ŵŷé’–")
_word = st.text(_letters | st.sampled_from(".,;:()'/?!=+@-"), min_size=1, max_size=8)
_LABEL_LIKE = re.compile(r"^(?:action plan |date |the |report )*(?:submitted|published|a response)")
_SUMMARY_WORDS = {"recommendations", "summary", "totals", "total", "undecided"}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _plain(text: str) -> bool:
    """Not a bullet item, a labelled line or a summary line when the importer reads it."""
    words = _words(text)
    return (
        not re.match(r"[-*–] ", text)
        and not _LABEL_LIKE.match(words)
        and words not in _SUMMARY_WORDS | {d.lower() for d in DECISIONS}
    )


line = st.lists(_word, min_size=2, max_size=6).map(" ".join).filter(_plain)
paragraphs = st.lists(line, min_size=1, max_size=3).map("\n".join)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
targets = st.one_of(
    st.just((None, "")),
    st.just(("ongoing", "Ongoing")),
    days.map(lambda d: (d.strftime("%Y-%m"), f"{MONTHS[d.month - 1]} {d.year}")),
    days.map(lambda d: (d.isoformat(), d.strftime("%d/%m/%Y"))),
    days.map(lambda d: (d.strftime("%Y-%m"), f"{MONTHS[d.month - 1]} {d.year}; Ongoing")),
)


@st.composite
def actions(draw, first: bool) -> Action:
    target, target_text = draw(targets)
    status = draw(st.sampled_from(STATUSES))
    if status == "completed" and not target_text:
        target_text = "Completed"  # what the cell says, and so what comes back
    owners = draw(st.lists(line, min_size=0 if first else 1, max_size=3))
    text = draw(paragraphs | st.just("")) if owners or target_text else draw(paragraphs)
    if "; " in target_text and len(text.split("\n")) == 2:
        text = text.split("\n")[0]  # two date lines beside two paragraphs are two actions
    return Action(text, owners, target, target_text, status)


@st.composite
def recommendations(draw, section: str | None) -> Recommendation:
    count = draw(st.integers(0, 3))
    return Recommendation(
        ref=draw(st.from_regex(r"\A(?:[1-9]\d?(?:\.\d)?[a-c]?|[1-9]\([a-c]\))\Z")),
        text=draw(paragraphs),
        section=section,
        decision=draw(st.none() | st.sampled_from(DECISIONS)),
        reason=draw(st.none() | st.sampled_from(REASONS)),
        actions=[draw(actions(first=i == 0)) for i in range(count)],
    )


@st.composite
def plans(draw) -> Plan:
    title, notice = draw(line), draw(st.none() | line)
    furniture = {_words(title), _words(notice or "")}  # rows repeating these are skipped
    sections = draw(st.lists(line.filter(lambda s: _words(s) not in furniture), max_size=3))
    recs = []
    for section in [None, *sections] if draw(st.booleans()) else sections or [None]:
        recs += draw(st.lists(recommendations(section), min_size=1, max_size=3))
    report = line.filter(lambda s: not re.match(r"the\s|[:\-–]", s, re.I))
    return Plan(
        title=title,
        responds_to=draw(st.none() | report),
        report_published=draw(st.none() | days.map(date.isoformat)),
        submitted=draw(st.none() | days.map(date.isoformat)),
        notice=notice,
        recommendations=recs,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), progress=st.booleans())
def test_generated_plans_import_back_unchanged(tmp_path_factory, plan, progress):
    path = tmp_path_factory.mktemp("roundtrip") / "plan.xlsx"
    write_xlsx(plan, path, progress_columns=progress)
    result = read_template(path)
    assert result.plan == plan
    assert not result.errors
