"""A draft plan from a report or a government response (.pdf, .docx, .odt, .html, .txt).

The first step of every plan is typing the report's recommendations in; this reads them. The
rules are docs/plan-json.md, "Drafting a plan from a report":

- every numbered recommendation or concern is an item, its ref as written ("1", "5a", "PC1",
  "2.14"), its kind (from the heading over the list, else the ref's prefix), its section (a
  heading within the list), its text (the recommendation itself), and no actions;
- a decision only where the document states one ("The Government accepts this
  recommendation"), else none;
- lists that are not recommendations (findings, method, contents) are not items; a report
  that lists its recommendations twice (a summary and an appendix) gives each item once;
- a recommendation in lettered parts gives one item per part, each preceded by the lead-in its
  parts share; one that says something of its own before its parts is an item too;
- the title is the document's own, as on its cover.

Two layouts are read. A government response heads each recommendation "Recommendation 3:" and
follows it with the response, where the decision is stated. A report numbers its
recommendations as a list under a heading that names them ("Recommendations", "Key concerns").
Each item the reader was unsure of (a number skipped, a part with no text) is a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from actionplans.importers.documents import check_characters
from actionplans.importers.findings import Finding, ImportResult
from actionplans.importers.kinds import kind_named, kind_of_ref
from actionplans.importers.text import _GLYPHS, repair
from actionplans.importers.workbook import MAX_FILE
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Plan, Recommendation

REPORT_SUFFIXES = (".pdf", ".docx", ".odt", ".html", ".htm", ".txt")

_LABELLED = re.compile(
    r"^(?:(priority|key)\s+)?(recommendation|concern)\s+"
    r"((?:PC|KC)?\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*(?:[:.\-–]\s*(.*))?$",
    re.I,
)
_NUMBERED = re.compile(
    r"^(?P<prefix>PC|KC|R)?\s?(?P<major>\d{1,3})(?:\.(?P<minor>\d{1,3}))?"
    r"(?P<punct>[.):]|\s(?=[A-Z]))\s*(?P<rest>\S.*)$"
)
_PART = re.compile(r"^[-–•*]?\s*(?P<mark>\((?P<a>[a-z])\)|(?P<b>[a-z])[.)])\s+(?P<rest>\S.*)$")
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.\s+\S")
# "Response", "Government response:" as a heading, or opening the answer's paragraph
# ("Response: The government accepts this recommendation ...", as GOV.UK pages set it).
_RESPONSE = re.compile(r"^(?:(?:the\s+)?government(?:'s)?\s+)?response\s*(?::.*)?$", re.I)
_BULLET = re.compile(rf"^(?:[{_GLYPHS}]|[-*–](?=\s))\s*")
_MARKDOWN = re.compile(r"\*{1,2}(?=\S)|(?<=\S)\*{1,2}")
_SHOULD = re.compile(
    r"\b(should|must|needs? to|ought|ensure|recommend|consider|develop|review)\b", re.I
)
# "The Probation Service should:", "We recommend that HMPPS:" over the numbered items it
# addresses (HM Inspectorate of Probation groups its recommendations by whom they are for).
_LEAD_IN = re.compile(
    r"\b(should|must|ought to|needs? to|recommends?( that)?|asked to)\b[^.]*:$", re.I
)
_DATE_LINE = re.compile(r"^[\w ,–-]{0,40}\b(19|20)\d\d$")
_CONTENTS_LINE = re.compile(r"(?:\.{3,}|\t|\s{2,})\s*\d{1,3}$|\s\d{1,3}$")
_TITLE_WORDS = re.compile(
    r"\b(report|response|review|inspection|thematic|strategy|plan|study)\b", re.I
)
# A cover line ending like this is a title broken over lines ("Report on an unannounced
# inspection of" / "HMP Exampleton"): the next line goes on with it.
_TITLE_GOES_ON = re.compile(
    r"(\b(of|for|on|in|into|and|or|the|a|an|to|by|with|at|from|about|across)|[,:;–—-])$", re.I
)
_MAC_ROMAN = {"Õ": "’", "Ô": "‘", "Ò": "“", "Ó": "”", "Ð": "–", "Ñ": "—"}

# What a document says of a recommendation, strongest refusal first: "does not accept this
# recommendation" must not read as "accept this recommendation".
_THIS = r"(?:this|the|these|that)\s+(?:recommendations?|part|proposal)"
DECISIONS = (
    (
        "Not Agreed",
        re.compile(
            rf"\b(?:does|do|can|could)\s*(?:not|n[o’']t)\s+(?:accept|agree(?:\s+with|\s+to)?|support)"
            rf"\s+(?:\w+\s+){{0,3}}?{_THIS}|\brejects?\s+{_THIS}|\b{_THIS}\s+is\s+(?:not\s+"
            r"(?:accepted|agreed)|rejected)",
            re.I,
        ),
    ),
    (
        "Partly Agreed",
        re.compile(
            rf"\b(?:accepts?|agrees?(?:\s+with|\s+to)?)\s+{_THIS}\s+(?:in\s+part|in\s+principle"
            rf"|partially|partly)|\b(?:partially|partly)\s+(?:accepts?|agrees?)|\baccepts?\s+in\s+"
            rf"principle|\b{_THIS}\s+is\s+(?:partly|partially)\s+(?:accepted|agreed)",
            re.I,
        ),
    ),
    (
        "Agreed",
        re.compile(
            rf"\b(?:accepts?|agrees?(?:\s+with|\s+to(?:\s+take\s+forward)?)?|supports?)\s+{_THIS}"
            rf"|\b{_THIS}\s+is\s+(?:accepted|agreed)",
            re.I,
        ),
    ),
)


def stated_decision(text: str) -> str | None:
    """The decision a response states in words, or None when it states none."""
    for decision, pattern in DECISIONS:
        if pattern.search(text):
            return decision
    return None


# -- reading the document's text -------------------------------------------------------------


def report_lines(path: Path) -> list[str]:
    """The document's text as lines in reading order (paragraphs for Word and HTML), with
    list numbers as shown; raises BadInput for a file that cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise BadInput(f"{path}: no such file.")
    size = path.stat().st_size
    if size == 0:
        raise BadInput(f"{path.name}: the file is empty.")
    if size > MAX_FILE:
        raise BadInput(f"{path.name}: the file is {size // 2**20:,} MB; refusing to read it.")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF-"):
        from actionplans.importers.pdf_tables import pdf_lines

        return _unmangle("\n".join(pdf_lines(path))).splitlines()
    if suffix == ".docx":
        from actionplans.importers.word import read_word_paragraphs

        return _refuse_not_zip(path, head) or _paragraphs(read_word_paragraphs(path))
    if suffix == ".odt":
        from actionplans.importers.opendocument import read_odt_paragraphs

        return _refuse_not_zip(path, head) or _paragraphs(read_odt_paragraphs(path))
    if suffix == ".pdf":
        raise BadInput(
            f"{path.name}: this file is not a PDF (it has no PDF header); it is damaged."
        )
    if suffix not in REPORT_SUFFIXES:
        raise BadInput(
            f"{path.name}: cannot draft a plan from a '{suffix}' file; expected one of "
            f"{', '.join(REPORT_SUFFIXES)}."
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096] or head.startswith(b"PK\x03\x04"):
        raise BadInput(f"{path.name}: this is not a text or web page file (it holds binary data).")
    text = _decode(data)
    check_characters(path, len(text))
    if suffix in (".html", ".htm"):
        return _html_lines(text, path)
    return _unmangle(text).splitlines()


