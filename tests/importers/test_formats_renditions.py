"""Every format reads to the same plan as its .xlsx twin.

The renditions under tests/fixtures/renditions/ were made by LibreOffice from the seed workbooks
(tools/make_renditions.py), not by this program's writers, so each reader is checked against
files another program wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplans.exporters.plan_json import plan_to_dict
from actionplans.importers import read_plan_file
from tests.fixtures.workbooks.build import write_xlsx

FIXTURES = Path(__file__).parent.parent / "fixtures"
RENDITIONS = FIXTURES / "renditions"
SAMPLES = Path(__file__).parents[2] / "resources" / "samples"
SEEDS = ("social-care-2018", "accommodation-2020")


def twin(seed: str) -> dict:
    return json.loads((FIXTURES / f"{seed}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".ods"])
@pytest.mark.parametrize("seed", SEEDS)
def test_word_and_opendocument_renditions_read_to_the_xlsx_twin(seed: str, suffix: str) -> None:
    result = read_plan_file(RENDITIONS / f"{seed}{suffix}")
    assert plan_to_dict(result.plan) == twin(seed)
    assert not result.errors


@pytest.mark.parametrize("seed", SEEDS)
def test_the_published_pdf_reads_to_the_xlsx_twin(seed: str) -> None:
    """Owners one per line, paragraphs and wrapped lines, words LibreOffice broke by force in
    a narrow column (raw web addresses, HTML-ish strings), rows carried over a page: all read
    as the workbook holds them."""
    result = read_plan_file(RENDITIONS / f"{seed}.pdf")
    assert plan_to_dict(result.plan) == twin(seed)
    assert not result.errors
    workbook = read_plan_file(SAMPLES / f"{seed}.xlsx")
    assert _said(result.warnings) == _said(workbook.warnings)


def _said(findings: list) -> list[str]:
    """What findings say, without where ("Row 19: ", "Page 5, row 3: ")."""
    return [f.message.split(": ", 1)[1] for f in findings]


def test_a_pdf_row_carried_over_a_page_is_one_row() -> None:
    """Recommendation 4 of the accommodation plan breaks over a page mid-sentence, under the
    notice repeated as a row; the PDF still gives its whole text."""
    result = read_plan_file(RENDITIONS / "accommodation-2020.pdf")
    fourth = plan_to_dict(result.plan)["recommendations"][3]
    assert fourth == twin("accommodation-2020")["recommendations"][3]
    assert any("carried over" in f.message for f in result.findings)


def test_findings_name_the_page_and_its_row() -> None:
    result = read_plan_file(RENDITIONS / "accommodation-2020.pdf")
    carried = [f for f in result.findings if "carried over" in f.message]
    assert carried and all(f.sheet and f.sheet.startswith("page ") for f in carried)
    assert str(carried[0]).endswith(f"({carried[0].sheet}, row {carried[0].row})")


def test_findings_in_a_word_table_name_the_table_and_its_row() -> None:
    result = read_plan_file(RENDITIONS / "accommodation-2020.docx")
    warning = result.warnings[0]
    assert warning.sheet == "table 1" and warning.row == 13 and warning.column == "F"
    assert warning.message.startswith("Table 1, row 13:")


@pytest.mark.parametrize("seed", SEEDS)
def test_this_programs_own_pdf_reads_back(tmp_path, seed: str) -> None:
    """The PDF export (running header "TITLE Page 2 of 3", "2 (continued)" in the Rec No of a
    row carried over a page, over a new action or over the owners alone of the action above,
    an owner split between two pages, a recommendation merged down over several actions, the
    definitions before the table, paragraphs and owners set apart by paragraph spacing) reads
    back to the plan."""
    from actionplans.exporters.pdf import write_plan_pdf
    from actionplans.importers.plan_json import plan_from_dict

    doc = twin(seed)
    path = tmp_path / "plan.pdf"
    write_plan_pdf(plan_from_dict(doc), path)
    result = read_plan_file(path)
    assert plan_to_dict(result.plan) == doc
    assert not result.errors


@pytest.mark.parametrize("seed", SEEDS)
def test_a_pdf_table_without_lines_reads_like_the_ruled_one(seed: str) -> None:
    """The Word rendition printed with every border removed: the columns come from the
    header's words (their edges from its shading), rows from where a Rec No starts. It reads
    to the same plan as the ruled PDF and its .xlsx twin, with the same findings."""
    import pdfplumber

    unruled = RENDITIONS / f"{seed}-unruled.pdf"
    with pdfplumber.open(unruled) as pdf:  # no lines: only the header rows' shading
        tables = [table for page in pdf.pages for table in page.find_tables()]
        assert not any(page.lines for page in pdf.pages)
        assert all(len(table.rows) == 1 for table in tables)
    result = read_plan_file(unruled)
    ruled = read_plan_file(RENDITIONS / f"{seed}.pdf")
    assert plan_to_dict(result.plan) == plan_to_dict(ruled.plan) == twin(seed)
    assert not result.errors
    assert [f.message for f in result.warnings] == [f.message for f in ruled.warnings]
    if seed == "social-care-2018":  # findings point at the page and row as for the ruled PDF
        assert [f.message for f in result.findings] == [f.message for f in ruled.findings]


def test_a_plan_of_concerns_prints_each_items_kind_and_reads_back(tmp_path):
    """The PDF names each item's kind under its Rec No when a plan holds concerns (the refs
    here carry no PC/KC prefix, so only the printed kind can tell them apart)."""
    from actionplans.exporters.pdf import write_plan_pdf
    from actionplans.importers.plan_json import plan_from_dict
    from tests.support.pdf import page_texts

    doc = twin("social-care-2018")
    kinds = ["priority concern", "priority concern", "key concern"]
    for rec, kind in zip(doc["recommendations"], kinds + ["key concern"] * 8, strict=False):
        rec["kind"] = kind
    path = tmp_path / "concerns.pdf"
    write_plan_pdf(plan_from_dict(doc), path)
    text = " ".join(page_texts(path))
    assert "Priority concern" in text and "Key concern" in text
    got = read_plan_file(path).plan
    assert [(r.ref, r.kind) for r in got.recommendations] == [
        (r["ref"], r["kind"]) for r in doc["recommendations"]
    ]


def test_a_plan_of_recommendations_prints_no_kind(tmp_path):
    from actionplans.exporters.pdf import write_plan_pdf
    from actionplans.importers.plan_json import plan_from_dict
    from tests.support.pdf import page_texts

    path = tmp_path / "plan.pdf"
    write_plan_pdf(plan_from_dict(twin("social-care-2018")), path)
    assert "Recommendation 1" not in " ".join(page_texts(path))
    assert "Key concern" not in " ".join(page_texts(path))


LAYOUTS = json.loads((RENDITIONS / "layouts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name", [f"{name}{kind}" for name in LAYOUTS["layouts"] for kind in ("", "-unruled")]
)
def test_word_layouts_printed_by_libreoffice_read_like_their_workbook(tmp_path, name) -> None:
    """Word documents laid out as tools/make_renditions.py says (type faces and sizes, column
    widths, a header over two rows, shaded or not, lines as line breaks or as paragraphs),
    printed ruled and without lines: owners the layout alone tells apart ("... Change Group"
    over "Justice Analysis ...", the next word too long to have fitted), a web address broken
    by force, a row carried over a page, all read as the workbook of the same rows."""
    rows = [tuple(row) for row in LAYOUTS["rows"]]
    book = write_xlsx(
        tmp_path / "plan.xlsx", rows, above=(LAYOUTS["title"],), headers=tuple(LAYOUTS["headers"])
    )
    workbook = read_plan_file(book)
    result = read_plan_file(RENDITIONS / f"{name}.pdf")
    assert plan_to_dict(result.plan) == plan_to_dict(workbook.plan)
    assert not result.errors
    assert _said(result.warnings) == _said(workbook.warnings)
