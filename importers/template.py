"""The six-column action-plan template, read from a spreadsheet the way a careful person reads it.

The rules are those of "Reading a plan" in docs/plan-json.md: the lines
above the header give the title, dates and notice; page furniture is skipped; single-cell rows
are section headings; rows without a Rec No continue the row above (a page break) or add an
action (a progress return); each row's response becomes one action or, when its items and date
lines pair up, several. Whatever rule fires on a doubtful row becomes a Finding with its row and
column so the person can check it; nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from actionplans.importers.documents import (
    DocumentBook,
    located,
    made_by_this_program,
    open_plan_file,
)
from actionplans.importers.findings import Finding, ImportResult
from actionplans.importers.headers import (
    DESCRIPTIONS,
    EXPECTED,
    KNOWN_EXTRA,
    Header,
    find_header,
    header_words,
    is_header,
    read_header,
)
from actionplans.importers.kinds import kind_label, kind_named, kind_of_ref
from actionplans.importers.targets import ParsedTarget, date_cell_target, parse_target
from actionplans.importers.text import (
    SENTENCE_END,
    cell_text,
    ends_mid_sentence,
    first_raw_line,
    lines,
    starts_item,
)
from actionplans.importers.workbook import HEAD_ROWS, Grid, Workbook, column_letter
from actionplans.storage.bulk import cycle_collection_paused
from actionplans.storage.errors import BadInput
from actionplans.storage.model import REASONS, Action, Plan, Recommendation, Update
from actionplans.storage.return_form import RAG_WORDS
from actionplans.storage.rules import target_end
from actionplans.storage.vocabulary import DECISION_OF, read_decision, read_status

# A return's columns read as each action's dated progress update.
_READ_AS_UPDATE = ("progress", "rag", "updated")


_NOT_WORD = re.compile(r"[^\w]+")


def _words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


_SUMMARY_LABELS = {**DECISION_OF, "total": "Total", "undecided": "Undecided"}
# Words of the caption rows above a summary block ("Summary", "Decision | Number | %") and
# the filler around its labels ("Total number of recommendations", "Number agreed").
_SUMMARY_CAPTIONS = {
    "recommendations",
    "concerns",
    "summary",
    "summary of recommendations",
    "totals",
    "decision",
    "decisions",
    "number",
    "no",
    "count",
    "percentage",
    "number of recommendations",
    "",
}
_SUMMARY_FILLER = {
    "number",
    "of",
    "recommendations",
    "recommendation",
    "concerns",
    "concern",
    "no",
    "the",
}
_PERCENT = re.compile(r"^\d{1,3}(?:\.\d+)?\s*%$")
_REF_LIKE = re.compile(r"^[(\[]?(?:[a-z]{1,3}\.?\s?)?\d{1,3}[a-z0-9().\-]{0,8}[)\]]?\.?$", re.I)
_DASHES = re.compile(r"^[\s\-–—_=.]+$")
# Page numbers and protective markings a PDF or Word conversion leaves between rows:
# "Page 2 of 7", "2 of 7", "- 2 -", "OFFICIAL", "OFFICIAL - SENSITIVE".
_MARKING = re.compile(r"\bofficial(?:\s*[-–]?\s*sensitive)?\b", re.I)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}|[-–]\s*\d{1,4}\s*[-–])?$",
    re.I,
)
# The labelled lines above the table. "Submission" and "Publication" name a date only as
# "Submission date", "Date of publication" or a label with a colon ("Publication: May 2020"):
# "Submission of returns is due..." is a notice, and "Published by HMIP" or "Submitted by the
# Prison Group" says who, not when.
# "In response to X" names the report only when X is a name: a sentence going on after a
# comma or ending in a full stop ("In response to the report HMPPS are required to...") is
# prose, as in the real plans' introductions.
_DATE_OF = r"(?:date\s+(?:of\s+)?)"
_LABELS = (
    (
        "submitted",
        re.compile(
            rf"^(?:(?:action\s+)?plan\s+)?(?:{_DATE_OF}?submitted|{_DATE_OF}submission"
            r"|submission(?:\s+date|(?=\s*[:\-–])))\b(?!\s+by\b)(?:\s+on\b)?\s*[:\-–]?\s*",
            re.I,
        ),
    ),
    (
        "report_published",
        re.compile(
            rf"^(?:(?:{_DATE_OF}?(?:the\s+)?(?:report\s+)?published)"
            rf"|{_DATE_OF}(?:the\s+)?(?:report\s+)?publication"
            r"|(?:the\s+)?(?:report\s+)?publication(?:\s+date|(?=\s*[:\-–])))\b(?!\s+by\b)"
            r"(?:\s+of\s+(?:the\s+)?report)?(?:\s+on\b)?\s*[:\-–]?\s*",
            re.I,
        ),
    ),
    (
        "responds_to",
        re.compile(
            r"^(?:an?\s+response\s+to\b\s*[:\-–]?"
            r"|(?:in\s+)?response\s+to\s*[:\-–]"
            r"|in\s+response\s+to\s+(?=[^,]*[^,.\s]\s*$))\s*(?:the\s+)?",
            re.I,
        ),
    ),
)


# Front matter of a published plan: the organisation's name from the logo, a lone heading.
_FRONT_MATTER = re.compile(
    r"^(?:hm\s+prisons?\s*(?:&|and)\s*probation\s+service|his majesty'?s prison and probation "
    r"service|hmpps|ministry\s+of\s+justice|introduction|contents|definitions|background|"
    r"term\s+definition(?:\s+additional\s+comment)?)$",
    re.I,
)
DOCUMENT_HEAD_ROWS = 300  # paragraphs and rows before a document's plan table
_REASON_LINE = re.compile(r"\breason\s*:\s*", re.I)
# "2 (continued)", "2 cont'd": a Rec No printed again where a row carries over a page (the
# PDF reader asks it too, of a cell at the top of a page).
CONTINUED = re.compile(r"^(.+?)\s*\(?\b(?:continued|cont\.?|cont'd|contd)\)?$", re.I)
_ACTION_PLAN = re.compile(r"^\s*(?:action\s+plan|cynllun\s+gweithredu)\b", re.I)
_LONGEST_TITLE = 300  # characters: a longer line above the table is prose, not a title


@dataclass
class _Block:
    """One row of the table after page-break joins: becomes one action or several."""

    row: int
    response: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    targets: list[tuple[str, ParsedTarget]] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    inherited_owners: bool = False
    progress: list[str] = field(default_factory=list)  # a return's progress update column
    rag: list[str] = field(default_factory=list)
    updated: object = None  # the date of that update, as the cell holds it


@dataclass
class _Rec:
    row: int
    ref: str
    section: str | None
    kind: str = "recommendation"
    text: list[str] = field(default_factory=list)
    decision: str | None = None
    reason: str | None = None
    blocks: list[_Block] = field(default_factory=list)


class _SheetReader:
    """Reads one sheet's rows top to bottom into recommendations, collecting findings."""

    def __init__(self, path: Path, grid: Grid, header: Header, *, join_blocks: bool = False):
        self.path = path
        self.grid = grid
        self.header = header
        self.findings: list[Finding] = []
        self.meta: dict[str, str | None] = dict.fromkeys(
            ("title", "responds_to", "report_published", "submitted", "notice")
        )
        self.recs: list[_Rec] = []
        self.current: _Rec | None = None
        self.section: str | None = None
        self.kind: str | None = None  # the kind the nearest heading naming one gives
        self.summary: dict[str, tuple[int, int]] = {}  # label -> (count, row)
        self.merged_starts = {
            (m.min_row, m.min_col)
            for m in grid.merged
            if m.max_col > m.min_col and m.min_row > header.row
        }
        self.col = dict(header.columns)
        self.joined: list[tuple[int, int]] = []  # merged blocks read as one row (top, bottom)
        if join_blocks:
            self.join_merged_blocks()  # first: a cell merged down a block is the block's once
        self.fill_merged_down()

    def join_merged_blocks(self) -> None:
        """A Word table pasted into a spreadsheet: one table row over several sheet rows, the
        Rec No merged down the block and each paragraph of the other cells on a row of its own.
        The block is one row of the table: each column's cells are joined, in order, as lines,
        then read as items, owners and date lines like any row (docs/plan-json.md, "Merged
        blocks"). Not done for this program's own workbooks (see `read_template`).
        """
        ref = self.col.get("ref")
        if ref is None:
            return
        rows = self.grid.rows
        for merged in self.grid.merged:
            top, bottom = merged.min_row, min(merged.max_row, len(rows))
            if merged.min_col != ref + 1 or bottom <= top or top <= self.header.row:
                continue
            block = rows[top - 1 : bottom]
            width = max(len(r) for r in block)
            joined = [
                [r[column] for r in block if column < len(r) and r[column] is not None]
                for column in range(width)
            ]
            rows[top - 1] = [
                None
                if not cells
                else cells[0]
                if len(cells) == 1
                else "\n".join(cell_text(v) for v in cells)
                for cells in joined
            ]
            for number in range(top + 1, bottom + 1):
                rows[number - 1] = [None] * len(rows[number - 1])
            self.joined.append((top, bottom))

    def fill_merged_down(self) -> None:
        """Give each action row beside an owner, target or status cell merged down the rows
        that cell's value: a person reads the merged cell as belonging to every row it spans.

        Without this the rows below the first would have no owner or date of their own and be
        read as response text carried over a page break. A row that carries the recommendation
        on (its text with no Rec No) is joined to the row above, which already has the value:
        given it again, the action would have the owner twice and two target dates.
        """
        columns = {self.col[role] + 1 for role in ("owner", "target", "status") if role in self.col}
        response = self.col.get("response")
        ref, text = self.col.get("ref"), self.col.get("text")
        rows = self.grid.rows
        for merged in self.grid.merged:
            column, top = merged.min_col, merged.min_row
            if column not in columns or merged.max_row == top or top <= self.header.row:
                continue
            value = rows[top - 1][column - 1] if top <= len(rows) else None
            if value is None:
                continue
            for number in range(top + 1, min(merged.max_row, len(rows)) + 1):
                values = rows[number - 1]
                carried_over = (
                    text is not None
                    and values[text] is not None
                    and (ref is None or values[ref] is None)
                )
                if response is not None and values[response] is not None and not carried_over:
                    values[column - 1] = value
                    if (top, column) in self.grid.date_formats:
                        self.grid.date_formats[(number, column)] = self.grid.date_formats[
                            (top, column)
                        ]

    # -- findings ---------------------------------------------------------------------------

    def add(
        self,
        severity: str,
        row: int | None,
        message: str,
        role: str | None = None,
        column: int | None = None,
    ) -> None:
        index = self.col.get(role) if role else column
        letter = column_letter(index + 1) if index is not None else None
        part, shown = located(self.grid, row)
        prefix = f"Row {shown}: " if shown else ""
        if part != self.grid.name:
            prefix = f"{part.capitalize()}, row {shown}: "
        finding = Finding(severity, prefix + message, part, shown, letter)
        if finding not in self.findings[-3:]:  # a row's actions read apart say it once
            self.findings.append(finding)

    # -- the whole sheet --------------------------------------------------------------------

    def read(self) -> ImportResult:
        self.read_columns()
        self.read_above()
        for top, bottom in self.joined:
            self.add(
                "note",
                top,
                f"rows {top} to {bottom} read as one row of the table (a table pasted from "
                "Word, its Rec No merged down them).",
            )
        rows = self.grid.rows
        captions: list[tuple[int, list[object], dict[int, object]]] = []
        for number in range(self.header.row + 1, len(rows) + 1):
            values = rows[number - 1]
            filled = {i: v for i, v in enumerate(values) if v is not None and str(v).strip()}
            if not filled:
                continue
            if self.summary_line(number, filled):
                captions.clear()  # they were the summary block's captions
                continue
            if all(_words(cell_text(v)) in _SUMMARY_CAPTIONS for v in filled.values()):
                captions.append((number, values, filled))
                continue
            for caption in captions:
                self.row(*caption)
            captions.clear()
            self.row(number, values, filled)
        for caption in captions:
            self.row(*caption)
        self.report_uncached()
        plan = self.build()
        self.check_summary(plan)
        return ImportResult(plan, self.findings)

    def row(self, number: int, values: list[object], filled: dict[int, object]) -> None:
        """One row of the table that is not part of the summary block."""
        if self.furniture(number, values, filled):
            return
        if len(filled) == 1:
            index, value = next(iter(filled.items()))
            if self.single_cell(number, index, value):
                return
        cells = {role: filled[i] for role, i in self.col.items() if i in filled}
        self.table_row(number, cells)

    def read_columns(self) -> None:
        """Notes on header cells that are not the six columns, Status or Reason."""
        row = self.header.row
        for role in KNOWN_EXTRA:
            if role in _READ_AS_UPDATE:
                continue
            if role in DESCRIPTIONS and role in self.header.columns:
                index = self.header.columns[role]
                name = " ".join(lines(self.grid.rows[row - 1][index]))
                self.add(
                    "note",
                    row,
                    f"column '{name}' ({DESCRIPTIONS[role]}) is not "
                    "imported yet; it stays in the file.",
                    column=index,
                )
        for index, text in self.header.unknown:
            self.add(
                "note",
                row,
                f"column '{text}' is not one of the plan's columns and was not imported.",
                column=index,
            )
        for index, text, role in self.header.repeated:
            self.add(
                "note",
                row,
                f"column '{text}' repeats the {role} column and was not imported.",
                column=index,
            )

    # -- above the header -------------------------------------------------------------------

    def read_above(self) -> None:
        """Title, submitted and published dates, the report answered, and the notice.

        A published plan's front matter is passed over with a note: the organisation's name
        from its logo, an INTRODUCTION and its prose, the table of definitions above the plan's
        own table. The title is the first line naming the action plan ("Action Plan: ...")
        where there is one, else the first line; a second such line (the title repeated in
        capitals over the table) is not the notice. The notice is the line a page repeats
        among the rows, else the first other line.
        """
        header_part, _ = located(self.grid, self.header.row)
        lines_above: list[tuple[int, str]] = []
        for number, values in enumerate(self.grid.rows[: self.header.first - 1], 1):
            parts = [v for v in values if v is not None and str(v).strip()]
            if not parts:
                continue
            text = " ".join(line for v in parts for line in lines(v))
            part, _ = located(self.grid, number)
            if part.startswith("table ") and part != header_part:
                self.add("note", number, f"'{_short(text)}' (a table above the plan) was skipped.")
                continue
            if _page_furniture(text):
                self.add("note", number, "a page number or marking was skipped as page furniture.")
                continue
            for key, label in _LABELS:
                if match := label.match(text):
                    rest = text[match.end() :].strip()
                    if key == "responds_to":
                        self.meta[key] = rest or None
                    else:
                        self.meta[key] = self.label_date(number, parts, rest, key)
                    break
            else:
                if _FRONT_MATTER.match(text) or len(text) > _LONGEST_TITLE:
                    self.add("note", number, f"'{_short(text)}' above the table was skipped.")
                else:
                    lines_above.append((number, text))
        self.title_and_notice(lines_above)
        if self.meta["title"] is None:
            self.meta["title"] = self.path.stem
            self.add(
                "note",
                None,
                f"No title above the table; the plan is called '{self.path.stem}' after the file.",
            )

    def lone_cells(self) -> set[str]:
        """The words of every row below the header with one cell filled: where a page repeats
        the notice. Only asked when there are several lines the notice could be."""
        return {
            _words(" ".join(lines(filled[0])))
            for values in self.grid.rows[self.header.row :]
            if len(filled := [v for v in values if v is not None]) == 1
        }

    def title_and_notice(self, lines_above: list[tuple[int, str]]) -> None:
        named = [(n, t) for n, t in lines_above if _ACTION_PLAN.match(t)]
        title = named[0] if named else lines_above[0] if lines_above else None
        others = [(n, t) for n, t in lines_above if (n, t) != title and (n, t) not in named]
        repeated = (
            [(n, t) for n, t in others if _words(t) in self.lone_cells()] if others[1:] else []
        )
        notice = repeated[0] if repeated else others[0] if others else None
        if title:
            self.meta["title"] = title[1]
        if notice:
            self.meta["notice"] = notice[1]
        for number, text in lines_above:
            if (number, text) not in (title, notice) and text not in (
                self.meta["title"],
                self.meta["notice"],
            ):
                self.add(
                    "note",
                    number,
                    f"'{_short(text)}' above the table was not "
                    "imported (only a title and one notice are kept).",
                )

    def label_date(self, number: int, parts: list[object], rest: str, key: str) -> str | None:
        """The day a labelled line gives: a real date cell beside the label, or the text."""
        for value in parts:
            if isinstance(value, datetime | date):
                return (value.date() if isinstance(value, datetime) else value).isoformat()
        parsed = parse_target(rest)
        if parsed.target and len(parsed.target) == 10:
            return parsed.target
        label = "submitted" if key == "submitted" else "published"
        self.add(
            "warning", number, f"'{_short(rest)}' is not a day the plan was {label} on; left empty."
        )
        return None

    # -- rows of the table ------------------------------------------------------------------

    def summary_line(self, number: int, filled: dict[int, object]) -> bool:
        """A line of the summary block ("Agreed | 6", "Total number of recommendations | 8",
        with perhaps a percentage after the count): kept to check, not imported."""
        if len(filled) < 2:
            return False
        values = list(filled.values())
        count = cell_text(values[1]).strip()
        if not count.isdigit():
            return False  # every row of the table, at once: its second cell is no count
        label, rest = cell_text(values[0]).strip(), [cell_text(v).strip() for v in values[2:]]
        words = _words(label)
        key = _SUMMARY_LABELS.get(words) or _SUMMARY_LABELS.get(
            " ".join(w for w in words.split() if w not in _SUMMARY_FILLER)
        )
        if key is None:
            return False
        if not all(_PERCENT.match(r) or _is_number(r) for r in rest):
            return False
        self.summary[key] = (int(count), number)
        self.current = None
        return True

    def furniture(self, number: int, values: list[object], filled: dict[int, object]) -> bool:
        """Rows a PDF or Word conversion leaves behind: dashes, repeated header, notice, title."""
        texts = [v if v.__class__ is str else cell_text(v) for v in filled.values()]
        if all(_DASHES.match(t) for t in texts):
            self.add("note", number, "a row of dashes was skipped as page furniture.")
            return True
        if _page_furniture(" ".join(texts)):
            self.add("note", number, "a page number or marking was skipped as page furniture.")
            return True
        ref_index = self.col.get("ref")
        ref_value = filled.get(ref_index) if ref_index is not None else None
        lower = self.header.lower
        if (
            lower
            and len(values) == len(lower)
            and all(header_words(v) == w for v, w in zip(values, lower, strict=True))
        ):
            self.add("note", number, "the header's second row repeated (a new page) was skipped.")
            return True
        if (
            ref_value is not None
            and len(filled) >= 3
            and not _REF_LIKE.match(cell_text(ref_value).strip())
            and is_header(read_header(number, values))
        ):
            self.add("note", number, "the header row repeated (a new page) was skipped.")
            return True
        if len(texts) == 1:  # a repeated title or notice is one cell across the table
            words = _words(" ".join(lines(texts[0])))
            for key in ("notice", "title"):
                said = self.meta[key]
                if said and words == _words(said):
                    self.add("note", number, f"the {key} repeated (a new page) was skipped.")
                    return True
            notice = _words(self.meta["notice"] or "")
            if len(words) >= 15 and (notice.startswith(words) or notice.endswith(words)):
                # a repeated notice row split by a page break, as PDFs print it
                self.add("note", number, "part of the notice (a new page) was skipped.")
                return True
        return False

    def single_cell(self, number: int, index: int, value: object) -> bool:
        """Handle a row with text in one cell only when it is a section heading."""
        col = self.col
        if index == col.get("decision"):
            return False
        text = " ".join(lines(value))
        if (number, index + 1) in self.merged_starts:
            self.heading(number, text)
            return True
        if index == col.get("ref"):
            if _REF_LIKE.match(text):
                return False
            self.heading(number, text)
            return True
        if index == col.get("text"):
            rec = self.current
            if rec is not None and (
                (rec.text and ends_mid_sentence(rec.text[-1], SENTENCE_END)) or text[:1].islower()
            ):
                return False  # the recommendation carried over a page break
            self.heading(number, text)
            return True
        if index in col.values():
            return False
        self.heading(number, text)
        return True

    def heading(self, number: int, text: str) -> None:
        self.section = text
        self.kind = kind_named(text) or self.kind
        self.current = None

    def table_row(self, number: int, cells: dict[str, object]) -> None:
        """A row with a Rec No, a continuation over a page break, or a further action."""
        ref = cells.get("ref")
        if ref is not None and self.current is not None:
            carried = CONTINUED.match(" ".join(lines(ref)))
            if carried and carried.group(1) == self.current.ref:
                ref = None  # "2 (continued)": the row above carried over a page
                self.add(
                    "note",
                    number,
                    f"'{_short(cell_text(cells['ref']))}' read as the "
                    "recommendation above carried over a page.",
                    "ref",
                )
        text = cells.get("text")
        owner = cells.get("owner")
        target = cells.get("target")
        if ref is not None:
            ref_lines = lines(ref)
            # "PC1" over "Priority concern": the kind printed under the Rec No names the item
            labelled = kind_label(ref_lines[-1]) if len(ref_lines) > 1 else None
            if labelled:
                ref_lines = ref_lines[:-1]
            rec = _Rec(number, " ".join(ref_lines), self.section)
            rec.kind = labelled or self.kind or kind_of_ref(rec.ref) or "recommendation"
            self.set_kind(number, cells)
            rec.text = lines(text)
            self.recs.append(rec)
            self.current = rec
            self.set_decision(number, cells)
            self.set_reason(number, cells)
            rec.blocks.append(self.block(number, cells))
            return
        current = self.current
        if current is None:
            self.add(
                "error",
                number,
                "this row has no Rec No and no recommendation above it "
                "to belong to; give it a Rec No or delete it.",
                "ref",
            )
            return
        rec = current
        if text is not None or (owner is None and target is None):
            self.continuation(number, cells, current, text is not None)
            return
        block = self.block(number, cells)
        if not block.owners and current.blocks:
            block.owners = _last_owners(current.blocks[-1])
            block.inherited_owners = bool(block.owners)
            if block.owners:
                self.add(
                    "note",
                    number,
                    "no owner given; the owners of the action above were used.",
                    "owner",
                )
        current.blocks.append(block)

    def block(self, number: int, cells: dict[str, object]) -> _Block:
        return _Block(
            number,
            response=lines(cells.get("response")),
            owners=lines(cells.get("owner")),
            targets=self.target_lines(number, cells),
            status=lines(cells.get("status")),
            progress=lines(cells.get("progress")),
            rag=lines(cells.get("rag")),
            updated=cells.get("updated"),
        )

    def target_lines(self, number: int, cells: dict[str, object]) -> list[tuple[str, ParsedTarget]]:
        value = cells.get("target")
        if isinstance(value, datetime | date):
            index = self.col["target"]
            parsed, shown = date_cell_target(
                value, self.grid.date_formats.get((number, index + 1), "General")
            )
            return [(shown, parsed)]
        return [(line, parse_target(line)) for line in lines(value)]

    def continuation(
        self, number: int, cells: dict[str, object], rec: _Rec, has_text: bool
    ) -> None:
        """Append each cell of a row carried over a page break to the same cell above."""
        what = "recommendation" if has_text else "response"
        self.add(
            "note",
            number,
            f"read as {what} {rec.ref} carried over from the row above (a page break).",
        )
        _append(rec.text, cells.get("text"))
        block = rec.blocks[-1]
        _append(block.response, cells.get("response"))
        if block.inherited_owners and cells.get("owner") is not None:
            block.owners, block.inherited_owners = [], False
        block.owners.extend(lines(cells.get("owner")))
        block.targets.extend(self.target_lines(number, cells))
        block.status.extend(lines(cells.get("status")))
        block.progress.extend(lines(cells.get("progress")))
        block.rag.extend(lines(cells.get("rag")))
        if cells.get("decision") is not None:
            if rec.decision is None:
                self.set_decision(number, cells)
            else:
                self.add(
                    "warning",
                    number,
                    f"a second decision for recommendation {rec.ref} was ignored.",
                    "decision",
                )
        if rec.reason is None:
            self.set_reason(number, cells)

    def set_decision(self, number: int, cells: dict[str, object]) -> None:
        value = cells.get("decision")
        if value is None or self.current is None:
            return
        # "Partly Agreed" over "Reason: policy", as this program's PDF prints the cell
        text = " ".join(lines(value))
        reason = _REASON_LINE.search(text)
        if reason:
            text, stated = text[: reason.start()].strip(), text[reason.end() :].strip()
        decision = read_decision(text)
        if decision is None:
            self.add(
                "error",
                number,
                f"'{_short(text)}' is not a decision; expected "
                "Agreed, Partly Agreed or Not Agreed.",
                "decision",
            )
        self.current.decision = decision
        if reason and self.current.reason is None:
            self.set_reason(number, {"reason": stated})

    def set_kind(self, number: int, cells: dict[str, object]) -> None:
        """A Kind column (as this program's own workbooks have) says what the item is."""
        value = cells.get("kind")
        if value is None or self.current is None:
            return
        text = " ".join(lines(value))
        kind = kind_named(text)
        if kind is None:
            self.add(
                "warning",
                number,
                f"'{_short(text)}' is not a kind of item; expected Recommendation, "
                f"Priority concern or Key concern; read as {self.current.kind}.",
                "kind",
            )
        else:
            self.current.kind = kind

    def set_reason(self, number: int, cells: dict[str, object]) -> None:
        value = cells.get("reason")
        if value is None or self.current is None:
            return
        text = " ".join(lines(value))
        found = [reason for reason in REASONS if reason in text.lower()]
        if len(found) == 1:
            self.current.reason = found[0]
        else:
            self.add(
                "warning",
                number,
                f"'{_short(text)}' is not a reason; expected "
                "commissioning, policy, operational or affordability.",
                "reason",
            )

    # -- from rows to the plan --------------------------------------------------------------

    def build(self) -> Plan:
        recs = []
        for rec in self.recs:
            actions = [a for block in rec.blocks for a in self.actions(block)]
            recs.append(
                Recommendation(
                    rec.ref,
                    "\n".join(rec.text),
                    rec.section,
                    rec.decision,
                    rec.reason,
                    actions,
                    kind=rec.kind,
                )
            )
        meta = self.meta
        return Plan(
            meta["title"] or self.path.stem,
            meta["responds_to"],
            meta["report_published"],
            meta["submitted"],
            meta["notice"],
            recs,
        )

    def actions(self, block: _Block) -> list[Action]:
        """The block's actions, each with the dated update its progress columns give."""
        actions = []
        for part in _parts(block):
            found = self.block_actions(part)
            update = self.progress_update(part)
            if update is not None:
                for action in found:
                    action.updates = [replace(update, status=action.status)]
            actions += found
        return actions

    def progress_update(self, block: _Block) -> Update | None:
        """What a return's Progress update and RAG columns say, as a dated update (dated by
        its Date of update column, else the day it is read); None when they are empty."""
        text = "\n".join(block.progress)
        rag_text = " ".join(block.rag)
        if not (text or rag_text):
            return None
        rag = RAG_WORDS.get(_words(rag_text)) if rag_text else None
        if rag_text and rag is None:
            self.add(
                "warning",
                block.row,
                f"'{_short(rag_text)}' is not a RAG rating; expected Red, Amber, Green or "
                "Blue: the update is kept without it.",
                "rag",
            )
        on_date = self.update_date(block)
        return Update(on_date, "open", text, rag=rag, rag_reason=text or None if rag else None)

    def update_date(self, block: _Block) -> str:
        value = block.updated
        if isinstance(value, datetime | date):
            return (value.date() if isinstance(value, datetime) else value).isoformat()
        parsed = parse_target(cell_text(value)) if value not in (None, "") else None
        if parsed is not None and parsed.target and len(parsed.target) == 10:
            return parsed.target
        self.add(
            "note",
            block.row,
            "the progress update has no date of update; it is dated the day it is read.",
            "progress",
        )
        return date.today().isoformat()

    def block_actions(self, block: _Block) -> list[Action]:
        """The one action of a block (`_parts` has split a row of N actions)."""
        items, owners, targets = block.response, block.owners, block.targets
        status = self.column_status(block)
        for text, parsed in targets:
            if not parsed.understood:
                self.add(
                    "warning",
                    block.row,
                    f"'{_short(text)}' is not a target date I can "
                    "read; it is kept as written with no target date.",
                    "target",
                )
        if not (items or owners or targets or status):
            return []
        target = self.one_target(block)
        completed = bool(targets) and all(parsed.completed for _, parsed in targets)
        return [
            Action(
                "\n".join(items),
                list(owners),
                target,
                "; ".join(text for text, _ in targets),
                status or ("completed" if completed else "open"),
            )
        ]

    def one_target(self, block: _Block) -> str | None:
        """The row's single date; of several, the latest (with a warning); else ongoing."""
        parsed = [p for _, p in block.targets]
        if len(parsed) == 1:
            return parsed[0].target
        dated = [p for p in parsed if p.target and p.target != "ongoing"]
        if dated:
            latest = max(dated, key=lambda p: target_end(p.target) or date.min)
            if len(parsed) > 1:
                shown = "; ".join(text for text, _ in block.targets)
                self.add(
                    "warning",
                    block.row,
                    f"several target dates ({_short(shown)}) for "
                    f"one action; the latest, {latest.description}, was used.",
                    "target",
                )
            return latest.target
        return "ongoing" if any(p.target == "ongoing" for p in parsed) else None

    def column_status(self, block: _Block) -> str | None:
        """The action status a Status column gives, by meaning; None when there is none."""
        if not block.status:
            return None
        text = " ".join(block.status)
        status = read_status(text)
        if status is None:
            self.add(
                "warning",
                block.row,
                f"'{_short(text)}' is not a status; expected Open, In progress or Completed.",
                "status",
            )
        return status

    def check_summary(self, plan: Plan) -> None:
        """Compare the summary block printed under the plan with the rows actually read."""
        counts = plan.summary()
        for label, (count, row) in self.summary.items():
            if counts.get(label) != count:
                self.add(
                    "warning",
                    row,
                    f"the summary says {label} {count} but the plan has {counts.get(label, 0)}.",
                )

    def report_uncached(self) -> None:
        for row, col in self.grid.uncached_formulas:
            self.add(
                "warning",
                row,
                f"cell {column_letter(col)}{row} holds a formula with no "
                "saved value (the file was not last saved by Excel); open and save it "
                "in Excel, then import again.",
                column=col - 1,
            )
        for row, col, error in self.grid.error_cells:
            self.add(
                "warning",
                row,
                f"cell {column_letter(col)}{row} shows the error {error} (a broken formula), "
                "so it was read as empty; correct it in Excel and import again.",
                column=col - 1,
            )


