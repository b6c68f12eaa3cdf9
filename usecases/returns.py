"""Returns out: for each plan, one progress-return workbook per owner, and unsent e-mails to
send them with. (A return coming back is an import: `usecases.importing` reads it, recognises
its plan, previews its updates and records them.)

`write_returns` takes loaded plans, not the store, so the window can run it on its thread
pool; `send_returns` is the whole job for the command: it also remembers the return-by date
and return-to address beside the database, so the next quarter's returns say the same unless
told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storage.model import Plan
from storage.return_form import ReturnSettings, load_settings, save_settings
from storage.store import Store

__all__ = [
    "ReturnSettings",
    "ReturnsWritten",
    "owners_with_returns",
    "remember",
    "remembered",
    "send_returns",
    "write_returns",
]


@dataclass(frozen=True)
class ReturnsWritten:
    returns: list[Path]
    chasers: list[Path]
    settings: ReturnSettings  # what the returns say, now remembered


def remembered(store: Store) -> ReturnSettings:
    """The return-by date and return-to address the last returns carried."""
    return load_settings(store.path)


def remember(store: Store, settings: ReturnSettings) -> None:
    """Keep what these returns said for the next quarter's (unless it is unchanged)."""
    if settings != remembered(store):
        save_settings(store.path, settings)


def write_returns(
    plans: Plan | list[Plan],
    folder: Path,
    *,
    settings: ReturnSettings | None = None,
    chasers: bool = False,
    today: date | None = None,
    avoid: frozenset[str] = frozenset(),
) -> list[Path]:
    """The returns of `plans` written into `folder` (never over an existing file, nor with
    a name in `avoid`), each followed by its chaser `.eml` when `chasers`; the paths in that
    order."""
    from exporters.eml import write_chaser
    from exporters.returns import open_actions_by_owner
    from exporters.returns import write_returns as write

    plans = [plans] if isinstance(plans, Plan) else plans
    settings = settings or ReturnSettings()
    today = today or date.today()
    paths = write(
        plans,
        Path(folder),
        today,
        return_by=settings.return_by,
        return_to=settings.return_to,
        avoid=avoid,
    )
    if not chasers:
        return paths
    groups = [(plan, group) for plan in plans for group in open_actions_by_owner(plan)]
    written: list[Path] = []
    for path, (plan, group) in zip(paths, groups, strict=True):
        eml = write_chaser(path, plan, group, today, settings.return_by, settings.return_to)
        written += [path, eml]
    return written


def send_returns(
    store: Store,
    plan_ids: list[int],
    folder: Path,
    *,
    return_by: str | None = None,
    return_to: str | None = None,
    chasers: bool = False,
    today: date | None = None,
) -> ReturnsWritten:
    """Write the plans' returns (and chasers); a return-by date or address not given is the
    one remembered from last time, and what was given is remembered for next time."""
    before = remembered(store)
    settings = ReturnSettings(
        return_by or before.return_by, (return_to or "").strip() or before.return_to
    )
    plans = [store.get_plan(plan_id) for plan_id in plan_ids]
    paths = write_returns(plans, folder, settings=settings, chasers=chasers, today=today)
    remember(store, settings)
    return ReturnsWritten(
        [p for p in paths if p.suffix == ".xlsx"],
        [p for p in paths if p.suffix == ".eml"],
        settings,
    )


def owners_with_returns(plan: Plan) -> int:
    """How many owners a returns run writes for (owners with open actions)."""
    from exporters.returns import open_actions_by_owner

    return len(open_actions_by_owner(plan))
