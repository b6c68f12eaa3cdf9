"""The board pack: the monitoring document a partnership board reads before its meeting.

A cover (board, meeting, venue, secretary, the strictest marking), contents, and one summary
page across all plans: where every action stands, what moved since the last meeting, and the
decisions the board must take. Then for each plan its status (decisions, actions by status and
RAG, items by kind, Independent Review judgements), its changes since the last meeting with the
trend chart, a progress table of every action (owner, target, status, RAG, the latest update
with its date, the evidence of a completion and whether it was verified), its overdue actions
grouped by owner, and what is left to chase. The plan as published is an optional appendix.
Each part is a bookmark, so a board member can jump to it on a tablet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import drawPageNumbers

from actionplans.exporters.atomic import atomic_path
from actionplans.exporters.pack_progress import (
    STATUS_NAMES,
    PlanProgress,
    commitments,
    progress_story,
)
from actionplans.exporters.pdf import plan_marking, plan_story, summary_table
from actionplans.exporters.pdf_style import (
    FRAME_WIDTH,
    RULE,
    SHADE,
    PageFurniture,
    build,
    cell_text,
    clean_marking,
    clip,
    document,
    para,
    styles,
)
from actionplans.exporters.pdf_table import Block, Cell, Columns, PagedTable
from actionplans.exporters.pdf_text import FONT, Run, Sentence, printable
from actionplans.storage.checks import check_plan
from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.judgements import RATING_NAMES
from actionplans.storage.model import KINDS, RAGS, Action, Plan, Recommendation
from actionplans.storage.monitoring import changes, last_meeting, status_at_meetings
from actionplans.storage.rules import action_target_label, current_rag, is_overdue
from actionplans.storage.store import Store
from actionplans.storage.verification import completion, completion_words
from actionplans.storage.vocabulary import RAG_LABELS

__all__ = ["DEFAULT_BOARD", "PlanProgress", "most_restrictive", "progress_for", "write_board_pack"]

DEFAULT_BOARD = "Health and Social Care Partnership Board"
# Government Security Classifications, least restrictive first; a pack is marked at the
# highest marking of anything in it.
_MARKING_ORDER = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")
_MAX_POINTS = 25  # gaps listed in a plan's status before "and N more"
_ACTION_WORDS = 160  # characters of an action's text the progress table prints
_BRIEF_WORDS = 90  # ... and of an action and its latest update in the overdue list
_CO_OWNERS = 3  # co-owners named under an owner's heading before "and N more"
_SUMMARY_STATUSES = ("Open", "In progress", "Reported complete", "Completed (verified)")
_RULED = [
    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
]


class _Entry(Flowable):
    """Marks where a contents line and bookmark point: invisible, it only names its page."""

    def __init__(self, text: str, key: str, level: int) -> None:
        super().__init__()
        self.text, self.key, self.level = printable(clip(text, "title")), key, level
        self.page = 0  # known once drawn

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.text, self.key, level=self.level, closed=False)


def _restriction(marking: str) -> int:
    """How restrictive a marking is; one this product does not know ranks above all it does,
    since under-marking a pack is the worse mistake."""
    base = marking.upper().split(":")[0].strip()  # "OFFICIAL-SENSITIVE: PERSONAL"
    if base in _MARKING_ORDER:
        return _MARKING_ORDER.index(base)
    return len(_MARKING_ORDER)


def most_restrictive(markings: list[str | None]) -> str | None:
    """The marking a pack of these plans carries: the most restrictive, first one on a tie."""
    present = [m for m in map(clean_marking, markings) if m]
    return max(present, key=_restriction, default=None)


class _Contents(Flowable):
    """The contents, laid out in the build's only pass.

    Its entries are the story's `_Entry` markers, known before the build, so the contents takes
    its full length at once; only the page numbers wait for the end of the build: each entry's
    dots and number are a form, drawn when the document is saved from the page its entry
    landed on (reportlab's `drawPageNumbers`). reportlab's own contents takes a second pass
    over the whole pack, drawing every page again, which was a third of the pack's time. Its
    lines are drawn as reportlab's contents table sets them (an entry a row, 3 points above
    and below it), without building that table of paragraphs; an entry's line links to it.
    """

    _PAD = 3  # above and below each entry, as in reportlab's contents table

    def __init__(self, entries: list[_Entry] | None = None) -> None:
        super().__init__()
        base = styles()["contents"]
        self.levels = [
            ParagraphStyle("toc0", parent=base, fontName=f"{FONT}-Bold", leftIndent=0),
            ParagraphStyle("toc1", parent=base, leftIndent=18),
        ]
        self.entries = entries or []
        self._rows: list[tuple[_Entry, Sentence, float]] = []
        self._laid_at: float | None = None  # the width the rows were laid out at

    def reserve(self, story: list[Flowable]) -> None:
        """Take the story's entries, before the build lays the contents out."""
        self.entries = [e for e in story if isinstance(e, _Entry)]

    def _layout(self, width: float) -> list[tuple[_Entry, Sentence, float]]:
        """Each entry, its text and the height of its row."""
        if self._laid_at != width:
            self._laid_at = width
            self._rows = []
            for entry in self.entries:
                text = Sentence([Run(entry.text)], self.levels[entry.level], bullet=None)
                self._rows.append((entry, text, text.wrap(width, 1e9)[1] + 2 * self._PAD))
        return self._rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = sum(height for _, _, height in self._layout(availWidth))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The entries that fit, then the rest on the next page."""
        used, fit = 0.0, 0
        for _, _, height in self._layout(availWidth):
            if used + height > availHeight:
                break
            used, fit = used + height, fit + 1
        if fit == 0:
            return []
        if fit == len(self.entries):
            return [self]
        return [_Contents(self.entries[:fit]), _Contents(self.entries[fit:])]

    def draw(self) -> None:
        canvas, top = self.canv, self.height
        for entry, text, height in self._rows:
            text.drawOn(canvas, 0, top - self._PAD - text.height)
            style = text.style
            widths = text.line_widths()
            for number, width in enumerate(widths):  # the entry's words link to its page
                low = top - self._PAD - style.fontSize - number * style.leading - style.fontSize / 8
                right = style.leftIndent + width
                canvas.linkRect(
                    "", entry.key, (style.leftIndent, low, right, low + style.leading), relative=1
                )
            if widths:
                baseline = top - self._PAD - style.fontSize - (len(widths) - 1) * style.leading
                self._number(canvas, entry, style, style.leftIndent + widths[-1], baseline)
            top -= height

    def _number(
        self, canvas: Canvas, entry: _Entry, style: ParagraphStyle, x: float, y: float
    ) -> None:
        """Where an entry's text ends: link the rest of its line to the entry, and leave a
        form for its dots and page number (reportlab's `drawPageNumbers` when saved)."""
        width = self._laid_at or 0.0
        canvas.linkRect("", entry.key, (x, y, width, y + style.leading), relative=1)
        name = f"contents-{entry.key}"
        canvas.saveState()
        canvas.translate(0, y)
        canvas.doForm(name)
        canvas.restoreState()

        def draw(canvas: Canvas) -> None:
            canvas._curr_tx_info = {"cur_x": x, "cur_y": 0}
            try:
                drawPageNumbers(canvas, style, [(entry.page, None)], width, 0, " . ")
            finally:
                del canvas._curr_tx_info

        canvas.late_forms[name] = draw


def _cover(
    board: str,
    meeting: date | None,
    venue: str | None,
    secretary: str | None,
    marking: str | None,
    plans: list[Plan],
) -> list:
    story: list[Flowable] = [
        Spacer(0, 80),  # a frame drops the space before its first paragraph
        para(board, "cover_title"),
        para("Board pack", "cover_line"),
    ]
    if meeting:
        story.append(para(f"Meeting: {uk_date(meeting.isoformat())}", "cover_line"))
    if venue:
        story.append(para(f"Venue: {venue}", "cover_line"))
    if secretary:
        story.append(para(f"Secretary: {secretary}", "cover_line"))
    story.append(para(f"Action plans under review: {len(plans)}", "cover_line"))
    story += [para(f"• {plan.title}", "item") for plan in plans]
    if marking:
        story.append(Spacer(0, 10))
        story.append(para(f"Protective marking: {marking}", "cover_line"))
    return story


def _status_word(action: Action, today: date) -> str:
    """The status as the board reads it: a completion says whether it was verified, and an
    open action past its target says so; a completed action is never overdue."""
    if action.status == "completed":
        if action.latest is not None and action.latest.status == "superseded":
            return "Superseded"
        return (completion_words(action) or "Completed").capitalize()
    word = STATUS_NAMES[action.status]
    return f"{word}, overdue" if is_overdue(action, today) else word


def _latest_cell(action: Action, brief: bool = False) -> Cell:
    """The latest update with its date, the reason for its rating, and for a completion its
    evidence and verdict; `brief`: its date and first words only."""
    latest = action.latest
    if latest is None:
        return [cell_text("No update yet.")]
    words = latest.text or "(no note)"
    cell = [
        cell_text(
            f"{uk_date(latest.on_date)}: {shortened(words, _BRIEF_WORDS) if brief else words}"
        )
    ]
    if brief:
        return cell
    if latest.rag_reason and latest.rag_reason.strip() != latest.text.strip():
        cell.append(cell_text(f"RAG reason: {latest.rag_reason}"))
    done = completion(action)
    if done is not None and done.evidence:
        cell.append(cell_text(f"Evidence: {done.evidence}"))
    verdict = done.verification if done is not None else None
    if verdict is not None and verdict.verdict == "verified":
        by = f" by {verdict.recorded_by}" if verdict.recorded_by else ""
        cell.append(
            cell_text(f"Verified {uk_date(verdict.on_date)}{by}: {verdict.evidence_seen or ''}")
        )
    return cell


def shortened(text: str, limit: int = _ACTION_WORDS) -> str:
    """`text` on one line, cut at a word with "…" past `limit` characters: the progress table
    names each action so the board knows which it is; its full words are in the plan."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _owners_cell(action: Action, under: str | None) -> Cell:
    """The owners; under an owner's own heading, only the others sharing the action, the first
    few by name (an action shared by thirty governors would otherwise fill a page each)."""
    if under is None:
        owners = action.owners
        return [cell_text(clip(owner, "owner")) for owner in owners] or [cell_text("No owner")]
    others = [owner for owner in action.owners if owner != under]
    if not others:
        return [cell_text("Alone")]
    named = "; ".join(clip(owner, "owner") for owner in others[:_CO_OWNERS])
    more = f" and {len(others) - _CO_OWNERS} more" if len(others) > _CO_OWNERS else ""
    return [cell_text(f"Shared with {named}{more}")]


def _action_row(number: int, action: Action, today: date, under: str | None = None) -> list[Cell]:
    """An action's row; under an owner's heading (`under`) a brief one, naming the others."""
    brief = under is not None
    return [
        [
            cell_text(
                f"{number}. {shortened(action.text, _BRIEF_WORDS if brief else _ACTION_WORDS)}"
            )
        ],
        _owners_cell(action, under),
        [cell_text(clip(action_target_label(action), "target"))],
        [cell_text(_status_word(action, today))],
        [cell_text(current_rag(action, today).capitalize())],
        _latest_cell(action, brief),
    ]


_PROGRESS_HEADERS = ("Rec No", "Action", "Owner", "Target", "Status", "RAG", "Latest update")
_PROGRESS_COLUMNS = Columns((58, 242, 100, 60, 72, 42, FRAME_WIDTH - 574), spanning=1)


def _header(headers: tuple[str, ...]) -> list[Cell]:
    return [[cell_text(h, bold=True)] for h in headers]


def progress_table(plan: Plan, today: date) -> PagedTable:
    """Every action of the plan with where it stands; a Not Agreed recommendation shows its
    explanation instead, with no status or rating. A recommendation carried over a page keeps
    its Rec No on the next, marked "(continued)"."""
    recs = plan.recommendations

    def make_block(index: int) -> Block:
        rec = recs[index]
        if rec.decision == "Not Agreed":
            explained = shortened(" ".join(a.text for a in rec.actions)) or "(none given)"
            rows = [
                [
                    [cell_text(f"Not agreed. Explanation: {explained}")],
                    [],
                    [],
                    [cell_text("Not an action")],
                    [],
                    [],
                ]
            ]
        else:
            rows = [_action_row(n, a, today) for n, a in enumerate(rec.actions, 1)]
        empty: list[Cell] = [[cell_text("No action recorded.")], [], [], [], [], []]
        ref = clip(rec.ref, "ref")
        return Block(ref, [[cell_text(ref, bold=True)]], rows or [empty])

    return PagedTable(_header(_PROGRESS_HEADERS), make_block, len(recs), columns=_PROGRESS_COLUMNS)


def _counts_table(plan: Plan, today: date) -> Table:
    actions = [action for _, _, action in commitments(plan)]
    words = Counter(_status_word(a, today).removesuffix(", overdue") for a in actions)
    overdue = sum(is_overdue(a, today) for a in actions)
    rags = Counter(current_rag(a, today) for a in actions)
    shown = [*_SUMMARY_STATUSES, *(["Superseded"] if words["Superseded"] else [])]
    rows: list[list] = [[cell_text("Actions", bold=True), ""]]
    rows += [[cell_text(name), cell_text(str(words[name]))] for name in shown]
    rows += [
        [cell_text("of which overdue"), cell_text(str(overdue))],
        *[[cell_text(RAG_LABELS[r]), cell_text(str(rags[r]))] for r in RAGS],
        [cell_text("Total", bold=True), cell_text(str(len(actions)), bold=True)],
    ]
    style = [*_RULED, ("SPAN", (0, 0), (1, 0))]
    return Table(rows, colWidths=(140, 45), style=TableStyle(style), hAlign="LEFT")


def _kinds_table(plan: Plan) -> Table | None:
    """Items by kind, when the plan has more than recommendations (key concerns)."""
    kinds = Counter(rec.kind for rec in plan.recommendations)
    if set(kinds) <= {"recommendation"}:
        return None
    rows = [[cell_text("Items", bold=True), ""]]
    rows += [[cell_text(k.capitalize() + "s"), cell_text(str(kinds[k]))] for k in KINDS if kinds[k]]
    style = [*_RULED, ("SPAN", (0, 0), (1, 0))]
    return Table(rows, colWidths=(130, 45), style=TableStyle(style), hAlign="LEFT")


def _owners_overdue(plan: Plan, today: date) -> list[Flowable]:
    """The overdue actions grouped by owner, so each owner's list can be read out to them."""
    by_owner: dict[str, list[tuple[Recommendation, int, Action]]] = {}
    for rec, number, action in commitments(plan):
        if is_overdue(action, today, rec.decision):
            for owner in action.owners or ["No owner"]:
                by_owner.setdefault(owner, []).append((rec, number, action))
    heading = para("Overdue actions by owner", "heading")
    if not by_owner:
        return [heading, para("No action is overdue.", "body")]
    rows = [(owner, item) for owner in sorted(by_owner, key=str.lower) for item in by_owner[owner]]
    # An action shared by several owners is listed under each: its cells but the owners' are
    # built and measured once, and let go after its last listing.
    listings = Counter(id(action) for _, (_, _, action) in rows)
    built: dict[int, list[Cell]] = {}

    def make_block(index: int) -> Block:
        owner, (rec, number, action) = rows[index]
        first = index == 0 or rows[index - 1][0] != owner
        count = len(by_owner[owner])
        cells = built.get(id(action)) or _action_row(number, action, today, under=owner)
        listings[id(action)] -= 1
        if listings[id(action)] > 0:
            built[id(action)] = cells
        else:
            built.pop(id(action), None)
        cells = [cells[0], _owners_cell(action, owner), *cells[2:]]
        ref = clip(rec.ref, "ref")
        return Block(
            ref,
            [[cell_text(ref, bold=True)]],
            [cells],
            heading=[cell_text(f"{clip(owner, 'owner')} ({count})", bold=True)] if first else None,
        )

    table = PagedTable(_header(_PROGRESS_HEADERS), make_block, len(rows), columns=_PROGRESS_COLUMNS)
    return [heading, table]


def _gaps(plan: Plan, today: date) -> list[Flowable]:
    """What the secretary must chase besides overdue actions (`Problem.to_chase`): owners and
    dates missing, decisions or reasons not given; not a reason the response already states,
    which she confirms herself."""
    problems = [p for p in check_plan(plan, today) if p.to_chase and p.code != "overdue"]
    if not problems:
        return []
    story: list[Flowable] = [para("To chase", "heading")]
    story += [para(f"• {p.message}", "body") for p in problems[:_MAX_POINTS]]
    if len(problems) > _MAX_POINTS:
        story.append(para(f"and {len(problems) - _MAX_POINTS} more.", "body"))
    return story


def _judgements(plan: Plan) -> list[Flowable]:
    """Each judged item's latest Independent Review of Progress rating."""
    judged = [(rec, rec.judgements[-1]) for rec in plan.recommendations if rec.judgements]
    if not judged:
        return []
    rows = [[cell_text(h, bold=True) for h in ("Item", "Rating", "Reviewed", "Note")]]
    rows += [
        [
            cell_text(clip(rec.ref, "ref")),
            cell_text(RATING_NAMES[j.rating]),
            cell_text(uk_date(j.on_date)),
            cell_text(" ".join(j.note.split())),
        ]
        for rec, j in judged
    ]
    widths = (60, 150, 100, FRAME_WIDTH - 310)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(_RULED))
    return [para("Independent Review of Progress", "heading"), table]


