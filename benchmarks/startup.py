"""Start-up as users feel it: the frozen window, and the command's light verbs.

1. The frozen window (dist/actionplans, from `pyinstaller build.spec`) from launch to its first
   painted frame, opened as a user opens it (`actionplans --db PLANS`) on a database that already
   holds the two sample plans. Baseline, measured in the same run: a bare PySide6 QMainWindow
   frozen the same way (one folder, no UPX), built here once and kept in build/startup-baseline/.
   Target: at most 1.7x (issue 13). Also shown: `actionplans --smoke-test`, which first reads
   the two sample workbooks into a fresh database (what CI runs, not what a user waits for);
   and where the time goes, as one frozen program that adds a step at a time to the bare
   window: touching Qt's `Qt` namespace (PySide6 makes its ~100 Python enum types then),
   reading the plans from the store, then the plan list and plan views with the
   application's own models, then importing (not building) the rest of the window.
2. Unfrozen `actionplans --version` against `python -c pass`. Target: at most 3x. The frozen
   one is shown against the same baseline.

"First painted frame" comes from Qt itself, with no hook in the application: Qt's
qt.widgets.painting log stamps the first "Painting and flushing dirty top level" with
%{time boot}, which is CLOCK_MONOTONIC, the clock of time.monotonic() here; the window is then
closed. Linux only. The programs take turns, ROUNDS rounds of one launch each, and the
window's ratio is judged on the median of each round's window/bare ratio: a launch is
compared with the bare window launched a moment before it, so a busy moment on this shared
machine slows both. The best of each (best against best) is printed too; one lucky bare
launch moves it by a tenth either way.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from _common import best_of, report

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "actionplans" / "actionplans"
SAMPLES = ROOT / "dist" / "actionplans" / "_internal" / "resources" / "samples"
BASELINE = ROOT / "build" / "startup-baseline"
RUNS = 5
ROUNDS = 15  # of the frozen window against the bare one (see the docstring)
SMOKE_MS = 400  # how long the baseline keeps its window up, like gui.app.SMOKE_MS

BARE_WINDOW = f"""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("baseline")
window.resize(1200, 800)
window.show()
QTimer.singleShot({SMOKE_MS}, app.quit)
sys.exit(app.exec())
"""
STEPS = (
    "bare window, built with the application's modules",
    "+ Qt's namespace (its enum types)",
    "+ reading the two plans from the store",
    "+ the plan list and the plan, with the window's models",
    "+ importing the rest of the window's modules (not building it)",
)
STEPS_WINDOW = f"""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTableView, QTreeView

step = int(sys.argv[1])
if step >= 1:
    from PySide6.QtCore import Qt  # noqa: F401
if step >= 2:
    from actionplans.storage.store import Store
if step >= 3:
    from actionplans.gui.plan_list import PlanListModel
    from actionplans.gui.plan_model import PlanModel
if step >= 4:
    import actionplans.gui.app  # noqa: F401
    import actionplans.gui.main_window  # noqa: F401

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)
if step >= 2:
    store = Store.open(sys.argv[2])
    rows = store.list_plans()
    plan = store.get_plan(rows[0].id)
if step >= 3:
    plans, shown = PlanListModel(window), PlanModel(window)
    plans.set_rows(rows)
    shown.set_plan(plan)
    views = QSplitter()
    for view, model in ((QTableView(), plans), (QTreeView(), shown)):
        view.setModel(model)
        views.addWidget(view)
    window.setCentralWidget(views)
