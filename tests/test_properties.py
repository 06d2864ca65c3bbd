"""Property tests (hypothesis): cleaning, sentence splitting and date finding on any text.

The strategies mix arbitrary Unicode (control characters, CR, lone surrogates excluded
since a decoded file cannot hold them) with pieces that trigger the rules: debris lines,
bullets, datelines, quotes, date words and very long words.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradetalks.ingest.clean import PARAGRAPH_SEPARATOR, clean_text
from tradetalks.ingest.sentences import MAX_SENTENCE_CHARS, dateline_end, split_sentences
from tradetalks.knowledge.dates import find_dates

SETTINGS = settings(max_examples=120, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# any character a decoded file can hold (lone surrogates cannot come out of a decoder)
CHARACTERS = st.characters(exclude_categories=("Cs",))
PIECES = [
    "Talks resumed.", "Japan and South Korea agreed on Monday to hold", "another round.",
    "by Prime Minister", "Shinzo Abe and two aides.", "READ ALSO:", "- Seoul Responds",
    "The ministry listed two demands:", "1. lifting the ban", "Comments", "200 characters",
    "Leave a Reply", "Advertisement", "Photo: Reuters", "…..Tokyo Weighs",
    "KOSPI 2,480.12 -15.40 (-0.62%)",
    "NIKKEI 38,120.50 ▲ 210.30 (+0.55%)", "Subscribe today for unlimited access.",
    "TOKYO, Nov 15 (Reuters) - ", "SEOUL, Dec. 16 (Yonhap) -- ", "BEIJING — ", "AI — ",
    "“We will keep talking,” he said.", '"', "'", "“", "U.S.", "Mr.", "Nov.", "3½",
    "\r", "\r\n", "\t", "\x0c", "\x85", "\u2028", "\x00", "\x1f", " ", "  ", "\n", "\n\n",
]
WORDS = st.one_of(
    st.sampled_from(PIECES),
    st.text(CHARACTERS, max_size=20),
    st.builds(lambda c, n: c * n, CHARACTERS, st.integers(100, 3000)),  # very long word
)
TEXTS = st.one_of(
    st.text(CHARACTERS, max_size=400),
    st.lists(WORDS, max_size=40).map("".join),
    st.lists(st.lists(WORDS, max_size=8).map(" ".join), max_size=15).map("\n".join),
)


# --- clean_text ---------------------------------------------------------------------------

@SETTINGS
@given(TEXTS)
def test_clean_text_never_raises_and_paragraph_spans_round_trip(text):
    cleaned = clean_text(text)
    paragraphs = [cleaned.text[s:e] for s, e in cleaned.paragraphs]
    assert PARAGRAPH_SEPARATOR.join(paragraphs) == cleaned.text
    previous_end = -len(PARAGRAPH_SEPARATOR)
    for (start, end), paragraph in zip(cleaned.paragraphs, paragraphs, strict=True):
        assert start == previous_end + len(PARAGRAPH_SEPARATOR)
        assert paragraph and paragraph == paragraph.strip() and "\n" not in paragraph
        previous_end = end


@SETTINGS
@given(TEXTS)
def test_clean_text_keeps_or_logs_every_word(text):
    """Nothing is lost silently: every word of the input is kept or in the removal log."""
    cleaned = clean_text(text)
    raw_lines = text.split("\n")
    words_in = sum(len(line.split()) for line in raw_lines)
    words_kept = sum(len(cleaned.text[s:e].split()) for s, e in cleaned.paragraphs)
    words_removed = sum(len(r.text.split()) for r in cleaned.removals)
    assert words_in == words_kept + words_removed
    for removal in cleaned.removals:
        assert removal.text.startswith(raw_lines[removal.line - 1].strip())


# --- split_sentences --------------------------------------------------------------------------

@SETTINGS
@given(TEXTS)
def test_sentence_offsets_round_trip_on_cleaned_text(text):
    cleaned = clean_text(text)
    sentences = split_sentences(cleaned.text, cleaned.paragraphs)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    previous_end = 0
    for sentence in sentences:
        assert cleaned.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        p_start, p_end = cleaned.paragraphs[sentence.paragraph]
        assert p_start <= sentence.start < sentence.end <= p_end
        assert sentence.start >= previous_end
        previous_end = sentence.end


@SETTINGS
@given(TEXTS)
def test_sentences_cover_every_visible_character_but_the_dateline(text):
    cleaned = clean_text(text)
    sentences = split_sentences(cleaned.text, cleaned.paragraphs)
    covered = set()
    for sentence in sentences:
        covered.update(range(sentence.start, sentence.end))
    for p_start, p_end in cleaned.paragraphs:
        skip = dateline_end(cleaned.text[p_start:p_end])
        for i in range(p_start + skip, p_end):
            assert i in covered or cleaned.text[i].isspace(), (i, cleaned.text[i])


# --- find_dates --------------------------------------------------------------------------------

DATE_WORDS = st.sampled_from([
    "Monday", "on Tuesday", "last week", "next month", "this year", "in May", "May",
    "Nov. 15", "15 November", "Nov 15-17", "December 16, 2019", "(October 30)", "2023",
    "1999", "since August", "the summer", "more than 3½ years", "3½", "10-hour-long",
    "earlier this month", "yesterday", "tomorrow", "mid-", "end of", "Sept.", "31", "0",
    "February 30", "(", ")", ",", "-", "–", "%", "½", " ", "\n",
])
DATE_TEXTS = st.one_of(
    st.text(CHARACTERS, max_size=200),
    st.lists(st.one_of(DATE_WORDS, st.text(CHARACTERS, max_size=6)), max_size=25).map(" ".join),
)


@SETTINGS
@given(DATE_TEXTS, st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)), st.booleans())
def test_find_dates_never_raises_and_mentions_are_their_span(text, published, forward):
    mentions = find_dates(text, published, forward)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start:mention.end]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
