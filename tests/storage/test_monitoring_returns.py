"""Owners' returns as they really come back: filled in by hand, sent twice, sent to the wrong
plan, or answering an action the plan has since lost. Nothing is recorded on the wrong action
and nothing is recorded twice."""

from datetime import date, datetime

import openpyxl
import pytest

from actionplans.cli import main
from actionplans.exporters.returns import HEADERS, write_returns
from actionplans.storage import edits
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.monitoring import find_action
from actionplans.storage.store import Store

SENT = date(2026, 6, 1)


def owners_plan(title: str = "Action Plan: Social care") -> Plan:
    return Plan(
        title,
        recommendations=[
            Recommendation(
                "1",
                "Lead coordination.",
                decision="Agreed",
                actions=[
                    Action(
                        "Draft strategy", ["O'Brien / Health & Wellbeing"], "2027-03", "March 2027"
                    ),
                    Action(
                        "Consult boards", ["O'Brien / Health & Wellbeing"], "ongoing", "Ongoing"
                    ),
                    Action("Publish strategy", ["O'Brien / Health & Wellbeing"], None, ""),
                ],
            ),
            Recommendation(
                "2",
                "Sign MOUs.",
                decision="Agreed",
                actions=[Action("Sign the MOU", ["Local Authority"], "2027-06-30", "30/06/2027")],
            ),
        ],
    )


@pytest.fixture
def sent(db_path, tmp_path):
    """The plan in the database and the owner's return as sent on 1 June 2026."""
    store = Store.open(db_path)
    plan_id = store.add_plan(owners_plan())
    paths = write_returns(store.get_plan(plan_id), tmp_path / "returns", today=SENT)
    by_name = {p.name: p for p in paths}
    return store, plan_id, by_name["return-Social-care-O-Brien-Health-Wellbeing.xlsx"]


