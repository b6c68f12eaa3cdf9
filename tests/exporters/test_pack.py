"""The board pack, read back with pypdf: cover, contents, bookmarks, summary, status,
progress of every action, overdue by owner, and the plans as an appendix."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from actionplans.exporters.pack import (
    DEFAULT_BOARD,
    most_restrictive,
    progress_for,
    write_board_pack,
)
from actionplans.storage import edits
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.monitoring import add_meeting, add_update, find_action
from tests.support.pdf import page_texts, printed_in_order
from tests.support.plans import published_plan

TODAY = date(2026, 1, 15)


def status_plan() -> Plan:
    """One overdue action, one due later, one completed late: only the first is overdue."""
    return Plan(
        title="Action Plan: HMP Cardiff & <Parc>",
        recommendations=[
            Recommendation(
                "2a",
                "Improve social care referrals.",
                "Strategic",
                "Agreed",
                actions=[
                    Action("Late step.", ["A&E <Liaison> Team"], "2025-11", "November 2025"),
                    Action("Future step.", ["Governor"], "2026-06-30", "30 June 2026"),
                    Action("Done step.", ["Governor"], "2025-01", "January 2025", "completed"),
                ],
            ),
            Recommendation("3", "Review buddies.", "Strategic", "Not Agreed"),
        ],
    )


@pytest.fixture
def pack(tmp_path):
    plans = [status_plan(), published_plan(12)]
    path = tmp_path / "pack.pdf"
    write_board_pack(
        plans,
        path,
        board="HMP Cardiff Partnership Board",
        meeting=date(2026, 3, 5),
        venue="HMP Cardiff, Board Room",
        secretary="Sam Jones",
        marking="OFFICIAL",
        today=TODAY,
        appendix=True,
    )
    return plans, path


def outline(path) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark."""
    reader = PdfReader(path)
    found = []

    def walk(entries, level):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def test_cover_names_board_meeting_and_marking(pack):
    _, path = pack
    cover = page_texts(path)[0]
    assert "HMP Cardiff Partnership Board" in cover
    assert "Meeting: 5 March 2026" in cover
    assert "Venue: HMP Cardiff, Board Room" in cover and "Secretary: Sam Jones" in cover
    assert "Protective marking: OFFICIAL" in cover
    assert "Action plans under review: 2" in cover


PLAN_PARTS = [
    "Progress of every action",
    "Overdue actions by owner",
    "Appendix: the plan as published",
]


def test_bookmarks_point_at_the_summary_and_each_plans_parts(pack):
    plans, path = pack
    pages = page_texts(path)
    marks = outline(path)
    assert [(level, title) for level, title, _ in marks] == [
        (0, "Summary across all plans"),
        (0, plans[0].title),
        *[(1, part) for part in PLAN_PARTS],
        (0, plans[1].title),
        *[(1, part) for part in PLAN_PARTS],
    ]
    expected = {"Appendix: the plan as published": "INTRODUCTION"}
    for level, title, page in marks[1:]:
        text = pages[page - 1]
        assert (expected.get(title, title) if level else "Status on 15 January 2026") in text
    assert marks[0][2] == 3  # after the cover and one page of contents


def test_contents_lists_each_plan_with_its_page(pack):
    _, path = pack
    contents = page_texts(path)[1]
    assert "Contents" in contents
    for _, title, page in outline(path):
        # reportlab draws an entry's dot leader and page number before its text
        entry = rf"\b{page} {re.escape(title)}|{re.escape(title)}[ .]*{page}\b"
        assert re.search(entry, contents), title


def plan_part(path, plan_number: int, title: str) -> str:
    """The text of one part of a plan: from its heading to the next part's."""
    marks = outline(path)
    pages = page_texts(path)
    starts = [i for i, (level, _, _) in enumerate(marks) if level == 0][1:]
    index = next(i for i in range(starts[plan_number], len(marks)) if marks[i][1] == title)
    text = " ".join(pages[marks[index][2] - 1 :]).split(title, 1)[1]
    if index + 1 < len(marks):
        return text.split(marks[index + 1][1], 1)[0]
    return text


