"""Files -> plans. `read_plan_file` picks the reader from the file's suffix."""

from __future__ import annotations

from pathlib import Path

from actionplans.importers.findings import Finding, ImportResult
from actionplans.storage.errors import BadInput

__all__ = ["Finding", "ImportResult", "read_plan_file", "SUFFIXES"]

SUFFIXES = (".json", ".xlsx", ".xlsm", ".xls", ".csv", ".ods", ".docx", ".odt", ".pdf")


def read_plan_file(path: Path, sheet: str | None = None) -> ImportResult:
    """Read one plan from `path`; raises BadInput for a file that cannot be read at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise BadInput(f"{path}: no such file.")
    if suffix == ".json":
        from actionplans.importers.plan_json import read_plan_json

        return read_plan_json(path)
    if suffix in SUFFIXES:
        from actionplans.importers.template import read_template

        return read_template(path, sheet=sheet)
    raise BadInput(
        f"{path}: cannot import a '{suffix}' file; expected one of {', '.join(SUFFIXES)}."
    )
