"""The book's charts draw what the tables say: every measure, every meeting, planned and
one-way contacts told apart from held meetings, whole-number legends, time in panels."""

from __future__ import annotations

import pandas as pd

from tradetalks.report import charts


def meeting(meeting_id, participants, status="held", fmt="bilateral", start="2023-11-16",
            end=None, countries="CHN;JPN", location="San Francisco, United States"):
    return {"meeting_id": meeting_id, "participants": participants, "status": status,
            "format": fmt, "date_start": start, "date_end": end or start, "countries": countries,
            "level": "leader", "date_text": "", "outcome": "not_reported", "location": location}


ACTORS = pd.DataFrame({"name": ["A", "B", "C", "D"], "country": ["JPN", "CHN", "JPN", "KOR"],
                       "role": ["x", "y", "z", "w"]})


def network_ties(meetings: list[dict]) -> pd.DataFrame:
    chart = charts.actor_network(pd.DataFrame(meetings), ACTORS)
    return chart.layer[0].data


def test_network_draws_a_planned_meeting_as_a_planned_tie_not_a_held_one():
    ties = network_ties([meeting("m1", "A;B"), meeting("m2", "C;D", status="planned")])
    assert dict(zip(ties["meeting_id"], ties["kind"], strict=True)) == {
        "m1": "held", "m2": "planned, not yet held"}


def test_network_draws_a_letter_as_a_one_way_tie():
    ties = network_ties([meeting("m1", "A;B", fmt="written")])
    assert ties["kind"].tolist() == ["letter (one-way)"]


def test_network_leaves_out_cancelled_meetings():
    ties = network_ties([meeting("m1", "A;B"), meeting("m2", "C;D", status="cancelled")])
    assert ties["meeting_id"].tolist() == ["m1"]


def test_network_node_size_counts_only_held_meetings():
    chart = charts.actor_network(pd.DataFrame([meeting("m1", "A;B"),
                                               meeting("m2", "A;C", status="planned")]), ACTORS)
    nodes = chart.layer[1].data.set_index("name")["meetings"].to_dict()
    assert nodes == {"A": 1, "B": 1, "C": 0}


def test_network_legends_show_whole_numbers_only():
    spec = charts.actor_network(pd.DataFrame([meeting("m1", "A;B"), meeting("m2", "A;B"),
                                              meeting("m3", "A;C")]), ACTORS).to_dict()
    legends = [layer["encoding"][channel]["legend"] for layer in spec["layer"][:2]
               for channel in ("strokeWidth", "size") if channel in layer["encoding"]]
    assert legends and all(legend["format"] == "d" for legend in legends)
    assert all(all(isinstance(v, int) for v in legend["values"]) for legend in legends)


def test_time_panels_split_days_far_apart_and_keep_a_summit_week_together():
    panels = charts.time_panels(pd.Series(["2019-12-16", "2019-12-23", "2023-11-14",
                                           "2023-11-17", "2025-10-30"]))
    assert panels.nunique() == 3
    assert panels.iloc[2] == panels.iloc[3] and panels.iloc[0] == panels.iloc[1]
    assert panels.iloc[2].endswith("Nov 2023")


def test_meetings_timeline_gives_meetings_of_one_group_on_one_day_their_own_slot():
    meetings = pd.DataFrame([meeting("m1", "A;B"), meeting("m2", "A;B")])
    mentions = pd.DataFrame(columns=["event_id", "article_id", "start", "sentence", "rule"])
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "published": ["2023-11-17"]})
    data = charts.meetings_timeline(meetings, mentions, articles).data
    assert sorted(data["slot"]) == ["0", "1"]
    assert set(data["same_day"]) == {2}


def measure(measure_id, status="in_force", in_force="", announced="", lifted="",
            articles="a"):
    return {"measure_id": measure_id, "imposer": "CHN", "targets": "WLD",
            "measure_type": "export_control", "products": "gallium", "status": status,
            "announced": announced, "in_force": in_force, "lifted": lifted,
            "date_text": "", "demands": "", "articles": articles}


def measure_marks(rows: list[dict]) -> pd.DataFrame:
    mentions = pd.DataFrame(columns=["event_id", "article_id", "start", "sentence", "rule"])
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
                             "published": ["2023-11-15", "2025-11-02"]})
    return charts.measures_chart(pd.DataFrame(rows), mentions, articles).data


