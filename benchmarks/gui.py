"""How fast the window opens, and how fast a filter keystroke updates a big plan.

Measured in fresh processes against a bare QApplication with an empty QMainWindow started the
same way in the same run:

- thirty plans: process start to the window shown on a database of 30 plans of 100
  recommendations (3,000 in all, a busy board's several years), the first plan open (target:
  within 0.5 s of the bare window);
- start: the same with one plan of 5,000 recommendations x 3 actions, text wrapped;
- filter: the search box applies its words once typing pauses (gui.filter_bar.TYPING_PAUSE_MS
  after the last keystroke); measured from that trigger to the view updated and painted, for
  every prefix of a few words typed then erased, as if the person paused after every key
  (target: < 100 ms). Also shown: a keystroke itself, before the pause (the first one also
  prepares the plan's search text). The view counts as updated once Qt has painted it.

    QT_QPA_PLATFORM=offscreen /work/venv/bin/python benchmarks/gui.py [--recs 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# This script is named gui.py: its own folder must not hide the `gui` package.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]
WORDS = "action 2 of recommendation 4321"


def big_plan(recs: int, title: str = ""):
    from actionplans.storage.model import Action, Plan, Recommendation

    return Plan(
        title=title or f"Benchmark plan of {recs} recommendations",
        recommendations=[
            Recommendation(
                ref=str(r + 1),
                section=f"Section {r // 50 + 1}",
                text=f"Recommendation {r + 1}: prisons and local authorities should work together "
                "so that prisoners with social care needs are assessed promptly on arrival and "
                "their care continues when they move between prisons or are released.",
                decision=("Agreed", "Partly Agreed", "Not Agreed")[r % 3],
                reason="policy" if r % 3 else None,
                actions=[
                    Action(
                        text=f"Action {a + 1} of recommendation {r + 1}.",
                        owners=["Prison Directorate", f"Team {r % 40}"],
                        target=f"20{19 + a}-0{a + 3}",
                        target_text=f"March 20{19 + a}",
                    )
                    for a in range(3)
                ],
            )
            for r in range(recs)
        ],
    )


def child(kind: str, db: str, started: float) -> None:
    """Runs in the measured process: open, report when shown, then time filter keystrokes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    if kind != "bare":  # the baseline stays bare; it makes too few Qt calls to need this
        import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
    app = QApplication(sys.argv[:1])
    result: dict = {}
    if kind == "bare":
        window = QMainWindow()
    else:
        from PySide6.QtCore import QSettings

        from actionplans.gui.main_window import MainWindow
        from actionplans.storage.store import Store

        settings = QSettings(str(Path(db).with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(Store.open(Path(db)), settings)
    window.show()

    def shown() -> None:
        result["start"] = time.time() - started
        if kind == "window":
            result["filter_ms"], result["key_ms"] = filter_times(app, window)
        print(json.dumps(result))
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()


def filter_times(app, window) -> tuple[list[float], list[float]]:
    """Milliseconds from each typing-pause trigger to the view repainted, and per keystroke."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    class PaintSeen(QObject):
        seen = False

        def eventFilter(self, _obj, event) -> bool:
            self.seen = self.seen or event.type() == QEvent.Type.Paint
            return False

    painted = PaintSeen()
    window.tree.viewport().installEventFilter(painted)
    bar = window.filter_bar
    updates, keystrokes = [], []
    keys = [(ch, None) for ch in WORDS] + [(None, Qt.Key.Key_Backspace)] * len(WORDS)
    for char, key in keys:
        t0 = time.perf_counter()
        if char is not None:
            QTest.keyClicks(bar.words, char)
        else:
            QTest.keyClick(bar.words, key)
        app.processEvents()
        t1 = time.perf_counter()
        painted.seen = False
        bar.apply_now()  # what the typing-pause timer runs when it fires
        for _ in range(100):  # the layout, then the paint, each in its own pass of events
            app.processEvents()
            if painted.seen:
                break
        else:
            sys.exit("the plan view was not repainted after a filter")
        updates.append((time.perf_counter() - t1) * 1000)
        keystrokes.append((t1 - t0) * 1000)
    return updates, keystrokes


def measure(kind: str, db: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(db), repr(started)],
        capture_output=True,
        text=True,
        env=env,
    )
    if out.returncode:
        sys.exit(f"the {kind} run failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], float(args.child[2]))
        return
    from actionplans.storage.store import Store

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite3"
        store = Store.open(db)
        store.add_plan(big_plan(args.recs))
        store.close()
        many = Path(folder) / "thirty.sqlite3"
        store = Store.open(many)
        for n in range(30):
            store.add_plan(big_plan(100, f"Action Plan: HMP Thematic {n + 1} – Social Care"))
        store.close()
        bare, full, thirty, updates, keys = [], [], [], [], []
        for _ in range(args.runs):
            bare.append(measure("bare", db)["start"])
            thirty.append(measure("thirty", many)["start"])
            run = measure("window", db)
            full.append(run["start"])
            updates += run["filter_ms"]
            keys += run["key_ms"]
    bare_s, full_s = statistics.median(bare), statistics.median(full)
    thirty_s = statistics.median(thirty)
    print(f"median of {args.runs} runs")
    print(f"bare QMainWindow shown:               {bare_s:6.2f} s")
    print(
        f"window, 30 plans (3,000 recs) shown:  {thirty_s:6.2f} s  ({thirty_s - bare_s:+.2f} s"
        " over bare; target within 0.5 s)"
    )
    print(
        f"window, {args.recs} x 3 plan shown:    {full_s:6.2f} s  ({full_s - bare_s:+.2f} s over"
        " bare; target within 1.5 s)"
    )
    print(f"filter, pause trigger to view painted: {spread(updates)} (target 90th under 100 ms)")
    print(f"keystroke before the pause:            {spread(keys)}")


def spread(times: list[float]) -> str:
    times = sorted(times)
    return (
        f"median {statistics.median(times):5.1f} ms, 90th percentile "
        f"{times[int(len(times) * 0.9)]:5.1f} ms, worst {times[-1]:5.1f} ms"
    )


if __name__ == "__main__":
    main()
