"""`actionplans import FILE --into PLAN` with returns as partners send them back."""

import pytest

from actionplans.cli import main
from tests.support.plans import db_state

HEADER = (
    "Rec No,Recommendation,Agreed/Partly Agreed/Not Agreed,Response,Responsible Owner,Target Date"
)
MASTER = f"""Action Plan: HMP Oldtown
{HEADER}
Strategic,,,,,
1,The governor should publish a strategy.,Agreed,Write the strategy.,Governor,March 2030
2a,The LA should sign an MoU.,Agreed,Sign the MoU.,Local Authority,June 2030
,,,Review the MoU yearly.,Head of Healthcare,June 2031
3,Staff should be trained.,Partly Agreed,Train staff.,Head of Learning,Ongoing
"""


@pytest.fixture
def cli(cli, tmp_path):
    """The command, on a database holding the master plan."""
    (tmp_path / "master.csv").write_text(MASTER, encoding="utf-8")
    assert cli("import", str(tmp_path / "master.csv"))[0] == 0
    return cli


def write(tmp_path, text: str, name: str = "return.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_return_with_blank_cells_and_a_renumbered_rec_changes_only_what_it_says(
    cli, tmp_path, db_path
):
    returned = write(
        tmp_path,
        f"""Action Plan: HMP Oldtown
{HEADER}
1,The governor should publish a strategy.,,Write the strategy.,,
2.1,The LA should sign an MoU.,Agreed,Sign the MoU.,Local Authority,Completed
3,Staff should be trained.,Partly Agreed,Train staff.,Head of Learning,Ongoing
""",
    )
    before = db_state(db_path)
    status, out, err = cli("import", str(returned), "--into", "action plan: hmp old", "--dry-run")
    assert status == 0, err
    assert out.splitlines() == [
        "Changes to 'Action Plan: HMP Oldtown':",
        "",
        "Recommendation 2a: Rec No: 2a -> 2.1",
        "Recommendation 2a, action 1: target: June 2030 -> Completed",
        "Recommendation 2a, action 1: status: open -> completed",
        "Recommendation 2a: action 2 is not in the return, left as it is",
    ]
    assert db_state(db_path) == before  # a dry run writes nothing, not even a backup
    assert cli("import", str(returned), "--into", "1")[0] == 0
    _, out, _ = cli("show", "1")
    assert "Strategic" in out and "1  Agreed" in out and "Governor - March 2030" in out
    assert "2.1  Agreed" in out and "Local Authority - Completed [completed]" in out
    assert "2. Head of Healthcare - June 2031" in out


def test_a_return_for_another_plan_is_refused_and_nothing_changes(cli, tmp_path, db_path):
    other = write(
        tmp_path,
        f"""Action Plan: HMP Newtown
{HEADER}
1,Healthcare should be audited.,Not Agreed,No.,Board,March 2030
2a,Visits should be longer.,Agreed,Longer visits.,Governor,June 2030
""",
    )
    before = db_state(db_path)
    status, out, err = cli("import", str(other), "--into", "1", "--dry-run")
    assert status == 2 and out.splitlines()[2].startswith(
        "This return is not for 'Action Plan: HMP Oldtown'"
    )
    status, out, err = cli("import", str(other), "--into", "1")
    assert status == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "return.csv: This return is not for 'Action Plan: HMP Oldtown'" in err
    assert db_state(db_path) == before


def test_a_decision_changed_to_nonsense_merges_nothing(cli, tmp_path, db_path):
    bad = write(
        tmp_path,
        f"""Action Plan: HMP Oldtown
{HEADER}
1,The governor should publish a strategy.,Maybe,Write the strategy.,Governor,March 2030
3,Staff should be trained.,Not Agreed,Train staff.,Head of Learning,Ongoing
""",
    )
    before = db_state(db_path)
    status, _, err = cli("import", str(bad), "--into", "1")
    assert status == 2 and "'Maybe' is not a decision" in err and "row 3" in err
    assert db_state(db_path) == before


def test_a_progress_return_for_another_plan_records_nothing(db_path, tmp_path, capsys):
    import openpyxl

    from actionplans.exporters.returns import HEADER_ROW, HEADERS, write_returns
    from actionplans.storage.store import Store
    from tests.support.plans import db_state, make_plan

    store = Store.open(db_path)
    first = store.add_plan(make_plan("Action Plan: HMP Oldtown"))
    store.add_plan(make_plan("Action Plan: HMP Newtown"))  # the same Rec Nos and actions
    path = write_returns(store.get_plan(first), tmp_path / "returns")[0]
    book = openpyxl.load_workbook(path)
    book.active.cell(HEADER_ROW + 1, HEADERS.index("Status") + 1, "In progress")
    book.save(path)
    before = db_state(db_path)
    status = main(["--db", str(db_path), "import", str(path), "--into", "action plan: hmp new"])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert "written for 'Action Plan: HMP Oldtown'" in err
    assert db_state(db_path) == before
    assert store.conn.execute("SELECT count(*) FROM updates").fetchone() == (0,)
