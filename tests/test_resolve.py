"""Same-event and merge decisions (tradetalks.resolve) on small hand-made records."""

from __future__ import annotations

import datetime as dt

from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, Mention, Window
from tradetalks.resolve import (
    assign_ids,
    merge_measure,
    merge_measures,
    merge_meeting,
    merge_meetings,
    same_measure,
    same_meeting,
)

DAY = dt.date(2023, 11, 16)


def _window(start: dt.date, end: dt.date | None = None, precision: str = "day") -> Window:
    return Window(start, end or start, precision, start.isoformat())


def _mention(article: str = "a", index: int = 0) -> Mention:
    return Mention(article, index, 0, 10, "Xi met Kishida.", "test", "met")


def meeting(article: str = "a", index: int = 0, published: dt.date = DAY, **fields
            ) -> MeetingRecord:
    values = dict(countries={"CHN", "JPN"}, participants=set(), level="leader",
                  format="bilateral", status="held", window=_window(DAY), location="",
                  occasion="", topics=set(), outcome="not_reported")
    values.update(fields)
    return MeetingRecord([article], published, mentions=[_mention(article, index)], **values)


def measure(article: str = "a", index: int = 0, published: dt.date = DAY, **fields
            ) -> MeasureRecord:
    values = dict(imposer="JPN", targets={"KOR"}, measure_type="export_control",
                  direction="restrictive", products={"photoresist"}, dates={},
                  status="in_force", demands=[])
    values.update(fields)
    return MeasureRecord([article], published, mentions=[_mention(article, index)], **values)


def test_one_meeting_reported_by_two_articles_merges_into_one_event():
    merged = merge_meetings([[meeting("a")], [meeting("b")]])
    assert len(merged) == 1
    assert merged[0].article_ids == ["a", "b"]
    assert [m.mention_id for m in merged[0].mentions] == ["a:0", "b:0"]


def test_meetings_of_other_governments_stay_apart():
    assert not same_meeting(meeting(), meeting(countries={"JPN", "KOR"}))


def test_a_call_is_not_the_in_person_meeting_it_precedes():
    assert not same_meeting(meeting(), meeting(format="phone"))


def test_within_one_article_two_statuses_are_two_meetings():
    assert not same_meeting(meeting(), meeting(status="planned"), same_article=True)
    assert same_meeting(meeting(), meeting(status="planned"), same_article=False)


def test_meetings_in_two_countries_are_two_meetings():
    assert not same_meeting(meeting(location="Tokyo, Japan"),
                            meeting(location="Beijing, China"))


def test_disjoint_named_delegations_are_two_meetings():
    assert not same_meeting(meeting(participants={"Wang Wentao"}),
                            meeting(participants={"Ryosei Akazawa"}))


def test_a_later_article_sets_the_status_and_the_narrowest_date_wins():
    planned = meeting("a", status="planned", window=_window(dt.date(2023, 11, 13),
                                                            dt.date(2023, 11, 19), "week"))
    held = meeting("b", published=DAY + dt.timedelta(days=1))
    merge_meeting(planned, held)
    assert planned.status == "held"
    assert planned.window.start == planned.window.end == DAY


def test_merging_keeps_the_highest_level_and_the_strongest_outcome():
    into = meeting(level="minister", outcome="concerns_raised")
    merge_meeting(into, meeting("b", level="leader", outcome="agreement"))
    assert (into.level, into.outcome) == ("leader", "agreement")
    merge_meeting(into, meeting("c", level="working_level", outcome="not_reported"))
    assert (into.level, into.outcome) == ("leader", "agreement")


def test_a_repeated_mention_is_kept_once():
    into = meeting("a", 3)
    merge_meeting(into, meeting("a", 3))
    assert [m.mention_id for m in into.mentions] == ["a:3"]


def test_measures_on_one_product_family_merge():
    a = measure(products={"photoresist"})
    b = measure("b", products={"semiconductor_materials"})
    assert same_measure(a, b)
    assert len(merge_measures([[a], [b]])) == 1


def test_measures_aimed_at_disjoint_targets_are_two_measures():
    assert not same_measure(measure(targets={"KOR"}), measure(targets={"CHN"}))


def test_a_reimposition_years_later_is_its_own_measure():
    first = measure(dates={"in_force": _window(dt.date(2019, 7, 4))})
    again = measure("b", dates={"in_force": _window(dt.date(2024, 1, 1))})
    assert not same_measure(first, again)


def test_a_lifting_in_a_later_article_makes_the_measure_liberalising():
    into = measure()
    merge_measure(into, measure("b", published=DAY + dt.timedelta(days=30), status="lifted"))
    assert (into.status, into.direction) == ("lifted", "liberalising")


def test_a_specific_target_replaces_all_destinations():
    into = measure(targets={"WLD"})
    merge_measure(into, measure("b", targets={"KOR"}))
    assert into.targets == {"KOR"}


def test_event_ids_come_from_the_first_mention_and_survive_a_refined_date():
    first, second = meeting("a", 1), meeting("b", 2, participants={"x"})
    ids, _ = assign_ids([second, first], [])
    assert len({i for i, _ in ids}) == 2
    assert all(i.startswith("mtg-") for i, _ in ids)
    refined = meeting("a", 1, window=_window(DAY - dt.timedelta(days=1)))
    again, _ = assign_ids([refined], [])
    assert again[0][0] == dict((id(m), i) for i, m in ids)[id(first)]


def test_records_one_article_kept_apart_are_not_merged_through_another_article():
    # article "a" reports a held meeting and a planned one of the same pair; an event from
    # article "b" that matches the first must not pull the second into it
    held = meeting("b", participants={"Wang Yi"}, window=None)
    first = meeting("a", participants={"Wang Yi"}, window=None)
    planned = meeting("a", 1, status="planned", participants={"Wang Yi"}, window=None)
    merged = merge_meetings([[held], [first, planned]])
    assert len(merged) == 2
