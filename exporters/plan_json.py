"""Plans -> the plan JSON document (`actionplans.plan/1`), the contract read headlessly."""

from __future__ import annotations

import json
from pathlib import Path

from exporters.atomic import atomic_path
from storage.model import FORMAT, Plan


def plan_to_dict(plan: Plan) -> dict:
    """The document for `plan`, field for field as shared/spec/plan-json.md orders it."""
    return {
        "format": FORMAT,
        "title": plan.title,
        "responds_to": plan.responds_to,
        "report_published": plan.report_published,
        "submitted": plan.submitted,
        "notice": plan.notice,
        "recommendations": [
            {
                "ref": rec.ref,
                "section": rec.section,
                "text": rec.text,
                "decision": rec.decision,
                "reason": rec.reason,
                "actions": [
                    {
                        "text": action.text,
                        "owners": list(action.owners),
                        "target": action.target,
                        "target_text": action.target_text,
                        "status": action.status,
                    }
                    for action in rec.actions
                ],
            }
            for rec in plan.recommendations
        ],
        "summary": plan.summary(),
    }


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2) + "\n"


def write_plan_json(plan: Plan, path: Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(plan_to_json(plan), encoding="utf-8")
