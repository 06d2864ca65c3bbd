"""Slow: the HTML book builds and holds the corpus chapter with its chart, offline."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.slow


def test_book_holds_the_corpus_chapter(built_book):
    page = built_book / "notebooks" / "01_corpus.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "The corpus" in html and "What cleaning removed" in html


def test_corpus_chapter_embeds_its_chart_with_a_description(built_book):
    html = (built_book / "notebooks" / "01_corpus.html").read_text(encoding="utf-8")
    assert 'id="tt-chart-removals-by-rule"' in html
    assert "vegaEmbed(" in html and 'role="img"' in html


def test_book_pages_load_no_script_from_another_host(built_book):
    for page in built_book.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", html), page.name


def test_vega_bundle_ships_with_the_book(built_book):
    assert (built_book / "_static" / "vega-bundle.js").stat().st_size > 100_000
