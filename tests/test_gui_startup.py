"""Start-up: the smoke test and the single-copy lock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLockFile  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from gui import app, worker  # noqa: E402
from storage.store import Store  # noqa: E402
from tests.conftest import make_plan  # noqa: E402


def test_smoke_test_opens_the_window_and_saves_a_screenshot(tmp_path, qapp):
    db = tmp_path / "smoke.sqlite3"
    store = Store.open(db)
    store.add_plan(make_plan())
    store.close()
    shot = tmp_path / "shot.png"
    assert app.smoke_test(db, shot) == 0
    assert shot.stat().st_size > 10_000


def test_background_jobs_still_report_back_after_the_smoke_test(tmp_path, qapp, qtbot):
    """The smoke test once left a Quit event queued; met outside an event loop (pytest-qt
    processes events after every test) it ended every later event loop at once."""
    db = tmp_path / "smoke.sqlite3"
    Store.open(db).close()
    assert app.smoke_test(db) == 0
    qapp.processEvents()  # what pytest-qt does between tests: no event loop of its own
    parent = QWidget()
    qtbot.addWidget(parent)
    results = []
    worker.run_in_background(parent, "Adding", lambda: 2 + 2, results.append)
    qtbot.waitUntil(lambda: results == [4], timeout=5_000)
    assert not worker.busy()


def test_smoke_test_fails_on_a_database_it_cannot_open(tmp_path, qapp):
    db = tmp_path / "broken.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    assert app.smoke_test(db) == 1


def test_a_second_copy_on_the_same_database_is_refused(tmp_path, qapp, monkeypatch):
    told = []
    monkeypatch.setattr(app.QMessageBox, "information", lambda *args: told.append(args[2]))
    db = tmp_path / "plans.sqlite3"
    first = QLockFile(str(app.lock_path(db)))
    assert first.tryLock(0)
    try:
        assert app.run(db) == 1
    finally:
        first.unlock()
    assert "already open" in told[0]
    assert not db.exists()
