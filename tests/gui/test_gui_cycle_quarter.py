"""The scripted quarter of tests/cli/test_cycle_quarter.py, through the window: plans imported
through the wizard (a second copy proposed as a merge, never a silent duplicate), the returns
of two plans written into one folder through Send returns…, filled in as owners fill them, read
back through the wizard, a completion verified and one refused, a judgement recorded, and the
pack printed through the pack dialog; checked on the files, the database and the pack's text,
which must be what `actionplans pack` prints from the same database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import timedelta  # noqa: E402

import openpyxl  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QDate, Qt  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.exporters.plan_json import write_plan_json  # noqa: E402
from actionplans.gui import worker  # noqa: E402
from actionplans.usecases import meetings  # noqa: E402
from actionplans.usecases.returns import remembered  # noqa: E402
from tests.support.pdf import page_texts  # noqa: E402
from tests.support.quarter import (  # noqa: E402
    RETURN_FILES,
    TODAY,
    agreed_texts,
    fill,
    healthcare,
    owners_fill_their_returns,
    social_care,
)

SOON = TODAY + timedelta(days=20)


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """The sentences the window's error dialogs would show (a modal dialog would block)."""
    shown: list[str] = []
    for module in (
        "actionplans.gui.verify",
        "actionplans.gui.returns",
        "actionplans.gui.progress",
        "actionplans.gui.import_wizard",
        "actionplans.gui.worker",
    ):
        monkeypatch.setattr(f"{module}.show_error", lambda parent, exc: shown.append(str(exc)))
    return shown


def through_the_wizard(qtbot, window, path, **ticks: bool):
    """Read `path` in the wizard (no plan chosen beforehand) and return it once previewed."""
    wizard = window.files.open_import_wizard(path)
    qtbot.waitUntil(lambda: wizard.previewed is not None, timeout=20_000)
    for name, ticked in ticks.items():
        getattr(wizard.choices, name).setChecked(ticked)
    return wizard


def tick(checklist, plan_ids) -> None:
    for row in range(checklist.count()):
        item = checklist.item(row)
        ticked = item.data(Qt.ItemDataRole.UserRole) in plan_ids
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)


def select_action(window, store, plan_id: int, rec: int, number: int) -> None:
    action = store.get_plan(plan_id).recommendations[rec].actions[number]
    window.search.open_item(plan_id, "action", action.id)


