"""The window's import wizard drafts a plan from a report, showing the draft before storing it."""

from __future__ import annotations

from pathlib import Path

from actionplans.storage.backups import list_backups

REPORTS = Path(__file__).parent.parent / "fixtures" / "reports"


def test_the_wizard_shows_a_draft_before_storing_it(qtbot, window, store):
    path = REPORTS / "government-response-acmd-custody-community-2019.txt"
    wizard = window.files.open_import_wizard(path)
    assert wizard.as_draft.isChecked()  # a text file is a report, never a plan
    qtbot.waitUntil(lambda: wizard.draft is not None, timeout=20_000)
    shown = wizard.preview.toPlainText()
    assert shown.startswith(
        "Draft plan: Government response to the ACMD report on Custody - Community "
        "Transitions (20 items)"
    )
    assert "7 [Not Agreed]: That the Drug Strategy Board should make a clear statement" in shown
    assert wizard.import_button.text() == "&Create draft"
    assert store.list_plans() == [] and list_backups(store.path) == []

    wizard.import_button.click()
    (row,) = store.list_plans()
    plan = store.get_plan(row.id)
    assert len(plan.recommendations) == 20 and plan.recommendations[0].decision == "Agreed"
    assert window.plan_id() == row.id
    assert [b.reason for b in list_backups(store.path)] == ["draft"]


def test_a_report_read_as_a_plan_offers_the_draft(qtbot, window, store, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.exec", lambda box: shown.append(box.text()) or 0
    )
    path = REPORTS / "report-social-care-in-prisons-2007.pdf"
    wizard = window.files.open_import_wizard(path)
    qtbot.waitUntil(lambda: "Could not read" in wizard.preview.toPlainText(), timeout=20_000)
    assert "as a draft from a report" in wizard.preview.toPlainText()
    assert shown and "a draft plan can be made from it" in shown[0]
    wizard.as_draft.setChecked(True)
    qtbot.waitUntil(lambda: wizard.draft is not None, timeout=30_000)
    assert "(26 items)" in wizard.preview.toPlainText()
    assert wizard.import_button.isEnabled()
    wizard.reject()
    assert store.list_plans() == []