def status_story(plan: Plan, today: date) -> list[Flowable]:
    """One plan's status for the board: decisions, actions by status and RAG, kinds, reviews."""
    tables = [summary_table(plan), _counts_table(plan, today)]
    kinds = _kinds_table(plan)
    if kinds is not None:
        tables.append(kinds)
    counts = Table(
        [tables],
        colWidths=[200] * len(tables),
        hAlign="LEFT",
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        ),
    )
    return [
        para(plan.title, "title"),
        para(f"Status on {uk_date(today.isoformat())}", "line"),
        counts,
        *_judgements(plan),
    ]


@dataclass(frozen=True)
class _PlanTotals:
    """One plan's line on the summary page."""

    name: str
    by_status: Counter
    overdue: int
    rags: Counter
    completed: int | None  # since the last meeting; None: no earlier meeting
    newly_overdue: int | None
    slipped: int | None
    to_verify: list[str]  # labels of completions reported but not verified
    undecided: int


def _totals(plan: Plan, today: date, progress: PlanProgress | None) -> _PlanTotals:
    actions = [(rec, n, a) for rec, n, a in commitments(plan)]
    report = progress.changes if progress else None
    return _PlanTotals(
        clip(plan.short_name or plan.title, "title"),
        Counter(_status_word(a, today).removesuffix(", overdue") for _, _, a in actions),
        sum(is_overdue(a, today) for _, _, a in actions),
        Counter(current_rag(a, today) for _, _, a in actions),
        len(report.completed) if report else None,
        len(report.newly_overdue) if report else None,
        len(report.slipped) if report else None,
        [f"{r.ref}.{n}" for r, n, a in actions if completion_words(a) == "reported complete"],
        sum(rec.decision is None for rec in plan.recommendations),
    )


