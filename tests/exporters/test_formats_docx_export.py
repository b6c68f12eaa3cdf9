"""The Word export: the published layout, accessible as Word allows, reading back to the
identical plan JSON."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest

from actionplans.exporters import export_plan
from actionplans.exporters.docx import write_docx
from actionplans.exporters.plan_json import plan_to_dict
from actionplans.importers import read_plan_file
from actionplans.importers.plan_json import plan_from_dict
from actionplans.storage.model import Action, Plan, Recommendation

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize("seed", ["social-care-2018", "accommodation-2020"])
def test_a_docx_export_imports_back_to_the_identical_plan_json(tmp_path, seed):
    doc = json.loads((FIXTURES / f"{seed}.json").read_text(encoding="utf-8"))
    path = export_plan(plan_from_dict(doc), tmp_path / f"{seed}.docx")
    result = read_plan_file(path)
    assert plan_to_dict(result.plan) == doc
    assert not result.errors


def concerns_plan() -> Plan:
    """An HMIP plan of concerns, in Welsh, with an action of no owner and no date."""
    return Plan(
        "Cynllun Gweithredu: CEF Abertawe",
        responds_to="Adroddiad ar arolygiad o CEF Abertawe",
        submitted="2024-03-01",
        recommendations=[
            Recommendation(
                "PC1",
                "Nid oedd digon o staff i gadw carcharorion yn ddiogel.",
                "Pryderon blaenoriaeth",
                "Agreed",
                actions=[
                    Action("Recriwtio swyddogion.", ["Llywodraethwr"], "2024-09", "Medi 2024")
                ],
                kind="priority concern",
            ),
            Recommendation(
                "KC2",
                "Roedd amser allan o gelloedd yn rhy fyr.",
                "Pryderon allweddol",
                "Partly Agreed",
                "operational",
                [Action("Adolygu'r drefn.", ["Dirprwy Lywodraethwr"], "ongoing", "Ongoing")],
                kind="key concern",
            ),
        ],
    )


def test_a_plan_of_concerns_keeps_its_kinds_through_word_and_excel(tmp_path):
    plan = concerns_plan()
    want = plan_to_dict(plan)
    for suffix in (".docx", ".xlsx", ".json"):
        path = export_plan(plan, tmp_path / f"plan{suffix}")
        got = plan_to_dict(read_plan_file(path).plan)
        assert [r["kind"] for r in got["recommendations"]] == ["priority concern", "key concern"]
        assert got == want, suffix


def test_the_document_is_accessible_as_word_allows(tmp_path):
    doc = json.loads((FIXTURES / "social-care-2018.json").read_text(encoding="utf-8"))
    path = tmp_path / "plan.docx"
    write_docx(plan_from_dict(doc), path, author="Board Secretary")
    document = docx.Document(str(path))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.paragraphs[0].text == doc["title"]
    assert document.core_properties.title == doc["title"]
    assert document.core_properties.author == "Board Secretary"
    header = document.tables[1].rows[0]
    assert header._tr.trPr.xml.count("w:tblHeader") == 1
    assert [c.text for c in header.cells][:2] == ["1. Rec No", "2. Recommendation"]
    with zipfile.ZipFile(path) as package:
        assert 'w:lang w:val="en-GB"' in package.read("word/styles.xml").decode()


def test_a_welsh_plan_is_marked_as_welsh(tmp_path):
    path = export_plan(concerns_plan(), tmp_path / "cynllun.docx")
    with zipfile.ZipFile(path) as package:
        assert 'w:lang w:val="cy"' in package.read("word/styles.xml").decode()