def _paragraphs(texts: list[str]) -> list[str]:
    """Paragraphs as lines with a blank line after each, as a paragraph ends in plain text;
    a line break inside a paragraph stays a line of it."""
    out: list[str] = []
    for text in texts:
        out.extend(_unmangle(text).splitlines())
        out.append("")
    return out


def _refuse_not_zip(path: Path, head: bytes) -> list[str]:
    if not head.startswith(b"PK\x03\x04"):
        raise BadInput(
            f"{path.name}: this file is not a {path.suffix.lower()[1:]} document (it is damaged "
            "or renamed); open it and save it again."
        )
    return []


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _unmangle(text: str) -> str:
    """Text with mojibake repaired: UTF-8 read as Windows-1252 ("â€™") by ftfy, and the Mac
    Roman quotes of old Word exports ("prisonersÕ", "ÒpassportÓ") when they stand in words."""
    text = repair(text)
    if re.search(r"\wÕ\w|Ò\w", text):
        for wrong, right in _MAC_ROMAN.items():
            text = text.replace(wrong, right)
    return text


def _html_lines(text: str, path: Path) -> list[str]:
    """Paragraphs, headings, list items and table cells of a web page, in order, with the
    numbers an ordered list shows."""
    import lxml.html  # type: ignore[import-untyped]

    try:
        root = lxml.html.document_fromstring(text)
    except Exception as error:  # lxml fails in several ways on a page that is not HTML
        raise BadInput(f"{path.name}: this web page cannot be read.") from error
    for bad in root.iter("script", "style", "nav", "footer"):
        bad.drop_tree()
    out: list[str] = []
    blocks = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "caption"}
    for element in root.iter():
        if element.tag not in blocks:
            continue
        if any(child.tag in blocks for child in element.iterdescendants()):
            own = (element.text or "").strip()
            if own:
                out.append(_unmangle(own))
            continue
        line = " ".join(element.text_content().split())
        if element.tag == "li":
            line = _list_label(element) + line
        if line:
            out.extend((_unmangle(line), ""))
    return out


