"""The editor's form: fields that load an item's values and say what a person changed.

A form never writes to the store: `edited()` returns the fields a person changed as (old, new)
dictionaries, and the window turns those into one undoable command (gui/editing.py). The
forms for each kind of item are in gui/editors.py.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call

NONE_CHOICE = "—"


def split_owners(text: str) -> list[str]:
    return [o.strip() for o in re.split(r"[;\n]", text) if o.strip()]


class OwnersCompleter(QCompleter):
    """Completes the owner being typed after the last ';', keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(";")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        done = self.widget().text().split(";")[:-1]
        return "; ".join([*(d.strip() for d in done), index.data()])


def _with_key(label: str) -> str:
    """A field's label with its Alt+letter: the one marked with '&', else the first letter.

    Marked by hand where the first letter is taken, in the form or in the window around it
    (the menus F, E, P, V, H and the filter bar's O and D), since Alt on a letter two labels
    share only takes turns between them.
    """
    return (label if "&" in label else f"&{label}") + ":"


def _plain(label: str) -> str:
    return label.replace("&", "")


class Form(QWidget):
    """Base of the three forms: named widgets read and written through small adapters."""

    commit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.original: dict = {}
        self.shown: list[str] = []  # the fields' texts as `load` left them
        # The widgets whose signals `load` holds back, kept here rather than found with
        # findChildren(QWidget): PySide's first wrapping of a child it has not met (a text box's
        # plain-QWidget viewport) makes every QtWidgets class and its enums, ~8 ms the window's
        # first paint need not wait for.
        self.fields: list[QWidget] = []
        self.inputs: list[QLineEdit | QPlainTextEdit | QComboBox] = []  # one per field shown
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.commit_requested)

    def line(self, label: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(_plain(label))
        edit.editingFinished.connect(self.commit_requested)
        self.layout_.addRow(_with_key(label), edit)
        self.fields.append(edit)
        self.inputs.append(edit)
        return edit

    def text_box(self, label: str, name: str, lines: int = 6) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setAccessibleName(_plain(label))
        box.setTabChangesFocus(True)
        box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines)
        box.installEventFilter(self)
        self.layout_.addRow(_with_key(label), box)
        self.fields.append(box)
        self.inputs.append(box)
        return box

    def combo(self, label: str, name: str, choices: tuple[str, ...], editable=False) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(_plain(label))
        combo.setEditable(editable)
        combo.addItems([NONE_CHOICE, *choices] if not editable else list(choices))
        self.fields.append(combo)
        self.inputs.append(combo)
        if editable:
            self.fields.append(combo.lineEdit())
            combo.lineEdit().editingFinished.connect(self.commit_requested)
        else:
            combo.activated.connect(self.commit_requested)
        self.layout_.addRow(_with_key(label), combo)
        return combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, QPlainTextEdit):
            self.commit_requested.emit()
        return super().eventFilter(watched, event)

    def load(self, values: dict) -> None:
        self.original = dict(values)
        for widget in self.fields:
            widget.blockSignals(True)
        try:
            self.show_values(values)
            for edit in self.fields:
                if isinstance(edit, QLineEdit):
                    edit.setCursorPosition(0)  # show the start of a long title, not its end
            self.shown = self._texts()
        finally:
            for widget in self.fields:
                widget.blockSignals(False)

    def _texts(self) -> list[str]:
        return [
            field.toPlainText()
            if isinstance(field, QPlainTextEdit)
            else field.currentText()
            if isinstance(field, QComboBox)
            else field.text()
            for field in self.inputs
        ]

    def focus_first(self) -> None:
        """Put the cursor in the form's first field (F2 in the plan view)."""
        field = self.layout_.itemAt(0, QFormLayout.ItemRole.FieldRole).widget()
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def edited(self) -> tuple[dict, dict]:
        """(old, new) values of the fields that differ from what was loaded; may raise BadInput.

        A form nobody typed in changes nothing, without reading its fields back: a value an
        older version stored (a submission date of 30 February) shows as written and must not
        raise an error each time the person moves on from it (issue 17)."""
        if self._texts() == self.shown:
            return {}, {}
        now = self.read_values()
        changed = [k for k, v in now.items() if self.original.get(k) != v]
        return {k: self.original.get(k) for k in changed}, {k: now[k] for k in changed}

    def show_values(self, values: dict) -> None:
        raise NotImplementedError

    def read_values(self) -> dict:
        raise NotImplementedError


def set_choice(combo: QComboBox, value: str | None) -> None:
    combo.setCurrentIndex(max(combo.findText(value or NONE_CHOICE), 0))


def choice(combo: QComboBox) -> str | None:
    text = combo.currentText()
    return None if text == NONE_CHOICE else text
