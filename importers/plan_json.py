"""The plan JSON document -> a plan, checked field by field against the contract.

A JSON file is written by a program, not typed into a sheet, so anything off-contract is an
error naming the field: there is no careful reader to guess for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from actionplans.importers.findings import Finding, ImportResult
from actionplans.storage import validation
from actionplans.storage.errors import BadInput
from actionplans.storage.model import (
    DECISIONS,
    FORMAT,
    KINDS,
    RAGS,
    RATINGS,
    REASONS,
    STATUSES,
    UPDATE_STATUSES,
    VERDICTS,
    Action,
    Judgement,
    Meeting,
    Plan,
    Recommendation,
    Update,
    Verification,
)
from actionplans.storage.rules import current_status
from actionplans.storage.text import plain_text

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
# Bounds on what is parsed at all (docs/plan-json.md): a plan of 20,000 recommendations is
# about 15 MB; its deepest value (an update's field) is 7 levels down.
MAX_BYTES = 50 * 2**20
MAX_DEPTH = 20
MAX_DIGITS = 30
_TARGET = re.compile(r"(\d{4}-(0[1-9]|1[0-2])(-\d{2})?|ongoing)$")


class _Reader:
    """Reads fields out of one document, naming the file and field in every complaint."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> BadInput:
        return BadInput(f"{self.source}: {where} {problem}.")

    def field(self, obj: dict, key: str, where: str, kinds: tuple, required: bool = False) -> Any:
        if key not in obj:
            if required:
                raise self.fail(f"{where}.{key}", "is missing")
            return None
        value = obj[key]
        if not isinstance(value, kinds):
            names = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
            raise self.fail(f"{where}.{key}", f"should be {names}, not {json.dumps(value)[:40]}")
        if isinstance(value, str):
            return plain_text(value)
        if isinstance(value, list):
            return [plain_text(item) if isinstance(item, str) else item for item in value]
        return value

    def choice(self, obj: dict, key: str, where: str, allowed: tuple) -> Any:
        value = self.field(obj, key, where, (str, type(None)))
        if value is not None and value not in allowed:
            raise self.fail(
                f"{where}.{key}", f"is {value!r}; expected {', '.join(allowed)} or null"
            )
        return value

    def pattern(
        self,
        obj: dict,
        key: str,
        where: str,
        pattern: re.Pattern,
        expected: str,
        required: bool = False,
    ) -> Any:
        value = self.field(obj, key, where, (str,) if required else (str, type(None)), required)
        if value is not None and not pattern.match(value):
            raise self.fail(f"{where}.{key}", f"is {value!r}; expected {expected} or null")
        return value


def _updates(r: _Reader, raw_action: dict, where: str) -> list[Update]:
    """An action's dated updates (added by progress monitoring; absent means none)."""
    updates = []
    for k, raw in enumerate(r.field(raw_action, "updates", where, (list,)) or []):
        uw = f"{where}.updates[{k}]"
        if not isinstance(raw, dict):
            raise r.fail(uw, "is not an object")
        updates.append(
            Update(
                on_date=r.pattern(raw, "date", uw, _DATE, "YYYY-MM-DD", required=True),
                status=r.choice(raw, "status", uw, UPDATE_STATUSES) or "open",
                text=r.field(raw, "text", uw, (str,)) or "",
                evidence=r.field(raw, "evidence", uw, (str, type(None))),
                rag=r.choice(raw, "rag", uw, RAGS),
                rag_reason=r.field(raw, "rag_reason", uw, (str, type(None))),
                target_from=r.pattern(raw, "target_from", uw, _TARGET, "a target"),
                target_to=r.pattern(raw, "target_to", uw, _TARGET, "a target"),
                recorded_by=r.field(raw, "recorded_by", uw, (str,)) or "",
                recorded_at=r.field(raw, "recorded_at", uw, (str,)) or "",
                verification=_verification(r, raw, uw),
            )
        )
    return sorted(updates, key=lambda u: u.on_date)  # stable: same-day updates keep their order


