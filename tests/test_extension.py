"""Slow: an author adds articles to seeds/ of a copy of the repository; the book's counts,
charts and tables follow with no code or prose edited, and hostile article text stays
inert text in the HTML and the PDF."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import ROOT, glued_values

pytestmark = pytest.mark.slow

LIVE_MARKUP = [
    "<script>alert", "</script><script>", "<img src=x onerror", 'href="javascript:',
    "onerror=alert(1)>", "<b>Outlet</b>",
]


def test_adding_articles_changes_the_summary_counts(extended_copy):
    before = glued_values(ROOT, "01_summary")
    after = glued_values(extended_copy, "01_summary")
    assert int(after["n_articles"]) == int(before["n_articles"]) + 2
    assert int(after["n_meetings"]) > int(before["n_meetings"])
    assert int(after["n_mentions"]) > int(before["n_mentions"])


def test_adding_articles_changes_the_charts(extended_copy):
    page = extended_copy / "_build" / "html" / "notebooks" / "02_meetings.html"
    html = page.read_text(encoding="utf-8")
    assert "2025-03-12" in html  # the sixth article's meeting, on the timeline
    original = (ROOT / "_build" / "html" / "notebooks" / "02_meetings.html").read_text(
        encoding="utf-8")
    assert "2025-03-12" not in original


def test_no_code_or_prose_was_edited_in_the_copy(extended_copy):
    tracked = subprocess.run(["git", "ls-files", "tradetalks", "notebooks", "book"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        if name == "book/references.bib":
            continue  # generated from the manifest by `make bib`
        assert (extended_copy / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_hostile_text_is_inert_in_the_html(extended_copy):
    html_root = extended_copy / "_build" / "html"
    hits = []
    for page in html_root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        hits += [(page.name, marker) for marker in LIVE_MARKUP if marker in text]
    assert not hits, hits


def test_hostile_text_reaches_the_book_as_text(extended_copy):
    corpus = (extended_copy / "_build" / "html" / "notebooks" / "05_corpus.html").read_text(
        encoding="utf-8")
    assert "Hostile &lt;b&gt;Outlet&lt;/b&gt;" in corpus or \
        "Hostile \\u003cb\\u003eOutlet" in corpus


def test_hostile_text_is_inert_in_the_pdf_source(extended_pdf):
    tex = (extended_pdf.parent / "talking-trade.tex").read_text(encoding="utf-8")
    assert "<script" not in tex and "<img" not in tex
    assert re.search(r"\[U\+7FD2\]", tex)  # CJK made visible as a code, not typeset
    assert extended_pdf.stat().st_size > 10_000