def _list_label(item: object) -> str:
    """ "3. " for the third item of an ordered list (its `start` and `type` honoured)."""
    parent = item.getparent()  # type: ignore[attr-defined]
    if parent is None or parent.tag != "ol":
        return "• "
    siblings = [child for child in parent if child.tag == "li"]
    try:
        start = int(parent.get("start", "1"))
    except ValueError:
        start = 1
    number = start + siblings.index(item)
    kind = parent.get("type", "1")
    if kind == "a":
        return f"{chr(96 + number)}) "
    if kind == "A":
        return f"{chr(64 + number)}) "
    return f"{number}. "


# -- items -----------------------------------------------------------------------------------


@dataclass
class _Item:
    ref: str
    line: int
    text: list[str] = field(default_factory=list)
    section: str | None = None
    kind: str = "recommendation"
    decision: str | None = None


def _clean(line: str) -> str:
    return " ".join(_MARKDOWN.sub("", line).split())


def _join(lines: list[str]) -> str:
    """An item's lines as its text: lines wrapped by the page joined with a space; a bullet, or
    a line after a blank line that follows a finished sentence, starts a new line."""
    out: list[str] = []
    blank = False
    for raw in lines:
        line = _clean(raw)
        if not line:
            blank = True
            continue
        bullet = _BULLET.match(line)
        if bullet:
            out.append(line[bullet.end() :])
        elif re.match(r"^recommendations?\s*:", line, re.I):
            out.append(line)  # a concern's own recommendation, on a line of its own
        elif out and not (blank and out[-1][-1:] in ".:;?!"):
            out[-1] += " " + line
        else:
            out.append(line)
        blank = False
    return "\n".join(out)


def _starts_sentence(line: str) -> bool:
    return bool(line[:1].isupper() or line[:1].isdigit() or line[:1] in "“\"'‘(")


def _is_heading(lines: list[str], index: int) -> bool:
    """A short line of its own, not a sentence: after a finished sentence or another short
    heading, and before a numbered item or another heading ("Appendix Two" / "Recommendations"
    / "Strategic" / "1. ...")."""
    line = _clean(lines[index])
    if not _heading_like(line):
        return False
    before = next((_clean(b) for b in reversed(lines[:index]) if b.strip()), "")
    after = _next_line(lines, index)
    after_heading = _heading_like(before) and not _NUMBERED.match(before)
    after_date = bool(_DATE_LINE.match(before))  # a cover's "3-13 April 2023"
    return (not before or before[-1:] in ".:;?!" or after_heading or after_date) and (
        not after or bool(_NUMBERED.match(after)) or _heading_like(after, 6) or _is_lead_in(after)
    )