def _verification(r: _Reader, raw_update: dict, where: str) -> Verification | None:
    """The secretary's verdict on a reported completion (absent means none given)."""
    raw = r.field(raw_update, "verification", where, (dict, type(None)))
    if raw is None:
        return None
    vw = f"{where}.verification"
    verdict = r.choice(raw, "verdict", vw, VERDICTS)
    if verdict is None:
        raise r.fail(f"{vw}.verdict", f"is missing; expected {' or '.join(VERDICTS)}")
    return Verification(
        verdict=verdict,
        on_date=r.pattern(raw, "date", vw, _DATE, "YYYY-MM-DD", required=True),
        evidence_seen=r.field(raw, "evidence_seen", vw, (str, type(None))),
        reason=r.field(raw, "reason", vw, (str, type(None))),
        recorded_by=r.field(raw, "recorded_by", vw, (str,)) or "",
        recorded_at=r.field(raw, "recorded_at", vw, (str,)) or "",
    )


def _judgements(r: _Reader, raw_rec: dict, where: str) -> list[Judgement]:
    """An item's Independent Review of Progress judgements (absent means none)."""
    judgements = []
    for k, raw in enumerate(r.field(raw_rec, "judgements", where, (list,)) or []):
        jw = f"{where}.judgements[{k}]"
        if not isinstance(raw, dict):
            raise r.fail(jw, "is not an object")
        rating = r.choice(raw, "rating", jw, RATINGS)
        if rating is None:
            raise r.fail(f"{jw}.rating", f"is missing; expected {', '.join(RATINGS)}")
        judgements.append(
            Judgement(
                on_date=r.pattern(raw, "date", jw, _DATE, "YYYY-MM-DD", required=True),
                rating=rating,
                note=r.field(raw, "note", jw, (str,)) or "",
                recorded_by=r.field(raw, "recorded_by", jw, (str,)) or "",
                recorded_at=r.field(raw, "recorded_at", jw, (str,)) or "",
            )
        )
    return sorted(judgements, key=lambda j: j.on_date)


def plan_from_dict(doc: Any, source: str = "plan") -> Plan:
    """Build a Plan from a parsed document; raises BadInput naming the first bad field."""
    r = _Reader(source)
    if not isinstance(doc, dict):
        raise r.fail("the document", "is not a JSON object")
    fmt = doc.get("format")
    if fmt is not None and fmt != FORMAT:
        raise r.fail("format", f"is {fmt!r}; this version reads {FORMAT}")
    recs = []
    for i, raw in enumerate(r.field(doc, "recommendations", "plan", (list,)) or []):
        where = f"recommendations[{i}]"
        if not isinstance(raw, dict):
            raise r.fail(where, "is not an object")
        actions = []
        for j, raw_action in enumerate(r.field(raw, "actions", where, (list,)) or []):
            aw = f"{where}.actions[{j}]"
            if not isinstance(raw_action, dict):
                raise r.fail(aw, "is not an object")
            owners = r.field(raw_action, "owners", aw, (list,)) or []
            if not all(isinstance(o, str) for o in owners):
                raise r.fail(f"{aw}.owners", "should be a list of strings")
            status = r.choice(raw_action, "status", aw, STATUSES) or "open"
            actions.append(
                Action(
                    text=r.field(raw_action, "text", aw, (str,)) or "",
                    owners=list(owners),
                    target=r.pattern(
                        raw_action, "target", aw, _TARGET, "YYYY-MM-DD, YYYY-MM or ongoing"
                    ),
                    target_text=r.field(raw_action, "target_text", aw, (str,)) or "",
                    status=status,
                    updates=_updates(r, raw_action, aw),
                )
            )
            actions[-1].status = current_status(actions[-1])
        recs.append(
            Recommendation(
                ref=r.field(raw, "ref", where, (str,), required=True),
                # a document written before items had kinds holds recommendations
                kind=r.choice(raw, "kind", where, KINDS) or "recommendation",
                text=r.field(raw, "text", where, (str,)) or "",
                section=r.field(raw, "section", where, (str, type(None))),
                decision=r.choice(raw, "decision", where, DECISIONS),
                reason=r.choice(raw, "reason", where, REASONS),
                actions=actions,
                judgements=_judgements(r, raw, where),
            )
        )
    meetings = []
    for i, raw in enumerate(r.field(doc, "meetings", "plan", (list,)) or []):
        where = f"meetings[{i}]"
        if not isinstance(raw, dict):
            raise r.fail(where, "is not an object")
        meetings.append(
            Meeting(
                held_on=r.pattern(raw, "date", where, _DATE, "YYYY-MM-DD", required=True),
                board=r.field(raw, "board", where, (str, type(None))),
                notes=r.field(raw, "notes", where, (str,)) or "",
            )
        )
    return Plan(
        meetings=sorted(meetings, key=lambda m: m.held_on),
        title=r.field(doc, "title", "plan", (str,), required=True),
        responds_to=r.field(doc, "responds_to", "plan", (str, type(None))),
        report_published=r.pattern(doc, "report_published", "plan", _DATE, "YYYY-MM-DD"),
        submitted=r.pattern(doc, "submitted", "plan", _DATE, "YYYY-MM-DD"),
        notice=r.field(doc, "notice", "plan", (str, type(None))),
        marking=r.field(doc, "marking", "plan", (str, type(None))),
        recommendations=recs,
    )


