"""Print a demonstration board pack: both sample plans after three meetings of updates.

    /work/venv/bin/python tools/demo_pack.py [-o board-pack-demo.pdf]
    pdftoppm -png -r 60 board-pack-demo.pdf page    # then look at the pages

The story: a partnership board reviewed both plans on 1 December 2020, 2 March 2021 and
1 June 2021; owners sent updates between the meetings (some actions completed with evidence,
some targets moved, some left to fall overdue, one action added), and the secretary prints the
pack on 24 August 2021 for the meeting of 7 September 2021. The database is a temporary one;
nothing of the person's own is opened or changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actionplans.exporters.pack import progress_for, write_board_pack  # noqa: E402
from actionplans.importers import read_plan_file  # noqa: E402
from actionplans.storage import edits  # noqa: E402
from actionplans.storage.model import Action  # noqa: E402
from actionplans.storage.monitoring import add_meeting, add_update, find_action  # noqa: E402
from actionplans.storage.store import Store  # noqa: E402

BOARD = "HMP Example Health and Social Care Partnership Board"
MEETINGS = ("2020-12-01", "2021-03-02", "2021-06-01")
NEXT_MEETING = date(2021, 9, 7)
TODAY = date(2021, 8, 24)
SAMPLES = ROOT / "resources" / "samples"

# (recommendation, action number, update fields): in date order, as owners sent them.
ACCOMMODATION = [
    ("1", 1, {"status": "in_progress", "on_date": "2021-01-20", "text": "Drafting with MHCLG."}),
    ("2", 3, {"status": "in_progress", "on_date": "2021-02-01", "text": "Tender out."}),
    (
        "5",
        1,
        {
            "status": "completed",
            "on_date": "2021-02-10",
            "text": "BASS contract extended.",
            "evidence": "Contract variation signed 10 February 2021 (ref. BASS/21/004).",
        },
    ),
    ("1", 3, {"status": "in_progress", "on_date": "2021-02-15", "text": "Consultation closed."}),
    (
        "3",
        1,
        {"status": "in_progress", "on_date": "2021-04-01", "text": "Four of seven pilots live."},
    ),
    ("8", 2, {"status": "in_progress", "on_date": "2021-04-20", "text": "ROIF board appointed."}),
    (
        "10",
        1,
        {
            "status": "completed",
            "on_date": "2021-05-20",
            "text": "Day 1 services live.",
            "evidence": "Dynamic Framework contracts awarded; list published on GOV.UK.",
        },
    ),
    ("4", 2, {"status": "in_progress", "on_date": "2021-06-15", "text": "Metric drafted."}),
    (
        "1",
        3,
        {
            "status": "in_progress",
            "on_date": "2021-06-20",
            "text": "Publication held until the Probation Service unifies.",
            "target": "2021-10",
            "target_text": "October 2021",
        },
    ),
    ("7", 4, {"status": "in_progress", "on_date": "2021-07-01", "text": "Scoping started."}),
    (
        "1",
        1,
        {
            "status": "completed",
            "on_date": "2021-07-12",
            "text": "Framework published.",
            "evidence": "Accommodation framework published on GOV.UK on 12 July 2021.",
        },
    ),
    (
        "4",
        1,
        {
            "status": "completed",
            "on_date": "2021-07-30",
            "text": "Framework in force.",
            "evidence": "Probation performance framework 2021/22, section 3.2.",
        },
    ),
]
SOCIAL_CARE = [
    (
        "2",
        1,
        {
            "status": "in_progress",
            "on_date": "2020-12-10",
            "text": "Eight of twelve MoUs signed.",
            "target": "2021-03",
            "target_text": "March 2021",
        },
    ),
    ("7", 1, {"status": "in_progress", "on_date": "2021-01-15", "text": "Transfers reviewed."}),
    ("8", 1, {"status": "in_progress", "on_date": "2021-04-12", "text": "Guidance drafted."}),
    (
        "3",
        1,
        {
            "status": "in_progress",
            "on_date": "2021-06-10",
            "text": "PSI rewrite waits for the new policy framework.",
            "target": "2021-09",
            "target_text": "September 2021",
        },
    ),
    (
        "2",
        1,
        {
            "status": "completed",
            "on_date": "2021-07-05",
            "text": "All MoUs signed.",
            "evidence": "Memoranda signed with all 12 local authorities; copies held by the "
            "Prison Directorate.",
        },
    ),
]
NEW_ACTION = Action(
    "Regional Transition and Recovery Boards to report accommodation outcomes to this board "
    "each quarter.",
    ["Probation Regional Transition & Recovery Boards"],
    "2022-03",
    "March 2022",
)


def build(store: Store) -> list[int]:
    """Import both samples, hold the meetings and record the updates; returns the plan ids."""
    ids = {}
    for name, marking in (
        ("social-care-2018", "OFFICIAL"),
        ("accommodation-2020", "OFFICIAL-SENSITIVE"),
    ):
        plan = read_plan_file(SAMPLES / f"{name}.xlsx").plan
        plan.marking = marking
        ids[name] = store.add_plan(plan)
    for held_on in MEETINGS:
        add_meeting(store, held_on, BOARD, plan_ids=tuple(ids.values()))
    for name, updates in (("accommodation-2020", ACCOMMODATION), ("social-care-2018", SOCIAL_CARE)):
        for ref, number, fields in updates:
            add_update(store, find_action(store, ids[name], ref, number), today=TODAY, **fields)
    rec_11 = store.get_plan(ids["accommodation-2020"]).recommendations[-1]
    edits.add_action(store, rec_11.id, NEW_ACTION)
    return list(ids.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("board-pack-demo.pdf"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="demo-pack-") as work:
        store = Store.open(Path(work) / "demo.sqlite3")
        try:
            plan_ids = build(store)
            write_board_pack(
                [store.get_plan(plan_id) for plan_id in plan_ids],
                args.output,
                board=BOARD,
                meeting=NEXT_MEETING,
                today=TODAY,
                progress=progress_for(store, plan_ids, NEXT_MEETING, TODAY),
            )
        finally:
            store.close()
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
