"""The main window: the plan list, the open plan as six columns, the editor, and the panels.

The window holds what is shown and the one open plan (`self.model.plan`); the work is done by
controllers by feature: `edit` (gui.editing), `files` (gui.files), `progress` (gui.progress)
and `search` (gui.search), and the menus that call them are in gui.menus. After every change,
whichever controller made it, `did_change` is the one place the window refreshes from.

Built in two steps when opened by a person (`progressive=True`): the first frame shows what
they came for -- the plan list, the open plan, the menu bar's titles and the docks' frames --
and the filter bar, the editor, the panels' contents, the menus' commands and the modules
behind them are built right after that frame is painted (`build_rest`, tens of milliseconds
later), in room the first frame kept for them, so nothing moves. Tests and scripts get the
whole window from the constructor.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.docks import Panels
from actionplans.gui.plan_list import PlanListModel, shown_name
from actionplans.gui.plan_model import PlanModel
from actionplans.gui.plan_view import PlanView
from actionplans.gui.screen import fit_on_screen
from actionplans.gui.search import SearchController
from actionplans.gui.window_state import filter_bar_size, restore_layout, save_layout
from actionplans.storage import queries
from actionplans.storage.model import Plan
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed

if TYPE_CHECKING:
    from actionplans.gui.commands import Context, Focus, Refs
    from actionplans.gui.editing import EditingController
    from actionplans.gui.editors import ActionForm, PlanForm, RecommendationForm, SectionForm
    from actionplans.gui.files import FilesController
    from actionplans.gui.filter_bar import FilterBar
    from actionplans.gui.form import Form
    from actionplans.gui.progress import ProgressController

APP_TITLE = "Action plans"
MENU_TITLES = ("&File", "&Edit", "&Progress", "&View", "&Help")  # filled by gui.menus
FormT = TypeVar("FormT", bound="Form")


def counts_text(plan: Plan) -> str:
    """'Agreed 6 · Partly Agreed 1 · Not Agreed 1 · Undecided 0 · Total 8'."""
    return " · ".join(f"{k} {v}" for k, v in plan.summary().items())


class MainWindow(QMainWindow):
    filter_bar: FilterBar  # built by build_rest, in the space `filter_slot` keeps for it

    def __init__(
        self, store: Store, settings: QSettings | None = None, *, progressive: bool = False
    ) -> None:
        """`progressive`: build the editor, panels and menus after the first paint (see the
        module's docstring) rather than before returning."""
        super().__init__()
        self.store = store
        self.settings = settings or QSettings()
        self.undo = QUndoStack(self)
        self.busy = False  # True while reloading, so signals from the views do not recurse
        self.ready = False  # True once `build_rest` has built the editor, panels and menus
        self._rest_after_paint = progressive
        self.owner_names: list[str] = []  # everyone who owns an action, for the completers
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName(APP_TITLE)

        self.search = SearchController(self)
        self._build_views()
        self.panels = Panels(self)  # the docks' frames; their panels are built by build_rest
        self.docks = self.panels.docks
        bar = self.menuBar()  # the titles, so the bar is in the first frame; build_rest fills them
        self.menus = {title: bar.addMenu(title) for title in MENU_TITLES}
        restore_layout(self)
        self.refresh_plan_list()
        if self.plan_list.rows:
            self.open_plan(self.plan_list.rows[0].id)
        if not progressive:
            self.build_rest()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The first paint queues `build_rest`: a timer started any earlier (from the
        constructor or after `show`) runs before the first frame, not after it."""
        super().paintEvent(event)
        if self._rest_after_paint:
            self._rest_after_paint = False
            QTimer.singleShot(0, self.build_rest)

    def build_rest(self) -> None:
        """Build what the first frame does without: the editor in the space its placeholder
        kept, the panels of the docks on screen, the menus' commands. Does nothing the second
        time, so anything that needs the whole window sooner may call it."""
        if self.ready:
            return
        from actionplans.gui.menus import build_menus

        self.ready = True
        self._rest_after_paint = False
        self._build_filter_bar()
        self._build_editor()
        self.tree.wrapping.ask_style()
        self.tree.selectionModel().currentChanged.connect(self.edit.current_changed)
        self.model.dropped.connect(self.edit.drop)
        build_menus(self)
        self.files.fill_recent()
        self.panels.build_shown()
        self.show_plan_heading()
        # The row a person may have chosen in the moment before: kept, and its form shown.
        self.edit.show_editor(self.model.node(self.tree.currentIndex()))

    # The editor's forms, each made the first time it is shown or asked for: the window opens
    # showing the plan's form only, and the first paint does not wait for the other three.
    # A form not made yet needs no refreshing: it reads the open plan when it is made.

    @cached_property
    def plan_form(self) -> PlanForm:
        from actionplans.gui.editors import PlanForm

        return self._add_form(PlanForm(self))

    @cached_property
    def section_form(self) -> SectionForm:
        from actionplans.gui.editors import SectionForm

        return self._add_form(SectionForm(self))

    @cached_property
    def rec_form(self) -> RecommendationForm:
        from actionplans.gui.editors import RecommendationForm

        form = self._add_form(RecommendationForm(self))
        form.set_sections(self.plan.sections() if self.plan else [])
        return form

    @cached_property
    def action_form(self) -> ActionForm:
        from actionplans.gui.editors import ActionForm

        form = self._add_form(ActionForm(self))
        form.set_owner_names(self.owner_names)
        form.add_update_requested.connect(lambda: self.progress.add_update())
        return form

    def _add_form(self, form: FormT) -> FormT:
        form.commit_requested.connect(self.edit.commit_editor)
        self.editor.addWidget(form)
        return form

    # Files, editing, and the undo commands and use cases behind them, load with the rest
    # (build_rest) or when first used, whichever is sooner: the first frame only shows the plan.

    @cached_property
    def refs(self) -> Refs:
        from actionplans.gui.commands import Refs

        return Refs()

    @cached_property
    def ctx(self) -> Context:
        from actionplans.gui.commands import Context

        return Context(self.store, self.refs, self.did_change)

    @cached_property
    def files(self) -> FilesController:
        from actionplans.gui.files import FilesController

        return FilesController(self)

    @cached_property
    def edit(self) -> EditingController:
        from actionplans.gui.editing import EditingController

        return EditingController(self)

    def made(self, name: str) -> bool:
        """Whether the part made on first use under `name` (a form, `progress`) exists yet."""
        return name in self.__dict__

    @cached_property
    def progress(self) -> ProgressController:
        """Progress updates and meetings: made, with the modules behind them, on first use."""
        from actionplans.gui.progress import ProgressController

        return ProgressController(self)

    @property
    def plan(self) -> Plan | None:
        """The open plan: held by the plan model alone, so the two can never disagree."""
        return self.model.plan

    def plan_id(self) -> int | None:
        return self.plan.id if self.plan else None

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """While the window changes its views itself, their signals are not a person's act."""
        was, self.busy = self.busy, True
        try:
            yield
        finally:
            self.busy = was

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
        # Names wrap onto a second line rather than end in "…"; a board has tens of plans,
        # so measuring each row is cheap here (unlike the plan's thousands of rows).
        self.plans_view.setWordWrap(True)
        self.plans_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.plans_view.setTabKeyNavigation(False)  # Tab goes on to the plan; arrows choose
        header = self.plans_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the plan's name
        for hidden in ("submitted", "agreed", "partly_agreed", "not_agreed", "undecided"):
            # in the tooltip: the list stays narrow and the names read whole
            self.plans_view.setColumnHidden(self.plan_list.column_of(hidden), True)
        self.plans_view.selectionModel().currentRowChanged.connect(self._plan_row_changed)
        self.plans_view.doubleClicked.connect(lambda _index: self.edit.rename_plan())

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
        # The filter bar's space, as big as the bar was last time, until build_rest puts the
        # bar in it: its combos and date field cost the first frame about 10 ms.
        self.filter_slot = QWidget(self)
        slot = filter_bar_size(self)
        self.filter_slot.setFixedHeight(slot.height())
        self.filter_slot.setMinimumWidth(slot.width())

        self.model = PlanModel(self)
        self.tree = PlanView(self, self.model)

        center = QWidget(self)
        self.column = QVBoxLayout(center)
        self.column.setContentsMargins(4, 4, 4, 4)
        for widget in (self.heading, self.counts, self.filter_slot):
            self.column.addWidget(widget)
        self.column.addWidget(self.tree, 1)

        # The editor's space, kept by a placeholder until build_rest puts the editor in it.
        self.editor_scroll = QWidget(self)
        self.editor_scroll.setMinimumWidth(230)

        self.splitter = QSplitter(self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.plans_view)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.editor_scroll)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)

    def _build_filter_bar(self) -> None:
        from actionplans.gui.filter_bar import FilterBar

        bar = self.filter_bar = FilterBar(self)
        bar.changed.connect(self.search.apply_filter)
        bar.words.textChanged.connect(self.model.prepare_search)  # while typing
        bar.set_owners(self.owner_names)
        # At least the room kept for it, so nothing beside or below it moves (the first time,
        # that room is an estimate a little over what the bar needs).
        bar.setMinimumSize(self.filter_slot.minimumWidth(), self.filter_slot.height())
        self.column.replaceWidget(self.filter_slot, bar)
        self.filter_slot.deleteLater()
        # Made after the plan, the bar would come after it in the Tab order: put it back
        # between the plan list and the plan, where it stands.
        chain = [self.plans_view, *bar.focus_chain(), self.tree]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _build_editor(self) -> None:
        from PySide6.QtWidgets import QScrollArea, QStackedWidget

        self.editor = QStackedWidget(self)  # its forms are added as they are made (see below)
        self.editor.setAccessibleName("Editor")
        self.empty_editor = QLabel("Create a plan (Ctrl+N) or import one (Ctrl+I).", self)
        self.empty_editor.setWordWrap(True)
        self.editor.addWidget(self.empty_editor)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setMinimumWidth(230)
        # No Tab stop of its own (it showed nothing focused): the fields scroll into view.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.splitter.replaceWidget(2, scroll)  # in the placeholder's place, at its size
        self.editor_scroll.deleteLater()
        self.editor_scroll = scroll

    # --- size and closing ----------------------------------------------------------------

    def fit_on_screen(self, widget: QWidget) -> None:
        fit_on_screen(widget, self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ready:
            self.edit.commit_editor()
        save_layout(self)
        super().closeEvent(event)

    # --- the plans and the one refresh hook -----------------------------------------------

    def plan_list_name(self) -> str:
        row = self.plan_list.row_of(self.plan_id()) if self.plan else -1
        return shown_name(self.plan_list.rows[row]) if row >= 0 else ""

    def refresh_plan_list(self) -> None:
        current = self.plan_id()
        with self.quiet():
            self.plan_list.set_rows(self.store.list_plans())
            row = self.plan_list.row_of(current) if current is not None else -1
            if row >= 0:
                self.plans_view.selectRow(row)
        self.owner_names = [name for name, _, _ in queries.owners(self.store)]
        if self.ready:  # else build_rest gives the filter bar its owners
            self.filter_bar.set_owners(self.owner_names)
        if self.made("action_form"):
            self.action_form.set_owner_names(self.owner_names)

    def _plan_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.busy or not current.isValid():
            return
        plan_id = self.plan_list.rows[current.row()].id
        if plan_id != self.plan_id():
            self.open_plan(plan_id)

    def open_plan(self, plan_id: int, select: Focus = None) -> None:
        if self.ready:
            self.edit.commit_editor()
        self.load_plan(plan_id, select)
        row = self.plan_list.row_of(plan_id)
        if row >= 0 and self.plans_view.currentIndex().row() != row:
            with self.quiet():
                self.plans_view.selectRow(row)

    def load_plan(self, plan_id: int, select: Focus = None) -> None:
        """Read the plan from the store and show it."""
        with self.quiet():
            self.model.set_plan(self.store.get_plan(plan_id))
        self.show_plan_heading()
        if not self.ready:  # build_rest selects and fills the rest
            return
        self.edit.select_ref(select)
        if self.panels.next_dock.isVisible():
            self.progress.refresh_next_meeting()

    def show_plan_heading(self) -> None:
        plan = self.plan
        self.heading.setText(plan.title if plan else "")
        self.setWindowTitle(f"{plan.title} – {APP_TITLE}" if plan else APP_TITLE)
        if plan is not None and self.made("rec_form"):
            self.rec_form.set_sections(plan.sections())
        if self.panels.checks_dock.built():
            self.panels.checks.show_problems(self.model.problems)
        self.show_counts()

    def show_counts(self) -> None:
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

    def did_change(self, changed: Changed, show: int | None = None, select: Focus = None) -> None:
        """The one place the window refreshes after a write, from what the use case says it
        changed (anki's operation_did_execute): the plan list, the open plan (or `show`, the
        plan the change was made in) with `select` selected, the meetings."""
        self.build_rest()  # a change before the first paint (the sample plans) needs it all
        if changed.plan_list:
            self.refresh_plan_list()
        target = show if show is not None else self.plan_id()
        if target is None or self.plan_list.row_of(target) < 0:  # none open, or deleted
            target = self.plan_list.rows[0].id if self.plan_list.rows else None
        if target is None:
            self.model.set_plan(None)
            self.show_plan_heading()
            self.edit.show_editor(None)
        elif target != self.plan_id():
            self.open_plan(target, select)
        elif target in changed.plans:
            self.load_plan(target, select)
        if changed.meetings and (
            self.panels.meetings_dock.built() or self.panels.next_dock.built()
        ):
            self.progress.refresh_meetings()
