"""A plan's short name: derived from its title at import (storage.short_names), kept when
the file or the secretary gave one."""

from __future__ import annotations

import pytest

from actionplans.storage.short_names import LIMIT, derive_short_name
from actionplans.usecases.importing import load_samples


@pytest.mark.parametrize(
    "title, short",
    [
        (
            "Action Plan: HMP Thematic – Social Care in Prisons in England & Wales",
            "HMP Thematic – Social Care",
        ),
        (
            "ACTION PLAN: A thematic inspection of accommodation and support for adult "
            "offenders in the community and on release from prison",
            "Thematic – Accommodation and support…",
        ),
        ("Action plan - HMP Cardiff", "HMP Cardiff"),
        ("An inspection of healthcare at HMP Berwyn", "Inspection – Healthcare"),
        ("Plan", "Plan"),
        ("  Action Plan:  ", "Action Plan:"),
    ],
)
def test_a_short_name_drops_what_every_title_starts_with(title, short):
    assert derive_short_name(title) == short
    assert len(derive_short_name(title)) <= LIMIT


def test_imported_plans_get_their_short_name_and_keep_their_title(store):
    loaded = load_samples(store)
    plans = [store.get_plan(i) for i in loaded.plan_ids]
    assert {p.short_name for p in plans} == {
        "Thematic – Accommodation and support…",
        "HMP Thematic – Social Care",
    }
    assert all(p.title.lower().startswith("action plan") for p in plans)
