"""Hostile and broken Word, OpenDocument and PDF files through `actionplans import`: exit 2,
one sentence naming the file, the database as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from actionplans.importers import read_plan_file
from actionplans.importers.documents import MAX_ENTRIES
from actionplans.storage.errors import BadInput
from tests.support.faults import assert_import_refused
from tests.support.workbooks import DOCTYPE, rewrite

RENDITIONS = Path(__file__).parent.parent / "fixtures" / "renditions"
DOCX = RENDITIONS / "social-care-2018.docx"
ODT = RENDITIONS / "social-care-2018.odt"
ODS = RENDITIONS / "social-care-2018.ods"


def docx_zip_bomb(tmp_path: Path) -> Path:
    return rewrite(DOCX, tmp_path / "bomb.docx", {}, add={"word/media/zeros.bin": 201 << 20})


def ods_zip_bomb(tmp_path: Path) -> Path:
    return rewrite(ODS, tmp_path / "bomb.ods", {}, add={"Pictures/zeros.bin": 201 << 20})


def docx_of_many_parts(tmp_path: Path) -> Path:
    target = tmp_path / "parts.docx"
    rewrite(DOCX, target, {})
    with zipfile.ZipFile(target, "a") as package:
        for number in range(MAX_ENTRIES + 1):
            package.writestr(f"word/media/{number}.bin", b"")
    return target


def odt_entity_bomb(tmp_path: Path) -> Path:
    with zipfile.ZipFile(ODT) as package:
        xml = package.read("content.xml").decode()
    body = xml[xml.index("?>") + 2 :] if xml.startswith("<?xml") else xml
    return rewrite(ODT, tmp_path / "laughs.odt", {"content.xml": (DOCTYPE + body).encode()})


def csv_renamed_docx(tmp_path: Path) -> Path:
    path = tmp_path / "plan.docx"
    path.write_text("Rec No,Recommendation\n1,Act\n")
    return path


def xlsx_renamed_odt(tmp_path: Path) -> Path:
    path = tmp_path / "plan.odt"
    path.write_bytes((Path("resources/samples/social-care-2018.xlsx")).read_bytes())
    return path


def truncated_docx(tmp_path: Path) -> Path:
    data = DOCX.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def scanned_pdf(tmp_path: Path) -> Path:
    """A PDF of shapes and no text, as a scanner makes (an image and no text layer)."""
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    for row in range(20):
        page.rect(50, 50 + row * 30, 500, 20, fill=1)
    page.showPage()
    page.save()
    return path


def damaged_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (docx_zip_bomb, "zip bomb"),
        (ods_zip_bomb, "zip bomb"),
        (docx_of_many_parts, "zip bomb"),
        (odt_entity_bomb, "entity"),
        (csv_renamed_docx, "not a Word document (it is a text file)"),
        (xlsx_renamed_odt, "not an OpenDocument text document"),
        (truncated_docx, "damaged or incomplete"),
        (scanned_pdf, "no text layer"),
        (damaged_pdf, "damaged"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_hostile_documents_change_nothing(tmp_path, db_path, capsys, make, message):
    assert_import_refused(db_path, capsys, make(tmp_path), message)


def test_ods_million_repeated_rows_are_not_expanded(tmp_path: Path) -> None:
    """LibreOffice writes a million repeated rows for trailing formatting; a repeated row with
    text is read a bounded number of times, an empty one once."""
    with zipfile.ZipFile(ODS) as package:
        xml = package.read("content.xml").decode()
    end = xml.rindex("</table:table>")
    rows = (
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    bomb = rewrite(
        ODS, tmp_path / "repeats.ods", {"content.xml": (xml[:end] + rows + xml[end:]).encode()}
    )
    result = read_plan_file(bomb)
    assert len(result.plan.recommendations) == 8


def test_a_word_table_too_wide_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(DOCX) as package:
        xml = package.read("word/document.xml").decode()
    wide = xml.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="5000"/>', 1)
    path = rewrite(DOCX, tmp_path / "wide.docx", {"word/document.xml": wide.encode()})
    with pytest.raises(BadInput, match="wide.docx|columns wide"):
        read_plan_file(path)
