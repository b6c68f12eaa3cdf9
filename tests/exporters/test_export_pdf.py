"""The plan PDF, read back with pypdf: what a board member would see on each page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from actionplans.exporters import export_plan
from actionplans.exporters.definitions import DEFINITIONS, HEADERS
from actionplans.exporters.pdf import write_plan_pdf
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.rules import action_target_label
from tests.support.pdf import page_texts, printed_in_order
from tests.support.plans import NOTICE, published_plan
from tests.support.strategies import plans

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def printed(tmp_path) -> tuple[Plan, Path]:
    plan = published_plan(30)
    path = tmp_path / "plan.pdf"
    write_plan_pdf(plan, path, marking="OFFICIAL-SENSITIVE")
    return plan, path


def test_title_block_introduction_and_definitions_on_the_first_page(printed):
    plan, path = printed
    first = page_texts(path)[0]
    assert plan.title in first
    assert "Action Plan Submitted: 17 December 2018" in first
    assert f"A response to {plan.responds_to}" in first
    assert "Report Published: 16 October 2018" in first
    assert "INTRODUCTION" in first
    for term, definition, _ in DEFINITIONS:
        assert term in first and definition in first


def test_numbered_header_repeats_on_every_page_of_the_table(printed):
    _, path = printed
    pages = page_texts(path)
    assert len(pages) >= 4
    for number, text in enumerate(pages[1:], 2):
        for header in HEADERS:
            assert header in text, f"page {number} lacks {header!r}"


def test_every_recommendation_and_action_is_printed(printed):
    plan, path = printed
    pages = page_texts(path)
    for rec in plan.recommendations:
        assert printed_in_order(rec.text, pages), rec.ref
        for action in rec.actions:
            assert printed_in_order(action.text, pages), rec.ref
    text = " ".join(pages)
    assert text.count("Prison Directorate") == sum(len(r.actions) for r in plan.recommendations)


def test_sections_print_once_as_heading_rows(printed):
    plan, path = printed
    text = " ".join(page_texts(path))
    for section in plan.sections():
        assert len(re.findall(rf"{section}(?!\d)", text)) == 1


def test_marking_notice_and_page_numbers_on_every_page(printed):
    plan, path = printed
    pages = page_texts(path)
    for number, text in enumerate(pages, 1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, f"page {number}"
        assert NOTICE in text, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text
        assert plan.title in text


def test_summary_counts_by_decision_close_the_plan(printed):
    plan, path = printed
    counts = plan.summary()
    expected = (
        f"Recommendations Agreed {counts['Agreed']} Partly Agreed {counts['Partly Agreed']} "
        f"Not Agreed {counts['Not Agreed']} Total {counts['Total']}"
    )
    assert expected in page_texts(path)[-1]


def test_metadata_names_the_plan_and_the_program(printed):
    plan, path = printed
    info = PdfReader(path).metadata
    assert info.title == plan.title
    assert info.creator.startswith("actionplans ")
    assert info.author.startswith("actionplans ")


def test_dejavu_sans_is_embedded(printed):
    _, path = printed
    embedded = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded


def test_a_recommendation_three_pages_tall_flows_on_without_losing_a_word(tmp_path):
    words = [f"w{n}x" for n in range(2200)]
    response = [f"r{n}y" for n in range(1500)]
    plan = Plan(
        title="Tall",
        recommendations=[
            Recommendation("1", "Short one.", "Before", "Agreed", actions=[Action("Fine.")]),
            Recommendation(
                "2",
                " ".join(words),
                decision="Agreed",
                actions=[Action(" ".join(response), ["Owner"], "2030-01", "January 2030")],
            ),
            Recommendation(
                "3",
                "Many actions.",
                decision="Agreed",
                actions=[Action(f"Step {n} of many.", [f"Owner {n}"]) for n in range(80)],
            ),
        ],
    )
    path = tmp_path / "tall.pdf"
    write_plan_pdf(plan, path)
    pages = page_texts(path)
    printed_words = " ".join(pages).split()
    assert len(pages) >= 4
    assert [w for w in printed_words if re.fullmatch(r"w\d+x", w)] == words
    assert [w for w in printed_words if re.fullmatch(r"r\d+y", w)] == response
    for n in range(80):
        assert f"Step {n} of many." in " ".join(pages)
    assert sum("2 (continued)" in text for text in pages) >= 2
    assert any("3 (continued)" in text for text in pages)
    assert "Total 3" in pages[-1]


def test_hostile_and_welsh_text_prints_as_written(tmp_path):
    owner = "A&E <Liaison> Team"
    text = "Bwrdd Iechyd Prifysgol Caerdydd a’r Fro: “Tŷ Ŵyn” – <b>not bold</b> &amp; done"
    plan = Plan(
        title="Cynllun <Gweithredu> & more",
        notice="Rhybudd: ŵ ŷ & <notice>",
        recommendations=[
            Recommendation("8(b)", text, "Adran – ‘Un’", "Agreed", actions=[Action(text, [owner])])
        ],
    )
    path = tmp_path / "hostile.pdf"
    write_plan_pdf(plan, path)
    whole = " ".join(page_texts(path))
    assert owner in whole
    assert whole.count(text) == 2
    assert "Cynllun <Gweithredu> & more" in whole
    assert "Rhybudd: ŵ ŷ & <notice>" in whole
    assert "Adran – ‘Un’" in whole


@pytest.mark.parametrize(
    ("action", "label"),
    [
        (Action(target_text="Q1 2019/20", target="2019-06"), "Q1 2019/20"),
        (Action(status="completed"), "Completed"),
        (Action(target="ongoing"), "Ongoing"),
        (Action(target="2019-03"), "March 2019"),
        (Action(target="2019-03-31"), "31 March 2019"),
        (Action(), ""),
    ],
)
def test_target_date_cell(action, label):
    assert action_target_label(action) == label


def test_export_plan_dispatches_pdf_with_marking(tmp_path):
    path = export_plan(published_plan(2), tmp_path / "p.pdf", marking="OFFICIAL")
    assert all(text.count("OFFICIAL") == 2 for text in page_texts(path))


def test_a_plan_without_recommendations_still_prints(tmp_path):
    path = tmp_path / "empty.pdf"
    write_plan_pdf(Plan(title="Draft"), path)
    assert "Total 0" in page_texts(path)[-1]


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_sample_plans_print_every_recommendation(tmp_path, fixture):
    from actionplans.importers.plan_json import plan_from_dict

    plan = plan_from_dict(json.loads(fixture.read_text(encoding="utf-8")), str(fixture))
    path = tmp_path / "sample.pdf"
    write_plan_pdf(plan, path)
    words = " ".join(page_texts(path)).split()
    for rec in plan.recommendations:
        for word in rec.text.split():
            assert word in words


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=plans)
def test_any_valid_plan_prints(tmp_path, plan):
    path = tmp_path / "any.pdf"
    write_plan_pdf(plan, path)
    assert len(PdfReader(path).pages) >= 1


def test_a_word_wider_than_its_column_wraps_instead_of_clipping(tmp_path):
    url = "https://www.gov.uk/government/publications/" + "housing-health-and-safety-" * 8 + "end"
    plan = Plan(title="Wide", recommendations=[Recommendation("1", url, actions=[Action(url)])])
    path = tmp_path / "wide.pdf"
    write_plan_pdf(plan, path)
    squeezed = "".join(" ".join(page_texts(path)).split())
    assert squeezed.count(url) == 2


def test_the_plan_carries_its_own_marking_unless_the_export_names_one(tmp_path):
    plan = published_plan(2)
    plan.marking = "OFFICIAL-SENSITIVE"
    own, told = tmp_path / "own.pdf", tmp_path / "told.pdf"
    write_plan_pdf(plan, own)
    write_plan_pdf(plan, told, marking="OFFICIAL")
    assert all(text.count("OFFICIAL-SENSITIVE") == 2 for text in page_texts(own))
    for text in page_texts(told):
        assert text.count("OFFICIAL") == 2 and "SENSITIVE" not in text
