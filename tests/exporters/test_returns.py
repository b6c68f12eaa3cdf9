"""Returns per owner: written, filled in as an owner would, read back as dated updates."""

from datetime import date, datetime

import openpyxl
import pytest

from actionplans.cli import main
from actionplans.exporters.returns import HEADER_ROW, HEADERS, write_returns
from actionplans.importers.returns import pending_updates, read_return
from actionplans.storage import edits
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.monitoring import find_action
from actionplans.storage.store import Store

TODAY = date(2026, 11, 22)
ROW1, ROW2 = HEADER_ROW + 1, HEADER_ROW + 2


def returned_plan() -> Plan:
    return Plan(
        "Action Plan: Social care",
        recommendations=[
            Recommendation(
                "1",
                "Lead coordination.",
                decision="Agreed",
                actions=[
                    Action(
                        "Draft strategy",
                        ["Prison Directorate", "=Welsh Government"],
                        "2027-03",
                        "March 2027",
                    ),
                    Action(
                        "Publish guidance",
                        ["Prison Directorate"],
                        None,
                        "Completed",
                        status="completed",
                    ),
                ],
            ),
            Recommendation(
                "2",
                "Sign MOUs.",
                decision="Agreed",
                actions=[
                    Action("Sign the MOU", ["Local Authority"], "2027-06-30", "30/06/2027"),
                    Action("Assure the MOU", ["Prison Directorate"], "2027-09", "September 2027"),
                ],
            ),
        ],
    )


@pytest.fixture
def setup(db_path, tmp_path):
    store = Store.open(db_path)
    plan_id = store.add_plan(returned_plan())
    paths = write_returns(store.get_plan(plan_id), tmp_path / "returns", today=TODAY)
    return store, plan_id, {p.name: p for p in paths}


