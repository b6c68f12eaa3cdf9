"""Typing into the window as a person does."""

from __future__ import annotations

from PySide6.QtCore import Qt


def type_line(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
