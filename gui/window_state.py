"""The window's layout as the person left it, per user in QSettings: its size and place, the
docks, the splitter, plan columns widened by hand, the zoom, and the filter bar's size (the
first frame keeps that much room for the bar, which is built right after it).

Restored before the first paint, then fitted to the screen the window is on (a layout saved
on a bigger screen or at another scaling would put edges out of reach); saved on closing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.screen import fit_on_screen, initial_size

if TYPE_CHECKING:
    from actionplans.gui.main_window import MainWindow


def restore_layout(window: MainWindow) -> None:
    geometry = window.settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(initial_size(window))
        width = window.width()
        plans = max(width * 16 // 100, 150)  # names readable on a narrow screen too
        editor = width * 22 // 100
        window.splitter.setSizes([plans, width - plans - editor, editor])
    fit_on_screen(window)  # a geometry saved on a bigger screen, or at another scale
    state = window.settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    else:
        # A sixth of the height: on a 1366x768 screen at 150% the plan keeps its rows.
        checks = max(80, min(150, window.height() // 6))
        window.resizeDocks([window.panels.checks_dock], [checks], Qt.Orientation.Vertical)
    splitter = window.settings.value("window/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    columns = window.settings.value("window/plan_columns")
    if isinstance(columns, QByteArray) and window.tree.header().restoreState(columns):
        window.tree.columns_fitted = False
    window.plans_view.resizeColumnsToContents()
    window.tree.zoom_to(int(window.settings.value("window/zoom", 100) or 100), quietly=True)


def filter_bar_size(window: MainWindow) -> QSize:
    """The filter bar's least width and its height as last shown; before the first time, a
    little more than two rows of its fields need in the window's font (measured with Qt's
    styles at 9-12 pt), so that the plan beside and below it does not move when it comes."""
    remembered = window.settings.value("window/filter_bar")
    if isinstance(remembered, QSize) and remembered.isValid():
        return remembered
    metrics = window.fontMetrics()
    return QSize(
        round(5.5 * metrics.horizontalAdvance("x" * 10)) + 200, 2 * (metrics.height() + 10) + 6
    )


def save_layout(window: MainWindow) -> None:
    window.settings.setValue("window/geometry", window.saveGeometry())
    window.settings.setValue("window/state", window.saveState())
    window.settings.setValue("window/splitter", window.splitter.saveState())
    if window.tree.columns_fitted:
        window.settings.remove("window/plan_columns")
    else:
        window.settings.setValue("window/plan_columns", window.tree.header().saveState())
    window.settings.setValue("window/zoom", window.tree.zoom_percent)
    if window.ready:
        bar = window.filter_bar
        size = QSize(bar.minimumSizeHint().width(), bar.sizeHint().height())
        window.settings.setValue("window/filter_bar", size)
    window.settings.sync()