def fill(path, rows: dict[int, dict[str, object]]) -> None:
    """Type into the return as an owner would, a cell at a time."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row, cells in rows.items():
        for header, value in cells.items():
            ws.cell(row, HEADERS.index(header) + 1).value = value  # None clears the cell
    wb.save(path)


def run(db_path, *args, capsys):
    status = main(["--db", str(db_path), *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def updates_in(db_path) -> list[tuple]:
    store = Store.open(db_path)
    return store.conn.execute("SELECT action_id, on_date, status, text FROM updates").fetchall()


def typed_return(path) -> None:
    fill(
        path,
        {
            7: {
                "Status": "in progress",
                "Progress update": "Draft out to consultation",
                "Target Date": "31/03/2027",
                "Date of update": "15/06/2026",
            },
            8: {},  # left empty: nothing to say on the ongoing action
            9: {
                "Status": "Complete",
                "Progress update": "Published",
                "Evidence (needed to complete)": "Strategy on the intranet",
                "Date of update": datetime(2026, 6, 14),
            },
        },
    )


def test_a_return_typed_by_hand_is_recorded_once(sent, db_path, capsys):
    store, plan_id, path = sent
    typed_return(path)
    status, out, _ = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 0 and "Recorded 2 update(s)" in out
    draft = edits.get_action(store, find_action(store, plan_id, "1", 1))
    assert (draft.status, draft.latest.on_date) == ("in_progress", "2026-06-15")
    # "31/03/2027" for a March 2027 target is the day it always meant: no slippage
    assert "slippage" not in out and draft.latest.target_to is None
    assert (draft.target, draft.target_text) == ("2027-03", "March 2027")
    published = edits.get_action(store, find_action(store, plan_id, "1", 3))
    assert published.status == "completed"
    assert published.latest.evidence == "Strategy on the intranet"


def test_the_same_return_imported_twice_is_refused_the_second_time(sent, db_path, capsys):
    _, _, path = sent
    typed_return(path)
    assert run(db_path, "import", str(path), "--into", "1", capsys=capsys)[0] == 0
    before = updates_in(db_path)
    status, _, err = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert "This return is already recorded: its 2 update(s) were imported on" in err
    assert "nothing recorded" in err
    assert updates_in(db_path) == before


def test_a_return_sent_again_with_a_row_added_names_the_rows_already_recorded(
    sent, db_path, capsys
):
    _, _, path = sent
    typed_return(path)
    run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    before = updates_in(db_path)
    fill(path, {8: {"Status": "In progress", "Progress update": "Two boards consulted"}})
    status, _, err = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert "Row 7: this update to 1.1 is already recorded" in err
    assert "Row 9: this update to 1.3 is already recorded" in err
    assert "Row 8" not in err
    assert updates_in(db_path) == before


def test_the_same_words_in_next_meetings_return_are_a_new_update(sent, db_path, capsys, tmp_path):
    store, plan_id, path = sent
    fill(path, {8: {"Status": "In progress", "Progress update": "No change"}})
    assert run(db_path, "import", str(path), "--into", "1", capsys=capsys)[0] == 0
    # the next cycle: a new return, sent months later, with the owner's usual undated "No change"
    later = write_returns(store.get_plan(plan_id), tmp_path / "next", today=date(2099, 1, 5))
    again = next(p for p in later if p.name == "return-Social-care-O-Brien-Health-Wellbeing.xlsx")
    fill(again, {8: {"Status": "In progress", "Progress update": "No change"}})
    status, out, _ = run(db_path, "import", str(again), "--into", "1", capsys=capsys)
    assert status == 0 and "Recorded 1 update(s)" in out
    assert len(edits.get_action(store, find_action(store, plan_id, "1", 2)).updates) == 2


def test_a_return_imported_into_another_plan_is_refused(sent, db_path, capsys):
    store, _, path = sent
    other = store.add_plan(
        Plan(
            "Action Plan: Healthcare", recommendations=[Recommendation("1", actions=[Action("X")])]
        )
    )
    typed_return(path)
    status, _, err = run(db_path, "import", str(path), "--into", str(other), capsys=capsys)
    assert status == 2
    assert "This return was written for 'Action Plan: Social care'" in err
    assert "Row " not in err  # its rows were never matched to the other plan's actions
    assert updates_in(db_path) == []


def test_a_row_for_an_action_deleted_since_the_return_was_sent_is_refused(sent, db_path, capsys):
    store, plan_id, path = sent
    edits.delete_action(store, find_action(store, plan_id, "1", 1))  # 1.2 is now 1.1
    fill(path, {7: {"Status": "In progress", "Progress update": "Drafting"}})
    status, _, err = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert "Row 7: action 1.1 now reads 'Consult boards', not 'Draft strategy'" in err
    assert updates_in(db_path) == []


def test_an_update_on_a_row_whose_rec_no_was_cleared_is_named(sent, db_path, capsys):
    _, _, path = sent
    fill(path, {7: {"Rec No": None, "Status": "In progress", "Progress update": "Drafting"}})
    status, _, err = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert "Row 7: an update with no Rec No" in err
    assert updates_in(db_path) == []


def test_an_update_dated_after_today_is_refused(sent, db_path, capsys):
    _, _, path = sent
    fill(path, {7: {"Status": "In progress", "Date of update": "15/12/2099"}})
    status, _, err = run(db_path, "import", str(path), "--into", "1", capsys=capsys)
    assert status == 2
    assert "Row 7: the update is dated 15 December 2099, after today" in err
    assert "column M" in err
    status, _, err = run(
        db_path, "update", "1", "1", "1", "--status", "open", "--date", "2099-12-15", capsys=capsys
    )
    assert status == 2 and "15 December 2099 is after today" in err
    assert updates_in(db_path) == []


def test_a_shared_action_moved_by_one_owner_is_not_moved_back_by_anothers_return(
    db_path, tmp_path, capsys
):
    store = Store.open(db_path)
    plan = owners_plan()
    plan.recommendations[1].actions[0].owners.append("Prison Directorate")
    plan_id = store.add_plan(plan)
    paths = {p.name: p for p in write_returns(store.get_plan(plan_id), tmp_path, today=SENT)}
    fill(paths["return-Social-care-Local-Authority.xlsx"], {7: {"Target Date": "30/09/2027"}})
    assert (
        run(
            db_path,
            "import",
            str(paths["return-Social-care-Local-Authority.xlsx"]),
            "--into",
            "1",
            capsys=capsys,
        )[0]
        == 0
    )
    # the other owner's return still shows the target as sent, untouched; one row has news
    prison = paths["return-Social-care-Prison-Directorate.xlsx"]
    fill(prison, {7: {"Status": "In progress", "Progress update": "Draft agreed"}})
    status, out, _ = run(db_path, "import", str(prison), "--into", "1", capsys=capsys)
    assert status == 0 and "slippage" not in out
    mou = edits.get_action(store, find_action(store, plan_id, "2", 1))
    assert (mou.target, mou.status, mou.latest.target_to) == ("2027-09-30", "in_progress", None)
