"""Setting text fast for the plan PDF and the board pack: the embedded font, line breaking, and
the two flowables that draw plain text without reportlab's Paragraph machinery.

A board pack prints tens of thousands of table cells and hundreds of sentences; parsed and laid
out as Paragraphs they were most of its time. `CellText` (a table cell's plain lines) and
`Sentence` (runs of plain text in bold or colour, for the lists of changes) break their lines
where a Paragraph of the same style would (tests/exporters/test_pdf_sentence.py checks it) and
write them through `_Font`, which maps a line onto the embedded subset in one step.
"""

from __future__ import annotations

import functools
import re
import weakref
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from actionplans.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


class _Font(TTFont):
    """A TrueType font that maps a line onto its embedded subset without reportlab's general
    path when every letter of it already has a code in the first subset.

    reportlab maps text onto the embedded font subset in Python, one character at a time, and
    on a long plan that was the largest single cost of printing. With `asciiReadable` (its
    default) printable ASCII keeps its own codes in the first subset, so once a document has
    its subset state such a line maps to itself; a line with a letter placed earlier (the
    "…" that ends every shortened action) maps through the codes already given; anything
    else, a letter seen for the first time, takes reportlab's own path, which gives it a code.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        glyphs = self.face.charToGlyph
        self._ascii_as_is = bool(self._asciiReadable) and all(
            code in glyphs for code in range(32, 127)
        )
        self._last: tuple[weakref.ref, TTFont.State] | None = None  # (a document, its state)

    def _state(self, doc: object) -> TTFont.State | None:
        """`doc`'s subset state, the last one remembered: `self.state` is a weak dictionary,
        slow to ask once per line of a pack."""
        if self._last is not None and self._last[0]() is doc:
            return self._last[1]
        state = self.state.get(doc)
        if state is not None:
            self._last = (weakref.ref(doc), state)
        return state

    def first_subset(self, text: str, doc: object) -> bytes | None:
        """`text` in the codes of `doc`'s first subset, or None when some letter has none."""
        state = self._state(doc)
        if state is None:
            return None
        if self._ascii_as_is and text.isascii() and text.isprintable():
            return text.encode("ascii")
        codes = state.assignments
        try:  # a no-break space prints as a space, as reportlab maps it
            return bytes(codes[32 if char == "\xa0" else ord(char)] for char in text)
        except (KeyError, ValueError):  # a letter not yet coded, or coded in a later subset
            return None

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list:
        coded = self.first_subset(text, doc)
        if coded is not None:
            return [(0, coded)]
        return super().splitString(text, doc, encoding)


