"""The `actionplans` command, run in-process against a temporary database."""

import json
import subprocess
import sys

import pytest

from actionplans.cli import main
from actionplans.exporters.plan_json import write_plan_json
from actionplans.storage.store import Store
from tests.support.plans import make_plan


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    write_plan_json(make_plan("Action Plan: Social care"), path)
    return path


def snapshot(db_path):
    store = Store.open(db_path)
    try:
        return [store.get_plan(row.id) for row in store.list_plans()]
    finally:
        store.close()


def test_import_then_export_gives_back_the_same_document(cli, plan_file, tmp_path):
    assert cli("import", str(plan_file))[0] == 0
    status, out, _ = cli("export", "Action Plan: Soc", "-o", str(tmp_path / "out.json"))
    assert status == 0 and "Wrote" in out
    assert json.loads((tmp_path / "out.json").read_text("utf-8")) == json.loads(
        plan_file.read_text("utf-8")
    )


def test_list_json_show_search_and_owners(cli, plan_file):
    cli("import", str(plan_file))
    status, out, _ = cli("list", "--json")
    (row,) = json.loads(out)
    assert (row["id"], row["title"], row["agreed"], row["total"]) == (
        1,
        "Action Plan: Social care",
        3,
        3,
    )
    status, out, _ = cli("show", "1")
    assert "Agreed: 3, Partly Agreed: 0, Not Agreed: 0, Undecided: 0, Total: 3" in out
    assert "Operational" in out and "March 2030" in out
    status, out, _ = cli("search", "recommendation", "2")
    assert "1:2  Action Plan: Social care" in out
    status, out, _ = cli("owners")
    assert "6 open of    6  Prison Directorate" in out
    status, out, _ = cli("owners", "owner 1")
    assert out.count("1:") == 3


def test_check_lists_each_warning_and_exits_1(cli, tmp_path):
    plan = make_plan(recs=2, actions=1)
    plan.recommendations[0].decision = "Partly Agreed"
    plan.recommendations[1].actions[0].owners = []
    plan.recommendations[1].actions[0].target = "2019-03"
    write_plan_json(plan, tmp_path / "p.json")
    cli("import", str(tmp_path / "p.json"))
    status, out, _ = cli("check", "1")
    assert status == 1
    assert "Recommendation 1 is Partly Agreed but gives no reason" in out
    assert "Recommendation 2, action 1 has no responsible owner." in out
    assert "Recommendation 2, action 1 is overdue" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not valid JSON"),
        (b'{"recommendations": []}', "plan.title is missing"),
        (b"\xff\xfe", "is not UTF-8"),
    ],
)
def test_bad_input_is_one_sentence_exit_2_and_no_change(
    cli, plan_file, tmp_path, db_path, content, message
):
    cli("import", str(plan_file))
    before = snapshot(db_path)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    status, out, err = cli("import", str(bad))
    assert status == 2
    assert message in err and str(bad) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(db_path) == before


def test_unknown_plan_and_suffix_are_clear(cli, plan_file, tmp_path):
    cli("import", str(plan_file))
    assert cli("show", "nothing")[0] == 2
    status, _, err = cli("export", "1", "-o", str(tmp_path / "plan.odp"))
    assert status == 2 and "cannot export to '.odp'" in err
    status, _, err = cli("import", str(tmp_path / "missing.json"))
    assert status == 2 and "no such file" in err


def test_dry_run_writes_nothing(cli, plan_file, db_path):
    status, out, _ = cli("import", str(plan_file), "--dry-run")
    assert status == 0 and "Action Plan: Social care" in out and "Total: 3" in out
    assert snapshot(db_path) == []


