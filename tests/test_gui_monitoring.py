"""Monitoring in the window: progress updates, RAG shown with words, meetings, the next-meeting
view, returns and what changed; checked against the database each time."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, Qt  # noqa: E402

from gui.main_window import MainWindow  # noqa: E402
from gui.plan_model import RAG_COLUMN  # noqa: E402
from storage import monitoring  # noqa: E402
from tests.conftest import make_plan  # noqa: E402

TODAY = date.today()


@pytest.fixture
def window(qtbot, store, tmp_path):
    win = MainWindow(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def plan_id(window, store) -> int:
    plan_id = store.add_plan(make_plan(recs=2, actions=2))
    window.refresh_plan_list()
    window.open_plan(plan_id)
    return plan_id


def first_action(store, plan_id: int):
    return store.get_plan(plan_id).recommendations[0].actions[0]


def stored_updates(store, action_id: int) -> list[tuple]:
    return store.conn.execute(
        "SELECT on_date, status, text, evidence, rag, rag_reason, target_from, target_to "
        "FROM updates WHERE action_id = ? ORDER BY id",
        (action_id,),
    ).fetchall()


def open_update_dialog(window, store, plan_id: int):
    window.open_item(plan_id, "action", first_action(store, plan_id).id)
    return window.add_update()


def test_completing_needs_evidence_and_the_dialog_says_so_before_ok(qtbot, window, store, plan_id):
    dialog = open_update_dialog(window, store, plan_id)
    assert dialog.on_date.date().toPython() == TODAY
    assert "cannot be undone" in dialog.notice.text()
    dialog.status.setCurrentIndex(dialog.status.findData("completed"))
    assert not dialog.ok.isEnabled()
    assert "Evidence" in dialog.problem.text()
    dialog.ok.click()
    assert stored_updates(store, first_action(store, plan_id).id) == []

    qtbot.keyClicks(dialog.note, "MOU signed by both parties.")
    qtbot.keyClicks(dialog.evidence, "Signed MOU, minutes of 3 March")
    assert dialog.ok.isEnabled()
    dialog.ok.click()

    action = first_action(store, plan_id)
    assert stored_updates(store, action.id) == [
        (
            TODAY.isoformat(),
            "completed",
            "MOU signed by both parties.",
            "Signed MOU, minutes of 3 March",
            None,
            None,
            None,
            None,
        )
    ]
    # The panel lists it with a UK date, the derived status and who recorded it.
    (row,) = window.updates.rows()
    assert row[:5] == [
        TODAY.strftime("%d/%m/%Y"),
        "Completed",
        "Blue (complete)",
        "MOU signed by both parties.",
        "Signed MOU, minutes of 3 March",
    ]
    assert row[6].startswith(store.user)
    rag_cell = window.updates.table.item(0, 2)
    assert rag_cell.data(Qt.ItemDataRole.AccessibleTextRole) == "RAG rating: Blue (complete)"
    assert not rag_cell.icon().isNull()


def test_the_plan_view_shows_rag_as_words_with_a_mark(qtbot, window, store, plan_id):
    action = first_action(store, plan_id)
    index = window.model.index_of("action", action.id).siblingAtColumn(RAG_COLUMN)
    assert index.data() == "Green"  # due in 2030, open
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "RAG rating: Green"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert window.model.headerData(RAG_COLUMN, Qt.Orientation.Horizontal) == "RAG"

    dialog = open_update_dialog(window, store, plan_id)
    dialog.rag.setCurrentIndex(dialog.rag.findData("red"))
    assert not dialog.ok.isEnabled()
    assert "suggested rating is Green" in dialog.problem.text()
    qtbot.keyClicks(dialog.rag_reason, "Funding withdrawn")
    dialog.ok.click()

    assert stored_updates(store, action.id)[0][4:6] == ("red", "Funding withdrawn")
    index = window.model.index_of("action", action.id).siblingAtColumn(RAG_COLUMN)
    assert index.data() == "Red"
    assert "Funding withdrawn" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_moved_target_is_read_back_and_recorded_as_slippage(qtbot, window, store, plan_id):
    dialog = open_update_dialog(window, store, plan_id)
    dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
    qtbot.keyClicks(dialog.target, "Q1 2031/32")
    assert dialog.understood.text().startswith("Understood as: June 2031")
    qtbot.keyClicks(dialog.note, "Waiting for the new contract.")
    dialog.ok.click()

    action = first_action(store, plan_id)
    assert (action.target, action.target_text) == ("2031-06", "Q1 2031/32")
    assert stored_updates(store, action.id)[0][6:] == ("2030-03", "2031-06")
    assert "moved March 2030 → June 2031" in window.updates.rows()[0][5]


def test_a_monitored_action_shows_the_derived_status_and_keeps_its_base_status(
    qtbot, window, store, plan_id
):
    dialog = open_update_dialog(window, store, plan_id)
    dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
    dialog.ok.click()
    form = window.action_form
    assert form.monitored
    assert not form.status.isVisibleTo(form)
    assert form.progress.text().startswith("In progress, from the latest of 1 update")
    assert "add an update" in form.progress.text()

    form.owners.setFocus()
    form.owners.setText("Healthcare Lead")
    qtbot.keyClick(form.owners, Qt.Key.Key_Return)
    action = first_action(store, plan_id)
    assert action.owners == ["Healthcare Lead"]
    (base,) = store.conn.execute("SELECT status FROM actions WHERE id = ?", (action.id,)).fetchone()
    assert base == "open"


def test_an_update_is_never_on_the_undo_stack_and_undo_cannot_lose_it(
    qtbot, window, store, plan_id
):
    # An unrelated edit stays undoable; the update itself is not a step.
    second = store.get_plan(plan_id).recommendations[1].actions[0]
    window.open_item(plan_id, "action", second.id)
    window.action_form.owners.setText("Someone Else")
    window.commit_editor()
    assert window.undo.count() == 1
    dialog = open_update_dialog(window, store, plan_id)
    dialog.ok.click()
    assert window.undo.count() == 1
    action_id = first_action(store, plan_id).id
    assert len(stored_updates(store, action_id)) == 1

    # A new action, then an update on it: undoing the add would delete the update with it,
    # so the undo history is reset rather than allowed to lose it.
    window.open_item(plan_id, "action", action_id)
    window.add_action()
    new_id = window.selected_node().item_id
    window.add_update().ok.click()
    assert window.undo.count() == 0
    assert len(stored_updates(store, new_id)) == 1
    assert "Undo was reset" in window.statusBar().currentMessage()
