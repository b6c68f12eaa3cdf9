"""Plans -> files. `export_plan` picks the writer from the output's suffix."""

from __future__ import annotations

from pathlib import Path

from storage.errors import BadInput
from storage.model import Plan

SUFFIXES = (".json", ".xlsx", ".pdf", ".docx")


def export_plan(
    plan: Plan, path: Path, *, progress_columns: bool = False, marking: str | None = None
) -> Path:
    """Write `plan` to `path` in the format its suffix names; returns the path written.
    `progress_columns` applies to a workbook, `marking` to a PDF."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        from exporters.plan_json import write_plan_json

        write_plan_json(plan, path)
    elif suffix == ".xlsx":
        from exporters.xlsx import write_xlsx

        write_xlsx(plan, path, progress_columns=progress_columns)
    elif suffix == ".docx":
        from exporters.docx import write_docx

        write_docx(plan, path)
    elif suffix == ".pdf":
        from exporters.pdf import write_plan_pdf

        write_plan_pdf(plan, path, marking=marking)
    else:
        raise BadInput(
            f"{path}: cannot export to '{suffix}'; expected one of {', '.join(SUFFIXES)}."
        )
    return path