def test_merge_into_shows_and_applies_changes_with_history(cli, plan_file, tmp_path, db_path):
    cli("import", str(plan_file))
    returned = make_plan("Action Plan: Social care")
    returned.recommendations[0].decision = "Partly Agreed"
    returned.recommendations[0].reason = "affordability"
    returned.recommendations[1].actions[1].status = "completed"
    returned.recommendations[2].actions.append(
        returned.recommendations[2].actions[0].__class__("New step", ["LA"], "2031-01", "Jan 2031")
    )
    write_plan_json(returned, tmp_path / "return.json")
    status, out, _ = cli("import", str(tmp_path / "return.json"), "--into", "1", "--dry-run")
    assert "the return's decision differs and the agreed decision is kept" in out
    status, out, _ = cli(
        "import", str(tmp_path / "return.json"), "--into", "1", "--dry-run", "--edit-plan"
    )
    assert "Recommendation 1: decision: Agreed -> Partly Agreed" in out
    assert "Recommendation 2, action 2: status: open -> completed" in out
    assert "Recommendation 3: new action 'New step'" in out
    assert snapshot(db_path)[0].recommendations[0].decision == "Agreed"
    assert cli("import", str(tmp_path / "return.json"), "--into", "1", "--edit-plan")[0] == 0
    returned.short_name = "Social care"  # given at the first import; a merge keeps it
    assert snapshot(db_path)[0] == returned
    _, out, _ = cli("history", "1")
    assert "decision: 'Agreed' -> 'Partly Agreed'" in out


def test_delete_backs_up_and_restore_brings_it_back(cli, plan_file, db_path):
    cli("import", str(plan_file))
    status, out, _ = cli("delete", "1")
    assert status == 0 and snapshot(db_path) == []
    _, out, _ = cli("backups")
    names = [line.split()[0] for line in out.splitlines()]
    assert [n.rsplit("-", 1)[1] for n in names] == ["delete.sqlite3", "import.sqlite3"]
    status, out, _ = cli("restore", names[0])
    assert status == 0
    assert [p.title for p in snapshot(db_path)] == ["Action Plan: Social care"]
    _, out, _ = cli("backups")
    assert "before before-restore" in out


def test_only_the_last_ten_backups_are_kept(cli, plan_file, db_path):
    for _ in range(12):
        cli("import", str(plan_file), "--as-new")
    _, out, _ = cli("backups")
    assert len(out.splitlines()) == 10


def test_restore_refuses_a_file_that_is_not_a_database(cli, plan_file, tmp_path):
    cli("import", str(plan_file))
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk" * 1000)
    status, _, err = cli("restore", str(junk))
    assert status == 2 and "is not an actionplans database" in err


