"""Starting the window: `run` for people, `smoke_test` for packaging and CI.

One copy of the application per database: a lock file beside the database refuses a second
copy politely, because two windows editing the same plans would each show stale rows.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.errors import install_excepthook, message_for, show_error
from actionplans.storage.errors import BadInput
from actionplans.storage.integrity import Damaged, Health
from actionplans.storage.store import Store
from actionplans.storage.version import app_version

ORGANISATION = "actionplans"
APPLICATION = "actionplans"
SMOKE_MS = 400


def application() -> QApplication:
    """The one QApplication, with the names QSettings files its settings under and its icon."""
    from actionplans.resources import resource_path

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Action plans")
    app.setApplicationVersion(app_version())
    app.setWindowIcon(QIcon(str(resource_path("icons", "actionplans.png"))))
    return app


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".lock")


def offer_samples(window, store: Store) -> None:
    """On an empty database, offer to load the sample plans.

    Runs from the event loop before the window's first paint, so a database that has plans
    must cost one query here: the importers behind the samples load only when it is empty.
    """
    if store.list_plans():
        return
    from actionplans.gui.widgets import confirm
    from actionplans.usecases.importing import load_samples, sample_files

    if not sample_files():
        return
    if confirm(
        window,
        "Welcome",
        "There are no action plans yet.\n\nLoad the sample plans to see how the "
        "application works? You can delete them later.",
        default_yes=True,
    ):
        try:
            loaded = load_samples(store)
        except BadInput as exc:
            show_error(window, exc)
            return
        window.did_change(loaded.changed, loaded.plan_ids[0] if loaded.plan_ids else None)


def open_or_offer_backup(db_path: Path) -> Store | None:
    """The store at `db_path`; when it is damaged, a dialog offers to put its newest good
    backup in its place (the damaged file is set aside, never deleted). None when the window
    cannot open, which the person has been told."""
    try:
        return Store.open(db_path)
    except Damaged as exc:
        if not offer_backup(exc.health):
            return None
    except BadInput as exc:
        show_error(None, exc)
        return None
    try:
        return Store.open(db_path)
    except BadInput as exc:
        show_error(None, exc)
        return None


def offer_backup(found: Health) -> bool:
    """Ask whether to restore the newest good backup over the damaged database; True once
    it is restored."""
    from PySide6.QtWidgets import QMessageBox  # dialogs load when needed, not at every start

    from actionplans.gui.widgets import confirm

    good = found.newest_good
    if good is None:
        show_error(None, found.sentence, "The database is damaged")
        return False
    if not confirm(
        None,
        "The database is damaged",
        f"{found.path} is damaged ({found.problem}).\n\n"
        f"Restore the newest good backup, taken {good.taken:%d/%m/%Y at %H:%M}? Changes made "
        "since then will need making again. The damaged file is kept in the backups folder.",
        default_yes=True,
    ):
        return False
    from actionplans.usecases.backups import (
        restore_at,  # only now: the window's start does without it
    )

    try:
        done = restore_at(found.path, good.path)
    except BadInput as exc:
        show_error(None, exc)
        return False
    QMessageBox.information(
        None,
        "Backup restored",
        f"The backup taken {good.taken:%d/%m/%Y at %H:%M} is restored; the damaged "
        f"database is kept as {done.safety}.",
    )
    return True


def run(db_path: Path) -> int:
    """Open the main window on the database at `db_path` (created if new) until it is closed."""
    from actionplans.gui.main_window import MainWindow

    db_path = Path(db_path)
    app = application()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        show_error(None, exc)
        return 1
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)  # a crashed copy is detected by its process id, not by age
    if not lock.tryLock(200):
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            None,
            "Action plans is already open",
            f"Action plans is already open on {db_path}.\n\n"
            "Switch to that window (look in the taskbar); only one copy can work on the "
            "same plans at a time, so that no change is lost.",
        )
        return 1
    install_excepthook(db_path.parent / "actionplans-errors.log")
    store = open_or_offer_backup(db_path)
    if store is None:
        lock.unlock()
        return 1
    try:
        window = MainWindow(store, progressive=True)  # the rest is built after the first paint
        window.show()
        if store.journal_note:
            window.statusBar().showMessage(store.journal_note)
        QTimer.singleShot(0, lambda: offer_samples(window, store))
        return app.exec()
    finally:
        store.close()
        lock.unlock()


def smoke_test(db_path: Path, screenshot: Path | None = None) -> int:
    """Open the window on `db_path`, run briefly, maybe save a PNG; 0 when all is well."""
    from actionplans.gui.main_window import MainWindow

    app = application()
    failures: list[BaseException] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, exc, tb: failures.append(exc)
    store = None
    try:
        store = Store.open(Path(db_path))
        settings = QSettings(str(Path(db_path).with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(store, settings, progressive=True)  # as `run` opens it
        window.show()

        def finish() -> None:
            try:
                if screenshot is not None:
                    Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
                    if not window.grab().save(str(screenshot)):
                        raise OSError(f"could not save the screenshot {screenshot}")
            except BaseException as exc:  # reported below as a failed smoke test
                failures.append(exc)
            app.exit(0)

        QTimer.singleShot(SMOKE_MS, finish)
        code = app.exec()
        # Closed only once the loop has ended: closing the last window inside `exec` posts a
        # Quit event that `exit` leaves queued. A later `processEvents` in the same process (a
        # test's) delivers it outside any loop, which sets Qt's "quit now" flag with nothing to
        # reset it: every later event loop returns at once, so timers and background jobs'
        # results are never delivered.
        window.close()
    except BaseException as exc:  # the smoke test reports every failure as an exit code
        failures.append(exc)
        code = 1
    finally:
        sys.excepthook = previous_hook
        if store is not None:
            store.close()
    for exc in failures:
        print(f"smoke test failed: {message_for(exc)}", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
    return 1 if failures else code
