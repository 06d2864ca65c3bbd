"""Roles from the dependency parse: which government acts, read from sentence structure.

The patterns are data (``data/rules/roles.yaml``: spaCy ``DependencyMatcher`` patterns,
each with an id, a purpose and example sentences). A rule answers only when its structure
is present; otherwise the caller keeps its own decision.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import yaml

from tradetalks.knowledge.annotate import SentenceAnnotations
from tradetalks.knowledge.parse import nlp
from tradetalks.paths import RULES_DIR

ROLES = RULES_DIR / "roles.yaml"
PRONOUNS = {"it", "they"}
# how far before a measure trigger a verb of imposing may end for the subject rules
# ("agreed to cut the so-called fentanyl tariff", "answered by taking the case to the WTO")
SUBJECT_VERB_REACH = 60


@lru_cache(maxsize=1)
def role_rules() -> dict:
    with ROLES.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _expand(pattern: list[dict], words: list[str], name: str) -> list[dict]:
    """Replace a word-list placeholder (``{IN: IMPOSER_FORMS}``) by the list it names."""
    out = []
    for node in pattern:
        attrs = {k: ({"IN": words} if v == {"IN": name} else v)
                 for k, v in node.get("RIGHT_ATTRS", {}).items()}
        out.append({**node, "RIGHT_ATTRS": attrs})
    return out


@lru_cache(maxsize=1)
def verb_forms() -> set[str]:
    """Every inflected form of the imposer verbs (the parse runs without a lemmatizer)."""
    spec = role_rules()
    forms = set(spec["imposer_irregular_forms"])
    for verb in spec["imposer_verbs"]:
        forms |= _regular_forms(verb)
    return forms


def _regular_forms(verb: str) -> set[str]:
    """The verb, its third person and its regular past."""
    third = verb[:-1] + "ies" if verb.endswith("y") and verb[-2] not in "aeiou" else (
        verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s")
    return {verb, third, _past_forms(verb)}


def _ing_form(lemma: str) -> str:
    return lemma[:-1] + "ing" if lemma.endswith("e") and not lemma.endswith("ee") else \
        lemma + "ing"


@lru_cache(maxsize=2)
def all_forms(verbs_key: str, irregular_key: str) -> tuple[str, ...]:
    """Every form of a verb list of roles.yaml (base, -s, -ed, -ing, and the irregular
    forms it lists): the parse runs without a lemmatizer."""
    spec = role_rules()
    forms = set(spec[irregular_key])
    for verb in spec[verbs_key]:
        forms |= _regular_forms(verb) | {_ing_form(verb)}
    return tuple(sorted(forms))


def _past_forms(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y"):
        return lemma[:-1] + "ied"
    return lemma + "ed"


@lru_cache(maxsize=1)
def imposer_forms() -> re.Pattern:
    """A relative clause or by-phrase with an imposer verb ('that Beijing announced',
    'which China has suspended', 'imposed by'): the cheap test before a parse."""
    spec = role_rules()
    forms = {_past_forms(v) for v in spec["imposer_verbs"]} | set(
        spec["imposer_irregular_forms"])
    verb = "|".join(sorted(forms))
    return re.compile(rf"\b(that|which)\b[^,.;]{{0,40}}\b({verb})\b|\b({verb})\s+by\b|"
                      rf"\b(has|have|had)\s+({verb})\b", re.I)


def worth_parsing(text: str, trigger_start: int, trigger_end: int | None = None) -> bool:
    """An imposer rule can only fire when such a clause follows the measure trigger, or
    (given the trigger's end) when a verb of imposing, whose subject may impose, ends
    shortly before or inside it."""
    if imposer_forms().search(text, trigger_start):
        return True
    if trigger_end is None:
        return False
    start, end = trigger_start, trigger_end
    return any(max(0, start - SUBJECT_VERB_REACH) <= m.end() <= end
               for m in subject_forms().finditer(text, 0, end))


@lru_cache(maxsize=1)
def imposer_matcher():
    from spacy.matcher import DependencyMatcher

    spec = role_rules()
    matcher = DependencyMatcher(nlp().vocab)
    for rule in spec["imposer"]:
        pattern = _expand(rule["pattern"], sorted(verb_forms()), "IMPOSER_FORMS")
        pattern = _expand(pattern, list(all_forms("subject_verbs", "subject_irregular_forms")),
                          "SUBJECT_FORMS")
        pattern = _expand(pattern, list(all_forms("control_verbs", "control_irregular_forms")),
                          "CONTROL_FORMS")
        pattern = _expand(pattern, list(all_forms("response_verbs", "response_irregular_forms")),
                          "RESPONSE_FORMS")
        matcher.add(rule["id"], [pattern])
    return matcher


@lru_cache(maxsize=1)
def _node_positions() -> dict[str, dict[str, int]]:
    """Each imposer rule's pattern position of its named nodes (``measure``, ``actor``)."""
    return {rule["id"]: {node["RIGHT_ID"]: i for i, node in enumerate(rule["pattern"])}
            for rule in role_rules()["imposer"]}


SUBJECT_DEPS = ("nsubj", "nsubjpass")


@lru_cache(maxsize=1)
def _without_subject() -> dict[str, list[str]]:
    """Each imposer rule's nodes that match only without a subject of their own."""
    return {rule["id"]: list(rule.get("without_subject", [])) for rule in role_rules()["imposer"]}


@lru_cache(maxsize=1)
def subject_forms() -> re.Pattern:
    """A verb of imposing anywhere in the sentence: the cheap test before a parse for the
    subject rules."""
    verbs = "|".join(all_forms("subject_verbs", "subject_irregular_forms")
                     + all_forms("response_verbs", "response_irregular_forms"))
    return re.compile(rf"\b({verbs})\b", re.I)


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
        at = _node_positions()[rule]
        measure, actor = doc[tokens[at["measure"]]], doc[tokens[at["actor"]]]
        if any(c.dep_ in SUBJECT_DEPS for node in _without_subject()[rule]
               for c in doc[tokens[at[node]]].children):
            continue  # "Japan curbed ... and Korea filed": the joined verb's own subject
        if measure.i in phrase and not actor.conjuncts:
            # (with conjuncts, "The US, Japan and the Netherlands agreed to restrict ...",
            # the words decide which of them this trigger is about)
            span = doc[actor.left_edge.i:actor.right_edge.i + 1]
            found.append((rule, span.start_char, span.end_char))
    return sorted(found, key=lambda f: f[1])


def summons_parties(doc, start: int, ann: SentenceAnnotations) -> SentenceAnnotations:
    """The sentence's people and governments cut to the summoner and the summoned (the
    subtrees of the verb at ``start`` that ``summons_role_deps`` names); the sentence as it
    is when there is no parse or the verb has no object."""
    if doc is None:
        return ann
    verb = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
    deps = set(role_rules()["summons_role_deps"])
    roles = [c for c in verb.children if c.dep_ in deps] if verb is not None else []
    if not any(c.dep_ == "dobj" for c in roles):
        return ann
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in roles]

    def inside(at: int) -> bool:
        return any(lo <= at < hi for lo, hi in spans)

    return replace(ann, persons=[(f, a) for f, a in ann.persons if inside(f.start)],
                   countries=[f for f in ann.countries if inside(f.start)])


