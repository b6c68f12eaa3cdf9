"""The window's fixtures: the real main window on the test's database, with its own settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """Clear the clipboard after each test: Qt's offscreen platform crashes at exit when the
    clipboard still holds data a test copied (the real X11 and Windows platforms do not)."""
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """Per-test settings in a file, so no test sees another's remembered layout."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, store, settings):
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win
