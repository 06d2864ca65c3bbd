"""The merge's on-disk store (tradetalks.resolve.store) finds what a scan would find.

The store looks an incoming record up only among events filed under the keys
``same_meeting`` and ``same_measure`` require. These tests merge a few hundred random
records both ways, through the store and by scanning every earlier event in order as the
codebook's rule reads, and compare the merged events field by field, mentions included.
A key that missed an acceptable event, or an order other than the order events were first
kept, shows up as a difference.
"""

from __future__ import annotations

import copy
import datetime as dt
import random

import pytest

from tradetalks import resolve
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, Mention, Window
from tradetalks.resolve import store

START = dt.date(2019, 1, 1)


def _window(rng: random.Random, published: dt.date) -> Window | None:
    kind = rng.choice(["none", "none", "day", "day", "month", "wide"])
    if kind == "none":
        return None
    day = published - dt.timedelta(days=rng.randrange(0, 40))
    if kind == "day":
        return Window(day, day, "day", day.isoformat())
    if kind == "month":
        first = day.replace(day=1)
        return Window(first, first + dt.timedelta(days=27), "month", "in the month")
    return Window(day - dt.timedelta(days=900), day, "year", "in recent years")


def _mentions(rng: random.Random, article: str) -> list[Mention]:
    # a repeated sentence is kept twice in the record that creates an event, once when merged
    indexes = [rng.randrange(0, 6) for _ in range(rng.randrange(1, 4))]
    return [Mention(article, i, 0, 5, f"sentence {i}", "test", "met") for i in indexes]


def _meeting(rng: random.Random, article: str, published: dt.date) -> MeetingRecord:
    return MeetingRecord(
        [article], published, rng.choice([{"CHN", "JPN"}, {"JPN", "KOR"}]),
        set(rng.sample(["Xi", "Kishida", "Yoon", "Wang"], rng.randrange(0, 3))),
        rng.choice(["leader", "minister"]), rng.choice(["bilateral", "phone"]),
        rng.choice(["held", "held", "planned"]), _window(rng, published), "", "", set(),
        "not_reported", mentions=_mentions(rng, article))


DEMANDS = ["KOR urged lifting", "KOR urged lifting, 2019-07-12", "JPN;KOR urged lifting"]


def _measure(rng: random.Random, article: str, published: dt.date) -> MeasureRecord:
    demands = rng.sample(DEMANDS, rng.randrange(0, 3))
    dates = {}
    if rng.random() < 0.5:
        dates["in_force"] = _window(rng, published) or Window(published, published, "day", "")
    if rng.random() < 0.3:
        dates["announced"] = Window(published, published, "day", "")
    return MeasureRecord(
        [article], published, rng.choice(["CHN", "JPN"]), {rng.choice(["KOR", "JPN", "WLD"])},
        "export_control", "restrictive", set(rng.sample(["gallium", "graphite"],
                                                        rng.randrange(1, 3))),
        dates, rng.choice(["announced", "in_force"]), demands,
        demand_sentences={d: rng.randrange(5) for d in demands},
        mentions=_mentions(rng, article))


def _articles(make, seed: int, n: int = 300) -> list[list]:
    rng = random.Random(seed)
    published, articles = START, []
    for i in range(n):
        published += dt.timedelta(days=rng.choice([0, 1, 3, 10, 40]))
        articles.append([make(rng, f"a{i:04d}", published) for _ in range(rng.randrange(0, 5))])
    return articles


def _scan(per_article: list[list], same, merge) -> list:
    """The rule as the codebook states it: each record joins the first earlier event that
    is the same event and holds nothing of the record's article."""
    merged: list = []
    for records in per_article:
        for record in records:
            target = next((m for m in merged if not set(m.article_ids) & set(record.article_ids)
                           and same(m, record)), None)
            if target is None:
                merged.append(record)
            else:
                merge(target, record)
    return merged


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_meetings_merged_through_the_store_equal_a_scan_of_every_earlier_event(seed):
    articles = _articles(_meeting, seed)
    expected = _scan(copy.deepcopy(articles), resolve.same_meeting, resolve.merge_meeting)
    assert resolve.merge_meetings(articles) == expected
    assert len(expected) < sum(map(len, articles))  # some records did merge


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_measures_merged_through_the_store_equal_a_scan_of_every_earlier_event(seed):
    articles = _articles(_measure, seed)
    expected = _scan(copy.deepcopy(articles), resolve.same_measure, resolve.merge_measure)
    assert resolve.merge_measures(articles) == expected
    assert len(expected) < sum(map(len, articles))


def test_a_cache_of_two_events_merges_as_a_large_one(monkeypatch):
    articles = _articles(_meeting, 4)
    expected = resolve.merge_meetings(copy.deepcopy(articles))
    monkeypatch.setattr(store, "CACHED_EVENTS", 2)
    assert resolve.merge_meetings(articles) == expected


def test_the_store_keeps_no_more_events_in_memory_than_its_cache(monkeypatch):
    monkeypatch.setattr(store, "CACHED_EVENTS", 5)
    merger = resolve.meeting_merger()
    for records in _articles(_meeting, 5):
        merger.add(records)
        assert len(merger._store._cache) <= 5
    assert len(merger) > 5


def test_the_store_removes_its_file_when_closed():
    kept = store.EventStore()
    folder = kept._folder.name
    kept.close()
    import os

    assert not os.path.exists(folder)


def test_candidates_come_in_the_order_the_events_were_first_kept():
    kept = store.EventStore()
    for seq, day in ((0, 100), (1, 50)):
        kept._db.execute("INSERT INTO event (seq, body) VALUES (?, ?)", (seq, b""))
        kept.file(seq, store.Keys(("g",), None, False, day))
    assert list(kept.candidates(store.Keys(("g",), None, False, 60), 90)) == [0, 1]
    assert list(kept.candidates(store.Keys(("g",), range(1, 2), True, 60), 90)) == [0, 1]
    kept.close()


def test_the_store_orders_and_names_events_as_assign_ids_does():
    articles = _articles(_meeting, 6)
    for records in articles[::7]:  # an event kept twice from one sentence: ids -2, -3 ...
        records.extend(copy.deepcopy(records))
    merger = resolve.meeting_merger()
    for records in copy.deepcopy(articles):
        merger.add(records)
    merger.finish()
    expected, _ = resolve.assign_ids(resolve.merge_meetings(articles), [])
    assert [(i, m) for i, m in merger.ordered()] == expected
    assert any(i.endswith("-2") for i, _ in expected)


def test_demands_live_in_the_file_and_come_back_with_the_event():
    events = store.EventStore()
    record = _measure(random.Random(1), "a1", START)
    record.demands, record.demand_sentences = ["KOR urged lifting"], {"KOR urged lifting": 3}
    keys = store.Keys(("g",), None, False, START.toordinal())
    seq = events.insert(copy.deepcopy(record), keys)
    assert events.get(seq).demands == []  # the cached copy carries none
    later = copy.deepcopy(record)
    later.demands = ["KOR urged lifting", "JPN;KOR urged lifting"]
    later.demand_sentences = {"KOR urged lifting": 9, "JPN;KOR urged lifting": 1}
    event = events.get(seq)
    resolve.merge_measure_fields(event, later)
    events.take_demands(seq, event)
    events.flush()
    whole = events.whole(seq)
    assert whole.demands == ["KOR urged lifting", "JPN;KOR urged lifting"]
    assert whole.demand_sentences == {"KOR urged lifting": 3, "JPN;KOR urged lifting": 1}
