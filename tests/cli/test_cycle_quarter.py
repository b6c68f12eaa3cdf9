"""A quarter of the board's cycle through the command, as a secretary runs it: the returns of
two plans written into one folder, filled in as owners fill them, read back, a completion
verified and one refused, and the pack printed; checked on the files, the database and the
pack's text."""

from __future__ import annotations

import email
from datetime import timedelta
from email.policy import default

import openpyxl

from actionplans.exporters.plan_json import write_plan_json
from actionplans.storage.return_form import HEADER_ROW
from actionplans.storage.store import Store
from tests.support.pdf import page_texts
from tests.support.quarter import (
    RETURN_FILES,
    SOON,
    TODAY,
    agreed_texts,
    fill,
    healthcare,
    owners_fill_their_returns,
    social_care,
)


def test_a_quarter_through_the_command(cli, db_path, tmp_path):
    run = cli
    for number, plan in enumerate((social_care(), healthcare())):
        write_plan_json(plan, tmp_path / f"plan{number}.json")
        assert run("import", str(tmp_path / f"plan{number}.json"))[0] == 0
    last = (TODAY - timedelta(days=90)).isoformat()
    assert run("meeting", "add", last, "--plan", "1", "--plan", "2")[0] == 0
    before = [agreed_texts(Store.open(db_path).get_plan(n)) for n in (1, 2)]

    # Returns out: both plans into one folder, remembered return-by and address, chasers.
    folder = tmp_path / "returns"
    status, out, _ = run(
        "returns", "1", "2", "-o", str(folder), "--return-by", SOON,
        "--return-to", "secretary@board.example", "--chasers",
    )  # fmt: skip
    assert status == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == RETURN_FILES
    governor = openpyxl.load_workbook(folder / "return-Social-care-Governor.xlsx").active
    sent = [[c.value for c in row][:4] for row in governor.iter_rows(min_row=HEADER_ROW + 1)]
    assert sent == [  # the Not Agreed explanation is not sent; the co-owner is named
        ["1", 1, "Agree assessment protocol", "ADASS lead"],
        ["1", 2, "Train reception staff", None],
    ]
    assert "secretary@board.example" in governor["A4"].value
    chaser = email.message_from_bytes(
        (folder / "return-Social-care-ADASS-lead.eml").read_bytes(), policy=default
    )
    assert chaser["X-Unsent"] == "1"
    body = chaser.get_body(("plain",)).get_content()
    assert "1.1 Agree assessment protocol (overdue since" in body
    raw = (folder / "return-Social-care-ADASS-lead.eml").read_bytes()
    assert b'filename="return-Social-care-ADASS-lead.xlsx"' in raw  # one plain name
    assert [part.get_filename() for part in chaser.iter_attachments()] == [
        "return-Social-care-ADASS-lead.xlsx"
    ]

    # Written again, nothing is replaced: the new returns are numbered.
    assert run("returns", "2", "-o", str(folder))[0] == 0
    assert (folder / "return-Healthcare-Governor-2.xlsx").exists()
    again = openpyxl.load_workbook(folder / "return-Healthcare-Governor-2.xlsx").active
    assert SOON[:4] in again["A4"].value  # the return-by date was remembered

    # Owners fill them in; they come back and are recognised by their plan's title.
    owners_fill_their_returns(folder)
    for name in ("ADASS-lead", "Governor"):
        status, out, err = run("import", str(folder / f"return-Social-care-{name}.xlsx"))
        assert status == 0, err
        assert "A progress return for plan 1: Action Plan: Social care in prisons" in out
    status, out, _ = run("import", str(folder / "return-Healthcare-Governor.xlsx"))
    assert status == 0 and "Recorded 1 update(s) in plan 2." in out

    social = Store.open(db_path).get_plan(1)
    protocol, training = social.recommendations[0].actions
    assert (protocol.status, protocol.latest.text, protocol.latest.rag) == (
        "open",
        "No progress; ADASS lead vacant",
        None,  # red is what its passed target suggests: no override, no reason needed
    )
    assert (training.status, training.latest.evidence) == (
        "completed",
        "Training register, 40 of 40",
    )
    assert [agreed_texts(Store.open(db_path).get_plan(n)) for n in (1, 2)] == before

    # A completed action is never reopened by a return without the secretary saying so.
    fill(folder / "return-Social-care-Governor.xlsx", {"1.2": {"Status": "In progress"}})
    status, _, err = run("import", str(folder / "return-Social-care-Governor.xlsx"))
    assert "1.2 was completed" in err and "--reopen" in err
    assert Store.open(db_path).get_plan(1).recommendations[0].actions[1].status == "completed"

    # The secretary verifies one completion and does not accept the other.
    assert run("verify", "1", "1", "2", "--seen", "Training register")[0] == 0
    status, out, _ = run("verify", "2", "1", "1", "--not-accepted", "Policy not yet signed")
    assert status == 0
    status, out, _ = run("changes", "1")
    assert "1.2 Train reception staff (Governor) completed (verified)" in out

    # The pack tells the board where every action stands and what the owners wrote.
    pack = tmp_path / "pack.pdf"
    status, _, err = run(
        "pack", "1", "2", "-o", str(pack), "--board", "HMP Example Board",
        "--venue", "Board Room", "--secretary", "Sam Jones",
    )  # fmt: skip
    assert status == 0, err
    text = " ".join(" ".join(page.split()) for page in page_texts(pack))
    assert "Venue: Board Room" in text and "Secretary: Sam Jones" in text
    assert "No progress; ADASS lead vacant" in text
    assert "Open, overdue Red" in text
    assert "Completed (verified)" in text
    assert "Completion not accepted: Policy not yet signed" in text
    assert "Not agreed. Explanation: Funding is not available this year. Not an action" in text
    summary = text.split("Summary across all plans", 2)[2].split("Decisions the board", 1)[0]
    # open, in progress, reported, verified, overdue, red, amber, green, blue
    assert "Social care 1 0 0 1 1 1 0 0 1" in summary
    assert "Healthcare 0 1 0 0 0 0 0 1 0" in summary
