"""A PDF cell's visual lines read back into the paragraphs (or owners) the writer typed.

A PDF keeps only where each line of text stands; whether the writer ended a line (a new
paragraph, the next owner) or the word-wrapper did (the same paragraph, the same owner going
on) must be read from the layout, as a careful person reads it. A word-wrapper (Word's,
LibreOffice's, reportlab's) moves a word to the next line only when it does not fit at the end
of the line, so a line break is a wrap only if the next line's first word would not have
fitted after the line within the cell's usable width (the cell less its padding); otherwise the
writer ended the line. The text layer shows four more things that settle breaks the widths
alone cannot (`joint`; `carried` for a cell's first line on a new page):

- a line that is one unbroken token filling the width was broken by force inside a word (a
  long web address in a narrow column): the next line joins it with no space;
- a line ending in a hyphen after a letter, or in a slash, was broken there ("cross-" over
  "government"): joined with no space;
- lines further apart than the page's usual line pitch have paragraph spacing between them:
  the writer ended the line;
- LibreOffice (and, it is expected, Word) keeps the space it wrapped at on the end of the
  line, drawn where it fits in the cell. On a page that shows this habit, a line with room for
  a space after it and none is a line the writer ended, even when the next word would not have
  fitted; a page without it (reportlab, this program's PDF) goes by the other signs.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from actionplans.importers.text import _GLYPHS

Word = dict[str, Any]  # a pdfplumber word, with its first character's width, a space after it

_BULLET = re.compile(rf"^(?:[{_GLYPHS}]|[-*–](?=\s)|\(?[a-z0-9]{{1,3}}[.)](?=\s))")
_BREAKS_AFTER = re.compile(r"(?:\w-|/)$")  # where a wrapper may break a word
SPACE = 0.25  # a space's width as a share of the font size where the PDF draws no spaces
_SPACING = 0.25  # a line pitch this share of the font size over the usual one: paragraph spacing
NOISE = 0.1  # in font sizes: how far off a cell's measured right edge may be
ESTIMATED = 0.3  # the same, where the edge is estimated from where the columns' text stands
_GAP = 1.8  # without a usual pitch: a blank line or paragraph spacing, in font sizes


@dataclass
class Line:
    """One visual line of words, left to right."""

    top: float
    x0: float
    x1: float
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(word["text"] for word in self.words)

    @property
    def bottom(self) -> float:
        return max(float(word["bottom"]) for word in self.words)

    @property
    def size(self) -> float:
        return float(self.words[0]["bottom"] - self.words[0]["top"])

    @property
    def spaced(self) -> bool:
        """Whether the text layer has a space after the line's last word."""
        return bool(self.words[-1].get("spaced"))


@dataclass(frozen=True)
class Measure:
    """What a cell's lines are measured against: `right`, its usable right edge (where the
    writer's lines wrapped); `space`, a space's width and `pitch`, the usual distance between
    the lines of a paragraph, each as a share of the font size (pitch 0: not known); `spaced`,
    whether the page keeps the space a line was wrapped at; `noise`, how far off `right` may
    be, in font sizes (more where it is estimated, in a table without lines); `left`, the
    cell's usable left edge where its lines are centred or set right (None: set left, each
    line measured where it ends; otherwise by its width, as if set left)."""

    right: float
    space: float = SPACE
    pitch: float = 0.0
    spaced: bool = False
    noise: float = NOISE
    left: float | None = None

    def at(self, right: float, noise: float = NOISE, left: float | None = None) -> Measure:
        return Measure(right, self.space, self.pitch, self.spaced, noise, left)


def words_of(chars: list[dict[str, Any]], **options: Any) -> list[Word]:
    """pdfplumber's words from `chars` (in the order the page draws them), each with the width
    of its first character ("lead") and `spaced` when the page draws a space right after it on
    its line."""
    from pdfplumber.utils.text import WordExtractor

    spaced = {
        id(char)
        for char, following in zip(chars, chars[1:], strict=False)
        if following["text"] == " " and abs(following["top"] - char["top"]) < 1
    }
    words = []
    for word, its_chars in WordExtractor(**options).iter_extract_tuples(chars):
        word["lead"] = its_chars[0]["x1"] - its_chars[0]["x0"]
        word["spaced"] = id(its_chars[-1]) in spaced
        words.append(word)
    return words


