"""Every window and dialog opens inside the screen it is on, whatever the scaling.

On a 1366x768 laptop (and at 150% scaling, where the same screen is 911x512 device-independent
pixels) a fixed size such as 1600x950 put the window's edges, and a dialog's buttons, out of
reach. Sizes here are a share of the available screen, never more than it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call

WINDOW_SHARE = 0.92  # of the available width and height, for a first start
MAIN_DEFAULT = QSize(1600, 950)  # what a big screen gets
_RESIZED = Qt.WidgetAttribute.WA_Resized  # a size set by resize(), not the hint


def available(widget: QWidget | None = None) -> QRect:
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def initial_size(window: QWidget) -> QSize:
    """The main window's first size: the default, or most of a smaller screen."""
    area = available(window)
    return QSize(
        min(MAIN_DEFAULT.width(), int(area.width() * WINDOW_SHARE)),
        min(MAIN_DEFAULT.height(), int(area.height() * WINDOW_SHARE)),
    )


def fit_on_screen(widget: QWidget, parent: QWidget | None = None) -> None:
    """Shrink `widget` to the available screen (frame included) and move it inside it,
    centred on `parent` when it has one."""
    area = available(parent or widget)
    if widget.layout() is not None:
        widget.layout().activate()  # the minimum size its content needs, known now
    # The title bar and borders: known once shown; before, those of the window it opens from.
    framed = widget if widget.isVisible() or parent is None else parent
    frame = framed.frameGeometry().size() - framed.geometry().size()
    size = widget.size() if widget.testAttribute(_RESIZED) else widget.sizeHint()
    width = min(max(size.width(), widget.minimumWidth()), area.width() - frame.width())
    height = min(max(size.height(), widget.minimumHeight()), area.height() - frame.height())
    widget.resize(width, height)
    rect = QRect(0, 0, width + frame.width(), height + frame.height())
    centre = (parent.frameGeometry() if parent is not None else area).center()
    rect.moveCenter(centre)
    rect.moveLeft(max(area.left(), min(rect.left(), area.right() - rect.width() + 1)))
    rect.moveTop(max(area.top(), min(rect.top(), area.bottom() - rect.height() + 1)))
    widget.move(rect.topLeft())
