"""Start-up: the smoke test, the single-copy lock, the icon, and what start-up imports."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QLockFile  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QWidget  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui import app, worker  # noqa: E402
from actionplans.storage.backups import backup, list_backups  # noqa: E402
from actionplans.storage.store import Store  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402


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
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    db = tmp_path / "plans.sqlite3"
    first = QLockFile(str(app.lock_path(db)))
    assert first.tryLock(0)
    try:
        assert app.run(db) == 1
    finally:
        first.unlock()
    assert "already open" in told[0]
    assert not db.exists()


def damaged_with_a_backup(db: Path) -> Path:
    """A database with a plan and one good backup, then overwritten in the middle."""
    store = Store.open(db)
    for n in range(10):
        store.add_plan(make_plan(f"Plan {n}", recs=60, actions=3))
    good = backup(store, "import")
    store.close()
    with open(db, "r+b") as out:
        out.seek(db.stat().st_size // 2 // 4096 * 4096)
        out.write(b"\xa5" * 4096 * 20)
    return good


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_a_damaged_database_offers_its_newest_good_backup(tmp_path, qapp, monkeypatch, answer):
    db = tmp_path / "plans.sqlite3"
    good = damaged_with_a_backup(db)
    broken = db.read_bytes()
    asked, told = [], []
    button = getattr(QMessageBox.StandardButton, answer)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or button)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    store = app.open_or_offer_backup(db)
    taken = list_backups(db)[0].taken
    assert list_backups(db)[0].path == good
    assert "is damaged" in asked[0] and f"taken {taken:%d/%m/%Y at %H:%M}" in asked[0]
    if answer == "No":
        assert store is None and db.read_bytes() == broken  # nothing touched
        return
    try:
        assert len(store.list_plans()) == 10
    finally:
        store.close()
    aside = list((tmp_path / "backups").glob("*damaged*.sqlite3"))
    assert [p.read_bytes() for p in aside] == [broken]
    assert str(aside[0]) in told[0]


ROOT = Path(__file__).resolve().parent.parent.parent
QT_USERS = [
    *sorted((ROOT / "gui").glob("*.py")),
    *sorted((ROOT / "tests").glob("test_gui_*.py")),
    ROOT / "tools" / "screenshots.py",
    ROOT / "benchmarks" / "gui.py",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_module_that_uses_qt_imports_the_shiboken_work_round():
    """Without it, Python 3.11 aborts after a few thousand Qt calls (see gui/qt.py)."""
    missing = [
        path.relative_to(ROOT).as_posix()
        for path in QT_USERS
        if path.name != "qt.py"
        and any(name.startswith("PySide6") for name in imported_modules(path))
        and "actionplans.gui.qt" not in imported_modules(path)
    ]
    assert missing == []


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_work_round_makes_none_immortal_in_effect():
    assert sys.getrefcount(None) > 1 << 47


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout.strip().splitlines()[-1]


def test_the_version_verb_loads_neither_ctypes_nor_qt():
    code = (
        "import sys; from actionplans.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('ctypes', 'PySide6', 'actionplans.gui.qt') if m in sys.modules])"
    )
    assert run_python(code) == "[]"


def test_the_command_loads_no_verb_module_before_opening_the_window():
    """A bare `actionplans` opens the window: the verbs' modules (and the use cases behind
    them) would only delay its first paint."""
    code = (
        "import sys; from actionplans.cli import main\n"
        "verbs = ('actionplans.cli.plans', 'actionplans.cli.progress',\n"
        "         'actionplans.usecases.plans')\n"
        "print([m for m in verbs if m in sys.modules])"
    )
    assert run_python(code) == "[]"


def test_the_window_opens_without_pdf_print_export_or_import_modules(tmp_path):
    """They, and the use cases of commands given from menus, load on first use: a window that
    is only looked at does not pay for them."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtCore import QSettings\n"
        "from actionplans.gui.app import application\n"
        "from actionplans.gui.main_window import MainWindow\n"
        "from actionplans.storage.store import Store\n"
        "qapp = application()\n"
        f"store = Store.open({str(tmp_path / 'plans.sqlite3')!r})\n"
        f"settings = QSettings({str(tmp_path / 'settings.ini')!r}, QSettings.Format.IniFormat)\n"
        "window = MainWindow(store, settings)\n"
        "window.show(); qapp.processEvents()\n"
        "lazy = ('PySide6.QtPdf', 'PySide6.QtPdfWidgets', 'PySide6.QtPrintSupport',\n"
        "        'actionplans.gui.export', 'actionplans.gui.preview',\n"
        "        'actionplans.gui.import_wizard', 'openpyxl', 'reportlab',\n"
        "        'actionplans.usecases.plans', 'actionplans.usecases.owners',\n"
        "        'actionplans.usecases.backups', 'actionplans.storage.backups')\n"
        "print([m for m in lazy if m in sys.modules])"
    )
    assert run_python(code) == "[]"


