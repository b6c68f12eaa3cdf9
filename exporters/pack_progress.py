"""The board pack's progress pages: what changed since the last meeting, and the trend.

A secretary reads this page out at the meeting, so it is written as sentences in the order a
board asks: what was completed (and what shows it), what fell overdue, what slipped and by how
much, what is new, what else moved, and who has not reported since. A bar chart of actions by
status at each meeting shows the trend at a glance; its bars carry their counts and a legend
names each status, so nothing is told by colour alone. An action's RAG rating prints as a word
beside a small coloured mark for the same reason.

The exporter never opens the database: the command gathers a `PlanProgress` per plan from the
store (see `exporters.pack.progress_for`) and hands it over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether

from actionplans.exporters.pdf_style import FRAME_WIDTH, para, styles
from actionplans.exporters.pdf_text import FONT, Run, Sentence
from actionplans.storage import rules
from actionplans.storage.dates import uk_date
from actionplans.storage.model import STATUSES, Action, Plan, Recommendation
from actionplans.storage.monitoring import ActionLine, Changes
from actionplans.storage.rules import current_rag, target_label
from actionplans.storage.vocabulary import RAG_LABELS, STATUS_LABELS

STATUS_NAMES = STATUS_LABELS
RAG_COLOURS = {
    "red": colors.HexColor("#C00000"),
    "amber": colors.HexColor("#E69500"),
    "green": colors.HexColor("#00873E"),
    "blue": colors.HexColor("#0070C0"),
}
# Light fills, so the black count printed on each part of a bar stays legible.
_STATUS_FILLS = {
    "open": colors.HexColor("#F4B183"),
    "in_progress": colors.HexColor("#FFD966"),
    "completed": colors.HexColor("#A9D18E"),
}
_MAX_BARS = 12  # meetings the trend chart shows, besides today
_LONG_LABELS = 6  # bars that still have room for "5 June 2025" under them
MAX_ITEMS = 25  # lines per list before "and N more", so a long plan's page stays readable
_TEXT_LIMIT = 140


@dataclass(frozen=True)
class PlanProgress:
    """One plan's progress as the pack prints it, gathered from the store beforehand.

    `changes` is None when no earlier meeting reviewed the plan (there is nothing to compare
    with); `at_meetings` is `storage.monitoring.status_at_meetings` for the plan: (meeting
    date, actions counted by status) oldest first.
    """

    changes: Changes | None
    at_meetings: list[tuple[str, Counter]]


def commitments(plan: Plan) -> Iterator[tuple[Recommendation, int, Action]]:
    """Every action the plan commits to (`storage.rules.commitments`), with its recommendation
    and number."""
    for rec in plan.recommendations:
        for number, action in enumerate(rules.commitments(rec), 1):
            yield rec, number, action


def rag_runs(action: Action | None, today: date) -> list[Run]:
    """The action's RAG rating as a coloured square and its name, to end a sentence."""
    if action is None:
        return []
    rag = current_rag(action, today)
    return [Run(" "), Run("■", colour=RAG_COLOURS[rag]), Run(f" {RAG_LABELS[rag]}")]


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _TEXT_LIMIT else line[: _TEXT_LIMIT - 1].rstrip() + "…"


def _name(line: ActionLine) -> list[Run]:
    """How the page names an action: its number in bold, its words, its owners."""
    owners = line.owners or "no owner"
    return [Run(line.label, bold=True), Run(f" {_short(line.text)} ({owners})")]


def _sentence(text: str) -> str:
    """`text` on one line ending in one full stop, however the person typed it."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _target(line: ActionLine) -> str:
    return target_label(line.target, line.target_text)


def _due(line: ActionLine) -> str:
    """ "due March 2030", "ongoing" or "no target date", to end an action's sentence."""
    if line.target == "ongoing":
        return "ongoing"
    if not (line.target or line.target_text):
        return "no target date"
    return f"due {_target(line)}"


def _list(heading: str, items: list[list[Run]], empty: str) -> list[Flowable]:
    """A titled list of sentences, cut at `MAX_ITEMS` with a count of the rest."""
    title = para(f"{heading} ({len(items)})", "subheading")
    if not items:
        return [KeepTogether([title, para(empty, "item")])]
    lines: list[Flowable] = [Sentence(item, styles()["item"]) for item in items[:MAX_ITEMS]]
    if len(items) > MAX_ITEMS:
        rest = len(items) - MAX_ITEMS
        lines.append(para(f"and {rest} more: see the full plan that follows.", "item"))
    return [KeepTogether([title, lines[0]]), *lines[1:]]


