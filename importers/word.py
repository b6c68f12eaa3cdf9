"""A Word (.docx) plan read into a grid: the paragraphs above the table, then its rows.

python-docx gives `row.cells` with a merged cell repeated once per grid cell it covers; this
reader walks each row's own `w:tc` elements instead, so a merged cell is one cell with its
merged range (across by `w:gridSpan`, down by `w:vMerge`). Word's automatic numbering ("1.",
"a)") is not in a paragraph's text but in its numbering properties (`w:numPr`): the reader
counts it, as Word does when it shows the document, so an auto-numbered Rec No reads "1".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from actionplans.importers.documents import (
    MAX_COLUMNS,
    DocumentBook,
    DocumentGrid,
    check_characters,
    open_zip_document,
)
from actionplans.storage.errors import BadInput

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_LABEL_ONLY = re.compile(r"^\(?([A-Za-z]{0,3}\d{1,3}[a-z]?|[a-z])[.)]?$")


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    # Word's lowerLetter numbering repeats the letter past z: aa, bb, ...
    return chr(96 + (number - 1) % 26 + 1) * ((number - 1) // 26 + 1)


def list_number(number: int, fmt: str) -> str:
    """A list number as Word shows it in its numbering format ("lowerLetter": 3 is "c")."""
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Word's list numbering, counted paragraph by paragraph as Word shows it."""

    def __init__(self, document: Any):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> def
        self.counters: dict[str, list[int]] = {}
        self.styles = _style_numbering(document)  # styleId -> (numId, ilvl): "List Number"
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # a document with no lists
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{W}abstractNum"):
            levels = abstract.setdefault(node.get(f"{W}abstractNumId", ""), {})
            for lvl in node.iterchildren(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    int(_val(lvl, "start") or 1),
                )
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {})
            num_id = num.get(f"{W}numId", "")
            for ilvl, definition in levels.items():
                self.levels[(num_id, ilvl)] = definition

    def label(self, paragraph: Any) -> str:
        """The number or bullet Word shows before this paragraph ("3.", "a)", "•"), or ""."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        from_style = self.styles.get(style.get(f"{W}val", "")) if style is not None else None
        if num_pr is None and from_style is None:
            return ""
        num_id, ilvl = from_style or ("", 0)
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            ilvl = int(_val(num_pr, "ilvl") or ilvl)
        definition = self.levels.get((num_id, ilvl))
        if definition is None or num_id == "0":
            return ""
        fmt, text, _ = definition
        if fmt == "bullet":
            return "•"
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(0)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]  # a deeper level starts again under each new item
        label = text
        for level in range(ilvl + 1):
            fmt_level, _, start_level = self.levels.get((num_id, level), ("decimal", "", 1))
            count = counters[level] if level < len(counters) else 1
            value = list_number(count + start_level - 1, fmt_level)
            label = label.replace(f"%{level + 1}", value)
        return label


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    """The list numbering each paragraph style carries ("List Number" numbers its paragraphs
    without a numbering property of their own), following styles based on others."""
    own: dict[str, tuple[str | None, int, str | None]] = {}
    for style in document.styles.element.iterchildren(f"{W}style"):
        num_pr = style.find(f"{W}pPr/{W}numPr")
        based = style.find(f"{W}basedOn")
        own[style.get(f"{W}styleId", "")] = (
            _val(num_pr, "numId") if num_pr is not None else None,
            int(_val(num_pr, "ilvl") or 0) if num_pr is not None else 0,
            based.get(f"{W}val") if based is not None else None,
        )
    out: dict[str, tuple[str, int]] = {}
    for name in own:
        seen, current = set(), name
        while current in own and current not in seen:
            seen.add(current)
            num_id, ilvl, based_on = own[current]
            if num_id:
                out[name] = (num_id, ilvl)
                break
            current = based_on or ""
    return out


def _val(node: Any, name: str) -> str | None:
    child = node.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


def _paragraph_text(paragraph: Any, numbering: Numbering) -> str:
    """A paragraph's text as shown: its list label, then runs, tabs and line breaks."""
    from docx.text.paragraph import Paragraph

    text = Paragraph(paragraph, None).text  # type: ignore[arg-type]  # text needs no part
    label = numbering.label(paragraph)
    if label and text.strip():
        return f"{label} {text}"
    return label or text