def test_a_database_with_plans_opens_without_loading_the_importers(tmp_path):
    """The offer of the sample plans runs before the first paint: with plans in the database
    it must not import the importers behind the samples (it once cost the window a third of
    its start-up)."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from actionplans.gui.app import application, offer_samples\n"
        "from actionplans.storage.store import Store\n"
        "from tests.support.plans import make_plan\n"
        "qapp = application()\n"
        f"store = Store.open({str(tmp_path / 'plans.sqlite3')!r})\n"
        "store.add_plan(make_plan())\n"
        "offer_samples(None, store)\n"
        "print([m for m in ('actionplans.usecases.importing', 'importers') if m in sys.modules])"
    )
    assert run_python(code) == "[]"


def test_an_empty_database_is_offered_the_sample_plans(tmp_path, qapp, qtbot, monkeypatch):
    from PySide6.QtCore import QSettings

    from actionplans.gui.main_window import MainWindow

    store = Store.open(tmp_path / "plans.sqlite3")
    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    asked = []
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[1]) or yes)
    app.offer_samples(window, store)
    assert asked == ["Welcome"]
    assert len(store.list_plans()) == 2
    assert window.plan_list.rowCount() == 2 and window.plan is not None
    app.offer_samples(window, store)  # plans now: not asked again
    assert asked == ["Welcome"]
    store.close()


def test_the_application_has_its_icon(qapp):
    """Drawn large (a PNG: no image plugin to load at start), sharp in a taskbar at 200%."""
    icon = app.application().windowIcon()
    assert not icon.pixmap(64, 64).isNull()
    assert max(size.width() for size in icon.availableSizes()) >= 256


def test_a_progressive_window_paints_the_plan_first_then_builds_the_rest_in_place(
    tmp_path, qapp, qtbot
):
    """What a person opens (`run`): the plan list and the plan are in the first frame; the
    editor, panels and menus' commands are built right after it, where the first frame kept
    their space, and then work as in a window built at once."""
    from PySide6.QtCore import QSettings, QSize
    from PySide6.QtWidgets import QScrollArea

    from actionplans.gui.main_window import MainWindow

    store = Store.open(tmp_path / "plans.sqlite3")
    store.add_plan(make_plan("Healthcare", recs=3, actions=2))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, progressive=True)
    qtbot.addWidget(window)
    assert window.plan is not None and window.plan.title == "Healthcare"
    assert window.model.rowCount() > 0 and window.plan_list.rowCount() == 1
    assert not window.ready and not isinstance(window.editor_scroll, QScrollArea)
    assert "filter_bar" not in window.__dict__  # its room is kept, the bar made after
    assert [m.title() for m in window.menus.values()] == [
        "&File",
        "&Edit",
        "&Progress",
        "&View",
        "&Help",
    ]
    assert all(not menu.actions() for menu in window.menus.values())

    first_frame = {}
    build_rest = window.build_rest

    def after_first_paint() -> None:  # what the first frame showed, just before the rest
        first_frame["sizes"] = window.splitter.sizes()
        first_frame["slot"] = window.filter_slot.geometry().top()
        first_frame["plan"] = window.tree.geometry()
        build_rest()

    window.build_rest = after_first_paint
    window.show()
    assert not window.ready  # not before the first paint
    qtbot.waitUntil(lambda: window.ready, timeout=5_000)
    qapp.processEvents()
    assert first_frame  # built from the first paint, not before it
    slot_top = first_frame["slot"]
    assert window.splitter.sizes() == first_frame["sizes"]  # the editor took its space
    assert window.tree.geometry() == first_frame["plan"]  # the plan did not move
    assert isinstance(window.editor_scroll, QScrollArea)
    assert window.splitter.widget(2) is window.editor_scroll
    assert window.filter_bar.isVisible() and window.filter_bar.geometry().top() == slot_top
    # the bar's size is remembered: the next first frame keeps exactly its room
    from actionplans.gui.window_state import filter_bar_size, save_layout

    save_layout(window)
    bar = window.filter_bar
    assert filter_bar_size(window) == QSize(bar.minimumSizeHint().width(), bar.sizeHint().height())
    assert window.editor.currentWidget() is window.plan_form
    assert window.plan_form.isVisible()
    assert window.panels.checks_dock.built() and window.panels.checks.isVisible()
    shortcuts = {a.shortcut().toString() for m in window.menus.values() for a in m.actions()}
    assert {"Ctrl+N", "Ctrl+I", "Ctrl+E", "Ctrl+U"} <= shortcuts
    window.close()
    store.close()


def test_the_first_frame_loads_neither_editing_nor_the_editor(tmp_path):
    """They load after the first paint (MainWindow.build_rest); loaded before it, they would
    delay it again."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from actionplans.gui.app import application\n"
        "from actionplans.gui.main_window import MainWindow\n"
        "from actionplans.storage.store import Store\n"
        "from tests.support.plans import make_plan\n"
        "qapp = application()\n"
        f"store = Store.open({str(tmp_path / 'plans.sqlite3')!r})\n"
        "store.add_plan(make_plan())\n"
        "window = MainWindow(store, progressive=True)\n"
        "assert window.plan is not None\n"
        "later = ('actionplans.gui.editing', 'actionplans.gui.editors',\n"
        "         'actionplans.gui.commands', 'actionplans.usecases.editing')\n"
        "print([m for m in later if m in sys.modules])"
    )
    assert run_python(code) == "[]"
