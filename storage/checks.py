"""The rules the template itself states, checked on a plan and reported as warnings.

The published plans require an owner and a timescale for every action, a reason whenever a
recommendation is only partly or not agreed, and actions for whatever is agreed. These checks
never block a save: a plan is often a draft for weeks. They tell the secretary what to chase,
and what to confirm: a reason the response states in its own words is proposed, never stored
without the user (`actionplans edit --reason`, or the window's editor).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from actionplans.storage import validation
from actionplans.storage.model import Plan, Recommendation
from actionplans.storage.reasons import stated_reason
from actionplans.storage.rules import is_commitment, is_open, is_overdue, target_label

# Findings the secretary settles herself (confirming what the plan already says), rather than
# chasing an owner for: a pack's "to chase" leaves them out.
TO_CONFIRM = ("reason_proposed", "reason_unnamed")


@dataclass(frozen=True)
class Problem:
    # no_action, no_owner, no_target, no_reason, reason_proposed, reason_unnamed, overdue,
    # duplicate_ref, bad_date
    code: str
    message: str
    ref: str | None = None  # the recommendation's Rec No
    action: int | None = None  # 1-based number of the action within its recommendation
    proposed: str | None = None  # reason_proposed: the reason the response's words name

    @property
    def to_chase(self) -> bool:
        """Whether someone must be asked for something, rather than the secretary confirming
        what the plan already says."""
        return self.code not in TO_CONFIRM


def reason_problem(rec: Recommendation) -> Problem | None:
    """The finding for a Partly or Not Agreed recommendation with no Reason: the reason its
    response states, proposed; the clause that says why when it names none of the four; or,
    when the response says nothing of why, that the reason is missing."""
    if rec.decision not in ("Partly Agreed", "Not Agreed") or rec.reason:
        return None
    ref, decision = rec.ref, rec.decision
    stated = stated_reason("\n".join(action.text for action in rec.actions))
    if stated is None:
        return Problem(
            "no_reason",
            f"Recommendation {ref} is {decision} but gives no reason "
            "(commissioning, policy, operational or affordability).",
            ref,
        )
    if stated.reason is None:
        return Problem(
            "reason_unnamed",
            f"Recommendation {ref} is {decision} with no reason chosen; its response says why "
            f"(“{stated.clause}”): choose commissioning, policy, operational or affordability.",
            ref,
        )
    return Problem(
        "reason_proposed",
        # The proposal first: a one-line list shows the start of a message.
        f"Recommendation {ref} is {decision} with no reason chosen; its response suggests "
        f"{stated.reason} (“{stated.clause}”): confirm it or choose another.",
        ref,
        proposed=stated.reason,
    )


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
        reason = reason_problem(rec)
        if reason is not None:
            problems.append(reason)
        # The response to a Not Agreed recommendation explains why; it commits nobody to
        # anything by any date, so it is not asked for an owner or a timescale.
        committed = is_commitment(rec.decision)
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
            if action.target is None and is_open(action, rec.decision):
                problems.append(Problem("no_target", f"{name} has no target date.", ref, number))
            if is_overdue(action, today, rec.decision):
                target = target_label(action.target, action.target_text)
                problems.append(
                    Problem("overdue", f"{name} is overdue: its target was {target}.", ref, number)
                )
    return problems
