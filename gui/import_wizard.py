"""The import wizard: read a workbook, show what it will do, write only on confirm.

It also drafts a plan from a report or a government response ("as a draft from a report"):
the draft's items are shown before anything is stored, as `actionplans draft` makes them
(`usecases.drafting`). A web page or text file is a report; a PDF, Word or OpenDocument file
with no plan table in it offers the draft.

Reading runs on the thread pool (a big workbook takes seconds); the preview is the new plan,
the changes a local authority's return makes to an existing plan, or the dated updates an
owner's progress return will record, with every finding and its row. What is read, previewed
and written is decided once in `usecases.importing`, which the command uses too; this dialog
only shows it. Nothing touches the database until Import is pressed, and a backup is taken
just before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.errors import message_for, show_error
from actionplans.gui.import_choices import ImportChoices
from actionplans.gui.panels import ReadOnlyTable
from actionplans.gui.plan_list import shown_name
from actionplans.gui.worker import run_in_background
from actionplans.storage.errors import BadInput
from actionplans.storage.store import Store
from actionplans.usecases import drafting, importing
from actionplans.usecases.importing import (
    SUFFIXES,
    Finding,
    ImportResult,
    Preview,
    Read,
    Return,
    SheetsToChoose,
)

FILE_FILTER = (
    "Action plans (" + " ".join(f"*{s}" for s in SUFFIXES) + ");;"
    "Reports to draft a plan from ("
    + " ".join(f"*{s}" for s in drafting.REPORT_SUFFIXES)
    + ");;All files (*)"
)
REPORTS_ONLY = (".html", ".htm", ".txt")  # never a plan: always drafted from


class ImportWizard(QDialog):
    """Emits `imported(plan id)` after a confirmed import or merge."""

    imported = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None, into: int | None = None):
        super().__init__(parent)
        self.store = store
        self.into = into
        self.result: Read | None = None
        self.previewed: Preview | None = None
        self.committed: importing.Committed | None = None
        self.draft: ImportResult | None = None  # the draft plan read from a report
        self.reading = False
        self.setWindowTitle("Import an action plan")
        self.setAccessibleName("Import an action plan")
        self.resize(900, 640)

        self.path = QLineEdit(self)
        self.path.setAccessibleName("Workbook to import")
        self.path.setPlaceholderText(
            "Choose a plan (.xlsx, .xls, .csv, .ods, .docx, .odt, .pdf, .json) or a report"
        )
        self.path.returnPressed.connect(self.read)
        self.path.textEdited.connect(self.forget_sheets)
        choose = QPushButton("&Choose…", self)
        choose.clicked.connect(self.choose)
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName("Sheet the plan is on")
        self.sheet.setToolTip("This workbook has several sheets: choose the one the plan is on")
        self.sheet.activated.connect(lambda _: self.read())
        self.sheet.hide()
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("&File:", self, buddy=self.path))
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.sheet)
        file_row.addWidget(choose)

        self.as_new = QRadioButton("as a &new plan", self)
        self.as_merge = QRadioButton("as a return, &merged into:", self)
        self.as_draft = QRadioButton("as a &draft from a report", self)
        self.as_draft.setToolTip(
            "Make a draft plan of the recommendations in a report or government response"
        )
        self.target = QComboBox(self)
        self.target.setAccessibleName("Plan to merge into")
        for row in store.list_plans():
            # The short name, the title as tooltip: whole titles made the wizard wider than a
            # 1366x768 screen at 150%.
            self.target.addItem(shown_name(row), row.id)
            self.target.setItemData(self.target.count() - 1, row.title, Qt.ItemDataRole.ToolTipRole)
        self.as_merge.setEnabled(self.target.count() > 0)
        group = QButtonGroup(self)
        group.addButton(self.as_new)
        group.addButton(self.as_merge)
        group.addButton(self.as_draft)
        if into is not None and self.target.findData(into) >= 0:
            self.as_merge.setChecked(True)
            self.target.setCurrentIndex(self.target.findData(into))
        else:
            self.as_new.setChecked(True)
        group.buttonToggled.connect(self.mode_changed)
        self.target.currentIndexChanged.connect(self.show_preview)
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel("Import", self))
        mode_row.addWidget(self.as_new)
        mode_row.addWidget(self.as_merge)
        mode_row.addWidget(self.target, 1)
        mode_row.addWidget(self.as_draft)
        self.choices = ImportChoices(self)
        self.choices.changed.connect(self.show_preview)

        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("What the import will do")
        self.findings = ReadOnlyTable(
            ("Severity", "Sheet", "Row", "Column", "Finding"), "Findings", self
        )
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.preview)
        split.addWidget(self.findings)
        split.setSizes([420, 200])

        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(mode_row)
        layout.addWidget(self.choices)
        layout.addWidget(split, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import an action plan", "", FILE_FILTER)
        if name:
            self.set_path(Path(name))
            self.read()

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self.forget_sheets()
        if path.suffix.lower() in REPORTS_ONLY:
            self.as_draft.setChecked(True)

    def mode_changed(self, button: QRadioButton, checked: bool) -> None:
        """A draft is read differently from a plan: switching to or from it reads again."""
        if not checked:
            return
        drafted = self.draft is not None
        if (button is self.as_draft) != drafted and self.path.text().strip():
            self.read()
        else:
            self.show_preview()

    def forget_sheets(self) -> None:
        """A new file: forget the sheets offered for the last one."""
        self.sheet.clear()
        self.sheet.hide()

    def read(self) -> None:
        """Read the chosen file on the thread pool; the preview appears when it is done."""
        path = Path(self.path.text().strip())
        if self.as_draft.isChecked():
            self.read_draft(path)
            return
        sheet = self.sheet.currentData()
        self.start_reading(f"Reading {path.name}…")

        def done(result: Read) -> None:
            self.reading = False
            if isinstance(result, SheetsToChoose):
                if not self.sheet.count():
                    self.sheet.addItem("Choose the sheet…", None)
                    for name in result.sheets:
                        self.sheet.addItem(name, name)
                self.sheet.show()
                self.preview.setPlainText(
                    f"{path.name} has plans on several sheets. Choose the sheet to import "
                    "in the list beside the file name."
                )
                self.sheet.setFocus()
                return
            self.result = result
            self.choices.reset()
            if isinstance(result, Return) and self.into is None:
                tip = Qt.ItemDataRole.ToolTipRole  # the full title; the list shows short names
                written_for = self.target.findData(result.plan_title, tip)
                if written_for >= 0:
                    self.target.setCurrentIndex(written_for)
            self.show_preview()

        def failed(exc: Exception) -> None:
            message = self.reading_failed(path, exc)
            if "draft plan can be made" in message:
                message += "\n\nChoose “as a draft from a report” above to draft one."
                self.as_draft.setFocus()
            self.preview.setPlainText(f"Could not read {message}")

        job = run_in_background(
            self,
            f"Reading {path.name}…",
            lambda: importing.read_file(path, sheet),
            done,
            self.reading_cancelled,
        )
        job.on_failed = failed

    def start_reading(self, saying: str) -> None:
        """Forget the last file's reading and say what is being read; Import waits for it."""
        self.result = None
        self.draft = None
        self.previewed = None
        self.import_button.setEnabled(False)
        self.preview.setPlainText(saying)
        self.findings.fill([])
        self.reading = True

    def reading_cancelled(self) -> None:
        self.reading = False
        self.preview.setPlainText("Reading was cancelled.")

    def reading_failed(self, path: Path, exc: Exception) -> str:
        """The sentence for a file that could not be read, naming the file (as a rule it does
        already)."""
        self.reading = False
        message = message_for(exc)
        return message if message.startswith(path.name) else f"{path.name}: {message}"

    def read_draft(self, path: Path) -> None:
        """Draft a plan from the report on the thread pool; show it when done."""
        self.start_reading(f"Reading {path.name} for its recommendations…")

        def done(draft: ImportResult) -> None:
            self.reading = False
            self.draft = draft
            self.show_preview()

        def failed(exc: Exception) -> None:
            message = self.reading_failed(path, exc)
            self.preview.setPlainText(f"Could not draft a plan: {message}")

        job = run_in_background(
            self,
            f"Reading {path.name}…",
            lambda: drafting.read_draft(path),
            done,
            self.reading_cancelled,
        )
        job.on_failed = failed

    def show_draft(self, draft: ImportResult) -> None:
        """The draft's items, as they will be stored: nothing is written until confirmed."""
        plan = draft.plan
        lines = [f"Draft plan: {plan.title} ({len(plan.recommendations)} items)", ""]
        section = None
        for rec in plan.recommendations:
            if rec.section != section and rec.section:
                lines += ["", rec.section]
            section = rec.section
            kind = "" if rec.kind == "recommendation" else f" ({rec.kind})"
            decision = f" [{rec.decision}]" if rec.decision else ""
            lines.append(f"{rec.ref}{kind}{decision}: {rec.text}")
        self.preview.setPlainText("\n".join(lines))
        self.show_findings(draft.findings)
        doubts = len(draft.warnings)
        self.verdict.setText(
            "Nothing is stored until you press Create draft; the draft then opens for you to "
            "check and complete."
            + (f" Check the {doubts} item(s) listed below first." if doubts else "")
        )
        self.import_button.setText("&Create draft")
        self.import_button.setEnabled(bool(plan.recommendations))

    def show_preview(self) -> None:
        self.choices.setVisible(not self.as_draft.isChecked())
        if self.as_draft.isChecked():
            if self.draft is not None:
                self.show_draft(self.draft)
            return
        if self.result is None or isinstance(self.result, SheetsToChoose):
            return
        self.previewed = None
        is_a_return = isinstance(self.result, Return)
        self.as_new.setEnabled(not is_a_return)
        self.import_button.setText("&Record updates" if is_a_return else "&Import")
        if is_a_return:
            if not self.target.count():
                self.preview.setPlainText("This is a progress return: import its plan first.")
                self.verdict.setText("A progress return can only be recorded in an existing plan.")
                self.import_button.setEnabled(False)
                return
            self.as_merge.setChecked(True)
        merging = self.as_merge.isChecked() and self.target.count()
        into = self.target.currentData() if merging else None
        path = Path(self.path.text().strip())
        if self.result_is_a_stored_plan(path, into):
            return  # merging into the stored plan of that title is proposed: previewed again
        self.previewed = self.choices.preview(self.store, path, self.result, into)
        self.show_findings(self.previewed.findings)
        self.preview.setPlainText(self.previewed.text)
        self.verdict.setText(self.previewed.verdict)
        self.import_button.setEnabled(self.previewed.can_commit)

    def show_findings(self, findings: list[Finding]) -> None:
        """Errors, then warnings, then notes (a warning listed after a hundred notes was
        missed), each finding in full: the Finding column wraps and its rows grow to fit,
        measured once here (a file has at most a few hundred findings worth reading)."""
        order = {"error": 0, "warning": 1}
        found = sorted(findings, key=lambda f: order.get(f.severity, 2))
        table = self.findings
        table.fill([(f.severity, f.sheet, f.row, f.column, f.message) for f in found])
        table.setWordWrap(True)
        for column in range(table.columnCount() - 1):
            table.resizeColumnToContents(column)
        if len(found) <= 500:
            table.resizeRowsToContents()

    def result_is_a_stored_plan(self, path: Path, into: int | None) -> bool:
        """For a plan read to import as new whose title a stored plan has, propose the merge
        into that plan once (the person can still choose a second plan of that title)."""
        if into is not None or isinstance(self.result, Return) or self.choices.proposed:
            return False
        self.choices.proposed = True
        assert self.result is not None and not isinstance(self.result, SheetsToChoose)
        same = importing.preview(self.store, path, self.result).same_title
        if not same or self.target.findData(same[0]) < 0:
            return False
        self.target.setCurrentIndex(self.target.findData(same[0]))
        self.as_merge.setChecked(True)
        self.show_preview()
        return True

    def confirm(self) -> None:
        """Write the plan, the merge, the updates or the draft in one step, after a backup;
        then close."""
        if not self.import_button.isEnabled():
            return
        if self.as_draft.isChecked() and self.draft is not None:
            try:
                drafted = drafting.commit_draft(self.store, self.draft)
            except (BadInput, OSError, sqlite3.Error) as exc:
                show_error(self, exc)
                return
            self.committed = importing.Committed(
                drafted.plan_id, "draft", drafted.backup, drafted.changed
            )
            self.imported.emit(drafted.plan_id)
            self.accept()
            return
        if self.previewed is None:
            return
        try:
            done = importing.commit(self.store, self.previewed)
        except (BadInput, OSError, sqlite3.Error) as exc:  # e.g. another program is writing
            show_error(self, exc)
            return
        self.committed = done
        self.imported.emit(done.plan_id)
        self.accept()
