"""Roles from the dependency parse: which government acts, read from sentence structure.

The patterns are data (``data/rules/roles.yaml``: spaCy ``DependencyMatcher`` patterns,
each with an id, a purpose and example sentences). A rule answers only when its structure
is present; otherwise the caller keeps its own decision.
"""

from __future__ import annotations

from functools import lru_cache

import re

import yaml

from tradetalks.knowledge.annotate import SentenceAnnotations
from tradetalks.knowledge.parse import nlp
from tradetalks.paths import RULES_DIR

ROLES = RULES_DIR / "roles.yaml"


@lru_cache(maxsize=1)
def role_rules() -> dict:
    with ROLES.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _expand(pattern: list[dict], verbs: list[str]) -> list[dict]:
    """Replace the IMPOSER_VERBS placeholder by the list of lemmas."""
    out = []
    for node in pattern:
        attrs = {k: ({"IN": verbs} if v == {"IN": "IMPOSER_VERBS"} else v)
                 for k, v in node.get("RIGHT_ATTRS", {}).items()}
        out.append({**node, "RIGHT_ATTRS": attrs})
    return out


@lru_cache(maxsize=1)
def imposer_forms() -> re.Pattern:
    """Any inflected form of an imposer verb: the cheap test before a sentence is parsed."""
    spec = role_rules()
    stems = [v[:-1] if v.endswith(("e", "y")) else v for v in spec["imposer_verbs"]]
    words = "|".join(sorted(set(stems) | set(spec["imposer_irregular_forms"])))
    return re.compile(rf"\b({words})\w*\b", re.I)


def worth_parsing(text: str, trigger_start: int) -> bool:
    """An imposer rule can only fire when an imposer verb follows the measure trigger."""
    return bool(imposer_forms().search(text, trigger_start))


@lru_cache(maxsize=1)
def imposer_matcher():
    from spacy.matcher import DependencyMatcher

    spec = role_rules()
    matcher = DependencyMatcher(nlp().vocab)
    for rule in spec["imposer"]:
        matcher.add(rule["id"], [_expand(rule["pattern"], spec["imposer_verbs"])])
    return matcher


def noun_phrase(doc, start: int, end: int) -> set[int]:
    """Token indices of the trigger's words and its noun phrase (not its clauses)."""
    deps = set(role_rules()["noun_phrase_deps"])
    todo = [t for t in doc if start <= t.idx < end]
    seen = {t.i for t in todo}
    while todo:
        token = todo.pop()
        for child in token.children:
            if child.dep_ in deps and child.i not in seen:
                seen.add(child.i)
                todo.append(child)
    return seen


def imposers(doc, start: int, end: int) -> list[tuple[str, int, int]]:
    """(rule id, actor start, actor end) for each imposer rule on this trigger's phrase."""
    if doc is None:
        return []
    phrase = noun_phrase(doc, start, end)
    found = []
    for match_id, tokens in imposer_matcher()(doc):
        rule = doc.vocab.strings[match_id]
        measure, actor = doc[tokens[0]], doc[tokens[-1]]
        if measure.i in phrase:
            span = doc[actor.left_edge.i:actor.right_edge.i + 1]
            found.append((rule, span.start_char, span.end_char))
    return sorted(found, key=lambda f: f[1])


def government_in(ann: SentenceAnnotations, start: int, end: int) -> str | None:
    """The government a span names: a country mention or a named official inside it."""
    mentions = [(f.start, f.value.rstrip("?")) for f in ann.countries]
    mentions += [(f.start, actor.country) for f, actor in ann.persons]
    inside = sorted(m for m in mentions if start <= m[0] < end)
    return inside[0][1] if inside else None


def parse_imposer(doc, start: int, end: int, ann: SentenceAnnotations
                  ) -> tuple[str, str] | None:
    """(government, rule id) when a parse rule names who imposes the measure at start:end."""
    for rule, a, b in imposers(doc, start, end):
        government = government_in(ann, a, b)
        if government is not None:
            return government, rule
    return None
