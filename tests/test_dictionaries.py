"""The curated data files load, and every row has the columns its header promises."""

from __future__ import annotations

import csv

import pytest

from tradetalks.knowledge.dictionaries import load_dictionaries
from tradetalks.paths import DICTIONARY_DIR


@pytest.mark.parametrize("name", ["actors.csv", "countries.csv", "places.csv", "occasions.csv",
                                  "products.csv", "topics.csv", "disputes.csv",
                                  "known_measures.csv"])
def test_every_row_has_exactly_the_header_columns(name):
    with (DICTIONARY_DIR / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    width = len(rows[0])
    bad = [i + 1 for i, row in enumerate(rows) if len(row) != width]
    assert not bad, f"{name}: rows {bad} do not have {width} fields"


def test_dictionaries_load_and_validate():
    d = load_dictionaries()
    assert d.actors and d.countries and d.places and d.occasions and d.products and d.topics
    assert d.disputes and d.known_measures


@pytest.mark.parametrize(("published", "expected"), [
    ("2024-05-20", "cjk-summit-2024"),  # a week before the 2024 summit
    ("2020-03-01", "cjk-summit-2019"),  # ten weeks after the 2019 one
    ("2021-06-14", None),  # eighteen months after one, three years before the next
])
def test_a_name_shared_by_occasions_names_one_only_within_half_a_year(published, expected):
    import datetime as dt

    from tradetalks.knowledge.annotate import default_annotator

    ann = default_annotator().annotate("South Korea hoped to host a trilateral summit.",
                                       dt.date.fromisoformat(published))
    assert [o.occasion_id for _, o in ann.occasions] == ([expected] if expected else [])


def _governments(sentence: str) -> list[str]:
    import datetime as dt

    from tradetalks.knowledge.annotate import default_annotator

    ann = default_annotator().annotate(sentence, dt.date(2023, 5, 1))
    return [f.value for f in sorted(ann.countries, key=lambda f: f.start)]


def test_country_names_joined_by_hyphens_are_each_a_government():
    assert _governments("A Japan-U.S.-South Korea summit was floated.") == ["JPN", "USA", "KOR"]
    assert _governments("the China-Japan-ROK leaders' meeting") == ["CHN", "JPN", "KOR"]


def test_a_country_name_joined_to_a_common_word_is_no_government():
    assert _governments("Japan-based makers sold China-made parts.") == []


def test_a_name_printed_family_name_first_in_capitals_is_the_known_person():
    import datetime as dt

    from tradetalks.knowledge.annotate import default_annotator

    ann = default_annotator().annotate("Mr. IWAYA Takeshi held a call with WANG Yi.",
                                       dt.date(2025, 7, 25))
    assert [a.actor_id for _, a in ann.persons] == ["takeshi-iwaya", "wang-yi"]


@pytest.mark.parametrize(("words", "product"), [
    ("imports of grouper from Taiwan", "seafood"),
    ("chilled white striped halibut", "seafood"),
    ("exports of tungsten and indium", "critical_minerals"),
])
def test_named_goods_belong_to_their_product(words, product):
    import datetime as dt

    from tradetalks.knowledge.annotate import default_annotator

    ann = default_annotator().annotate(words, dt.date(2025, 2, 4))
    assert product in {f.value for f in ann.products}
