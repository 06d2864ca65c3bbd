"""The annotator's dictionary alternations, grouped by first character, find exactly
what the flat longest-first alternation finds."""

from __future__ import annotations

import re

from tradetalks.ingest.article import process_article
from tradetalks.ingest.corpus import read_article, scan_corpus
from tradetalks.knowledge.annotate import _alternation, default_annotator
from tradetalks.paths import CORPORA_DIR, SEEDS_DIR


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _bounded(alternation: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", flags)


def test_grouping_keeps_the_longest_word_at_a_position():
    words = ["G7", "G7 summit", "G20", "APEC"]
    grouped = _bounded(_alternation(words))
    assert [m.group() for m in grouped.finditer("At the G7 summit and the G20, APEC")] == \
        ["G7 summit", "G20", "APEC"]
    assert _alternation(["ab", "ac", "b"]) == "a(?:b|c)|b(?:)"


def test_ignore_case_groups_lower_cased_and_keeps_other_scripts_flat():
    assert _alternation(["Apec", "asean"], ignore_case=True) == "a(?:sean|pec)"
    assert _alternation(["Élysée", "eu"], ignore_case=True) == _flat(["Élysée", "eu"])


def test_every_dictionary_alternation_matches_as_the_flat_one_on_real_sentences():
    annotator = default_annotator()
    texts = [s.text for folder in (SEEDS_DIR, CORPORA_DIR / "generalisation")
             for entry in scan_corpus(folder).entries
             for s in process_article(read_article(entry)).sentences]
    texts += [t.upper() for t in texts] + [t.lower() for t in texts]
    for words, flags in ((list(annotator.actor_by_alias), 0),
                         (list(annotator.country_by_word), 0),
                         (list(annotator.place_by_word), 0),
                         (list(annotator.occasions_by_word), re.I)):
        grouped = _bounded(_alternation(words, bool(flags)), flags)
        flat = _bounded(_flat(words), flags)
        for text in texts:
            assert [m.span() for m in grouped.finditer(text)] == \
                [m.span() for m in flat.finditer(text)], text