_SUMMARY_HEADERS = ("Open", "In progress", "Reported complete", "Verified complete")


def summary_story(plans: list[Plan], today: date, progress: dict[int, PlanProgress]) -> list:
    """One page across every plan: where the actions stand, what moved since the last meeting,
    and the decisions the board must take."""
    totals = [_totals(plan, today, progress.get(plan.id or -1)) for plan in plans]
    headers = ("Plan", *_SUMMARY_HEADERS, "Overdue", *(r.capitalize() for r in RAGS))
    rows = [[cell_text(h, bold=True) for h in headers]]
    for t in totals:
        rows.append(
            [
                cell_text(t.name),
                *[cell_text(str(t.by_status[s])) for s in _SUMMARY_STATUSES],
                cell_text(str(t.overdue)),
                *[cell_text(str(t.rags[r])) for r in RAGS],
            ]
        )
    number = 62
    widths = (FRAME_WIDTH - number * (len(headers) - 1), *[number] * (len(headers) - 1))
    since_rows = [
        [cell_text(h, bold=True) for h in ("Plan", "Completed", "Newly overdue", "Slipped")]
    ]
    since_rows += [
        [
            cell_text(t.name),
            *[
                cell_text("no earlier meeting" if v is None else str(v))
                for v in (t.completed, t.newly_overdue, t.slipped)
            ],
        ]
        for t in totals
    ]
    since_widths = (FRAME_WIDTH - 3 * 100, 100, 100, 100)
    story: list[Flowable] = [
        para("Summary across all plans", "title"),
        para(f"Where every action stands on {uk_date(today.isoformat())}", "subheading"),
        Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(_RULED)),
        para("Since the last meeting", "subheading"),
        Table(since_rows, colWidths=since_widths, repeatRows=1, style=TableStyle(_RULED)),
        para("Decisions the board must take", "subheading"),
    ]
    decisions = []
    for t in totals:
        if t.to_verify:
            listed = ", ".join(t.to_verify[:12]) + (" and more" if len(t.to_verify) > 12 else "")
            decisions.append(
                f"{t.name}: accept or query {len(t.to_verify)} reported completion(s) not yet "
                f"verified ({listed})."
            )
        if t.slipped:
            decisions.append(f"{t.name}: agree or refuse {t.slipped} moved target(s).")
        if t.overdue:
            decisions.append(f"{t.name}: decide how to recover {t.overdue} overdue action(s).")
        if t.undecided:
            decisions.append(f"{t.name}: {t.undecided} item(s) still have no decision.")
    story += [para(f"• {d}", "item") for d in decisions] or [
        para("None: nothing awaits the board's decision.", "item")
    ]
    return story


