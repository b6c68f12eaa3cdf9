"""Send returns…: choose the plans, the folder, the return-by date and the return-to address,
and whether to draft chaser e-mails; then the returns are written off the GUI thread.

The return-by date and address start as the ones the last returns carried
(`usecases.returns.remembered`), and what the person sends is remembered for next time, as the
command does. The workbooks are written into a private folder first and then moved beside
whatever the chosen folder already holds, numbered past it: a return sent earlier (perhaps an
owner's filled copy) is never replaced, and Cancel or a failure leaves the folder as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.errors import show_error
from actionplans.gui.export import put_in_place
from actionplans.gui.panels import PlanChecklist
from actionplans.gui.widgets import DateField, dialog_buttons
from actionplans.gui.worker import run_in_background
from actionplans.storage.model import Plan
from actionplans.storage.store import PlanRow
from actionplans.usecases.returns import ReturnSettings


@dataclass(frozen=True)
class ReturnsChosen:
    """What the dialog asks for, as `usecases.returns` takes it."""

    plan_ids: list[int]
    folder: Path
    settings: ReturnSettings
    chasers: bool


class SendReturnsDialog(QDialog):
    def __init__(
        self,
        rows: list[PlanRow],
        chosen: int | None,
        folder: str,
        settings: ReturnSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Send returns")
        self.plans = PlanChecklist(rows, chosen, "Plans to send returns for", self)
        self.folder = QLineEdit(folder, self)
        self.folder.setAccessibleName("Folder for the returns")
        choose = QPushButton("C&hoose…", self)
        choose.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.use_return_by = QCheckBox("Return &by", self)
        remembered = QDate.fromString(settings.return_by or "", "yyyy-MM-dd")
        self.use_return_by.setChecked(remembered.isValid() and remembered >= QDate.currentDate())
        self.return_by = DateField(
            remembered if self.use_return_by.isChecked() else QDate.currentDate().addDays(21),
            self,
        )
        self.return_by.setAccessibleName("Return-by date")
        self.return_to = QLineEdit(settings.return_to or "", self)
        self.return_to.setAccessibleName("Return-to address")
        self.return_to.setPlaceholderText("e.g. secretary@board.example")
        self.chasers = QCheckBox("Also draft a &chaser e-mail for each owner (nothing is sent)")
        self.chasers.setToolTip(
            "An .eml file beside each return, with the return attached: Outlook opens it as a "
            "new message"
        )
        form = QFormLayout()
        form.addRow("&Plans:", self.plans)
        form.addRow(QLabel("&Folder:", self, buddy=self.folder), folder_row)
        form.addRow(self.use_return_by, self.return_by)
        form.addRow("Return &to:", self.return_to)
        form.addRow("", self.chasers)
        buttons, _ = dialog_buttons(self, "&Write returns")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Choose a folder for the owners' workbooks", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def accept(self) -> None:
        """Go ahead only with a plan ticked and a folder named; otherwise say which is
        missing and keep what was typed."""
        if not self.plans.ticked_ids():
            show_error(self, "Tick at least one plan to send returns for.")
            return
        if not self.folder.text().strip():
            show_error(self, "Choose the folder to write the returns into.")
            return
        super().accept()

    def values(self) -> ReturnsChosen:
        return_by = (
            self.return_by.date().toPython().isoformat() if self.use_return_by.isChecked() else None
        )
        return ReturnsChosen(
            self.plans.ticked_ids(),
            Path(self.folder.text().strip()),
            ReturnSettings(return_by, self.return_to.text().strip() or None),
            self.chasers.isChecked(),
        )


def write_returns_in_background(
    parent: QWidget,
    plans: list[Plan],
    chosen: ReturnsChosen,
    on_written: Callable[[list[Path]], None],
) -> None:
    """Write the returns (and chasers) into a private folder off the GUI thread, numbered past
    the files already in the chosen folder, then move them there."""
    from actionplans.usecases.returns import write_returns

    folder = chosen.folder
    try:
        there = frozenset(p.name.lower() for p in folder.iterdir()) if folder.is_dir() else None
    except OSError as exc:
        show_error(parent, exc)
        return
    scratch = Path(tempfile.mkdtemp(prefix="actionplans-returns-"))

    def work() -> list[Path]:
        return write_returns(
            plans,
            scratch,
            settings=chosen.settings,
            chasers=chosen.chasers,
            today=date.today(),
            avoid=there or frozenset(),
        )

    def done(paths: list[Path]) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            show_error(parent, exc)
            return
        moved: list[Path] = []
        for path in paths:
            target = folder / path.name
            if target.exists():  # put there since the folder was read: never replaced
                show_error(parent, f"{target}: a file of that name appeared; not replaced.")
                break
            if not put_in_place(parent, path, target):
                break
            moved.append(target)
        on_written(moved)

    run_in_background(
        parent,
        f"Writing progress returns for {len(plans)} plan(s)…",
        work,
        done,
        cleanup=lambda: shutil.rmtree(scratch, ignore_errors=True),
    )
