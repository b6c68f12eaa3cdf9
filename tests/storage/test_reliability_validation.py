"""Issue 17, items 1, 6 and 8: what enters the store is checked at its doors, and a value an
older version stored is shown with a finding instead of crashing a reader."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from cli.main import main
from storage import edits, monitoring, validation
from storage.checks import check_plan
from storage.errors import BadInput
from storage.model import Meeting, Update
from storage.store import Store
from tests.support.faults import stored_with_bad_dates
from tests.support.plans import db_state, make_plan


@pytest.fixture
def cli(db_path, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *args])
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


def plan_doc(**changes) -> dict:
    """A small valid plan JSON document, one action with one update, then `changes`."""
    doc = {
        "format": "actionplans.plan/1",
        "title": "Action Plan: HMP Test",
        "recommendations": [
            {
                "ref": "1",
                "text": "Meet social care needs.",
                "decision": "Agreed",
                "actions": [
                    {
                        "text": "Assess everyone.",
                        "owners": ["Governor"],
                        "target": "2030-03",
                        "updates": [{"date": "2020-01-02", "status": "open", "text": "Begun"}],
                    }
                ],
            }
        ],
        "meetings": [{"date": "2020-01-01", "board": "PB"}],
    }
    rec = doc["recommendations"][0]
    action = rec["actions"][0]
    targets = {"doc": doc, "rec": rec, "action": action, "update": action["updates"][0]}
    for key, value in changes.items():
        where, _, field = key.partition("__")
        targets[where][field] = value
    return doc


HOSTILE_DOCS = {
    "impossible target": (plan_doc(action__target="2027-02-31"), "action 1: the target"),
    "impossible month": (plan_doc(action__target="2027-13"), "target is '2027-13'"),
    "meeting year 0": (plan_doc(doc__meetings=[{"date": "0000-00-00"}]), "meeting date"),
    "year 2500": (plan_doc(doc__submitted="2500-01-01"), "between 1900 and 2100"),
    "future update": (plan_doc(update__date="9999-12-31"), "update date"),
    "tomorrow's update": (
        plan_doc(update__date=(date.today() + timedelta(days=1)).isoformat()),
        "after today",
    ),
    "completion without evidence": (plan_doc(update__status="completed"), "evidence"),
    "empty title": (plan_doc(doc__title="   "), "title cannot be empty"),
    "empty Rec No": (plan_doc(rec__ref=" "), "Rec No cannot be empty"),
    "text over Excel's limit": (plan_doc(rec__text="x" * 32_768), "32,767"),
    "owner over Excel's limit": (plan_doc(action__owners=["o" * 40_000]), "32,767"),
    "lone surrogate": (plan_doc(doc__title="HMP \ud800"), "not text"),
}


@pytest.mark.parametrize("name", HOSTILE_DOCS)
def test_plan_json_with_a_bad_field_is_refused_naming_it(name, cli, tmp_path, db_path):
    doc, words = HOSTILE_DOCS[name]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    Store.open(db_path).close()
    before = db_state(db_path)
    status, out, err = cli("import", str(path))
    assert status == 2, out
    assert str(path) in err and words in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert db_state(db_path) == before


def test_the_same_plan_with_good_fields_imports(cli, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc()), encoding="utf-8")
    assert cli("import", str(path))[0] == 0


HUGE = {
    "nested 1,000 deep": '{"title": "x", "recommendations": ' + "[" * 1000 + "]" * 1000 + "}",
    "nested 100,000 deep": '{"title": "x", "recommendations": ' + "[" * 10**5 + "]" * 10**5 + "}",
    "a 5,000-digit number": '{"title": "x", "recommendations": [{"ref": ' + "9" * 5000 + "}]}",
    "not UTF-8": '{"title": "caf\xe9"}',
}


@pytest.mark.parametrize("name", HUGE)
def test_deep_or_huge_json_is_one_sentence(name, cli, tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(HUGE[name].encode("latin-1"))
    status, _, err = cli("import", str(path))
    assert status == 2
    assert err.startswith(f"actionplans: {path}: ") and "Traceback" not in err


def test_a_51_mb_json_file_is_refused_by_its_size_before_reading(cli, tmp_path, monkeypatch):
    path = tmp_path / "plan.json"
    with path.open("wb") as handle:
        handle.truncate(51 * 2**20)  # sparse: only the size is ever looked at
    read = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: read.append(self) or b"")
    status, _, err = cli("import", str(path))
    assert status == 2 and "51 MB" in err and not read


def test_edits_updates_and_meetings_are_checked_at_the_store(store):
    plan_id = store.add_plan(make_plan())
    action_id = store.get_plan(plan_id).recommendations[0].actions[0].id
    with pytest.raises(BadInput, match="not a real date"):
        edits.update_action(store, action_id, target="2027-02-31")
    with pytest.raises(BadInput, match="32,767"):
        edits.update_action(store, action_id, text="y" * 40_000)
    with pytest.raises(BadInput, match="between 1900 and 2100"):
        edits.update_plan(store, plan_id, submitted="1066-10-14")
    with pytest.raises(BadInput, match="meeting date"):
        monitoring.add_meeting(store, "2027-02-31", plan_ids=(plan_id,))
    with pytest.raises(BadInput, match="32,767"):
        monitoring.add_update(store, action_id, status="open", text="z" * 40_000)
    with pytest.raises(BadInput, match="is not a target"):
        monitoring.add_update(store, action_id, status="open", target="2030-00")
    assert store.get_plan(plan_id) == make_plan()
    plan = make_plan()
    plan.recommendations[1].actions[0].updates = [Update("2019-02-29", "open")]
    with pytest.raises(BadInput, match="recommendation 2, action 1, update 1"):
        store.add_plan(plan)
    plan = make_plan()
    plan.meetings = [Meeting("2019-00-10")]
    with pytest.raises(BadInput, match="meeting 1"):
        store.add_plan(plan)
    assert len(store.list_plans()) == 1


def test_stored_impossible_dates_are_findings_not_crashes(cli, db_path, tmp_path):
    stored_with_bad_dates(db_path)
    status, out, err = cli("list")
    assert status == 0 and "Action Plan: HMP Thematic" in out, err
    status, out, err = cli("check", "1")
    assert status == 1 and "'2027-02-31', which is not a real date" in out, err
    assert "'0000-00', which is not a real date" in out
    for name in ("plan.pdf", "plan.xlsx", "plan.json"):
        status, out, err = cli("export", "1", "-o", str(tmp_path / name))
        assert status == 0, err
    status, out, err = cli("pack", "1", "-o", str(tmp_path / "pack.pdf"))
    assert status == 0, err
    assert (tmp_path / "pack.pdf").stat().st_size > 1000


def test_check_plan_finds_a_stored_impossible_target():
    plan = make_plan()
    plan.recommendations[0].actions[0].target = "2019-02-29"
    codes = [p.code for p in check_plan(plan, date(2020, 1, 1))]
    assert codes.count("bad_date") == 1


@pytest.mark.parametrize(
    ("value", "good"),
    [
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("0000-00-00", False),
        ("1899-12-31", False),
        ("2100-12-31", True),
        ("2101-01-01", False),
        ("2024-1-01", False),
        ("２０２４-01-01", False),
        (None, False),
    ],
)
def test_day_reads_only_real_dates_and_never_raises(value, good):
    assert (validation.day(value) is not None) is good
