"""A local authority's one-action-per-row return merged into the plan: what owners wrote becomes
dated updates; the agreed words, the agreed actions and a completion stand."""

from __future__ import annotations

from datetime import date

from actionplans.cli import main
from actionplans.exporters.plan_json import write_plan_json
from actionplans.storage.model import Action, Plan, Recommendation, Update
from actionplans.storage.store import Store

TODAY = date.today().isoformat()
HEADER = (
    "Rec No,Recommendation,Agreed/Partly Agreed/Not Agreed,Response,Responsible Owner,"
    "Target Date,Status,Progress update,RAG"
)


def master() -> Plan:
    return Plan(
        "Action Plan: HMP Oldtown",
        recommendations=[
            Recommendation(
                "1",
                "Assess social care needs on reception.",
                decision="Agreed",
                actions=[
                    Action(
                        "Agree the protocol with the council.\nTrain reception staff.",
                        ["Local Authority"],
                        "2030-06",
                        "June 2030",
                    )
                ],
            ),
            Recommendation(
                "2",
                "Sign a memorandum of understanding.",
                decision="Agreed",
                actions=[
                    Action(
                        "Sign the MoU.",
                        ["Local Authority"],
                        "2026-01",
                        "January 2026",
                        "completed",
                        updates=[
                            Update("2026-01-10", "completed", "Signed", evidence="MoU register")
                        ],
                    )
                ],
            ),
        ],
    )


ROWS = [
    '1,Assess social care needs on reception.,Agreed,"Agree the protocol with the council.',
    'Train reception staff.",Local Authority,"March 2030',
    'June 2030",In progress,No progress; ADASS lead vacant,Red',
    "2,Sign a memorandum of understanding.,Agreed,"
    "Sign the MoU by June with all three councils.,Local Authority,January 2026,Open,"
    "Awaiting the third council,Amber",
]
RETURN = "\n".join(["Action Plan: HMP Oldtown", HEADER, *ROWS, ""])


def test_a_local_authority_return_reads_as_updates_and_keeps_the_agreed_plan(
    db_path, tmp_path, capsys
):
    write_plan_json(master(), tmp_path / "master.json")
    assert main(["--db", str(db_path), "import", str(tmp_path / "master.json")]) == 0
    before = Store.open(db_path).get_plan(1)
    (tmp_path / "return.csv").write_text(RETURN, encoding="utf-8")
    capsys.readouterr()

    status = main(["--db", str(db_path), "import", str(tmp_path / "return.csv"), "--into", "1"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert (
        f"Recommendation 1, action 1: progress update dated {date.today().day}" in out
        and "in progress, RAG Red: No progress; ADASS lead vacant" in out
    )
    assert (
        "Recommendation 2, action 1: the return's action differs and the agreed action is "
        "kept: Sign the MoU by June with all three councils. (agreed: Sign the MoU.)"
    ) in out
    assert "Recommendation 2, action 1: is completed, and the return's update says otherwise" in out
    assert "new action" not in out  # the two items with two dates are the one agreed action

    after = Store.open(db_path).get_plan(1)
    assessed, signed = (rec.actions for rec in after.recommendations)
    assert len(assessed) == 1 and assessed[0].text == before.recommendations[0].actions[0].text
    latest = assessed[0].latest
    assert (latest.on_date, latest.status, latest.text) == (
        TODAY,
        "in_progress",
        "No progress; ADASS lead vacant",
    )
    # red where its target suggests green: the owner's note is the reason
    assert (latest.rag, latest.rag_reason) == ("red", "No progress; ADASS lead vacant")
    assert signed[0].status == "completed"  # never reopened by the return
    assert signed[0].text == "Sign the MoU."
    assert signed[0].latest.text == "Awaiting the third council"  # the note is kept
    for rec_before, rec_after in zip(before.recommendations, after.recommendations, strict=True):
        assert (rec_after.text, rec_after.decision) == (rec_before.text, rec_before.decision)
