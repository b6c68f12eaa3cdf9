"""Plans as a whole: list, find, show as text, create and delete (a backup first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from actionplans.storage.backups import backed_up
from actionplans.storage.dates import uk_date
from actionplans.storage.model import Plan
from actionplans.storage.rules import target_label
from actionplans.storage.store import PlanRow, Store
from actionplans.usecases.changed import Changed


def list_plans(store: Store) -> list[PlanRow]:
    return store.list_plans()


def get_plan(store: Store, spec: str) -> Plan:
    """The plan `spec` names (its id or the start of its title); BadInput when none or many."""
    return store.get_plan(store.find_plan(spec))


def plan_text(plan: Plan) -> str:
    """A readable summary of a plan: what `show`, `import --dry-run` and the import preview
    print."""
    lines = [plan.title]
    for label, value in (
        ("Responds to", plan.responds_to),
        ("Report published", uk_date(plan.report_published)),
        ("Action plan submitted", uk_date(plan.submitted)),
        ("Notice", plan.notice),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    section = None
    for rec in plan.recommendations:
        if rec.section != section and rec.section:
            lines.append(f"\n  {rec.section}")
        section = rec.section
        first_line = rec.text.split("\n")[0]
        if len(first_line) > 70:
            first_line = first_line[:67] + "..."
        reason = f" ({rec.reason})" if rec.reason else ""
        lines.append(f"    {rec.ref:>5}  {rec.decision or 'Undecided'}{reason}: {first_line}")
        for number, action in enumerate(rec.actions, 1):
            owners = "; ".join(action.owners) or "no owner"
            target = target_label(action.target, action.target_text, blank="no target")
            status = "" if action.status == "open" else f" [{action.status.replace('_', ' ')}]"
            lines.append(f"           {number}. {owners} - {target}{status}")
    summary = plan.summary()
    lines.append("\n  " + ", ".join(f"{k}: {v}" for k, v in summary.items()))
    return "\n".join(lines)


@dataclass(frozen=True)
class Created:
    plan_id: int
    changed: Changed


def create_plan(store: Store, title: str) -> Created:
    """A new, empty plan called `title`."""
    plan_id = store.add_plan(Plan(title=title))
    return Created(plan_id, Changed(plans=frozenset({plan_id}), plan_list=True))


@dataclass(frozen=True)
class Deleted:
    plan_id: int
    title: str
    backup: Path
    changed: Changed


def delete_plan(store: Store, plan_id: int) -> Deleted:
    """Delete a plan with everything in it, after a backup of the whole database."""
    title = store.get_plan_title(plan_id)
    with backed_up(store, "delete") as path:
        store.delete_plan(plan_id)
    return Deleted(
        plan_id,
        title,
        path,
        Changed(plans=frozenset({plan_id}), plan_list=True, updates=True, backups=True),
    )
