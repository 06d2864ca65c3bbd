"""A meeting's status from the parse of its trigger's own clause: a modal on the meeting's
verb ("could hold") or the verb it completes ("is expected to host", "had hoped to host").

The patterns are data (``data/rules/status.yaml``: spaCy ``DependencyMatcher`` patterns with
an id, a purpose, the status they give and example sentences). A rule answers only when its
structure holds on the trigger's own verb; otherwise the caller keeps the clause status.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from tradetalks.knowledge.parse import nlp
from tradetalks.paths import RULES_DIR

STATUS_RULES = RULES_DIR / "status.yaml"


@lru_cache(maxsize=1)
def status_rules() -> dict:
    with STATUS_RULES.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _cue_words() -> list[str]:
    words = set()
    for rule in status_rules()["meeting_status"]:
        for node in rule["pattern"]:
            if node["RIGHT_ID"] == "cue":
                words |= set(node["RIGHT_ATTRS"]["LOWER"]["IN"])
    return sorted(words)


@lru_cache(maxsize=1)
def status_cues() -> re.Pattern:
    """A cue word of some status rule with its infinitive ('expected to', 'wants to sit')."""
    return re.compile(r"\b(" + "|".join(_cue_words()) + r")\s+(\w+\s+){0,2}?to\s+\w",
                      re.I)


def may_have_status(text: str, trigger_starts: list[int]) -> bool:
    """The cheap test before a parse: a status rule can only fire when a cue and its
    infinitive come shortly before a meeting trigger."""
    cues = [m.start() for m in status_cues().finditer(text)]
    return any(0 <= t - c <= 80 for c in cues for t in trigger_starts)


@lru_cache(maxsize=1)
def status_matcher():
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(nlp().vocab)
    for rule in status_rules()["meeting_status"]:
        matcher.add(rule["id"], [rule["pattern"]])
    return matcher


def event_verb(doc, start: int, end: int):
    """The verb that reports the meeting at start:end: the trigger's own verb, or the verb
    whose object or subject the trigger noun is; None when there is none."""
    tokens = [t for t in doc if start <= t.idx < end]
    verbs = [t for t in tokens if t.tag_.startswith("VB")]
    if verbs:
        return verbs[0]
    if not tokens:
        return None
    noun = tokens[-1]
    while noun.dep_ in ("compound", "amod") and noun.head is not noun:
        noun = noun.head
    deps = set(status_rules()["event_noun_deps"])
    if noun.dep_ in deps and noun.head.tag_.startswith("VB"):
        return noun.head
    return None


def parse_status(doc, start: int, end: int) -> tuple[str, str] | None:
    """(status, rule id) when a status rule holds on the meeting verb of start:end."""
    if doc is None:
        return None
    verb = event_verb(doc, start, end)
    if verb is None:
        return None
    statuses = {r["id"]: r["status"] for r in status_rules()["meeting_status"]}
    for match_id, tokens in status_matcher()(doc):
        rule = doc.vocab.strings[match_id]
        names = [n["RIGHT_ID"] for n in status_rules_by_id()[rule]["pattern"]]
        if doc[tokens[names.index("event")]].i == verb.i:
            return statuses[rule], rule
    return None


@lru_cache(maxsize=1)
def status_rules_by_id() -> dict:
    return {r["id"]: r for r in status_rules()["meeting_status"]}


def on_finite_verb(doc, at: int) -> bool:
    """The date at character ``at`` hangs on a verb in the present or past tense with no
    modal ('arrives on Thursday', 'met on Monday'): its act is not ahead of publication."""
    token = next((t for t in doc if t.idx <= at < t.idx + len(t.text) + 1), None)
    while token is not None and not token.tag_.startswith("VB") and token.head is not token:
        token = token.head
    if token is None or token.tag_ not in status_rules()["finite_tags"]:
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in token.children)
