"""The board pack: the PDF a partnership board reads before its meeting.

A cover, a contents page, then for each plan under review a one-page status (decisions, actions
by status, what is overdue and who owns it), what changed since the last meeting with a chart of
the trend (when the command passes the plan's progress), then the plan itself, printed exactly as
the plan PDF prints it. Each plan is a bookmark, so a board member can jump to it on a tablet.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from exporters.atomic import atomic_path
from exporters.pack_progress import STATUS_NAMES, PlanProgress, progress_story, rag_markup
from exporters.pdf import plan_marking, plan_story, summary_table
from exporters.pdf_style import (
    FONT,
    FRAME_WIDTH,
    RULE,
    SHADE,
    PageFurniture,
    build,
    cell_text,
    clean_marking,
    document,
    markup,
    para,
    printable,
    styles,
)
from storage.checks import check_plan
from storage.dates import uk_date
from storage.errors import BadInput
from storage.model import STATUSES, Plan
from storage.monitoring import changes, last_meeting, status_at_meetings
from storage.rules import action_target_label, commitments, current_status, is_overdue
from storage.store import Store

__all__ = ["DEFAULT_BOARD", "PlanProgress", "most_restrictive", "progress_for", "write_board_pack"]

DEFAULT_BOARD = "Health and Social Care Partnership Board"
# Government Security Classifications, least restrictive first; a pack is marked at the
# highest marking of anything in it.
_MARKING_ORDER = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")
_MAX_POINTS = 25  # gaps listed in a plan's status before "and N more"
_RULED = [
    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
]


class _Entry(Flowable):
    """Marks where a contents line and bookmark point: invisible, it only names its page."""

    def __init__(self, text: str, key: str, level: int) -> None:
        super().__init__()
        self.text, self.key, self.level = printable(text), key, level

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.text, self.key, level=self.level, closed=False)


class _PackDocument(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        """Tell the table of contents the page each entry landed on (read on the next pass)."""
        if isinstance(flowable, _Entry):
            self.notify(
                "TOCEntry", (flowable.level, markup(flowable.text), self.page, flowable.key)
            )


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


def _contents() -> TableOfContents:
    toc = TableOfContents(dotsMinLevel=0)
    base = styles()["contents"]
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=base, fontName=f"{FONT}-Bold", leftIndent=0),
        ParagraphStyle("toc1", parent=base, leftIndent=18),
    ]
    return toc


def _cover(board: str, meeting: date | None, marking: str | None, plans: list[Plan]) -> list:
    story: list[Flowable] = [
        Spacer(0, 100),  # a frame drops the space before its first paragraph
        para(board, "cover_title"),
        para("Board pack", "cover_line"),
    ]
    if meeting:
        story.append(para(f"Meeting: {uk_date(meeting.isoformat())}", "cover_line"))
    story.append(para(f"Action plans under review: {len(plans)}", "cover_line"))
    if marking:
        story.append(para(f"Protective marking: {marking}", "cover_line"))
    return story


def _actions_table(plan: Plan, today: date) -> Table:
    actions = [a for rec in plan.recommendations for a in commitments(rec)]
    counts = Counter(current_status(a) for a in actions)
    overdue = sum(is_overdue(a, today) for a in actions)
    rows = [[cell_text("Actions", bold=True), ""]]
    rows += [[cell_text(STATUS_NAMES[s]), cell_text(str(counts[s]))] for s in STATUSES]
    rows += [
        [cell_text("of which overdue"), cell_text(str(overdue))],
        [cell_text("Total", bold=True), cell_text(str(len(actions)), bold=True)],
    ]
    style = [*_RULED, ("SPAN", (0, 0), (1, 0))]
    return Table(rows, colWidths=(130, 50), style=TableStyle(style), hAlign="LEFT")


def _first_line(text: str, limit: int = 200) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _overdue(plan: Plan, today: date) -> list[Flowable]:
    headers = ("Rec No", "Action", "Responsible Owner", "Target Date", "RAG")
    rows: list[list[object]] = [[cell_text(h, bold=True) for h in headers]]
    rag_style = styles()["cell"]
    for rec in plan.recommendations:
        for action in rec.actions:
            if is_overdue(action, today, rec.decision):
                rows.append(
                    [
                        cell_text(rec.ref),
                        cell_text(_first_line(action.text)),
                        [cell_text(owner) for owner in action.owners],
                        cell_text(action_target_label(action)),
                        Paragraph(rag_markup(action, today).strip(), rag_style),
                    ]
                )
    heading = para("Overdue actions", "heading")
    if len(rows) == 1:
        return [heading, para("No action is overdue.", "body")]
    widths = (60, FRAME_WIDTH - 60 - 200 - 90 - 60, 200, 90, 60)
    # splitInRow: a row taller than the page (an action with thirty owners) flows on to the next
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(_RULED))
    return [heading, table]


def _gaps(plan: Plan, today: date) -> list[Flowable]:
    """What the secretary should chase besides overdue actions: the plan's own checks."""
    problems = [p for p in check_plan(plan, today) if p.to_chase and p.code != "overdue"]
    if not problems:
        return []
    story: list[Flowable] = [para("To chase", "heading")]
    story += [para(f"• {p.message}", "body") for p in problems[:_MAX_POINTS]]
    if len(problems) > _MAX_POINTS:
        story.append(para(f"and {len(problems) - _MAX_POINTS} more.", "body"))
    return story


