"""The detail editor: a form for the selected plan, recommendation or action.

A form never writes to the store. It loads an item's values, and `edited()` returns the fields
a person changed as (old, new) dictionaries; the window turns those into one undoable command.
The window asks whenever an edit is finished: Return or Tab in a line, leaving a text box,
choosing in a list, Ctrl+Return anywhere in the form, or selecting another row.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from storage.dates import parse_uk_date, uk_date
from storage.model import DECISIONS, REASONS, STATUSES, Action, Plan, Recommendation
from storage.rules import current_status, target_label
from storage.store import PLAN_FIELDS
from storage.vocabulary import status_label

NONE_CHOICE = "—"
MARKINGS = ("", "OFFICIAL", "OFFICIAL-SENSITIVE")


def typed_target(typed: str) -> dict:
    """The action fields a typed target sets: the date as understood, the words as typed, and
    Completed when the words say so ("Completed", "Done")."""
    from importers.targets import parse_target  # on first use: the window opens sooner

    parsed = parse_target(typed)
    fields: dict = {"target": parsed.target, "target_text": typed}
    if parsed.completed:
        fields["status"] = "completed"
    return fields


def split_owners(text: str) -> list[str]:
    return [o.strip() for o in re.split(r"[;\n]", text) if o.strip()]


class OwnersCompleter(QCompleter):
    """Completes the owner being typed after the last ';', keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(";")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        done = self.widget().text().split(";")[:-1]
        return "; ".join([*(d.strip() for d in done), index.data()])


def _with_key(label: str) -> str:
    """A field's label with its Alt+letter: the one marked with '&', else the first letter.

    Marked by hand where the first letter is taken, in the form or in the window around it
    (the menus F, E, P, V, H and the filter bar's O and D), since Alt on a letter two labels
    share only takes turns between them.
    """
    return (label if "&" in label else f"&{label}") + ":"


def _plain(label: str) -> str:
    return label.replace("&", "")


class Form(QWidget):
    """Base of the three forms: named widgets read and written through small adapters."""

    commit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.original: dict = {}
        self.shown: list[str] = []  # the fields' texts as `load` left them
        # The widgets whose signals `load` holds back, kept here rather than found with
        # findChildren(QWidget): PySide's first wrapping of a child it has not met (a text box's
        # plain-QWidget viewport) makes every QtWidgets class and its enums, ~8 ms the window's
        # first paint need not wait for.
        self.fields: list[QWidget] = []
        self.inputs: list[QLineEdit | QPlainTextEdit | QComboBox] = []  # one per field shown
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.commit_requested)

    def line(self, label: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(_plain(label))
        edit.editingFinished.connect(self.commit_requested)
        self.layout_.addRow(_with_key(label), edit)
        self.fields.append(edit)
        self.inputs.append(edit)
        return edit

    def text_box(self, label: str, name: str, lines: int = 6) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setAccessibleName(_plain(label))
        box.setTabChangesFocus(True)
        box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines)
        box.installEventFilter(self)
        self.layout_.addRow(_with_key(label), box)
        self.fields.append(box)
        self.inputs.append(box)
        return box

    def combo(self, label: str, name: str, choices: tuple[str, ...], editable=False) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(_plain(label))
        combo.setEditable(editable)
        combo.addItems([NONE_CHOICE, *choices] if not editable else list(choices))
        self.fields.append(combo)
        self.inputs.append(combo)
        if editable:
            self.fields.append(combo.lineEdit())
            combo.lineEdit().editingFinished.connect(self.commit_requested)
        else:
            combo.activated.connect(self.commit_requested)
        self.layout_.addRow(_with_key(label), combo)
        return combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, QPlainTextEdit):
            self.commit_requested.emit()
        return super().eventFilter(watched, event)

    def load(self, values: dict) -> None:
        self.original = dict(values)
        for widget in self.fields:
            widget.blockSignals(True)
        try:
            self.show_values(values)
            for edit in self.fields:
                if isinstance(edit, QLineEdit):
                    edit.setCursorPosition(0)  # show the start of a long title, not its end
            self.shown = self._texts()
        finally:
            for widget in self.fields:
                widget.blockSignals(False)

    def _texts(self) -> list[str]:
        return [
            field.toPlainText()
            if isinstance(field, QPlainTextEdit)
            else field.currentText()
            if isinstance(field, QComboBox)
            else field.text()
            for field in self.inputs
        ]

    def focus_first(self) -> None:
        """Put the cursor in the form's first field (F2 in the plan view)."""
        field = self.layout_.itemAt(0, QFormLayout.ItemRole.FieldRole).widget()
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def edited(self) -> tuple[dict, dict]:
        """(old, new) values of the fields that differ from what was loaded; may raise BadInput.

        A form nobody typed in changes nothing, without reading its fields back: a value an
        older version stored (a submission date of 30 February) shows as written and must not
        raise an error each time the person moves on from it (issue 17)."""
        if self._texts() == self.shown:
            return {}, {}
        now = self.read_values()
        changed = [k for k, v in now.items() if self.original.get(k) != v]
        return {k: self.original.get(k) for k in changed}, {k: now[k] for k in changed}

    def show_values(self, values: dict) -> None:
        raise NotImplementedError

    def read_values(self) -> dict:
        raise NotImplementedError


def _set_choice(combo: QComboBox, value: str | None) -> None:
    combo.setCurrentIndex(max(combo.findText(value or NONE_CHOICE), 0))


def _choice(combo: QComboBox) -> str | None:
    text = combo.currentText()
    return None if text == NONE_CHOICE else text


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
        _set_choice(self.decision, values["decision"])
        _set_choice(self.reason, values["reason"])

    def read_values(self) -> dict:
        return {
            "ref": self.ref.text().strip(),
            "section": self.section.currentText().strip() or None,
            "text": self.text.toPlainText().strip(),
            "decision": _choice(self.decision),
            "reason": _choice(self.reason),
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
        from importers.targets import parse_target

        parsed = parse_target(text)
        if not text.strip():
            self.understood.setText("No target date")
        elif not parsed.understood:
            self.understood.setText("Not a date I know: it will be kept as typed, with no date")
        elif parsed.completed:
            self.understood.setText("Understood as: completed")
        else:
            self.understood.setText(f"Understood as: {target_label(parsed.target)}")

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
