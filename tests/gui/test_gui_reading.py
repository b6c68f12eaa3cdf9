"""A window a secretary can read and work in all day (issue 15): wrapped rows, Excel's
habits, short plan names, Clear, the end of a long plan, batch changes, backups."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QFontMetrics, QGuiApplication, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.main_window import MainWindow  # noqa: E402
from actionplans.gui.window_state import save_layout  # noqa: E402
from actionplans.storage.backups import list_backups  # noqa: E402
from actionplans.storage.model import Action, Plan, Recommendation  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402

LONG = " ".join(["Prisons and local authorities should agree who assesses social care."] * 5)


@pytest.fixture
def window(qtbot, store, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.resize(1280, 720)  # a laptop's window (the offscreen screen is only 800x600)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_new(window, plan: Plan) -> int:
    plan_id = window.store.add_plan(plan)
    window.refresh_plan_list()
    window.open_plan(plan_id)
    return plan_id


def row_of(window, kind: str, item_id: int) -> int:
    return window.model.index_of(kind, item_id).row()


def select_rows(window, rows: list[int]) -> None:
    selection = window.tree.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(window.model.index(row, 0), flags)


def test_long_text_wraps_and_its_row_is_as_tall_as_the_text(qtbot, window, store):
    plan = make_plan(recs=2, actions=1)
    plan.recommendations[0].text = LONG
    plan_id = open_new(window, plan)
    stored = store.get_plan(plan_id)
    long_row = row_of(window, "recommendation", stored.recommendations[0].id)
    short_row = row_of(window, "recommendation", stored.recommendations[1].id)
    qtbot.waitUntil(lambda: window.tree.visualRect(window.model.index(long_row, 1)).height() > 0)

    cell = window.tree.visualRect(window.model.index(long_row, 1))
    metrics = QFontMetrics(window.tree.font())
    lines = metrics.boundingRect(0, 0, cell.width() - 4, 0, Qt.TextFlag.TextWordWrap, LONG)
    assert lines.height() > 4 * metrics.lineSpacing()  # the text needs several lines...
    assert cell.height() >= lines.height()  # ...and the row shows them all
    short = window.tree.visualRect(window.model.index(short_row, 1))
    text = store.get_plan(plan_id).recommendations[1].text
    needed = metrics.boundingRect(0, 0, short.width() - 4, 0, Qt.TextFlag.TextWordWrap, text)
    assert needed.height() <= short.height() < needed.height() + 2 * metrics.lineSpacing()
    assert window.model.data(window.model.index(long_row, 1)) == LONG  # never cut


def test_a_style_with_wider_margins_has_the_rows_measured_again(qtbot, window, store):
    """The first frame wraps with the common style's text margin; once the window is up the
    style is asked, and a style whose margin is wider makes a long row taller."""
    from PySide6.QtWidgets import QProxyStyle, QStyle

    class Wide(QProxyStyle):
        def pixelMetric(self, metric, option=None, widget=None):
            if metric == QStyle.PixelMetric.PM_FocusFrameHMargin:
                return 60
            return super().pixelMetric(metric, option, widget)

    plan = make_plan(recs=1, actions=1)
    plan.recommendations[0].text = LONG
    plan_id = open_new(window, plan)
    row = row_of(window, "recommendation", store.get_plan(plan_id).recommendations[0].id)
    index = window.model.index(row, 1)
    qtbot.waitUntil(lambda: window.tree.visualRect(index).height() > 0)
    before = window.tree.visualRect(index).height()
    style = Wide()
    window.tree.setStyle(style)
    window.tree.wrapping.ask_style()
    qtbot.waitUntil(lambda: window.tree.visualRect(index).height() > before)


def test_columns_fill_the_view_and_a_width_set_by_hand_is_remembered(qtbot, store, tmp_path):
    path = str(tmp_path / "settings.ini")
    first = MainWindow(store, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.resize(1280, 720)
    first.show()
    tree = first.tree
    widths = [tree.columnWidth(c) for c in range(7)]
    assert abs(sum(widths) - tree.viewport().width()) <= 7  # no sideways scrolling
    assert sorted(widths)[-2:] == sorted([widths[1], widths[3]])  # the text columns share
    assert abs(widths[1] - widths[3]) <= 1
    tree.header().resizeSection(1, 500)  # as a drag of the divider does
    first.close()

    second = MainWindow(store, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    assert second.tree.columnWidth(1) == 500


def test_the_columns_are_fitted_to_the_viewport_with_and_without_a_scroll_bar(qtbot, window):
    """The view works out its viewport's width without asking for the viewport (see
    PlanView.viewport_width): it must agree with the viewport, scroll bar shown or not."""
    tree = window.tree
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: not tree.verticalScrollBar().isVisible())
    assert tree.viewport_width() == tree.viewport().width()
    open_new(window, make_plan(recs=60))
    qtbot.waitUntil(lambda: tree.verticalScrollBar().isVisible())
    window.resize(1200, 720)  # the view is fitted again as it resizes
    qtbot.waitUntil(lambda: tree.viewport_width() == tree.viewport().width())
    assert abs(sum(tree.columnWidth(c) for c in range(7)) - tree.viewport().width()) <= 7


def test_zoom_makes_the_text_and_rows_bigger_and_is_remembered(qtbot, window, store):
    open_new(window, make_plan(recs=3))
    before = window.tree.font().pointSizeF()
    height = window.tree.visualRect(window.model.index(1, 0)).height()
    qtbot.keyClick(window.tree, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.font().pointSizeF() > before
    qtbot.keyClick(window.tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.zoom_percent == 125  # Ctrl+= as well, where + needs Shift
    qtbot.keyClick(window.tree, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.zoom_percent == 110
    event = QWheelEvent(
        QPointF(10, 10),
        QPointF(10, 10),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(window.tree.viewport(), event)
    assert window.tree.zoom_percent == 125
    qtbot.waitUntil(
        lambda: window.tree.visualRect(window.model.index(1, 0)).height() > height, timeout=2000
    )
    save_layout(window)
    assert int(window.settings.value("window/zoom")) == 125


def test_the_action_editor_shows_the_recommendation_it_answers(qtbot, window, store):
    plan_id = open_new(window, make_plan(recs=2))
    rec = store.get_plan(plan_id).recommendations[1]
    window.search.open_item(plan_id, "action", rec.actions[0].id)
    assert window.action_form.answers.text() == f"2. {rec.text}"


def test_the_plan_list_shows_short_names_with_the_title_as_tooltip(qtbot, window, store):
    open_new(window, make_plan("Action Plan: HMP Thematic – Social Care in Prisons in England"))
    open_new(window, make_plan("ACTION PLAN: A thematic inspection of accommodation for adults"))
    model = window.plan_list
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == ["HMP Thematic – Social Care", "Thematic – Accommodation for adults"]
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Action Plan: HMP Thematic – Social Care in Prisons in England\n")

    window.open_plan(store.list_plans()[0].id)
    from PySide6.QtWidgets import QInputDialog

    original = QInputDialog.getText
    QInputDialog.getText = staticmethod(lambda *a, **k: ("Social care 2018", True))
    try:
        window.edit.rename_plan()
    finally:
        QInputDialog.getText = original
    assert model.data(model.index(0, 0)) == "Social care 2018"
    assert store.list_plans()[0].short_name == "Social care 2018"
    window.undo.undo()
    assert model.data(model.index(0, 0)) == "HMP Thematic – Social Care"


def test_clear_clears_every_filter_and_shows_the_whole_plan(qtbot, window, store):
    open_new(window, make_plan(recs=8))
    qtbot.keyClicks(window.filter_bar.words, "recommendation 3")
    window.filter_bar.apply_now()
    window.filter_bar.overdue.setChecked(False)
    window.filter_bar.decision.setCurrentIndex(window.filter_bar.decision.findData("Agreed"))
    assert "(showing 1 of 8)" in window.counts.text()
    from PySide6.QtWidgets import QToolButton

    button = next(b for b in window.filter_bar.findChildren(QToolButton) if b.text() == "&Clear")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.filter_bar.words.text() == ""
    assert window.filter_bar.decision.currentData() is None
    assert window.model.shown_recs == 8
    assert "showing" not in window.counts.text()

    window.filter_bar.words.setText("recommendation 3")
    window.filter_bar.apply_now()
    assert window.model.shown_recs == 1
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.model.shown_recs == 8


def test_the_end_of_a_long_plan_is_reached_by_scrolling_and_by_ctrl_end(qtbot, window, store):
    plan = Plan(
        title="Long plan",
        recommendations=[
            Recommendation(ref=str(n), text=f"Recommendation {n}.", actions=[Action(text="A.")])
            for n in range(1, 2001)
        ],
    )
    open_new(window, plan)
    total = 2000 * 2  # each recommendation and its action (no section headings)
    bar = window.tree.verticalScrollBar()
    for _ in range(40):  # scrolling to the bottom, again and again, as a person would
        bar.setValue(bar.maximum())
        QApplication.processEvents()
        if window.model.rowCount() == total:
            break
    assert window.model.rowCount() == total

    window.open_plan(window.plan_id())  # rows made afresh, 300 at a time
    window.tree.setFocus()
    window.tree.setCurrentIndex(window.model.index(1, 0))
    qtbot.keyClick(window.tree, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.currentIndex().row() == total - 1
    assert window.edit.selected_node().rec.ref == "2000"


def test_several_rows_copy_as_a_table_for_outlook_word_and_excel(qtbot, window, store):
    plan_id = open_new(window, make_plan(recs=2, actions=1))
    rec = store.get_plan(plan_id).recommendations[0]
    rows = [row_of(window, "recommendation", rec.id), row_of(window, "action", rec.actions[0].id)]
    select_rows(window, rows)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    lines = data.text().splitlines()
    assert lines[0].split("\t") == [
        "Rec No",
        "Recommendation",
        "Decision",
        "Response",
        "Owner(s)",
        "Target",
        "RAG",
    ]
    assert lines[1].split("\t")[:4] == ["1", rec.text, "Agreed", "1 action"]
    assert lines[2].split("\t")[3:6] == [
        "Action 1 of recommendation 1.",
        "Prison Directorate; Owner 0",
        "March 2030",
    ]
    assert "<table" in data.html() and data.html().count("<tr>") == 3
    assert "<td>Action 1 of recommendation 1.</td>" in data.html()


def test_sorting_by_target_orders_the_actions_and_back_again(qtbot, window, store):
    plan = make_plan(recs=3, actions=1)
    for rec, target in zip(plan.recommendations, ("2031-01", "2029-05", "2030-07"), strict=True):
        rec.actions[0].target, rec.actions[0].target_text = target, ""
    open_new(window, plan)
    window.tree.sort_by("Target")
    refs = [n.item.ref for n in window.model.all_rows() if n.kind == "recommendation"]
    assert refs == ["2", "3", "1"]
    assert not any(n.kind == "section" for n in window.model.rows)
    window.tree.sort_by("Target", descending=True)
    refs = [n.item.ref for n in window.model.all_rows() if n.kind == "recommendation"]
    assert refs == ["1", "3", "2"]
    window.tree.sort_by(None)
    refs = [n.item.ref for n in window.model.all_rows() if n.kind == "recommendation"]
    assert refs == ["1", "2", "3"]


def test_status_set_on_several_actions_at_once_is_one_undo_step(qtbot, window, store):
    plan_id = open_new(window, make_plan(recs=2, actions=2))
    actions = [a for r in store.get_plan(plan_id).recommendations for a in r.actions]
    select_rows(window, [row_of(window, "action", a.id) for a in actions[:3]])
    assert window.edit.change_selected({"status": "completed"})
    statuses = [a.status for r in store.get_plan(plan_id).recommendations for a in r.actions]
    assert statuses == ["completed", "completed", "completed", "open"]
    window.undo.undo()
    statuses = [a.status for r in store.get_plan(plan_id).recommendations for a in r.actions]
    assert statuses == ["open"] * 4


def all_owners(store) -> set[str]:
    return {
        o
        for p in store.list_plans()
        for r in store.get_plan(p.id).recommendations
        for a in r.actions
        for o in a.owners
    }


def test_an_owner_replaced_across_all_plans_is_one_step_with_a_history_line_each(
    qtbot, window, store
):
    first = open_new(window, make_plan("First", recs=2, actions=1))
    open_new(window, make_plan("Second", recs=1, actions=2))
    window.open_plan(first)
    before = store.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    changed = window.edit.replace_owner("prison directorate", "HMPPS Directorate", everywhere=True)
    assert changed == 4
    owners = all_owners(store)
    assert "Prison Directorate" not in owners and "HMPPS Directorate" in owners
    history = store.conn.execute("SELECT count(*) FROM history").fetchone()[0] - before
    assert history == 4
    assert window.undo.count() == 1
    window.undo.undo()
    owners = all_owners(store)
    assert "Prison Directorate" in owners and "HMPPS Directorate" not in owners


def test_kinds_of_item_are_shown_and_filtered(qtbot, window, store):
    plan = make_plan(recs=3, actions=1)
    plan.recommendations[1].kind = "priority concern"
    plan_id = open_new(window, plan)
    rec = store.get_plan(plan_id).recommendations[1]
    text = window.model.data(window.model.index(row_of(window, "recommendation", rec.id), 1))
    assert text.startswith("Priority concern:\n")
    bar = window.filter_bar
    bar.kind.setCurrentIndex(bar.kind.findData("priority concern"))
    assert [n.item.ref for n in window.model.all_rows() if n.kind == "recommendation"] == ["2"]


def test_a_date_field_lets_tab_go_and_ignores_the_wheel_unless_focused(qtbot, window):
    due = window.filter_bar.due
    before = due.date()
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(due, wheel)
    assert due.date() == before
    due.setFocus()
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    assert not due.hasFocus()


def test_delete_plan_defaults_to_no_and_a_backup_brings_the_plan_back(
    qtbot, window, store, monkeypatch
):
    asked = []

    def answer(parent, title, text, buttons, default):
        asked.append(default)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    open_new(window, make_plan("Keep me"))
    window.edit.delete_plan()
    assert asked == [QMessageBox.StandardButton.No]
    assert store.list_plans() == []
    assert [b.reason for b in list_backups(store.path)] == ["delete"]

    window.files.restore_backup(chosen=0)
    assert [r.title for r in store.list_plans()] == ["Keep me"]
    assert window.plan_list.rowCount() == 1 and window.plan.title == "Keep me"
    assert window.undo.count() == 0


def test_history_is_in_words_and_uk_dates(qtbot, window, store):
    from actionplans.storage import edits

    plan_id = open_new(window, make_plan(recs=1, actions=2))
    action = store.get_plan(plan_id).recommendations[0].actions[0]
    edits.update_action(store, action.id, target="2027-06", status="in_progress")
    edits.move_action(store, action.id, 1)
    window.load_plan(plan_id)
    window.search.open_item(plan_id, "action", action.id)
    window.panels.history_dock.raise_()
    rows = [row[2:] for row in window.panels.history.texts()]
    assert ["moved down", "1st place", "2nd place"] in rows
    assert ["target date", "March 2030", "June 2027"] in rows
    assert ["status", "Open", "In progress"] in rows
    when = window.panels.history.texts()[0][0]
    assert window.panels.history.columnWidth(0) >= window.fontMetrics().horizontalAdvance(when)


def test_the_rows_shown_print_alone_and_panels_sort_by_a_column(qtbot, window, store):
    from pypdf import PdfReader

    from actionplans.gui import worker

    open_new(window, make_plan(recs=4))
    window.filter_bar.words.setText("recommendation 3")
    window.filter_bar.apply_now()
    window.files.preview_current(shown_only=True)
    qtbot.waitUntil(lambda: window.files.preview_dialog is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=30_000)
    (pdf,) = window.files.preview_folder().glob("*.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Recommendation 3 about" in text and "Recommendation 2 about" not in text

    results = window.panels.results
    results.show_rows(
        [("P", "1", "", "", "", "March 2031"), ("P", "2", "", "", "", "1 April 2030")],
        [(1, "action", 1), (1, "action", 2)],
    )
    results.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert [results.item(r, 5).text() for r in range(2)] == ["1 April 2030", "March 2031"]


def test_rows_far_down_are_measured_when_scrolled_to(qtbot, window, store):
    """The last rows are first sized by a guess (Qt asks for them to set the scroll bar);
    scrolled to, they are measured."""
    plan = make_plan(recs=300, actions=0)
    for rec in plan.recommendations:
        rec.text = LONG
    open_new(window, plan)
    last = len(window.model.all_rows()) - 1  # every row made, as after Ctrl+End
    bar = window.tree.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 250)  # laid out from the top: the end was far
    metrics = QFontMetrics(window.tree.font())

    def tall(row: int) -> bool:
        return window.tree.visualRect(window.model.index(row, 1)).height() > 3 * metrics.height()

    assert not tall(last)  # a guess, one line high, while far away
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: tall(last), timeout=2000)


def test_the_pack_and_meeting_checklists_name_plans_by_short_name(qtbot, store):
    from PySide6.QtWidgets import QWidget

    from actionplans.gui.panels import PlanChecklist

    title = "ACTION PLAN: A thematic inspection of accommodation and support for adult offenders"
    store.add_plan(make_plan(title=title))
    parent = QWidget()
    qtbot.addWidget(parent)
    checklist = PlanChecklist(store.list_plans(), None, "Plans", parent)
    item = checklist.item(0)
    assert item.text() == "Thematic – Accommodation and support…"  # the plan list's name
    assert item.toolTip() == title


def test_sorting_by_rag_puts_a_not_agreed_explanation_with_the_unrated():
    """The RAG column shows nothing for a Not Agreed recommendation's explanation, so a sort
    by RAG ranks it with the unrated, not as the overdue "red" its old target would suggest."""
    from datetime import date

    from actionplans.gui.filters import ALL
    from actionplans.gui.plan_rows import Kept, sorted_rows
    from actionplans.storage.model import Update

    plan = make_plan(recs=2, actions=1)
    explained, agreed = plan.recommendations
    explained.decision = "Not Agreed"
    explained.actions[0].target = "2019-03"  # long past: rated red if it were an action
    agreed.actions[0].updates.append(Update(on_date="2026-01-05", status="open", rag="green"))
    kept = Kept(plan, [(rec, ALL) for rec in plan.recommendations])
    rows = list(sorted_rows(plan, kept, "RAG", False, date(2026, 12, 1)))
    assert [item.ref for kind, item, _, _ in rows if kind == "recommendation"] == ["2", "1"]
