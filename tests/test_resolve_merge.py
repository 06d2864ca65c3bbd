"""Same-event decisions across articles (tradetalks/resolve.py)."""

from __future__ import annotations

import datetime as dt

from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, Window
from tradetalks.resolve import merge_measures, merge_meetings


def meeting(article: str, published: dt.date, window: Window | None = None) -> MeetingRecord:
    return MeetingRecord(article_ids=[article], published=published, countries={"CHN", "JPN"},
                         participants=set(), level="leader", format="bilateral",
                         status="held", window=window, location="", occasion="",
                         topics=set(), outcome="not_reported")


def measure(article: str, published: dt.date, dates: dict | None = None) -> MeasureRecord:
    return MeasureRecord(article_ids=[article], published=published, imposer="CHN",
                         targets={"JPN"}, measure_type="import_ban", direction="restrictive",
                         products={"seafood"}, dates=dates or {}, status="in_force",
                         demands=[])


def test_undated_meetings_published_years_apart_are_two_meetings():
    merged = merge_meetings([[meeting("a", dt.date(2019, 6, 1))],
                             [meeting("b", dt.date(2023, 6, 1))]])
    assert len(merged) == 2


def test_undated_meetings_published_within_90_days_merge_and_keep_both_sources():
    merged = merge_meetings([[meeting("a", dt.date(2023, 6, 1))],
                             [meeting("b", dt.date(2023, 7, 1))]])
    assert [m.article_ids for m in merged] == [["a", "b"]]


def test_dated_meetings_merge_by_their_dates_whatever_the_publication_gap():
    day = Window(dt.date(2023, 11, 16), dt.date(2023, 11, 16), "day", "Nov. 16")
    merged = merge_meetings([[meeting("a", dt.date(2023, 11, 17), day)],
                             [meeting("b", dt.date(2024, 6, 1), day)]])
    assert [m.article_ids for m in merged] == [["a", "b"]]


def test_undated_measures_published_more_than_90_days_apart_are_not_merged():
    merged = merge_measures([[measure("a", dt.date(2019, 6, 1))],
                             [measure("b", dt.date(2020, 6, 1))]])
    assert len(merged) == 2


def test_a_merged_measure_keeps_every_source():
    merged = merge_measures([[measure("a", dt.date(2023, 8, 24))],
                             [measure("b", dt.date(2023, 9, 1))],
                             [measure("c", dt.date(2023, 10, 1))]])
    assert [m.article_ids for m in merged] == [["a", "b", "c"]]
