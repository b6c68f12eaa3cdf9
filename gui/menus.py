"""The window's menus: every command a person can give, with its keys and underlined letter.

Kept apart from the window so that the window holds state and the controllers do the work;
each menu entry only names the controller method it calls.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call

if TYPE_CHECKING:
    from actionplans.gui.main_window import MainWindow


def add_action(
    window: MainWindow, menu: QMenu, text: str, slot: Callable, shortcut=None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def tree_action(window: MainWindow, menu: QMenu, text: str, slot: Callable, shortcut) -> QAction:
    """An action whose key works in the plan view only, so text boxes keep their keys."""
    action = add_action(window, menu, text, slot, shortcut)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.tree.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    w, edit, files, search = window, window.edit, window.files, window.search
    # The progress controller is made on first use (see MainWindow.progress): named, not bound.
    file = w.menus["&File"]
    add_action(w, file, "&New plan…", edit.new_plan, QKeySequence.StandardKey.New)
    add_action(
        w,
        file,
        "&Import…",
        files.open_import_wizard,
        "Ctrl+I",
        "Import a workbook as a new plan or merge a return into a plan",
    )
    add_action(
        w,
        file,
        "Import a re&turn into this plan…",
        lambda: files.open_import_wizard(into=w.plan_id()),
    )
    files.recent_menu = file.addMenu("&Recent files")
    file.addSeparator()
    add_action(w, file, "Save as &Excel…", lambda: files.export_current(".xlsx"), "Ctrl+E")
    add_action(
        w,
        file,
        "Save as Excel with pro&gress…",
        lambda: files.export_current(".xlsx", progress_columns=True),
        tip="The template's columns, then status, RAG and the latest update of each action",
    )
    add_action(w, file, "Save as P&DF…", lambda: files.export_current(".pdf"), "Ctrl+Shift+E")
    add_action(w, file, "Save as &JSON…", lambda: files.export_current(".json"))
    add_action(w, file, "&Board pack…", files.board_pack, "Ctrl+B")
    add_action(w, file, "Pre&view PDF", files.preview_current, "Ctrl+Shift+P")
    add_action(w, file, "&Print…", files.print_current, QKeySequence.StandardKey.Print)
    add_action(
        w,
        file,
        "Print the rows &shown…",
        lambda: files.print_current(shown_only=True),
        tip="Only what the search and filters keep, in the order shown",
    )
    file.addSeparator()
    add_action(w, file, "Rena&me plan…", edit.rename_plan, tip="Change the plan's short name")
    add_action(w, file, "De&lete plan…", edit.delete_plan)
    add_action(w, file, "Restore a bac&kup…", files.restore_backup)
    file.addSeparator()
    add_action(w, file, "&Quit", w.close, QKeySequence.StandardKey.Quit)

    menu = w.menus["&Edit"]
    undo = w.undo.createUndoAction(w, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = w.undo.createRedoAction(w, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    menu.addActions([undo, redo])
    menu.addSeparator()
    tree_action(w, menu, "Cop&y rows", w.tree.copy_rows, QKeySequence.StandardKey.Copy)
    menu.addSeparator()
    add_action(w, menu, "New re&commendation", edit.add_recommendation, "Ctrl+Shift+N")
    add_action(w, menu, "New &action", edit.add_action, "Ctrl+Shift+A")
    add_action(w, menu, "New &section…", edit.add_section)
    tree_action(w, menu, "&Edit in the editor", edit.edit_selected, "F2")
    tree_action(w, menu, "&Delete", edit.delete_selected, QKeySequence.StandardKey.Delete)
    tree_action(w, menu, "Move u&p", lambda: edit.move_selected(-1), "Ctrl+Up")
    tree_action(w, menu, "Move do&wn", lambda: edit.move_selected(+1), "Ctrl+Down")
    add_action(w, menu, "Change selected actio&ns…", edit.change_selected)
    add_action(w, menu, "Replace an owner's na&me…", edit.replace_owner)
    menu.addSeparator()
    add_action(w, menu, "&Find…", search.focus_search, QKeySequence.StandardKey.Find)
    add_action(w, menu, "Clear fi&lter", search.clear_filters, "Ctrl+Shift+F")
    add_action(w, menu, "&Open actions of an owner…", search.owner_actions, "Ctrl+Shift+O")
    w.context_actions = [a for a in menu.actions() if not a.isSeparator()][2:]

    plan_menu = w.menus["&Progress"]
    add_action(
        w,
        plan_menu,
        "Add &update…",
        lambda: w.progress.add_update(),
        "Ctrl+U",
        "Record a dated progress update on the selected action",
    )
    add_action(
        w,
        plan_menu,
        "&Verify a completion…",
        lambda: w.progress.verify_completion(),
        tip="Mark the selected action's reported completion verified, or not accepted",
    )
    add_action(
        w,
        plan_menu,
        "Independent Review &judgement…",
        lambda: w.progress.record_judgement(),
        tip="Record the inspectorate's rating of the selected item's progress",
    )
    add_action(w, plan_menu, "Record a &meeting…", lambda: w.progress.record_meeting(), "Ctrl+M")
    add_action(
        w,
        plan_menu,
        "For the &next meeting",
        lambda: w.progress.show_next_meeting(),
        "Ctrl+Shift+M",
        "Open actions overdue, due before the next meeting, or not updated since the last",
    )
    add_action(
        w,
        plan_menu,
        "&What changed since the last meeting…",
        lambda: w.progress.what_changed(),
        "Ctrl+Shift+W",
    )
    plan_menu.addSeparator()
    add_action(
        w,
        plan_menu,
        "Send &returns…",
        lambda: w.progress.send_returns(),
        tip="Write one workbook per owner with their open actions, for them to fill in",
    )
    add_action(
        w, plan_menu, "&Import a return…", lambda: files.open_import_wizard(into=w.plan_id())
    )

    view = w.menus["&View"]
    for dock in w.docks:
        view.addAction(dock.toggleViewAction())
    view.addSeparator()
    sort = view.addMenu("&Sort the plan by")
    add_action(w, sort, "The plan's &order", lambda: w.tree.sort_by(None))
    for name, letter in (("Owner(s)", "&Owner"), ("Target", "&Target"), ("Status", "&Status")):
        add_action(w, sort, letter, lambda n=name: w.tree.sort_by(n))
    add_action(w, sort, "&RAG", lambda: w.tree.sort_by("RAG"))
    zoom_in = add_action(w, view, "Zoom &in", lambda: w.tree.zoom(+1))
    # Ctrl+= too: on a UK keyboard + is Shift+=, and browsers take Ctrl+= for zooming in.
    zoom_in.setShortcuts([*QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn), "Ctrl+="])
    add_action(w, view, "Zoom &out", lambda: w.tree.zoom(-1), QKeySequence.StandardKey.ZoomOut)
    add_action(w, view, "&Actual size", lambda: w.tree.zoom(0), "Ctrl+0")

    help_menu = w.menus["&Help"]
    add_action(
        w, help_menu, "&About Action plans", lambda: about(w), QKeySequence.StandardKey.HelpContents
    )


def about(window: MainWindow) -> None:
    """Help > About: the version, and where this person's database and data folder are."""
    from PySide6.QtWidgets import QMessageBox

    from actionplans.storage.version import app_version

    path = window.store.path
    QMessageBox.about(
        window,
        "About Action plans",
        f"<h3>Action plans {app_version()}</h3>"
        "<p>Keep, check, export and print the action plans that answer prison "
        "inspection reports. Works offline; nothing leaves this computer.</p>"
        f"<p>Database: {path}<br>Data folder: {Path(path).parent}</p>",
    )
