"""Every failure ends in a dialog with one plain sentence, never a traceback.

The sentence comes from `usecases.errors.translate`, the same translator the command uses; the
traceback of an unexpected error goes to a log file beside the database, where whoever
supports the secretary can find it, and the sentence says where.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.usecases.errors import translate

_log_path: Path | None = None


def message_for(exc: BaseException) -> str:
    """The sentence for `exc` (an unexpected one is logged beside the database first)."""
    return translate(exc, log=_log_path).sentence


def show_error(
    parent: QWidget | None, exc: BaseException | str, title: str = "Action plans"
) -> None:
    from PySide6.QtWidgets import QMessageBox  # not at every start: most never see one

    text = message_for(exc) if isinstance(exc, BaseException) else exc
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Error")
    box.exec()


def install_excepthook(log_path: Path | None) -> None:
    """Route uncaught errors (raised in slots and event handlers) to `show_error`; unexpected
    ones are logged to `log_path`."""
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