def _splits(block: _Block) -> bool:
    """Whether a row is N actions: N > 1 response items and exactly N target date lines."""
    return len(block.response) > 1 and len(block.targets) == len(block.response)


def _parts(block: _Block) -> list[_Block]:
    """A row of N actions as N blocks of one: item i with date line i, and owner, status,
    progress and RAG line i where the column has exactly N lines (else all of its lines).
    A return pasted from Word gives a status and an update per action this way."""
    count = len(block.response)
    if not _splits(block):
        return [block]

    def share(values: list[str]) -> list[list[str]]:
        return [[v] for v in values] if len(values) == count else [list(values)] * count

    columns = zip(
        share(block.owners),
        share(block.status),
        share(block.progress),
        share(block.rag),
        strict=True,
    )
    return [
        replace(
            block,
            response=[item],
            targets=[target],
            owners=owners,
            status=status,
            progress=progress,
            rag=rag,
        )
        for item, target, (owners, status, progress, rag) in zip(
            block.response, block.targets, columns, strict=True
        )
    ]


def _last_owners(block: _Block) -> list[str]:
    """The owners of the last action a row becomes: its own owner line when the row splits
    into actions that pair with its owner lines, else every owner line."""
    if _splits(block) and len(block.owners) == len(block.response):
        return [block.owners[-1]]
    return list(block.owners)


