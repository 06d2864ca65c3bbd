"""The extract command on the seeds: files, evidence spans, mentions, clear errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tradetalks.cli import main
from tradetalks.ingest.clean import clean_text
from tradetalks.ingest.corpus import load_corpus
from tradetalks.paths import SEEDS_DIR
from tradetalks.publish.cells import restore

EXPECTED = ["articles.csv", "removals.csv", "mentions.csv", "meetings.csv", "measures.csv",
            "actors.csv", "quotes.csv", "datapackage.json"]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_extract_writes_every_table_and_the_data_package(seed_tables):
    for name in EXPECTED:
        assert (seed_tables / name).is_file(), name
    package = json.loads((seed_tables / "datapackage.json").read_text())
    assert {r["path"] for r in package["resources"]} >= set(EXPECTED[:-1])


def test_every_mention_sentence_is_its_span_of_the_cleaned_article(seed_tables):
    cleaned = {a.article_id: clean_text(a.text).text for a in load_corpus(SEEDS_DIR).articles}
    rows = _rows(seed_tables / "mentions.csv")
    assert rows
    for row in rows:
        text = cleaned[row["article_id"]]
        # the CSV cell is spreadsheet-safe; restoring it gives the exact span (codebook)
        assert text[int(row["start"]):int(row["end"])] == restore(row["sentence"]), \
            row["mention_id"]


def test_every_quote_is_its_span_of_the_cleaned_article(seed_tables):
    cleaned = {a.article_id: clean_text(a.text).text for a in load_corpus(SEEDS_DIR).articles}
    for row in _rows(seed_tables / "quotes.csv"):
        span = cleaned[row["article_id"]][int(row["start"]):int(row["end"])]
        assert span == restore(row["text"])


def test_every_event_lists_at_least_one_known_mention(seed_tables):
    mention_ids = {r["mention_id"] for r in _rows(seed_tables / "mentions.csv")}
    for table, key in (("meetings.csv", "meeting_id"), ("measures.csv", "measure_id")):
        for row in _rows(seed_tables / table):
            ids = row["mentions"].split(";")
            assert ids and all(i in mention_ids for i in ids), row[key]


def test_seed_tables_hold_the_gyeongju_ministers_meeting(seed_tables):
    rows = _rows(seed_tables / "meetings.csv")
    assert any(r["date_start"] == "2025-10-30" and r["countries"] == "CHN;JPN"
               and "Wang Wentao" in r["participants"] and r["level"] == "minister"
               for r in rows)


def test_seed_tables_hold_the_xi_kishida_summit_as_held(seed_tables):
    rows = _rows(seed_tables / "meetings.csv")
    assert any(r["date_start"] == "2023-11-16" and r["countries"] == "CHN;JPN"
               and r["status"] == "held" and r["level"] == "leader" for r in rows)


def test_seed_tables_hold_li_qiang_letter_as_written(seed_tables):
    rows = _rows(seed_tables / "meetings.csv")
    assert any(r["format"] == "written" and "Li Qiang" in r["participants"] for r in rows)


def test_seed_tables_hold_china_graphite_control_expected_from_december(seed_tables):
    rows = _rows(seed_tables / "measures.csv")
    graphite = [r for r in rows if r["imposer"] == "CHN" and "graphite" in r["products"]]
    assert graphite and graphite[0]["in_force"] == "2023-12"


def test_seed_tables_keep_undated_seafood_bans_two_years_apart_as_two_rows(seed_tables):
    # neither article dates the ban (2023-11-17: "China's ban on Japanese seafood";
    # 2025-11-02: "import restrictions on Japanese aquatic products"): undated events
    # published more than 90 days apart are not merged (issue 10)
    rows = _rows(seed_tables / "measures.csv")
    bans = [r for r in rows if r["imposer"] == "CHN" and r["measure_type"] == "import_ban"]
    assert sorted(r["articles"] for r in bans) == ["001_9ee299f29b7f0674",
                                                   "002_675cccc8a25ac45d"]


def test_bad_manifest_gives_one_message_and_status_2(tmp_path, capsys):
    (tmp_path / "manifest.csv").write_text("article_id,file\nx,x.txt\n", encoding="utf-8")
    (tmp_path / "x.txt").write_text("Some text.", encoding="utf-8")
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "manifest.csv, line 1" in err and "missing column" in err
    assert "Traceback" not in err


def test_article_with_no_events_yields_tables_with_headers(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "quiet.txt").write_text("The weather in Osaka was mild and markets were calm.\n",
                                      encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "article_id,file,outlet,url,title,published,date_basis,language\n"
        "quiet,quiet.txt,Test,,,2024-05-01,test,en\n", encoding="utf-8")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    header = (tmp_path / "out" / "meetings.csv").read_text().splitlines()
    assert header == [header[0]] and header[0].startswith("meeting_id,date_start")


def test_two_runs_give_identical_bytes(tmp_path, seed_tables):
    assert main(["extract", str(SEEDS_DIR), "--out", str(tmp_path), "--quiet"]) == 0
    for name in EXPECTED + ["unknown_actors.csv"]:
        assert (tmp_path / name).read_bytes() == (seed_tables / name).read_bytes(), name


def _meetings(seed_tables):
    return _rows(seed_tables / "meetings.csv")


def _measures(seed_tables):
    return _rows(seed_tables / "measures.csv")


def test_seed_tables_hold_the_san_francisco_ministers_meeting_with_its_mechanism(seed_tables):
    assert any(r["countries"] == "CHN;JPN" and r["level"] == "minister"
               and "Yasutoshi Nishimura" in r["participants"]
               and r["location"].startswith("San Francisco")
               and r["date_start"].startswith("2023-11")
               and r["outcome"] == "mechanism_established" for r in _meetings(seed_tables))


def test_seed_tables_hold_the_tokyo_policy_dialogue_of_16_december_2019(seed_tables):
    assert any(r["date_start"] == "2019-12-16" and r["countries"] == "JPN;KOR"
               and r["level"] == "senior_official" and r["location"].startswith("Tokyo")
               for r in _meetings(seed_tables))


def test_seed_tables_hold_the_planned_seoul_round(seed_tables):
    assert any(r["status"] == "planned" and r["countries"] == "JPN;KOR"
               and r["location"].startswith("Seoul") for r in _meetings(seed_tables))


def test_seed_tables_hold_china_gallium_and_rare_earth_controls(seed_tables):
    rows = _measures(seed_tables)
    for product in ("gallium", "rare_earths"):
        assert any(r["imposer"] == "CHN" and r["measure_type"] == "export_control"
                   and product in r["products"] for r in rows), product


def test_seed_tables_hold_japans_2019_chemicals_control_and_white_list_removal(seed_tables):
    rows = _measures(seed_tables)
    assert any(r["imposer"] == "JPN" and r["targets"] == "KOR"
               and "semiconductor_materials" in r["products"] for r in rows)
    assert any(r["imposer"] == "JPN" and r["targets"] == "KOR"
               and r["measure_type"] == "preferential_status_removal" for r in rows)


def test_seed_tables_hold_japans_end_user_list_naming_chinese_entities(seed_tables):
    assert any(r["imposer"] == "JPN" and r["measure_type"] == "entity_list"
               and r["targets"] == "CHN" for r in _measures(seed_tables))


def test_seed_tables_hold_the_2025_us_tariffs(seed_tables):
    assert any(r["imposer"] == "USA" and r["measure_type"] == "tariff"
               and r["in_force"].startswith("2025") for r in _measures(seed_tables))
