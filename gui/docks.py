"""The docked panels under the plan, each built the first time it is seen.

The window opens with only the Checks panel showing, built right after the first paint (see
MainWindow.build_rest: the first frame shows the docks' frames, keeping their space, and
gui.panels is imported only then); the others (progress updates, the next meeting, meetings,
history, results across plans) and the modules behind them are made when their tab is first
raised or a command fills them.
A panel that is not built yet needs no refreshing: when it is built it reads what the window
shows at that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.storage import queries

if TYPE_CHECKING:
    from actionplans.gui.main_window import MainWindow
    from actionplans.gui.meetings import MeetingsPanel, NextMeetingPanel
    from actionplans.gui.panels import ChecksPanel, HistoryPanel, ResultsPanel
    from actionplans.gui.updates import UpdatesPanel

RESULTS_TITLE = "Found in all plans"


class LazyDock(QDockWidget):
    """A dock whose panel is made by `build` when first shown (once the window is ready) or
    first asked for."""

    def __init__(self, title: str, name: str, build: Callable[[], QWidget], parent) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self._build = build
        self._panel: Any = None
        self.setWidget(QWidget(self))  # an empty placeholder until first shown
        self.visibilityChanged.connect(lambda shown: shown and parent.ready and self.panel())

    def panel(self) -> Any:
        if self._panel is None:
            self._panel = self._build()
            self.setWidget(self._panel)
        return self._panel

    def built(self) -> bool:
        return self._panel is not None

    def seen(self) -> bool:
        """Built and on screen (not a tab behind another)."""
        return self.built() and not self.visibleRegion().isEmpty()


class Panels:
    """The docks and what the window asks of them."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self._history_of: dict | None = None  # what the history panel is to show
        self._action: tuple[Any, str] = (None, "")  # the action the updates panel is to show
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        self.checks_dock = LazyDock("Checks", "checks", self._checks, window)
        self.updates_dock = LazyDock("Progress updates", "updates", self._updates, window)
        self.next_dock = LazyDock("For the next meeting", "next", self._next, window)
        self.meetings_dock = LazyDock("Meetings", "meetings", self._meetings, window)
        self.history_dock = LazyDock("History", "history", self._history, window)
        self.results_dock = LazyDock(RESULTS_TITLE, "results", self._results, window)
        self.docks: list[LazyDock] = [
            self.checks_dock,
            self.updates_dock,
            self.next_dock,
            self.meetings_dock,
            self.history_dock,
            self.results_dock,
        ]
        for dock in self.docks:
            window.addDockWidget(area, dock)
        for first, second in zip(self.docks, self.docks[1:], strict=False):
            window.tabifyDockWidget(first, second)
        self.checks_dock.raise_()
        for dock, refresh in (
            (self.next_dock, lambda: window.progress.refresh_next_meeting()),
            (self.meetings_dock, lambda: window.progress.refresh_meetings()),
            (self.history_dock, self.refresh_history),
            (self.updates_dock, self._show_action),
        ):
            dock.visibilityChanged.connect(lambda shown, r=refresh: shown and window.ready and r())

    def build_shown(self) -> None:
        """Build and fill the panels on screen, which waited for the window to be ready: not
        the tabs behind them, which count as visible but are not seen."""
        for dock in self.docks:
            if not dock.visibleRegion().isEmpty():
                dock.visibilityChanged.emit(True)

    # --- building -------------------------------------------------------------------------

    def _checks(self) -> ChecksPanel:
        from actionplans.gui.panels import ChecksPanel

        panel = ChecksPanel(self.w)
        panel.problem_chosen.connect(self.w.search.select_problem)
        panel.show_problems(self.w.model.problems)
        return panel

    def _updates(self) -> UpdatesPanel:
        from actionplans.gui.updates import UpdatesPanel

        panel = UpdatesPanel(self.w)
        panel.add_requested.connect(lambda: self.w.progress.add_update())
        panel.verify_requested.connect(lambda: self.w.progress.verify_completion())
        panel.show_action(*self._action)
        return panel

    def _next(self) -> NextMeetingPanel:
        from actionplans.gui.meetings import NextMeetingPanel
        from actionplans.usecases import meetings
        from actionplans.usecases.agenda import default_horizon

        panel = NextMeetingPanel(self.w)
        held = [r.meeting for r in meetings.list_meetings(self.w.store)]
        panel.set_before(default_horizon(held, date.today()))
        panel.asked.connect(self.w.progress.refresh_next_meeting)
        panel.item_chosen.connect(self.w.search.open_item)
        return panel

    def _meetings(self) -> MeetingsPanel:
        from actionplans.gui.meetings import MeetingsPanel
        from actionplans.usecases import meetings

        panel = MeetingsPanel(self.w)
        panel.show_meetings(meetings.list_meetings(self.w.store))
        return panel

    def _history(self) -> HistoryPanel:
        from actionplans.gui.panels import HistoryPanel

        return HistoryPanel(self.w)

    def _results(self) -> ResultsPanel:
        from actionplans.gui.panels import ResultsPanel

        panel = ResultsPanel(self.w)
        panel.item_chosen.connect(self.w.search.open_item)
        return panel

    @property
    def checks(self) -> ChecksPanel:
        return self.checks_dock.panel()

    @property
    def updates(self) -> UpdatesPanel:
        return self.updates_dock.panel()

    @property
    def next_meeting(self) -> NextMeetingPanel:
        return self.next_dock.panel()

    @property
    def meetings(self) -> MeetingsPanel:
        return self.meetings_dock.panel()

    @property
    def history(self) -> HistoryPanel:
        return self.history_dock.panel()

    @property
    def results(self) -> ResultsPanel:
        return self.results_dock.panel()

    # --- showing --------------------------------------------------------------------------

    def show_action(self, action, label: str) -> None:
        """The progress updates of the selected action (none: no action selected)."""
        self._action = (action, label)
        if self.updates_dock.built():
            self._show_action()

    def _show_action(self) -> None:
        self.updates.show_action(*self._action)

    def show_history(self, about: dict | None) -> None:
        """Show the history of `about` (arguments of `queries.history`) once its panel is seen.

        Queried only while the panel is visible: the panel starts hidden behind the checks, so
        the window opens sooner.
        """
        self._history_of = about
        if self.history_dock.seen():
            self.refresh_history()

    def refresh_history(self) -> None:
        about = self._history_of
        self.history.show_changes(queries.history(self.w.store, **about) if about else [])

    def show_results(self, title: str, rows: list[tuple], targets: list) -> None:
        self.results.show_rows(rows, targets)
        self.results_dock.setWindowTitle(title)
        self.results_dock.show()
        self.results_dock.raise_()
