"""OpenDocument plans (.odt text, .ods spreadsheet) read into grids from their content.xml.

Both keep tables the same way: `table:table-row` of `table:table-cell`, a merged cell spanning
`number-columns-spanned` by `number-rows-spanned` with `covered-table-cell`s under it. Rows and
cells may declare `number-rows-repeated` / `number-columns-repeated`: LibreOffice writes a
million repeated empty rows for trailing formatting, so repeats are never expanded blindly; an
empty repeat stands for one empty row or column, a repeat with content for at most a few.

The XML is parsed by defusedxml, which refuses entity declarations (billion laughs), after
the zip package passed the same bounds as a workbook's.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from actionplans.importers.documents import (
    MAX_COLUMNS,
    DocumentBook,
    DocumentGrid,
    check_characters,
    open_zip_document,
)
from actionplans.importers.word import list_number
from actionplans.importers.workbook import Grid
from actionplans.storage.errors import BadInput

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"
MAX_REPEAT = 100  # identical rows or columns with content a real table might have in a row


def read_content(path: Path, part: str = "content.xml") -> Element:
    """A part (content.xml, styles.xml) of an OpenDocument file, parsed safely."""
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    with open_zip_document(path) as package:
        try:
            data = package.read(part)
            return SafeTree.fromstring(data)
        except KeyError as error:
            raise BadInput(
                f"{path.name}: this OpenDocument file has no content; it is damaged."
            ) from error
        except DefusedXmlException as error:
            raise BadInput(
                f"{path.name}: this file contains XML entity declarations, which office "
                "programs never write; refusing to read it (it may be an entity-expansion "
                "attack)."
            ) from error
        except Exception as error:  # a damaged package or XML fails in many ways
            raise BadInput(
                f"{path.name}: this OpenDocument file cannot be read (it may be damaged); "
                "open it and save it again."
            ) from error


def element_text(node: Element) -> str:
    """The text of a paragraph as shown: spaces (`text:s`), tabs and line breaks expanded,
    notes and annotations left out."""
    parts: list[str] = []

    def walk(element: Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            tag = child.tag
            if tag == f"{TEXT}s":
                parts.append(" " * min(int(child.get(f"{TEXT}c", "1") or 1), 100))
            elif tag == f"{TEXT}tab":
                parts.append("\t")
            elif tag == f"{TEXT}line-break":
                parts.append("\n")
            elif tag not in (f"{TEXT}note", f"{OFFICE}annotation"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(node)
    return "".join(parts)


def block_lines(node: Element) -> list[str]:
    """Paragraphs and list items inside a cell or section, in order, one string each; a list
    item keeps a bullet so it reads as an item."""
    out: list[str] = []
    for child in node:
        if child.tag in (f"{TEXT}p", f"{TEXT}h"):
            out.append(element_text(child))
        elif child.tag == f"{TEXT}list":
            for item in child:
                out.extend(f"• {line}" if line.strip() else line for line in block_lines(item))
        elif child.tag in (f"{TEXT}section", f"{TEXT}list-item", f"{TEXT}list-header"):
            out.extend(block_lines(child))
    return out


class _DateStyles:
    """Excel-like number formats ("mmm-yy", "dd/mm/yyyy") of a spreadsheet's date styles, so
    a date cell keeps the precision its display shows, as a .xlsx date cell does."""

    def __init__(self, *roots: Element):
        formats: dict[str, str] = {}
        for root in roots:
            for node in root.iter(f"{NUMBER}date-style"):
                formats[node.get(f"{STYLE}name", "")] = _date_format(node)
        self.of_cell_style: dict[str, str] = {}
        for root in roots:
            for node in root.iter(f"{STYLE}style"):
                data = node.get(f"{STYLE}data-style-name")
                if data in formats:
                    self.of_cell_style[node.get(f"{STYLE}name", "")] = formats[data]


def _date_format(node: Element) -> str:
    parts = []
    for child in node:
        long = child.get(f"{NUMBER}style") == "long"
        if child.tag == f"{NUMBER}day":
            parts.append("dd" if long else "d")
        elif child.tag == f"{NUMBER}month":
            textual = child.get(f"{NUMBER}textual") == "true"
            parts.append(("mmmm" if long else "mmm") if textual else ("mm" if long else "m"))
        elif child.tag == f"{NUMBER}year":
            parts.append("yyyy" if long else "yy")
        elif child.tag == f"{NUMBER}text":
            parts.append(child.text or "")
    return "".join(parts) or "General"


def _cell_value(cell: Element, styles: _DateStyles | None) -> tuple[object, str | None]:
    """A cell's value (str, float, datetime or None) and, for a date, its number format."""
    kind = cell.get(f"{OFFICE}value-type")
    if styles is not None and kind == "date":
        raw = cell.get(f"{OFFICE}date-value", "")
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            pass
        else:
            style = styles.of_cell_style.get(cell.get(f"{TABLE}style-name", ""), "General")
            return value, style
    if styles is not None and kind in ("float", "percentage", "currency"):
        text = "\n".join(block_lines(cell)).strip()
        if kind == "float" and text and text.replace(".", "", 1).isdigit():
            number = float(cell.get(f"{OFFICE}value", "0") or 0)
            return (int(number) if number.is_integer() else number), None
        return text or None, None
    text = "\n".join(block_lines(cell)).strip()
    return text or None, None


