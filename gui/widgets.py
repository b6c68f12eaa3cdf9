"""Small widgets shared by the window's forms and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QPushButton, QWidget

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call


class DateField(QDateEdit):
    """A UK date field that behaves like a text box in a form.

    A plain QDateEdit moves through its day, month and year on Tab (three presses to leave)
    and changes the date when the wheel passes over it: an update's date moved by itself.
    Here Tab leaves the field, the wheel scrolls the form unless the field has the focus, and
    the date changes only when typed, stepped with the arrows, or chosen in the calendar.
    """

    def __init__(self, day: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(day or QDate.currentDate(), parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setKeyboardTracking(False)  # dateChanged once the date is whole, not per digit
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no focus (nor change) by the wheel

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return QWidget.focusNextPrevChild(self, next)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area under it scrolls instead


def dialog_buttons(dialog: QDialog, action: str) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's two buttons: one that says what it does (`action`, with its Alt letter,
    "&Write returns") and Cancel, wired to accept and reject; the first is returned too, for
    dialogs that enable it only when the form is complete."""
    ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
    buttons = QDialogButtonBox(ok | cancel, dialog)
    button = buttons.button(ok)
    button.setText(action)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, button


def confirm(parent: QWidget | None, title: str, question: str, *, default_yes: bool) -> bool:
    """Ask a Yes/No question; True only for Yes (closing the box is No). A step that deletes
    or replaces work defaults to No, so Enter cannot do it by accident."""
    from PySide6.QtWidgets import QMessageBox

    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    return (
        QMessageBox.question(parent, title, question, yes | no, yes if default_yes else no) == yes
    )
