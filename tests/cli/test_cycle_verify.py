"""Reported and verified completions, and Independent Review of Progress judgements: stored,
shown by `changes`, and carried by the plan JSON both ways."""

from datetime import date

import pytest

from actionplans.cli import main
from actionplans.exporters.plan_json import plan_to_dict
from actionplans.importers.plan_json import plan_from_dict
from actionplans.storage.errors import BadInput
from actionplans.storage.judgements import add_judgement, find_item
from actionplans.storage.monitoring import add_meeting, add_update, changes, find_action
from actionplans.storage.store import Store
from actionplans.storage.verification import completion_words, not_accepted, verify
from tests.support.plans import make_plan

TODAY = date(2026, 11, 30)


@pytest.fixture
def monitored(store):
    plan_id = store.add_plan(make_plan(recs=2, actions=2))
    add_meeting(store, "2026-09-01", plan_ids=(plan_id,))
    first = find_action(store, plan_id, "1", 1)
    second = find_action(store, plan_id, "1", 2)
    for action_id in (first, second):
        add_update(
            store,
            action_id,
            status="completed",
            text="Signed",
            evidence="MoU signed 1 Oct",
            on_date="2026-10-01",
            today=TODAY,
        )
    return plan_id, first, second


def test_a_verified_completion_is_told_apart_from_a_reported_one(store, monitored):
    plan_id, first, second = monitored
    verify(store, first, evidence_seen="Signed MoU on file", by="J Bloggs", today=TODAY)
    plan = Store.open(store.path).get_plan(plan_id)
    done, reported = plan.recommendations[0].actions
    verdict = done.latest.verification
    assert (verdict.verdict, verdict.evidence_seen, verdict.recorded_by, verdict.on_date) == (
        "verified",
        "Signed MoU on file",
        "J Bloggs",
        TODAY.isoformat(),
    )
    assert completion_words(done) == "completed (verified)"
    assert completion_words(reported) == "reported complete"
    report = changes(store, plan_id, date(2026, 9, 1), TODAY)
    assert [(c.action.label, c.words) for c in report.completed] == [
        ("1.1", "completed (verified)"),
        ("1.2", "reported complete"),
    ]


def test_a_completion_not_accepted_reopens_the_action_with_the_reason(store, monitored):
    plan_id, _, second = monitored
    not_accepted(store, second, reason="No signed copy seen", today=TODAY)
    action = Store.open(store.path).get_plan(plan_id).recommendations[0].actions[1]
    assert action.status == "in_progress"
    assert action.latest.text == "Completion not accepted: No signed copy seen"
    assert action.updates[0].verification.verdict == "not accepted"
    assert action.updates[0].verification.reason == "No signed copy seen"
    with pytest.raises(BadInput, match="not reported complete"):
        verify(store, second, evidence_seen="x", today=TODAY)


def test_a_verdict_needs_its_evidence_or_reason_and_writes_nothing_without(store, monitored):
    _, first, _ = monitored
    with pytest.raises(BadInput, match="evidence you saw"):
        verify(store, first, evidence_seen="  ", today=TODAY)
    with pytest.raises(BadInput, match="needs a reason"):
        not_accepted(store, first, reason="", today=TODAY)
    with pytest.raises(BadInput, match="before that"):
        verify(store, first, evidence_seen="seen", on_date="2026-09-30", today=TODAY)
    assert store.conn.execute("SELECT count(*) FROM verifications").fetchone() == (0,)


def test_judgements_are_recorded_shown_by_changes_and_refused_when_unreadable(store, monitored):
    plan_id, _, _ = monitored
    rec_id = find_item(store, plan_id, "2")
    add_judgement(
        store, rec_id, rating="Reasonable progress", on_date="2026-10-14", note="Plan agreed"
    )
    with pytest.raises(BadInput, match="not an Independent Review rating"):
        add_judgement(store, rec_id, rating="Excellent", on_date="2026-10-14")
    with pytest.raises(BadInput, match="after today"):
        add_judgement(store, rec_id, rating="good", on_date="2026-12-14", today=TODAY)
    rec = Store.open(store.path).get_plan(plan_id).recommendations[1]
    assert [(j.on_date, j.rating, j.note) for j in rec.judgements] == [
        ("2026-10-14", "reasonable", "Plan agreed")
    ]
    report = changes(store, plan_id, date(2026, 9, 1), TODAY)
    assert [(ref, j.rating) for ref, j in report.judgements] == [("2", "reasonable")]


