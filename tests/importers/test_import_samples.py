"""The acceptance check: both sample workbooks import to the plans written from the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplans.exporters.plan_json import plan_to_dict
from actionplans.importers import read_plan_file
from actionplans.importers.plan_json import plan_from_dict
from actionplans.resources import resource_path

FIXTURES = Path(__file__).parent.parent / "fixtures"
SAMPLES = ("social-care-2018", "accommodation-2020")


def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_imports_to_the_seed_plan(name):
    result = read_plan_file(resource_path("samples", f"{name}.xlsx"))
    seed = expected(name)
    assert result.plan == plan_from_dict(seed)
    assert plan_to_dict(result.plan)["summary"] == seed["summary"]
    assert not result.errors


@pytest.mark.parametrize("name, total", [("social-care-2018", 8), ("accommodation-2020", 11)])
def test_every_rec_no_section_decision_owner_and_target(name, total):
    got = plan_to_dict(read_plan_file(resource_path("samples", f"{name}.xlsx")).plan)
    seed = expected(name)
    assert len(got["recommendations"]) == total
    for mine, theirs in zip(got["recommendations"], seed["recommendations"], strict=True):
        assert (mine["ref"], mine["section"], mine["decision"]) == (
            theirs["ref"],
            theirs["section"],
            theirs["decision"],
        )
        assert [(a["owners"], a["target"], a["status"]) for a in mine["actions"]] == [
            (a["owners"], a["target"], a["status"]) for a in theirs["actions"]
        ]


def test_tidy_sample_is_clean():
    result = read_plan_file(resource_path("samples", "social-care-2018.xlsx"))
    assert result.findings == []
    assert result.exit_status() == 0


def test_messy_sample_reports_each_doubtful_row():
    result = read_plan_file(resource_path("samples", "accommodation-2020.xlsx"))
    warnings = [(f.row, f.column) for f in result.warnings]
    # Recommendations 6 and 9 give several dates for one action: the latest is used.
    assert warnings == [(19, "F"), (26, "F")]
    assert "March 2023" in result.warnings[0].message
    notes = {f.row: f.message for f in result.findings if f.severity == "note"}
    assert "notice repeated" in notes[9]
    assert "dashes" in notes[11]
    assert "header row repeated" in notes[16]
    assert "recommendation 4 carried over" in notes[17]
    assert result.exit_status() == 1


def test_samples_are_what_the_script_writes(tmp_path):
    """The committed samples are reproducible from tools/make_samples.py."""
    import runpy

    module = runpy.run_path(str(Path(__file__).parent.parent.parent / "tools" / "make_samples.py"))
    module["main"](["make_samples", str(tmp_path)])
    for name in SAMPLES:
        fresh = read_plan_file(tmp_path / f"{name}.xlsx").plan
        assert fresh == read_plan_file(resource_path("samples", f"{name}.xlsx")).plan
