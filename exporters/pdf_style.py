"""The look shared by the plan PDF and the board pack: paragraph styles, page furniture.

Everything a board member sees on every page lives here, so that a plan printed alone and the
same plan inside a board pack look the same: A4 landscape, black on white, DejaVu Sans embedded
(Helvetica has no Welsh ŵ or ŷ), the protective marking centred at the top and bottom, the
plan's notice under the top marking, and "Page X of Y" with the plan's title in the footer.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from actionplans.exporters.pdf_text import (
    FONT,
    FONT_BOLD,
    CellText,
    Run,
    Sentence,
    printable,
    register_fonts,
)
from actionplans.storage.version import app_version

PAGE = landscape(A4)
SIDE_MARGIN = 15 * mm
BOTTOM_MARGIN = 20 * mm
FRAME_WIDTH = PAGE[0] - 2 * SIDE_MARGIN
RULE = colors.black
SHADE = colors.HexColor("#D9D9D9")  # the grey of the published plans' header rows
LIGHT_SHADE = colors.HexColor("#F2F2F2")
_TOTAL_FORM = "pageTotal"


def _style(name: str, size: float, *, bold: bool = False, after: float = 0, **kw) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=round(size * 1.25, 1),
        spaceAfter=after,
        textColor=colors.black,
        **kw,
    )


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles by role; built after the fonts are registered."""
    register_fonts()
    return {
        "title": _style("title", 16, bold=True, after=10),
        "line": _style("line", 11, bold=True, after=6),
        "notice": _style("notice", 10, after=6),
        "heading": _style("heading", 12, bold=True, after=6, spaceBefore=8),
        "subheading": _style("subheading", 10.5, bold=True, after=3, spaceBefore=6),
        "note": _style("note", 8.5, after=4),
        "item": _style("item", 9.5, after=2, leftIndent=14, bulletIndent=3),
        "body": _style("body", 10, after=6),
        "cell": _style("cell", 8.5, after=3),
        "cell_bold": _style("cell_bold", 8.5, bold=True, after=3),
        "cover_title": _style("cover_title", 26, bold=True, after=18),
        "cover_line": _style("cover_line", 14, after=10),
        "contents": _style("contents", 11, after=4),
        "page_notice": _style("page_notice", 8.5, alignment=1),
    }


# Control characters (a bell or NUL pasted from another program) have no glyph in any font:
# they would print as empty boxes, and come out of the PDF as NULs when text is copied.
SHORT = {"ref": 60, "owner": 400, "target": 300, "title": 300, "notice": 600, "marking": 100}


def clip(text: str, place: str) -> str:
    """`text` as printed in a `place` of SHORT: whole when it fits, else its start and a note
    that says how much more the plan holds."""
    limit = SHORT[place]
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}… [cut: {len(text) - limit:,} more characters in the plan]"


def markup(text: str) -> str:
    """User text as paragraph markup: `&`, `<`, `>` escaped, so any owner's name prints as typed.

    (`html.escape`, not `xml.sax.saxutils.escape`: the same three, and the xml package would
    import urllib.request and the email and ssl packages behind it, a tenth of a pack's start.)"""
    return html.escape(printable(text), quote=False)


class Para(Paragraph):
    """A Paragraph that breaks its lines once per width.

    Its lines do not depend on the height offered, yet reportlab asks again and again: a
    KeepTogether measures its paragraphs and the frame then measures each once more, and a
    paragraph that does not fit is measured on the next page too. Breaking the board pack's
    sentences into lines was a fifth of its time. (`split` drops the lines when a paragraph
    must move on whole: they are then broken again.)
    """

    _wrapped: tuple[float, float, float] | None = None  # (width asked, width, height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        wrapped = self._wrapped
        if wrapped is None or wrapped[0] != availWidth or not hasattr(self, "blPara"):
            wrapped = self._wrapped = (availWidth, *super().wrap(availWidth, availHeight))
        return wrapped[1], wrapped[2]


def para(text: str, style: str) -> Flowable:
    """`text` as a paragraph in one of `styles`: a `Sentence` of one run, which has no markup
    to parse, or for a centred style a Paragraph (a Sentence sets its lines from the left)."""
    chosen = styles()[style]
    if chosen.alignment == TA_LEFT:
        return Sentence([Run(text)], chosen, bullet=None)
    return Para(markup(text), chosen)


def cell_text(text: str, *, bold: bool = False) -> CellText:
    return CellText(printable(text), styles()["cell_bold" if bold else "cell"])


def cell_lines(text: str) -> list[CellText]:
    """One paragraph per non-empty line: the plan JSON separates paragraphs with newlines."""
    return [cell_text(line.strip()) for line in text.splitlines() if line.strip()]