def _next_line(lines: list[str], index: int) -> str:
    return next((_clean(a) for a in lines[index + 1 :] if a.strip()), "")


def _is_lead_in(line: str) -> bool:
    """Whom the numbered items below are for: "The Ministry of Justice should:"."""
    return _starts_sentence(line) and len(line) <= 200 and bool(_LEAD_IN.search(line))


def _heading_like(line: str, words: int = 12) -> bool:
    if not line or len(line) > 80 or line[-1:] in ".;,:" or not line[:1].isupper():
        return False
    if len(line.split()) > words:
        return False
    return not _NUMBERED.match(line) or bool(re.match(r"^\d+(\.\d+)*\.?\s+[A-Z][^.]*$", line))


def _heading_text(line: str) -> str:
    """A heading without its section number ("8.2 Recommendations" -> "Recommendations")."""
    return re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", _clean(line))


@dataclass
class _Run:
    """A numbered list: consecutive items 1, 2, 3 ... (or 2.1, 2.2 ...)."""

    items: list[_Item] = field(default_factory=list)
    heading: str = ""  # the heading over the list, naming what it lists
    gaps: list[_Item] = field(default_factory=list)  # items that skip a number

    @property
    def length(self) -> int:
        return sum(len(" ".join(item.text)) for item in self.items)


def _numbered_runs(lines: list[str]) -> list[_Run]:
    """Every numbered list in the document, each item with its lines and section heading."""
    runs: list[_Run] = []
    run: _Run | None = None
    expected: tuple[str, int, int] | None = None  # (prefix, major, next minor or number)
    section: str | None = None
    kind: str | None = None
    headings: list[tuple[int, str]] = []
    lead_in = ""  # whom the items are for, said once above them, put before each item's text
    lead_in_above = False  # said right above the next item (so it may start a new list)
    last_item = -1  # the line of the last item: a heading above it headed a list already
    for index, raw in enumerate(lines):
        line = _clean(raw)
        if not line:
            continue
        match = _NUMBERED.match(line)
        number = _item_number(match) if match else None
        continues = (
            run is not None
            and match is not None
            and number is not None
            and expected is not None
            and _follows(expected, number)
        )
        skips = (
            run is not None
            and match is not None
            and number is not None
            and expected is not None
            and bool(match["punct"].strip())
            and not number[2]
            and not expected[2]
            and 2 <= number[1] - expected[1] <= 3
        )
        continues = continues or skips
        if match and number and (continues or number[1:] == (1, 0) or number[2] == 1):
            punct = match["punct"].strip() or match["minor"]
            if not punct and not continues:
                continue  # "2014 clarify ..." is not an item; "9 PSOs" is, after 8; "5.1" is
            if not continues:
                run = _Run(heading=_list_heading([h for h in headings if h[0] > last_item], index))
                lead_in = lead_in if lead_in_above else ""
                runs.append(run)
                kind = kind_named(run.heading)
                section = _first_section(headings, index)
            ref = f"{match['prefix'] or ''}{number[1]}" + (
                f".{match['minor']}" if match["minor"] else ""
            )
            first = f"{lead_in} {match['rest']}" if lead_in else match["rest"]
            item = _Item(ref, index + 1, [first], section)
            last_item, lead_in_above = index, False
            item.kind = kind or kind_of_ref(ref) or "recommendation"
            assert run is not None
            run.items.append(item)
            if skips:
                run.gaps.append(item)
            expected = number
            continue
        if _is_lead_in(line) and _NUMBERED.match(_next_line(lines, index)):
            lead_in, lead_in_above = line, True
            continue
        if _is_heading(lines, index):
            lead_in = ""
            heading = _heading_text(line)
            headings.append((index, heading))
            if run is not None and run.items:
                section = heading
                kind = kind_named(heading) or kind
                if _ends_list(heading):
                    run, expected = None, None
            continue
        if run is not None and run.items:
            run.items[-1].text.append(raw)
    return runs


