"""Slow: every chapter opens in headless Chromium from ``file://`` (as the README says to
open the book) with the network off: no table is stuck loading, every chart draws, no
console error, and every table's header cells lie inside a 1280 px window."""

from __future__ import annotations

import pytest

from tests.browser import CHROMIUM, open_page
from tests.test_book_build import CHAPTERS

pytestmark = pytest.mark.slow

PROBES = {
    "loading": "document.body.innerText.includes('Loading ITables')",
    "charts": "[...document.querySelectorAll('.tt-chart-canvas')].map(d => [d.id, "
              "d.querySelectorAll('svg path, svg rect, svg circle, svg line').length])",
    "tables": "document.querySelectorAll('table.tt-table').length",
    "interactive": "document.querySelectorAll('table.tt-table.dataTable').length",
    # each header cell's right edge, and the right edge of the text column it must fit in
    "headers": "[...document.querySelectorAll('table.tt-table thead th')].map(th => "
               "[th.innerText, th.getBoundingClientRect().right, "
               "(th.closest('.bd-article') || document.body).getBoundingClientRect().right])",
    "viewport": "document.documentElement.clientWidth",
}

# every table initialised by DataTables and every chart drawn (or a minute passed)
READY = ("[...document.querySelectorAll('table.tt-table')].every(t => "
         "t.classList.contains('dataTable')) && [...document.querySelectorAll("
         "'.tt-chart-canvas')].every(d => d.querySelector('svg'))")


@pytest.fixture(scope="module")
def pages(built_book):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian package: chromium)")
    return {chapter: open_page((built_book / "notebooks" / f"{chapter}.html").as_uri(), PROBES,
                               ready=READY) for chapter in CHAPTERS}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_opened_from_disk_has_no_table_stuck_loading(pages, chapter):
    report = pages[chapter]
    assert report.results["loading"] is False
    assert report.results["interactive"] == report.results["tables"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_opened_from_disk_draws_every_chart(pages, chapter):
    for chart_id, marks in pages[chapter].results["charts"]:
        assert marks > 0, chart_id


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_opened_from_disk_logs_no_console_error(pages, chapter):
    assert pages[chapter].errors == []


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_table_columns_are_visible_without_scrolling_at_1280_px(pages, chapter):
    report = pages[chapter]
    outside = [(name, right) for name, right, column in report.results["headers"]
               if right > min(column, report.results["viewport"]) + 1]
    assert outside == []


def test_chart_chapters_have_their_charts(pages):
    drawn = {chart_id for report in pages.values() for chart_id, _ in report.results["charts"]}
    assert {"tt-chart-meetings-timeline", "tt-chart-meeting-places", "tt-chart-measures-over-time",
            "tt-chart-actor-network", "tt-chart-removals-by-rule"} <= drawn
