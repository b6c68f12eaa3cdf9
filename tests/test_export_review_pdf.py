"""Review of the plan PDF on awkward real content: characters no font can draw."""

from __future__ import annotations

from exporters.pdf import write_plan_pdf
from storage.model import Action, Plan, Recommendation
from tests.test_export_pdf import page_texts


def test_control_characters_are_dropped_not_printed_as_boxes(tmp_path):
    """A bell or NUL pasted from another program has no glyph: DejaVu prints its empty box,
    and a copy of the text out of the PDF carries a NUL. The workbook drops them; so does this."""
    plan = Plan(
        "Cynllun\x07 Gweithredu – Tŷ",
        notice="Rhybudd\x1b: ŵ",
        marking="OFFICIAL\x07",
        recommendations=[
            Recommendation(
                "8(b)\x00",
                "Bwrdd\x07 Iechyd ‘Ŵyn’",
                "Adran\x01 Un",
                "Agreed",
                actions=[Action("Cam\x02 un – â ê î ô û ï", ["Perchennog\x03"], None, "TBC\x04")],
            )
        ],
    )
    path = tmp_path / "plan.pdf"
    write_plan_pdf(plan, path)
    text = " ".join(page_texts(path))
    for expected in (
        "Cynllun Gweithredu – Tŷ",
        "Rhybudd: ŵ",
        "OFFICIAL",
        "8(b)",
        "Bwrdd Iechyd ‘Ŵyn’",
        "Adran Un",
        "Cam un – â ê î ô û ï",
        "Perchennog",
        "TBC",
    ):
        assert expected in text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text), "a control character printed"


def test_the_pack_bookmarks_and_the_document_title_lose_control_characters_too(tmp_path):
    from datetime import date

    from pypdf import PdfReader

    from exporters.pack import write_board_pack

    plan = Plan("Cynllun\x07 – Tŷ", recommendations=[Recommendation("1", "R.", decision="Agreed")])
    pack, single = tmp_path / "pack.pdf", tmp_path / "plan.pdf"
    write_board_pack([plan], pack, today=date(2026, 1, 15))
    write_plan_pdf(plan, single)
    assert PdfReader(pack).outline[0].title == "Cynllun – Tŷ"
    assert PdfReader(single).metadata.title == "Cynllun – Tŷ"
