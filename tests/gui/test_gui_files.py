"""The window's import wizard, exports, preview, start-up and smoke test, checked on disk."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QThreadPool  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui import worker  # noqa: E402
from actionplans.importers import read_plan_file  # noqa: E402
from actionplans.resources import resource_path  # noqa: E402
from actionplans.storage import edits  # noqa: E402
from actionplans.storage.backups import list_backups  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402

SAMPLE = resource_path("samples", "social-care-2018.xlsx")


def read_in_wizard(qtbot, window, path: Path, into: int | None = None):
    wizard = window.files.open_import_wizard(path, into=into)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=20_000)
    return wizard


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample workbook not built yet")
def test_import_wizard_writes_nothing_until_confirmed(qtbot, window, store):
    wizard = read_in_wizard(qtbot, window, SAMPLE)
    assert "Social Care" in wizard.preview.toPlainText()
    assert wizard.import_button.isEnabled()
    wizard.reject()
    assert store.list_plans() == []
    assert list_backups(store.path) == []

    wizard = read_in_wizard(qtbot, window, SAMPLE)
    wizard.import_button.click()
    (row,) = store.list_plans()
    read = read_plan_file(SAMPLE).plan
    assert store.get_plan(row.id) == replace(read, short_name="HMP Thematic – Social Care")
    assert window.plan_id() == row.id
    assert [b.reason for b in list_backups(store.path)] == ["import"]
    assert window.files.recent_files() == [str(SAMPLE)]


def test_import_wizard_merges_a_return_into_a_plan(qtbot, window, store, tmp_path):
    from actionplans.exporters import export_plan

    plan_id = store.add_plan(make_plan(recs=2, actions=1))
    returned = make_plan(recs=2, actions=1)
    returned.recommendations[1].decision = "Not Agreed"
    returned.recommendations[1].reason = "affordability"
    export_plan(returned, tmp_path / "return.json")

    wizard = read_in_wizard(qtbot, window, tmp_path / "return.json", into=plan_id)
    shown = wizard.preview.toPlainText()
    assert "Recommendation 2: reason: (none) -> affordability" in shown
    # the agreed decision is kept: a return never rewrites the agreed plan unasked
    assert "Recommendation 2: the return's decision differs and the agreed decision" in shown
    assert store.get_plan(plan_id).recommendations[1].reason is None
    wizard.import_button.click()
    merged = store.get_plan(plan_id).recommendations[1]
    assert (merged.decision, merged.reason) == ("Agreed", "affordability")
    assert len(store.list_plans()) == 1


def test_the_wizard_will_not_merge_another_plans_workbook(qtbot, window, store, tmp_path):
    from actionplans.exporters import export_plan

    plan_id = store.add_plan(make_plan(recs=2, actions=1))
    other = make_plan("A different plan altogether", recs=2, actions=1)
    for rec in other.recommendations:
        rec.text = f"Quite another recommendation {rec.ref}: about prison libraries."
    export_plan(other, tmp_path / "other.json")
    before = store.get_plan(plan_id)

    wizard = read_in_wizard(qtbot, window, tmp_path / "other.json", into=plan_id)
    assert wizard.verdict.text().startswith("Nothing can be merged: ")
    assert not wizard.import_button.isEnabled()
    assert store.get_plan(plan_id) == before


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample workbook not built yet")
def test_a_workbook_with_several_plan_sheets_asks_which_one(qtbot, window, store, tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(SAMPLE)
    copy = book.copy_worksheet(book.worksheets[0])
    copy.title = "Second copy"
    cell = next(c for c in copy["B"] if isinstance(c.value, str) and len(c.value) > 40)
    cell.value = "Changed on the second sheet only, to tell the sheets apart."
    path = tmp_path / "two sheets.xlsx"
    book.save(path)

    wizard = window.files.open_import_wizard(path)
    qtbot.waitUntil(lambda: wizard.sheet.count() > 0, timeout=20_000)
    assert "several sheets" in wizard.preview.toPlainText()
    assert not wizard.import_button.isEnabled()
    assert [wizard.sheet.itemText(i) for i in range(1, wizard.sheet.count())] == book.sheetnames

    wizard.sheet.setCurrentIndex(wizard.sheet.findData("Second copy"))
    wizard.sheet.activated.emit(wizard.sheet.currentIndex())
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=20_000)
    wizard.import_button.click()
    (row,) = store.list_plans()
    texts = [r.text for r in store.get_plan(row.id).recommendations]
    assert "Changed on the second sheet only, to tell the sheets apart." in texts


def test_a_file_that_cannot_be_read_shows_a_sentence_and_imports_nothing(
    qtbot, window, store, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(
        "actionplans.gui.worker.show_error", lambda parent, exc: shown.append(str(exc))
    )
    bad = tmp_path / "notes.odp"
    bad.write_text("not a plan")
    wizard = window.files.open_import_wizard(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "cannot import a '.odp' file" in shown[0]
    assert "cannot import a '.odp' file" in wizard.preview.toPlainText()
    assert not wizard.import_button.isEnabled()
    assert store.list_plans() == []


def test_cancel_drops_a_read_in_progress(qtbot, window, store, tmp_path):
    from actionplans.exporters import export_plan

    export_plan(make_plan(), tmp_path / "plan.json")
    wizard = window.files.open_import_wizard(tmp_path / "plan.json")
    for job in list(worker._running):
        job.cancel()
    qtbot.wait(300)
    assert wizard.result is None
    assert not wizard.import_button.isEnabled()


@pytest.mark.parametrize("suffix", [".json", ".xlsx", ".pdf"])
def test_export_writes_a_file_that_reads_back(qtbot, window, store, tmp_path, suffix, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    plan_id = store.add_plan(make_plan())
    edits.update_recommendation(store, store.get_plan(plan_id).recommendations[0].id, ref="1a")
    window.refresh_plan_list()
    window.open_plan(plan_id)
    target = tmp_path / f"out{suffix}"
    window.files.export_current(suffix, target)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=30_000)
    assert target.is_file()
    if suffix == ".pdf":
        from pypdf import PdfReader

        text = "".join(page.extract_text() for page in PdfReader(target).pages)
        assert "Action Plan: HMP Thematic" in text and "Action 2 of recommendation 3." in text
    else:
        assert read_plan_file(target).plan == store.get_plan(plan_id)
    assert list(scratch.iterdir()) == []


def test_a_cancelled_export_leaves_no_file(qtbot, window, store, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    window.open_plan(store.add_plan(make_plan(recs=40)))
    target = tmp_path / "out.pdf"
    window.files.export_current(".pdf", target)
    for job in list(worker._running):
        job.cancel()
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(100)
    assert not target.exists()
    assert list(scratch.iterdir()) == []


def test_board_pack_and_preview(qtbot, window, store, tmp_path):
    from pypdf import PdfReader

    first = store.add_plan(make_plan("First plan"))
    store.add_plan(make_plan("Second plan"))
    window.refresh_plan_list()
    window.open_plan(first)
    dialog = window.files.board_pack()
    dialog.plans.item(1).setCheckState(dialog.plans.item(0).checkState())
    dialog.board.setText("HMP Example Partnership Board")
    window.files.write_pack(dialog, tmp_path / "pack.pdf")
    qtbot.waitUntil(lambda: not worker.busy(), timeout=60_000)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "pack.pdf").pages)
    assert "HMP Example Partnership Board" in text
    assert "First plan" in text and "Second plan" in text

    window.files.preview_current()
    qtbot.waitUntil(lambda: window.files.preview_dialog is not None, timeout=30_000)
    assert window.files.preview_dialog.page_count() >= 1


def test_printing_renders_every_page_of_the_preview(qtbot, window, store, tmp_path):
    """Printed to a PDF printer, what the print dialog would have sent to paper."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from actionplans.gui.preview import render_to

    window.open_plan(store.add_plan(make_plan("Printed plan", recs=40)))
    window.files.preview_current()
    qtbot.waitUntil(lambda: window.files.preview_dialog is not None, timeout=30_000)
    document = window.files.preview_dialog.document
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    render_to(printer, document)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert document.pageCount() > 1
    assert len(printed.pages) == document.pageCount()


