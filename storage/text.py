"""Text as people type or paste it, made fit to keep.

Word puts its manual line break on the clipboard as a vertical tab, and other programs paste a
stray bell or NUL; kept as they are, a workbook cannot hold them (the export drops them and
joins two lines into one) and a font cannot draw them. Every kind of line break becomes "\\n"
and the other control characters go; tabs stay.
"""

from __future__ import annotations

import re

_BREAK = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def plain_text(text: str) -> str:
    """`text` with "\\n" for every line break and no control character but tab."""
    return _CONTROL.sub("", _BREAK.sub("\n", text))
