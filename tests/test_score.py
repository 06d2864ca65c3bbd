"""The scorer that makes the report's headline numbers, on small hand-made rows."""

from __future__ import annotations

import csv
from pathlib import Path

from tradetalks.evaluation.score import (
    evaluate_predictions,
    measure_date_exact,
    measures_match,
    meeting_date_exact,
    meetings_match,
)

MEETING = {"countries": "CHN;JPN", "participants": "", "status": "held",
           "date_start": "2023-11-16", "date_end": "2023-11-16"}
MEASURE = {"imposer": "JPN", "measure_type": "export_control", "products": "photoresist"}


def test_meetings_with_the_same_countries_and_overlapping_dates_match():
    week = {**MEETING, "date_start": "2023-11-13", "date_end": "2023-11-19"}
    assert meetings_match(MEETING, week)


def test_meetings_of_other_governments_do_not_match():
    assert not meetings_match(MEETING, {**MEETING, "countries": "JPN;KOR"})


def test_dated_meetings_on_disjoint_days_do_not_match():
    assert not meetings_match(MEETING, {**MEETING, "date_start": "2023-11-18",
                                        "date_end": "2023-11-18"})


def test_an_undated_meeting_matches_through_a_shared_participant():
    pred = {**MEETING, "date_start": "", "date_end": "", "participants": "Xi Jinping"}
    gold = {**MEETING, "participants": "Fumio Kishida;Xi Jinping"}
    assert meetings_match(pred, gold)


def test_undated_meetings_without_people_match_only_on_the_same_status():
    pred = {**MEETING, "date_start": "", "date_end": ""}
    assert meetings_match(pred, {**pred, "status": "held"})
    assert not meetings_match(pred, {**pred, "status": "planned"})


def test_measures_match_across_a_product_family():
    gold = {**MEASURE, "products": "semiconductor_materials"}
    assert measures_match(MEASURE, gold)  # photoresist belongs to semiconductor_materials


def test_measures_match_across_a_type_family():
    assert measures_match(MEASURE, {**MEASURE, "measure_type": "export_ban"})


def test_measures_of_another_imposer_do_not_match():
    assert not measures_match(MEASURE, {**MEASURE, "imposer": "CHN"})


def test_measures_on_unrelated_products_do_not_match():
    assert not measures_match(MEASURE, {**MEASURE, "products": "seafood"})


def test_a_meeting_date_inside_the_gold_window_is_exact():
    gold = {**MEETING, "date_start": "2023-11-15", "date_end": "2023-11-17"}
    assert meeting_date_exact(MEETING, gold)
    assert not meeting_date_exact(gold, MEETING)


def test_a_month_is_not_exact_for_a_day():
    pred = {**MEASURE, "in_force": "2019-07"}
    assert not measure_date_exact(pred, {**MEASURE, "in_force": "2019-07-04"})
    assert measure_date_exact({**MEASURE, "in_force": "2019-07-04"},
                              {**MEASURE, "in_force": "2019-07"})


def test_a_date_field_the_gold_lacks_counts_only_for_a_single_article_prediction():
    pred = {**MEASURE, "lifted": "2023-03-16", "_articles": {"a"}}
    assert not measure_date_exact(pred, MEASURE)
    assert measure_date_exact({**pred, "_articles": {"a", "b"}}, MEASURE)


def _gold(folder: Path, meetings: list[dict], measures: list[dict]) -> Path:
    folder.mkdir()
    for name, rows, columns in (
            ("meetings.csv", meetings, ["article_id", *MEETING, "level", "format", "evidence"]),
            ("measures.csv", measures, ["article_id", *MEASURE, "status", "targets",
                                        "direction", "evidence"])):
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def test_precision_recall_and_f1_count_one_to_one_matches(tmp_path):
    gold = _gold(tmp_path / "gold",
                 [{"article_id": "a", **MEETING, "evidence": "met"},
                  {"article_id": "a", **MEETING, "countries": "JPN;KOR", "evidence": "also"}],
                 [])
    predicted = [{"meeting_id": "m1", "mentions": "a:1", **MEETING},
                 {"meeting_id": "m2", "mentions": "a:2", **MEETING},  # a duplicate
                 {"meeting_id": "m3", "mentions": "a:3", **MEETING, "countries": "CHN;KOR"}]
    report = evaluate_predictions(predicted, [], gold)
    s = report.meetings
    assert (s.gold, s.predicted, s.matched) == (2, 3, 1)
    assert round(s.precision, 3) == 0.333 and s.recall == 0.5
    assert round(s.f1, 3) == 0.4
    assert s.misses == ["a: also"]
    assert len(s.spurious) == 2 and "a: m3" in s.spurious


def test_a_prediction_from_another_article_does_not_match_this_articles_gold(tmp_path):
    gold = _gold(tmp_path / "gold", [{"article_id": "a", **MEETING, "evidence": "met"}], [])
    predicted = [{"meeting_id": "m1", "mentions": "b:1", **MEETING}]
    s = evaluate_predictions(predicted, [], gold).meetings
    assert s.matched == 0 and s.predicted == 1 and s.gold == 1


def test_the_matching_is_maximal_not_greedy(tmp_path):
    # p1 matches both gold rows, p2 only the first: a greedy pass could take g1 for p1
    gold = _gold(tmp_path / "gold", [
        {"article_id": "a", **MEETING, "date_start": "2023-11-16", "date_end": "2023-11-16",
         "evidence": "g1"},
        {"article_id": "a", **MEETING, "date_start": "2023-11-18", "date_end": "2023-11-18",
         "evidence": "g2"}], [])
    predicted = [
        {"meeting_id": "p1", "mentions": "a:1", **MEETING, "date_start": "2023-11-16",
         "date_end": "2023-11-18"},
        {"meeting_id": "p2", "mentions": "a:2", **MEETING}]
    assert evaluate_predictions(predicted, [], gold).meetings.matched == 2
