"""Importing workbooks that are not plans, and saving where the file cannot go, through the
window: one clear sentence in a dialog, and the database and the disk as they were."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl  # noqa: E402
import pytest  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui import worker  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402


def counts(store) -> list[int]:
    tables = ("plans", "recommendations", "actions")
    return [store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    """The sentences the error dialogs would show (a dialog would wait for OK)."""
    shown: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.exec", lambda box: shown.append(box.text()) or 0
    )
    return shown


def finish_jobs(qtbot) -> None:
    qtbot.waitUntil(lambda: not worker.busy(), timeout=30_000)
    qtbot.wait(50)


def test_a_workbook_of_several_sheets_none_a_plan_is_refused_with_a_sentence(
    qtbot,
    window,
    store,
    tmp_path,
    errors,
):
    store.add_plan(make_plan())
    before = counts(store)
    book = openpyxl.Workbook()
    book.active.title = "Budget"
    book.active.append(["Cost centre", "Amount", "Month"])
    book.create_sheet("Staffing").append(["Name", "Grade"])
    path = tmp_path / "budget.xlsx"
    book.save(path)

    wizard = window.files.open_import_wizard(path)
    finish_jobs(qtbot)

    assert len(errors) == 1
    assert "no header row found" in errors[0] and "'Budget', 'Staffing'" in errors[0]
    assert "several sheets" not in wizard.preview.toPlainText()
    assert wizard.sheet.isHidden()
    assert not wizard.import_button.isEnabled()
    assert counts(store) == before


def export_to(qtbot, window, store, target) -> None:
    window.open_plan(store.add_plan(make_plan()))
    window.files.export_current(".xlsx", target)
    finish_jobs(qtbot)


def test_saving_into_a_folder_that_is_not_there_says_so(
    qtbot,
    window,
    store,
    tmp_path,
    errors,
    monkeypatch,
):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    target = tmp_path / "gone" / "plan.xlsx"

    export_to(qtbot, window, store, target)

    assert errors == [f"{target}: the folder {target.parent} does not exist."]
    assert not target.parent.exists()
    assert list(scratch.iterdir()) == []


def test_a_read_only_file_is_not_replaced_by_a_save(
    qtbot,
    window,
    store,
    tmp_path,
    errors,
):
    """The person marked the old export read-only to keep it: the save says so and keeps it."""
    target = tmp_path / "out" / "signed-off.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"the version the board signed off")
    target.chmod(0o444)

    export_to(qtbot, window, store, target)

    assert len(errors) == 1 and "read-only" in errors[0]
    assert target.read_bytes() == b"the version the board signed off"
    assert [p.name for p in target.parent.iterdir()] == ["signed-off.xlsx"]


def test_a_save_replaces_an_earlier_file_whole(qtbot, window, store, tmp_path):
    from actionplans.importers import read_plan_file

    target = tmp_path / "out" / "plan.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"an earlier export")

    export_to(qtbot, window, store, target)

    assert read_plan_file(target).plan.title == "Action Plan: HMP Thematic"
    assert [p.name for p in target.parent.iterdir()] == ["plan.xlsx"]


def test_the_wizard_names_an_unreadable_file_once(qtbot, window, tmp_path, errors):
    bad = tmp_path / "return from Cardiff.xlsx"
    bad.write_text("Rec No,Recommendation\n1,Assess needs\n")

    wizard = window.files.open_import_wizard(bad)
    finish_jobs(qtbot)

    shown = wizard.preview.toPlainText()
    assert shown.startswith("Could not read return from Cardiff.xlsx: this file is not an Excel")
    assert shown.count("return from Cardiff.xlsx") == 1
    assert errors == [shown.removeprefix("Could not read ")]