window.show()
QTimer.singleShot({SMOKE_MS}, app.quit)
sys.exit(app.exec())
"""
FIRST_FRAME = re.compile(r"^\s*([0-9.]+) Painting and flushing dirty top level", re.MULTILINE)
QT_TIMING = {
    "QT_QPA_PLATFORM": "offscreen",
    "QT_LOGGING_RULES": "qt.widgets.painting=true",
    "QT_MESSAGE_PATTERN": "%{time boot} %{message}",
}


def frozen_app(name: str, script: str, sources: list[Path]) -> Path:
    """`script` frozen as build.spec freezes the application, rebuilt only when it, PySide6,
    PyInstaller or one of the `sources` it imports has changed since the last build."""
    exe = BASELINE / "dist" / name / name
    stamp = hashlib.sha256(script.encode())
    stamp.update(f"{version('PySide6-Essentials')} {version('pyinstaller')}".encode())
    for source in sorted(sources):
        stamp.update(source.read_bytes())
    stamp_file = BASELINE / f"{name}.stamp"
    if exe.exists() and stamp_file.exists() and stamp_file.read_text() == stamp.hexdigest():
        return exe
    BASELINE.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(BASELINE / "dist" / name, ignore_errors=True)
    script_file = BASELINE / f"{name}.py"
    script_file.write_text(script, encoding="utf-8")
    print(f"building {name} with PyInstaller (once)...", flush=True)
    folders = ["--distpath", BASELINE / "dist", "--workpath", BASELINE / "work"]
    # As build.spec: its run-time hooks, and without multiprocessing, whose run-time hook would
    # otherwise import it at every start.
    hooks = ["--additional-hooks-dir", ROOT / "tools" / "pyinstaller_hooks"]
    hooks += ["--exclude-module", "multiprocessing"]
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--noupx", *hooks]
        + ["--log-level", "WARN", "--paths", ROOT, *folders, "--specpath", BASELINE, script_file],
        check=True,
    )
    stamp_file.write_text(stamp.hexdigest())
    return exe


def first_frame(command: list[str], home: Path) -> float:
    """Seconds from launching `command` to its window's first painted frame; then it is ended.

    `home` stands in for the user's home, so the window's saved settings are not the user's.
    """
    env = {**os.environ, **QT_TIMING, "HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    start = time.monotonic()
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as child:
        seen = []
        for line in child.stderr:
            painted = FIRST_FRAME.match(line)
            if painted:
                child.terminate()
                child.communicate(timeout=60)
                return float(painted.group(1)) - start
            seen.append(line)
        child.wait(timeout=60)
    raise SystemExit(f"{command[0]} exited {child.returncode} before painting:\n{''.join(seen)}")


def frozen_window() -> None:
    if not FROZEN.exists():
        print("frozen window: skipped, no dist/actionplans: run 'pyinstaller build.spec' first")
        return
    if not sys.platform.startswith("linux"):
        print("frozen window: skipped, the first-frame timing reads Linux's monotonic clock")
        return
    bare = [str(frozen_app("bare_window", BARE_WINDOW, []))]
    sources = [
        path for package in ("storage", "usecases", "gui") for path in (ROOT / package).glob("*.py")
    ]
    steps = str(frozen_app("startup_steps", STEPS_WINDOW, sources))
    with tempfile.TemporaryDirectory() as folder:
        home, db = Path(folder), Path(folder) / "plans.sqlite3"
        for sample in sorted(SAMPLES.glob("*.xlsx")):
            subprocess.run([FROZEN, "--db", db, "import", sample], check=True, capture_output=True)
        window = [str(FROZEN), "--db", str(db)]
        smoke = [str(FROZEN), "--smoke-test"]
        commands = {"bare": bare, "window": window, "smoke": smoke}
        commands.update({label: [steps, str(n), str(db)] for n, label in enumerate(STEPS)})
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(ROUNDS + 1):  # the first round only warms the file cache
            for name, command in commands.items():
                times[name].append(first_frame(command, home))
    times = {name: runs[1:] for name, runs in times.items()}
    paired = statistics.median(w / b for w, b in zip(times["window"], times["bare"], strict=True))
    median = {name: statistics.median(runs) for name, runs in times.items()}
    verdict = "met" if paired <= 1.7 else "NOT met"
    print(
        f"frozen window, launch to first frame, 2 plans: median {median['window'] * 1000:.1f} ms "
        f"vs bare {median['bare'] * 1000:.1f} ms; median of the {ROUNDS} rounds' ratios "
        f"{paired:.2f}x (target <= 1.7x: {verdict})"
    )
    best = {name: min(runs) for name, runs in times.items()}
    report("  best against best", best["window"], best["bare"], "none")
    report("frozen --smoke-test, reading the 2 samples first", best["smoke"], best["bare"], "none")
    print("where the time goes, one step at a time from the bare window:")
    for label in STEPS:
        report(f"  {label}", best[label], best["bare"], "none")


def light_verb() -> None:
    command = shutil.which("actionplans", path=str(Path(sys.executable).parent))
    if command is None:
        print("actionplans --version: skipped, the package is not installed in this environment")
        return

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True)

    run(command, "--version")  # warm the file cache
    run(sys.executable, "-c", "pass")
    verb = best_of(RUNS * 2, lambda: run(command, "--version"))
    bare = best_of(RUNS * 2, lambda: run(sys.executable, "-c", "pass"))
    report("unfrozen actionplans --version", verb, bare, "<= 3x")
    if FROZEN.exists():  # a frozen light verb must not load Qt either (see tools/pyinstaller_hooks)
        frozen = best_of(RUNS * 2, lambda: run(str(FROZEN), "--version"))
        report("frozen actionplans --version", frozen, bare, "none")


if __name__ == "__main__":
    frozen_window()
    light_verb()
