"""The main window as a board secretary uses it: what each panel says it shows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from tests.support.plans import make_plan  # noqa: E402


def test_the_results_panel_is_titled_for_what_it_shows_now(window, store):
    store.add_plan(make_plan())
    window.refresh_plan_list()
    window.search.show_owner_actions("Prison Directorate")
    assert window.panels.results_dock.windowTitle() == "Open actions of Prison Directorate"

    bar = window.filter_bar
    bar.scope.setCurrentIndex(bar.scope.findData("all"))
    bar.words.setText("social care")
    bar.apply_now()

    assert window.panels.results.rowCount() == 3
    assert window.panels.results_dock.windowTitle() == "Found in all plans"
    assert window.panels.results_dock.toggleViewAction().text() == "Found in all plans"


def test_a_board_pack_with_no_plan_ticked_keeps_the_dialog_open(window, store, monkeypatch):
    shown, asked = [], []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", lambda box: shown.append(box.text()))
    monkeypatch.setattr("actionplans.gui.export.ask_save_path", lambda *args: asked.append(args))
    window.open_plan(store.add_plan(make_plan()))
    dialog = window.files.board_pack()
    dialog.board.setText("HMP Example Partnership Board")
    dialog.plans.item(0).setCheckState(Qt.CheckState.Unchecked)

    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    assert shown == ["Tick at least one plan for the pack."]
    assert dialog.isVisible() and dialog.board.text() == "HMP Example Partnership Board"
    assert asked == []
    dialog.plans.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible() and len(asked) == 1


def test_tab_from_the_editors_last_field_goes_to_a_panel_not_an_empty_stop(qtbot, window, store):
    window.open_plan(store.add_plan(make_plan()))
    window.plan_form.marking.setFocus()
    qtbot.keyClick(window.plan_form.marking, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.editor_scroll
    assert not window.editor.isAncestorOf(QApplication.focusWidget())


def test_the_window_fits_a_small_laptop_screen(window):
    """Many of these laptops have 1366 or 1280 pixels across: the window must fit."""
    assert window.minimumSizeHint().width() <= 1280
