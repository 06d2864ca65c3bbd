"""Slow: the PDF builds with the book's structure (parts, a titled contents page, a headed
introduction, numbered captions), sets the symbols pdflatex can set, and no table runs
into the margin or the next column."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import ROOT
from tests.test_book_build import CHAPTERS

pytestmark = pytest.mark.slow


def chapter_titles() -> list[str]:
    titles = []
    for chapter in CHAPTERS:
        source = (ROOT / "notebooks" / f"{chapter}.md").read_text(encoding="utf-8")
        body = source.split("\n---\n", 1)[1]  # after the front matter (its YAML comments)
        titles.append(re.search(r"^# (.+)$", body, flags=re.M).group(1).strip())
    return titles


def chart_count() -> int:
    return sum((ROOT / "notebooks" / f"{c}.md").read_text(encoding="utf-8")
               .count("chart_output(") for c in CHAPTERS)


@pytest.fixture(scope="module")
def pdf_text(built_pdf) -> str:
    return subprocess.run(["pdftotext", str(built_pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_pdf_holds_every_chapter_title(pdf_text):
    flat = " ".join(pdf_text.split()).lower()
    for title in chapter_titles():
        assert " ".join(title.split()).lower() in flat, title


def test_pdf_holds_an_image_per_chart(built_pdf):
    listing = subprocess.run(["pdfimages", "-list", str(built_pdf)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    images = [line for line in listing if line.split()[2] == "image"]
    assert len(images) >= chart_count() >= 5


def test_pdf_has_the_books_parts(pdf_text):
    lines = [line.strip() for line in pdf_text.splitlines()]
    for part in ("Findings", "Data and methods", "Appendix"):
        assert part in lines, part


def test_pdf_contents_page_is_titled_contents(pdf_text):
    assert "contents" in [line.strip().lower() for line in pdf_text.splitlines()[:40]]


def test_pdf_introduction_has_a_heading_before_the_first_part(pdf_text):
    pages = pdf_text.split("\f")
    first_part = next(i for i, page in enumerate(pages[2:], start=2)
                      if re.search(r"^Findings$", page, flags=re.M))
    assert any(re.search(r"^Introduction$", page, flags=re.M) for page in pages[2:first_part])


def test_pdf_title_page_gives_version_and_build_date(pdf_text):
    first_page = pdf_text.split("\f")[0]
    assert re.search(r"Release \d+\.\d+", first_page)
    assert re.search(r"\d{4}-\d{2}-\d{2}", first_page)


def test_pdf_figures_and_tables_have_numbered_captions(pdf_text):
    assert re.search(r"Fig\. \d+(\.\d+)?: ", pdf_text) or re.search(r"Figure \d+", pdf_text)
    assert re.search(r"Table \d+(\.\d+)?: ", pdf_text)


def test_pdf_sets_symbols_instead_of_code_point_labels(pdf_text):
    assert not re.search(r"\[U\+(2260|219[0-9A-F]|21D[0-9A-F]|25[0-9A-F]{2})\]", pdf_text)


def test_no_table_overfills_its_box_by_more_than_10pt(built_pdf):
    tex = (built_pdf.parent / "talking-trade.tex").read_text(encoding="utf-8").splitlines()
    log = (built_pdf.parent / "talking-trade.log").read_text(encoding="latin-1")
    tables, inside = set(), False
    for number, line in enumerate(tex, start=1):
        if re.match(r"\\begin\{(longtable|tabulary|tabular)", line):
            inside = True
        if inside:
            tables.add(number)
        if re.match(r"\\end\{(longtable|tabulary|tabular)", line):
            inside = False
    wide = [(float(points), int(first)) for points, first in
            re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\) [^\n]*?at lines (\d+)--", log)
            if float(points) > 10 and int(first) in tables]
    assert wide == []