def _append(existing: list[str], value: object) -> None:
    """Add a cell's lines below `existing`, joining a sentence cut by a page break."""
    new = lines(value)
    if (
        existing
        and new
        and ends_mid_sentence(existing[-1])
        and not starts_item(first_raw_line(value))
    ):
        existing[-1] = f"{existing[-1]} {new.pop(0)}"
    existing.extend(new)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _page_furniture(text: str) -> bool:
    """Whether text is only page numbers and protective markings (the pattern matches the
    empty string, so a marking alone counts). Such a row is short: a row of the table, asked
    first, is let go without its whole text searched."""
    if len(text) > 200:
        return False
    return bool(_PAGE_NUMBER.match(" ".join(_MARKING.sub(" ", text).split())))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _choose_sheet(
    path: Path, book: Workbook, heads: dict[str, Grid], sheet: str | None
) -> tuple[str, Header, list[Finding]]:
    """The plan sheet: the one named, or the only sheet with a plan header (the only visible
    one when the others are hidden copies, with a note for each copy passed over)."""
    names = book.sheet_names
    if sheet is not None:
        match = next((n for n in names if n == sheet), None) or next(
            (n for n in names if n.strip().lower() == sheet.strip().lower()), None
        )
        if match is None:
            raise BadInput(
                f"{path.name}: there is no sheet '{sheet}'; the sheets are {_names(names)}."
            )
        header = find_header(heads[match].rows, len(heads[match].rows))
        if header is None:
            raise BadInput(
                f"{path.name}: sheet '{match}' has no header row in its first "
                f"{HEAD_ROWS} rows; expected columns such as {EXPECTED}."
            )
        return match, header, []
    found = [(n, h) for n in names if (h := find_header(heads[n].rows, len(heads[n].rows)))]
    visible = [(n, h) for n, h in found if not book.is_hidden(n)]
    if len(found) > 1 and len(visible) == 1:
        passed_over = [
            Finding(
                "note",
                f"sheet '{n}' is hidden and also holds a plan; it was not imported "
                "(choose it with --sheet to import it instead).",
                n,
            )
            for n, _ in found
            if n != visible[0][0]
        ]
        return (*visible[0], passed_over)
    if len(found) > 1:
        raise BadInput(
            f"{path.name}: this workbook has several plan sheets "
            f"({_names([n for n, _ in found])}); choose one with --sheet."
        )
    if found:
        return (*found[0], [])
    if all(
        not any(v is not None and str(v).strip() for row in heads[n].rows for v in row)
        for n in names
    ):
        raise BadInput(f"{path.name}: the workbook is empty; there is no plan to import.")
    if path.suffix.lower() in (".docx", ".odt", ".pdf"):
        raise BadInput(
            f"{path.name}: no plan table found (no header row with columns such as "
            f"{EXPECTED}); if it is a report rather than a plan, a draft plan can be made "
            "from it instead (the draft command, or 'as a draft from a report' when importing)."
        )
    raise BadInput(
        f"{path.name}: no header row found in the first {HEAD_ROWS} rows of "
        f"{_names(names, 'sheet')}; expected columns such as {EXPECTED}."
    )