def test_measures_chart_marks_every_measure_even_without_dates():
    marks = measure_marks([measure("dated", in_force="2023-12"), measure("undated"),
                           measure("twice", articles="a;b")])
    assert set(marks["measure_id"]) == {"dated", "undated", "twice"}
    undated = marks[marks["measure_id"] == "twice"]
    assert undated["day"].tolist() == ["2023-11-15", "2025-11-02"]


def test_expected_measure_is_drawn_hollow_not_as_in_force():
    marks = measure_marks([measure("graphite", status="expected", in_force="2023-12")])
    phase = marks.loc[marks["phase"] != "span", "phase"].tolist()
    assert phase == ["expected from (hollow)"]
    assert charts.MEASURE_PHASES[phase[0]][1] is False
    assert "span" not in set(marks["phase"])


def test_measure_in_force_has_a_span_to_its_latest_report():
    marks = measure_marks([measure("m", in_force="2019-07", articles="a")])
    span = marks[marks["phase"] == "span"]
    assert (span["day"].item(), span["end"].item()) == ("2019-07-01", "2023-11-15")


def test_meeting_places_leave_out_places_named_only_by_country():
    meetings = pd.DataFrame([meeting("m1", "A;B"), meeting("m2", "A;B", location="China"),
                             meeting("m3", "A;B", location="Tokyo, Japan")])
    places = charts.meeting_places(meetings, {"San Francisco": (37.8, -122.4),
                                              "Tokyo": (35.7, 139.7)})
    assert dict(zip(places["city"], places["meetings"], strict=True)) == {
        "San Francisco": 1, "Tokyo": 1}


def test_every_gazetteer_place_has_coordinates():
    from tradetalks.paths import PROJECT_ROOT

    places = pd.read_csv(PROJECT_ROOT / "data" / "dictionaries" / "places.csv", dtype=str)
    assert set(places["place"]) <= set(charts.place_coordinates())


def test_evidence_is_a_sentence_that_found_the_event_in_its_latest_article():
    mentions = pd.DataFrame([
        {"event_id": "m1", "article_id": "a", "start": "900", "rule": "measure.ban",
         "sentence": "Old report of the ban."},
        {"event_id": "m1", "article_id": "b", "start": "40", "rule": "measure.back-reference",
         "sentence": "Officials discussed the ban."},
        {"event_id": "m1", "article_id": "b", "start": "120", "rule": "measure.ban",
         "sentence": "China lifted the ban on Friday."},
        {"event_id": "m1", "article_id": "b", "start": "1000", "rule": "measure.ban",
         "sentence": "The ban had lasted two years."},
    ])
    articles = pd.DataFrame([{"article_id": "a", "outlet": "A", "published": "2023-01-01"},
                             {"article_id": "b", "outlet": "B", "published": "2024-01-01"}])
    row = charts.with_evidence(pd.DataFrame([{"measure_id": "m1"}]), mentions, articles,
                               "measure_id").iloc[0]
    assert row["evidence"] == "China lifted the ban on Friday." and row["source"] == "B, 2024-01-01"


def test_measures_that_read_alike_keep_a_row_each():
    rows = [{"measure_id": f"msr-{n}", "imposer": "CHN", "targets": "JPN", "products": "seafood",
             "measure_type": "import_ban", "status": "in_force", "announced": "",
             "in_force": "", "lifted": "", "articles": "a", "date_text": "", "demands": "",
             "evidence": "", "source": ""} for n in ("aaaaaa", "bbbbbb")]
    phases = charts._measure_phases(pd.DataFrame(rows), {"a": "2024-01-01"})
    assert phases["label"].nunique() == 2


def test_map_leaves_out_letters_and_calls():
    meetings = pd.DataFrame([
        {"meeting_id": "m1", "location": "Tokyo, Japan", "status": "held", "format": "written"},
        {"meeting_id": "m2", "location": "Tokyo, Japan", "status": "held", "format": "phone"},
        {"meeting_id": "m3", "location": "Seoul, South Korea", "status": "held",
         "format": "bilateral"}])
    places = charts.meeting_places(meetings, charts.place_coordinates())
    assert list(places["city"]) == ["Seoul"]


def test_map_labels_of_neighbouring_cities_take_different_sides():
    meetings = pd.DataFrame([
        {"meeting_id": f"m{i}", "location": place, "status": "held", "format": "bilateral"}
        for i, place in enumerate(["Seoul, South Korea", "Gyeongju, South Korea",
                                   "Tokyo, Japan"])])
    places = charts.meeting_places(meetings, charts.place_coordinates())
    assert places["side"].nunique() == 3
