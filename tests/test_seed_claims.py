"""The seed claims issue 10 names, checked in the tables the command line writes for seeds/.

Evidence is quoted from the seed articles; expected values come from the text, not from
the extractor's output.
"""

from __future__ import annotations

import csv
from pathlib import Path

from test_extract_rules import run

APEC_2023 = "002_675cccc8a25ac45d"  # "the 30th summit from Nov. 15-17"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_apec_2023_sideline_meetings_are_dated_by_the_articles_nov_15_17(seed_tables):
    rows = [r for r in _rows(seed_tables / "meetings.csv") if r["articles"] == APEC_2023]
    dated = [r for r in rows if r["date_start"]]
    assert dated and all(r["date_start"] >= "2023-11-15" for r in dated)
    assert all(r["date_end"] <= "2023-11-17" for r in dated)


def test_demand_at_the_kishida_xi_meeting_is_dated_by_the_meeting_day(seed_tables):
    # "Kishida urged Xi to drop the ban" at their talks "on Thursday evening" (2023-11-16);
    # the article was published on 2023-11-17
    rows = [r for r in _rows(seed_tables / "measures.csv") if r["articles"] == APEC_2023]
    demands = [r["demands"] for r in rows if r["demands"]]
    assert demands == ["JPN urged lifting, 2023-11-16"]


def test_the_planned_seoul_dialogue_is_not_coded_held(seed_tables):
    # 003: "The next policy dialogue will be held in Seoul 'in the near future'"
    rows = [r for r in _rows(seed_tables / "meetings.csv")
            if r["location"].startswith("Seoul") and r["countries"] == "JPN;KOR"]
    assert rows and all(r["status"] == "planned" for r in rows)


def test_every_seed_row_has_rule_and_why(seed_tables):
    for name in ("meetings.csv", "measures.csv"):
        for row in _rows(seed_tables / name):
            assert row["rule"] and row["why"], row


def test_export_controls_without_a_named_product_get_no_invented_product():
    result = run("Japan tightened export controls on South Korea on Friday.")
    assert all("dual_use_items" not in m.products for m in result.measures)


def test_a_tariff_without_a_stated_scope_is_not_all_goods():
    result = run("The United States raised tariffs on South Korea on Friday.")
    assert all("all_goods" not in m.products for m in result.measures)


def test_agreed_to_hold_is_planned_not_held():
    result = run("Japanese Foreign Minister Toshimitsu Motegi and Chinese Foreign Minister "
                 "Wang Yi agreed to hold talks in Beijing next month.")
    assert result.meetings and all(m.status == "planned" for m in result.meetings)
