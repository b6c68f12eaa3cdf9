"""Run the tests of every Qt-free layer with PySide6 made unimportable.

The layers below gui/ must work on a machine without Qt (a server making board packs, say),
and their tests must prove it rather than pass only because Qt happens to be installed.
`.ci/run` runs this after the full suite; any extra arguments go to pytest.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

QT_FREE = ("storage", "importers", "exporters", "usecases", "cli")


def main(argv: list[str]) -> int:
    for name in ("PySide6", "shiboken6"):
        sys.modules[name] = None  # type: ignore[assignment]  # `import PySide6` now fails
    root = Path(__file__).resolve().parent.parent
    os.chdir(root)
    sys.path.insert(0, str(root))
    folders = [f"tests/{layer}" for layer in QT_FREE]
    return pytest.main(["-q", "-p", "no:pytest-qt", "-p", "no:cacheprovider", *folders, *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
