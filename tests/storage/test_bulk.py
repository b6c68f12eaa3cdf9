"""The cycle collector waits while thousands of rows are read or stored, and comes back."""

from __future__ import annotations

import gc

import pytest

from actionplans.storage.bulk import cycle_collection_paused


def test_the_collector_waits_inside_and_runs_again_after_even_on_an_error():
    assert gc.isenabled()
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():  # nested: the outer block decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("a bad row")
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off():
    gc.disable()
    try:
        with cycle_collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
