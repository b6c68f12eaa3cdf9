"""The database's backups: list them, and bring one back (the current state saved first, or,
when the database is damaged, set aside)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from actionplans.storage.backups import Backup, list_backups, restore_over_damaged
from actionplans.storage.backups import restore as bring_back
from actionplans.storage.integrity import Damaged, Health, health
from actionplans.storage.store import Store
from actionplans.usecases.changed import Changed
from actionplans.usecases.session import open_store

__all__ = [
    "Backup",
    "Damaged",
    "Health",
    "Restored",
    "health",
    "list_backups",
    "restore",
    "restore_at",
]

EVERYTHING_CHANGED = Changed(plan_list=True, updates=True, meetings=True, backups=True)


@dataclass(frozen=True)
class Restored:
    """`safety` holds what was there before (`was_damaged`: the damaged database, set aside
    rather than backed up); every plan may have changed."""

    safety: Path
    changed: Changed
    was_damaged: bool = False


def restore(store: Store, source: Path) -> Restored:
    """Bring back the backup `source` (a name from `list_backups` or a path)."""
    ids = frozenset(row.id for row in store.list_plans())
    safety = bring_back(store, Path(source))
    ids |= {row.id for row in store.list_plans()}
    return Restored(safety, Changed(plans=ids) | EVERYTHING_CHANGED)


def restore_at(
    db_path: Path | None, source: Path, on_wait: Callable[[str], None] | None = None
) -> Restored:
    """`restore` into the database at `db_path` (default: the usual one), which may be
    damaged or not open at all: then it is set aside and the backup put in its place."""
    try:
        store = open_store(db_path, on_wait)
    except Damaged as exc:
        aside = restore_over_damaged(exc.health.path, Path(source))
        open_store(exc.health.path).close()  # an older version's backup comes up to date
        return Restored(aside, EVERYTHING_CHANGED, was_damaged=True)
    try:
        return restore(store, source)
    finally:
        store.close()
