"""Files the application ships (fonts, sample plans, icons), found the same way frozen or not."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource: beside this module, or in PyInstaller's unpacked folder."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"
    return base.joinpath(*parts)
