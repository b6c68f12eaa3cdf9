"""Plans built to order, and the database's state to compare before and after a step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from actionplans.storage.model import Action, Plan, Recommendation

NOTICE = "Actions with future target dates may be delayed due to Covid-19 disruptions"


def make_plan(title: str = "Action Plan: HMP Thematic", recs: int = 3, actions: int = 2) -> Plan:
    """A plan with `recs` recommendations of `actions` actions each, in two sections."""
    return Plan(
        title=title,
        responds_to="HMIP Inspection",
        report_published="2018-10-16",
        submitted="2018-12-17",
        recommendations=[
            Recommendation(
                ref=str(r + 1),
                section="Strategic" if r < 2 else "Operational",
                text=f"Recommendation {r + 1} about social care in prisons.",
                decision="Agreed",
                actions=[
                    Action(
                        text=f"Action {a + 1} of recommendation {r + 1}.",
                        owners=["Prison Directorate", f"Owner {a}"],
                        target="2030-03",
                        target_text="March 2030",
                    )
                    for a in range(actions)
                ],
            )
            for r in range(recs)
        ],
    )


def published_plan(recs: int = 8) -> Plan:
    """A plan shaped like the 2018 social care plan: sections, several actions, all decisions."""
    decisions = ["Not Agreed", "Agreed", "Partly Agreed", "Agreed"]
    return Plan(
        title="Action Plan: HMP Thematic – Social Care in Prisons in England & Wales",
        responds_to="HMIP Inspection – Social care in Prisons in England & Wales",
        report_published="2018-10-16",
        submitted="2018-12-17",
        notice=NOTICE,
        recommendations=[
            Recommendation(
                ref=str(n),
                section=f"Section {n // 3}",
                text=f"Recommendation number {n}: prisons and local authorities should "
                "ensure that the social care needs of prisoners are met promptly.",
                decision=decisions[n % 4],
                reason="policy" if decisions[n % 4] != "Agreed" else None,
                actions=[
                    Action(
                        text=f"Response {n}.{a}: Prisons must agree a Memorandum of "
                        "Understanding with relevant Local Authorities.\nRegular assurance "
                        "will be undertaken by prison groups.",
                        owners=["Prison Directorate", "Rehabilitation Systems and Change Group"],
                        target="2019-03",
                        target_text="March 2019",
                    )
                    for a in range(1, 3)
                ],
            )
            for n in range(1, recs + 1)
        ],
    )


def db_state(db_path: Path) -> tuple:
    """Every row a step could touch, the search index and the backups folder (leftovers
    included), to compare before and after a step that must leave them as they were."""
    conn = sqlite3.connect(db_path)
    try:
        tables = ("plans", "sections", "recommendations", "actions", "action_owners", "history")
        rows = tuple(conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables)
        index = conn.execute("SELECT rowid, body FROM search_index ORDER BY rowid").fetchall()
    finally:
        conn.close()
    return rows, index, sorted(p.name for p in (Path(db_path).parent / "backups").glob("*"))
