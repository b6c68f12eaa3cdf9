"""The words of a plan: decisions, statuses and RAG ratings as people write and read them.

One vocabulary for every reader (the published template, a returned progress return) and every
writer (workbooks, PDFs, the window), so a word one of them accepts the others accept too, and
a status is shown the same way everywhere. The plan JSON format's own values (docs/plan-json.md)
are the keys; what people write is mapped onto them.
"""

from __future__ import annotations

import re

from actionplans.storage.model import STATUSES, UPDATE_STATUSES


def words_key(text: str) -> str:
    """`text` as compared with a vocabulary: lower case, punctuation as spaces, single spaces
    ("Partly-Agreed." and "partly agreed" are the same words)."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


# --- decisions -----------------------------------------------------------------------------

DECISION_WORDS = {
    "Not Agreed": (
        "not agreed",
        "not agree",
        "do not agree",
        "does not agree",
        "disagreed",
        "disagree",
        "rejected",
        "not accepted",
        "not accept",
        "do not accept",
        "declined",
        "refused",
    ),
    "Partly Agreed": (
        "partly agreed",
        "partially agreed",
        "part agreed",
        "partly accepted",
        "partially accepted",
        "partly agree",
        "partially agree",
        "partly accept",
        "partially accept",
        "accepted in part",
        "agreed in part",
        "agreed in principle",
        "accepted in principle",
    ),
    "Agreed": ("agreed", "agree", "accepted", "accept", "fully agreed", "fully accepted"),
}
DECISION_OF = {
    words: decision for decision, all_words in DECISION_WORDS.items() for words in all_words
}


def read_decision(text: str) -> str | None:
    """ "Agreed", "Partly Agreed" or "Not Agreed" by meaning, or None when it is none of them."""
    return DECISION_OF.get(words_key(text))


# --- statuses ------------------------------------------------------------------------------

STATUS_OF = {
    **dict.fromkeys(
        ("open", "not started", "new", "pending", "planned", "not yet started"), "open"
    ),
    **dict.fromkeys(
        (
            "in progress",
            "in_progress",
            "ongoing",
            "on going",
            "started",
            "underway",
            "under way",
            "on track",
            "in hand",
            "progressing",
        ),
        "in_progress",
    ),
    **dict.fromkeys(
        ("complete", "completed", "complete d", "closed", "done", "achieved", "implemented"),
        "completed",
    ),
    "superseded": "superseded",  # an update's word only: the action it closes reads completed
}
STATUS_LABELS = {
    "open": "Open",
    "in_progress": "In progress",
    "completed": "Completed",
    "superseded": "Superseded",
}


def read_status(text: str, *, update: bool = False) -> str | None:
    """The status a person's words name ("Not started" -> "open", "Done" -> "completed"), or
    None when they name none. "Superseded" is a status only an update can give (`update`)."""
    status = STATUS_OF.get(words_key(text))
    return status if status in (UPDATE_STATUSES if update else STATUSES) else None


def status_label(status: str) -> str:
    """A stored status as the window, the workbooks and the reports show it: "In progress"."""
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


# --- RAG -----------------------------------------------------------------------------------

RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue (complete)"}


def rag_label(rag: str | None) -> str:
    """A stored rating as people read it ("Blue (complete)"); "" for none."""
    return RAG_LABELS.get(rag, "") if rag else ""
