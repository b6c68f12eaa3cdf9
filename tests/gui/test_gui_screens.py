"""Every window and dialog opens inside the screen: a 1366x768 laptop at 100%, and a
1920x1080 one at 150% scaling (1280x720 device-independent pixels), and the small one at
150% too (911x512), each in its own process
since the scale is fixed when Qt starts. Qt's offscreen platform takes the screen from a
configuration file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

CHILD = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings, QThreadPool
import actionplans.gui.qt
from actionplans.gui.app import application
from actionplans.usecases.importing import load_samples
from actionplans.gui.main_window import MainWindow
from actionplans.gui.worker import busy
from actionplans.storage.store import Store

app = application()
folder = tempfile.mkdtemp()
store = Store.open(Path(folder) / "plans.sqlite3")
ids = load_samples(store).plan_ids
window = MainWindow(store, QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
window.show()
app.processEvents()
plan = store.get_plan(ids[0])
window.search.open_item(plan.id, "action", plan.recommendations[0].actions[0].id)

def settle():
    for _ in range(5):
        app.processEvents()
    while busy():
        QThreadPool.globalInstance().waitForDone(50)
        app.processEvents()

shown = {}
def note(name, widget):
    settle()
    g = widget.frameGeometry()
    shown[name] = [g.x(), g.y(), g.width(), g.height()]

note("window", window)
for name, open_ in (
    ("update", window.progress.add_update),
    ("meeting", window.progress.record_meeting),
    ("changes", window.progress.what_changed),
    ("pack", window.files.board_pack),
    ("import", window.files.open_import_wizard),
):
    dialog = open_()
    note(name, dialog)
    dialog.reject()
window.files.preview_current()
settle()
note("preview", window.files.preview_dialog)
area = window.screen().availableGeometry()
print(json.dumps({"area": [area.x(), area.y(), area.width(), area.height()], "shown": shown}))
window.close()
"""


@pytest.mark.parametrize(
    "size, scale", [((1366, 768), "1"), ((1366, 768), "1.5"), ((1920, 1080), "1.5")]
)
def test_every_window_and_dialog_opens_inside_the_screen(tmp_path, size, scale):
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": size[0], "height": size[1]}
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    env["QT_SCALE_FACTOR"] = scale
    env["HOME"] = str(tmp_path)  # QSettings and the data folder stay in the test's folder
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    ax, ay, aw, ah = report["area"]
    assert (aw, ah) == (round(size[0] / float(scale)), round(size[1] / float(scale)))
    for name, (x, y, w, h) in report["shown"].items():
        assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, (name, x, y, w, h)
