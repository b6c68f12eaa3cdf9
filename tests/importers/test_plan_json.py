import json

import pytest
from hypothesis import HealthCheck, given, settings

from actionplans.exporters.plan_json import plan_to_dict, write_plan_json
from actionplans.importers import read_plan_file
from actionplans.importers.plan_json import plan_from_dict, read_plan_json
from actionplans.storage.errors import BadInput
from actionplans.storage.store import Store
from tests.support.plans import make_plan
from tests.support.strategies import plans

SPEC_EXAMPLE = {
    "format": "actionplans.plan/1",
    "title": "Action Plan: HMP Thematic – Social Care in Prisons in England & Wales",
    "responds_to": "HMIP Inspection – Social care in Prisons in England & Wales",
    "report_published": "2018-10-16",
    "submitted": "2018-12-17",
    "notice": None,
    "recommendations": [
        {
            "ref": "1",
            "kind": "recommendation",
            "section": "To the Secretary of State for Justice",
            "text": "The Secretary of State for Justice should lead coordination of ...",
            "decision": "Not Agreed",
            "reason": "policy",
            "actions": [
                {
                    "text": "The Care Act 2014 and ...\nLocal Authorities in England and Wales ...",
                    "owners": [
                        "Rehabilitation Systems and Change Group",
                        "Justice Analysis and Offender Policy Group",
                    ],
                    "target": None,
                    "target_text": "",
                    "status": "open",
                }
            ],
        }
    ],
    "summary": {"Agreed": 0, "Partly Agreed": 0, "Not Agreed": 1, "Undecided": 0, "Total": 1},
}


def test_spec_example_reads_and_writes_back_identically():
    assert plan_to_dict(plan_from_dict(SPEC_EXAMPLE)) == SPEC_EXAMPLE
    assert list(plan_to_dict(plan_from_dict(SPEC_EXAMPLE))) == list(SPEC_EXAMPLE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans)
def test_any_valid_plan_survives_export_then_import(plan, tmp_path_factory):
    folder = tmp_path_factory.mktemp("json")
    write_plan_json(plan, folder / "plan.json")
    result = read_plan_file(folder / "plan.json")
    assert result.plan == plan
    assert result.findings == []
    store = Store.open(folder / "db.sqlite3")
    assert plan_to_dict(store.get_plan(store.add_plan(result.plan))) == plan_to_dict(plan)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), r"plan.title is missing"),
        (
            lambda d: d["recommendations"][0].update(decision="Maybe"),
            r"recommendations\[0\].decision is 'Maybe'; expected Agreed",
        ),
        (
            lambda d: d["recommendations"][0]["actions"][0].update(target="March 2019"),
            r"actions\[0\].target is 'March 2019'",
        ),
        (
            lambda d: d["recommendations"][0]["actions"][0].update(owners="A, B"),
            r"actions\[0\].owners should be list",
        ),
        (lambda d: d.update(format="actionplans.plan/9"), r"this version reads"),
        (lambda d: d.update(submitted="17/12/2018"), r"plan.submitted is '17/12/2018'"),
    ],
)
def test_off_contract_documents_name_the_field(tmp_path, change, message):
    doc = json.loads(json.dumps(SPEC_EXAMPLE))
    change(doc)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        read_plan_file(path)


def test_bad_bytes_and_bad_json_are_clear(tmp_path):
    (tmp_path / "a.json").write_bytes(b'{"title": "\xff"}')
    with pytest.raises(BadInput, match="not UTF-8"):
        read_plan_file(tmp_path / "a.json")
    (tmp_path / "b.json").write_text('{"title": ', encoding="utf-8")
    with pytest.raises(BadInput, match="not valid JSON"):
        read_plan_file(tmp_path / "b.json")


def test_summary_mismatch_is_a_warning(tmp_path):
    doc = dict(SPEC_EXAMPLE, summary={"Agreed": 5, "Total": 5})
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = read_plan_file(path)
    assert [f.severity for f in result.findings] == ["warning"]
    assert "does not match" in result.findings[0].message


def test_exports_get_the_usual_permissions_not_private_ones(tmp_path):
    import os
    import stat

    from tests.support.plans import make_plan

    write_plan_json(make_plan(), tmp_path / "new.json")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o666 & ~mask
    os.chmod(tmp_path / "new.json", 0o640)
    write_plan_json(make_plan(), tmp_path / "new.json")
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_control_characters_in_a_document_are_read_as_typed_text(tmp_path):
    doc = plan_to_dict(make_plan())
    doc["title"] = "Action Plan:\x07 HMP Example"
    doc["recommendations"][0]["text"] = "One line\vanother\r\nand a third"
    doc["recommendations"][0]["actions"][0]["owners"] = ["Head of\x00 Healthcare"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    plan = read_plan_json(path).plan
    assert plan.title == "Action Plan: HMP Example"
    assert plan.recommendations[0].text == "One line\nanother\nand a third"
    assert plan.recommendations[0].actions[0].owners == ["Head of Healthcare"]
