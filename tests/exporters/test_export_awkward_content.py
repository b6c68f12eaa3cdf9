"""The plan PDF and workbook on awkward real content: characters no font can draw."""

from __future__ import annotations

from actionplans.exporters.pdf import write_plan_pdf
from actionplans.storage.model import Action, Plan, Recommendation
from tests.support.pdf import page_texts


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

    from actionplans.exporters.pack import write_board_pack

    plan = Plan("Cynllun\x07 – Tŷ", recommendations=[Recommendation("1", "R.", decision="Agreed")])
    pack, single = tmp_path / "pack.pdf", tmp_path / "plan.pdf"
    write_board_pack([plan], pack, today=date(2026, 1, 15))
    write_plan_pdf(plan, single)
    assert PdfReader(pack).outline[1].title == "Cynllun – Tŷ"
    assert PdfReader(single).metadata.title == "Cynllun – Tŷ"


def _long_text(words: int, tag: str) -> str:
    """Welsh prose with a numbered marker every 25 words, a paragraph every 150."""
    vocabulary = "ŵyr ŷd â ê î ô û ï ‘gofal’ “cymdeithasol” – carchar bwrdd iechyd".split()
    out = [
        f"{tag}{n:04d}" if n % 25 == 0 else vocabulary[n % len(vocabulary)] for n in range(words)
    ]
    return "\n".join(" ".join(out[i : i + 150]) for i in range(0, words, 150))


def tall_plan() -> Plan:
    """A recommendation of 3,000 words with 12 actions of 120 words each."""
    actions = [Action(_long_text(120, f"A{k:02d}x"), [f"Owner {k}"], "2021-06", "June 2021")
               for k in range(12)]  # fmt: skip
    return Plan("Tall", recommendations=[Recommendation("3", _long_text(3000, "R"), None,
                                                        "Agreed", None, actions)])  # fmt: skip


def test_a_3000_word_recommendation_with_12_actions_splits_over_pages_losing_nothing(tmp_path):
    import re

    plan = tall_plan()
    path = tmp_path / "tall.pdf"
    write_plan_pdf(plan, path)
    pages = page_texts(path)
    text = " ".join(pages)
    assert set(re.findall(r"R\d{4}", text)) == {f"R{n:04d}" for n in range(0, 3000, 25)}
    assert set(re.findall(r"A\d\dx\d{4}", text)) == {
        f"A{k:02d}x{n:04d}" for k in range(12) for n in range(0, 120, 25)
    }
    assert len(pages) >= 5 and sum("3 (continued)" in page for page in pages) >= 3


def test_the_workbook_rows_of_a_tall_recommendation_hold_its_text(tmp_path):
    import openpyxl

    from actionplans.exporters.xlsx import write_xlsx
    from actionplans.exporters.xlsx_style import MAX_ROW_HEIGHT

    plan = tall_plan()
    path = tmp_path / "tall.xlsx"
    write_xlsx(plan, path)
    ws = openpyxl.load_workbook(path)["Action Plan"]
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "3")
    heights = [ws.row_dimensions[first + i].height for i in range(12)]
    assert all(30 < height <= MAX_ROW_HEIGHT for height in heights)
    # The merged cell (40 characters wide, 10 pt Arial) holds at most ~55 characters a line.
    text = plan.recommendations[0].text
    assert sum(heights) >= len(text) / 55 * 13