def changes_story(report: Changes, plan: Plan) -> list[Flowable]:
    """The changes since the last meeting, as titled lists a secretary can read out in turn."""
    actions = {a.id: a for rec in plan.recommendations for a in rec.actions if a.id is not None}
    today = report.today

    def rag(line: ActionLine) -> list[Run]:
        return rag_runs(actions.get(line.action_id), today)

    completed = [
        [
            *_name(c.action),
            Run(
                f" {c.words} on {uk_date(c.on_date)}. "
                f"Evidence: {_sentence(c.evidence or 'none given')}"
            ),
        ]
        for c in report.completed
    ]
    overdue = [
        [*_name(line), Run(f" was due {_target(line)} and is not complete."), *rag(line)]
        for line in report.newly_overdue
    ]
    slipped = [
        [
            *_name(s.action),
            Run(
                f": target moved from {target_label(s.target_from)} to "
                f"{target_label(s.target_to)}, {s.by()} (recorded {uk_date(s.on_date)})."
            ),
            *rag(s.action),
        ]
        for s in report.slipped
    ]
    new = [[*_name(line), Run(f", {_due(line)}."), *rag(line)] for line in report.new_actions]
    moved = [
        [
            *_name(line),
            Run(
                f": from {STATUS_NAMES[before].lower()} to {STATUS_NAMES[after].lower()} "
                f"on {uk_date(on)}."
            ),
        ]
        for line, before, after, on in report.status_changes
        if after != "completed"  # completions are listed above, with their evidence
    ]
    silent = [[*_name(line), Run(f", {_due(line)}."), *rag(line)] for line in report.no_update]
    since = uk_date(report.since.isoformat())
    return [
        *_list("Completed", completed, "No action was completed."),
        *_list("Newly overdue", overdue, "No action fell overdue."),
        *_list("Slipped", slipped, "No target date moved."),
        *_list("New actions", new, "No action was added."),
        *_list("Other status changes", moved, "No other status changed."),
        *_list(f"No update since {since}", silent, "Every open action has an update."),
    ]


