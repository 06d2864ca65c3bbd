"""The figures the prose quotes, computed from small tables written by hand."""

from __future__ import annotations

import pandas as pd

from tradetalks.publish.tables import Tables
from tradetalks.report import findings


def _measure(measure_id: str, imposer: str, direction: str, status: str) -> dict:
    return {"measure_id": measure_id, "imposer": imposer, "targets": "JPN",
            "measure_type": "export_control", "direction": direction, "products": "gallium",
            "announced": "", "in_force": "", "lifted": "", "status": status, "demands": "",
            "articles": "a1"}


def _tables(measures: list[dict], meetings: list[dict] | None = None) -> Tables:
    empty = pd.DataFrame()
    return Tables(articles=empty, removals=empty, mentions=empty,
                  meetings=pd.DataFrame(meetings or []), measures=pd.DataFrame(measures),
                  actors=empty, quotes=empty, unknown_actors=empty, topics=empty)


def test_restricting_governments_leave_out_a_government_that_only_lifted():
    t = _tables([_measure("m1", "JPN", "restrictive", "in_force"),
                 _measure("m2", "CHN", "restrictive", "in_force"),
                 _measure("m3", "KOR", "liberalising", "withdrawn")])
    assert findings.measure_figures(t)["restricting_governments"] == "China and Japan"


def test_restricting_governments_name_each_government_once():
    t = _tables([_measure("m1", "JPN", "restrictive", "in_force"),
                 _measure("m2", "JPN", "restrictive", "announced")])
    assert findings.measure_figures(t)["restricting_governments"] == "Japan"


def test_top_imposer_names_every_government_tied_for_most():
    t = _tables([_measure("m1", "JPN", "restrictive", "in_force"),
                 _measure("m2", "CHN", "restrictive", "in_force")])
    figures = findings.measure_figures(t)
    assert figures["top_imposer"] == "China and Japan" and figures["top_imposer_measures"] == 1


def test_measures_table_for_reading_starts_with_the_id_a_reader_cites():
    t = _tables([_measure("msr-0123456789ab", "JPN", "restrictive", "in_force")])
    table = findings.measures_for_reading(t)
    assert table.columns[0] == "id" and table.iloc[0]["id"] == "msr-0123456789ab"


def test_first_and_last_scores_come_from_the_first_and_the_latest_log_rows():
    from types import SimpleNamespace

    log = pd.DataFrame([
        {"set": "fresh 4", "table": "meetings", "f1": "0.71", "dates_exact": "0.67"},
        {"set": "fresh 4", "table": "measures", "f1": "0.67", "dates_exact": "0.48"},
        {"set": "fresh 4", "table": "meetings", "f1": "0.73", "dates_exact": "0.71"},
    ])
    figures = findings.first_score_figures(log, [SimpleNamespace(label="fresh 4",
                                                                 name="fresh4")])
    assert (figures["first_fresh4_meetings"], figures["last_fresh4_meetings"]) == (
        "0.71", "0.73")
    assert figures["last_dates_fresh4_meetings"] == "0.71"
    assert figures["first_fresh4_measures"] == figures["last_fresh4_measures"] == "0.67"


def test_a_rounds_end_score_stays_its_own_when_a_later_round_rescores_the_set():
    from types import SimpleNamespace

    log = pd.DataFrame([
        {"set": "fresh 6", "table": "meetings", "f1": "0.59", "dates_exact": "0.74",
         "stage": "first score before any use"},
        {"set": "fresh 6", "table": "meetings", "f1": "0.61", "dates_exact": "0.75",
         "stage": "scored once at the end (0.4.0 rules)"},
        {"set": "fresh 6", "table": "meetings", "f1": "0.66", "dates_exact": "0.70",
         "stage": "scored after this round's rules (0.5.0)"},
        {"set": "dev 7", "table": "meetings", "f1": "0.68", "dates_exact": "0.76",
         "stage": "after this round's rules (0.4.0)"},
    ])
    figures = findings.first_score_figures(log, [
        SimpleNamespace(label="fresh 6", name="fresh6"),
        SimpleNamespace(label="dev 7", name="dev7")])
    assert figures["end_fresh6_meetings"] == "0.61"
    assert figures["end_dates_fresh6_meetings"] == "0.75"
    assert figures["last_fresh6_meetings"] == "0.66"
    assert figures["developed_dev7_meetings"] == "0.68"
    assert figures["end_dev7_meetings"] == "n/a"


def test_a_first_scores_unrounded_f1_is_the_logs_not_todays():
    from types import SimpleNamespace

    log = pd.DataFrame([
        {"set": "fresh 8", "table": "meetings", "f1": "0.80", "f1_exact": "0.797",
         "dates_exact": "0.81", "stage": "first score before any use"},
        {"set": "fresh 8", "table": "meetings", "f1": "0.82", "f1_exact": "",
         "dates_exact": "0.81", "stage": "scored after this round's rules (0.9.0)"},
    ])
    figures = findings.first_score_figures(log, [SimpleNamespace(label="fresh 8",
                                                                 name="fresh8")])
    assert figures["first_exact_fresh8_meetings"] == "0.797"
    assert figures["last_exact_fresh8_meetings"] == "0.82"  # none kept: the rounded one


def test_unseen_range_spans_the_first_scores_of_the_held_out_sets_only():
    from types import SimpleNamespace

    log = pd.DataFrame([
        {"set": "fresh 4", "table": "meetings", "f1": "0.71"},
        {"set": "fresh 4", "table": "meetings", "f1": "0.90"},  # a later score: not first
        {"set": "fresh 5", "table": "meetings", "f1": "0.65"},
        {"set": "dev 6", "table": "meetings", "f1": "0.50"},  # a development set
        {"set": "fresh 5", "table": "measures", "f1": "0.76"},
    ])
    sets = [SimpleNamespace(label="fresh 4", role="test"),
            SimpleNamespace(label="fresh 5", role="test"),
            SimpleNamespace(label="dev 6", role="development")]
    figures = findings.unseen_score_range(log, sets)
    assert (figures["unseen_meetings_low"], figures["unseen_meetings_high"]) == ("0.65", "0.71")
    assert figures["unseen_measures_low"] == figures["unseen_measures_high"] == "0.76"
    assert figures["unseen_sets"] == 2


def test_an_f1_near_a_target_is_also_glued_unrounded_with_its_counts():
    scores = pd.DataFrame([{"set": "fresh 9", "key": "fresh9", "system": "rules",
                            "table": table, "gold": 60, "predicted": 53, "matched": 45,
                            "precision": 45 / 53, "recall": 45 / 60, "f1": 90 / 113,
                            "dates_exact": 0.5, "articles": 15}
                           for table in ("meetings", "measures")])
    figures = findings.evaluation_figures(scores)
    assert figures["f1_fresh9_measures"] == "0.80"
    assert figures["f1_exact_fresh9_measures"] == \
        "0.796 (45 matched of 53 found and 60 in the gold)"