def test_one_workbook_per_owner_with_their_open_actions(setup):
    _, _, paths = setup
    assert sorted(paths) == [
        "return-Social-care-Local-Authority.xlsx",
        "return-Social-care-Prison-Directorate.xlsx",
        "return-Social-care-Welsh-Government.xlsx",
    ]
    ws = openpyxl.load_workbook(paths["return-Social-care-Prison-Directorate.xlsx"]).active
    assert ws["A1"].value == "Progress return: Action Plan: Social care"
    assert ws["A2"].value == "Owner: Prison Directorate"
    assert [c.value for c in ws[HEADER_ROW]] == list(HEADERS)
    rows = [[c.value for c in row][:8] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert rows == [  # the completed action is not sent out; the co-owner is named
        [
            "1",
            1,
            "Draft strategy",
            "=Welsh Government",
            "March 2027",
            "Open\nGreen",
            "No update yet.",
            None,
        ],
        ["2", 2, "Assure the MOU", None, "September 2027", "Open\nGreen", "No update yet.", None],
    ]
    fill_columns = range(HEADERS.index("Status") + 1, len(HEADERS) + 1)
    assert all(ws.cell(r, c).value is None for r in (7, 8) for c in fill_columns)
    assert [v.formula1 for v in ws.data_validations.dataValidation] == [
        '"Open,In progress,Completed,Superseded"',
        '"Red,Amber,Green"',
        "36526",
    ]
    assert ws.protection.sheet and not ws.protection.password
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.cell(7, 3).font.size >= 10
    # the whole row fits the page at about full size: printed text stays at 9 pt or more
    assert sum(ws.column_dimensions[c].width for c in "ABCDEFGHIJKLM") <= 155
    assert not ws.cell(7, HEADERS.index("Status") + 1).protection.locked
    assert ws.cell(7, HEADERS.index("Action") + 1).protection.locked
    welsh = openpyxl.load_workbook(paths["return-Social-care-Welsh-Government.xlsx"]).active
    assert welsh["A2"].value == "Owner: =Welsh Government" and welsh["A2"].data_type == "s"


def fill(path, rows: dict[int, dict[str, object]]):
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row, cells in rows.items():
        for header, value in cells.items():
            ws.cell(row, HEADERS.index(header) + 1, value)
    wb.save(path)


def run(db_path, *args, capsys):
    status = main(["--db", str(db_path), *args])
    return status, capsys.readouterr()


def test_a_filled_return_is_recorded_as_updates_and_slippage(setup, db_path, capsys):
    store, plan_id, paths = setup
    path = paths["return-Social-care-Prison-Directorate.xlsx"]
    fill(
        path,
        {
            ROW1: {
                "Status": "In progress",
                "Progress update": "Drafted, out to consultation",
                "Date of update": datetime(2026, 11, 1),
            },
            ROW2: {
                "Status": "Completed",
                "Progress update": "Assured",
                "Evidence (needed to complete)": "Assurance report 12/26",
                "Target Date": "Q3 2027/28",
            },
        },
    )
    status, out = run(db_path, "import", str(path), "--into", "1", "--dry-run", capsys=capsys)
    assert status == 0
    assert (
        "1.1 Draft strategy\n    status: open -> in progress\n"
        "    progress: (none) -> Drafted, out to consultation\n    dated: 1 November 2026"
    ) in out.out
    assert (
        "2.2 Assure the MOU\n    status: open -> completed\n    progress: (none) -> Assured\n"
        "    evidence: Assurance report 12/26\n"
        "    target: September 2027 -> December 2027 (slippage)"
    ) in out.out
    assert store.get_plan(plan_id).recommendations[0].actions[0].updates == []
    status, out = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 0 and "Recorded 2 update(s)" in out.out
    plan = Store.open(db_path).get_plan(plan_id)
    first = plan.recommendations[0].actions[0]
    assert (first.status, first.latest.on_date, first.latest.text) == (
        "in_progress",
        "2026-11-01",
        "Drafted, out to consultation",
    )
    assured = plan.recommendations[1].actions[1]
    assert assured.status == "completed" and assured.latest.evidence == "Assurance report 12/26"
    assert (assured.target, assured.target_text) == ("2027-12", "Q3 2027/28")
    assert (assured.latest.target_from, assured.latest.target_to) == ("2027-09", "2027-12")
    assert plan.recommendations[1].actions[1].text == "Assure the MOU"  # never edits the text


def test_a_bad_row_names_its_row_and_records_nothing(setup, db_path, capsys):
    store, plan_id, paths = setup
    path = paths["return-Social-care-Prison-Directorate.xlsx"]
    fill(
        path,
        {
            ROW1: {"Status": "In progress", "Progress update": "Fine"},
            ROW2: {"Status": "Completed", "Progress update": "Done, trust me"},
        },
    )
    status, out = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert f"Row {ROW2}: an action marked Completed needs evidence of completion." in out.err
    assert "column L" in out.err
    assert all(
        not a.updates
        for r in Store.open(db_path).get_plan(plan_id).recommendations
        for a in r.actions
    )


def test_unknown_actions_and_statuses_are_errors(setup, db_path, capsys):
    _, _, paths = setup
    path = paths["return-Social-care-Local-Authority.xlsx"]
    fill(path, {ROW1: {"Status": "Maybe"}, ROW2: {"Rec No": "9", "Action No": 1, "Status": "Open"}})
    status, out = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert f"Row {ROW1}: 'maybe' is not a status" in out.err
    assert f"Row {ROW2}: Recommendation 9 has no action 1" in out.err


def test_an_untouched_return_records_nothing(setup, db_path, capsys):
    store, plan_id, paths = setup
    status, out = run(
        db_path,
        "import",
        str(paths["return-Social-care-Local-Authority.xlsx"]),
        "--into",
        "1",
        capsys=capsys,
    )
    assert status == 0 and "0 update(s)" in out.out
    assert edits.get_action(store, find_action(store, plan_id, "2", 1)).updates == []


def test_matching_a_return_to_a_plan_leaves_the_return_as_read(setup):
    store, plan_id, paths = setup
    path = paths["return-Social-care-Local-Authority.xlsx"]
    fill(
        path,
        {ROW1: {"Status": "In progress"}, ROW2: {"Rec No": "9", "Action No": 1, "Status": "Open"}},
    )
    returned = read_return(path)
    for _ in range(2):  # the window matches again whenever another plan is chosen
        pending, findings = pending_updates(store.get_plan(plan_id), returned)
        assert [u.label for u in pending] == ["2.1"]
        assert [f.message for f in findings] == [
            f"Row {ROW2}: Recommendation 9 has no action 1 in this plan."
        ]
    assert returned.findings == []


def test_a_long_action_is_shortened_to_what_a_row_shows_and_still_matched(db_path, tmp_path):
    long_text = "Work with partners to agree the protocol. " * 30
    store = Store.open(db_path)
    plan_id = store.add_plan(
        Plan(
            "Action Plan: Long",
            recommendations=[
                Recommendation("1", "R.", decision="Agreed", actions=[Action(long_text, ["LA"])])
            ],
        )
    )
    (path,) = write_returns(store.get_plan(plan_id), tmp_path, today=TODAY)
    shown = openpyxl.load_workbook(path).active.cell(ROW1, HEADERS.index("Action") + 1).value
    assert shown.endswith(" …") and len(shown) <= 362 and long_text.startswith(shown[:-2])
    fill(path, {ROW1: {"Status": "In progress", "Progress update": "Draft agreed"}})
    pending, findings = pending_updates(store.get_plan(plan_id), read_return(path, today=TODAY))
    assert findings == [] and [u.label for u in pending] == ["1.1"]
