"""Workbooks taken apart and put back together, to make hostile and damaged files."""

from __future__ import annotations

import zipfile
from pathlib import Path

WORKBOOKS = Path(__file__).parent.parent / "fixtures" / "workbooks"
REC = ("1", "The governor should act.", "Agreed", "Do it.", "Governor", "March 2019")
DOCTYPE = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def rewrite(
    source: Path, target: Path, replace: dict[str, bytes], add: dict[str, int] | None = None
):
    """Copy a workbook's zip package, replacing (or adding) members, and adding members of zero
    bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for name in replace.keys() - set(old.namelist()):
            new.writestr(name, replace[name])
        for name, size in (add or {}).items():
            with new.open(name, "w", force_zip64=True) as member:
                chunk = bytes(1 << 20)
                for _ in range(size >> 20):
                    member.write(chunk)
    return target
