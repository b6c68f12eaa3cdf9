"""Printing a big plan: this product's PDF against LibreOffice printing our own workbook.

The baseline is what a secretary without this product would do: open the exported workbook in
LibreOffice and print it to PDF. Both run in this process's run, on the same plan, each as a
fresh child process timed from start to finished file, so interpreter and office start-up count
on both sides. Target: at least 2x faster than LibreOffice, peak memory under 500 MB.

    /work/venv/bin/python benchmarks/pdf.py [--recs 5000] [--actions 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actionplans.storage.model import Action, Plan, Recommendation  # noqa: E402
from benchmarks._common import peak_child_mb, run  # noqa: E402

SENTENCE = (
    "Prisons and local authorities should ensure that processes are in place for the smooth "
    "transfer of prisoners with packages of social care to other establishments. "
)


def big_plan(recs: int, actions: int) -> Plan:
    """A plan shaped like the published ones: sections, two-sentence texts, several owners."""
    return Plan(
        title=f"Benchmark plan of {recs} recommendations",
        responds_to="HMIP Inspection – Social care in Prisons in England & Wales",
        report_published="2018-10-16",
        submitted="2018-12-17",
        notice="Actions with future target dates may be delayed",
        recommendations=[
            Recommendation(
                ref=str(r + 1),
                section=f"Section {r // 20 + 1}",
                text=f"{r + 1}. " + SENTENCE * 2,
                decision=("Agreed", "Partly Agreed", "Not Agreed")[r % 3],
                reason=None if r % 3 == 0 else "policy",
                actions=[
                    Action(
                        text=f"Action {a + 1}: " + SENTENCE + "\nAssurance will follow.",
                        owners=["Prison Directorate", "HMPPS, DHSC and Welsh Government"],
                        target="2030-03",
                        target_text="March 2030",
                    )
                    for a in range(actions)
                ],
            )
            for r in range(recs)
        ],
    )


def child(kind: str, recs: int, actions: int, out: Path) -> None:
    """Runs in a fresh interpreter: write one file and report how long the write took."""
    plan = big_plan(recs, actions)
    start = time.perf_counter()
    if kind == "pdf":
        from actionplans.exporters.pdf import write_plan_pdf

        write_plan_pdf(plan, out)
    else:
        from actionplans.exporters.xlsx import write_xlsx

        write_xlsx(plan, out)
    print(f"{time.perf_counter() - start:.3f}")


def accelerator() -> str:
    """Whether reportlab found its C accelerator (rl-accel); without it printing is slower."""
    from reportlab.lib.rl_accel import _c_funcs, _py_funcs

    if _py_funcs:
        return f"reportlab C accelerator: missing for {', '.join(sorted(_py_funcs))}"
    return f"reportlab C accelerator: in use ({len(_c_funcs)} functions in C)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recs", type=int, default=5000)
    parser.add_argument("--actions", type=int, default=3)
    parser.add_argument("--child", choices=("pdf", "xlsx"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.recs, args.actions, args.out)
        return

    me = [sys.executable, __file__, "--recs", str(args.recs), "--actions", str(args.actions)]
    work = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    print(f"plan: {args.recs} recommendations x {args.actions} actions")
    print(accelerator())
    ours, ours_cpu, inside = run([*me, "--child", "pdf", "--out", str(work / "plan.pdf")])
    ours_mb = peak_child_mb()
    print(
        f"actionplans PDF: {ours:.1f} s wall, {ours_cpu:.1f} s CPU ({inside} s writing), "
        f"peak memory {ours_mb:.0f} MB"
    )
    print(f"  target: peak memory under 500 MB: {'met' if ours_mb < 500 else 'NOT met'}")

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(
            "LibreOffice half skipped: soffice not found (apt-get install libreoffice-calc-nogui)"
        )
        return
    try:
        import actionplans.exporters.xlsx  # noqa: F401
    except ImportError:
        print("LibreOffice half skipped: exporters.xlsx (write_xlsx) is not there yet")
        return
    written, _, _ = run([*me, "--child", "xlsx", "--out", str(work / "plan.xlsx")])
    print(f"actionplans xlsx export (not counted): {written:.1f} s")
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    office = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work / "lo")]
    warm = work / "warm.xlsx"  # LibreOffice's first start builds its profile: not counted
    run([sys.executable, __file__, "--recs", "1", "--child", "xlsx", "--out", str(warm)])
    run([*office[:-1], str(work / "warm"), str(warm)])
    theirs, theirs_cpu, _ = run([*office, str(work / "plan.xlsx")])
    print(f"LibreOffice xlsx -> PDF: {theirs:.1f} s wall, {theirs_cpu:.1f} s CPU")
    for name, ratio in (("wall", theirs / ours), ("CPU", theirs_cpu / ours_cpu)):
        verdict = "met" if ratio >= 2 else "NOT met"
        print(
            f"ratio ({name}): actionplans is {ratio:.1f}x as fast as LibreOffice "
            f"(target at least 2x: {verdict})"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
