"""The main window: the plan list, the open plan as six columns, the editor, and the panels.

Every change is made by a command on `self.undo` (one transaction in the store, saved at once);
after each, `on_changed` reloads the plan from the store and selects what the change concerns,
so what is shown is always what is saved.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from gui.agenda import QUARTER, default_horizon, for_next_meeting, next_meeting
from gui.commands import (
    AddItem,
    Context,
    DeleteItem,
    DeleteSection,
    EditFields,
    Focus,
    Heading,
    MoveItem,
    MoveSection,
    Ref,
    Refs,
    RenameSection,
    could_lose_updates,
)
from gui.dates import uk_date
from gui.editors import ActionForm, Form, PlanForm, RecommendationForm, SectionForm
from gui.errors import show_error
from gui.filter_bar import FilterBar
from gui.filters import ALL, Filter, TextIndex, kept_actions, select
from gui.meetings import ChangesDialog, MeetingDialog, MeetingsPanel, NextMeetingPanel
from gui.panels import ChecksPanel, HistoryPanel, PlanListModel, ResultsPanel
from gui.plan_model import Dragged, Node, PlanModel, one_line, target_shown
from gui.reorder import drop_command
from gui.updates import UpdateDialog, UpdatesPanel
from storage import monitoring, queries
from storage.backups import backed_up
from storage.errors import BadInput
from storage.model import Action, Plan, Recommendation
from storage.store import Store
from storage.version import app_version
from usecases.changes import changes_text as format_changes

if TYPE_CHECKING:  # imported when first used: see the import and export methods
    from gui.export import PackDialog
    from gui.import_wizard import ImportWizard
    from gui.preview import PreviewDialog

MAX_RECENT = 8
APP_TITLE = "Action plans"
RESULTS_TITLE = "Found in all plans"


def counts_text(plan: Plan) -> str:
    """'Agreed 6 · Partly Agreed 1 · Not Agreed 1 · Undecided 0 · Total 8'."""
    return " · ".join(f"{k} {v}" for k, v in plan.summary().items())


def next_ref(plan: Plan, after: Recommendation | None) -> str:
    """A Rec No for a new recommendation: one more than the highest whole number in use."""
    numbers = [int(r.ref) for r in plan.recommendations if r.ref.strip().isdigit()]
    return str(max(numbers, default=0) + 1)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or QSettings()
        self.refs = Refs()
        self.undo = QUndoStack(self)
        self.ctx = Context(store, self.refs, self.on_changed)
        self.plan: Plan | None = None
        self.editing: Ref | Heading | None = None  # the item whose form is shown
        self._busy = False  # True while reloading, so signals from the views do not recurse
        self._preview_folder: tempfile.TemporaryDirectory | None = None  # see preview_folder
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName(APP_TITLE)

        self._build_views()
        self._build_docks()
        self._build_actions()
        self._restore_settings()
        self.refresh_plan_list()
        self.refresh_meetings()
        if self.plan_list.rows:
            self.open_plan(self.plan_list.rows[0].id)
        else:
            self.show_editor(None)

    # --- building -------------------------------------------------------------------------

    def _build_views(self) -> None:
        self.plan_list = PlanListModel(self)
        self.plans_view = QTableView(self)
        self.plans_view.setObjectName("plans")
        self.plans_view.setAccessibleName("Plans")
        self.plans_view.setModel(self.plan_list)
        self.plans_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plans_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plans_view.verticalHeader().setVisible(False)
        self.plans_view.setWordWrap(False)
        self.plans_view.setTabKeyNavigation(False)  # Tab goes on to the plan; arrows choose
        header = self.plans_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for hidden in ("submitted", "undecided"):  # in the tooltip; the list stays narrow
            self.plans_view.setColumnHidden(self.plan_list.column_of(hidden), True)
        self.plans_view.selectionModel().currentRowChanged.connect(self._plan_row_changed)

        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.counts.setAccessibleName("Counts by decision")
        self.filter_bar = FilterBar(self)
        self.filter_bar.changed.connect(self.apply_filter)

        self.model = PlanModel(self)
        self.filter_bar.words.textChanged.connect(self.model.prepare_search)  # while typing
        self.tree = QTreeView(self)
        self.tree.setObjectName("plan")
        self.tree.setAccessibleName("Plan: recommendations and actions")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        for column, width in enumerate((60, 380, 105, 380, 160, 115, 130)):  # 1 and 3 stretch
            self.tree.setColumnWidth(column, width)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        # Rows move by drag and drop within the view; the model reports the drop (see
        # gui.reorder) and the move is a command like any other.
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.model.dropped.connect(self.drop)
        self.model.modelReset.connect(lambda: self._span_headings(0, self.model.rowCount() - 1))
        self.model.rowsInserted.connect(
            lambda _parent, first, last: self._span_headings(first, last)
        )

        center = QWidget(self)
        column = QVBoxLayout(center)
        column.setContentsMargins(4, 4, 4, 4)
        for widget in (self.heading, self.counts, self.filter_bar):
            column.addWidget(widget)
        column.addWidget(self.tree, 1)

        self.plan_form = PlanForm(self)
        self.section_form = SectionForm(self)
        self.rec_form = RecommendationForm(self)
        self.action_form = ActionForm(self)
        self.editor = QStackedWidget(self)
        self.editor.setAccessibleName("Editor")
        self.empty_editor = QLabel("Create a plan (Ctrl+N) or import one (Ctrl+I).", self)
        self.empty_editor.setWordWrap(True)
        self.editor.addWidget(self.empty_editor)
        for form in (self.plan_form, self.section_form, self.rec_form, self.action_form):
            form.commit_requested.connect(self.commit_editor)
            self.editor.addWidget(form)
        self.action_form.add_update_requested.connect(self.add_update)
        self.editor_scroll = QScrollArea(self)
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setWidget(self.editor)
        self.editor_scroll.setMinimumWidth(320)
        # No Tab stop of its own (it showed nothing focused): the fields scroll into view.
        self.editor_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.splitter = QSplitter(self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.plans_view)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.editor_scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 950, 350])
        self.setCentralWidget(self.splitter)

        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)

    def _span_headings(self, first: int, last: int) -> None:
        """Heading rows span the width, as in the template, so a long heading reads whole."""
        with self.model.fetch_held():
            for node in self.model.rows[first : last + 1]:
                if node.kind == "section":
                    self.tree.setFirstColumnSpanned(node.row, QModelIndex(), True)

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.checks = ChecksPanel(self)
        self.checks.problem_chosen.connect(self.select_problem)
        self.history = HistoryPanel(self)
        self.results = ResultsPanel(self)
        self.results.item_chosen.connect(self.open_item)
        self.updates = UpdatesPanel(self)
        self.updates.add_requested.connect(self.add_update)
        self.next_meeting = NextMeetingPanel(self)
        self.next_meeting.asked.connect(self.refresh_next_meeting)
        self.next_meeting.item_chosen.connect(self.open_item)
        self.meetings = MeetingsPanel(self)
        self.checks_dock = self._dock("Checks", "checks", self.checks, bottom)
        self.updates_dock = self._dock("Progress updates", "updates", self.updates, bottom)
        self.next_dock = self._dock("For the next meeting", "next", self.next_meeting, bottom)
        self.meetings_dock = self._dock("Meetings", "meetings", self.meetings, bottom)
        self.history_dock = self._dock("History", "history", self.history, bottom)
        self.results_dock = self._dock(RESULTS_TITLE, "results", self.results, bottom)
        self.next_dock.visibilityChanged.connect(
            lambda shown: shown and self.refresh_next_meeting()
        )
        self._history_of: dict | None = None  # what the history panel is to show
        self.history_dock.visibilityChanged.connect(lambda shown: shown and self.refresh_history())
        self.monitored_docks = [self.updates_dock, self.next_dock, self.meetings_dock]
        docks = [self.checks_dock, *self.monitored_docks, self.history_dock, self.results_dock]
        for first, second in zip(docks, docks[1:], strict=False):
            self.tabifyDockWidget(first, second)
        self.checks_dock.raise_()

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _tree_action(self, menu, text: str, slot, shortcut) -> QAction:
        """An action whose key works in the plan view only, so text boxes keep their keys."""
        action = self._action(menu, text, slot, shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New plan…", self.new_plan, QKeySequence.StandardKey.New)
        self._action(
            file,
            "&Import…",
            lambda: self.open_import_wizard(),
            "Ctrl+I",
            "Import a workbook as a new plan or merge a return into a plan",
        )
        self._action(
            file,
            "Import a re&turn into this plan…",
            lambda: self.open_import_wizard(into=self.plan_id()),
        )
        self.recent_menu = file.addMenu("&Recent files")
        file.addSeparator()
        self._action(file, "Save as &Excel…", lambda: self.export_current(".xlsx"), "Ctrl+E")
        self._action(file, "Save as P&DF…", lambda: self.export_current(".pdf"), "Ctrl+Shift+E")
        self._action(file, "Save as &JSON…", lambda: self.export_current(".json"))
        self._action(file, "&Board pack…", self.board_pack, "Ctrl+B")
        self._action(file, "Pre&view PDF", self.preview_current, "Ctrl+Shift+P")
        self._action(file, "&Print…", self.print_current, QKeySequence.StandardKey.Print)
        file.addSeparator()
        self._action(file, "De&lete plan…", self.delete_plan)
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        undo = self.undo.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        edit.addSeparator()
        self._action(edit, "New re&commendation", self.add_recommendation, "Ctrl+Shift+N")
        self._action(edit, "New &action", self.add_action, "Ctrl+Shift+A")
        self._action(edit, "New &section…", self.add_section)
        self._tree_action(edit, "&Edit in the editor", self.edit_selected, "F2")
        self._tree_action(edit, "&Delete", self.delete_selected, QKeySequence.StandardKey.Delete)
        self._tree_action(edit, "Move u&p", lambda: self.move_selected(-1), "Ctrl+Up")
        self._tree_action(edit, "Move do&wn", lambda: self.move_selected(+1), "Ctrl+Down")
        edit.addSeparator()
        self._action(edit, "&Find…", self.focus_search, QKeySequence.StandardKey.Find)
        self._action(edit, "Clear fi&lter", self.filter_bar.clear, "Ctrl+Shift+F")
        self._action(edit, "&Open actions of an owner…", self.owner_actions, "Ctrl+Shift+O")

        progress = bar.addMenu("&Progress")
        self._action(
            progress,
            "Add &update…",
            self.add_update,
            "Ctrl+U",
            "Record a dated progress update on the selected action",
        )
        self._action(progress, "Record a &meeting…", self.record_meeting, "Ctrl+M")
        self._action(
            progress,
            "For the &next meeting",
            self.show_next_meeting,
            "Ctrl+Shift+M",
            "Open actions overdue, due before the next meeting, or not updated since the last",
        )
        self._action(
            progress, "&What changed since the last meeting…", self.what_changed, "Ctrl+Shift+W"
        )
        progress.addSeparator()
        self._action(
            progress,
            "Send &returns…",
            self.send_returns,
            tip="Write one workbook per owner with their open actions, for them to fill in",
        )
        self._action(
            progress,
            "&Import a return…",
            lambda: self.open_import_wizard(into=self.plan_id()),
        )

        view = bar.addMenu("&View")
        for dock in (self.checks_dock, *self.monitored_docks, self.history_dock, self.results_dock):
            view.addAction(dock.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu, "&About Action plans", self.about, QKeySequence.StandardKey.HelpContents
        )

    # --- settings -------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 950)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self.resizeDocks([self.checks_dock], [170], Qt.Orientation.Vertical)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self._fill_recent()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent/files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def remember_file(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        self.settings.setValue("recent/files", files[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for number, name in enumerate(self.recent_files(), 1):
            action = self.recent_menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _=False, n=name: self.open_import_wizard(Path(n)))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_editor()
        self.save_settings()
        super().closeEvent(event)

    # --- plans ----------------------------------------------------------------------------

    def plan_id(self) -> int | None:
        return self.plan.id if self.plan else None

    def refresh_plan_list(self) -> None:
        current = self.plan_id()
        self._busy = True
        try:
            self.plan_list.set_rows(self.store.list_plans())
            row = self.plan_list.row_of(current) if current is not None else -1
            if row >= 0:
                self.plans_view.selectRow(row)
        finally:
            self._busy = False
        names = [name for name, _, _ in queries.owners(self.store)]
        self.filter_bar.set_owners(names)
        self.action_form.set_owner_names(names)

    def _plan_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._busy or not current.isValid():
            return
        plan_id = self.plan_list.rows[current.row()].id
        if plan_id != self.plan_id():
            self.open_plan(plan_id)

    def open_plan(self, plan_id: int, select: Ref | None = None) -> None:
        self.commit_editor()
        self.load_plan(plan_id, select)
        row = self.plan_list.row_of(plan_id)
        if row >= 0 and self.plans_view.currentIndex().row() != row:
            self._busy = True
            self.plans_view.selectRow(row)
            self._busy = False

    def load_plan(self, plan_id: int, select: Ref | None = None) -> None:
        """Read the plan from the store and show it."""
        self.plan = self.store.get_plan(plan_id)
        self._busy = True
        try:
            self.model.set_plan(self.plan)
        finally:
            self._busy = False
        title = self.plan.title
        self.heading.setText(title)
        self.setWindowTitle(f"{title} – {APP_TITLE}")
        self.rec_form.set_sections(self.plan.sections())
        self.checks.show_problems(self.model.problems)
        self._show_counts()
        self.select_ref(select)
        if self.next_meeting.isVisible():
            self.refresh_next_meeting()

    def _show_counts(self) -> None:
        if self.plan is None:
            self.counts.setText("")
            self.status_counts.setText("")
            return
        text = counts_text(self.plan)
        total = len(self.plan.recommendations)
        if not self.model.filter.is_empty():
            text += f"   (showing {self.model.shown_recs} of {total})"
        self.counts.setText(text)
        self.status_counts.setText(text)

    def new_plan(self) -> None:
        title, ok = QInputDialog.getText(self, "New plan", "Title of the action plan:")
        if ok and title.strip():
            self.create_plan(title.strip())

    def create_plan(self, title: str) -> int:
        plan_id = self.store.add_plan(Plan(title=title))
        self.refresh_plan_list()
        self.open_plan(plan_id)
        self.statusBar().showMessage(f"Created plan: {title}", 5000)
        return plan_id

    def delete_plan(self) -> None:
        if self.plan is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete plan",
            f"Delete the plan '{self.plan.title}' and all its recommendations and actions?\n\n"
            "A backup of the database is taken first.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with backed_up(self.store, "delete") as path:
            self.store.delete_plan(self.plan.id)
        self.undo.clear()  # the commands on the stack refer to the deleted plan
        self.plan = None
        self.refresh_plan_list()
        if self.plan_list.rows:
            self.open_plan(self.plan_list.rows[0].id)
        else:
            self.model.set_plan(None)
            self._show_counts()
            self.heading.setText("")
            self.show_editor(None)
        self.statusBar().showMessage(f"Plan deleted; a backup is in {path}", 8000)

    # --- selection and the editor ---------------------------------------------------------

    def selected_node(self) -> Node | None:
        return self.model.node(self.tree.currentIndex())

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._busy:
            return
        self.commit_editor()
        self.show_editor(self.model.node(current))

    def select_ref(self, ref: Focus) -> None:
        """Select the row of `ref` (none when it is not shown) and load the editor for it."""
        index = self._select_row(ref)
        self.show_editor(self.model.node(index))

    def _select_row(self, ref: Focus) -> QModelIndex:
        """Select the row of `ref` and scroll to it, leaving the editor as it is."""
        if isinstance(ref, Heading):
            index = self.model.index_of_heading(ref.title)
        else:
            index = self.model.index_of(ref.kind, ref.id) if ref else QModelIndex()
        self._busy = True
        try:
            if index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.tree.scrollTo(index)
            else:
                self.tree.selectionModel().clearSelection()
                self.tree.setCurrentIndex(QModelIndex())
        finally:
            self._busy = False
        return index

    def show_editor(self, node: Node | None) -> None:
        """Load the form for `node` (the plan's form for no selection, or for the row of
        recommendations without a heading)."""
        self.updates.show_action(
            node.item if node and node.kind == "action" else None,
            f"{node.rec.ref}.{node.number}" if node and node.kind == "action" else "",
        )
        if self.plan is None:
            self.editing = None
            self.editor.setCurrentWidget(self.empty_editor)
            self._show_history(None)
            return
        if node is not None and node.kind == "section" and node.item is not None:
            self.editing = Heading(node.item)
            self.section_form.load(SectionForm.values_of(self.plan, node.item))
            self.editor.setCurrentWidget(self.section_form)
            self._show_history({"plan_id": self.plan.id})
            return
        if node is None or node.kind == "section":
            self.editing = self.refs.get("plan", self.plan.id)
            self.plan_form.load(PlanForm.values_of(self.plan))
            self.editor.setCurrentWidget(self.plan_form)
            self._show_history({"plan_id": self.plan.id})
            return
        self.editing = self.refs.get(node.kind, node.item_id)
        form = self.rec_form if node.kind == "recommendation" else self.action_form
        form.load(form.values_of(node.item))
        if node.kind == "action":
            self.action_form.show_progress(node.item)
        self.editor.setCurrentWidget(form)
        self._show_history({"kind": node.kind, "item_id": node.item_id})

    def _show_history(self, about: dict | None) -> None:
        """Show the history of `about` (arguments of `queries.history`) once its panel is seen.

        Queried only while the panel is visible: the first query loads sqlite-utils (a tenth of
        a second), and the panel starts hidden behind the checks, so the window opens sooner.
        """
        self._history_of = about
        if not self.history_dock.visibleRegion().isEmpty():  # not a tab behind another
            self.refresh_history()

    def refresh_history(self) -> None:
        about = self._history_of
        self.history.show_changes(queries.history(self.store, **about) if about else [])

    def commit_editor(self) -> None:
        """Save what the person changed in the form, as one undoable step."""
        form = self.editor.currentWidget()
        if self._busy or self.editing is None or not isinstance(form, Form):
            return
        self._busy = True
        try:
            try:
                old, new = form.edited()
            except BadInput as exc:
                form.load(form.original)
                show_error(self, exc)
                return
            if new and form is self.section_form:
                self.push(RenameSection(self.ctx, self.plan, old["title"], new["title"]))
            elif new:
                self.push(EditFields(self.ctx, self.plan.id, self.editing, old, new))
        finally:
            self._busy = False

    def push(self, command) -> bool:
        """Do `command` once; only if the store accepted it does it go on the undo stack."""
        try:
            command.run_first()
        except BadInput as exc:
            show_error(self, exc)
            self.load_plan(self.plan.id, self.editing)
            return False
        was_busy, self._busy = self._busy, False
        try:
            self.undo.push(command)
        finally:
            self._busy = was_busy
        return True

    def on_changed(self, plan_id: int, select: Focus) -> None:
        """After every command (done, undone or redone): show the store's state."""
        if self.plan_id() == plan_id:
            self.load_plan(plan_id, select)
        else:
            self.open_plan(plan_id, select)
        self.refresh_plan_list()

    # --- adding, deleting, moving ---------------------------------------------------------

    def _current_rec(self) -> tuple[Recommendation | None, Node | None]:
        node = self.selected_node()
        if node is None or node.kind == "section":
            return None, node
        return (node.item if node.kind == "recommendation" else node.rec), node

    def add_recommendation(self, section: str | None = None, ref: str | None = None) -> None:
        """Insert a new recommendation after the selected one (at the end if none)."""
        if self.plan is None:
            return
        self.commit_editor()
        rec, node = self._current_rec()
        recs = self.plan.recommendations
        if rec is not None:
            position = next(i for i, r in enumerate(recs) if r is rec) + 1
            section = section if section is not None else rec.section
        elif node is not None and node.kind == "section":
            position = len(recs)
            section = section if section is not None else node.item
        else:
            position = len(recs)
            section = section if section is not None else (recs[-1].section if recs else None)
        new = Recommendation(ref=ref or next_ref(self.plan, rec), section=section)
        parent = self.refs.get("plan", self.plan.id)
        if self.push(AddItem(self.ctx, self.plan.id, "Add recommendation", parent, new, position)):
            self.rec_form.text.setFocus()

    def add_section(self) -> None:
        if self.plan is None:
            return
        title, ok = QInputDialog.getText(
            self, "New section", "Section heading (e.g. To prison governors/directors):"
        )
        if ok and title.strip():
            self.tree.setCurrentIndex(QModelIndex())
            self.add_recommendation(section=title.strip())

    def add_action(self) -> None:
        """Add an action to the selected recommendation, after the selected action."""
        if self.plan is None:
            return
        self.commit_editor()
        rec, node = self._current_rec()
        if rec is None:
            show_error(self, "Select the recommendation the new action belongs to.")
            return
        position = node.number if node.kind == "action" else len(rec.actions)
        parent = self.refs.get("recommendation", rec.id)
        if self.push(AddItem(self.ctx, self.plan.id, "Add action", parent, Action(), position)):
            self.action_form.text.setFocus()

    def edit_selected(self) -> None:
        """F2: into the editor, at its first field (a heading's title, to rename it)."""
        form = self.editor.currentWidget()
        if isinstance(form, Form):
            form.focus_first()

    def delete_selected(self) -> None:
        self.commit_editor()  # first: saving an edit reloads the plan and its rows
        node = self.selected_node()
        if node is None:
            return
        if node.kind == "section":
            self.delete_section(node.item)
            return
        if node.kind == "recommendation":
            recs = self.plan.recommendations
            position = next(i for i, r in enumerate(recs) if r is node.item)
            parent = self.refs.get("plan", self.plan.id)
            text = f"Delete recommendation {node.item.ref}"
        else:
            position = node.number - 1
            parent = self.refs.get("recommendation", node.rec.id)
            text = f"Delete action {node.number} of recommendation {node.rec.ref}"
        ref = self.refs.get(node.kind, node.item_id)
        self.push(DeleteItem(self.ctx, self.plan.id, text, parent, node.item, position, ref))

    def delete_section(self, title: str | None) -> None:
        """Remove a heading only, saying where its recommendations now are."""
        if title is None:
            self.statusBar().showMessage(
                "This row only marks recommendations without a heading: there is no heading "
                "to delete.",
                8000,
            )
            return
        command = DeleteSection(self.ctx, self.plan.id, title)
        if self.push(command):
            self.statusBar().showMessage(command.outcome(), 15000)

    def move_selected(self, step: int) -> None:
        self.commit_editor()  # first: saving an edit reloads the plan and its rows
        node = self.selected_node()
        if node is None or (node.kind == "section" and node.item is None):
            return
        if node.kind == "section":
            sections = self.plan.sections()
            new = sections.index(node.item) + step
            if 0 <= new < len(sections):
                self.push(MoveSection(self.ctx, self.plan, node.item, new))
            return
        siblings = self.plan.recommendations if node.kind == "recommendation" else node.rec.actions
        old = next(i for i, s in enumerate(siblings) if s is node.item)
        new = old + step
        if not 0 <= new < len(siblings):
            return
        ref = self.refs.get(node.kind, node.item_id)
        self.push(MoveItem(self.ctx, self.plan.id, ref, old, new))

    def drop(self, dragged: Dragged, row: int) -> None:
        """A row dragged in the plan view and dropped before `row`: one undoable move.

        The command is made from the rows as they were at the drop, before the editor's last
        edit is saved (which reloads the plan)."""
        if self.plan is None:
            return
        try:
            command = drop_command(self.ctx, self.plan, self.model.rows, dragged, row)
        except BadInput as exc:
            self.statusBar().showMessage(str(exc), 15000)
            return
        self.commit_editor()
        if command is not None:
            self.push(command)

    # --- progress -------------------------------------------------------------------------

    def add_update(self, _checked: bool = False) -> UpdateDialog | None:
        """Open the dialog for a progress update on the selected action (not blocking)."""
        node = self.selected_node()
        if self.plan is None or node is None or node.kind != "action":
            show_error(self, "Select the action the update is about.")
            return None
        self.commit_editor()
        node = self.selected_node()  # the commit may have reloaded the plan
        action_id, rec_id = node.item_id, node.rec.id
        label = f"{node.rec.ref}.{node.number}"

        def record(values: dict) -> None:
            monitoring.add_update(self.store, action_id, **values)
            self._recorded_update(action_id, rec_id)

        dialog = UpdateDialog(node.item, label, record, self)
        dialog.open()
        self.update_dialog = dialog
        return dialog

    def _recorded_update(self, action_id: int, rec_id: int) -> None:
        """Show the new update; drop undo steps that could now lose it (updates are kept)."""
        ref = self.refs.get("action", action_id)
        if could_lose_updates(self.undo, {ref, self.refs.get("recommendation", rec_id)}):
            self.undo.clear()
            message = "Update recorded. Undo was reset: going back could have lost the update."
        else:
            message = "Update recorded."
        self.load_plan(self.plan.id, ref)
        self.refresh_plan_list()
        self.statusBar().showMessage(message, 8000)

    def record_meeting(self, _checked: bool = False) -> MeetingDialog:
        """Ask for a meeting's date, board, notes and plans (not blocking); saved on Save."""
        self.commit_editor()
        rows = monitoring.list_meetings(self.store)
        boards = sorted({r.meeting.board for r in rows if r.meeting.board})
        dialog = MeetingDialog(self.store.list_plans(), self.plan_id(), boards, self)
        dialog.accepted.connect(lambda: self._save_meeting(dialog.values()))
        dialog.open()
        self.meeting_dialog = dialog
        return dialog

    def _save_meeting(self, values: dict) -> None:
        try:
            monitoring.add_meeting(self.store, **values)
        except BadInput as exc:
            show_error(self, exc)
            return
        self.refresh_meetings()
        if self.plan is not None:
            self.load_plan(self.plan.id, self.editing if self.editing.kind != "plan" else None)
        self.statusBar().showMessage(f"Meeting of {uk_date(values['held_on'])} recorded.", 8000)

    def refresh_meetings(self) -> None:
        """The meetings list, and the next-meeting view's date when a new meeting is ahead."""
        rows = monitoring.list_meetings(self.store)
        self.meetings.show_meetings(rows)
        self.next_meeting.set_before(default_horizon([r.meeting for r in rows], date.today()))
        if self.next_meeting.isVisible():
            self.refresh_next_meeting()

    def show_next_meeting(self, _checked: bool = False) -> None:
        self.next_dock.show()
        self.next_dock.raise_()
        self.resizeDocks(
            [self.next_dock], [max(self.next_dock.height(), 320)], Qt.Orientation.Vertical
        )
        self.refresh_next_meeting()

    def refresh_next_meeting(self) -> None:
        """Open actions overdue, due before the chosen date, or not updated since the last
        meeting that reviewed their plan: in the open plan, or in every plan."""
        today = date.today()
        before = self.next_meeting.before.date().toPython()
        if self.next_meeting.all_plans():
            plan_ids = [row.id for row in self.store.list_plans()]
        else:
            plan_ids = [self.plan.id] if self.plan else []
        rows = []
        for plan_id in plan_ids:
            plan = self.plan if plan_id == self.plan_id() else self.store.get_plan(plan_id)
            last = monitoring.last_meeting(self.store, plan_id, today)
            since = date.fromisoformat(last.held_on) if last else None
            rows += for_next_meeting(plan, before, since, today)
        upcoming = next_meeting([r.meeting for r in monitoring.list_meetings(self.store)], today)
        when = "No next meeting recorded yet"
        if upcoming is not None:
            board = f" ({upcoming.board})" if upcoming.board else ""
            when = f"Next meeting {uk_date(upcoming.held_on)}{board}"
        self.next_meeting.show_rows(rows, f"{when}. {len(rows)} action(s) to raise.")

    def what_changed(self, _checked: bool = False) -> ChangesDialog | None:
        """The changes report for the open plan since the last meeting that reviewed it."""
        if self.plan is None:
            show_error(self, "Open a plan first.")
            return None
        self.commit_editor()
        today = date.today()
        plan_id, title = self.plan.id, self.plan.title
        last = monitoring.last_meeting(self.store, plan_id, today)
        since = date.fromisoformat(last.held_on) if last else today - QUARTER
        note = (
            ""
            if last
            else "No meeting has reviewed this plan yet: choose the date to start from.\n\n"
        )
        dialog = ChangesDialog(title, since, self)

        def show(day: date) -> None:
            report = monitoring.changes(self.store, plan_id, day, today)
            dialog.show_report(note + format_changes(report, title))

        dialog.asked.connect(show)
        show(since)
        dialog.open()
        self.changes_dialog = dialog
        return dialog

    def send_returns(self, _checked: bool = False, folder: Path | None = None) -> None:
        """Write each owner's progress return into a chosen folder, off the GUI thread."""
        if self.plan is None:
            show_error(self, "Open a plan first.")
            return
        self.commit_editor()
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, "Send returns: choose a folder for the owners' workbooks", self._folder()
            )
            if not chosen:
                return
            folder = Path(chosen)
        from gui.export import write_returns_in_background

        write_returns_in_background(
            self,
            self.store.get_plan(self.plan.id),
            folder,
            lambda paths: self._returns_written(folder, paths),
        )

    def _returns_written(self, folder: Path, paths: list[Path]) -> None:
        self.returns_written = paths
        if not paths:
            self.statusBar().showMessage("No open actions with an owner: no returns to send.", 8000)
            return
        self.settings.setValue("export/folder", str(folder))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Returns written",
            f"Wrote {len(paths)} progress return(s) to {folder}, one per owner.\n\n"
            "Send each owner their workbook. When they come back, use Progress > Import a "
            "return to record their updates.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        self.statusBar().showMessage(f"Wrote {len(paths)} return(s) to {folder}", 8000)

    # --- find, filter, checks -------------------------------------------------------------

    def focus_search(self) -> None:
        self.filter_bar.words.setFocus()
        self.filter_bar.words.selectAll()

    def apply_filter(self) -> None:
        flt = self.filter_bar.filter()
        if self.filter_bar.all_plans():
            self.find_in_all_plans()
            return
        self.commit_editor()
        keep = self.editing if self.editing and self.editing.kind != "plan" else None
        self._busy = True
        try:
            self.model.set_filter(flt)
        finally:
            self._busy = False
        self._show_counts()
        # The editor already shows `keep` (or the plan): reloading it on every keystroke
        # repainted the whole window. Only an item the filter now hides gives way to the plan.
        if not self._select_row(keep).isValid() and keep is not None:
            self.show_editor(None)

    def find_in_all_plans(self) -> None:
        """Every plan's matches in the results panel; the words go to the full-text index first."""
        flt = self.filter_bar.filter()
        plan_ids = [row.id for row in self.store.list_plans()]
        if flt.words.strip():
            hits = queries.search(self.store, flt.words, limit=100_000)
            plan_ids = [i for i in plan_ids if i in {h.plan_id for h in hits}]
        rows, targets = [], []
        for plan_id in plan_ids if not flt.is_empty() else []:
            plan = self.store.get_plan(plan_id)
            for rec, mask in select(plan.recommendations, flt, TextIndex(plan)):
                decision = rec.decision or "Undecided"
                if flt.on_actions() or mask != ALL:
                    for action in kept_actions(rec, mask):
                        rows.append(
                            (
                                plan.title,
                                rec.ref,
                                decision,
                                one_line(action.text),
                                "; ".join(action.owners),
                                target_shown(action),
                            )
                        )
                        targets.append((plan_id, "action", action.id))
                else:
                    rows.append((plan.title, rec.ref, decision, one_line(rec.text), "", ""))
                    targets.append((plan_id, "recommendation", rec.id))
        self.results.show_rows(rows, targets)
        self.results_dock.setWindowTitle(RESULTS_TITLE)  # it may still name an owner
        self.results_dock.show()
        self.results_dock.raise_()
        self.statusBar().showMessage(f"Found {len(rows)} in all plans", 5000)

    def owner_actions(self) -> None:
        names = [name for name, _, _ in queries.owners(self.store)]
        if not names:
            show_error(self, "No action has an owner yet.")
            return
        name, ok = QInputDialog.getItem(self, "Actions of an owner", "Owner:", names, 0, False)
        if ok:
            self.show_owner_actions(name)

    def show_owner_actions(self, name: str) -> None:
        found = queries.actions_of_owner(self.store, name, open_only=True)
        rows = [
            (
                a.plan_title,
                a.ref,
                f"action {a.number}",
                one_line(a.text),
                name,
                (a.target_text or uk_date(a.target)) + (" (overdue)" if a.is_overdue() else ""),
            )
            for a in found
        ]
        self.results.show_rows(rows, [(a.plan_id, "action", a.action_id) for a in found])
        self.results_dock.setWindowTitle(f"Open actions of {name}")
        self.results_dock.show()
        self.results_dock.raise_()

    def open_item(self, plan_id: int, kind: str, item_id: int) -> None:
        """Open a plan at one item, dropping this plan's filter if it hides the item."""
        if self.plan_id() != plan_id:
            self.open_plan(plan_id)
        if not self.model.index_of(kind, item_id).isValid() and not self.model.filter.is_empty():
            self.filter_bar.clear(notify=False)
            self.model.set_filter(Filter())
            self._show_counts()
        self.select_ref(self.refs.get(kind, item_id))
        self.tree.setFocus()

    def select_problem(self, ref: str, number: int) -> None:
        rec = (
            next((r for r in self.plan.recommendations if r.ref == ref), None)
            if self.plan
            else None
        )
        if rec is None:
            return
        if number and number <= len(rec.actions):
            self.open_item(self.plan.id, "action", rec.actions[number - 1].id)
        else:
            self.open_item(self.plan.id, "recommendation", rec.id)

    # --- import and export ----------------------------------------------------------------
    # gui.import_wizard, gui.export and gui.preview (with QtPdf and QtPrintSupport) are imported
    # on first use: the window opens without paying for them.

    def open_import_wizard(self, path: Path | None = None, into: int | None = None) -> ImportWizard:
        """Show the wizard (not blocking); with `path`, start reading it at once."""
        from gui.import_wizard import ImportWizard

        self.commit_editor()
        wizard = ImportWizard(self.store, self, into=into)
        wizard.imported.connect(lambda plan_id: self._imported(wizard, plan_id))
        if path is not None:
            wizard.set_path(path)
            wizard.read()
        wizard.open()
        return wizard

    def _imported(self, wizard: ImportWizard, plan_id: int) -> None:
        if wizard.path.text():
            self.remember_file(Path(wizard.path.text()))
        self.refresh_plan_list()
        self.open_plan(plan_id)
        self.statusBar().showMessage("Imported; a backup was taken first.", 8000)

    def _folder(self) -> str:
        return str(self.settings.value("export/folder", "") or "")

    def _saved(self, path: Path) -> None:
        self.settings.setValue("export/folder", str(path.parent))
        self.statusBar().showMessage(f"Saved {path}", 8000)

    def export_current(self, suffix: str, path: Path | None = None) -> None:
        if self.plan is None:
            show_error(self, "Open a plan first.")
            return
        from gui import export

        self.commit_editor()
        path = path or export.ask_save_path(self, self.plan.title, suffix, self._folder())
        if path is not None:
            export.export_plan_in_background(
                self, self.store.get_plan(self.plan.id), path, self._saved
            )

    def board_pack(self, _checked: bool = False) -> PackDialog | None:
        from gui.export import PackDialog

        rows = self.store.list_plans()
        if not rows:
            show_error(self, "There are no plans to put in a pack.")
            return None
        dialog = PackDialog(rows, self.plan_id(), self)
        dialog.accepted.connect(lambda: self._write_pack(dialog))
        dialog.open()
        return dialog

    def _write_pack(self, dialog: PackDialog, path: Path | None = None) -> None:
        from gui import export

        ids = dialog.chosen_ids()
        path = path or export.ask_save_path(self, "Board pack", ".pdf", self._folder())
        if path is None:
            return
        plans = [self.store.get_plan(i) for i in ids]
        options = dialog.options()
        export.write_in_background(
            self,
            f"Writing {path.name}…",
            path,
            lambda tmp: export.write_pack(plans, tmp, options),
            self._saved,
        )

    def preview_folder(self) -> Path:
        """Where previews are written; made at the first preview, not at every start, so a
        window that never previews (or is killed) leaves no empty folder behind."""
        if self._preview_folder is None:
            self._preview_folder = tempfile.TemporaryDirectory(
                prefix="actionplans-preview-",
                ignore_cleanup_errors=True,  # a file still open on Windows
            )
        return Path(self._preview_folder.name)

    def preview_current(
        self, _checked: bool = False, then: Callable[[PreviewDialog], None] | None = None
    ) -> None:
        """Write the plan's PDF to a temporary file off the GUI thread, then show it."""
        if self.plan is None:
            show_error(self, "Open a plan first.")
            return
        from gui.export import export_plan_in_background, file_name_for
        from gui.preview import PreviewDialog

        self.commit_editor()
        plan = self.store.get_plan(self.plan.id)
        target = self.preview_folder() / file_name_for(plan.title, ".pdf")

        def show(path: Path) -> None:
            dialog = PreviewDialog(path, plan.title, self)
            dialog.save_requested.connect(lambda: self.export_current(".pdf"))
            dialog.open()
            self.preview_dialog = dialog
            if then:
                then(dialog)

        export_plan_in_background(self, plan, target, show)

    def print_current(self) -> None:
        from gui.preview import print_pdf

        self.preview_current(then=lambda dialog: print_pdf(dialog.document, dialog))

    # --- help -----------------------------------------------------------------------------

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Action plans",
            f"<h3>Action plans {app_version()}</h3>"
            "<p>Keep, check, export and print the action plans that answer prison "
            "inspection reports. Works offline; nothing leaves this computer.</p>"
            f"<p>Database: {self.store.path}<br>Data folder: {Path(self.store.path).parent}</p>",
        )
