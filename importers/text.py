"""Cell text as a person reads it: HTML left by web exports, mojibake, bullets and stray spaces.

Plans pass through Word, PDF converters and web forms before they reach a secretary, and each
leaves its marks in the cells. These functions turn any cell into clean lines; everything else
in the importer works on those lines.
"""

from __future__ import annotations

import functools
import html
import re
from datetime import date, datetime

import ftfy

# Only these tags count as markup, so text such as "A&E <Liaison> Team" stays as written.
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|ul|ol|li)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(?:span|b|i|u|em|strong|font)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
# Excel stores control characters as "_xHHHH_": "_x000D_" before a newline is the CR of a
# CR LF, "_x000B_" a line break pasted from Word; the others are read as spaces.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\u2028\u2029\x85]|_x000[a-dA-D]_")
_CONTROL_ESCAPE = re.compile(r"_x00[01][0-9a-fA-F]_")
# Bullet glyphs start an item anywhere in a line (PDF text often runs bullets together);
# "-" and "*" count only at the start of a line and before a space.
# Word's own bullets reach the sheet as Symbol and Wingdings characters in the private use
# area (U+F0B7 "", U+F0A7 "", U+F0D8 "", U+F076 "") when a list is pasted from a PDF.
_GLYPHS = "•●▪◦‣∙·■□○◆►➢\uf0b7\uf0a7\uf0d8\uf076"
_GLYPH_SPLIT = re.compile(rf"\s+(?=[{_GLYPHS}]\s)")
_LEADING_BULLET = re.compile(rf"^(?:[{_GLYPHS}]|[-*–](?=\s))\s*")
SENTENCE_END = ".?!"


def cell_text(value: object) -> str:
    """The raw text of a cell value: whole numbers without ".0", dates in UK order."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def repair(text: str) -> str:
    """Undo mojibake ("â€™" for "’") from text that went through the wrong encoding."""
    if text.isascii():
        return text
    return ftfy.fix_encoding(text)


def strip_html(text: str) -> str:
    """Known tags to line breaks (block) or nothing (inline), and entities to characters."""
    if "<" in text:
        text = _INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", text))
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def clean_line(line: str) -> str:
    """One line with its leading bullet dropped and inner whitespace collapsed."""
    return _LEADING_BULLET.sub("", " ".join(line.split()), count=1)


_NEEDS_WORK = re.compile(r"[<&\r\n\v\f_]")


def lines(value: object) -> list[str]:
    """The non-empty lines (paragraphs, bullet items) of a cell, cleaned."""
    if value is None:
        return []
    return list(_text_lines(value if value.__class__ is str else cell_text(value)))


@functools.lru_cache(maxsize=4096)
def _text_lines(text: str) -> tuple[str, ...]:
    """`lines` of a text, remembered: owners, decisions and dates repeat down a plan."""
    if text.isascii() and not _NEEDS_WORK.search(text) and text.lstrip()[:1] not in ("-", "*"):
        # Plain one-line ASCII, the common case: only whitespace to tidy.
        plain = " ".join(text.split())
        return (plain,) if plain else ()
    text = strip_html(repair(text))
    # Bullet glyphs are not ASCII: pure ASCII text needs no search for them.
    glyphs = not text.isascii()
    result = []
    for raw in _LINE_BREAK.split(text):
        for piece in _GLYPH_SPLIT.split(raw) if glyphs else (raw,):
            line = clean_line(_CONTROL_ESCAPE.sub(" ", piece) if "_x" in piece else piece)
            if line:
                result.append(line)
    return tuple(result)


def starts_item(raw_line: str) -> bool:
    """Whether a raw line opens a new bullet item, rather than continuing a sentence."""
    return bool(_LEADING_BULLET.match(raw_line.strip()))


def ends_mid_sentence(text: str, closing: str = SENTENCE_END + ":;") -> bool:
    """Whether text stops without one of the `closing` marks: by default a full stop, question
    or exclamation mark, or the colon or semicolon that ends a line before a list."""
    stripped = text.rstrip(" \"'”’)]")
    return bool(stripped) and not stripped.endswith(tuple(closing))


def first_raw_line(value: object) -> str:
    """The first non-empty line of a cell before bullets are dropped, to tell items apart."""
    text = strip_html(repair(cell_text(value)))
    for raw in _LINE_BREAK.split(text):
        if raw.strip():
            return raw
    return ""
