"""The bibliography file keeps the articles' text as written: CJK stays CJK in
references.bib (and so in the HTML book); only the LaTeX output replaces it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tradetalks.ingest.corpus import Article, Corpus
from tradetalks.publish.bibliography import bibtex


def corpus_with_title(title: str) -> Corpus:
    article = Article(article_id="a1", file="a1.txt", outlet="\u65e5\u672c\u7d4c\u6e08\u65b0\u805e",
                      url="https://example.org/a1", title=title,
                      published=dt.date(2025, 3, 1), date_basis="manifest", language="en",
                      text="x\n", path=Path("a1.txt"), warnings=())
    return Corpus(folder=Path("."), articles=(article,), warnings=())


def test_cjk_in_the_title_and_outlet_stays_in_the_bibtex_file():
    text = bibtex(corpus_with_title("[\u7fd2\u8fd1\u5e73\u3068\u5cb8\u7530\u304c\u4f1a\u8ac7]"))
    assert "\u7fd2\u8fd1\u5e73\u3068\u5cb8\u7530\u304c\u4f1a\u8ac7" in text
    assert "\u65e5\u672c\u7d4c\u6e08\u65b0\u805e" in text
    assert "[U+" not in text


def test_bibtex_specials_are_still_escaped():
    assert "R\\&D" in bibtex(corpus_with_title("[R&D talks]"))