def test_status_counts_actions_by_status_and_rag_not_the_not_agreed(pack):
    _, path = pack
    status = page_texts(path)[outline(path)[1][2] - 1]
    assert (
        "Open 2 In progress 0 Reported complete 1 Completed (verified) 0 of which overdue 1 "
        "Red 1 Amber 0 Green 1 Blue (complete) 1 Total 3"
    ) in status
    assert "Agreed 1 Partly Agreed 0 Not Agreed 1 Total 2" in status


def test_overdue_by_owner_lists_only_the_overdue_action_under_its_owner(pack):
    _, path = pack
    overdue = plan_part(path, 0, "Overdue actions by owner")
    assert "A&E <Liaison> Team (1) 2a 1. Late step. Alone November 2025" in overdue
    assert "Open, overdue Red No update yet." in overdue
    assert "Future step." not in overdue and "Done step." not in overdue
    assert "Recommendation 3 is Not Agreed but gives no reason" in overdue  # to chase


def test_progress_table_shows_every_action_and_a_completed_one_never_overdue(pack):
    _, path = pack
    table = plan_part(path, 0, "Progress of every action")
    assert "Rec No Action Owner Target Status RAG Latest update" in table
    assert "1. Late step. A&E <Liaison> Team November 2025 Open, overdue Red" in table
    assert "2. Future step. Governor 30 June 2026 Open Green" in table
    assert "3. Done step. Governor January 2025 Reported complete Blue" in table
    assert "3 Not agreed. Explanation: (none given) Not an action" in table


def test_every_page_carries_marking_and_page_total(pack):
    _, path = pack
    pages = page_texts(path)
    for number, text in enumerate(pages, 1):
        assert text.count("OFFICIAL") >= 2, number
        assert f"Page {number} of {len(pages)}" in text


def test_full_plans_follow_as_an_appendix(pack):
    plans, path = pack
    pages = page_texts(path)
    start = outline(path)[-1][2]
    for rec in plans[1].recommendations:
        assert printed_in_order(rec.text, pages[start - 1 :]), rec.ref
    assert all("1. Rec No" in text for text in pages[start:])


def test_defaults_and_an_empty_pack(tmp_path):
    path = tmp_path / "pack.pdf"
    write_board_pack([published_plan(1)], path, today=TODAY)
    cover = page_texts(path)[0]
    assert DEFAULT_BOARD in cover and "Meeting:" not in cover
    with pytest.raises(BadInput):
        write_board_pack([], tmp_path / "none.pdf")
    assert not (tmp_path / "none.pdf").exists()


def test_each_plan_keeps_its_marking_and_the_cover_the_most_restrictive(tmp_path):
    sensitive, official = published_plan(2), status_plan()
    sensitive.marking, official.marking = "OFFICIAL-SENSITIVE", "OFFICIAL"
    path = tmp_path / "pack.pdf"
    write_board_pack([official, sensitive], path, today=TODAY)
    pages = page_texts(path)
    plan_starts = [page for level, _, page in outline(path) if level == 0][1:]
    assert "Protective marking: OFFICIAL-SENSITIVE" in pages[0]
    for number, text in enumerate(pages, 1):
        in_sensitive = number >= plan_starts[1]
        in_official = plan_starts[0] <= number < plan_starts[1]
        if in_sensitive or number < plan_starts[0]:
            assert text.count("OFFICIAL-SENSITIVE") >= 2, number
        if in_official:
            assert text.count("OFFICIAL") == 2 and "SENSITIVE" not in text, number


def test_the_pack_marking_marks_every_page_when_given(tmp_path):
    plan = published_plan(2)
    plan.marking = "OFFICIAL-SENSITIVE"
    path = tmp_path / "pack.pdf"
    write_board_pack([plan], path, marking="OFFICIAL", today=TODAY)
    for text in page_texts(path):
        assert text.count("OFFICIAL") >= 2 and "SENSITIVE" not in text


@pytest.mark.parametrize(
    ("markings", "expected"),
    [
        ([None, None], None),
        (["OFFICIAL", None], "OFFICIAL"),
        (["OFFICIAL", "OFFICIAL-SENSITIVE", "OFFICIAL"], "OFFICIAL-SENSITIVE"),
        (["official-sensitive: personal", "OFFICIAL"], "official-sensitive: personal"),
        (["OFFICIAL-SENSITIVE", "Board only"], "Board only"),
    ],
)
def test_most_restrictive_marking(markings, expected):
    assert most_restrictive(markings) == expected