@functools.cache
def register_fonts() -> None:
    """Register DejaVu Sans once per process; reportlab embeds the glyphs each PDF uses.

    Page streams are only deflated, not also ASCII85-encoded (reportlab's default, for 7-bit
    channels no one uses now): smaller files, less work.
    """
    rl_config.useA85 = 0
    pdfmetrics.registerFont(_Font(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(_Font(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without control characters, as the workbook drops them too."""
    return _CONTROL.sub("", text)


# The longest text a narrow or repeated place prints before it is cut with a visible note: a
# Rec No or a page header repeats on every page it continues on, so a longer one would fill
# the page with itself and the layout would never end (issue 17). The plan keeps every word.
@functools.lru_cache(maxsize=1 << 16)
def _width(word: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(word, font, size)


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the column (a long URL) in column-wide pieces, never clipped."""
    pieces, piece = [], ""
    for char in word:
        if piece and _width(piece + char, font, size) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def break_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking on spaces, with each distinct word measured once per process.

    Most cells (a status, a date, an owner) fit on one line: measured whole, in one call,
    they need no word-by-word pass."""
    if pdfmetrics.stringWidth(text, font, size) <= width and text == " ".join(text.split()):
        return [text] if text else []
    space = _width(" ", font, size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        needed = _width(word, font, size)
        if needed > width:
            pieces = _break_word(word, font, size, width)
            if line:
                lines.append(" ".join(line))
            lines += pieces[:-1]
            line, used = [pieces[-1]], _width(pieces[-1], font, size)
        elif line and used + space + needed > width:
            lines.append(" ".join(line))
            line, used = [word], needed
        else:
            used += (space if line else 0) + needed
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def _plain_operators(text: PDFTextObject, line: str) -> str | None:
    """The very operators `text` would write to show `line` in its current font, when every
    letter of `line` has its code in the font's first subset (`_Font.first_subset`); else None.

    Written directly, such a line skips reportlab's general path (a font lookup, the text
    mapped to subsets letter by letter, shaping checks), which took a tenth of a pack's time.
    """
    face, canvas = pdfmetrics.getFont(text._fontname), text._canvas
    coded = face.first_subset(line, canvas._doc) if isinstance(face, _Font) else None
    if coded is None:
        return None
    shown = f"({canvas._escape(coded)}) Tj"
    if text._curSubset != 0:  # choose the first subset first, as reportlab does
        name = face.getSubsetInternalName(0, canvas._doc)
        shown = f"{name} {fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL {shown}"
        text._curSubset = 0
    return shown


LineT = TypeVar("LineT")


class _Lines(Flowable, Generic[LineT]):
    """Text set in lines of one leading, broken once per width: reportlab asks a flowable's
    size again and again (a table per cell, a frame per page). The lines a split hands on are
    kept whatever width they are asked at."""

    def __init__(self, style: ParagraphStyle, lines: list[LineT] | None) -> None:
        super().__init__()
        self.style = style
        self._lines = lines
        self._wrapped_at: float | None = None if lines is None else -1.0  # -1: handed on

    def _break(self, width: float) -> list[LineT]:
        raise NotImplementedError

    def _wrapped(self, width: float) -> list[LineT]:
        if self._lines is None or self._wrapped_at not in (-1.0, width):
            self._lines = self._break(width)
            self._wrapped_at = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self._wrapped(availWidth)
        self.width, self.height = availWidth, len(lines) * self.style.leading
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter


class CellText(_Lines[str]):
    """Plain text set in lines, for table cells.

    Cells hold nothing but user text, so they skip paragraph markup altogether (nothing to
    escape, nothing to parse): a long plan has tens of thousands of cells, and parsing and
    laying them out as Paragraphs took most of the time of printing one.
    """

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None) -> None:
        super().__init__(style, lines)
        self.text = text

    def _break(self, width: float) -> list[str]:
        return break_lines(self.text, self.style.fontName, self.style.fontSize, width)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._wrapped(availWidth)
        fit = int(availHeight // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        head, tail = lines[:fit], lines[fit:]
        return [CellText(self.text, self.style, head), CellText(self.text, self.style, tail)]

    def getSpaceBefore(self) -> float:
        return 0.0  # cells have no space before (reportlab looks it up by name otherwise)

    def set_lines(self, text: PDFTextObject, x: float, top: float) -> None:
        """Add these lines to `text`, the first hanging from `top` at `x`, as they were wrapped.

        A plain line is written directly (`_plain_operators`): a pack has twenty thousand.
        """
        style = self.style
        baseline = top - style.fontSize
        text.setTextOrigin(x, baseline)
        font = (style.fontName, style.fontSize, style.leading)
        if (text._fontname, text._fontsize, text._leading) != font:  # a table's cells share one
            text.setFont(*font)  # and setting it again makes each cell choose it again
        lines = self._lines or []
        for line in lines:
            shown = _plain_operators(text, line)
            if shown is None:
                text.textLine(line)
            else:
                text._code.append(f"{shown} T*")
        text._x, text._y = x, baseline - len(lines) * style.leading  # where textLine leaves it
        text._y0 = text._y

    def draw(self) -> None:
        text = self.canv.beginText()
        self.set_lines(text, 0, self.height)
        self.canv.drawText(text)


@dataclass(frozen=True)
class Run:
    """Part of a `Sentence` in one weight and colour."""

    text: str
    bold: bool = False
    colour: Color = colors.black


# Where a paragraph may break a line: reportlab's white space, which leaves out the no-break
# space (U+00A0), so that "10 000" or "HMP Foo" typed with one stays on one line.
_BREAKS = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f \x85\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+"
)

_Part = tuple[str, str, Color]  # text, font, colour


@dataclass(slots=True)
class _Word:
    parts: list[_Part]
    width: float
    space: _Part | None = None  # the space after it, in the font and colour it was typed in
    space_width: float = 0.0


def _measure(parts: list[_Part], size: float) -> float:
    if len(parts) == 1:
        return _width(parts[0][0], parts[0][1], size)
    return sum(_width(text, face, size) for text, face, _ in parts)


def _words(runs: list[Run], font: str, size: float) -> list[_Word]:
    """The runs' words, a word that crosses runs (no space between them) kept whole."""
    words: list[_Word] = []
    parts: list[_Part] = []
    for run in runs:
        face = FONT_BOLD if run.bold else font
        space, spacing = (" ", face, run.colour), _width(" ", face, size)
        for number, piece in enumerate(_BREAKS.split(printable(run.text))):
            if number and parts:  # white space ended the word before this piece
                words.append(_Word(parts, _measure(parts, size), space, spacing))
                parts = []
            if piece:
                parts.append((piece, face, run.colour))
    if parts:
        words.append(_Word(parts, _measure(parts, size)))
    return words


def _split_long(word: _Word, room: float, width: float, size: float) -> list[_Word]:
    """A word wider than the line (a long web address) cut into a piece that fills the `room`
    left on its line and line-wide pieces after it, never clipped."""
    pieces: list[_Word] = []
    parts: list[_Part] = []
    used = 0.0
    for text, face, colour in word.parts:
        for char in text:
            needed = _width(char, face, size)
            if used + needed > room:
                if parts:  # else not even a letter fits the line it would start on
                    pieces.append(_Word(parts, used))
                parts, used, room = [], 0.0, width
            if parts and parts[-1][1:] == (face, colour):
                parts[-1] = (parts[-1][0] + char, face, colour)
            else:
                parts.append((char, face, colour))
            used += needed
    return [*pieces, _Word(parts, used, word.space, word.space_width)]


def _sentence_lines(words: list[_Word], width: float, size: float, shrink: float) -> list[_Line]:
    """Greedy lines as reportlab's Paragraph breaks them, so that a page reads as it did: a
    line may overrun by `shrink` of its spaces' width, which then narrow to fit. A word wider
    than a line is cut to fill the line it starts on and the lines after."""
    lines: list[_Line] = []
    line = _Line()
    space = 0.0  # after the last word placed
    for whole in words:
        pieces = [whole]
        if whole.width > width:
            room = width - line.width - space if line.words else width
            pieces = _split_long(whole, room, width, size)
        for word in pieces:
            wider = line.width + space + word.width
            if not line.words:
                line.add(word, 0.0, word.width)
            elif wider <= width + shrink * (line.spaces + space):
                line.add(word, space, wider)
            else:
                lines.append(line)
                line = _Line()
                line.add(word, 0.0, word.width)
            space = word.space_width
    if line.words:
        lines.append(line)
    return lines


@dataclass
class _Line:
    words: list[_Word] = field(default_factory=list)
    width: float = 0.0
    spaces: float = 0.0  # the width of the spaces between its words

    def add(self, word: _Word, space: float, width: float) -> None:
        self.words.append(word)
        self.width, self.spaces = width, self.spaces + space

    def pieces(self) -> list[_Part]:
        """The line's text in pieces of one font and colour, each space in the font it was
        typed in (as a Paragraph sets it)."""
        pieces: list[_Part] = []
        last = len(self.words) - 1
        for number, word in enumerate(self.words):
            parts = (
                word.parts if number == last or word.space is None else [*word.parts, word.space]
            )
            for part in parts:
                if pieces and pieces[-1][1:] == part[1:]:
                    pieces[-1] = (pieces[-1][0] + part[0], *part[1:])
                else:
                    pieces.append(part)
        return pieces


class Sentence(_Lines[_Line]):
    """A paragraph of plain text in runs of bold or colour, with an optional bullet.

    For the board pack's lists of changes, read out at the meeting: hundreds of sentences
    that reportlab's Paragraph would parse as markup, break into lines through its general
    machinery (fonts, hyphenation, bidi), and draw fragment by fragment, a fifth of the
    pack's time. The lines break where a Paragraph of the same style breaks them (greedy, a
    line overrunning by `spaceShrinkage` of its spaces squeezed to fit), and the bullet stands
    where it puts it, so the page looks the same.
    """

    def __init__(
        self,
        runs: list[Run],
        style: ParagraphStyle,
        bullet: str | None = "\u2022",
        lines: list[_Line] | None = None,
    ) -> None:
        super().__init__(style, lines)
        self.runs, self.bullet = runs, bullet

    def _break(self, width: float) -> list[_Line]:
        style = self.style
        room = width - style.leftIndent - style.rightIndent
        words = _words(self.runs, style.fontName, style.fontSize)
        return _sentence_lines(words, room, style.fontSize, style.spaceShrinkage)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """As a Paragraph splits: never leaving its first line alone at the foot of a page."""
        lines = self._wrapped(availWidth)
        fit = int(availHeight / self.style.leading)
        if fit <= 1:
            return []
        if fit >= len(lines):
            return [self]
        return [
            Sentence(self.runs, self.style, self.bullet, lines[:fit]),
            Sentence(self.runs, self.style, None, lines[fit:]),
        ]

    def line_widths(self) -> list[float]:
        """How wide each of its lines is, as last wrapped (where its words end)."""
        return [line.width for line in self._lines or ()]

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        size, leading = style.fontSize, style.leading
        top = self.height - size
        if self.bullet:
            mark = canvas.beginText(style.bulletIndent, top)
            mark.setFont(style.bulletFontName, style.bulletFontSize)
            mark.setFillColor(style.textColor)
            mark.textOut(self.bullet)
            canvas.drawText(mark)
        text = canvas.beginText(style.leftIndent, top)
        room = self.width - style.leftIndent - style.rightIndent
        font: tuple[str, Color] | None = None
        for number, line in enumerate(self._lines or ()):
            if number:
                text.setTextOrigin(style.leftIndent, top - number * leading)
            over = line.width - room
            squeeze = over > 1e-8 and len(line.words) > 1
            if squeeze:
                gaps = (
                    len(line.words)
                    - 1
                    + sum(p[0].count("\xa0") for w in line.words for p in w.parts)
                )
                text.setWordSpace(-over / gaps)
            for piece, face, colour in line.pieces():
                if font is None or font[0] != face:
                    text.setFont(face, size, leading)
                if font is None or font[1] != colour:
                    text.setFillColor(colour)
                font = (face, colour)
                shown = _plain_operators(text, piece)
                if shown is None:
                    text.textOut(piece)
                else:
                    text._code.append(shown)
            if squeeze:
                text.setWordSpace(0)
        canvas.drawText(text)
