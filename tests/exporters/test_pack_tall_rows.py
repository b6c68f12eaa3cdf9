"""The board pack on awkward real content: an overdue action taller than a page."""

from __future__ import annotations

from datetime import date

from actionplans.exporters.pack import write_board_pack
from actionplans.storage.model import Action, Plan, Recommendation
from tests.support.pdf import page_texts


def test_an_overdue_action_with_more_owners_than_a_page_holds_flows_on(tmp_path):
    """A thematic plan's action may name every prison's governor and every health board; the
    status page's overdue table used to stop the whole pack with reportlab's LayoutError."""
    owners = [
        f"Owner {n:02d}: Head of Healthcare, Cardiff and Vale University Health Board – Tŷ"
        for n in range(30)
    ]
    plan = Plan(
        "Cynllun Gweithredu – ŵ",
        recommendations=[
            Recommendation(
                "8(b)",
                "Review social care across Wales.",
                decision="Agreed",
                actions=[Action("Agree a joint protocol.", owners, "2025-03", "March 2025")],
            )
        ],
    )
    path = tmp_path / "pack.pdf"
    write_board_pack([plan], path, today=date(2026, 1, 15), appendix=True)
    pages = page_texts(path)
    status = " ".join(pages[: next(i for i, t in enumerate(pages) if "INTRODUCTION" in t)])
    for owner in owners:
        assert owner[:9] in status  # "Owner 07:" on the progress and overdue pages
    # every owner in the progress table and the plan itself; in the overdue table, each owner
    # heads the action once and three others are named beside it
    assert " ".join(pages).count("Tŷ") == 2 * len(owners) + len(owners) * (1 + 3)
    assert "Shared with Owner" in " ".join(pages) and "and 26 more" in " ".join(pages)
    carried = [t for t in pages if "8(b) (continued)" in t]
    assert carried  # a row carried over a page keeps its Rec No
