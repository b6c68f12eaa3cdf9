"""The command and the window show the same import preview and print the same board pack from
one database, because both call the same use cases."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QWidget

from actionplans.exporters.plan_json import write_plan_json
from actionplans.gui.export import write_pack_in_background
from actionplans.gui.import_wizard import ImportWizard
from actionplans.usecases import meetings
from tests.support.plans import make_plan


def pages(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture
def reviewed(store):
    """Two plans, both reviewed at a meeting, one action updated since."""
    ids = [store.add_plan(make_plan(f"Action Plan: HMP {name}")) for name in ("One", "Two")]
    meetings.record_meeting(store, "2026-01-10", "The Board", "", tuple(ids))
    return ids


def test_the_window_and_the_command_print_the_same_board_pack(
    qtbot, store, reviewed, cli, tmp_path
):
    status, _, err = cli(
        "pack",
        "1",
        "2",
        "-o",
        str(tmp_path / "command.pdf"),
        "--meeting",
        "2026-04-01",
        "--board",
        "The Board",
    )
    assert status == 0, err
    parent = QWidget()
    qtbot.addWidget(parent)
    saved = []
    options = {"board": "The Board", "meeting": date(2026, 4, 1), "marking": None}
    write_pack_in_background(
        parent, store, reviewed, tmp_path / "window.pdf", options, saved.append
    )
    qtbot.waitUntil(lambda: bool(saved), timeout=60_000)
    window, command = pages(tmp_path / "window.pdf"), pages(tmp_path / "command.pdf")
    assert len(window) == len(command) and window == command
    assert sum("Changes since 10 January 2026" in page for page in window) == 2


def test_the_window_and_the_command_show_the_same_import_preview(
    qtbot, store, reviewed, cli, tmp_path
):
    changed = make_plan("Action Plan: HMP One")
    changed.recommendations[0].decision = "Not Agreed"
    path = tmp_path / "return.json"
    write_plan_json(changed, path)
    status, out, _ = cli("import", str(path), "--into", "1", "--dry-run")
    assert status == 0

    wizard = ImportWizard(store, None, into=reviewed[0])
    qtbot.addWidget(wizard)
    wizard.set_path(path)
    wizard.read()
    qtbot.waitUntil(lambda: wizard.previewed is not None, timeout=20_000)
    assert wizard.preview.toPlainText() == out.rstrip("\n")
    assert "Not Agreed" in out


def test_the_windows_pack_menu_prints_every_page(qtbot, store, reviewed, tmp_path):
    from PySide6.QtCore import QSettings

    from actionplans.gui import worker
    from actionplans.gui.main_window import MainWindow

    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.refresh_plan_list()
    window.open_plan(reviewed[0])
    dialog = window.files.board_pack()
    window.files.write_pack(dialog, tmp_path / "pack.pdf")
    qtbot.waitUntil(lambda: not worker.busy(), timeout=60_000)
    assert any("Changes since 10 January 2026" in page for page in pages(tmp_path / "pack.pdf"))


def test_the_window_says_the_same_sentence_when_another_program_is_writing(
    qtbot, store, locked, tmp_path, monkeypatch
):
    """The wizard stays open with the translator's sentence; nothing is written."""
    store.conn.execute("PRAGMA busy_timeout = 200")  # the test's short wait
    path = tmp_path / "plan.json"
    write_plan_json(make_plan("Action Plan: Another"), path)
    shown = []
    monkeypatch.setattr(
        "actionplans.gui.import_wizard.show_error", lambda parent, exc: shown.append(exc)
    )
    wizard = ImportWizard(store, None)
    qtbot.addWidget(wizard)
    wizard.set_path(path)
    wizard.read()
    qtbot.waitUntil(lambda: wizard.previewed is not None, timeout=20_000)
    wizard.confirm()
    from actionplans.gui.errors import message_for

    assert len(shown) == 1 and "another program" in message_for(shown[0])
    assert wizard.committed is None and [row.title for row in store.list_plans()] == [
        make_plan().title
    ]
