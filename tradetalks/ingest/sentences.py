"""Split cleaned text into sentences with character offsets into it.

spaCy's rule-based ``sentencizer`` on a blank English pipeline does the splitting
(its tokenizer keeps "U.S.", "Nov." and "3½" whole). Sentences never cross paragraph
boundaries. Two repairs: an opening quotation mark that the sentencizer leaves at the
end of one sentence moves to the next, and a leading dateline ("BEIJING — ") is left
out of the sentence span, as the codebook asks of evidence. A span longer than
``MAX_SENTENCE_CHARS`` (text without sentence punctuation) is cut at a space into pieces,
so that no later rule sees an unbounded "sentence".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

OPENING_QUOTES = "“‘\"'«"
# Characters that open a sentence: the tokenizer may leave them at the end of the one
# before ("... curbs. (The decision ..."); the repair moves them to the next sentence.
OPENERS = OPENING_QUOTES + "(["
_UPPER = "A-ZÀ-ÖØ-Þ"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?")
# A wire dateline: a place in capitals ("SAN FRANCISCO"), optionally a region ("Calif."), a
# date ("Nov 15", "Dec. 16", "15 November") and an agency ("(Reuters)"), then a dash and
# a capitalised word that starts the sentence.
# Whitespace runs are bounded ({0,3}) so that a long run of spaces cannot make the
# optional parts backtrack for long.
DATELINE = re.compile(
    rf"^(?P<place>[{_UPPER}][{_UPPER}.'’\-]{{0,30}}(?: [{_UPPER}][{_UPPER}.'’\-]{{0,30}}){{0,3}})"
    rf"(?:,\s{{0,3}}(?P<region>[A-Z][A-Za-z.\-]{{0,20}}(?: [A-Z][A-Za-z.\-]{{0,20}}){{0,2}}))?"
    rf"(?:,?\s{{0,3}}(?P<date>{_MONTH}\s{{1,3}}\d{{1,2}}(?:,\s{{0,3}}\d{{4}})?"
    rf"|\d{{1,2}}\s{{1,3}}{_MONTH}))?"
    r"\s{0,3}(?P<agency>\([^()\n]{1,40}\))?"
    r"\s{0,3}(?:--|[—–―-]{1,2})\s{1,3}"
    rf"(?=[“\"‘'(]?[{_UPPER}0-9])"
)
DATELINE_MIN_PLACE_LETTERS = 3
# Real sentences are a few hundred characters long (the seeds' longest is about 300); a
# longer span (text without sentence punctuation) is cut into pieces of at most this many.
MAX_SENTENCE_CHARS = 1000
# Longer runs of non-space characters are masked before tokenising (see _for_tokenizer).
MAX_TOKEN_CHARS = 40
_LONG_CHUNK = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
_CHUNK_END = re.compile(r"[.!?…\"'”’)\]]{0,4}$")


def dateline_end(paragraph: str) -> int:
    """Length of a leading dateline ("TOKYO, Nov 15 (Reuters) - "), 0 if there is none.

    The capitals must be a place-like word of three or more letters or come with an
    agency in brackets, so an acronym that opens a sentence ("AI — and the chips ...") is
    not a dateline.
    """
    match = DATELINE.match(paragraph)
    if match is None:
        return 0
    letters = sum(c.isalpha() for c in match["place"])
    if letters < DATELINE_MIN_PLACE_LETTERS and not match["agency"]:
        return 0
    return match.end()


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@lru_cache(maxsize=1)
def sentence_pipeline() -> Language:
    """Imported here, not with the module: a run's main process that only merges and
    writes (``--jobs`` 2 or more) never loads spaCy, and the processes forked from it
    are that much smaller."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 20_000_000
    return nlp


def _for_tokenizer(paragraph: str) -> str:
    """The paragraph with every run of more than MAX_TOKEN_CHARS non-space characters
    replaced by as many letters ("x"), but for a short final punctuation run that may end a
    sentence. spaCy's tokenizer splits punctuation off a token one character at a time, so
    a long run of quotes or brackets takes time quadratic in its length. The masked text
    has the paragraph's offsets, and no sentence ends inside such a run."""

    def mask(match: re.Match[str]) -> str:
        chunk = match.group()
        keep = len(_CHUNK_END.search(chunk).group())
        return "x" * (len(chunk) - keep) + chunk[len(chunk) - keep:]

    return _LONG_CHUNK.sub(mask, paragraph)


# paragraphs whose sentence spans are remembered: a set's articles are split twice when
# the book builds (the extraction, then the keyword baseline it is scored against), and
# splitting is the dearest step of both; a web page's repeated paragraphs are split once
SPLIT_MEMO = 2048


@lru_cache(maxsize=SPLIT_MEMO)
def _spans_in_paragraph(paragraph: str) -> tuple[tuple[int, int], ...]:
    doc = sentence_pipeline()(_for_tokenizer(paragraph))
    spans = [(s.start_char, s.end_char) for s in doc.sents]
    fixed: list[tuple[int, int]] = []
    carry = None
    for start, end in spans:
        if carry is not None:
            start = carry
            carry = None
        # an opening quote or bracket stranded at the end of this span belongs to the next
        # sentence
        stripped_end = end
        while stripped_end > start and paragraph[stripped_end - 1] in OPENERS and (
            stripped_end - 1 == start or paragraph[stripped_end - 2].isspace()
        ):
            stripped_end -= 1
        if stripped_end < end:
            carry = stripped_end
            end = stripped_end
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if end > start:
            fixed.append((start, end))
    if carry is not None and carry < len(paragraph):
        fixed.append((carry, len(paragraph.rstrip())))
    return tuple(piece for start, end in fixed for piece in _cap_length(paragraph, start, end))


def _cap_length(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE_CHARS at the last space before the limit (or at
    the limit when there is none): text without sentence punctuation is not one sentence,
    and the later rules, which look at one sentence at a time, need bounded input."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        for i in range(limit, start + MAX_SENTENCE_CHARS // 2, -1):
            if paragraph[i].isspace():
                cut = i
                break
        piece_end = cut
        while piece_end > start and paragraph[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            pieces.append((start, piece_end))
        start = cut
        while start < end and paragraph[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def split_sentences(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[Sentence]:
    """Sentences of the cleaned text, numbered from 0 over the whole article."""
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        paragraph = text[p_start:p_end]
        for local_start, local_end in _spans_in_paragraph(paragraph):
            start, end = p_start + local_start, p_start + local_end
            if local_start == 0:
                skip = dateline_end(paragraph)
                if 0 < skip < local_end:
                    start = p_start + skip
            while start < end and text[start].isspace():
                start += 1
            sentences.append(Sentence(len(sentences), start, end, text[start:end], p_index))
    return sentences


def blanked(text: str, *spans: tuple[int, int]) -> str:
    """``text`` with the characters of each span replaced by spaces: the rules read part of
    a sentence while every offset stays the sentence's."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def only(text: str, start: int, end: int) -> str:
    """``text`` with everything outside ``start:end`` blanked (see :func:`blanked`)."""
    return blanked(text, (0, start), (end, len(text)))
