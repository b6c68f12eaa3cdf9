"""Recommendation and response text wrapped, each row as tall as its text.

The height is measured in the delegate's `sizeHint`, which the view asks only for the rows it
lays out, and cached on the row per column width and font, so a plan of thousands of rows
never measures them all (`resizeRowsToContents` would, and again on every change). A resized
column or a zoom changes the key, so the rows are measured again as they are shown.

One trap: whenever the model can fetch more rows, Qt asks where the last row is, and a tree
view with rows of different heights finds out by adding up the height of every row above it
(QTreeViewPrivate::coordinateForItem, "slow if the item is not visible"). So rows far from
those on screen are given one line's height without measuring; the view asks again for the
rows it scrolls to, and they are measured then (tests/gui/test_gui_reading.py checks it).

The text's margin is the style's (PM_FocusFrameHMargin), asked by `ask_style` once the window
is painted: the style's Python type takes milliseconds to make, so the first frame uses the
value Qt's common style gives, which Fusion and the Windows styles keep, and a style that
differs has the rows measured again.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call

MAX_LINES = 30  # a three-page recommendation reads whole in the editor and the tooltip
NEAR = 80  # rows below the top row shown that are measured: more than a screen holds
PADDING = 6  # pixels above and below the text, as the style's own cells have
COMMON_FOCUS_MARGIN = 2  # QCommonStyle's PM_FocusFrameHMargin, until the style is asked


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView, wrapped: tuple[int, ...]) -> None:
        super().__init__(view)
        self.view = view
        self.wrapped = tuple(sorted(wrapped))
        self._line_heights: dict[int, int] = {}
        self._far = QSize(0, view.fontMetrics().height() + PADDING)  # a far row's guess
        self._margin = 2 * COMMON_FOCUS_MARGIN + 2  # the text's, left and right together
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(view.doItemsLayout)
        view.header().sectionResized.connect(self._column_resized)

    def ask_style(self) -> None:
        """Take the text's margin from the style; rows are measured again if it differs."""
        from PySide6.QtWidgets import QStyle

        metric = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
        if 2 * metric + 2 != self._margin:
            self._margin = 2 * metric + 2
            self._relayout.start()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column in self.wrapped:
            self._relayout.start()  # once, after a drag of the divider settles

    def text_height(self, text: str, width: int, metrics: QFontMetrics) -> int:
        """Pixels the text needs when wrapped at `width`, at most MAX_LINES lines."""
        box = metrics.boundingRect(QRect(0, 0, max(width, 20), 0), Qt.TextFlag.TextWordWrap, text)
        return min(box.height(), metrics.lineSpacing() * MAX_LINES)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """The row's height, the same for each of its cells: the tallest wrapped text, or one
        line. Measured once per row, column widths and font (the view asks every cell of
        every row it lays out, so this stays a dictionary look-up after the first time)."""
        row = index.row()
        top = self.view.verticalScrollBar().value()
        if not top - NEAR // 4 <= row <= top + NEAR:  # far from the screen: a guess (see above)
            return self._far
        model = index.model()
        node = model.rows[row] if row < len(model.rows) else None
        if node is None or node.kind == "section":
            return super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)
        widths = tuple(self.view.columnWidth(c) for c in self.wrapped)
        key = (widths, metrics.height(), self._margin)
        height = node.heights.get(key)
        if height is None:
            height = self._one_line(option, index, metrics.height())
            for column, width in zip(self.wrapped, widths, strict=True):
                text = model.cell_text(row, column)
                if text:
                    height = max(
                        height, self.text_height(text, width - self._margin, metrics) + PADDING
                    )
            node.heights = {key: height}  # older widths, fonts, margins are not needed again
        return QSize(self.view.columnWidth(index.column()), height)

    def _one_line(self, option: QStyleOptionViewItem, index: QModelIndex, font_key: int) -> int:
        """The height of a row of one line (with its icons), as the style draws it."""
        if font_key not in self._line_heights:
            self._line_heights[font_key] = super().sizeHint(option, index).height()
            self._far = QSize(0, self._line_heights[font_key])
        return self._line_heights[font_key]

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        # Every cell starts at the top, as in a printed table, so a tall row reads across.
        option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if index.column() in self.wrapped:
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