def lines_of(words: list[Word]) -> list[Line]:
    """Words grouped into visual lines, top to bottom, each left to right."""
    out: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        height = word["bottom"] - word["top"]
        line = out[-1] if out else None
        if line is not None and abs(word["top"] - line.top) <= height * 0.5:
            line.words.append(word)
            line.x1 = max(line.x1, word["x1"])
            line.x0 = min(line.x0, word["x0"])
        else:
            out.append(Line(word["top"], word["x0"], word["x1"], [word]))
    for line in out:
        line.words.sort(key=lambda w: w["x0"])
    return out


def space_share(chars: list[dict[str, Any]]) -> float:
    """A space's width as a share of the font size, from the spaces the page draws."""
    spaces = [
        (c["x1"] - c["x0"]) / c["size"]
        for c in chars
        if c["text"] == " " and c.get("size") and c["x1"] > c["x0"]
    ]
    return statistics.median(spaces) if spaces else SPACE


def habits(cells: Iterable[list[Line]], space: float = SPACE) -> Measure:
    """A page's habits, for every cell on it (`right` is set per cell): its most common line
    pitch, and whether its wrapped lines keep their space."""
    pitches: Counter[float] = Counter()
    spaced = False
    for lines in cells:
        for previous, line in zip(lines, lines[1:], strict=False):
            pitch = (line.top - previous.top) / max(previous.size, 1.0)
            if 0.8 < pitch < 3:
                pitches[round(pitch * 20) / 20] += 1
            spaced = spaced or previous.spaced
    pitch = pitches.most_common(1)[0][0] if pitches else 0.0
    return Measure(0.0, space, pitch, spaced)


def reflow(lines: list[Line], measure: Measure) -> str:
    """A cell's visual lines as its paragraphs: lines the wrapper broke joined, lines the
    writer ended kept apart ("\\n")."""
    if not lines:
        return ""
    paragraphs = [lines[0].text]
    for previous, line in zip(lines, lines[1:], strict=False):
        glue = joint(previous, line, measure)
        if glue is None:
            paragraphs.append(line.text)
        else:
            paragraphs[-1] += glue + line.text
    return "\n".join(paragraphs)


def joint(previous: Line, line: Line, measure: Measure) -> str | None:
    """How `line` joins the line above it: None where the writer ended that line, "" where
    the wrapper broke a word, " " where it wrapped at a space (module docstring)."""
    pitch = (line.top - previous.top) / max(previous.size, 1.0)
    if pitch > (measure.pitch + _SPACING if measure.pitch else _GAP):
        return None
    return carried(previous, line, measure)


def carried(previous: Line, line: Line, measure: Measure) -> str | None:
    """How `line` joins `previous` judged by widths alone: also for the first line of a cell
    carried over a page, against the last line of the same cell on the page before."""
    if _BULLET.match(line.text):
        return None
    size = previous.size
    space, noise = measure.space * size, measure.noise * size
    end = previous.x1 if measure.left is None else measure.left + previous.x1 - previous.x0
    first = line.words[0]
    room = measure.right - (end + space + first["x1"] - first["x0"])
    if room > (noise if measure.spaced else 0.0):
        return None  # the next word would have fitted: the writer ended the line
    if previous.spaced:
        return " "  # the space a wrap leaves
    # a token broken by force leaves no room for its next character (an estimated edge may
    # be further off than a measured one)
    reach = end + _character(previous, line) + (measure.noise - NOISE) * size
    if len(previous.words) == 1 and reach > measure.right:
        return ""  # a token wider than the cell, broken where it reached the edge
    if _BREAKS_AFTER.search(previous.text):
        return ""  # "cross-" over "government", "https://www.gov.uk/" over "government"
    if measure.spaced and end + space + noise <= measure.right:
        return None  # room for the space a wrap leaves, and none: the writer ended the line
    return " " if room <= 0 else None


def _character(previous: Line, line: Line) -> float:
    """About one character: the width of the next line's first character, or the line's
    average character where that is wider."""
    word = previous.words[-1]
    average = (word["x1"] - word["x0"]) / max(len(word["text"]), 1)
    return max(float(line.words[0].get("lead", 0.0)), average)
