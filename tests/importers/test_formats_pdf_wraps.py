"""The signs a PDF cell's line breaks are read by (importers/pdf_wraps.py), each on lines set
out by hand: 10-point type, a space 2.5 points wide, a cell whose text may reach x = 100."""

from __future__ import annotations

from actionplans.importers.pdf_wraps import Line, Measure, reflow

SIZE = 10.0
CHAR = 5.0  # every character 5 points wide


def line(text: str, top: float, *, spaced: bool = False, x0: float = 0.0) -> Line:
    """A line of `text` from x0, its words a space (2.5 points) apart."""
    words, x = [], x0
    for word in text.split():
        width = CHAR * len(word)
        words.append({"text": word, "x0": x, "x1": x + width, "top": top, "bottom": top + SIZE})
        words[-1]["lead"] = CHAR
        x += width + 2.5
    words[-1]["spaced"] = spaced
    return Line(top, x0, words[-1]["x1"], words)


CELL = Measure(right=100.0)  # no wrap spaces on the page, line pitch unknown


def test_a_break_where_the_next_word_would_have_fitted_was_the_writers() -> None:
    # "HMPPS" ends at 25; "MHCLG" (25 points) would have fitted: two owners
    assert reflow([line("HMPPS", 0), line("MHCLG", 12)], CELL) == "HMPPS\nMHCLG"


def test_a_break_where_the_next_word_would_not_have_fitted_is_a_wrap() -> None:
    # "Deputy Director," ends at 77.5; "Residential" (55 points) would not have fitted
    lines = [line("Deputy Director,", 0), line("Residential", 12)]
    assert reflow(lines, CELL) == "Deputy Director, Residential"


def test_paragraph_spacing_ends_a_paragraph_the_widths_cannot() -> None:
    # lines 1.2 sizes apart within a paragraph, 1.5 between: "Accommodation" would not have
    # fitted after "Residential", but stands further down
    lines = [line("Deputy Director,", 0), line("Residential", 12), line("Accommodation", 27)]
    assert reflow(lines, Measure(right=100.0, pitch=1.2)) == (
        "Deputy Director, Residential\nAccommodation"
    )
    assert reflow(lines, CELL) == "Deputy Director, Residential Accommodation"


def test_a_missing_wrap_space_ends_the_line_on_a_page_that_keeps_them() -> None:
    keeps = Measure(right=100.0, spaced=True)
    wrapped = [line("Systems and Change", 0, spaced=True), line("Justice", 12)]
    ended = [line("Systems and Change", 0), line("Justice", 12)]
    assert reflow(wrapped, keeps) == "Systems and Change Justice"
    assert reflow(ended, keeps) == "Systems and Change\nJustice"
    assert reflow(ended, CELL) == "Systems and Change Justice"  # no such habit: a wrap


def test_a_token_filling_the_cell_was_broken_by_force() -> None:
    # 20 characters end at 100: the next character (5 points) had no room
    lines = [line("https://www.gov.uk/g", 0), line("overnment", 12)]
    assert reflow(lines, CELL) == "https://www.gov.uk/government"
    short = [line("Completed;", 0), line("Outstanding", 12)]  # ends at 50: room to spare
    assert reflow(short, CELL) == "Completed; Outstanding"


def test_a_word_broken_at_its_hyphen_is_joined_whole() -> None:
    lines = [line("of cross-", 0), line("departmental", 12)]
    assert reflow(lines, CELL) == "of cross-departmental"
