"""RAG ratings as people see them: always a word, with a coloured mark beside it.

Colour alone fails the one board member in twelve who is colour-blind, and screen readers do
not read colours at all; so every rating is shown as its label ("Amber"), its mark carries the
initial letter as well as the colour, and the accessible text says "RAG rating: Amber".
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.storage.vocabulary import rag_label

# Fills dark enough for a white letter on them, close to the colours boards print.
RAG_COLOURS = {"red": "#c0392b", "amber": "#d68910", "green": "#1e8449", "blue": "#1f5fa8"}
MARK_SIZE = 16


def rag_accessible(rag: str | None) -> str:
    """What a screen reader says for a rating."""
    return f"RAG rating: {rag_label(rag)}" if rag else "No RAG rating"


@cache
def rag_mark(rag: str) -> QIcon:
    """A filled disc in the rating's colour with its initial letter in white."""
    from PySide6.QtGui import QPainter, QPixmap  # drawn when first shown, not at every start

    pixmap = QPixmap(MARK_SIZE * 2, MARK_SIZE * 2)  # drawn at twice the size: sharp on high DPI
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(RAG_COLOURS[rag]))
    box = QRectF(1, 1, MARK_SIZE - 2, MARK_SIZE - 2)
    painter.drawEllipse(box)
    font = QFont()
    font.setPixelSize(10)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, rag[0].upper())
    painter.end()
    return QIcon(pixmap)
