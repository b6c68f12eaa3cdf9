"""The detail editor: a form for the selected plan, recommendation or action.

A form never writes to the store. It loads an item's values, and `edited()` returns the fields
a person changed as (old, new) dictionaries; the window turns those into one undoable command.
The window asks whenever an edit is finished: Return or Tab in a line, leaving a text box,
choosing in a list, Ctrl+Return anywhere in the form, or selecting another row.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.form import (
    Form,
    OwnersCompleter,
    choice,
    set_choice,
    split_owners,
)
from actionplans.storage.dates import parse_uk_date, uk_date
from actionplans.storage.model import DECISIONS, REASONS, STATUSES, Action, Plan, Recommendation
from actionplans.storage.rules import current_status, target_label
from actionplans.storage.store import PLAN_FIELDS
from actionplans.storage.vocabulary import status_label

MARKINGS = ("", "OFFICIAL", "OFFICIAL-SENSITIVE")


class PlanForm(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.line("Title", "plan_title")
        self.responds_to = self.line("Responds to", "plan_responds_to")
        self.report_published = self.line("Report pub&lished", "plan_report_published")
        self.submitted = self.line("Submitted", "plan_submitted")
        for edit in (self.report_published, self.submitted):
            edit.setPlaceholderText("e.g. 17 December 2018 or 17/12/2018")
        self.notice = self.text_box("Notice", "plan_notice", lines=3)
        self.marking = self.combo("Protective &marking", "plan_marking", MARKINGS, editable=True)
        self.marking.setToolTip("Printed on every page of the PDF, e.g. OFFICIAL-SENSITIVE")

    def show_values(self, values: dict) -> None:
        self.title.setText(values["title"])
        self.responds_to.setText(values["responds_to"] or "")
        self.report_published.setText(uk_date(values["report_published"]))
        self.submitted.setText(uk_date(values["submitted"]))
        self.notice.setPlainText(values["notice"] or "")
        self.marking.setCurrentText(values["marking"] or "")

    def read_values(self) -> dict:
        return {
            "title": self.title.text().strip(),
            "responds_to": self.responds_to.text().strip() or None,
            "report_published": parse_uk_date(self.report_published.text(), "publication date"),
            "submitted": parse_uk_date(self.submitted.text(), "submission date"),
            "notice": self.notice.toPlainText().strip() or None,
            "marking": self.marking.currentText().strip() or None,
        }

    @staticmethod
    def values_of(plan: Plan) -> dict:
        return {k: getattr(plan, k) for k in PLAN_FIELDS}


class SectionForm(Form):
    """A section heading: its title is all a heading has. The window turns a new title into a
    rename, which merges the section into another heading of the plan of that title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.line("Section heading", "section_title")
        self.about = QLabel(self)
        self.about.setObjectName("section_about")
        self.about.setWordWrap(True)
        self.layout_.addRow("", self.about)

    def show_values(self, values: dict) -> None:
        self.title.setText(values["title"])
        count = values["count"]
        self.about.setText(
            f"{count} recommendation{'s' if count != 1 else ''} under this heading. "
            "Giving it the title of another heading of this plan merges the two.\n\n"
            "Delete removes the heading only: its recommendations stay, under the heading "
            "above. Ctrl+Up and Ctrl+Down, or dragging the heading, move the section with "
            "its recommendations."
        )

    def read_values(self) -> dict:
        return {"title": self.title.text().strip()}

    @staticmethod
    def values_of(plan: Plan, title: str) -> dict:
        return {"title": title, "count": sum(r.section == title for r in plan.recommendations)}


