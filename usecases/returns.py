"""Returns out: one progress-return workbook per owner. (A return coming back is an import:
`usecases.importing` reads it, previews its updates and records them.)

These take a loaded plan, not the store, so the window can run them on its thread pool.
"""

from __future__ import annotations

from pathlib import Path

from storage.model import Plan


def write_returns(plan: Plan, folder: Path) -> list[Path]:
    """One progress-return workbook per owner with open actions, written into `folder`."""
    from exporters.returns import write_returns as write

    return write(plan, Path(folder))


def owners_with_returns(plan: Plan) -> int:
    """How many owners a returns run writes for (owners with open actions)."""
    from exporters.returns import open_actions_by_owner

    return len(open_actions_by_owner(plan))
