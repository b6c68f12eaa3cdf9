"""Issue 17, item 4: PDF layout always ends. Every text field at extreme lengths goes through
the plan PDF and the board pack; the timeout is a hang guard (they looped for ever before)."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from actionplans.exporters.pack import write_board_pack
from actionplans.exporters.pdf import write_plan_pdf
from actionplans.storage.model import Meeting, Update
from tests.support.plans import make_plan

TODAY = date(2025, 6, 1)
FIELDS = (
    "title",
    "responds_to",
    "notice",
    "marking",
    "ref",
    "rec_text",
    "section",
    "action_text",
    "owner",
    "target_text",
    "update_text",
    "evidence",
    "board",
)


def long_plan(field: str, text: str):
    """A plan whose first recommendation's overdue action carries `text` in `field`."""
    plan = make_plan(recs=3, actions=2)
    rec = plan.recommendations[0]
    action = rec.actions[0]
    action.target = "2019-03"  # overdue on TODAY: it is printed in the pack's overdue table
    action.updates = [Update("2020-01-01", "in_progress", "Begun", evidence="Minutes")]
    plan.meetings = [Meeting("2020-01-02", "Partnership Board")]
    targets = {
        "title": (plan, "title"),
        "responds_to": (plan, "responds_to"),
        "notice": (plan, "notice"),
        "marking": (plan, "marking"),
        "ref": (rec, "ref"),
        "rec_text": (rec, "text"),
        "section": (rec, "section"),
        "action_text": (action, "text"),
        "target_text": (action, "target_text"),
        "update_text": (action.updates[0], "text"),
        "evidence": (action.updates[0], "evidence"),
        "board": (plan.meetings[0], "board"),
    }
    if field == "owner":
        action.owners = [text, "Governor"]
    else:
        setattr(*targets[field], text)
    return plan


def texts(kind: str, length: int) -> str:
    return ("Word " * length)[:length] if kind == "words" else "W" * length


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", ["words", "one word"])
@pytest.mark.parametrize("field", FIELDS)
def test_every_field_at_length_prints_in_the_pdf_and_the_pack(field, kind, tmp_path):
    plan = long_plan(field, texts(kind, 5_000))
    plan.id = 1
    write_plan_pdf(plan, tmp_path / "plan.pdf")
    write_board_pack([plan], tmp_path / "pack.pdf", today=TODAY)
    assert len(PdfReader(tmp_path / "plan.pdf").pages) >= 1
    assert len(PdfReader(tmp_path / "pack.pdf").pages) >= 2


@pytest.mark.timeout(300)
def test_every_field_at_excels_limit_at_once(tmp_path):
    plan = long_plan("title", texts("words", 32_767))
    for field in FIELDS[1:]:
        other = long_plan(field, texts("words", 32_767))
        plan.recommendations[0] = (
            other.recommendations[0] if field != "owner" else plan.recommendations[0]
        )
    plan.recommendations[0].ref = "R" * 32_767
    plan.recommendations[0].actions[0].owners = ["O" * 32_767]
    plan.recommendations[0].actions[0].target_text = texts("words", 32_767)
    write_plan_pdf(plan, tmp_path / "plan.pdf")
    write_board_pack([plan], tmp_path / "pack.pdf", today=TODAY)
    assert "more characters in the plan]" in pdf_text(tmp_path / "pack.pdf")


@pytest.mark.timeout(120)
def test_a_cut_field_says_so_where_it_is_cut(tmp_path):
    plan = long_plan("ref", "1" + "a" * 219)
    write_plan_pdf(plan, tmp_path / "plan.pdf")
    text = "".join(pdf_text(tmp_path / "plan.pdf").split())  # a narrow column breaks lines
    assert "[cut:160morecharactersintheplan]" in text
