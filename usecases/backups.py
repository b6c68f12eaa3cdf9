"""The database's backups: list them, and bring one back (the current state saved first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage.backups import Backup, list_backups
from storage.backups import restore as bring_back
from storage.store import Store
from usecases.changed import Changed

__all__ = ["Backup", "Restored", "list_backups", "restore"]

EVERYTHING_CHANGED = Changed(plan_list=True, updates=True, meetings=True, backups=True)


@dataclass(frozen=True)
class Restored:
    """`safety` holds what was there before; every plan may have changed."""

    safety: Path
    changed: Changed


def restore(store: Store, source: Path) -> Restored:
    """Bring back the backup `source` (a name from `list_backups` or a path)."""
    ids = frozenset(row.id for row in store.list_plans())
    safety = bring_back(store, Path(source))
    ids |= {row.id for row in store.list_plans()}
    return Restored(safety, Changed(plans=ids) | EVERYTHING_CHANGED)