PROGRESS_TODAY = date(2026, 1, 15)


@pytest.fixture
def monitored(store):
    """A plan reviewed at three meetings, with one of each kind of change since the last."""
    plan = status_plan()
    plan.recommendations[0].actions += [
        Action("Slipping step.", ["Health Board"], "2026-02", "February 2026"),
        Action("Quiet step.", ["Governor"], "2030-03", "March 2030"),
        Action("Due step.", ["Health Board"], "2025-12-31", "31 December 2025"),
    ]
    plan_id = store.add_plan(plan)
    for held_on in ("2025-06-05", "2025-09-04", "2025-12-04"):
        add_meeting(store, held_on, "HMP Cardiff Partnership Board", plan_ids=(plan_id,))
    late, future, _, slipping, quiet = (find_action(store, plan_id, "2a", n) for n in range(1, 6))
    add_update(store, quiet, status="in_progress", on_date="2025-08-01", today=PROGRESS_TODAY)
    add_update(store, future, status="in_progress", on_date="2025-10-01", today=PROGRESS_TODAY)
    add_update(
        store,
        future,
        status="completed",
        text="Policy issued",
        evidence="Signed policy & <minutes>",
        on_date="2025-12-20",
        today=PROGRESS_TODAY,
    )
    add_update(
        store,
        slipping,
        status="in_progress",
        target="2026-05",
        target_text="May 2026",
        on_date="2026-01-05",
        today=PROGRESS_TODAY,
    )
    # Added to 2a: recommendation 3 is Not Agreed, and its response is no action at all.
    rec_id = store.get_plan(plan_id).recommendations[0].id
    edits.add_action(store, rec_id, Action("Brand new step.", ["Chair"], "2026-09", "Sept 2026"))
    del late
    return plan_id


@pytest.fixture
def progress_pack(store, monitored, tmp_path):
    path = tmp_path / "pack.pdf"
    meeting = date(2026, 3, 5)
    progress = progress_for(store, [monitored], meeting, PROGRESS_TODAY)
    plan = store.get_plan(monitored)
    write_board_pack([plan], path, meeting=meeting, today=PROGRESS_TODAY, progress=progress)
    marks = outline(path)
    assert [title for _, title, _ in marks] == [
        "Summary across all plans",
        plan.title,
        "Changes since the last meeting",
        "Progress of every action",
        "Overdue actions by owner",
    ]
    pages = page_texts(path)
    return " ".join(pages[marks[2][2] - 1 : marks[3][2] - 1])


def test_progress_for_compares_with_the_last_meeting_before_the_pack(store, monitored):
    progress = progress_for(store, [monitored], date(2026, 3, 5), PROGRESS_TODAY)[monitored]
    assert progress.changes.since == date(2025, 12, 4)
    assert [day for day, _ in progress.at_meetings] == ["2025-06-05", "2025-09-04", "2025-12-04"]
    early = progress_for(store, [monitored], date(2025, 6, 5), PROGRESS_TODAY)[monitored]
    assert early.changes is None


def test_changes_section_reads_out_each_kind_of_change(progress_pack):
    text = progress_pack
    assert "Changes since 4 December 2025" in text
    completed = text.split("Completed (1)", 1)[1].split("Newly overdue", 1)[0]
    assert "2a.2 Future step. (Governor) reported complete on 20 December 2025." in completed
    assert "Evidence: Signed policy & <minutes>." in completed
    overdue = text.split("Newly overdue (1)", 1)[1].split("Slipped", 1)[0]
    assert "2a.6 Due step. (Health Board) was due 31 December 2025 and is not complete. ■ Red" in (
        overdue
    )
    assert "Late step." not in overdue  # overdue before the last meeting already
    slipped = text.split("Slipped (1)", 1)[1].split("New actions", 1)[0]
    assert "2a.4 Slipping step. (Health Board): target moved from February 2026 to May 2026" in (
        slipped
    )
    assert "3 months later (recorded 5 January 2026). ■ Green" in slipped
    new = text.split("New actions (1)", 1)[1].split("Other status changes", 1)[0]
    assert "2a.7 Brand new step. (Chair), due Sept 2026. ■ Green" in new
    moved = text.split("Other status changes (1)", 1)[1].split("No update since", 1)[0]
    assert "2a.4 Slipping step. (Health Board): from open to in progress on 5 January 2026." in (
        moved
    )
    silent = text.split("No update since 4 December 2025 (", 1)[1]
    assert "2a.1 Late step. (A&E <Liaison> Team), due November 2025. ■ Red" in silent
    assert "2a.5 Quiet step. (Governor), due March 2030. ■ Green" in silent
    assert "Future step." not in silent  # completed: nothing to chase