def status_story(plan: Plan, today: date) -> list[Flowable]:
    """One plan's status for the board: decisions, actions by status, overdue, gaps."""
    counts = Table(
        [[summary_table(plan), _actions_table(plan, today)]],
        colWidths=(200, 200),
        hAlign="LEFT",
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        ),
    )
    return [
        para(plan.title, "title"),
        para(f"Status on {uk_date(today.isoformat())}", "line"),
        counts,
        *_overdue(plan, today),
        *_gaps(plan, today),
    ]


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
    marking: str | None = None,
    today: date | None = None,
    progress: dict[int, PlanProgress] | None = None,
) -> None:
    """Print the pack for `plans` to `path`; `today` decides what is overdue (default: today).

    `marking` marks every page when given; otherwise each plan's pages carry the plan's own
    marking and the cover and contents the most restrictive of them. `progress` (from
    `progress_for`, keyed by plan id) adds each plan's changes since the last meeting and its
    trend chart after its status.
    """
    if not plans:
        raise BadInput(f"{path}: a board pack needs at least one plan.")
    board = (board or "").strip() or DEFAULT_BOARD
    today = today or date.today()
    markings = [plan_marking(plan, marking) for plan in plans]
    pack_marking = clean_marking(marking) or most_restrictive(markings)
    title = f"{board}: board pack" + (f", {uk_date(meeting.isoformat())}" if meeting else "")
    story: list[Flowable] = [
        PageFurniture(title, None, pack_marking),
        *_cover(board, meeting, pack_marking, plans),
        PageBreak(),
        para("Contents", "heading"),
        Spacer(0, 6),
        _contents(),
    ]
    for number, (plan, plan_mark) in enumerate(zip(plans, markings, strict=True), 1):
        story += [
            PageBreak(),
            PageFurniture(plan.title, plan.notice, plan_mark),
            _Entry(plan.title, f"plan{number}", 0),
            *status_story(plan, today),
        ]
        if progress and plan.id in progress:
            story += [
                PageBreak(),
                _Entry("Changes since the last meeting", f"plan{number}-changes", 1),
                *progress_story(progress[plan.id], plan, today),
            ]
        story += [
            PageBreak(),
            _Entry("Action plan", f"plan{number}-full", 1),
            *plan_story(plan, plan_mark),
        ]
    with atomic_path(Path(path)) as tmp:
        doc = document(
            tmp,
            title=title,
            markings=[pack_marking, *markings],
            notices=[plan.notice for plan in plans],
            doc_class=_PackDocument,
        )
        build(doc, story, passes=4)
