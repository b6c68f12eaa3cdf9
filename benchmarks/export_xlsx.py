"""How much the six-column workbook costs over the cheapest possible openpyxl file.

Exports a plan of 5,000 recommendations x 3 actions with `exporters.xlsx.write_xlsx`, and, in
the same run, writes the same 15,000 rows of bare values with openpyxl in write-only mode (no
styles, merges, heights or validation). Prints both times, their ratio (target: at most 3x) and
the peak Python memory of each. The two are run in turn `--repeats` times and the best of each
kept, so a burst of load from another process on a shared machine does not land on one side
only; memory is measured in a separate pass under tracemalloc, which slows what it watches.

    python benchmarks/export_xlsx.py [--recommendations 5000] [--actions 3] [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from actionplans.exporters.definitions import HEADERS  # noqa: E402
from actionplans.exporters.xlsx import recommendation_rows, write_xlsx  # noqa: E402
from actionplans.storage.model import Action, Plan, Recommendation  # noqa: E402


def make_plan(recommendations: int, actions: int) -> Plan:
    """A plan as long as the biggest thematic reports, with realistic text lengths."""
    recs = []
    for number in range(1, recommendations + 1):
        recs.append(
            Recommendation(
                ref=str(number),
                section=f"Section {number // 10 + 1}",
                text=f"Recommendation {number}: prisons and local authorities should " * 3,
                decision=("Agreed", "Partly Agreed", "Not Agreed")[number % 3],
                actions=[
                    Action(
                        text=f"Step {step} of the response.\nA second paragraph of detail " * 4,
                        owners=["Prison Directorate", "Rehabilitation Systems and Change Group"],
                        target="2019-03",
                        target_text="March 2019",
                    )
                    for step in range(1, actions + 1)
                ],
            )
        )
    return Plan(title="Benchmark plan", responds_to="A long thematic report", recommendations=recs)


def bare_rows(plan: Plan, path: Path) -> None:
    """The baseline: the same cell values, one row per action, unstyled, write-only."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Action Plan")
    for rec in plan.recommendations:
        for row in recommendation_rows(rec, list(HEADERS)):
            ws.append(row)
    wb.save(path)


def timed(work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def peak_mib(work: Callable[[], None]) -> float:
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=5000)
    parser.add_argument("--actions", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    plan = make_plan(args.recommendations, args.actions)
    rows = args.recommendations * args.actions
    with tempfile.TemporaryDirectory() as folder:
        base_path, plan_path = Path(folder, "bare.xlsx"), Path(folder, "plan.xlsx")
        jobs = {
            "openpyxl write-only, bare rows": lambda: bare_rows(plan, base_path),
            "write_xlsx, six-column template": lambda: write_xlsx(plan, plan_path),
        }
        runs = [{name: timed(job) for name, job in jobs.items()} for _ in range(args.repeats)]
        times = {name: min(run[name] for run in runs) for name in jobs}
        peaks = {name: peak_mib(job) for name, job in jobs.items()}
        sizes = {
            name: path.stat().st_size / 2**20
            for name, path in zip(jobs, (base_path, plan_path), strict=True)
        }
    print(
        f"{args.recommendations:,} recommendations x {args.actions} actions = {rows:,} rows"
        f" (best of {args.repeats})"
    )
    for name in jobs:
        print(
            f"  {name:34} {times[name]:6.2f} s   peak {peaks[name]:6.1f} MiB"
            f"   file {sizes[name]:5.1f} MiB"
        )
    base, ours = times.values()
    print(f"ratio {ours / base:.2f}x (target at most 3x)")


if __name__ == "__main__":
    main()
