"""Merging stays linear: four times the input takes at most five times as long.

The two cases the issue measured as quadratic: one meeting reported in thousands of
sentences (every mention merges into one record) and thousands of articles that each
report a distinct meeting or measure (each record is looked up among all earlier ones).
Times are compared with each other, never with a wall-clock bound. Each is this process's
CPU time, the best of seven runs, taken with the garbage collector paused (collected
before each run): its full collections cost time in proportion to every live object of
the test process, which is not the merge's work. The timed tests take over 10 s each
on a busy machine and are marked slow; the fast suite counts the comparisons instead
(deterministic: 4x the articles, at most 5x the ``same_*`` calls).
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable

import pytest

from tradetalks import resolve
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, Mention, Window
from tradetalks.resolve import merge_measures, merge_meeting, merge_meetings, same_meeting

BASE_DAY = dt.date(2019, 1, 1)


def _meeting(article_id: str, index: int, day: dt.date | None) -> MeetingRecord:
    window = Window(day, day, "day", day.isoformat()) if day else None
    record = MeetingRecord(
        article_ids=[article_id], published=BASE_DAY, countries={"CHN", "JPN"},
        participants=set(), level="working_level", format="bilateral", status="held",
        window=window, location="", occasion="", topics=set(), outcome="not_reported")
    record.mentions.append(Mention(article_id, index, 0, 10, "Japan held talks with China.",
                                   "meeting_trigger", "held talks"))
    return record


def _measure(article_id: str, day: dt.date) -> MeasureRecord:
    record = MeasureRecord(
        article_ids=[article_id], published=BASE_DAY, imposer="CHN", targets={"JPN"},
        measure_type="export_control", direction="restrict", products={"gallium"},
        dates={"in_force": Window(day, day, "day", day.isoformat())}, status="in_force",
        demands=[])
    record.mentions.append(Mention(article_id, 0, 0, 10, "China imposed controls.",
                                   "measure:export_control", "controls"))
    return record


def _cpu_seconds(work: Callable[[list], object], make: Callable[[int], list], n: int) -> float:
    records = make(n)  # built before the clock starts: only the merge is timed
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        work(records)
        return time.process_time() - started
    finally:
        gc.enable()


def _assert_linear(work: Callable[[list], object], make: Callable[[int], list],
                   n: int) -> None:
    """CPU time of this process (other processes on a busy machine do not count), the
    best of five runs of each size, taken in turn. The base size grows until one run takes
    a tenth of a second, so clock granularity and cache effects do not decide the ratio;
    up to three rounds are measured and one within the bound passes. A quadratic step
    gives about 16x every round and never passes."""
    while _cpu_seconds(work, make, n) < 0.1 and n < 200_000:
        n *= 2
    ratios = []
    for _ in range(3):
        small, large = [], []
        for _ in range(5):
            small.append(_cpu_seconds(work, make, n))
            large.append(_cpu_seconds(work, make, 4 * n))
        ratios.append(min(large) / min(small))
        if ratios[-1] < 5:
            return
    raise AssertionError(f"4x the input ({n} -> {4 * n}) took {ratios} times as long")


def _sentences_of_one_meeting(n: int) -> list[MeetingRecord]:
    return [_meeting("a1", i, None) for i in range(n)]


def _merge_within_article(records: list[MeetingRecord]) -> MeetingRecord:
    """What the meeting rules do within one article: each sentence's record merges into
    the meeting already found."""
    meetings: list[MeetingRecord] = []
    for record in records:
        same = next((m for m in reversed(meetings) if same_meeting(m, record, True)), None)
        if same is None:
            meetings.append(record)
        else:
            merge_meeting(same, record)
    return meetings[0]


def _one_meeting_in_many_sentences(n: int) -> MeetingRecord:
    return _merge_within_article(_sentences_of_one_meeting(n))


def _articles_of_distinct_meetings(n: int) -> list[list[MeetingRecord]]:
    return [[_meeting(f"a{i:06d}", 0, BASE_DAY + dt.timedelta(days=i))] for i in range(n)]


def _articles_of_distinct_measures(n: int) -> list[list[MeasureRecord]]:
    return [[_measure(f"a{i:06d}", BASE_DAY + dt.timedelta(days=3 * i))] for i in range(n)]


def _articles_of_one_meeting(n: int) -> list[list[MeetingRecord]]:
    return [[_meeting(f"a{i:06d}", 0, BASE_DAY)] for i in range(n)]


def _distinct_meetings(n: int) -> list:
    return merge_meetings(_articles_of_distinct_meetings(n))


def _distinct_measures(n: int) -> list:
    return merge_measures(_articles_of_distinct_measures(n))


def test_one_meeting_in_many_sentences_keeps_every_mention_once():
    meeting = _one_meeting_in_many_sentences(300)
    assert len(meeting.mentions) == 300 and meeting.article_ids == ["a1"]


@pytest.mark.slow
def test_one_meeting_in_many_sentences_merges_in_linear_time():
    _assert_linear(_merge_within_article, _sentences_of_one_meeting, 5_000)


def test_distinct_meetings_stay_distinct():
    assert len(_distinct_meetings(200)) == 200


@pytest.mark.slow
def test_distinct_meetings_across_articles_merge_in_linear_time():
    _assert_linear(merge_meetings, _articles_of_distinct_meetings, 2_500)


@pytest.mark.slow
def test_distinct_measures_across_articles_merge_in_linear_time():
    _assert_linear(merge_measures, _articles_of_distinct_measures, 2_500)


@pytest.mark.slow
def test_a_meeting_reported_in_many_articles_merges_in_linear_time():
    assert len(merge_meetings(_articles_of_one_meeting(50))) == 1
    _assert_linear(merge_meetings, _articles_of_one_meeting, 2_500)


def test_an_undated_mention_still_joins_a_dated_meeting():
    dated, undated = _meeting("a1", 0, BASE_DAY), _meeting("a2", 0, None)
    merged = merge_meetings([[dated], [undated]])
    assert len(merged) == 1 and merged[0].article_ids == ["a1", "a2"]


def test_a_wide_window_still_joins_a_day_inside_it():
    wide = _meeting("a1", 0, None)
    wide.window = Window(dt.date(2019, 1, 1), dt.date(2022, 12, 31), "window", "2019-2022")
    merged = merge_meetings([[wide], [_meeting("a2", 0, dt.date(2021, 6, 1))]])
    assert len(merged) == 1


def _comparisons(monkeypatch, name: str, work: Callable[[list], object], records: list) -> int:
    """How many times ``resolve.<name>`` (same_meeting or same_measure) is asked."""
    real = getattr(resolve, name)
    calls = [0]

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(resolve, name, counted)
    work(records)
    monkeypatch.setattr(resolve, name, real)
    return calls[0]


def test_distinct_meetings_are_compared_with_a_bounded_number_of_earlier_ones(monkeypatch):
    small = _comparisons(monkeypatch, "same_meeting", merge_meetings,
                         _articles_of_distinct_meetings(1_000))
    large = _comparisons(monkeypatch, "same_meeting", merge_meetings,
                         _articles_of_distinct_meetings(4_000))
    assert large <= 5 * small and large <= 10 * 4_000, (small, large)


def test_distinct_measures_are_compared_with_a_bounded_number_of_earlier_ones(monkeypatch):
    small = _comparisons(monkeypatch, "same_measure", merge_measures,
                         _articles_of_distinct_measures(1_000))
    large = _comparisons(monkeypatch, "same_measure", merge_measures,
                         _articles_of_distinct_measures(4_000))
    assert large <= 5 * small and large <= 10 * 4_000, (small, large)


def test_one_meeting_reported_in_many_articles_is_compared_once_per_article(monkeypatch):
    calls = _comparisons(monkeypatch, "same_meeting", merge_meetings,
                         _articles_of_one_meeting(4_000))
    assert calls == 4_000 - 1