def read_table(
    grid: DocumentGrid,
    table: Element,
    part: str,
    styles: _DateStyles | None,
    dates: dict[tuple[int, int], str],
) -> int:
    """Append one table's rows to the grid; returns the characters read."""
    characters = 0
    number = 0
    for row in _rows(table):
        repeat = int(row.get(f"{TABLE}number-rows-repeated", "1") or 1)
        values: list[object] = []
        spans: list[tuple[int, int, int]] = []  # (column, rows, columns), 1-based column
        for cell in row:
            if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                continue
            times = int(cell.get(f"{TABLE}number-columns-repeated", "1") or 1)
            covered = cell.tag == f"{TABLE}covered-table-cell"
            value, date_format = (None, None) if covered else _cell_value(cell, styles)
            if value is None:
                values.extend([None] * min(times, MAX_COLUMNS + 1))
            else:
                for _ in range(min(times, MAX_REPEAT)):
                    if date_format:
                        dates[(len(grid.rows) + 1, len(values) + 1)] = date_format
                    columns = int(cell.get(f"{TABLE}number-columns-spanned", "1") or 1)
                    rows = int(cell.get(f"{TABLE}number-rows-spanned", "1") or 1)
                    spans.append((len(values) + 1, rows, columns))
                    values.append(value)
                    characters += len(value) if isinstance(value, str) else 0
            if len(values) > MAX_COLUMNS and any(v is not None for v in values[MAX_COLUMNS:]):
                raise BadInput(
                    f"{grid.name}: {part} is more than {MAX_COLUMNS:,} columns wide, far "
                    "beyond any action plan; refusing to read it."
                )
            del values[MAX_COLUMNS:]
        while values and values[-1] is None:
            values.pop()
        times = 1 if not values else min(repeat, MAX_REPEAT)
        for _ in range(times):
            number += 1
            first = len(grid.rows) + 1
            grid.add_row(list(values), part, number)
            for column, rows, columns in spans:
                grid.merge(first, column, first + rows - 1, column + columns - 1)
        number += repeat - times  # a person counts the repeated empty rows too
    return characters


def _rows(table: Element) -> list[Element]:
    """The table's rows, inside header-row and row groups too."""
    out: list[Element] = []
    for child in table:
        if child.tag == f"{TABLE}table-row":
            out.append(child)
        elif child.tag in (
            f"{TABLE}table-header-rows",
            f"{TABLE}table-rows",
            f"{TABLE}table-row-group",
        ):
            out.extend(_rows(child))
    return out


class OdfBook(DocumentBook):
    """An .odt (one sheet: the document) or an .ods (one sheet per table)."""

    def __init__(self, path: Path, suffix: str):
        super().__init__(path)
        self.suffix = suffix
        self._root = read_content(path)
        body = self._root.find(f"{OFFICE}body")
        self._sheets: dict[str, Element] = {}
        self._hidden: set[str] = set()
        if suffix == ".ods":
            try:
                self._styles = _DateStyles(self._root, read_content(path, "styles.xml"))
            except BadInput:
                self._styles = _DateStyles(self._root)  # dates then read at day precision
            spreadsheet = body.find(f"{OFFICE}spreadsheet") if body is not None else None
            tables = spreadsheet.findall(f"{TABLE}table") if spreadsheet is not None else []
            for table in tables:
                self._sheets[table.get(f"{TABLE}name", f"Sheet{len(self._sheets) + 1}")] = table
            self.sheet_names = list(self._sheets)
            self._hidden = {
                name
                for name, table in self._sheets.items()
                if table.get(f"{TABLE}display") == "false"
            }
        self._grids: dict[str, DocumentGrid] = {}

    def is_hidden(self, name: str) -> bool:
        return name in self._hidden

    def read(self, name: str, limit: int | None = None) -> Grid:
        if self.suffix == ".odt":
            return super().read(name, limit)
        if name not in self._grids:
            sheet = DocumentGrid(name)
            characters = read_table(
                sheet, self._sheets[name], name, self._styles, sheet.date_formats
            )
            check_characters(self.path, characters)
            sheet.places.clear()  # a spreadsheet's rows are its own: findings name sheet and row
            self._grids[name] = sheet
        grid = self._grids[name]
        if limit is None:
            return grid
        head = Grid(name, grid.rows[:limit], grid.date_formats, grid.merged)
        return head

    def load(self) -> DocumentGrid:
        """An .odt's paragraphs and tables in reading order."""
        grid = DocumentGrid(self.path.stem)
        body = self._root.find(f"{OFFICE}body/{OFFICE}text")
        if body is None:
            raise BadInput(f"{self.path.name}: this OpenDocument text has no body; it is damaged.")
        counts = {"paragraph": 0, "table": 0}
        characters = 0

        def walk(node: Element) -> None:
            nonlocal characters
            for child in node:
                if child.tag == f"{TABLE}table":
                    counts["table"] += 1
                    characters += read_table(grid, child, f"table {counts['table']}", None, {})
                elif child.tag in (f"{TEXT}p", f"{TEXT}h", f"{TEXT}list"):
                    for line in block_lines(_wrap(child)):
                        counts["paragraph"] += 1
                        characters += len(line)
                        if line.strip():
                            grid.add_row([line], "paragraph", counts["paragraph"])
                elif child.tag == f"{TEXT}section":
                    walk(child)
                check_characters(self.path, characters)

        walk(body)
        return grid