def test_a_quarter_through_the_window(qtbot, window, said, store, cli, tmp_path):
    # The plans come in through the wizard; a second copy of one is proposed as a merge.
    for number, plan in enumerate((social_care(), healthcare())):
        write_plan_json(plan, tmp_path / f"plan{number}.json")
        wizard = through_the_wizard(qtbot, window, tmp_path / f"plan{number}.json")
        assert wizard.as_new.isChecked() and wizard.import_button.isEnabled()
        wizard.import_button.click()
    social, health = (row.id for row in store.list_plans())
    wizard = through_the_wizard(qtbot, window, tmp_path / "plan0.json")
    assert wizard.as_merge.isChecked() and wizard.target.currentData() == social
    assert wizard.previewed.kind == "merge" and wizard.choices.edit_plan.isVisible()
    wizard.as_new.setChecked(True)  # the person insists on a new plan: warned, not imported
    assert "already titled" in wizard.verdict.text()
    assert not wizard.import_button.isEnabled() and wizard.choices.duplicate.isVisible()
    wizard.choices.duplicate.setChecked(True)
    assert wizard.previewed.kind == "plan" and wizard.import_button.isEnabled()
    wizard.reject()
    assert len(store.list_plans()) == 2

    last = (TODAY - timedelta(days=90)).isoformat()
    meetings.record_meeting(store, last, "HMP Example Board", "", (social, health))
    before = [agreed_texts(store.get_plan(n)) for n in (social, health)]

    # Returns out through the dialog: both plans into one folder, with chasers.
    folder = tmp_path / "returns"
    window.open_plan(social)
    dialog = window.progress.send_returns()
    assert dialog.plans.ticked_ids() == [social]  # the open plan, to start with
    tick(dialog.plans, {social, health})
    dialog.folder.setText(str(folder))
    dialog.use_return_by.setChecked(True)
    dialog.return_by.setDate(QDate(SOON))
    dialog.return_to.setText("secretary@board.example")
    dialog.chasers.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=30_000)
    names = sorted(p.name for p in folder.iterdir())
    assert names == RETURN_FILES
    governor = openpyxl.load_workbook(folder / "return-Social-care-Governor.xlsx").active
    assert "secretary@board.example" in governor["A4"].value
    assert (remembered(store).return_by, remembered(store).return_to) == (
        SOON.isoformat(),
        "secretary@board.example",
    )

    # Sent again: the dialog remembers, and nothing in the folder is replaced.
    first_copy = (folder / "return-Healthcare-Governor.xlsx").read_bytes()
    dialog = window.progress.send_returns()
    assert dialog.return_to.text() == "secretary@board.example"
    assert dialog.use_return_by.isChecked() and dialog.return_by.date().toPython() == SOON
    tick(dialog.plans, {health})
    dialog.folder.setText(str(folder))
    dialog.accept()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=30_000)
    assert (folder / "return-Healthcare-Governor.xlsx").read_bytes() == first_copy
    assert [p.name for p in window.progress.returns_written] == [
        "return-Healthcare-Governor-2.xlsx"
    ]

    # Owners fill them in; the wizard recognises each return's plan and records its updates.
    owners_fill_their_returns(folder)
    for name, plan_id in (
        ("Social-care-ADASS-lead", social),
        ("Social-care-Governor", social),
        ("Healthcare-Governor", health),
    ):
        wizard = through_the_wizard(qtbot, window, folder / f"return-{name}.xlsx")
        assert wizard.previewed.kind == "return" and wizard.previewed.plan_id == plan_id
        assert wizard.import_button.isEnabled(), wizard.verdict.text()
        wizard.import_button.click()
    protocol, training = store.get_plan(social).recommendations[0].actions
    assert (protocol.status, protocol.latest.text) == ("open", "No progress; ADASS lead vacant")
    assert (training.status, training.latest.evidence) == (
        "completed",
        "Training register, 40 of 40",
    )
    assert [agreed_texts(store.get_plan(n)) for n in (social, health)] == before

    # A return that would reopen a completed action: the choice is shown, nothing is reopened.
    fill(folder / "return-Social-care-Governor.xlsx", {"1.2": {"Status": "In progress"}})
    wizard = through_the_wizard(qtbot, window, folder / "return-Social-care-Governor.xlsx")
    assert wizard.choices.reopen.isVisible()
    assert any("1.2 was completed" in f.message for f in wizard.previewed.findings)
    wizard.reject()
    assert store.get_plan(social).recommendations[0].actions[1].status == "completed"

    # The secretary verifies one completion and does not accept the other.
    select_action(window, store, social, 0, 1)
    verdict = window.progress.verify_completion()
    assert verdict.windowTitle() == "Verify the completion of action 1.2"
    assert "Evidence given: Training register, 40 of 40" in verdict.claim.text()
    verdict.ok.click()  # no evidence seen typed: refused, the dialog stays open
    assert verdict.isVisible() and said == [
        "Verifying a completion needs the evidence you saw: what was it?"
    ]
    verdict.seen.setPlainText("Training register")
    verdict.ok.click()
    assert not verdict.isVisible()
    select_action(window, store, health, 0, 0)
    verdict = window.progress.verify_completion()
    verdict.refused.setChecked(True)
    verdict.reason.setPlainText("Policy not yet signed")
    verdict.ok.click()
    assert store.get_plan(health).recommendations[0].actions[0].status == "in_progress"
    _, out, _ = cli("changes", str(social))
    assert "1.2 Train reception staff (Governor) completed (verified)" in out

    # An Independent Review judgement on the selected item.
    select_action(window, store, social, 0, 0)
    judged = window.progress.record_judgement()
    judged.rating.setCurrentText("Insufficient progress")
    judged.note.setPlainText("Protocol still in draft")
    judged.ok.click()
    (judgement,) = store.get_plan(social).recommendations[0].judgements
    assert (judgement.rating, judgement.note) == ("insufficient", "Protocol still in draft")

    # The pack through the pack dialog is the command's pack, page for page.
    pack = window.files.board_pack()
    tick(pack.plans, {social, health})
    pack.board.setText("HMP Example Board")
    pack.venue.setText("Board Room")
    pack.secretary.setText("Sam Jones")
    window.files.write_pack(pack, tmp_path / "window.pdf")
    qtbot.waitUntil(lambda: not worker.busy(), timeout=60_000)
    status, _, err = cli(
        "pack", str(social), str(health), "-o", str(tmp_path / "command.pdf"),
        "--board", "HMP Example Board", "--venue", "Board Room", "--secretary", "Sam Jones",
    )  # fmt: skip
    assert status == 0, err
    shown = page_texts(tmp_path / "window.pdf")
    assert shown == page_texts(tmp_path / "command.pdf")
    text = " ".join(shown)
    assert "Venue: Board Room" in text and "Secretary: Sam Jones" in text
    assert "No progress; ADASS lead vacant" in text
    assert "Completed (verified)" in text
    assert "Completion not accepted: Policy not yet signed" in text
    assert len(said) == 1  # no other error on the way


