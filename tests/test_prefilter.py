"""The literal pre-filter (tradetalks.prefilter) never changes what a pattern finds.

A guarded pattern may skip the regex only when the text holds none of the literals every
match needs; these tests check the derived literals on small patterns whose matches are
known by reading them, and check the guarded and the plain pattern against each other
on every sentence of two article sets for every pattern the rules use.
"""

from __future__ import annotations

import pickle
import re

import pytest

from tradetalks.ingest.article import process_article
from tradetalks.ingest.corpus import read_article, scan_corpus
from tradetalks.knowledge import dates
from tradetalks.knowledge.dictionaries import load_dictionaries
from tradetalks.paths import CORPORA_DIR, SEEDS_DIR
from tradetalks.prefilter import Guarded, compile, required_literals
from tradetalks.rules.measures import MeasureRules
from tradetalks.rules.meetings import MeetingRules


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\bgallium\b", re.I, {"gallium"}),
    (r"\b(met|meet|meets)\b", re.I, {"met", "meet"}),  # "meets" needs "meet" anyway
    (r"\bExport (ban|curbs)\b", re.I, {"export ban", "export curbs"}),
    (r"\bExport\b", 0, {"Export"}),  # case kept when the pattern keeps it
    (r"colou?r", 0, {"colo"}),
    (r"(?:in\s+)?Tokyo", 0, {"Tokyo"}),
    (r"\d+ days?", 0, {" day"}),
    (r"organi[sz]e", 0, {"organise", "organize"}),
    (r"(?-i:[A-Z][a-z]+) goods", re.I, {" goods"}),  # the scoped case flag part is skipped
    (r"(ha){2}", 0, {"haha"}),
])
def test_required_literals_of_known_patterns(pattern, flags, expected):
    assert required_literals(pattern, flags) == expected


@pytest.mark.parametrize("pattern", [r"x|.*", r"\w+", r"(?:ban)?", r"[^a]b?", r"\s"])
def test_no_filter_when_a_match_needs_no_literal(pattern):
    assert required_literals(pattern) is None
    assert isinstance(compile(pattern), re.Pattern)


def test_a_text_without_the_literals_skips_the_regex():
    guarded = compile(r"\b(export|import) ban\b", re.I)
    assert isinstance(guarded, Guarded)
    assert not guarded.possible("Tokyo and Seoul held talks on Monday.")
    assert guarded.search("Tokyo and Seoul held talks on Monday.") is None
    assert list(guarded.finditer("Tokyo and Seoul held talks.")) == []
    assert guarded.findall("no such words") == []
    assert guarded.search("China lifted its IMPORT BAN.").group() == "IMPORT BAN"


def test_re_case_folding_beyond_str_lower_still_matches():
    # the Kelvin sign and the long s match "k" and "s" under re.I; str.lower keeps them
    for text in ("5 \u212ag", "a \u017fteel mill"):
        for pattern in (r"\bkg\b", r"\bsteel\b"):
            plain = re.compile(pattern, re.I)
            assert [m.span() for m in compile(pattern, re.I).finditer(text)] == \
                [m.span() for m in plain.finditer(text)]
    assert compile(r"\bkg\b", re.I).search("5 \u212ag") is not None


def test_guarded_pattern_is_found_by_its_matches_re():
    guarded = compile(r"\bsummit\b", re.I)
    ids = {guarded: "summit-rule"}
    match = guarded.search("a summit in Seoul")
    assert ids[match.re] == "summit-rule"


def test_guarded_pattern_pickles_as_the_same_filter():
    guarded = compile(r"\btariffs?\b", re.I)
    again = pickle.loads(pickle.dumps(guarded))
    assert again == guarded and again.literals == guarded.literals


def _project_patterns() -> list:
    triggers = load_dictionaries().triggers
    meetings, measures = MeetingRules(triggers), MeasureRules(triggers)
    found = [p for _, p in dates.PATTERNS]
    found += [p for _, p in load_dictionaries().products + load_dictionaries().topics]
    found += [p for p, _, _ in meetings.triggers] + [p for p, _ in measures.triggers]
    found += meetings.exclude + meetings.exclude_soft + measures.exclude
    found += [p for _, p in meetings.status] + list(meetings.outcome.values())
    found += list(meetings.level_words.values()) + list(measures.status.values())
    found += [meetings.anaphora, measures.demand, measures.impose_verbs]
    return [p for p in found if isinstance(p, Guarded)]


def _sentences() -> list[str]:
    out = []
    for folder in (SEEDS_DIR, CORPORA_DIR / "generalisation"):
        for entry in scan_corpus(folder).entries:
            out += [s.text for s in process_article(read_article(entry)).sentences]
    # the same sentences shouted and in title case exercise the case folding
    return out + [s.upper() for s in out[:200]] + [s.title() for s in out[:200]]


def test_every_rule_pattern_finds_the_same_matches_guarded_and_plain():
    patterns = _project_patterns()
    assert len(patterns) > 50  # the filter applies to most of the rules' patterns
    for text in _sentences():
        for guarded in patterns:
            assert [m.span() for m in guarded.finditer(text)] == \
                [m.span() for m in guarded.regex.finditer(text)], (guarded, text)
