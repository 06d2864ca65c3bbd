"""Split cleaned text into sentences with character offsets into it.

spaCy's rule-based ``sentencizer`` on a blank English pipeline does the splitting
(its tokenizer keeps "U.S.", "Nov." and "3½" whole). Sentences never cross paragraph
boundaries. Two repairs: an opening quotation mark that the sentencizer leaves at the
end of one sentence moves to the next, and a leading dateline ("BEIJING — ") is left
out of the sentence span, as the codebook asks of evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language

OPENING_QUOTES = "“‘\"'«"
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{1,40}(,\s*[A-Z][A-Za-z.\- ]{1,30})?\s*(\([^)]{1,40}\))?\s*[—–-]{1,2}\s+"
)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@lru_cache(maxsize=1)
def sentence_pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 20_000_000
    return nlp


def _spans_in_paragraph(paragraph: str) -> list[tuple[int, int]]:
    doc = sentence_pipeline()(paragraph)
    spans = [(s.start_char, s.end_char) for s in doc.sents]
    fixed: list[tuple[int, int]] = []
    carry = None
    for start, end in spans:
        if carry is not None:
            start = carry
            carry = None
        # an opening quote stranded at the end of this span belongs to the next sentence
        stripped_end = end
        while stripped_end > start and paragraph[stripped_end - 1] in OPENING_QUOTES and (
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
    return fixed


def split_sentences(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[Sentence]:
    """Sentences of the cleaned text, numbered from 0 over the whole article."""
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        paragraph = text[p_start:p_end]
        for local_start, local_end in _spans_in_paragraph(paragraph):
            start, end = p_start + local_start, p_start + local_end
            if local_start == 0:
                dateline = DATELINE.match(paragraph)
                if dateline and dateline.end() < local_end:
                    start = p_start + dateline.end()
            while start < end and text[start].isspace():
                start += 1
            sentences.append(Sentence(len(sentences), start, end, text[start:end], p_index))
    return sentences
