"""Frozen start-up for PySide6 that leaves Qt unloaded until the application imports it.

Stands in for PyInstaller's own PySide6 run-time hook (tools/pyinstaller_hooks/rthooks.dat names
this file for PySide6, which makes PyInstaller skip its own). That hook imports QtCore on every
start to register a qt.conf, so that even `actionplans --version` loaded Qt and ICU; PySide6's
wheels register their own qt.conf when QtCore is first imported, so only the paths are set here.
"""

import os
import sys


def _qt_paths() -> None:
    qt = os.path.join(sys._MEIPASS, "PySide6")
    if not sys.platform.startswith("win"):
        qt = os.path.join(qt, "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform.startswith("win"):  # Qt's plugins find the DLLs collected beside them
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")


_qt_paths()
del _qt_paths
