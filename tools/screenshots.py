"""Save PNGs of the main views, opened on the sample plans, to look at before a release.

    xvfb-run -a /work/venv/bin/python tools/screenshots.py [--out screenshots]

Works with QT_QPA_PLATFORM=offscreen too, but fonts and styles are closer to a desktop under
Xvfb. The database is a temporary one; nothing of the person's own is opened or changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()

    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gui.app import application, load_samples
    from gui.main_window import MainWindow
    from gui.worker import busy
    from storage.store import Store

    app = application()
    args.out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()
        while busy():
            QThreadPool.globalInstance().waitForDone(100)
            app.processEvents()

    def save(widget, name: str) -> None:
        settle()
        path = args.out / f"{name}.png"
        widget.grab().save(str(path))
        shots.append(path)

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "samples.sqlite3")
        ids = load_samples(store)
        if not ids:
            print("no sample plans in resources/samples", file=sys.stderr)
            return 1
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        window.resize(1600, 950)
        window.show()
        window.open_plan(ids[0])
        save(window, "1-plan")

        plan = store.get_plan(ids[0])
        rec = next(r for r in plan.recommendations if r.actions)
        window.open_item(plan.id, "recommendation", rec.id)
        save(window, "2-recommendation")
        window.open_item(plan.id, "action", rec.actions[0].id)
        save(window, "3-action")

        window.filter_bar.words.setText("prison")
        window.history_dock.raise_()
        save(window, "4-filtered-with-history")
        window.filter_bar.clear()

        window.filter_bar.scope.setCurrentIndex(window.filter_bar.scope.findData("all"))
        window.filter_bar.words.setText("local authorit")
        save(window, "5-found-in-all-plans")
        window.filter_bar.clear()
        window.filter_bar.scope.setCurrentIndex(0)

        if len(ids) > 1:
            window.open_plan(ids[1])
            window.checks_dock.raise_()
            save(window, "6-second-plan-checks")

        from resources import resource_path

        sample = sorted(resource_path("samples").glob("*.xlsx"))[0]
        wizard = window.open_import_wizard(sample, into=ids[0])
        settle()
        save(wizard, "7-import-merge")
        wizard.as_new.setChecked(True)
        save(wizard, "8-import-new")
        wizard.reject()

        window.preview_current()
        settle()
        QTest.qWait(1500)  # QPdfView renders pages on its own threads
        save(window.preview_dialog, "9-pdf-preview")
        window.preview_dialog.reject()

        window.close()
        store.close()
    QApplication.processEvents()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
