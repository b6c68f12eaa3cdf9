"""What a job changed, so a front end refreshes what shows it and nothing else.

Modelled on anki's `OpChanges`: every job that writes returns one, and the window answers
all of them in one place instead of a hand-written refresh sequence per job.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changed:
    """`plans`: plans whose content changed (ids; a deleted plan's id too); `plan_list`: the
    list of plans (titles, counts, a plan added or removed); `updates`, `meetings`,
    `backups`: progress updates, board meetings, the backups folder."""

    plans: frozenset[int] = frozenset()
    plan_list: bool = False
    updates: bool = False
    meetings: bool = False
    backups: bool = False

    def __or__(self, other: Changed) -> Changed:
        return Changed(
            self.plans | other.plans,
            self.plan_list or other.plan_list,
            self.updates or other.updates,
            self.meetings or other.meetings,
            self.backups or other.backups,
        )

    def is_empty(self) -> bool:
        return self == NOTHING


NOTHING = Changed()
