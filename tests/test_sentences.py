"""Sentence splitting with offsets into the cleaned text (tradetalks.sentences)."""

from __future__ import annotations

import time
from functools import cache

import pytest

from tradetalks.ingest.clean import clean_text
from tradetalks.ingest.sentences import MAX_SENTENCE_CHARS, Sentence, split_sentences
from tradetalks.paths import SEEDS_DIR

SEED_IDS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


def split(text: str) -> list[Sentence]:
    """Split one or more paragraphs (separated by a blank line) without cleaning them."""
    paragraphs, position = [], 0
    for paragraph in text.split("\n\n"):
        paragraphs.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    return split_sentences(text, tuple(paragraphs))


def texts(text: str) -> list[str]:
    return [s.text for s in split(text)]


@cache
def seed_sentences(article_id: str):
    cleaned = clean_text((SEEDS_DIR / f"{article_id}.txt").read_text(encoding="utf-8"))
    return cleaned, split_sentences(cleaned.text, cleaned.paragraphs)


# --- boundaries ------------------------------------------------------------------------

def test_us_abbreviation_does_not_end_a_sentence():
    assert texts("The U.S. delegation arrived in Tokyo on Monday. Talks begin today.") == [
        "The U.S. delegation arrived in Tokyo on Monday.", "Talks begin today."]


def test_month_abbreviation_with_day_range_does_not_end_a_sentence():
    assert texts("The forum meets Nov. 15-17 in Lima. Ministers will attend.") == [
        "The forum meets Nov. 15-17 in Lima.", "Ministers will attend."]


def test_vulgar_fraction_stays_inside_the_sentence():
    assert texts("It was the first dialogue in 3½ years. Both sides took part.") == [
        "It was the first dialogue in 3½ years.", "Both sides took part."]


def test_title_abbreviation_does_not_end_a_sentence():
    assert texts("Mr. Moon met Mr. Abe in Chengdu. They spoke for an hour.") == [
        "Mr. Moon met Mr. Abe in Chengdu.", "They spoke for an hour."]


def test_quoted_speech_with_attribution_is_one_sentence():
    assert texts("“We will keep talking,” he said. Officials agreed.") == [
        "“We will keep talking,” he said.", "Officials agreed."]


@pytest.mark.parametrize("quote", ["“", '"', "‘", "'"])
def test_opening_quote_starts_the_next_sentence(quote):
    close = {"“": "”", "‘": "’"}.get(quote, quote)
    sentences = texts(f"The talks ended late. {quote}We made progress,{close} she said.")
    assert sentences == ["The talks ended late.", f"{quote}We made progress,{close} she said."]


def test_closing_quote_stays_with_its_sentence():
    assert texts("He said, “The door is open.” Then he left.") == [
        "He said, “The door is open.”", "Then he left."]


def test_sentences_never_cross_paragraphs():
    sentences = split("Talks ended without a deal\n\nBoth sides will meet again.")
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Talks ended without a deal", 0), ("Both sides will meet again.", 1)]


# --- datelines -------------------------------------------------------------------------

@pytest.mark.parametrize("dateline", [
    "BEIJING — ",
    "TOKYO (Kyodo) -- ",
    "SEOUL – ",
    "SAN FRANCISCO, Calif. — ",
])
def test_leading_dateline_is_excluded_from_the_first_sentence(dateline):
    text = f"{dateline}China urged Japan to act together. Officials said more."
    first, second = split(text)
    assert first.text == "China urged Japan to act together."
    assert first.start == len(dateline)
    assert second.text == "Officials said more."


def test_dateline_is_excluded_only_at_the_start_of_a_paragraph():
    text = "Officials met. BEIJING — the capital — hosted them."
    assert texts(text)[1] == "BEIJING — the capital — hosted them."


@pytest.mark.parametrize("dateline", ["TOKYO, Nov 15 (Reuters) - ",
                                      "SEOUL, Dec. 16 (Yonhap) -- ", "BEIJING, July 4 — ",
                                      "WASHINGTON, Nov. 15, 2023 (AP) — ",
                                      "NEW DELHI, 15 November (PTI) - "])
def test_wire_dateline_with_a_date_is_excluded(dateline):
    assert texts(f"{dateline}Japan and China agreed to talk. More later.")[0] == (
        "Japan and China agreed to talk.")


def test_capitalised_acronym_followed_by_dash_is_not_a_dateline():
    sentence = "AI — and the chips that run it — is at the centre of the dispute."
    assert texts(sentence) == [sentence]


# --- offsets and indices -------------------------------------------------------------------

def test_offsets_round_trip_on_own_text():
    text = "BEIJING — China acted. “We agree,” he said.\n\nMr. Li left for the U.S. on Friday."
    for sentence in split(text):
        assert text[sentence.start:sentence.end] == sentence.text


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_offsets_round_trip_for_every_seed_sentence(article_id):
    cleaned, sentences = seed_sentences(article_id)
    assert sentences
    for sentence in sentences:
        assert cleaned.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_sentence_indices_count_from_zero_over_the_article(article_id):
    _, sentences = seed_sentences(article_id)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)
    assert max(s.paragraph for s in sentences) > 0


def test_indices_continue_across_paragraphs():
    sentences = split("One. Two.\n\nThree.")
    assert [(s.index, s.paragraph, s.text) for s in sentences] == [
        (0, 0, "One."), (1, 0, "Two."), (2, 1, "Three.")]


@pytest.mark.parametrize("text", [
    "AI — The chips that run it are at the centre of the dispute.",  # two letters, no agency
    "TOKYO — the capital hosted them.",  # not followed by a capitalised word
])
def test_not_a_dateline(text):
    assert texts(text) == [text]


def test_short_capitals_with_an_agency_are_a_dateline():
    assert texts("EU (Reuters) — The bloc agreed.") == ["The bloc agreed."]


# --- pathological paragraphs ------------------------------------------------------------------

def test_text_without_sentence_punctuation_is_cut_into_bounded_pieces():
    text = "officials in Tokyo said talks would resume " * 2000
    sentences = split(text.strip())
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.text for s in sentences) == text.strip()


def test_word_longer_than_the_limit_is_cut_at_the_limit():
    sentences = split("a" * 2500)
    assert [len(s.text) for s in sentences] == [1000, 1000, 500]


@pytest.mark.parametrize("char", ["'", "(", "“", "$", ","])
def test_long_run_of_punctuation_is_split_quickly(char):
    # spaCy's tokenizer is quadratic on such a run; 20,000 characters took about a minute
    started = time.process_time()  # CPU time: a busy machine does not inflate it
    sentences = split("Talks resumed. " + char * 20_000 + " Officials left.")
    assert time.process_time() - started < 5
    assert sentences[0].text == "Talks resumed."
    assert sentences[-1].text.endswith("Officials left.")


@pytest.mark.parametrize("opener,closer", [("(", ")"), ("[", "]")])
def test_opening_bracket_starts_the_next_sentence(opener, closer):
    assert texts(f"Japan lifted the curbs. {opener}The decision was welcomed in Seoul."
                 f"{closer} Trade resumed.") == [
        "Japan lifted the curbs.", f"{opener}The decision was welcomed in Seoul.{closer}",
        "Trade resumed."]