def _names(names: list[str], noun: str = "") -> str:
    quoted = [f"'{n}'" for n in names]
    if noun:
        noun = noun if len(names) == 1 else noun + "s"
        return f"{noun} " + ", ".join(quoted)
    return ", ".join(quoted)


def read_template(path: Path, sheet: str | None = None) -> ImportResult:
    """Read the action plan in a spreadsheet (.xlsx, .xlsm, .xls, .csv, .ods) or a document
    holding its table (.docx, .odt, .pdf).

    Raises BadInput for a file that cannot be read at all; everything doubtful about single
    rows is in the result's findings (errors, warnings, notes) with sheet, row and column.
    """
    path = Path(path)
    with open_plan_file(path) as book:
        # A document's table may stand below pages of introduction: its header is looked
        # for further down than a sheet's.
        text = isinstance(book, DocumentBook) and getattr(book, "suffix", "") != ".ods"
        limit = DOCUMENT_HEAD_ROWS if text else HEAD_ROWS
        heads = {name: book.read(name, limit) for name in book.sheet_names}
        if not heads:
            raise BadInput(f"{path.name}: the workbook has no sheets.")
        name, header, passed_over = _choose_sheet(path, book, heads, sheet)
        grid = book.read(name)
    if header.row == len(grid.rows) or not any(
        v is not None and str(v).strip() for row in grid.rows[header.row :] for v in row
    ):
        raise BadInput(f"{path.name}: sheet '{name}' has a header row but no rows under it.")
    # A spreadsheet's Rec No merged down a block is one pasted table row, except in this
    # program's own workbooks, which merge it over one action per row. A document's merged
    # cells are its own table's, each row a row.
    join_blocks = not text and not made_by_this_program(path)
    with cycle_collection_paused():  # thousands of rows' objects, none in a cycle
        result = _SheetReader(path, grid, header, join_blocks=join_blocks).read()
    result.findings[:0] = passed_over
    return result
