"""Identifiers a user can join on: stable event ids, actor QIDs, places with GeoNames ids
and coordinates, participants as actor ids, structured locations."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from tradetalks.paths import DICTIONARY_DIR, SEEDS_DIR
from tradetalks.pipeline import run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFINING_ROW = ("refine,refine.txt,Test Wire,,[Abe and Moon meet in Chengdu],2019-12-25,"
                "Written by the project team for the stable-id test,en\n")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def seed_and_extended(tmp_path_factory):
    """The seeds' tables, and those of the seeds plus a sixth article that reports the
    planned Abe-Moon meeting of 'next week' as held on 24 December 2019."""
    corpus = tmp_path_factory.mktemp("six")
    for path in SEEDS_DIR.iterdir():
        shutil.copy(path, corpus / path.name)
    shutil.copy(FIXTURES / "refining_article.txt", corpus / "refine.txt")
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as handle:
        handle.write(REFINING_ROW)
    return run(SEEDS_DIR), run(corpus)


def test_seed_event_ids_unchanged_when_a_sixth_article_refines_a_date(seed_and_extended):
    seeds, extended = seed_and_extended
    before = seeds.meetings.set_index("meeting_id")
    after = extended.meetings.set_index("meeting_id")
    refined = [i for i in before.index if i in after.index
               and (before.at[i, "date_start"], before.at[i, "date_end"])
               != (after.at[i, "date_start"], after.at[i, "date_end"])]
    assert len(refined) == 1  # a real refinement: the old date-based slug would change
    assert (after.at[refined[0], "date_start"], after.at[refined[0], "date_end"]) == (
        "2019-12-24", "2019-12-24")
    assert set(seeds.meetings["meeting_id"]) <= set(extended.meetings["meeting_id"])
    assert set(seeds.measures["measure_id"]) <= set(extended.measures["measure_id"])


def test_every_actor_has_a_qid_or_none_with_a_reason():
    for row in rows(DICTIONARY_DIR / "actors.csv"):
        assert re.fullmatch(r"Q[1-9]\d*|none", row["wikidata"]), row["actor_id"]
        if row["wikidata"] == "none":
            assert row["wikidata_note"].strip(), row["actor_id"]


def test_one_person_has_one_qid_on_every_tenure_row():
    qids: dict[str, set[str]] = {}
    for row in rows(DICTIONARY_DIR / "actors.csv"):
        qids.setdefault(row["actor_id"], set()).add(row["wikidata"])
    assert {k: v for k, v in qids.items() if len(v) > 1} == {}


def test_every_place_has_coordinates_and_a_geonames_id_or_none_with_a_reason():
    for row in rows(DICTIONARY_DIR / "places.csv"):
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
        assert row["geonames_id"].isdigit() or (
            row["geonames_id"] == "none" and "no GeoNames id" in row["coordinates_source"])


def test_place_ids_are_unique():
    ids = [row["place_id"] for row in rows(DICTIONARY_DIR / "places.csv")]
    assert len(ids) == len(set(ids))


def test_every_participant_id_resolves_to_an_actor_row(seed_tables):
    actors = {r["actor_id"] for r in rows(seed_tables / "actors.csv")}
    meetings = rows(seed_tables / "meetings.csv")
    ids = {i for m in meetings for i in m["participant_ids"].split(";") if i}
    assert ids and ids <= actors
    for m in meetings:  # one id per named participant
        assert len([i for i in m["participant_ids"].split(";") if i]) == len(
            [n for n in m["participants"].split(";") if n])


def test_a_meeting_location_is_structured(seed_tables):
    tokyo = [m for m in rows(seed_tables / "meetings.csv") if m["place_id"] == "tokyo"]
    assert tokyo and all(m["location_country"] == "JPN" and m["latitude"].startswith("35.6")
                         for m in tokyo)


def test_apec_sideline_meetings_are_marked_multilateral(seed_tables):
    apec = [m for m in rows(seed_tables / "meetings.csv") if m["occasion"].startswith("APEC")]
    assert apec and all(m["multilateral_occasion"] == "True" for m in apec)
