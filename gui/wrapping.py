"""Recommendation and response text wrapped, each row as tall as its text.

The height is measured in the delegate's `sizeHint`, which the view asks only for the rows it
lays out, and cached on the row per column width and font, so a plan of thousands of rows
never measures them all (`resizeRowsToContents` would, and again on every change). A resized
column or a zoom changes the key, so the rows are measured again as they are shown.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from gui.plan_model import NODE_ROLE

MAX_LINES = 30  # a three-page recommendation reads whole in the editor and the tooltip
PADDING = 6  # pixels above and below the text, as the style's own cells have


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView, wrapped: tuple[int, ...]) -> None:
        super().__init__(view)
        self.view = view
        self.wrapped = frozenset(wrapped)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(view.doItemsLayout)
        view.header().sectionResized.connect(self._column_resized)

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column in self.wrapped:
            self._relayout.start()  # once, after a drag of the divider settles

    def text_height(self, text: str, width: int, metrics: QFontMetrics) -> int:
        """Pixels the text needs when wrapped at `width`, at most MAX_LINES lines."""
        box = metrics.boundingRect(QRect(0, 0, max(width, 20), 0), Qt.TextFlag.TextWordWrap, text)
        return min(box.height(), metrics.lineSpacing() * MAX_LINES)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        column = index.column()
        node = index.data(NODE_ROLE)
        if column not in self.wrapped or node is None or node.kind == "section":
            return hint
        width = self.view.columnWidth(column)
        metrics = QFontMetrics(option.font)
        key = (column, width, metrics.height())
        heights = node.heights
        if key not in heights:
            margin = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
            text = index.data(Qt.ItemDataRole.DisplayRole) or ""
            heights[key] = self.text_height(text, width - 2 * margin, metrics) + PADDING
        return QSize(hint.width(), max(hint.height(), heights[key]))

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        # Every cell starts at the top, as in a printed table, so a tall row reads across.
        option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if index.column() in self.wrapped:
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
