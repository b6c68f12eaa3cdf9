"""The board pack's sentences (`pdf_text.Sentence`) break and split as reportlab's Paragraph
of the same style does, so the changes pages read as they did when they were Paragraphs; and a
line takes the font codes reportlab would give it, however it is mapped."""

from __future__ import annotations

import io
import random
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from actionplans.exporters.pdf_style import Para, styles
from actionplans.exporters.pdf_text import FONT, Run, Sentence

WORDS = ["Prisons", "and", "local", "authorities", "(Prison", "Directorate;", "2)", "ŵŷ", "—"]
WORDS += ["10\xa0000", "x" * 30, "■", "March", "2030."]


def _markup(runs: list[Run]) -> str:
    """The same runs as Paragraph markup."""
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.colour != colors.black:
            text = f'<font color="#{run.colour.hexval()[2:]}">{text}</font>'
        parts.append(text)
    return "".join(parts)


def _paragraph_lines(runs: list[Run], width: float) -> tuple[list[str], float]:
    paragraph = Para(_markup(runs), styles()["item"], bulletText="•")
    _, height = paragraph.wrap(width, 1e6)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _, words in lines], height
    return ["".join(w.text for w in line.words).strip() for line in lines], height


def _sentence_lines(sentence: Sentence, width: float) -> tuple[list[str], float]:
    _, height = sentence.wrap(width, 1e6)
    return ["".join(p[0] for p in line.pieces()).strip() for line in sentence._lines], height


def _runs(rnd: random.Random) -> list[Run]:
    """Runs as the changes pages make them: no run ends in white space unless it is one."""
    runs = []
    for _ in range(rnd.randint(1, 5)):
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 25)))
        if runs and rnd.random() < 0.5:
            text = " " + text
        colour = colors.HexColor("#C00000") if rnd.random() < 0.2 else colors.black
        runs.append(Run(text, bold=rnd.random() < 0.3, colour=colour))
    return runs


def test_sentences_break_where_paragraphs_do() -> None:
    rnd = random.Random(14)
    for _ in range(300):
        runs, width = _runs(rnd), rnd.choice([150.0, 400.0, 757.0])
        assert _sentence_lines(Sentence(runs, styles()["item"]), width) == _paragraph_lines(
            runs, width
        ), runs


def test_a_word_longer_than_the_line_is_cut_never_clipped() -> None:
    address = "https://example.org/" + "a" * 300
    runs = [Run("See "), Run(address, bold=True), Run(" for the minutes.")]
    lines, _ = _sentence_lines(Sentence(runs, styles()["item"]), 200)
    assert len(lines) > 3
    assert "".join("".join(lines).split()) == "".join(f"See {address} for the minutes.".split())


def test_a_split_keeps_the_bullet_on_the_first_part_and_no_line_alone() -> None:
    style = styles()["item"]
    sentence = Sentence([Run(" ".join(WORDS * 20))], style)
    _, height = sentence.wrap(300, 1e6)
    assert sentence.split(300, style.leading * 1.5) == []  # one line would be left alone
    head, tail = sentence.split(300, style.leading * 3)
    assert head.bullet == "•" and tail.bullet is None
    assert head.wrap(300, 1e6)[1] == 3 * style.leading
    assert head.wrap(300, 1e6)[1] + tail.wrap(300, 1e6)[1] == height


def test_a_line_maps_to_the_codes_reportlab_gives_its_letters() -> None:
    styles()  # registers the fonts
    font = pdfmetrics.getFont(FONT)
    doc = Canvas(io.BytesIO())._doc
    lines = ["Plain ASCII", "ends in …", "no\xa0break", "Welsh ŵŷ", "…again ŵ", "new: Ω", "Ω…"]
    for line in lines:  # ours first: a letter seen for the first time is coded by reportlab
        assert font.splitString(line, doc) == TTFont.splitString(font, line, doc), line