_LIST_TITLE = re.compile(
    r"^(appendix|annex)\b.*$|^((summary|list|full list) of )?recommendations?$", re.I
)


def _first_section(headings: list[tuple[int, str]], index: int) -> str | None:
    """The heading right above a list's first item when it heads a part of the list
    ("Strategic", "Priority concerns"), not the whole list ("Recommendations", "Appendix Two")."""
    if headings and index - headings[-1][0] <= 6 and not _LIST_TITLE.match(headings[-1][1]):
        return headings[-1][1]
    return None


def _ends_list(heading: str) -> bool:
    """A heading that closes the list above it ("Appendix Three", "References", "Good
    practice": HMIP numbers its examples of good practice on from its recommendations)."""
    return bool(
        re.match(r"^(appendix|annex|references|bibliography|glossary|acknowledg)", heading, re.I)
        or re.search(r"\bgood practice\b|\bpositive practice\b", heading, re.I)
    )


def _item_number(match: re.Match[str]) -> tuple[str, int, int] | None:
    major = int(match["major"])
    minor = int(match["minor"]) if match["minor"] else 0
    return (match["prefix"] or "").upper(), major, minor


def _follows(previous: tuple[str, int, int], number: tuple[str, int, int]) -> bool:
    """Whether `number` is the next item after `previous` (3 after 2; 2.4 after 2.3 or 3.1
    after 2.9; PC2 after PC1; KC4 after PC3)."""
    _, major, minor = previous
    _, new_major, new_minor = number
    if minor or new_minor:
        return (new_major == major and new_minor == minor + 1) or (
            new_major == major + 1 and new_minor == 1
        )
    return new_major == major + 1


_EARLIER = re.compile(
    r"\b(previous|last|earlier|prior)\s+(inspection|report|review|visit)|\bprogress\s+(on|against)",
    re.I,
)
_NAMES_LIST = re.compile(
    r"recommend|concern|finding|conclusion|method|content|summary|evidence|fact|question", re.I
)


def _list_heading(headings: list[tuple[int, str]], index: int) -> str:
    """The heading that says what a list lists: the nearest heading within 15 lines above
    it that names something ("Recommendations" over "Strategic"), else the nearest."""
    near = [text for at, text in headings if index - at <= 15]
    for text in reversed(near):
        if _NAMES_LIST.search(text):
            return text
    return near[-1] if near else ""


def _is_recommendations(run: _Run) -> bool:
    """A list of recommendations or concerns: headed so, or most items say what should be."""
    firsts = [_clean(item.text[0]) for item in run.items if item.text]
    if sum(len(f.split()) <= 8 and f[-1:] not in ".:;" for f in firsts) > len(firsts) / 2:
        return False  # numbered section headings ("1. Introduction"), not items
    if _EARLIER.search(run.heading):
        return False  # the last inspection's recommendations, followed up: not this report's
    if re.search(r"recommend|concern", run.heading, re.I):
        return True
    texts = [" ".join(item.text) for item in run.items]
    if len(texts) < 2 or any(_CONTENTS_LINE.search(t) and len(t) < 80 for t in texts):
        return False
    return sum(bool(_SHOULD.search(t)) for t in texts) >= 0.7 * len(texts) and all(
        len(t.split()) >= 6 for t in texts
    )