def test_the_pack_dialog_adds_the_published_plans_only_when_asked(
    qtbot, window, said, store, tmp_path
):
    plan_id = store.add_plan(healthcare())
    window.refresh_plan_list()
    window.open_plan(plan_id)
    for appendix in (False, True):
        dialog = window.files.board_pack()
        dialog.appendix.setChecked(appendix)
        window.files.write_pack(dialog, tmp_path / f"pack-{appendix}.pdf")
        qtbot.waitUntil(lambda: not worker.busy(), timeout=60_000)
        text = " ".join(page_texts(tmp_path / f"pack-{appendix}.pdf"))
        assert ("Appendix: the plan as published" in text) is appendix


def test_a_merge_keeps_the_agreed_words_unless_the_person_ticks_to_change_them(
    qtbot, window, said, store, tmp_path
):
    plan_id = store.add_plan(healthcare())
    window.refresh_plan_list()
    changed = healthcare()
    changed.recommendations[0].actions[0].text = "Issue and publish the policy"
    write_plan_json(changed, tmp_path / "changed.json")
    for edit_plan in (False, True):
        wizard = through_the_wizard(qtbot, window, tmp_path / "changed.json", edit_plan=edit_plan)
        assert wizard.previewed.kind == "merge" and wizard.target.currentData() == plan_id
        if wizard.import_button.isEnabled():
            wizard.import_button.click()
        else:
            wizard.reject()
        (action,) = store.get_plan(plan_id).recommendations[0].actions
        expected = "Issue and publish the policy" if edit_plan else "Issue the policy"
        assert action.text == expected
    assert len(store.list_plans()) == 1


def test_a_return_reopens_a_completed_action_only_when_the_person_ticks_it(
    qtbot, window, said, store, tmp_path
):
    from actionplans.usecases.returns import write_returns

    plan_id = store.add_plan(healthcare())
    window.refresh_plan_list()
    (path,) = [p for p in write_returns(store.get_plan(plan_id), tmp_path) if p.suffix == ".xlsx"]
    done = {
        "Status": "Completed",
        "Progress update": "Issued",
        "Evidence (needed to complete)": "Intranet",
    }
    fill(path, {"1.1": done})
    through_the_wizard(qtbot, window, path).import_button.click()
    select_action(window, store, plan_id, 0, 0)
    window.panels.updates_dock.show()
    assert window.panels.updates.verify_button.isEnabled()  # a reported completion to verify

    fill(path, {"1.1": {"Status": "In progress", "Progress update": "Found a gap"}})
    wizard = through_the_wizard(qtbot, window, path)
    assert wizard.choices.reopen.isVisible() and not wizard.import_button.isEnabled()
    wizard.choices.reopen.setChecked(True)
    assert "status: completed -> in progress" in wizard.preview.toPlainText()
    wizard.import_button.click()
    (action,) = store.get_plan(plan_id).recommendations[0].actions
    assert (action.status, action.latest.text) == ("in_progress", "Found a gap")
    assert not window.panels.updates.verify_button.isEnabled()
    assert said == []
