"""Helpers shared by the benchmark scripts: a big plan, best-of timing, peak memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actionplans.storage.model import Action, Plan, Recommendation  # noqa: E402


def big_plan(recs: int = 5000, actions: int = 3) -> Plan:
    """A plan the size of the largest thematic reviews many times over: recs x actions."""
    return Plan(
        title="Benchmark plan",
        responds_to="A thematic inspection",
        report_published="2020-07-08",
        submitted="2020-08-26",
        recommendations=[
            Recommendation(
                ref=str(r + 1),
                section=f"Section {r // 50 + 1}",
                text=f"Recommendation {r + 1}: prisons and local authorities should ensure that "
                "processes are in place for the smooth transfer of prisoners with social care.",
                decision=("Agreed", "Partly Agreed", "Not Agreed")[r % 3],
                reason=None if r % 3 == 0 else "policy",
                actions=[
                    Action(
                        text=f"Action {a + 1}: HMPPS will work with partners on memorandum {r}.",
                        owners=[f"Owner {(r + a) % 40}", "Prison Directorate"],
                        target=f"20{20 + a}-0{a + 3}",
                        target_text=f"March 20{20 + a}",
                    )
                    for a in range(actions)
                ],
            )
            for r in range(recs)
        ],
    )


def best_of(runs: int, func: Callable[[], object]) -> float:
    """The fastest of `runs` timings in seconds: the least disturbed by a noisy machine."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def report(name: str, value: float, baseline: float, target: str) -> None:
    print(
        f"{name}: {value * 1000:.1f} ms vs baseline {baseline * 1000:.1f} ms "
        f"= {value / baseline:.2f}x (target {target})"
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of a child process (CPU is steadier on a shared machine)."""
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, _children_cpu() - cpu, done.stdout.strip()


def peak_child_mb() -> float:
    """Largest resident set of any child so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