def test_the_command_verifies_judges_and_changes_shows_both(db_path, store, monitored, capsys):
    plan_id = str(monitored[0])

    def run(*args):
        status = main(["--db", str(db_path), *args])
        return status, capsys.readouterr()

    assert run("verify", plan_id, "1", "1", "--seen", "Signed MoU on file")[0] == 0
    status, out = run("verify", plan_id, "1", "2", "--not-accepted", "Unsigned draft only")
    assert status == 0 and "in progress again" in out.out
    status, out = run("judge", plan_id, "2", "No meaningful", "--date", "2026-10-14")
    assert status == 0 and "No meaningful progress" in out.out
    status, out = run("changes", plan_id, "--since", "2026-09-01")
    assert status == 0
    assert "completed (verified) on 1 October 2026" in out.out
    assert "Independent Review of Progress (1)\n  2: No meaningful progress (14 October 2026)" in (
        out.out
    )
    status, out = run("verify", plan_id, "2", "1", "--seen", "x")
    assert status == 2 and "not reported complete" in out.err


def test_plan_json_carries_judgements_and_verdicts_both_ways(store, monitored):
    plan_id, first, _ = monitored
    verify(store, first, evidence_seen="Signed MoU on file", today=TODAY)
    add_judgement(store, find_item(store, plan_id, "2"), rating="good", on_date="2026-10-14")
    plan = store.get_plan(plan_id)
    doc = plan_to_dict(plan)
    update = doc["recommendations"][0]["actions"][0]["updates"][0]
    assert update["verification"]["verdict"] == "verified"
    assert update["verification"]["evidence_seen"] == "Signed MoU on file"
    assert doc["recommendations"][1]["judgements"][0]["rating"] == "good"
    assert "judgements" not in doc["recommendations"][0]  # only where there are some
    again = plan_from_dict(doc)
    assert again.recommendations == plan.recommendations
    copy_id = store.add_plan(again)
    assert store.get_plan(copy_id).recommendations == plan.recommendations
    doc["recommendations"][1]["judgements"][0]["rating"] = "great"
    with pytest.raises(BadInput, match=r"judgements\[0\].rating"):
        plan_from_dict(doc)


def test_a_plan_whose_title_is_stored_is_not_imported_twice_without_asking(
    db_path, tmp_path, capsys
):
    from actionplans.exporters.plan_json import write_plan_json

    path = tmp_path / "plan.json"
    write_plan_json(make_plan("Action Plan: HMP Oldtown"), path)
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "plan 1 is already titled 'Action Plan: HMP Oldtown'" in err and "--as-new" in err
    assert len(Store.open(db_path).list_plans()) == 1
    assert main(["--db", str(db_path), "import", str(path), "--as-new"]) == 0
    assert len(Store.open(db_path).list_plans()) == 2


def test_the_window_is_warned_of_a_stored_title_and_the_command_refused(store, tmp_path):
    from actionplans.exporters.plan_json import write_plan_json
    from actionplans.usecases import importing

    store.add_plan(make_plan("Action Plan: HMP Oldtown"))
    path = tmp_path / "plan.json"
    write_plan_json(make_plan("Action Plan: HMP Oldtown"), path)
    read = importing.read_file(path)
    warned = importing.preview(store, path, read)
    assert warned.same_title == [1] and warned.can_commit
    assert warned.verdict.startswith("Plan 1 is already titled 'Action Plan: HMP Oldtown'")
    refused = importing.preview(store, path, read, as_new=False)
    assert not refused.can_commit and "Nothing imported" in refused.refusal
    assert importing.preview(store, path, read, as_new=True).verdict.startswith("Ready")
