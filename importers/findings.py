"""What an importer reports about the rows it read, so a person can check each doubtful one."""

from __future__ import annotations

from dataclasses import dataclass, field

from actionplans.storage.model import Plan

SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class Finding:
    severity: str  # "error", "warning" or "note"
    message: str  # one plain sentence, e.g. "Row 14: 'Maybe' is not a decision; expected ..."
    sheet: str | None = None
    row: int | None = None  # 1-based, as Excel numbers rows
    column: str | None = None  # Excel column letter, e.g. "C"

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                _part(self.sheet) if self.sheet else "",
                f"row {self.row}" if self.row else "",
                f"column {self.column}" if self.column else "",
            )
            if part
        )
        return f"{self.severity}: {self.message}" + (f" ({where})" if where else "")


@dataclass
class ImportResult:
    plan: Plan
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def exit_status(self) -> int:
        """0 clean, 1 warnings only, 2 errors: the `import --dry-run` contract."""
        return 2 if self.errors else 1 if self.warnings else 0


def _part(sheet: str) -> str:
    """ "sheet Action Plan", but "table 2" or "page 3" as a document's parts are named."""
    if sheet.startswith(("table ", "page ", "paragraph")):
        return sheet
    return f"sheet {sheet}"
