"""Slow: the HTML book builds, holds every chapter with its charts, and loads nothing
from another host."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, glued_values

pytestmark = pytest.mark.slow

CHAPTERS = ["01_summary", "02_meetings", "03_measures", "04_actors", "05_corpus",
            "06_methods", "07_appendix"]
GLUE_USE = re.compile(r"\{glue(?::text|:any|)\}`([^`]+)`")


def test_book_holds_the_corpus_chapter(built_book):
    html = (built_book / "notebooks" / "05_corpus.html").read_text(encoding="utf-8")
    assert "The corpus" in html and "What cleaning removed" in html


def test_every_chapter_page_is_built(built_book):
    for chapter in CHAPTERS:
        assert (built_book / "notebooks" / f"{chapter}.html").is_file(), chapter
    assert (built_book / "book" / "references.html").is_file()


def test_corpus_chapter_embeds_its_chart_with_a_description(built_book):
    html = (built_book / "notebooks" / "05_corpus.html").read_text(encoding="utf-8")
    assert 'id="tt-chart-removals-by-rule"' in html
    assert "vegaEmbed(" in html and 'role="img"' in html and "aria-label=" in html


def test_book_pages_load_no_script_from_another_host(built_book):
    for page in built_book.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", html), page.name
        assert not re.search(r"<link[^>]+href=\"(https?:)?//[^\"]+\.css", html), page.name


def _scripts(html: str) -> list[str]:
    """Each script's source, without the cache-busting query Sphinx adds."""
    return [src.split("?")[0] for src in re.findall(r'<script[^>]+src="([^"]+)"', html)]


def test_every_chart_page_loads_the_vega_library_as_one_static_file(built_book):
    """Pages share the libraries (a browser caches them once) instead of each carrying
    its own copy; the files are the book's, so the pages still work offline."""
    pages = 0
    for chapter in CHAPTERS:
        html = (built_book / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")
        if "vegaEmbed(" not in html:
            continue
        pages += 1
        assert [s for s in _scripts(html) if "tt-vega.js" in s] == ["../_static/tt-vega.js"]
        assert "if (!window.vegaEmbed)" not in html, chapter  # not inlined as well
    assert pages >= 4
    assert (built_book / "_static" / "tt-vega.js").stat().st_size > 100_000


def test_each_table_page_loads_the_datatables_library_as_one_static_file(built_book):
    pages = 0
    for chapter in CHAPTERS:
        html = (built_book / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")
        if "new ITable(" not in html:
            continue
        pages += 1
        assert [s for s in _scripts(html) if "tt-datatables" in s] == \
            ["../_static/tt-datatables.js"], chapter
        assert "injectModule(" not in html, chapter  # itables' inline loader left out
    assert pages >= 4


def test_no_chapter_page_weighs_more_than_half_a_megabyte(built_book):
    for page in (built_book / "notebooks").glob("*.html"):
        assert page.stat().st_size < 500_000, page.name


def test_a_page_without_charts_or_tables_loads_neither_library(built_book):
    html = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert not [s for s in _scripts(html) if "tt-vega" in s or "tt-datatables" in s]


def test_every_glue_key_used_in_the_prose_is_defined(built_book):
    for chapter in CHAPTERS:
        source = (ROOT / "notebooks" / f"{chapter}.md").read_text(encoding="utf-8")
        used = set(GLUE_USE.findall(source))
        defined = set(glued_values(ROOT, chapter))
        assert used <= defined, (chapter, sorted(used - defined))


def test_no_glue_role_is_left_unrendered(built_book):
    for chapter in CHAPTERS:
        html = (built_book / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")
        assert "{glue" not in html, chapter


def test_appendix_downloads_are_in_the_book(built_book):
    downloads = list((built_book / "_downloads").rglob("*.csv"))
    names = {p.name for p in downloads}
    assert {"meetings.csv", "measures.csv", "mentions.csv", "quotes.csv"} <= names
    assert list((built_book / "_downloads").rglob("datapackage.json"))


def test_footer_shows_the_source_version_not_an_install_record(built_book):
    # an editable install keeps the version it was installed with; the footer must show
    # the version of the source that was built
    from tradetalks import __version__

    page = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert f"Version {__version__}," in page


def test_the_pre_execution_reads_each_chapter_under_myst_nb_s_cache_key(built_book):
    # `make prepare` runs the notebooks side by side and caches them; Jupyter Book finds
    # them only if both read a chapter into the same code cells and kernel
    from tradetalks.build.preexecute import chapter_paths, missing

    assert missing(chapter_paths(ROOT), ROOT / "_build" / ".jupyter_cache") == []