def _from_lists(lines: list[str], findings: list[Finding]) -> list[_Item]:
    """The items of the report's recommendation lists, each listed once: where the same
    refs are listed twice (a summary and an appendix), the fuller list."""
    chosen: list[_Run] = []
    for run in _numbered_runs(lines):
        if not _is_recommendations(run):
            continue
        refs = {item.ref for item in run.items}
        for index, other in enumerate(chosen):
            shared = refs & {item.ref for item in other.items}
            if len(shared) >= 0.5 * min(len(refs), len(other.items)) and _same_list(run, other):
                if run.length > other.length:
                    chosen[index] = run
                break
        else:
            chosen.append(run)
    for run in chosen:
        findings.extend(
            Finding(
                "warning",
                f"Line {item.line}: recommendation {item.ref} follows a gap in the numbering; "
                "check that none was missed.",
                row=item.line,
            )
            for item in run.gaps
        )
    return [item for run in chosen for item in run.items]


def _first_words(item: _Item) -> list[str]:
    return re.sub(r"[^\w\s]", " ", " ".join(item.text).lower()).split()[:3]


def _same_list(one: _Run, other: _Run) -> bool:
    """Whether two lists hold the same items (their first words agree)."""
    first = {item.ref: _first_words(item) for item in one.items}
    agree = sum(first.get(item.ref) == _first_words(item) for item in other.items)
    return agree >= max(1, len(other.items) // 2)


# -- a government response: "Recommendation 3:" headings --------------------------------


def _labelled(lines: list[str]) -> list[tuple[int, str, str, str]]:
    """(line index, kind word, ref, rest) of each "Recommendation N" heading, contents left out."""
    found = []
    for index, raw in enumerate(lines):
        match = _LABELLED.match(_clean(raw))
        if not match or not raw.strip()[:1].isupper():
            continue  # "... in response to\nrecommendation 2." is a sentence wrapped
        rest = (match[4] or "").strip()
        if re.fullmatch(r"[.\s\d]*", rest) and rest.strip(". "):
            continue  # "Recommendation 1: .... 5": a line of the contents page
        kind = f"{match[1]} {match[2]}".lower() if match[1] else match[2].lower()
        found.append((index, kind, match[3], rest))
    refs = [ref for _, _, ref, _ in found]
    if len(found) < 2 or len(set(refs)) < 2:
        return []
    return found


def _from_labelled(lines: list[str], findings: list[Finding]) -> list[_Item]:
    labelled = _labelled(lines)
    items: list[_Item] = []
    bounds = [index for index, _, _, _ in labelled] + [len(lines)]
    for (start, kind, ref, rest), end in zip(labelled, bounds[1:], strict=True):
        block = [rest] + lines[start + 1 : end] if rest else lines[start + 1 : end]
        items.extend(_split_parts(ref, kind, block, start + 1, findings))
    return items


@dataclass
class _Segment:
    """A labelled recommendation's own words, or one of its lettered parts, with the
    response that follows it."""

    mark: str | None
    text: list[str] = field(default_factory=list)
    response: list[str] = field(default_factory=list)


def _segments(block: list[str]) -> list[_Segment]:
    segments = [_Segment(None)]
    answering = False
    for raw in block:
        line = _clean(raw)
        part = _PART.match(line)
        if part:
            letter = part["a"] or part["b"]
            segments.append(_Segment(f"({letter})" if part["a"] else letter, [part["rest"]]))
            answering = False
            continue
        if _RESPONSE.match(line) or _PARAGRAPH_NUMBER.match(line):
            answering = True
        if answering:
            if line:
                segments[-1].response.append(line)
        else:
            segments[-1].text.append(raw)
    return segments


def _split_parts(
    ref: str, kind: str, block: list[str], line: int, findings: list[Finding]
) -> list[_Item]:
    """One labelled recommendation: its own words, its lettered parts, and the decision the
    response after each states."""
    if kind == "concern":
        kind = kind_of_ref(ref) or "key concern"
    segments = _segments(block)
    own, parts = segments[0], segments[1:]
    own_text = _join(own.text)
    lead_in = ""
    if parts:
        # The words the parts share: the recommendation's own, when they lead into the parts
        # ("That the DWP should:"), else a line ending in a colon just before the first part
        # ("The indicators of progress in this area should include the following:").
        lead_in = own_text if own_text.endswith(":") else _lead_in(own.response)
    items: list[_Item] = []
    if own_text and not (parts and own_text == lead_in):
        items.append(_item(ref, kind, line, own_text, own.response))
    for part in parts:
        body = _join(part.text)
        text = f"{lead_in} {body}".strip() if lead_in else body
        items.append(_item(f"{ref}{part.mark}", kind, line, text, part.response))
    if not items:
        findings.append(
            Finding("warning", f"Recommendation {ref} has no text; check it.", row=line)
        )
        items.append(_item(ref, kind, line, "", own.response))
    return items


def _item(ref: str, kind: str, line: int, text: str, response: list[str]) -> _Item:
    item = _Item(ref, line, [text] if text else [])
    item.kind = kind
    item.decision = stated_decision(" ".join(response)[:3000])
    return item


def _lead_in(response: list[str]) -> str:
    """The last unnumbered line ending in a colon: the words the parts share."""
    for line in reversed(response):
        if line.endswith(":") and not _PARAGRAPH_NUMBER.match(line):
            return line
    return ""


# -- the whole document ----------------------------------------------------------------------


def _title(lines: list[str]) -> str | None:
    """The title on the cover: among the first lines before the contents or the first
    numbered paragraph, the one that names what the document is; else the longest."""
    cover: list[str] = []
    for raw in lines[:60]:
        line = _clean(raw)
        if not line:
            continue
        if re.match(r"^(contents|executive summary|foreword|introduction)\b", line, re.I):
            break
        if _NUMBERED.match(line) or len(line) > 200:
            break
        cover.append(line)
    named = [n for n, line in enumerate(cover) if _TITLE_WORDS.search(line)]
    named = [n for n in named if len(cover[n].split()) >= 3]
    if not named:
        return None
    start = max(named, key=lambda n: len(cover[n]))
    title = cover[start]
    for line in cover[start + 1 :]:
        if not _TITLE_GOES_ON.search(title):
            break
        title = f"{title} {line}"
    return title


def draft_plan(path: Path, title: str | None = None) -> ImportResult:
    """A draft plan of the recommendations in a report or government response.

    Raises BadInput for a file that cannot be read (a scan, a damaged file) or that holds no
    numbered recommendations; findings name each item the reader was unsure of.
    """
    path = Path(path)
    lines = report_lines(path)
    if not any(line.strip() for line in lines):
        raise BadInput(f"{path.name}: this document has no text to draft a plan from.")
    findings: list[Finding] = []
    items = _from_labelled(lines, findings) or _from_lists(lines, findings)
    if not items:
        raise BadInput(
            f"{path.name}: no numbered recommendations or concerns were found; a draft needs "
            "the report's list of recommendations (numbered, under a heading that names them)."
        )
    _check_sequence(items, findings)
    found_title = title or _title(lines)
    if not found_title:
        found_title = path.stem
        findings.append(
            Finding("note", f"No title on the document's cover; the plan is called '{path.stem}'.")
        )
    recs = [
        Recommendation(
            item.ref,
            _join(item.text) if len(item.text) > 1 else _clean(item.text[0]) if item.text else "",
            item.section,
            item.decision,
            kind=item.kind,
        )
        for item in items
    ]
    return ImportResult(Plan(found_title, recommendations=recs), findings)


def _check_sequence(items: list[_Item], findings: list[Finding]) -> None:
    """Findings for refs listed twice and for an item whose text is suspiciously short."""
    seen: set[str] = set()
    for item in items:
        if item.ref in seen:
            findings.append(
                Finding(
                    "warning",
                    f"Line {item.line}: recommendation {item.ref} is listed twice; check "
                    "which is meant.",
                    row=item.line,
                )
            )
        seen.add(item.ref)
        words = len(" ".join(item.text).split())
        if 0 < words < 5:
            findings.append(
                Finding(
                    "warning",
                    f"Line {item.line}: recommendation {item.ref} is only {words} words long; "
                    "check it is the whole recommendation.",
                    row=item.line,
                )
            )
