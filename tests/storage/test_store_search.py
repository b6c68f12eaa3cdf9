"""Full-text search with what people type: underscores, decomposed accents, nothing at all."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplans.storage.queries import has_words, search
from tests.support.plans import make_plan


@pytest.fixture
def welsh(store):
    plan = make_plan("Cynllun Gweithredu: Carchar EF Caerdydd")
    plan.recommendations[0].text = "Dylai Llywodraeth Cymru sicrhau gofal i bob ŵyr yn y tŷ."
    plan.recommendations[1].actions[0].owners = ["Bwrdd_Iechyd Caerdydd"]
    store.add_plan(plan)
    return store


def test_an_underscore_is_a_space_between_words_not_a_crash(welsh):
    assert [h.ref for h in search(welsh, "Bwrdd_Iechyd")] == ["2"]
    assert [h.ref for h in search(welsh, "no_owner")] == []


def test_accents_typed_decomposed_find_the_same_words(welsh):
    decomposed = unicodedata.normalize("NFD", "ŵyr tŷ")
    assert decomposed != "ŵyr tŷ"
    for query in ("ŵyr tŷ", "wyr ty", "ŴYR TŶ", decomposed):
        assert [h.ref for h in search(welsh, query)] == ["1"], repr(query)


def test_a_query_with_no_word_in_it_finds_nothing(welsh):
    for nothing in ("", "   ", '"', "-*", "_", "\u0302"):
        assert not has_words(nothing) and search(welsh, nothing) == [], repr(nothing)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12).map(lambda s: f"a_{s}"))
def test_any_text_searches_without_an_error(welsh, query):
    search(welsh, query)