def _step(top: int) -> int:
    """A whole-number tick step giving at most about five ticks up to `top`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if top / step <= 5:
            return step
    return 10 ** len(str(top))


def _short_date(day: str) -> str:
    """ "05/06/25": a date that still fits under a bar when a dozen bars share the chart."""
    return f"{day[8:10]}/{day[5:7]}/{day[2:4]}"


# The chart's geometry, in points from the bottom left of its drawing.
_PLOT_X, _PLOT_WIDTH, _PLOT_HEIGHT = 30, 520, 130
_BAR_SHARE = 0.8  # of a date's slot; the rest is the gap between bars
_TICK = 5  # length of the axes' tick marks
_SMALL, _LEGEND = 8, 9  # font sizes of the axes and bar counts, and of the legend
_SWATCH, _LEGEND_STEP = 10, 20  # legend: a status's square, and the distance between them


class StatusChart(Flowable):
    """A stacked bar per date of the actions by status, each part labelled with its count
    where it is tall enough to hold it; dates slant under the bars once there are many.

    Drawn with plain canvas calls: reportlab's chart widgets built and validated a tree of
    shapes for every chart, and rendering the ten charts of a board pack that way took a
    sixth of its time. It looks as the widgets drew it: a value axis with about five
    whole-number ticks, the dates under the bars, the legend on the right.
    """

    def __init__(self, points: list[tuple[str, Counter]]) -> None:
        super().__init__()
        self.points = points
        self.slanted = len(points) > 5
        self.width, self.height = FRAME_WIDTH, 215 if self.slanted else 165

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, points = self.canv, self.points
        bottom = 75 if self.slanted else 25
        top = max((sum(counts.get(s, 0) for s in STATUSES) for _, counts in points), default=0)
        step = _step(max(top, 1))
        highest = -(-max(top, 1) // step) * step
        scale = _PLOT_HEIGHT / highest
        slot = _PLOT_WIDTH / len(points)
        canvas.saveState()
        canvas.setFont(FONT, _SMALL)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.5)
        labels = []  # (x, y, count) of each part tall enough to print its count in
        for status in STATUSES:
            canvas.setFillColor(_STATUS_FILLS[status])
            for number, (_, counts) in enumerate(points):
                count = counts.get(status, 0)
                if not count:
                    continue
                below = sum(counts.get(s, 0) for s in STATUSES[: STATUSES.index(status)])
                x = _PLOT_X + slot * (number + (1 - _BAR_SHARE) / 2)
                y, height = bottom + below * scale, count * scale
                canvas.rect(x, y, slot * _BAR_SHARE, height, stroke=1, fill=1)
                if height >= 11:
                    labels.append((x + slot * _BAR_SHARE / 2, y + height / 2, count))
        canvas.setFillColor(colors.black)
        for x, y, count in labels:
            canvas.drawCentredString(x, y - 0.4 * _SMALL, str(count))
        canvas.setLineWidth(1)
        axes = canvas.beginPath()
        axes.moveTo(_PLOT_X, bottom)
        axes.lineTo(_PLOT_X + _PLOT_WIDTH, bottom)
        for number in range(len(points) + 1):
            axes.moveTo(_PLOT_X + slot * number, bottom)
            axes.lineTo(_PLOT_X + slot * number, bottom - _TICK)
        axes.moveTo(_PLOT_X, bottom)
        axes.lineTo(_PLOT_X, bottom + _PLOT_HEIGHT)
        for value in range(0, highest + 1, step):
            y = bottom + value * scale
            axes.moveTo(_PLOT_X, y)
            axes.lineTo(_PLOT_X - _TICK, y)
            canvas.drawRightString(_PLOT_X - _TICK, y - 0.4 * _SMALL, str(value))
        canvas.drawPath(axes, stroke=1, fill=0)
        for number, (label, _) in enumerate(points):
            x = _PLOT_X + slot * (number + 0.5)
            if self.slanted:  # the end of the date under the middle of its bar, slanting down
                canvas.saveState()
                canvas.translate(x, bottom - 4)
                canvas.rotate(40)
                canvas.drawRightString(0, -_SMALL, label)
                canvas.restoreState()
            else:
                canvas.drawCentredString(x, bottom - 4 - _SMALL, label)
        x, y = _PLOT_X + _PLOT_WIDTH + 30, bottom + _PLOT_HEIGHT - _SWATCH
        baseline = (_SWATCH - pdfmetrics.getAscent(FONT, _LEGEND)) / 2
        canvas.setFont(FONT, _LEGEND)
        for status in reversed(STATUSES):
            canvas.setFillColor(_STATUS_FILLS[status])
            canvas.rect(x, y, _SWATCH, _SWATCH, stroke=1, fill=1)
            canvas.setFillColor(colors.black)
            canvas.drawString(x + 2 * _SWATCH, y + baseline, STATUS_NAMES[status])
            y -= _LEGEND_STEP
        canvas.restoreState()


def status_chart(points: list[tuple[str, Counter]]) -> StatusChart:
    """The trend chart of `points`: (date label, actions counted by status), oldest first."""
    return StatusChart(points)


def trend_story(at_meetings: list[tuple[str, Counter]], plan: Plan, today: date) -> list[Flowable]:
    """The chart of actions by status at each meeting up to today, then today itself."""
    held = [(day, counts) for day, counts in at_meetings if day <= today.isoformat()]
    if not held:
        return []
    held = held[-_MAX_BARS:]  # the last twelve meetings: three years of quarterly boards
    days = [day for day, _ in held]
    if days[-1] != today.isoformat():
        days.append(today.isoformat())
    label = uk_date if len(days) <= _LONG_LABELS else _short_date
    points = [(label(day), counts) for day, counts in held]
    if len(points) < len(days):
        now = Counter(action.status for _, _, action in commitments(plan))
        points.append((f"{label(days[-1])} (now)", now))
    return [
        KeepTogether(
            [
                para("Actions by status at each meeting", "subheading"),
                status_chart(points),
                para(
                    "Each bar counts the plan's actions by status on the day of a meeting "
                    "that reviewed it; the last bar is the position now.",
                    "note",
                ),
            ]
        )
    ]


def progress_story(progress: PlanProgress, plan: Plan, today: date) -> list[Flowable]:
    """A plan's progress pages: the changes since the last meeting under the trend chart."""
    if progress.changes is None:
        return [
            para("Changes since the last meeting", "heading"),
            para("No earlier meeting reviewed this plan: there is nothing to compare.", "body"),
            *trend_story(progress.at_meetings, plan, today),
        ]
    report = progress.changes
    since = uk_date(report.since.isoformat())
    return [
        para(f"Changes since {since}", "heading"),
        para(
            f"What moved between the last meeting on {since} and "
            f"{uk_date(report.today.isoformat())}, from the dated updates recorded.",
            "body",
        ),
        *trend_story(progress.at_meetings, plan, today),
        *changes_story(report, plan),
    ]
