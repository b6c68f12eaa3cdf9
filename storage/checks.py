"""The rules the template itself states, checked on a plan and reported as warnings.

The published plans require an owner and a timescale for every action, a reason whenever a
recommendation is only partly or not agreed, and actions for whatever is agreed. These checks
never block a save: a plan is often a draft for weeks. They tell the secretary what to chase.
"""

from __future__ import annotations

import calendar
import functools
from collections import Counter
from dataclasses import dataclass
from datetime import date

from storage import validation
from storage.model import Action, Plan


@dataclass(frozen=True)
class Problem:
    code: str  # no_action, no_owner, no_target, no_reason, overdue, duplicate_ref, bad_date
    message: str
    ref: str | None = None  # the recommendation's Rec No
    action: int | None = None  # 1-based number of the action within its recommendation


@functools.lru_cache(maxsize=4096)
def target_end(target: str | None) -> date | None:
    """The last day a target allows: the day itself, or the month's last day; None otherwise.

    Cached: a plan repeats a handful of targets across thousands of actions.
    """
    if not target or target == "ongoing" or validation.target_problem(target):
        return None  # an impossible target stored by an older version: `check_plan` says so
    parts = [int(p) for p in target.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts
    return date(year, month, calendar.monthrange(year, month)[1])


def is_overdue(action: Action, today: date | None = None) -> bool:
    """An action not yet completed whose target has passed."""
    end = target_end(action.target)
    return action.status != "completed" and end is not None and end < (today or date.today())


def check_plan(plan: Plan, today: date | None = None) -> list[Problem]:
    """Every warning for `plan`, in the order of the plan."""
    problems: list[Problem] = []
    counts = Counter(rec.ref for rec in plan.recommendations)
    reported: set[str] = set()
    for rec in plan.recommendations:
        ref = rec.ref
        if counts[ref] > 1 and ref not in reported:
            reported.add(ref)
            problems.append(
                Problem("duplicate_ref", f"Rec No {ref} is used {counts[ref]} times.", ref)
            )
        if rec.decision in ("Agreed", "Partly Agreed") and not rec.actions:
            problems.append(
                Problem(
                    "no_action", f"Recommendation {ref} is {rec.decision} but has no action.", ref
                )
            )
        if rec.decision in ("Partly Agreed", "Not Agreed") and not rec.reason:
            problems.append(
                Problem(
                    "no_reason",
                    f"Recommendation {ref} is {rec.decision} but gives no reason "
                    "(commissioning, policy, operational or affordability).",
                    ref,
                )
            )
        # The response to a Not Agreed recommendation explains why; it commits nobody to
        # anything by any date, so it is not asked for an owner or a timescale.
        committed = rec.decision != "Not Agreed"
        for number, action in enumerate(rec.actions, 1):
            name = f"Recommendation {ref}, action {number}"
            if committed and not action.owners:
                problems.append(
                    Problem("no_owner", f"{name} has no responsible owner.", ref, number)
                )
            if validation.target_problem(action.target):
                problems.append(
                    Problem(
                        "bad_date",
                        f"{name} has the target '{action.target}', which is not a real date; "
                        "correct it.",
                        ref,
                        number,
                    )
                )
            if committed and action.target is None and action.status != "completed":
                problems.append(Problem("no_target", f"{name} has no target date.", ref, number))
            if is_overdue(action, today):
                problems.append(
                    Problem(
                        "overdue",
                        f"{name} is overdue: its target was {action.target_text or action.target}.",
                        ref,
                        number,
                    )
                )
    return problems