def progress_for(
    store: Store, plan_ids: list[int], meeting: date | None = None, today: date | None = None
) -> dict[int, PlanProgress]:
    """Each plan's progress for a pack for `meeting`: the changes since the last meeting held
    before it (before `today` when no meeting is named) and its status at every meeting."""
    today = today or date.today()
    progress = {}
    for plan_id in plan_ids:
        last = last_meeting(store, plan_id, before=meeting or today)
        report = changes(store, plan_id, date.fromisoformat(last.held_on), today) if last else None
        progress[plan_id] = PlanProgress(report, status_at_meetings(store, plan_id))
    return progress


def write_board_pack(
    plans: list[Plan],
    path: Path,
    *,
    board: str | None = None,
    meeting: date | None = None,
    venue: str | None = None,
    secretary: str | None = None,
    marking: str | None = None,
    today: date | None = None,
    progress: dict[int, PlanProgress] | None = None,
    appendix: bool = False,
) -> None:
    """Print the pack for `plans` to `path`; `today` decides what is overdue (default: today).

    `marking` marks every page when given; otherwise each plan's pages carry the plan's own
    marking and the cover, contents and summary the most restrictive of them. `progress` (from
    `progress_for`, keyed by plan id) adds each plan's changes since the last meeting and its
    trend chart. `appendix` adds each plan as published after its progress.
    """
    if not plans:
        raise BadInput(f"{path}: a board pack needs at least one plan.")
    board = (board or "").strip() or DEFAULT_BOARD
    today = today or date.today()
    progress = progress or {}
    markings = [plan_marking(plan, marking) for plan in plans]
    pack_marking = clean_marking(marking) or most_restrictive(markings)
    title = f"{board}: board pack" + (f", {uk_date(meeting.isoformat())}" if meeting else "")
    story: list[Flowable] = [
        PageFurniture(title, None, pack_marking),
        *_cover(board, meeting, venue, secretary, pack_marking, plans),
        PageBreak(),
        para("Contents", "heading"),
        Spacer(0, 6),
        contents := _Contents(),
        PageBreak(),
        _Entry("Summary across all plans", "summary", 0),
        *summary_story(plans, today, progress),
    ]
    for number, (plan, plan_mark) in enumerate(zip(plans, markings, strict=True), 1):
        story += [
            PageBreak(),
            PageFurniture(plan.title, plan.notice, plan_mark),
            _Entry(plan.title, f"plan{number}", 0),
            *status_story(plan, today),
        ]
        if plan.id in progress:
            story += [
                CondPageBreak(250),
                _Entry("Changes since the last meeting", f"plan{number}-changes", 1),
                *progress_story(progress[plan.id], plan, today),
            ]
        story += [
            PageBreak(),
            _Entry("Progress of every action", f"plan{number}-progress", 1),
            para("Progress of every action", "heading"),
            progress_table(plan, today),
            CondPageBreak(150),
            _Entry("Overdue actions by owner", f"plan{number}-overdue", 1),
            *_owners_overdue(plan, today),
            *_gaps(plan, today),
        ]
        if appendix:
            story += [
                PageBreak(),
                _Entry("Appendix: the plan as published", f"plan{number}-full", 1),
                para("Appendix: the plan as published", "line"),
                *plan_story(plan, plan_mark),
            ]
    contents.reserve(story)
    with atomic_path(Path(path)) as tmp:
        doc = document(
            tmp,
            title=title,
            markings=[pack_marking, *markings],
            notices=[plan.notice for plan in plans],
        )
        build(doc, story)
