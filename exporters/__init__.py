"""Plans -> files. `export_plan` picks the writer from the output's suffix."""

from __future__ import annotations

from pathlib import Path

from actionplans.storage.errors import BadInput
from actionplans.storage.model import Plan

SUFFIXES = (".json", ".xlsx", ".pdf", ".docx")


def export_plan(
    plan: Plan, path: Path, *, progress_columns: bool = False, marking: str | None = None
) -> Path:
    """Write `plan` to `path` in the format its suffix names; returns the path written.
    `progress_columns` applies to a workbook, `marking` to a PDF."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        from actionplans.exporters.plan_json import write_plan_json

        write_plan_json(plan, path)
    elif suffix == ".xlsx":
        from actionplans.exporters.xlsx import write_xlsx

        write_xlsx(plan, path, progress_columns=progress_columns)
    elif suffix == ".docx":
        from actionplans.exporters.docx import write_docx

        write_docx(plan, path)
    elif suffix == ".pdf":
        from actionplans.exporters.pdf import write_plan_pdf

        write_plan_pdf(plan, path, marking=marking)
    else:
        raise BadInput(
            f"{path}: cannot export to '{suffix}'; expected one of {', '.join(SUFFIXES)}."
        )
    return path
