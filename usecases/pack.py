"""The board pack, with all its pages, assembled once for the command and the window.

`gather` reads everything the pack shows from the store (the plans, each plan's changes since
the last meeting and its status at each meeting); `write` prints it and needs no store, so the
window runs it on its thread pool. `board_pack` does both, for the command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from actionplans.storage.model import Plan
from actionplans.storage.store import Store


@dataclass(frozen=True)
class PackContents:
    """What a pack prints: the plans in order, and each one's progress keyed by plan id."""

    plans: list[Plan]
    progress: dict = field(default_factory=dict)
    meeting: date | None = None
    today: date | None = None


def gather(
    store: Store, plan_ids: list[int], meeting: date | None = None, today: date | None = None
) -> PackContents:
    from actionplans.exporters.pack import progress_for

    return PackContents(
        [store.get_plan(plan_id) for plan_id in plan_ids],
        progress_for(store, plan_ids, meeting, today),
        meeting,
        today,
    )


@dataclass(frozen=True)
class Cover:
    """What the pack's cover says besides its plans, and whether the plans as published
    follow as an appendix."""

    board: str | None = None
    venue: str | None = None
    secretary: str | None = None
    marking: str | None = None
    appendix: bool = False


def write(
    contents: PackContents,
    path: Path,
    *,
    board: str | None = None,
    marking: str | None = None,
    cover: Cover | None = None,
) -> Path:
    from actionplans.exporters.pack import write_board_pack

    cover = cover or Cover(board=board, marking=marking)
    write_board_pack(
        contents.plans,
        Path(path),
        board=cover.board,
        meeting=contents.meeting,
        venue=cover.venue,
        secretary=cover.secretary,
        marking=cover.marking,
        today=contents.today,
        progress=contents.progress,
        appendix=cover.appendix,
    )
    return Path(path)


def board_pack(
    store: Store,
    plan_ids: list[int],
    path: Path,
    *,
    board: str | None = None,
    meeting: date | None = None,
    marking: str | None = None,
    today: date | None = None,
    cover: Cover | None = None,
) -> Path:
    contents = gather(store, plan_ids, meeting, today)
    return write(contents, path, board=board, marking=marking, cover=cover)