def _cell_text(tc: Any, numbering: Numbering) -> str:
    """A table cell's paragraphs (and any table nested in it) as lines."""
    parts = []
    for node in tc.iter(f"{W}p"):
        parts.append(_paragraph_text(node, numbering))
    text = "\n".join(parts).strip()
    match = _LABEL_ONLY.match(text)
    if match and "\n" not in text:
        return match.group(1)  # an auto-numbered Rec No: Word shows "1." and means 1
    return text


class WordBook(DocumentBook):
    kind = "Word document"

    def load(self) -> DocumentGrid:
        import docx

        with open_zip_document(self.path):
            pass  # refused before python-docx unpacks anything when it would unpack too large
        try:
            document = docx.Document(str(self.path))
        except Exception as error:  # a broken package fails in many ways; all say the same
            raise BadInput(
                f"{self.path.name}: this Word document cannot be read (it may be damaged); "
                "open it in Word and save it again as .docx."
            ) from error
        numbering = Numbering(document)
        grid = DocumentGrid(self.path.stem)
        characters = 0
        paragraphs = tables = 0
        for node in _body(document.element.body):
            if node.tag == f"{W}p":
                paragraphs += 1
                text = _paragraph_text(node, numbering)
                characters += len(text)
                if text.strip():
                    grid.add_row([text], "paragraph", paragraphs)
            elif node.tag == f"{W}tbl":
                tables += 1
                characters += _read_table(grid, node, numbering, f"table {tables}")
            check_characters(self.path, characters)
        return grid


def _body(body: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in reading order, inside content controls too."""
    for node in body.iterchildren():
        if node.tag in (f"{W}p", f"{W}tbl"):
            yield node
        elif node.tag == f"{W}sdt":
            content = node.find(f"{W}sdtContent")
            if content is not None:
                yield from _body(content)


def _read_table(grid: DocumentGrid, table: Any, numbering: Numbering, part: str) -> int:
    """Append a table's rows to the grid, each merged cell once with its merged range: across
    by `w:gridSpan`, down by `w:vMerge` (a "continue" cell extends the cell above it).
    Returns the number of characters read."""
    characters = 0
    # column -> [top row, first column, last row, last column], 1-based, while merged down
    merges: dict[int, list[int]] = {}
    for number, tr in enumerate(table.iterchildren(f"{W}tr"), 1):
        values: list[object] = []
        row = len(grid.rows) + 1
        column = 0
        for tc in tr.iterchildren(f"{W}tc"):
            span = _grid_span(tc)
            if column + span > MAX_COLUMNS:
                raise BadInput(
                    f"{grid.name}: {part} is more than {MAX_COLUMNS:,} columns wide, far "
                    "beyond any action plan; refusing to read it."
                )
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val", "continue") == "continue":
                if column in merges:
                    merges[column][2] = row
                values.extend([None] * span)
            else:
                if column in merges:
                    grid.merge(*merges.pop(column))
                text = _cell_text(tc, numbering)
                characters += len(text)
                values.append(text or None)
                values.extend([None] * (span - 1))
                corners = [row, column + 1, row, column + span]
                if merge is not None:
                    merges[column] = corners
                else:
                    grid.merge(*corners)
            column += span
        grid.add_row(values, part, number)
    for corners in merges.values():
        grid.merge(*corners)
    return characters


def _grid_span(tc: Any) -> int:
    node = tc.find(f"{W}tcPr/{W}gridSpan")
    try:
        return max(1, int(node.get(f"{W}val"))) if node is not None else 1
    except (TypeError, ValueError):
        return 1


def read_word_paragraphs(path: Path) -> list[str]:
    """Every paragraph of a Word document in reading order, tables' cells included, with
    list numbers counted: the text `draft` reads a report from."""
    import docx

    with open_zip_document(path):
        pass
    try:
        document = docx.Document(str(path))
    except Exception as error:
        raise BadInput(
            f"{path.name}: this Word document cannot be read (it may be damaged); "
            "open it in Word and save it again as .docx."
        ) from error
    numbering = Numbering(document)
    out: list[str] = []
    for node in document.element.body.iter(f"{W}p"):
        out.append(_paragraph_text(node, numbering))
    check_characters(path, sum(len(p) for p in out))
    return out
