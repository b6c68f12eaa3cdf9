"""The reason a response gives for not agreeing in full, read from its own words.

The template asks a Partly or Not Agreed recommendation for one of four reasons (commissioning,
policy, operational, affordability). Responses often give it in prose instead ("This
recommendation is partly agreed as this is commissioned by NHS England"). These functions find
that clause and the reason its words name, so the checks can PROPOSE the reason for the user to
confirm; nothing here stores anything, and a guess is never saved without the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The words a civil servant uses for each reason, as regular expressions on lower-case text.
# Order matters only for a tie: the reason named first in the clause wins.
REASON_WORDS = {
    "affordability": (
        r"\bfund(?:s|ed|ing)?\b",
        r"\bafford(?:able|ability)?\b(?! housing)",  # "affordable housing" is a kind of home
        r"\bunaffordable\b",
        r"\bcosts?\b",
        r"\bbudgets?\b",
        r"\bfinanc(?:e|es|ial|ially)\b",
        r"\bspending review\b",
        r"\bresourc(?:e|es|ing)\b",
    ),
    "commissioning": (
        r"\bcommission(?:s|ed|ing|er|ers)?\b",
        r"\bnhs england\b",
        r"\bnhse\b",
        r"\bcontract(?:s|ed|ual|or|ors)?\b",
        r"\bprocure(?:d|ment)?\b",
        r"\bproviders?\b",
    ),
    "policy": (
        r"\bminist(?:er|ers|erial)\b",
        r"\bpolic(?:y|ies)\b",
        r"\blegislat(?:ion|ive)\b",
        r"\bstatut(?:e|ory)\b",
        r"\bgovernment(?:'s)? position\b",
        r"\bact \d{4}\b",  # an Act of Parliament: "The Care Act 2014 ..."
        # Another department's remit (the Ministry of Justice is the one answering).
        r"\bministry of (?!justice\b)\w+",
        r"\bdepartment (?:of|for) \w+",
        r"\b(?:mhclg|dluhc|dhsc|dwp|home office)\b",
        r"\bresponsibility\b[^.]*\blies with\b",
    ),
    "operational": (
        r"\boperational(?:ly)?\b",
        r"\bstaffing\b",
        r"\bregime\b",
        r"\bsecurity\b",
        r"\bestate\b",
        r"\bcapacity\b",
    ),
}
_PATTERNS = {reason: re.compile("|".join(words)) for reason, words in REASON_WORDS.items()}

# Where a response says why: the words after the decision ("agreed as ...", "not accepted
# because ..."), or a clause that opens with a reason of its own ("due to ...").
_BECAUSE = re.compile(
    r"\b(?:agreed|agree|accepted|accept)\b[^.;:\n]*?\b(?:as|because|since|given that|"
    r"due to|owing to|on the basis that|in that)\b\s*(?P<clause>[^\n]*)"
    r"|\b(?P<opener>due to(?! be\b)|owing to|because of)\b\s*(?P<rest>[^\n]*)",
    re.IGNORECASE,
)
_DECISION_ALONE = re.compile(
    r"(?:(?:the|this) recommendation is )?(?:not |partly |partially )?(?:agreed|accepted)[.!]?",
    re.IGNORECASE,
)
_PROMISE = re.compile(r"\b(?:will|shall|is going to|plans? to|intends? to)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
MAX_CLAUSE = 120  # characters of the clause quoted back to the user


@dataclass(frozen=True)
class StatedReason:
    """What a response says about why: the clause that says it, and the reason its words name
    (None when the clause names none of the four: the user must choose)."""

    clause: str
    reason: str | None


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _leading_paragraph(response: str) -> str:
    """The paragraph that opens the response, where a response says why; after a paragraph that
    is its decision alone ("Partly agreed."), the one that follows it."""
    paragraphs = [line.strip() for line in response.splitlines() if line.strip()]
    for paragraph in paragraphs[:2]:
        if not _DECISION_ALONE.fullmatch(paragraph):
            return paragraph
    return ""


def _opening(paragraph: str) -> str:
    """The paragraph's first sentence that says more than its decision ("Not agreed." alone
    says nothing of why; the sentence after it may)."""
    for sentence in _SENTENCE_END.split(paragraph)[:3]:
        if not _DECISION_ALONE.fullmatch(sentence.strip()):
            return " ".join(sentence.split())
    return ""


def stated_reason(response: str) -> StatedReason | None:
    """The reason `response` (the actions' text, joined) gives in its own words, or None when it
    gives none. Only the opening paragraph's sentence that says why is read, not the actions
    that follow it: a response that goes on to commission a service is not thereby refused for
    commissioning, nor one whose later action was "delayed due to Covid-19" refused for that."""
    paragraph = _leading_paragraph(response)
    match = _BECAUSE.search(paragraph)
    if match is None:
        # No "agreed as ...": a response that opens with why ("The Care Act 2014 makes Local
        # Authorities responsible ...") states a reason only if its words name one.
        # A sentence that promises ("will review the policy") is an action, not a reason.
        opening = _opening(paragraph)
        reason = None if _PROMISE.search(opening) else reason_named(opening)
        return StatedReason(_quoted(opening), reason) if reason else None
    if match.group("clause") is not None:
        clause = _first_sentence(match.group("clause"))
    else:
        clause = f"{match.group('opener')} {_first_sentence(match.group('rest'))}"
    clause = " ".join(clause.split())
    if not clause:
        return None
    return StatedReason(_quoted(clause), reason_named(clause))


def reason_named(clause: str) -> str | None:
    """The one of the four reasons whose words `clause` uses most (the first named, of a tie),
    or None when it uses none of them."""
    lowered = clause.lower()
    found = []
    for reason, pattern in _PATTERNS.items():
        hits = [m.start() for m in pattern.finditer(lowered)]
        if hits:
            found.append((-len(hits), hits[0], reason))
    return min(found)[2] if found else None


def _quoted(clause: str) -> str:
    if len(clause) <= MAX_CLAUSE:
        return clause
    return clause[:MAX_CLAUSE].rsplit(" ", 1)[0] + " …"
