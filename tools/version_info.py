"""The Windows version resource of the frozen executables, filled from the package version.

Explorer's Properties > Details tab and antivirus allow-lists read this resource; writing it from
the installed package's metadata keeps it equal to `actionplans --version` with nothing to
update by hand. `build.spec` calls `write_version_file` on Windows only: PyInstaller parses the
file with its own Windows-only helpers, so the text format below is its documented one.
"""

from __future__ import annotations

import re
from pathlib import Path

_TEMPLATE = """\
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
      StringTable('080904B0', [
        StringStruct('CompanyName', 'actionplans'),
        StringStruct('FileDescription', {description!r}),
        StringStruct('FileVersion', {version!r}),
        StringStruct('InternalName', {name!r}),
        StringStruct('OriginalFilename', {filename!r}),
        StringStruct('ProductName', 'Action plans'),
        StringStruct('ProductVersion', {version!r}),
      ]),
    ]),
    VarFileInfo([VarStruct('Translation', [0x0809, 1200])]),
  ],
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four 16-bit numbers Windows wants, from a version such as '0.1.0' or '1.2rc1'.

    Windows has no room for pre-release or local parts, so only the leading digits of each of
    the first four dot-separated parts count; missing parts are 0.
    """
    numbers = []
    for part in version.split("+")[0].split(".")[:4]:
        digits = re.match(r"\d*", part).group()
        numbers.append(min(int(digits or 0), 0xFFFF))
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_file_text(version: str, name: str, description: str) -> str:
    """The version resource of the executable `name`.exe, in PyInstaller's text format."""
    return _TEMPLATE.format(
        numbers=version_numbers(version),
        version=version,
        name=name,
        filename=f"{name}.exe",
        description=description,
    )


def write_version_file(target: Path, version: str, name: str, description: str) -> Path:
    """Write the version resource text for `name`.exe to `target`; returns `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(version_file_text(version, name, description), encoding="utf-8")
    return target