def clean_marking(marking: str | None) -> str | None:
    return clip(printable(marking or "").strip(), "marking") or None


class PageFurniture(Flowable):
    """An invisible marker that says which title, notice and marking the following pages carry.

    The marking travels with the title because a board pack prints plans of different
    markings: each plan's pages carry its own.
    """

    def __init__(self, title: str, notice: str | None, marking: str | None = None) -> None:
        super().__init__()
        self.title, self.notice = printable(clip(title, "title")), notice
        self.marking = clean_marking(marking)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.furniture = (self.title, self.notice, self.marking)


class _Canvas(Canvas):
    """A canvas that prints the page total into every footer once it knows it.

    Each footer draws a form by name; the form is defined when the document is saved, so
    "Page X of Y" costs one pass, not two, and bookmarks still point at the right pages.
    `late_forms` holds other forms known only at the end (the board pack's contents page
    numbers): each is drawn, by its name, when the document is saved.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.late_forms: dict[str, Callable[[Canvas], None]] = {}

    def save(self) -> None:
        self.beginForm(_TOTAL_FORM)
        self.setFont(FONT, 8)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        for name, draw in self.late_forms.items():
            self.beginForm(name, lowerx=-PAGE[0], lowery=-PAGE[1], upperx=PAGE[0], uppery=PAGE[1])
            draw(self)
            self.endForm()
        super().save()


def _notice_paragraph(notice: str) -> Paragraph:
    return para(clip(notice, "notice"), "page_notice")


def _top_margin(markings: list[str | None], notices: list[str | None]) -> float:
    """Room above the frame for a marking and the tallest notice any page carries."""
    height = 12 * mm + (6 * mm if any(markings) else 0)
    tallest = max(
        (_notice_paragraph(n).wrap(FRAME_WIDTH, PAGE[1])[1] for n in notices if n), default=0
    )
    return height + (tallest + 3 * mm if tallest else 0)


def _fit(canvas: Canvas, text: str, room: float) -> str:
    """`text` shortened with an ellipsis until it fits `room` points of footer."""
    if canvas.stringWidth(text, FONT, 8) <= room:
        return text
    while text and canvas.stringWidth(text + "…", FONT, 8) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_furniture(canvas: Canvas, doc: BaseDocTemplate) -> None:
    width, height = PAGE
    title, notice, marking = getattr(canvas, "furniture", ("", None, None))
    canvas.saveState()
    canvas.setFillColor(colors.black)
    top = height - 10 * mm
    if marking:
        canvas.setFont(FONT_BOLD, 10)
        canvas.drawCentredString(width / 2, top, marking)
        canvas.drawCentredString(width / 2, 7 * mm, marking)
        top -= 4 * mm
    if notice:
        block = _notice_paragraph(notice)
        _, h = block.wrap(FRAME_WIDTH, height)
        block.drawOn(canvas, SIDE_MARGIN, top - h)
    canvas.setFont(FONT, 8)
    footer_y = 12 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(SIDE_MARGIN, footer_y + 10, width - SIDE_MARGIN, footer_y + 10)
    if title:
        canvas.drawString(SIDE_MARGIN, footer_y, _fit(canvas, title, FRAME_WIDTH - 40 * mm))
    label = f"Page {canvas.getPageNumber()} of "
    x = width - SIDE_MARGIN - 30 * mm
    canvas.drawString(x, footer_y, label)
    canvas.translate(x + canvas.stringWidth(label, FONT, 8), footer_y)
    canvas.doForm(_TOTAL_FORM)
    canvas.restoreState()


def document(
    target: Path,
    *,
    title: str,
    markings: list[str | None],
    notices: list[str | None],
    doc_class: type[BaseDocTemplate] = BaseDocTemplate,
) -> BaseDocTemplate:
    """A landscape A4 document whose every page carries a marking, notice and footer as the
    last `PageFurniture` before it says; the top margin leaves room for any of them."""
    register_fonts()
    version = f"actionplans {app_version()}"
    top = _top_margin([clean_marking(m) for m in markings], notices)
    doc = doc_class(
        str(target),
        pagesize=PAGE,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=top,
        bottomMargin=BOTTOM_MARGIN,
        title=printable(title),
        author=version,
        creator=version,
        subject=printable(title),
        initialFontName=FONT,
    )
    frame = Frame(
        SIDE_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE[1] - top - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=_draw_furniture)])
    return doc


def build(doc: BaseDocTemplate, story: list[Flowable], *, passes: int = 1) -> None:
    """Build with the canvas that fills in page totals; `passes` > 1 for a table of contents."""
    if passes > 1:
        doc.multiBuild(story, canvasmaker=_Canvas, maxPasses=passes)
    else:
        doc.build(story, canvasmaker=_Canvas)