class RecommendationForm(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = self.line("Rec &No", "rec_ref")
        self.section = self.combo("Section heading", "rec_section", (), editable=True)
        self.text = self.text_box("Recommendation", "rec_text", lines=8)
        self.decision = self.combo("Dec&ision", "rec_decision", DECISIONS)
        self.reason = self.combo("Re&ason", "rec_reason", REASONS)
        self.reason.setToolTip("Why a recommendation is only partly agreed or not agreed")

    def set_sections(self, sections: list[str]) -> None:
        self.section.blockSignals(True)
        current = self.section.currentText()
        self.section.clear()
        self.section.addItems(["", *sections])
        self.section.setCurrentText(current)
        self.section.blockSignals(False)

    def show_values(self, values: dict) -> None:
        self.ref.setText(values["ref"])
        self.section.setCurrentText(values["section"] or "")
        self.text.setPlainText(values["text"])
        set_choice(self.decision, values["decision"])
        set_choice(self.reason, values["reason"])

    def read_values(self) -> dict:
        return {
            "ref": self.ref.text().strip(),
            "section": self.section.currentText().strip() or None,
            "text": self.text.toPlainText().strip(),
            "decision": choice(self.decision),
            "reason": choice(self.reason),
        }

    @staticmethod
    def values_of(rec: Recommendation) -> dict:
        return {k: getattr(rec, k) for k in ("ref", "section", "text", "decision", "reason")}


class ActionForm(Form):
    """An action's agreed text, owners, target and status.

    Once an action has progress updates its status is the latest update's: the form then shows
    that status read-only and points to "Add update…" instead of editing the starting status.
    """

    add_update_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monitored = False
        # The recommendation this action answers, read-only above the response, so the
        # response can be written against it without going back to the plan.
        self.answers = QLabel(self)
        self.answers.setObjectName("action_answers")
        self.answers.setWordWrap(True)
        self.answers.setTextFormat(Qt.TextFormat.PlainText)
        self.answers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        italic = self.answers.font()
        italic.setItalic(True)
        self.answers.setFont(italic)
        self.layout_.addRow("Answers:", self.answers)
        self.text = self.text_box("Response", "action_text", lines=8)
        self.owners = self.line("O&wner(s)", "action_owners")
        self.owners.setPlaceholderText("Separate owners with ;")
        self.owner_names = QStringListModel(self)
        completer = OwnersCompleter(self.owner_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owners.setCompleter(completer)
        self.target = self.line("Target date", "action_target")
        self.target.setPlaceholderText("e.g. March 2019, 31/3/19, Q1 2019/20, Ongoing")
        self.target.textChanged.connect(self.show_understood)
        self.understood = QLabel(self)
        self.understood.setObjectName("action_target_understood")
        self.understood.setWordWrap(True)
        self.layout_.addRow("", self.understood)
        self.status = self.combo("Status", "action_status", ())
        self.status.clear()
        for status in STATUSES:
            self.status.addItem(status_label(status), status)
        self.progress = QLabel(self)
        self.progress.setObjectName("action_progress")
        self.progress.setWordWrap(True)
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.add_update = QPushButton("Add &update…", self)
        self.add_update.setObjectName("action_add_update")
        self.add_update.setToolTip("Record a dated progress update (Ctrl+U)")
        self.add_update.clicked.connect(self.add_update_requested)
        self.layout_.addRow("Progress:", self.progress)
        self.layout_.addRow("", self.add_update)

    def show_recommendation(self, rec: Recommendation) -> None:
        """The recommendation this action answers, its Rec No first (cut after 600 letters:
        the plan shows it whole)."""
        text = " ".join(rec.text.split())
        cut = text if len(text) <= 600 else text[:600].rsplit(" ", 1)[0] + "…"
        self.answers.setText(f"{rec.ref}. {cut}" if rec.ref else cut)

    def show_progress(self, action: Action) -> None:
        """Say where the status comes from; hide the status choice once updates decide it."""
        self.monitored = bool(action.updates)
        self.layout_.setRowVisible(self.status, not self.monitored)
        latest = action.latest
        if latest is None:
            self.progress.setText(
                "No progress updates yet. The status above is where the action starts; "
                "from the first update on, the updates decide it."
            )
            return
        status = status_label(current_status(action))
        count = len(action.updates)
        self.progress.setText(
            f"{status}, from the latest of {count} update{'s' if count != 1 else ''} "
            f"({uk_date(latest.on_date)}). To change the status, add an update."
        )

    def set_owner_names(self, names: list[str]) -> None:
        self.owner_names.setStringList(names)

    def show_understood(self, text: str) -> None:
        from actionplans.usecases.editing import target_understood

        self.understood.setText(target_understood(text))

    def show_values(self, values: dict) -> None:
        self.text.setPlainText(values["text"])
        self.owners.setText("; ".join(values["owners"]))
        typed = target_label(values["target"], values["target_text"], blank="")
        self.target.setText(typed)
        self.show_understood(typed)
        self.status.setCurrentIndex(max(self.status.findData(values["status"]), 0))

    def read_values(self) -> dict:
        typed = " ".join(self.target.text().split())
        values = {
            "text": self.text.toPlainText().strip(),
            "owners": split_owners(self.owners.text()),
        }
        if not self.monitored:  # an action with updates takes its status from them
            values["status"] = self.status.currentData()
        shown = target_label(
            self.original.get("target"), self.original.get("target_text"), blank=""
        )
        if typed != shown:
            from actionplans.usecases.editing import typed_target

            target = typed_target(typed)
            if self.monitored:  # its updates decide its status, not the words of its target
                target.pop("status", None)
            values.update(target)
        else:
            values["target"] = self.original.get("target")
            values["target_text"] = self.original.get("target_text")
        return values

    @staticmethod
    def values_of(action: Action) -> dict:
        return {
            k: getattr(action, k) for k in ("text", "owners", "target", "target_text", "status")
        }
