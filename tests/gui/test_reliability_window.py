"""Issue 17, item 1: the window opens a plan whose stored values are already impossible (what
an older version let in: a target '2027-02-31', a meeting on '0000-00-00', an update on 31
February) and shows it, with the finding, never a crash or a dialog in the way."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QModelIndex  # noqa: E402
from PySide6.QtWidgets import QDialog, QMessageBox  # noqa: E402

import gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from storage.store import Store  # noqa: E402
from tests.support.faults import stored_with_bad_dates  # noqa: E402


@pytest.fixture
def store(db_path):
    """The test's database as an older version left it, opened as the window opens it."""
    stored_with_bad_dates(db_path)
    store = Store.open(db_path)
    yield store
    store.close()


@pytest.fixture
def dialogs(monkeypatch) -> list[str]:
    """What any modal dialog would have said: recorded, so a dialog can never wait for a click
    that no test will give (an earlier attempt at this test hung on one)."""
    shown: list[str] = []

    def record(box) -> int:
        shown.append(box.text() if isinstance(box, QMessageBox) else box.windowTitle())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(QDialog, "exec", record)
    return shown


def cells(model, parent=None) -> list[str]:
    """Every cell the plan view shows, its rows' children (the actions) included."""
    parent = parent or QModelIndex()
    found = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            found.append(str(model.index(row, column, parent).data() or ""))
        found += cells(model, model.index(row, 0, parent))
    return found


@pytest.mark.timeout(60)
def test_a_plan_with_stored_impossible_dates_opens_with_its_findings(
    qtbot, dialogs, store, settings
):
    from gui.main_window import MainWindow

    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_plan(store.list_plans()[0].id)

    assert window.heading.text() == store.list_plans()[0].title
    shown = cells(window.model)
    # every action is shown, its target as the plan wrote it ("March 2030")
    assert sum(cell.startswith("Action ") for cell in shown) == 6, shown
    assert sum(cell.startswith("March 2030") for cell in shown) == 6, shown
    findings = window.panels.checks.lines()
    assert any("'2027-02-31', which is not a real date" in line for line in findings), findings
    assert any("'0000-00', which is not a real date" in line for line in findings), findings

    window.progress.show_next_meeting()
    window.panels.meetings_dock.show()
    window.progress.refresh_meetings()
    assert window.panels.meetings.model().rowCount() == 1
    window.progress.what_changed()
    qtbot.wait(50)
    assert dialogs == []