def test_samples_load_into_an_empty_database(store):
    from actionplans.usecases.importing import load_samples, sample_files

    if not sample_files():
        pytest.skip("no sample workbooks yet")
    loaded = load_samples(store)
    assert len(loaded.plan_ids) == len(sample_files())
    assert all(store.get_plan(i).recommendations for i in loaded.plan_ids)
    assert loaded.changed.plan_list


def test_a_closed_preview_lets_go_of_its_file_and_a_second_preview_shows_the_plan_again(
    qtbot, window, store
):
    assert window.files._preview_folder is None  # a window only looked at makes no temporary folder
    window.open_plan(store.add_plan(make_plan("Previewed twice", recs=40)))
    for _ in range(2):
        window.files.preview_current()
        qtbot.waitUntil(lambda: window.files.preview_dialog is not None, timeout=30_000)
        dialog = window.files.preview_dialog
        assert dialog.page_count() > 1
        dialog.reject()
        assert dialog.page_count() == 0  # the document is closed, so the file is free
        window.files.preview_dialog = None


def test_import_findings_list_warnings_before_notes(qtbot, window):
    wizard = read_in_wizard(qtbot, window, resource_path("samples", "accommodation-2020.xlsx"))
    severities = [row[0] for row in wizard.findings.texts()]
    assert "note" in severities and "warning" in severities
    assert severities == sorted(severities, key=lambda s: {"error": 0, "warning": 1}.get(s, 2))
    wizard.reject()


def test_import_findings_are_shown_in_full(qtbot, window):
    """A long finding wraps in its row instead of ending in '...' at the table's edge."""
    wizard = read_in_wizard(qtbot, window, resource_path("samples", "accommodation-2020.xlsx"))
    table = wizard.findings
    last = table.columnCount() - 1
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "warning")
    message = table.item(row, last).text()
    width = table.columnWidth(last)
    needed = table.fontMetrics().horizontalAdvance(message)
    assert needed > width  # the sample's warning is longer than its column...
    assert table.rowHeight(row) >= 2 * table.fontMetrics().height()  # ...so its row wraps
    wizard.reject()


def test_save_as_excel_can_add_the_progress_columns(qtbot, window, store, tmp_path):
    from openpyxl import load_workbook

    window.open_plan(store.add_plan(make_plan()))
    window.refresh_plan_list()
    window.files.export_current(".xlsx", tmp_path / "plain.xlsx")
    qtbot.waitUntil(lambda: not worker.busy(), timeout=30_000)  # one job at a time
    window.files.export_current(".xlsx", tmp_path / "progress.xlsx", progress_columns=True)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=30_000)

    def headers(path) -> list[str]:
        sheet = load_workbook(path, read_only=True).active
        rows = [[c for c in row if isinstance(c, str)] for row in sheet.iter_rows(values_only=True)]
        return max(rows, key=len)

    assert len(headers(tmp_path / "progress.xlsx")) > len(headers(tmp_path / "plain.xlsx"))
