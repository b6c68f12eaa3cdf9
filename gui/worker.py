"""Slow work (reading a workbook, writing a PDF or a pack) off the GUI thread.

A job runs a plain function on the thread pool and shows a progress dialog with Cancel. The
function must not touch the window or the store's connection (it belongs to the GUI thread): it
gets plain data and returns plain data. Cancel cannot stop openpyxl or reportlab mid-way, so it
drops the result instead; callers write to a temporary file and move it into place only in
`on_done`, so a cancelled job leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.errors import show_error

_running: set[Job] = set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # every failure goes back to the GUI thread as a dialog
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Job:
    def __init__(
        self,
        parent: QWidget,
        label: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_cancel: Callable[[], None] | None = None,
        cleanup: Callable[[], None] | None = None,
    ) -> None:
        self.parent, self.on_done, self.on_cancel = parent, on_done, on_cancel
        self.cleanup = cleanup
        self.on_failed: Callable[[Exception], None] | None = None
        self.cancelled = False
        self.signals = _Signals()
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.progress = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.progress.setWindowTitle("Please wait")
        self.progress.setAccessibleName(label)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        _running.add(self)
        QThreadPool.globalInstance().start(_Task(fn, self.signals))

    def cancel(self) -> None:
        if self in _running:
            self.cancelled = True
            self._finish()
            if self.on_cancel:
                self.on_cancel()

    def _finish(self) -> None:
        _running.discard(self)
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.deleteLater()

    def _done(self, result: Any) -> None:
        try:
            if not self.cancelled:
                self._finish()
                self.on_done(result)
        finally:
            self._clean()

    def _failed(self, exc: Exception) -> None:
        try:
            if not self.cancelled:
                self._finish()
                if self.on_failed:
                    self.on_failed(exc)
                show_error(self.parent, exc)
        finally:
            self._clean()

    def _clean(self) -> None:
        """Runs once the function has returned, cancelled or not, so it never races it."""
        if self.cleanup:
            self.cleanup()


def run_in_background(
    parent: QWidget,
    label: str,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_cancel: Callable[[], None] | None = None,
    cleanup: Callable[[], None] | None = None,
) -> Job:
    """Run `fn()` on the thread pool; call `on_done(result)` on the GUI thread unless cancelled.

    `cleanup` runs on the GUI thread after `fn` has returned or raised, even when cancelled.
    """
    return Job(parent, label, fn, on_done, on_cancel, cleanup)


def busy() -> bool:
    """True while a job is running (tests wait on this)."""
    return bool(_running)