def government_in(ann: SentenceAnnotations, start: int, end: int) -> str | None:
    """The government a span names: a country mention or a named official inside it."""
    mentions = [(f.start, f.value.rstrip("?")) for f in ann.countries]
    mentions += [(f.start, actor.country) for f, actor in ann.persons]
    inside = sorted(m for m in mentions if start <= m[0] < end)
    return inside[0][1] if inside else None


def parse_imposer(doc, start: int, end: int, ann: SentenceAnnotations,
                  before: int | None = None) -> tuple[str, str] | None:
    """(government, rule id) when a parse rule names who imposes the measure at start:end
    (with ``before``, only an actor that starts before it)."""
    for rule, a, b in imposers(doc, start, end):
        if before is not None and a >= before:
            continue
        government = government_in(ann, a, b)
        if government is not None:
            return government, rule
        if doc.text[a:b].lower() in PRONOUNS:
            # a pronoun in a clause under a government's clause stands for it; otherwise
            # (a main clause's "it") the caller's words decide
            return _pronoun_government(doc, a, ann)
    return None


def _pronoun_government(doc, at: int, ann: SentenceAnnotations) -> tuple[str, str] | None:
    """"Seoul said it would keep its ban", "the duties it has imposed": a pronoun subject
    stands for the government that is the subject of a clause above it."""
    token = next((t for t in doc if t.idx == at), None)
    for head in token.head.ancestors if token is not None else ():
        for child in head.children:
            if child.dep_ == "nsubj" and child.lower_ not in PRONOUNS:
                edge = doc[child.left_edge.i:child.right_edge.i + 1]
                government = government_in(ann, edge.start_char, edge.end_char)
                if government is not None:
                    return government, "pronoun-clause-subject"
    return None


