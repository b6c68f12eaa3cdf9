"""Save PNGs of every view, opened on the sample plans, to look at before a release.

    /work/venv/bin/python tools/screenshots.py --screens [--out screenshots]

With --screens it starts an Xvfb screen of 1366x768 at 100%, one of 1920x1080 at 150%
(QT_SCALE_FACTOR=1.5), the laptops the secretaries have, and 1366x768 at 150% (the smallest
room a window gets), and writes each set into its own folder (screenshots/1366x768,
screenshots/1920x1080-150, screenshots/1366x768-150). Without it, it shoots on the display
it is given (Xvfb, or QT_QPA_PLATFORM=offscreen). The window sizes itself to the screen as it
does for a person on a first start. The database is a temporary one; nothing of the person's
own is opened or changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def add_progress(store, plan) -> int:
    """A past and a coming meeting and a few updates, so the monitoring views have content;
    returns the id of an action with several updates."""
    from datetime import date, timedelta

    from actionplans.storage import monitoring

    today = date.today()
    board = "HMP Example Health and Social Care Partnership Board"

    def day(n: int) -> str:
        return (today + timedelta(days=n)).isoformat()

    monitoring.add_meeting(store, day(-60), board, "Quarterly review.", (plan.id,))
    monitoring.add_meeting(store, day(30), board, "", (plan.id,))
    actions = [a for r in plan.recommendations for a in r.actions]
    busy = actions[0]
    monitoring.add_update(
        store,
        busy.id,
        status="in_progress",
        text="Draft agreed with the council.",
        on_date=day(-75),
    )
    monitoring.add_update(
        store,
        busy.id,
        status="in_progress",
        text="Waiting for the council's legal team.",
        on_date=day(-20),
        target=day(60),
        target_text=(today + timedelta(days=60)).strftime("%d/%m/%Y"),
        rag="amber",
        rag_reason="Legal review may take longer",
    )
    monitoring.add_update(
        store,
        actions[1].id,
        status="completed",
        text="Signed by both parties.",
        evidence="Signed MOU, board minutes",
        on_date=day(-5),
    )
    return busy.id


def monitored(window, store, plan, save, settle) -> None:
    """The monitoring views: updates panel and dialog, next meeting, meetings, changes."""
    busy = add_progress(store, plan)
    window.progress.refresh_meetings()
    window.search.open_item(plan.id, "action", busy)
    window.panels.updates_dock.raise_()
    save(window, "10-action-updates")
    dialog = window.progress.add_update()
    dialog.status.setCurrentIndex(dialog.status.findData("completed"))
    settle()
    save(dialog, "11-update-dialog")
    dialog.reject()
    window.progress.show_next_meeting()
    save(window, "12-next-meeting")
    window.panels.meetings_dock.raise_()
    save(window, "13-meetings")
    meeting = window.progress.record_meeting()
    save(meeting, "14-meeting-dialog")
    meeting.reject()
    changes = window.progress.what_changed()
    save(changes, "15-what-changed")
    changes.reject()


SCREENS = (("1366x768", "1"), ("1920x1080", "1.5"), ("1366x768", "1.5"))  # (screen, scale)


def on_screens(out: Path) -> int:
    """Run this tool once per screen of SCREENS, each on its own Xvfb display."""
    import os
    import subprocess
    import time

    for number, (size, scale) in enumerate(SCREENS, 90):
        folder = out / (size if scale == "1" else f"{size}-{int(float(scale) * 100)}")
        server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(1.0)  # the server takes a moment to accept clients
            env = dict(os.environ, DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
            env["QT_SCALE_FACTOR"] = scale
            done = subprocess.run(
                [sys.executable, __file__, "--out", str(folder)], env=env, check=False
            )
        finally:
            server.terminate()
            server.wait()
        if done.returncode:
            return done.returncode
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--screens", action="store_true", help="1366x768 and 1920x1080 at 150%%")
    args = parser.parse_args()
    if args.screens:
        return on_screens(args.out)

    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
    from actionplans.gui.app import application
    from actionplans.gui.commands import Heading
    from actionplans.gui.main_window import MainWindow
    from actionplans.gui.worker import busy
    from actionplans.storage.store import Store
    from actionplans.usecases.importing import load_samples

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
        ids = load_samples(store).plan_ids
        if not ids:
            print("no sample plans in resources/samples", file=sys.stderr)
            return 1
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        window.show()
        window.open_plan(ids[0])
        save(window, "1-plan")

        plan = store.get_plan(ids[0])
        rec = next(r for r in plan.recommendations if r.actions)
        window.search.open_item(plan.id, "recommendation", rec.id)
        save(window, "2-recommendation")
        window.search.open_item(plan.id, "action", rec.actions[0].id)
        save(window, "3-action")
        headed = [p for p in map(store.get_plan, ids) if p.sections()]
        if headed:
            window.open_plan(headed[0].id, Heading(headed[0].sections()[1]))
            save(window, "3-section-heading")

        window.filter_bar.words.setText("prison")
        window.filter_bar.apply_now()
        window.panels.history_dock.raise_()
        save(window, "4-filtered-with-history")
        window.filter_bar.clear()

        window.filter_bar.scope.setCurrentIndex(window.filter_bar.scope.findData("all"))
        window.filter_bar.words.setText("local authorit")
        window.filter_bar.apply_now()
        save(window, "5-found-in-all-plans")
        window.filter_bar.clear()
        window.filter_bar.scope.setCurrentIndex(0)

        if len(ids) > 1:
            window.open_plan(ids[1])
            window.panels.checks_dock.raise_()
            save(window, "6-second-plan-checks")

        from actionplans.resources import resource_path

        sample = sorted(resource_path("samples").glob("*.xlsx"))[0]
        wizard = window.files.open_import_wizard(sample, into=ids[0])
        settle()
        save(wizard, "7-import-merge")
        wizard.as_new.setChecked(True)
        save(wizard, "8-import-new")
        wizard.reject()

        pack = window.files.board_pack()
        save(pack, "8b-board-pack-dialog")
        pack.reject()

        window.files.preview_current()
        settle()
        QTest.qWait(1500)  # QPdfView renders pages on its own threads
        save(window.files.preview_dialog, "9-pdf-preview")
        window.files.preview_dialog.reject()

        monitored(window, store, plan, save, settle)
        window.close()
        store.close()
    QApplication.processEvents()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
