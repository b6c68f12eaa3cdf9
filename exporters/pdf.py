"""An action plan printed as the published plans are: A4 landscape, title block, definitions,
the six-column table and the summary of decisions.

`plan_story` is the plan as reportlab flowables; the board pack prints each plan with it, so a
plan looks the same alone and inside a pack.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from actionplans.exporters.atomic import atomic_path
from actionplans.exporters.definitions import DEFINITION_HEADERS, DEFINITIONS, HEADERS, INTRODUCTION
from actionplans.exporters.pdf_style import (
    FRAME_WIDTH,
    RULE,
    SHADE,
    PageFurniture,
    build,
    cell_lines,
    cell_text,
    clean_marking,
    clip,
    document,
    para,
)
from actionplans.exporters.pdf_table import Block, Cell, PagedTable
from actionplans.storage.dates import uk_date
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.rules import action_target_label

_RULED = [
    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
]


def _decision_cell(rec: Recommendation) -> Cell:
    cell = [cell_text(rec.decision)] if rec.decision else []
    if rec.reason:
        cell.append(cell_text(f"Reason: {rec.reason}"))
    return cell


def _action_cells(action: Action) -> list[Cell]:
    return [
        cell_lines(action.text),
        [cell_text(clip(owner, "owner")) for owner in action.owners],
        [cell_text(clip(action_target_label(action), "target"))],
    ]


def recommendation_block(
    rec: Recommendation, heading: str | None, show_kind: bool = False
) -> Block:
    """One recommendation's table rows, with the section heading that stands above it; in a
    plan of concerns the item's kind stands under its Rec No, as the xlsx's Kind column says."""
    ref = clip(rec.ref, "ref")
    ref_cell = [cell_text(ref, bold=True)]
    if show_kind:
        ref_cell.append(cell_text(rec.kind.capitalize()))
    return Block(
        ref=ref,
        rec=[ref_cell, cell_lines(rec.text), _decision_cell(rec)],
        actions=[_action_cells(action) for action in rec.actions] or [[[], [], []]],
        heading=[cell_text(clip(heading, "title"), bold=True)] if heading else None,
    )


def plan_table(plan: Plan) -> PagedTable:
    """The six-column table; a heading row stands wherever the section changes."""
    recs = plan.recommendations
    show_kind = any(rec.kind != "recommendation" for rec in recs)

    def make_block(index: int) -> Block:
        section = recs[index].section
        new_section = section and (index == 0 or recs[index - 1].section != section)
        return recommendation_block(recs[index], section if new_section else None, show_kind)

    header = [[cell_text(text, bold=True)] for text in HEADERS]
    return PagedTable(header, make_block, len(recs))


def _title_block(plan: Plan) -> list[Flowable]:
    lines = [para(plan.title, "title")]
    if plan.submitted:
        lines.append(para(f"Action Plan Submitted: {uk_date(plan.submitted)}", "line"))
    if plan.responds_to:
        lines.append(para(f"A response to {plan.responds_to}", "line"))
    if plan.report_published:
        lines.append(para(f"Report Published: {uk_date(plan.report_published)}", "line"))
    if plan.notice:
        lines.append(para(plan.notice, "notice"))
    return lines


def _definitions() -> Table:
    rows = [[cell_text(text, bold=True) for text in DEFINITION_HEADERS]]
    rows += [
        [cell_text(term, bold=True), cell_text(meaning), cell_text(comment)]
        for term, meaning, comment in DEFINITIONS
    ]
    widths = (90, 290, FRAME_WIDTH - 380)
    return Table(rows, colWidths=widths, style=TableStyle(_RULED), hAlign="LEFT")


def summary_table(plan: Plan) -> Table:
    """Counts by decision as printed under every plan; Undecided only while there are any."""
    counts = plan.summary()
    rows = [[cell_text("Recommendations", bold=True), ""]]
    rows += [
        [cell_text(name, bold=name == "Total"), cell_text(str(count), bold=name == "Total")]
        for name, count in counts.items()
        if name != "Undecided" or count
    ]
    style = [*_RULED, ("SPAN", (0, 0), (1, 0))]
    return Table(rows, colWidths=(130, 50), style=TableStyle(style), hAlign="LEFT")


def plan_marking(plan: Plan, marking: str | None = None) -> str | None:
    """The marking a plan prints with: the one asked for on this export, else the plan's own."""
    return clean_marking(marking) or clean_marking(plan.marking)


def plan_story(plan: Plan, marking: str | None = None) -> list[Flowable]:
    """The whole plan as flowables, starting with the marker that sets its page furniture;
    `marking` overrides the plan's own."""
    return [
        PageFurniture(plan.title, plan.notice, plan_marking(plan, marking)),
        *_title_block(plan),
        para("INTRODUCTION", "heading"),
        para(INTRODUCTION, "body"),
        _definitions(),
        CondPageBreak(160),
        Spacer(0, 12),
        plan_table(plan),
        Spacer(0, 12),
        KeepTogether([summary_table(plan)]),
    ]


def write_plan_pdf(plan: Plan, path: Path, *, marking: str | None = None) -> None:
    """Print `plan` to `path` as a PDF with a marking (e.g. OFFICIAL) on every page: `marking`
    when given, else the plan's own, else none."""
    marking = plan_marking(plan, marking)
    with atomic_path(Path(path)) as tmp:
        doc = document(tmp, title=plan.title, markings=[marking], notices=[plan.notice])
        build(doc, plan_story(plan, marking))
