"""Every failure ends in a dialog with one plain sentence, never a traceback.

The traceback of an unexpected error goes to a log file in the data folder, where whoever
supports the secretary can find it; the person sees what happened and that nothing was lost.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from storage.errors import BadInput

_log_path: Path | None = None


def message_for(exc: BaseException) -> str:
    if isinstance(exc, BadInput):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}."
    logged = f" The details are in {_log_path}." if _log_path else ""
    return (
        f"Something unexpected went wrong ({type(exc).__name__}: {exc}). "
        f"Your saved work is safe.{logged}"
    )


def log_exception(exc: BaseException) -> None:
    if _log_path is None:
        return
    try:
        with _log_path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(exc)))
    except OSError:
        pass  # a log that cannot be written must not hide the dialog


def show_error(
    parent: QWidget | None, exc: BaseException | str, title: str = "Action plans"
) -> None:
    if isinstance(exc, BaseException):
        if not isinstance(exc, BadInput | OSError):
            log_exception(exc)
        text = message_for(exc)
    else:
        text = exc
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Error")
    box.exec()


def install_excepthook(log_path: Path | None) -> None:
    """Route uncaught errors (raised in slots and event handlers) to `show_error`."""
    global _log_path
    _log_path = log_path

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        if QApplication.instance() is None:
            print(message_for(exc), file=sys.stderr)
            return
        show_error(QApplication.activeWindow(), exc)

    sys.excepthook = hook
