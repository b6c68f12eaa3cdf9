"""Issue 17, item 4: the window says a damaged database is damaged and offers the newest good
backup before it opens anything."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from gui import app  # noqa: E402
from storage.backups import backup, list_backups  # noqa: E402
from storage.store import Store  # noqa: E402
from tests.conftest import make_plan  # noqa: E402
from tests.test_reliability_store import damage  # noqa: E402


def damaged_with_a_backup(db_path):
    store = Store.open(db_path)
    store.add_plan(make_plan(recs=300))
    backup(store, "import")
    store.close()
    damage(db_path)


def test_the_window_offers_the_newest_good_backup_and_restores_it(qtbot, db_path, monkeypatch):
    damaged_with_a_backup(db_path)
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    assert app._sound_or_restored(db_path)
    assert "is damaged" in asked[0] and list_backups(db_path)[-1].path.name in asked[0]
    store = Store.open(db_path)
    assert len(store.list_plans()) == 1
    store.close()


def test_declining_leaves_the_damaged_file_for_someone_to_look_at(qtbot, db_path, monkeypatch):
    damaged_with_a_backup(db_path)
    before = db_path.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert not app._sound_or_restored(db_path)
    assert db_path.read_bytes() == before