def _bounded_int(text: str) -> int:
    """An integer of at most MAX_DIGITS digits: converting a longer one costs quadratic time
    (Python refuses past 4,300 digits with an error that names no file), and no plan field
    is a number that long."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(f"holds a number {len(text):,} digits long")
    return int(text)


class _TooLong(ValueError):
    """A JSON value far beyond anything a plan holds."""


def _depth_problem(doc: Any) -> str | None:
    """Why the document nests deeper than a plan ever does (a walk that stops at the bound)."""
    stack = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"nests lists and objects more than {MAX_DEPTH} deep"
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return None


def parse_json(path: Path) -> Any:
    """The parsed document, refused with a sentence naming `path` when it is too big, too
    deep, not UTF-8, not JSON, or holds a number no plan does; size is checked before reading."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadInput(
                f"{path}: the file is {size / 2**20:,.0f} MB, far larger than any plan "
                f"(the limit is {MAX_BYTES // 2**20} MB); refusing to read it."
            )
        doc = json.loads(path.read_bytes().decode("utf-8"), parse_int=_bounded_int)
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the file ({exc.strerror}).") from exc
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: is not UTF-8 text (byte {exc.start}).") from exc
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path}: is not valid JSON (line {exc.lineno}: {exc.msg}).") from exc
    except (_TooLong, RecursionError) as exc:
        why = str(exc) if isinstance(exc, _TooLong) else f"nests deeper than {MAX_DEPTH}"
        raise BadInput(f"{path}: is not a plan JSON document (it {why}).") from exc
    except ValueError as exc:  # a float beyond range, a number past Python's digit limit
        raise BadInput(f"{path}: is not a plan JSON document ({exc}).") from exc
    problem = _depth_problem(doc)
    if problem:
        raise BadInput(f"{path}: is not a plan JSON document (it {problem}).")
    return doc


def read_plan_json(path: Path) -> ImportResult:
    """Read a plan JSON file; a summary that disagrees with the rows is a warning, not an error."""
    path = Path(path)
    doc = parse_json(path)
    plan = plan_from_dict(doc, str(path))
    validation.check_plan(plan, source=str(path))
    findings = []
    summary = doc.get("summary")
    if isinstance(summary, dict) and summary != plan.summary():
        findings.append(
            Finding(
                "warning",
                f"The summary {summary} does not match the recommendations {plan.summary()}; "
                "the counts are taken from the recommendations.",
            )
        )
    return ImportResult(plan, findings)
