"""Returns per owner: written, filled in as an owner would, read back as dated updates."""

from datetime import date, datetime

import openpyxl
import pytest

from cli import main
from exporters.returns import HEADERS, write_returns
from importers.returns import pending_updates, read_return
from storage import edits
from storage.model import Action, Plan, Recommendation
from storage.monitoring import find_action
from storage.store import Store

TODAY = date(2026, 11, 22)


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
        "return-Local-Authority.xlsx",
        "return-Prison-Directorate.xlsx",
        "return-Welsh-Government.xlsx",
    ]
    ws = openpyxl.load_workbook(paths["return-Prison-Directorate.xlsx"]).active
    assert ws["A1"].value == "Progress return: Action Plan: Social care"
    assert ws["A2"].value == "Owner: Prison Directorate"
    assert [c.value for c in ws[5]] == list(HEADERS)
    rows = [[c.value for c in row][:5] for row in ws.iter_rows(min_row=6)]
    assert rows == [  # the completed action is not sent out
        ["1", 1, "Lead coordination.", "Draft strategy", "March 2027"],
        ["2", 2, "Sign MOUs.", "Assure the MOU", "September 2027"],
    ]
    assert all(c.value is None for row in ws.iter_rows(min_row=6, min_col=6) for c in row)
    assert (
        ws.data_validations.dataValidation[0].formula1 == '"Open,In progress,Completed,Superseded"'
    )
    welsh = openpyxl.load_workbook(paths["return-Welsh-Government.xlsx"]).active
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
    path = paths["return-Prison-Directorate.xlsx"]
    fill(
        path,
        {
            6: {
                "Status": "In progress",
                "Progress update": "Drafted, out to consultation",
                "Date of update": datetime(2026, 11, 1),
            },
            7: {
                "Status": "Completed",
                "Progress update": "Assured",
                "Evidence (needed to complete)": "Assurance report 12/26",
                "Target Date": "Q3 2027/28",
            },
        },
    )
    status, out = run(db_path, "import", str(path), "--into", "1", "--dry-run", capsys=capsys)
    assert status == 0
    assert "1.1: in progress, 'Drafted, out to consultation'" in out.out
    assert "2.2: completed, 'Assured', target moved September 2027 -> December 2027" in out.out
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
    path = paths["return-Prison-Directorate.xlsx"]
    fill(
        path,
        {
            6: {"Status": "In progress", "Progress update": "Fine"},
            7: {"Status": "Completed", "Progress update": "Done, trust me"},
        },
    )
    status, out = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert "Row 7: an action marked Completed needs evidence of completion." in out.err
    assert "column H" in out.err
    assert all(
        not a.updates
        for r in Store.open(db_path).get_plan(plan_id).recommendations
        for a in r.actions
    )


def test_unknown_actions_and_statuses_are_errors(setup, db_path, capsys):
    _, _, paths = setup
    path = paths["return-Local-Authority.xlsx"]
    fill(path, {6: {"Status": "Maybe"}, 7: {"Rec No": "9", "Action No": 1, "Status": "Open"}})
    status, out = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert "Row 6: 'maybe' is not a status" in out.err
    assert "Row 7: Recommendation 9 has no action 1" in out.err


def test_an_untouched_return_records_nothing(setup, db_path, capsys):
    store, plan_id, paths = setup
    status, out = run(
        db_path, "import", str(paths["return-Local-Authority.xlsx"]), "--into", "1", capsys=capsys
    )
    assert status == 0 and "0 update(s)" in out.out
    assert edits.get_action(store, find_action(store, plan_id, "2", 1)).updates == []


def test_matching_a_return_to_a_plan_leaves_the_return_as_read(setup):
    store, plan_id, paths = setup
    path = paths["return-Local-Authority.xlsx"]
    fill(path, {6: {"Status": "In progress"}, 7: {"Rec No": "9", "Action No": 1, "Status": "Open"}})
    returned = read_return(path)
    for _ in range(2):  # the window matches again whenever another plan is chosen
        pending, findings = pending_updates(store, plan_id, returned)
        assert [u.label for u in pending] == ["2.1"]
        assert [f.message for f in findings] == [
            "Row 7: Recommendation 9 has no action 1 in this plan."
        ]
    assert returned.findings == []
