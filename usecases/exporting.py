"""Saving a plan as .xlsx, .pdf or .json (the suffix decides), and putting a finished file in
place. These take a loaded plan, not the store, so the window can run them on its thread pool.
"""

from __future__ import annotations

from pathlib import Path

from actionplans.storage.errors import BadInput
from actionplans.storage.model import Plan


def export_plan(
    plan: Plan, path: Path, *, progress_columns: bool = False, marking: str | None = None
) -> Path:
    """Write `plan` to `path` in the format its suffix names; the options that only one format
    has are refused for the others, so nothing asked for is silently dropped."""
    from actionplans.exporters import export_plan as write

    suffix = Path(path).suffix.lower()
    if progress_columns and suffix != ".xlsx":
        raise BadInput(f"{Path(path).name}: the progress columns apply to .xlsx files only.")
    if marking and suffix != ".pdf":
        raise BadInput(f"{Path(path).name}: a protective marking applies to .pdf files only.")
    return write(plan, Path(path), progress_columns=progress_columns, marking=marking)


def move_into_place(written: Path, target: Path) -> None:
    """Move a finished file (written elsewhere, perhaps on another drive) to `target` in one
    step: `target` is either replaced whole or left as it was; a read-only one is refused."""
    import shutil

    from actionplans.exporters.atomic import atomic_path

    with atomic_path(Path(target)) as beside:
        shutil.move(written, beside)
