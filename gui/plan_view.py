"""The plan view: the template's columns with wrapped text, read like a printed plan and
handled like an Excel sheet (columns that resize and are remembered, zoom, sort by a column,
several rows copied as a table, a right-click menu, Ctrl+End to the last row)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.plan_model import COLUMNS, PlanModel
from actionplans.gui.plan_rows import SORTS
from actionplans.gui.wrapping import WrappingDelegate

if TYPE_CHECKING:
    from actionplans.gui.main_window import MainWindow

ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200)  # percent of the system font
WRAPPED = (1, 2, 3, 4, 5, 6)  # all but Rec No: a long owner or target reads whole too


class PlanView(QTreeView):
    def __init__(self, window: MainWindow, model: PlanModel) -> None:
        super().__init__(window)
        self.w, self.plan_model = window, model
        self.zoom_percent = 100
        self.columns_fitted = True  # until the person widens a column, which is remembered
        self.setObjectName("plan")
        self.setAccessibleName("Plan: recommendations and actions")
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.wrapping = WrappingDelegate(self, wrapped=WRAPPED)
        self.setItemDelegate(self.wrapping)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        header.sectionResized.connect(self._column_resized)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        # Rows move by drag and drop within the view; the model reports the drop (see
        # gui.reorder) and the move is a command like any other.
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        model.modelReset.connect(lambda: self._span_headings(0, model.rowCount() - 1))
        model.rowsInserted.connect(lambda _parent, first, last: self._span_headings(first, last))

    def _span_headings(self, first: int, last: int) -> None:
        """Heading rows span the width, as in the template, so a long heading reads whole."""
        with self.plan_model.fetch_held():
            for node in self.plan_model.rows[first : last + 1]:
                if node.kind == "section":
                    self.setFirstColumnSpanned(node.row, QModelIndex(), True)

    # --- columns ----------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Share the view's width: the short columns as wide as their usual content (in the
        zoomed font), the Recommendation and Response columns half the rest each. Done until
        the person resizes a column by hand; from then on their widths stay."""
        if not self.columns_fitted:
            return
        em = self.fontMetrics().horizontalAdvance("m")
        short = {0: 5 * em, 2: 6 * em, 4: 8 * em, 5: 7 * em, 6: 6 * em}
        rest = self.viewport_width() - sum(short.values())
        widths = {**short, 1: max(rest // 2, 7 * em), 3: max(rest - rest // 2, 7 * em)}
        with self.w.quiet():
            for column, width in widths.items():
                self.setColumnWidth(column, width)

    def viewport_width(self) -> int:
        """The viewport's width, worked out without `viewport()`: PySide's first wrapping of
        that plain QWidget makes every QtWidgets class and its enums (~8 ms), which the window's
        first paint need not wait for. As the scroll area lays it out: inside the frame, less
        the vertical scroll bar when it shows."""
        bar = self.verticalScrollBar()
        return self.maximumViewportSize().width() - (bar.width() if bar.isVisible() else 0)

    def _column_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self.w.busy:  # a person dragged a divider, or their widths were restored
            self.columns_fitted = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    # --- sorting ----------------------------------------------------------------------------

    def sort_by(self, name: str | None, descending: bool = False) -> None:
        """Sort by Owner(s), Target, Status or RAG (None: the plan's order), as Excel does;
        the rows' headings come back with the plan's order."""
        self.w.edit.commit_editor()
        with self.w.quiet():
            self.plan_model.set_sort(name, descending)
        header = self.header()
        column = COLUMNS.index(name) if name in COLUMNS else -1
        header.setSortIndicatorShown(column >= 0)
        if column >= 0:
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(column, order)
        sorted_by = f"Sorted by {name.lower()}" if name else "In the plan's order"
        self.w.statusBar().showMessage(sorted_by + " (View > Sort).", 5000)

    def _header_clicked(self, column: int) -> None:
        """A click on Owner(s), Target or RAG sorts by it; again, the other way; a third
        time, back to the plan's order."""
        name = COLUMNS[column]
        if name not in SORTS:
            return
        current = self.plan_model.sort
        if current is None or current[0] != name:
            self.sort_by(name)
        elif not current[1]:
            self.sort_by(name, descending=True)
        else:
            self.sort_by(None)

    # --- zoom ---------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Ctrl+plus/minus and Ctrl+wheel: the plan's text a step bigger or smaller; 0 resets."""
        if step == 0:
            self.zoom_to(100)
            return
        steps = list(ZOOM_STEPS)
        near = min(range(len(steps)), key=lambda i: abs(steps[i] - self.zoom_percent))
        self.zoom_to(steps[max(0, min(len(steps) - 1, near + step))])

    def zoom_to(self, percent: int, quietly: bool = False) -> None:
        self.zoom_percent = percent if percent in ZOOM_STEPS else 100
        font = QGuiApplication.font()
        font.setPointSizeF(font.pointSizeF() * self.zoom_percent / 100)
        self.setFont(font)
        self.plan_model.set_font(font)
        self.fit_columns()
        if not quietly:
            self.w.statusBar().showMessage(f"Zoom {self.zoom_percent}%", 3000)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(+1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # --- keys, copying, right-click ---------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_End and control:
            self.plan_model.all_rows()  # make every row, so End is the plan's end
        super().keyPressEvent(event)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedRows()})

    def copy_rows(self) -> int:
        """Ctrl+C: the selected rows as a table (HTML and tab-separated), so they paste into
        Outlook, Word and Excel as a table."""
        from actionplans.gui.clipboard import copy_table  # on first use, with the html module

        rows = self.selected_rows()
        table = [[self.plan_model.cell_text(r, c) for c in range(len(COLUMNS))] for r in rows]
        copy_table(list(COLUMNS), table)
        self.w.statusBar().showMessage(f"Copied {len(rows)} row(s).", 5000)
        return len(rows)

    def _context_menu(self, point: QPoint) -> None:
        """Right-click: the Edit menu's commands for the rows under the pointer."""
        index = self.indexAt(point)
        if index.isValid() and not self.selectionModel().isRowSelected(index.row()):
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions(self.w.context_actions)
        menu.popup(self.viewport().mapToGlobal(point))
        self.context_menu = menu