def _wrap(node: Element) -> Any:
    """A one-child container, so `block_lines` reads a lone paragraph or list."""
    holder = Element("holder")
    holder.append(node)
    return holder


def read_odt_paragraphs(path: Path) -> list[str]:
    """Every paragraph of an .odt in reading order, table cells included, each list item with
    the number or bullet its list style shows ("3.", "a)"), for `draft`."""
    root = read_content(path)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise BadInput(f"{path.name}: this OpenDocument text has no body; it is damaged.")
    try:
        styles = [root, read_content(path, "styles.xml")]
    except BadInput:
        styles = [root]
    numbering = _ListNumbering(styles)
    out: list[str] = []
    numbering.walk(body, out)
    check_characters(path, sum(len(p) for p in out))
    return out


class _ListNumbering:
    """OpenDocument list numbers, counted as the word processor shows them: each list style
    counts on through lists that continue it (`text:continue-numbering`, `continue-list`)."""

    def __init__(self, roots: list[Element]):
        # style name -> level -> (format, prefix, suffix, start); format "" for a bullet
        self.styles: dict[str, dict[int, tuple[str, str, str, int]]] = {}
        for root in roots:
            for style in root.iter(f"{TEXT}list-style"):
                levels = self.styles.setdefault(style.get(f"{STYLE}name", ""), {})
                for level in style:
                    number = int(level.get(f"{TEXT}level", "1") or 1)
                    if level.tag == f"{TEXT}list-level-style-number":
                        levels[number] = (
                            level.get(f"{STYLE}num-format", "1") or "",
                            level.get(f"{STYLE}num-prefix", ""),
                            level.get(f"{STYLE}num-suffix", ""),
                            int(level.get(f"{TEXT}start-value", "1") or 1),
                        )
                    elif level.tag == f"{TEXT}list-level-style-bullet":
                        levels[number] = ("", "", "", 1)
        self.counters: dict[str, list[int]] = {}

    def walk(self, node: Element, out: list[str]) -> None:
        for child in node:
            if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                out.append(element_text(child))
            elif child.tag == f"{TEXT}list":
                self.list(child, out, child.get(f"{TEXT}style-name", ""), 1)
            elif child.tag in (f"{TEXT}section", f"{TABLE}table", f"{TABLE}table-row"):
                self.walk(child, out)
            elif child.tag in (f"{TABLE}table-cell", f"{TABLE}table-header-rows"):
                self.walk(child, out)

    def list(self, node: Element, out: list[str], style: str, level: int) -> None:
        style = node.get(f"{TEXT}style-name", style)
        continues = node.get(f"{TEXT}continue-numbering") == "true" or node.get(
            f"{TEXT}continue-list"
        )
        if level == 1 and not continues:
            self.counters[style] = []
        counters = self.counters.setdefault(style, [])
        for item in node:
            if item.tag not in (f"{TEXT}list-item", f"{TEXT}list-header"):
                continue
            label = ""
            if item.tag == f"{TEXT}list-item":
                while len(counters) < level:
                    counters.append(0)
                del counters[level:]
                restart = item.get(f"{TEXT}start-value")
                counters[level - 1] = int(restart) - 1 if restart else counters[level - 1]
                counters[level - 1] += 1
                label = self.label(style, level, counters[level - 1])
            first = True
            for child in item:
                if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                    text = element_text(child)
                    out.append(f"{label} {text}".strip() if first and label else text)
                    first = False
                elif child.tag == f"{TEXT}list":
                    self.list(child, out, style, level + 1)

    def label(self, style: str, level: int, count: int) -> str:
        fmt, prefix, suffix, start = self.styles.get(style, {}).get(level, ("", "", "", 1))
        if not fmt:
            return "•"
        word_format = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman"}.get(fmt)
        if fmt == "I":
            word_format = "upperRoman"
        return f"{prefix}{list_number(count + start - 1, word_format or 'decimal')}{suffix}"
