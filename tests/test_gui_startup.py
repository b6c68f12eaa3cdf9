"""Start-up: the smoke test and the single-copy lock.

Kept apart from the other window tests and named to run after them: once `smoke_test` has run
its own event loop inside pytest, background jobs started by later tests in the same process
never report back (seen with pytest-qt; not seen in a plain script).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLockFile  # noqa: E402

from gui import app  # noqa: E402
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
