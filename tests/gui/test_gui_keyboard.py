"""The window without a mouse: Tab walks on out of every table, and every Alt+letter in a window
or a menu means one thing, so pressing it does what its underlined letter says."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QFormLayout,
    QLabel,
    QMainWindow,
    QWidget,
)

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.commands import Heading  # noqa: E402
from actionplans.gui.panels import ReadOnlyTable  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402


def mnemonic(text: str) -> str | None:
    """The letter Alt+ goes with in a label, button or menu text ('&&' is a plain '&')."""
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def alt_keys(top: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every Alt+letter that works in window `top` as it is shown now."""
    keys = []
    if isinstance(top, QMainWindow):
        keys += [(mnemonic(a.text()), a.text()) for a in top.menuBar().actions()]
    widgets = [w for w in top.findChildren(QLabel) if w.buddy() is not None]
    widgets += top.findChildren(QAbstractButton)
    keys += [
        (mnemonic(w.text()), w.text())
        for w in widgets
        if w.isVisible() and w.window() is top and mnemonic(w.text())
    ]
    return keys


def clashes(keys: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for letter, text in keys:
        by_letter.setdefault(letter, []).append(text)
    return {k: v for k, v in by_letter.items() if len(v) > 1}


@pytest.fixture
def opened(window, store):
    plan_id = store.add_plan(make_plan())
    window.refresh_plan_list()
    window.open_plan(plan_id)
    return store.get_plan(plan_id)


def show_each(window, plan):
    """Select the plan, a heading, a recommendation and an action in turn; yield the form."""
    rec = plan.recommendations[0]
    for select in (
        None,
        Heading(rec.section),
        window.refs.get("recommendation", rec.id),
        window.refs.get("action", rec.actions[0].id),
    ):
        window.edit.select_ref(select)
        yield window.editor.currentWidget()


def test_every_menu_gives_each_entry_its_own_letter(window):
    for menu_action in window.menuBar().actions():
        entries = [a.text() for a in menu_action.menu().actions() if not a.isSeparator()]
        assert not clashes([(mnemonic(t), t) for t in entries if mnemonic(t)]), menu_action.text()


@pytest.mark.parametrize("dock", ["checks", "updates", "next", "meetings", "history", "results"])
def test_alt_letters_are_distinct_in_every_form_whatever_panel_is_open(window, opened, dock):
    getattr(window.panels, f"{dock}_dock").raise_()
    for form in show_each(window, opened):
        assert not clashes(alt_keys(window)), type(form).__name__


def test_alt_and_a_fields_letter_puts_the_cursor_in_that_field(qtbot, window, opened):
    for form in show_each(window, opened):
        layout = form.layout_
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is None or not mnemonic(label.widget().text()):
                continue
            field = label.widget().buddy()
            if not field.isVisible():
                continue
            window.tree.setFocus()
            key = Qt.Key(ord(mnemonic(label.widget().text()).upper()))
            qtbot.keyClick(window.tree, key, Qt.KeyboardModifier.AltModifier)
            focused = QApplication.focusWidget()
            assert focused is field or field.isAncestorOf(focused), label.widget().text()


def test_the_update_dialog_gives_each_field_and_button_its_own_letter(window, opened):
    action = opened.recommendations[0].actions[0]
    window.edit.select_ref(window.refs.get("action", action.id))
    dialog = window.progress.add_update()
    try:
        dialog.rag.setCurrentIndex(1)  # shows the reason field too
        assert not clashes(alt_keys(dialog))
    finally:
        dialog.reject()


def test_tab_leaves_the_plan_list_for_the_search_and_the_plan(qtbot, window, opened):
    window.plans_view.setFocus()
    reached = []
    for _ in range(20):
        widget = QApplication.focusWidget()
        reached.append(widget)
        if widget is window.tree:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert window.filter_bar.words in reached
    assert reached[-1] is window.tree


def test_tab_leaves_every_table_of_text(qtbot, window, opened):
    window.panels.history_dock.raise_()
    window.edit.select_ref(window.refs.get("recommendation", opened.recommendations[0].id))
    tables = [t for t in window.findChildren(ReadOnlyTable) if t.isVisible()]
    assert window.panels.history in tables
    for table in tables:
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not table, table.accessibleName()


def test_every_button_of_the_window_and_its_dialogs_has_an_alt_letter(qtbot, window, opened):
    from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton

    plan_id = window.plan_id()
    action = window.store.get_plan(plan_id).recommendations[0].actions[0]
    window.search.open_item(plan_id, "action", action.id)
    dialogs = [
        window.progress.add_update(),
        window.progress.record_meeting(),
        window.progress.what_changed(),
        window.files.board_pack(),
    ]
    missing = []
    for widget in [window, *dialogs]:
        for button in widget.findChildren(QAbstractButton):
            text = button.text()
            pressed = not isinstance(button, (QCheckBox, QRadioButton))  # buttons one presses
            escape = text in ("Cancel", "Close")  # Esc presses them, as in every Windows dialog
            if (
                pressed
                and not escape
                and text
                and button.isVisibleTo(widget)
                and not mnemonic(text)
            ):
                missing.append((type(widget).__name__, text))
        if widget is not window:
            widget.reject()
    assert missing == [], missing