# --- back-references to a meeting ----------------------------------------------------------

@lru_cache(maxsize=1)
def back_reference_matcher():
    from spacy.matcher import DependencyMatcher

    spec = role_rules()
    matcher = DependencyMatcher(nlp().vocab)
    for rule in spec["back_reference"]:
        matcher.add(rule["id"], [_expand(rule["pattern"], spec["meeting_nouns"],
                                         "MEETING_NOUNS")])
    return matcher


@lru_cache(maxsize=1)
def definite_meeting_noun() -> re.Pattern:
    """The cheap test before a sentence is parsed: a determiner, then a meeting noun."""
    nouns = "|".join(role_rules()["meeting_nouns"])
    return re.compile(rf"\b(the|that|this|these|those|their|its)\s+([\w'-]+\s+){{0,3}}"
                      rf"({nouns})s?\b", re.I)


def may_refer_back(text: str, triggers: list[re.Match]) -> bool:
    """Every meeting trigger lies in a definite meeting noun phrase: only then can the
    back-reference rule change the outcome."""
    spans = [m.span() for m in definite_meeting_noun().finditer(text)]
    return bool(triggers) and bool(spans) and all(
        any(a <= t.start() and t.end() <= b for a, b in spans) for t in triggers)


def _new_event(noun) -> bool:
    """'the next round of the dialogue', 'their first dialogue': a new meeting."""
    new = set(role_rules()["new_event_modifiers"])
    heads = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        heads.append(noun.head.head)  # the round or session the noun belongs to
    return any(child.lower_ in new for head in heads for child in head.children)


def back_references(doc, ann: SentenceAnnotations) -> list[tuple[str, int, int]]:
    """(rule id, start, end) of each definite meeting noun phrase that names no party of
    its own: no 'between'/'with' phrase, no government, official or proper name inside."""
    if doc is None:
        return []
    preps = set(role_rules()["own_party_preps"])
    named = [f.start for f in ann.countries] + [f.start for f, _ in ann.persons]
    found = []
    for match_id, tokens in back_reference_matcher()(doc):
        noun = doc[tokens[0]]
        if any(c.dep_ == "prep" and c.lower_ in preps for c in noun.children):
            continue
        if _new_event(noun):
            continue
        start, end = noun.left_edge.idx, noun.idx + len(noun.text)
        if any(start <= n < end for n in named) or any(
                t.tag_ in ("NNP", "NNPS") for t in doc[noun.left_edge.i:noun.i]):
            continue  # "the Japan-China summit", "the APEC meetings": parties of its own
        found.append((doc.vocab.strings[match_id], start, end))
    return sorted(found, key=lambda f: f[1])


def _span_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def tree_distance(doc, a: tuple[int, int], b: tuple[int, int]) -> int | None:
    """Arcs between the heads of two character spans in the parse (None without one):
    a date attached to the trigger's own verb or noun is nearer than one in another
    clause, however few characters lie between."""
    first, second = _span_root(doc, *a), _span_root(doc, *b)
    if first is None or second is None:
        return None
    up = {t.i: n for n, t in enumerate([first, *first.ancestors])}
    for n, t in enumerate([second, *second.ancestors]):
        if t.i in up:
            return up[t.i] + n
    return None


