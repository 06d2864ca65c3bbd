"""Slow: the PDF builds, holds every chapter title and at least one image per chart."""

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
        titles.append(re.search(r'"# ([^"\\]+)', source).group(1).strip())
    return titles


def chart_count() -> int:
    return sum((ROOT / "notebooks" / f"{c}.md").read_text(encoding="utf-8")
               .count("chart_output(") for c in CHAPTERS)


def test_pdf_holds_every_chapter_title(built_pdf):
    text = subprocess.run(["pdftotext", str(built_pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split()).lower()
    for title in chapter_titles():
        assert " ".join(title.split()).lower() in flat, title


def test_pdf_holds_an_image_per_chart(built_pdf):
    listing = subprocess.run(["pdfimages", "-list", str(built_pdf)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    images = [line for line in listing if line.split()[2] == "image"]
    assert len(images) >= chart_count() >= 5