def test_light_verbs_import_neither_qt_nor_openpyxl_nor_reportlab(db_path):
    code = (
        "import sys; from actionplans.cli import main; "
        f"[main(['--db', {str(db_path)!r}, *a]) for a in (['list'], ['search', 'x'])]; "
        "heavy = [m for m in ('PySide6', 'openpyxl', 'reportlab') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_version():
    out = subprocess.run(
        [sys.executable, "-m", "cli", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("actionplans ")


def test_meetings_updates_and_changes_from_the_command(cli, plan_file):
    cli("import", str(plan_file))
    assert cli("meeting", "add", "2026-06-01", "--board", "PHSCPB", "--plan", "1")[0] == 0
    _, out, _ = cli("meetings")
    assert "1 June 2026  PHSCPB" in out and "reviewed: Action Plan: Social care" in out
    status, _, err = cli(
        "update", "1", "2", "1", "--status", "completed", "--note", "Done", "--date", "2026-07-01"
    )
    assert status == 2 and "evidence" in err
    assert (
        cli(
            "update",
            "1",
            "2",
            "1",
            "--status",
            "completed",
            "--evidence",
            "Minutes",
            "--date",
            "2026-07-01",
        )[0]
        == 0
    )
    assert (
        cli(
            "update",
            "1",
            "3",
            "2",
            "--status",
            "in progress",
            "--target",
            "Q1 2031/32",
            "--date",
            "2026-08-01",
        )[0]
        == 0
    )
    status, _, err = cli("update", "1", "9", "1", "--status", "open")
    assert status == 2 and "Recommendation 9 has no action 1" in err
    status, out, _ = cli("changes", "1")
    assert status == 0
    assert "changes from 1 June 2026" in out
    assert "Newly completed (1)\n  2.1 Action 1 of recommendation 2." in out
    assert "evidence: Minutes" in out
    assert "target moved from March 2030 to June 2031, 15 months later" in out
    assert "No update since then (4)" in out
    assert "Other status changes (1)\n  3.2 " in out  # the completion is listed once, above
    assert "in progress on 1 August 2026" in out
    _, out, _ = cli("show", "1")
    assert "[completed]" in out and "[in progress]" in out


def test_changes_without_a_meeting_asks_for_a_date(cli, plan_file):
    cli("import", str(plan_file))
    status, _, err = cli("changes", "1")
    assert status == 2 and "--since" in err
    assert cli("changes", "1", "--since", "2026-01-01")[0] == 0


def test_pack_carries_the_changes_since_the_last_meeting(cli, plan_file, tmp_path):
    from pypdf import PdfReader

    cli("import", str(plan_file))
    cli("meeting", "add", "2026-06-01", "--board", "PHSCPB", "--plan", "1")
    cli(
        "update",
        "1",
        "2",
        "1",
        "--status",
        "completed",
        "--evidence",
        "Signed minutes",
        "--date",
        "2026-07-01",
    )
    out = tmp_path / "pack.pdf"
    status, _, err = cli("pack", "1", "-o", str(out), "--meeting", "2026-12-01", "--board", "B")
    assert status == 0, err
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Changes since 1 June 2026" in text
    assert "Signed minutes" in text


def test_a_bare_command_without_a_display_says_what_to_do(db_path, monkeypatch, capsys):
    pytest.importorskip("PySide6")  # the bare command opens the window: Qt decides
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["--db", str(db_path)]) == 2
    assert "no display" in capsys.readouterr().err


def test_every_verb_is_documented_in_the_readme():
    import argparse
    from pathlib import Path

    from actionplans.cli.main import build_parser

    readme = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text(
        encoding="utf-8"
    )
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    missing = [verb for verb in sub.choices if f"| `{verb}" not in readme]
    assert missing == []


def test_edit_plan_and_recommendation_fields(cli, plan_file, db_path):
    cli("import", str(plan_file))
    status, _, err = cli(
        "edit",
        "1",
        "--marking",
        "OFFICIAL-SENSITIVE",
        "--submitted",
        "2019-01-31",
        "--rec",
        "2",
        "--decision",
        "partly agreed",
        "--reason",
        "affordability",
    )
    assert status == 0, err
    plan = snapshot(db_path)[0]
    assert (plan.marking, plan.submitted) == ("OFFICIAL-SENSITIVE", "2019-01-31")
    assert (plan.recommendations[1].decision, plan.recommendations[1].reason) == (
        "Partly Agreed",
        "affordability",
    )
    _, out, _ = cli("history", "1")
    assert "marking: '' -> 'OFFICIAL-SENSITIVE'" in out and "reason: '' -> 'affordability'" in out
    before = snapshot(db_path)
    status, _, err = cli("edit", "1", "--marking", "", "--rec", "2", "--decision", "maybe")
    assert status == 2 and "'maybe' is not a decision" in err
    assert snapshot(db_path) == before  # one transaction: the marking was not cleared either
    assert cli("edit", "1", "--marking", "")[0] == 0
    assert snapshot(db_path)[0].marking is None


def test_sheet_chooses_between_several_plan_sheets(cli, tmp_path, db_path):
    import openpyxl

    from tests.fixtures.workbooks.build import write_xlsx

    path = write_xlsx(tmp_path / "two.xlsx", [("1", "Act.", "Agreed", "Do.", "Gov", "2030")])
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book.worksheets[0])
    copy.title = "Copy"
    for row in copy.iter_rows():
        for cell in row:
            if cell.value == "1":
                cell.value = "9"
    book.save(path)
    status, _, err = cli("import", str(path))
    assert status == 2 and "--sheet" in err and snapshot(db_path) == []
    assert cli("import", str(path), "--sheet", "Copy")[0] == 0
    assert [r.ref for r in snapshot(db_path)[0].recommendations] == ["9"]


def test_only_the_windows_options_skip_the_verbs_parser():
    """Opening the window parses its few options without making every verb's parser; a verb,
    --help or a mistake goes to the whole parser (which lists the verbs and reports errors)."""
    from actionplans.cli.main import _window_args

    args = _window_args(["--db", "plans.sqlite3"])
    assert args is not None and (args.db, args.command, args.smoke_test) == (
        "plans.sqlite3",
        None,
        False,
    )
    assert _window_args([]) is not None
    assert _window_args(["--smoke-test", "--screenshot", "w.png"]).screenshot == "w.png"
    for argv in (["list"], ["--db", "p.sqlite3", "list"], ["--help"], ["--db"], ["--bogus"]):
        assert _window_args(argv) is None, argv
