"""A long fuzz run over every plan reader: `python tools/fuzz.py [RUNS] [SEED]` from the
repository root (default 20,000 runs). Prints the tally and each failure; exits 1 on any."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.fuzz_readers import fuzz  # noqa: E402


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 20_000
    seed = int(argv[1]) if len(argv) > 1 else 0
    tally = fuzz(runs, seed)
    print(
        f"{tally.runs} runs: {tally.read} read, {tally.stored} stored, "
        f"{tally.refused} refused with a sentence, {len(tally.failures)} failures"
    )
    for failure in tally.failures:
        print(failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
