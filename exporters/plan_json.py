"""Plans -> the plan JSON document (`actionplans.plan/1`), the contract read headlessly."""

from __future__ import annotations

import json
from pathlib import Path

from actionplans.exporters.atomic import atomic_path
from actionplans.storage.model import FORMAT, Action, Plan, Recommendation, Update

UPDATE_FIELDS = (
    "status",
    "text",
    "evidence",
    "rag",
    "rag_reason",
    "target_from",
    "target_to",
    "recorded_by",
    "recorded_at",
)


VERIFICATION_FIELDS = ("verdict", "evidence_seen", "reason", "recorded_by", "recorded_at")
JUDGEMENT_FIELDS = ("rating", "note", "recorded_by", "recorded_at")


def _update_dict(u: Update) -> dict:
    doc = {"date": u.on_date, **{name: getattr(u, name) for name in UPDATE_FIELDS}}
    if u.verification is not None:  # only a completion the secretary has given a verdict on
        v = u.verification
        doc["verification"] = {
            "date": v.on_date,
            **{name: getattr(v, name) for name in VERIFICATION_FIELDS},
        }
    return doc


def _judgements(rec: Recommendation) -> dict:
    """`judgements`, only on an item an Independent Review of Progress has judged."""
    if not rec.judgements:
        return {}
    return {
        "judgements": [
            {"date": j.on_date, **{name: getattr(j, name) for name in JUDGEMENT_FIELDS}}
            for j in rec.judgements
        ]
    }


def _action_dict(action: Action) -> dict[str, object]:
    doc: dict[str, object] = {
        "text": action.text,
        "owners": list(action.owners),
        "target": action.target,
        "target_text": action.target_text,
        "status": action.status,
    }
    if action.updates:  # progress monitoring adds this field only when there is progress
        doc["updates"] = [_update_dict(u) for u in action.updates]
    return doc


def plan_to_dict(plan: Plan) -> dict:
    """The document for `plan`, field for field as docs/plan-json.md orders it.

    `meetings` and actions' `updates` appear only when there are some, so a plan that is not
    yet monitored is exactly the document the spec shows.
    """
    doc = {
        "format": FORMAT,
        "title": plan.title,
        "responds_to": plan.responds_to,
        "report_published": plan.report_published,
        "submitted": plan.submitted,
        "notice": plan.notice,
        "recommendations": [
            {
                "ref": rec.ref,
                "kind": rec.kind,
                "section": rec.section,
                "text": rec.text,
                "decision": rec.decision,
                "reason": rec.reason,
                "actions": [_action_dict(action) for action in rec.actions],
                **_judgements(rec),
            }
            for rec in plan.recommendations
        ],
        "summary": plan.summary(),
    }
    if plan.marking:
        doc["marking"] = plan.marking
    if plan.meetings:
        doc["meetings"] = [
            {"date": m.held_on, "board": m.board, "notes": m.notes} for m in plan.meetings
        ]
    return doc


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2) + "\n"


def write_plan_json(plan: Plan, path: Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(plan_to_json(plan), encoding="utf-8")