def test_trend_chart_is_drawn_with_dates_counts_and_legend(progress_pack):
    text = progress_pack
    assert "Actions by status at each meeting" in text
    for label in ("5 June 2025", "4 September 2025", "4 December 2025", "15 January 2026 (now)"):
        assert label in text
    for name in ("Open", "In progress", "Completed"):
        assert name in text.split("Actions by status at each meeting", 1)[1]


def test_the_summary_counts_every_plan_and_lists_the_boards_decisions(pack):
    plans, path = pack
    summary = page_texts(path)[2]
    assert "Summary across all plans" in summary
    assert (
        "Plan Open In progress Reported complete Verified complete Overdue Red Amber Green Blue"
    ) in summary
    assert f"{plans[0].title} 2 0 1 0 1 1 0 1 1" in summary
    assert "accept or query 1 reported completion(s) not yet verified (2a.3)" in summary
    assert "decide how to recover 1 overdue action(s)" in summary


def test_a_plan_never_reviewed_says_there_is_nothing_to_compare(store, tmp_path):
    plan_id = store.add_plan(status_plan())
    progress = progress_for(store, [plan_id], None, PROGRESS_TODAY)
    assert progress[plan_id].changes is None and progress[plan_id].at_meetings == []
    path = tmp_path / "pack.pdf"
    write_board_pack([store.get_plan(plan_id)], path, today=PROGRESS_TODAY, progress=progress)
    text = " ".join(page_texts(path))
    assert "No earlier meeting reviewed this plan: there is nothing to compare." in text
    assert "Actions by status at each meeting" not in text


def test_the_chart_keeps_the_last_twelve_meetings_legible(tmp_path):
    from collections import Counter

    from actionplans.exporters.pack import PlanProgress

    plan = status_plan()
    plan.id = 1
    meetings = [(f"{2022 + n // 4}-{1 + 3 * (n % 4):02d}-05", Counter(open=3)) for n in range(14)]
    path = tmp_path / "pack.pdf"
    progress = {1: PlanProgress(None, meetings)}
    write_board_pack([plan], path, today=date(2025, 12, 1), progress=progress)
    chart = " ".join(page_texts(path)).split("Actions by status at each meeting", 1)[1]
    labels = re.findall(r"\d\d/\d\d/\d\d", chart)
    assert labels[0] == "05/07/22" and labels[-2:] == ["05/04/25", "01/12/25"]  # 12 and now
    assert len(labels) == 13 and "(now)" in chart


def test_a_plan_of_concerns_counts_its_kinds_and_shows_each_review(tmp_path):
    from actionplans.storage.model import Judgement

    plan = Plan(
        "Action Plan: HMP Newtown",
        recommendations=[
            Recommendation(
                str(n),
                f"Concern {n}.",
                decision="Agreed",
                kind="priority concern" if n < 3 else "key concern",
                actions=[Action(f"Step {n}.", ["Governor"], "2030-03", "March 2030")],
            )
            for n in range(1, 6)
        ],
    )
    plan.recommendations[0].judgements = [
        Judgement("2025-06-01", "insufficient", "Plan not agreed"),
        Judgement("2025-11-20", "reasonable", "Lead appointed; protocol agreed"),
    ]
    path = tmp_path / "pack.pdf"
    write_board_pack([plan], path, today=TODAY)
    status = page_texts(path)[outline(path)[1][2] - 1]
    assert "Items Priority concerns 2 Key concerns 3" in status
    review = status.split("Independent Review of Progress", 1)[1]
    assert "1 Reasonable progress 20 November 2025 Lead appointed; protocol agreed" in review
    assert "Insufficient" not in review  # the latest judgement stands
