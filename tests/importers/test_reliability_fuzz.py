"""Issue 17, item 7: fuzzing stays. Hypothesis drives damaged and random bytes through every
plan reader and into the store: each gives a plan or one sentence, nothing else. Bounded to
well under a minute here; `python tools/fuzz.py` is the long run."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.fuzz_readers import Tally, mutate, one_run, seeds

SEEDS = seeds()
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_damaged_files_are_read_or_refused_with_a_sentence(suffix, tmp_path):
    tally = Tally()

    @SETTINGS
    @given(st.integers(min_value=0, max_value=2**32))
    def run(seed: int) -> None:
        one_run(mutate(SEEDS[suffix], random.Random(seed)), suffix, tmp_path, tally)
        assert tally.failures == []

    run()
    assert tally.runs >= 100 and tally.refused > 0


@pytest.mark.timeout(120)
@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_random_bytes_are_refused_with_a_sentence(suffix, tmp_path):
    tally = Tally()

    @settings(SETTINGS, max_examples=40)
    @given(st.binary(max_size=4096))
    def run(data: bytes) -> None:
        one_run(data, suffix, tmp_path, tally)
        assert tally.failures == []

    run()
