"""Issue 17, items 3, 5 and 7: the readers bound memory and time while streaming, and what
they cannot read right they refuse or warn about with the row, never drop silently."""

from __future__ import annotations

import re
import resource
import zipfile
from pathlib import Path

import pytest

from actionplans.importers import read_plan_file
from actionplans.resources import resource_path
from actionplans.storage.errors import BadInput
from tests.fixtures.workbooks.build import write_xlsx
from tests.support.workbooks import REC, rewrite

REC2 = ("2", "The director should act.", "Agreed", "Do that.", "Director", "May 2019")
REC3 = ("3", "The board should act.", "Agreed", "Do more.", "Board", "June 2019")


def with_sheet(tmp_path: Path, change) -> Path:  # noqa: ANN001 - a str -> str function
    """A three-recommendation workbook whose sheet XML went through `change`."""
    plain = write_xlsx(tmp_path / "plain.xlsx", [REC, REC2, REC3])
    with zipfile.ZipFile(plain) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    return rewrite(plain, tmp_path / "changed.xlsx", {"xl/worksheets/sheet1.xml": change(xml)})


def rows_of(xml: str) -> list[str]:
    return re.findall(r"<row .*?</row>", xml)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.timeout(60)
def test_a_row_numbered_twenty_million_is_refused_before_any_grid(tmp_path):
    far = '<row r="20000000"><c r="A20000000" t="inlineStr"><is><t>x</t></is></c></row>'
    path = with_sheet(tmp_path, lambda x: x.replace("</sheetData>", far + "</sheetData>"))
    before = peak_mb()
    with pytest.raises(BadInput, match="F20000000, far beyond any action plan"):
        read_plan_file(path)
    assert peak_mb() - before < 200  # it took 1.4 GB before the fix


@pytest.mark.timeout(60)
def test_cells_at_column_xfd_are_refused_while_streaming(tmp_path):
    cells = "".join(
        f'<row r="{i}"><c r="XFD{i}" t="inlineStr"><is><t>x</t></is></c></row>'
        for i in range(10, 100_010)
    )
    path = with_sheet(tmp_path, lambda x: x.replace("</sheetData>", cells + "</sheetData>"))
    before = peak_mb()
    with pytest.raises(BadInput, match="XFD"):
        read_plan_file(path)
    assert peak_mb() - before < 500  # it reached 6 GB before the fix


def test_rows_written_out_of_order_are_all_read(tmp_path):
    def shuffle(xml: str) -> str:
        rows = rows_of(xml)
        return xml.replace("".join(rows), "".join([rows[0], rows[1], rows[4], rows[3], rows[2]]))

    plan = read_plan_file(with_sheet(tmp_path, shuffle)).plan
    assert [r.ref for r in plan.recommendations] == ["1", "2", "3"]


def test_a_repeated_row_number_is_refused_naming_the_row(tmp_path):
    def repeat(xml: str) -> str:
        rows = rows_of(xml)
        return xml.replace(rows[3], rows[3].replace('r="5"', 'r="4"').replace('5"', '4"'))

    with pytest.raises(BadInput, match="row 4 appears twice"):
        read_plan_file(with_sheet(tmp_path, repeat))


def test_lowercase_cell_references_read_as_excel_reads_them(tmp_path):
    def lower(xml: str) -> str:
        return re.sub(r' r="([A-Z]+)(\d+)"', lambda m: f' r="{m[1].lower()}{m[2]}"', xml)

    plan = read_plan_file(with_sheet(tmp_path, lower)).plan
    assert [r.ref for r in plan.recommendations] == ["1", "2", "3"]
    assert plan.recommendations[2].actions[0].owners == ["Board"]


def test_a_ref_error_cell_is_not_an_owner_and_is_reported_with_its_row(tmp_path):
    def broken(xml: str) -> str:
        return xml.replace(
            '<c r="E5" t="inlineStr"><is><t>Director</t></is></c>',
            '<c r="E5" t="e"><f>#REF!A1</f><v>#REF!</v></c>',
        )

    result = read_plan_file(with_sheet(tmp_path, broken))
    assert result.plan.recommendations[1].actions[0].owners == []
    assert any("E5" in f.message and "#REF!" in f.message for f in result.findings)


HEAD = b"Rec No,Recommendation,Decision,Response,Owner,Target Date\n"
ROW = b"1,Act,Agreed,Do it,Governor,March 2019\n"


@pytest.mark.timeout(20)  # a hang guard: it took 37-42 s before the fix
def test_csv_dialect_sniffing_is_not_quadratic(tmp_path):
    """64 KB of '\\n,"' kept the sniffer busy; now it sees a bounded prefix of whole lines."""
    path = tmp_path / "plan.csv"
    path.write_bytes(HEAD + b'\n,"' * 21_000 + ROW)
    try:
        read_plan_file(path)
    except BadInput:
        pass


def test_a_nul_after_the_first_64_kb_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(HEAD + ROW * 3000 + b"2,Act\x00more,Agreed,Do,Owner,May 2019\n")
    with pytest.raises(BadInput, match="line 3002 holds binary data"):
        read_plan_file(path)


def test_mixed_utf8_and_windows_1252_lines_keep_their_quotes(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(
        b"Action Plan: HMP X\n"
        + HEAD
        + "1,café “good”,Agreed,Do it,Gov,March 2019\n".encode()
        + "2,“win”,Agreed,Do it,Gov,May 2019\n".encode("cp1252")
    )
    plan = read_plan_file(path).plan
    assert [r.text for r in plan.recommendations] == ["café “good”", "“win”"]


def test_a_field_over_the_csv_limit_is_a_sentence_a_person_understands(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(HEAD + b'1,"' + b"a" * 200_000 + b'",Agreed,b,c,May 2019\n')
    with pytest.raises(BadInput, match=r"line 2 holds a cell of more than 131,072 characters"):
        read_plan_file(path)


def test_a_csv_of_more_rows_than_excel_holds_is_refused(tmp_path):
    from actionplans.importers.workbook import open_workbook

    path = tmp_path / "plan.csv"
    path.write_bytes(HEAD + ROW * 1_048_577)
    with open_workbook(path) as book, pytest.raises(BadInput, match="more than 1,048,576 rows"):
        book.read(book.sheet_names[0])


def test_a_zip_of_an_unknown_version_is_a_sentence(tmp_path):
    """Found by tools/fuzz.py: zipfile raised NotImplementedError ("zip file version 13.6")."""
    import struct

    data = bytearray(resource_path("samples", "social-care-2018.xlsx").read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 6 : at + 8] = struct.pack("<H", 136)
        at = data.find(b"PK\x01\x02", at + 4)
    path = tmp_path / "version.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(BadInput, match="cannot be read as a spreadsheet"):
        read_plan_file(path)
