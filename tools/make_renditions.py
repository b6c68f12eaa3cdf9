"""Render the seed plans (resources/samples/*.xlsx) as .docx, .odt, .ods and PDF with
LibreOffice, into tests/fixtures/renditions/, so the tests can check that every format reads to
the same plan JSON as its .xlsx twin without LibreOffice installed.

The renditions are made by LibreOffice, not by this program's own writers, so a reader is never
tested only against the writer that mirrors it:
- .ods: Calc saves the workbook;
- .docx: Calc saves the plan sheet as HTML and Writer opens that HTML and saves it as Word,
  which is how a table copied from Excel into Word arrives (title lines in the first rows);
- .odt and PDF: Writer converts that Word document, as published plans are Word turned PDF.

Run: python tools/make_renditions.py [--soffice PATH]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
OUT = ROOT / "tests" / "fixtures" / "renditions"


def convert(soffice: str, source: Path, target: str, outdir: Path, infilter: str = "") -> Path:
    """One LibreOffice conversion; returns the file it wrote."""
    command = [soffice, "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    written = outdir / f"{source.stem}.{target.split(':')[0]}"
    if not written.exists():
        raise SystemExit(f"LibreOffice did not write {written.name}")
    return written


def plan_sheet_only(source: Path, target: Path) -> None:
    """A copy of the workbook holding its plan sheet alone (the Definitions sheet is a
    separate page of the workbook, not part of the plan a Word document would show)."""
    import openpyxl

    book = openpyxl.load_workbook(source)
    for name in book.sheetnames[1:]:
        del book[name]
    book.save(target)


def render(soffice: str, sample: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plan = work / sample.name
        plan_sheet_only(sample, plan)
        ods = convert(soffice, sample, "ods", work)
        html = convert(soffice, plan, "html", work)
        docx = convert(soffice, html, "docx:MS Word 2007 XML", work, "HTML (StarWriter)")
        odt = convert(soffice, docx, "odt", work)
        pdf = convert(soffice, docx, "pdf", work)
        for made in (ods, docx, odt, pdf):
            shutil.copyfile(made, OUT / made.name)
            print(f"wrote {(OUT / made.name).relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for sample in sorted(SAMPLES.glob("*.xlsx")):
        render(args.soffice, sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
