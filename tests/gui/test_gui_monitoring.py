"""Monitoring in the window: progress updates, RAG shown with words, meetings, the next-meeting
view, returns and what changed; checked against the database each time."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

import gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from gui.plan_model import RAG_COLUMN  # noqa: E402
from storage import monitoring  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402

TODAY = date.today()


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
    window.search.open_item(plan_id, "action", first_action(store, plan_id).id)
    return window.progress.add_update()


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
    (row,) = window.panels.updates.rows()
    assert row[:5] == [
        TODAY.strftime("%d/%m/%Y"),
        "Completed",
        "Blue (complete)",
        "MOU signed by both parties.",
        "Signed MOU, minutes of 3 March",
    ]
    assert row[6].startswith(store.user)
    rag_cell = window.panels.updates.table.item(0, 2)
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
    assert "moved March 2030 → June 2031" in window.panels.updates.rows()[0][5]


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
    window.search.open_item(plan_id, "action", second.id)
    window.action_form.owners.setText("Someone Else")
    window.edit.commit_editor()
    assert window.undo.count() == 1
    dialog = open_update_dialog(window, store, plan_id)
    dialog.ok.click()
    assert window.undo.count() == 1
    action_id = first_action(store, plan_id).id
    assert len(stored_updates(store, action_id)) == 1

    # A new action, then an update on it: undoing the add would delete the update with it,
    # so the undo history is reset rather than allowed to lose it.
    window.search.open_item(plan_id, "action", action_id)
    window.edit.add_action()
    new_id = window.edit.selected_node().item_id
    window.progress.add_update().ok.click()
    assert window.undo.count() == 0
    assert len(stored_updates(store, new_id)) == 1
    assert "Undo was reset" in window.statusBar().currentMessage()


def days(n: int) -> str:
    return date.fromordinal(TODAY.toordinal() + n).isoformat()


def test_recording_a_meeting_lists_it_and_links_the_plans(qtbot, window, store, plan_id):
    from PySide6.QtCore import QDate

    other = store.add_plan(make_plan("Other plan", recs=1, actions=1))
    dialog = window.progress.record_meeting()
    dialog.held_on.setDate(QDate.fromString(days(-3), "yyyy-MM-dd"))
    dialog.board.setCurrentText("HMP Example Partnership Board")
    qtbot.keyClicks(dialog.notes, "Quarterly review.")
    dialog.save_button.click()

    assert store.conn.execute("SELECT held_on, board, notes FROM meetings").fetchall() == [
        (days(-3), "HMP Example Partnership Board", "Quarterly review.")
    ]
    assert [r[0] for r in store.conn.execute("SELECT plan_id FROM meeting_plans")] == [plan_id]
    assert other not in [r.meeting.id for r in monitoring.list_meetings(store, other)]
    table = window.panels.meetings
    assert [table.item(0, c).text() for c in range(4)] == [
        date.fromisoformat(days(-3)).strftime("%d/%m/%Y"),
        "HMP Example Partnership Board",
        "Action Plan: HMP Thematic",
        "Quarterly review.",
    ]


def test_the_next_meeting_view_lists_what_to_chase_and_opens_the_action(
    qtbot, window, store, plan_id
):
    plan = store.get_plan(plan_id)
    (a11, a12), (a21, a22) = (r.actions for r in plan.recommendations)
    from storage import edits

    edits.update_action(store, a11.id, target="2019-03", target_text="March 2019")
    edits.update_action(store, a12.id, target=days(10), target_text="soon")
    monitoring.add_meeting(store, days(-10), "Board", plan_ids=(plan_id,))
    monitoring.add_meeting(store, days(20), "Board", plan_ids=(plan_id,))
    monitoring.add_update(store, a21.id, status="in_progress", text="Started", on_date=days(0))
    store.add_plan(make_plan("Never reviewed", recs=1, actions=1))
    window.progress.refresh_meetings()
    window.load_plan(plan_id)

    window.progress.show_next_meeting()
    panel = window.panels.next_meeting
    assert panel.before.date().toPython().isoformat() == days(20)  # the next meeting's date
    since = date.fromisoformat(days(-10)).strftime("%d/%m/%Y")
    due = date.fromisoformat(days(20)).strftime("%d/%m/%Y")
    assert [(r[1], r[5], r[6]) for r in panel.rows()] == [
        ("1.1", "Red", f"Overdue; No update since {since}"),
        ("1.2", "Amber", f"Due before {due}; No update since {since}"),
        ("2.2", "Green", f"No update since {since}"),
    ]
    assert "Next meeting" in panel.summary.text() and "3 action(s)" in panel.summary.text()

    panel.scope.setCurrentIndex(panel.scope.findData("all"))
    assert [(r[0], r[6]) for r in panel.rows()][-1] == ("Never reviewed", "No update yet")

    item = panel.table.item(1, 0)
    panel.table.itemActivated.emit(item)
    assert window.plan_id() == plan_id
    assert window.edit.selected_node().item_id == a12.id


def test_what_changed_shows_the_report_since_the_last_meeting(qtbot, window, store, plan_id):
    action = first_action(store, plan_id)
    monitoring.add_meeting(store, days(-30), "Board", plan_ids=(plan_id,))
    monitoring.add_update(
        store, action.id, status="completed", evidence="Signed MOU", on_date=days(-1)
    )
    dialog = window.progress.what_changed()
    text = dialog.report.toPlainText()
    assert text.startswith("Action Plan: HMP Thematic: changes from")
    assert "Newly completed (1)" in text and "evidence: Signed MOU" in text
    assert "No update since then (3)" in text
    dialog.since.setDate(dialog.since.date().addDays(30))  # after the update: nothing moved
    assert "Newly completed (0)" in dialog.report.toPlainText()


def test_send_returns_writes_one_workbook_per_owner_off_the_gui_thread(
    qtbot, window, store, plan_id, tmp_path
):
    from gui import worker
    from importers.returns import is_return, read_return

    folder = tmp_path / "returns"
    dialog = window.progress.send_returns()
    dialog.folder.setText(str(folder))
    dialog.accept()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "return-HMP-Thematic-Owner-0.xlsx",
        "return-HMP-Thematic-Owner-1.xlsx",
        "return-HMP-Thematic-Prison-Directorate.xlsx",
    ]
    assert sorted(p.name for p in window.progress.returns_written) == names
    returned = read_return(folder / "return-HMP-Thematic-Owner-1.xlsx")
    assert is_return(folder / "return-HMP-Thematic-Owner-1.xlsx")
    assert (returned.owner, [(r.ref, r.number) for r in returned.rows]) == (
        "Owner 1",
        [("1", 2), ("2", 2)],
    )


def test_the_wizard_shows_a_returns_updates_and_records_them_only_on_confirm(
    qtbot, window, store, plan_id, tmp_path
):
    import openpyxl

    from exporters.returns import HEADER_ROW, HEADERS, write_returns

    (path,) = [
        p
        for p in write_returns(store.get_plan(plan_id), tmp_path)
        if p.name == "return-HMP-Thematic-Owner-0.xlsx"
    ]
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for row, values in (
        (HEADER_ROW + 1, {"Status": "Completed", "Progress update": "Done"}),
        (HEADER_ROW + 2, {"Status": "In progress", "Target Date": "June 2031"}),
    ):
        for header, value in values.items():
            sheet.cell(row, HEADERS.index(header) + 1, value)
    book.save(path)

    wizard = window.files.open_import_wizard(path, into=plan_id)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=20_000)
    assert not wizard.import_button.isEnabled()  # completed without evidence: a finding
    assert "evidence" in wizard.findings.item(0, 4).text()
    assert store.conn.execute("SELECT count(*) FROM updates").fetchone() == (0,)
    wizard.reject()

    sheet.cell(HEADER_ROW + 1, HEADERS.index("Evidence (needed to complete)") + 1, "Minutes")
    book.save(path)
    wizard = window.files.open_import_wizard(path, into=plan_id)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=20_000)
    preview = wizard.preview.toPlainText()
    assert "Progress return from Owner 0: 2 update(s)" in preview
    assert "status: open -> completed\n    progress: (none) -> Done" in preview
    assert "status: open -> in progress\n    target: March 2030 -> June 2031 (slippage)" in preview
    assert not wizard.as_new.isEnabled()
    assert store.conn.execute("SELECT count(*) FROM updates").fetchone() == (0,)
    wizard.import_button.click()

    plan = store.get_plan(plan_id)
    first, second = plan.recommendations[0].actions[0], plan.recommendations[1].actions[0]
    assert [(u.status, u.evidence) for u in first.updates] == [("completed", "Minutes")]
    assert [(u.status, u.target_from, u.target_to) for u in second.updates] == [
        ("in_progress", "2030-03", "2031-06")
    ]


def test_the_wizard_says_a_return_for_another_plan_is_so_not_that_rows_need_fixing(
    qtbot, window, store, plan_id, tmp_path
):
    import openpyxl

    from exporters.returns import HEADER_ROW, HEADERS, write_returns

    path = next(p for p in write_returns(store.get_plan(plan_id), tmp_path))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.cell(1, 1, "Progress return: HMP Elsewhere")
    sheet.cell(HEADER_ROW + 1, HEADERS.index("Progress update") + 1, "Started")
    book.save(path)

    wizard = window.files.open_import_wizard(path, into=plan_id)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=20_000)
    verdict = wizard.verdict.text()
    assert verdict.startswith("This return was written for 'HMP Elsewhere', not ")
    assert "row(s)" not in verdict
    assert "every row was left empty" not in wizard.preview.toPlainText()
    assert not wizard.import_button.isEnabled()


def test_a_wizard_step_failing_after_its_backup_leaves_the_backups_as_they_were(
    qtbot, window, store, plan_id, tmp_path, db_path, monkeypatch
):
    import openpyxl

    from exporters.returns import HEADER_ROW, HEADERS, write_returns
    from storage.backups import backup
    from storage.errors import BadInput
    from tests.support.plans import db_state

    for _ in range(10):  # the backups kept, the oldest of which must not be pruned
        backup(store, "import")
    path = next(p for p in write_returns(store.get_plan(plan_id), tmp_path))
    book = openpyxl.load_workbook(path)
    book.active.cell(HEADER_ROW + 1, HEADERS.index("Progress update") + 1, "Started")
    book.save(path)
    wizard = window.files.open_import_wizard(path, into=plan_id)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=20_000)
    assert wizard.import_button.isEnabled()

    def full_disk(*args, **kwargs):
        raise BadInput("The disk is full.")

    shown = []
    monkeypatch.setattr("usecases.importing.add_updates", full_disk)
    monkeypatch.setattr("gui.import_wizard.show_error", lambda parent, exc: shown.append(str(exc)))
    before = db_state(db_path)
    wizard.import_button.click()
    assert shown == ["The disk is full."]
    assert db_state(db_path) == before
