"""Full-text search over recommendations, actions and owners, and a plan's history."""

from __future__ import annotations

from actionplans.storage.errors import BadInput
from actionplans.storage.queries import Change, Hit, has_words, history, item_names
from actionplans.storage.queries import search as find
from actionplans.storage.store import Store

__all__ = ["Change", "Hit", "history", "item_names", "search"]


def search(store: Store, words: str, plan_id: int | None = None) -> list[Hit]:
    """The places `words` occur, best first; BadInput when `words` has no word in it."""
    if not has_words(words):
        raise BadInput(f"'{words}' has no word to search for.")
    return find(store, words, plan_id)
