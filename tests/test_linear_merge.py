"""Merging stays linear: four times the input takes at most five times as long.

The two cases the issue measured as quadratic: one meeting reported in thousands of
sentences (every mention merges into one record) and thousands of articles that each
report a distinct meeting or measure (each record is looked up among all earlier ones).
Times are compared with each other, never with a wall-clock bound; each is the best of
three runs, so a busy machine slows both sizes alike, and is taken with the garbage
collector paused (collected before each run): its full collections cost time in
proportion to every live object of the test process, which is not the merge's work.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable

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


def _best_of_three(work: Callable[[int], object], n: int) -> float:
    times = []
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            work(n)
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return min(times)


def _assert_linear(work: Callable[[int], object], n: int) -> None:
    small, large = _best_of_three(work, n), _best_of_three(work, 4 * n)
    assert large < 5 * small, f"{n}: {small:.3f} s, {4 * n}: {large:.3f} s"


def _one_meeting_in_many_sentences(n: int) -> MeetingRecord:
    """What the meeting rules do within one article: each sentence's record merges into
    the meeting already found."""
    meetings: list[MeetingRecord] = []
    for i in range(n):
        record = _meeting("a1", i, None)
        same = next((m for m in reversed(meetings) if same_meeting(m, record, True)), None)
        if same is None:
            meetings.append(record)
        else:
            merge_meeting(same, record)
    return meetings[0]


def _distinct_meetings(n: int) -> list:
    return merge_meetings([[_meeting(f"a{i:06d}", 0, BASE_DAY + dt.timedelta(days=i))]
                           for i in range(n)])


def _distinct_measures(n: int) -> list:
    return merge_measures([[_measure(f"a{i:06d}", BASE_DAY + dt.timedelta(days=3 * i))]
                           for i in range(n)])


def test_one_meeting_in_many_sentences_keeps_every_mention_once():
    meeting = _one_meeting_in_many_sentences(300)
    assert len(meeting.mentions) == 300 and meeting.article_ids == ["a1"]


def test_one_meeting_in_many_sentences_merges_in_linear_time():
    _assert_linear(_one_meeting_in_many_sentences, 5_000)


def test_distinct_meetings_stay_distinct():
    assert len(_distinct_meetings(200)) == 200


def test_distinct_meetings_across_articles_merge_in_linear_time():
    _assert_linear(_distinct_meetings, 2_500)


def test_distinct_measures_across_articles_merge_in_linear_time():
    _assert_linear(_distinct_measures, 2_500)


def test_a_meeting_reported_in_many_articles_merges_in_linear_time():
    day = BASE_DAY

    def same_meeting_everywhere(n: int) -> list:
        return merge_meetings([[_meeting(f"a{i:06d}", 0, day)] for i in range(n)])

    assert len(same_meeting_everywhere(50)) == 1
    _assert_linear(same_meeting_everywhere, 2_500)


def test_an_undated_mention_still_joins_a_dated_meeting():
    dated, undated = _meeting("a1", 0, BASE_DAY), _meeting("a2", 0, None)
    merged = merge_meetings([[dated], [undated]])
    assert len(merged) == 1 and merged[0].article_ids == ["a1", "a2"]


def test_a_wide_window_still_joins_a_day_inside_it():
    wide = _meeting("a1", 0, None)
    wide.window = Window(dt.date(2019, 1, 1), dt.date(2022, 12, 31), "window", "2019-2022")
    merged = merge_meetings([[wide], [_meeting("a2", 0, dt.date(2021, 6, 1))]])
    assert len(merged) == 1
