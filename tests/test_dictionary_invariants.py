"""The invariants data/dictionaries/README.md promises are checked when the files load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tradetalks.errors import InputError
from tradetalks.knowledge.dictionaries import (
    load_actors,
    load_countries,
    load_disputes,
    load_known_measures,
)

FIXTURES = Path(__file__).parent / "fixtures" / "dictionaries"
HEADER = ("actor_id,name,aliases,country,role,organisation,level,sector,wikidata,wikidata_note,"
          "valid_from,valid_to,note\n")


def _actors(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_fixture_actors_load():
    assert len(load_actors(FIXTURES / "actors.csv")) == 2


REFUSED_ACTORS = {
    "an_id_that_is_not_a_slug": (
        ["ok-id,A B,,JPN,r,o,minister,executive,none,x,2020,,",
         "Bad Id,C D,,JPN,r,o,minister,executive,none,x,2020,,"],
        r"actors.csv, line 3: actor_id 'Bad Id'"),
    "one_id_with_two_names": (
        ["a-b,A B,,JPN,r,o,minister,executive,none,x,2020,2021,",
         "a-b,A C,,JPN,r2,o,minister,executive,none,invented,2021,,"],
        r"line 3: actor_id 'a-b' has two names"),
    "a_tenure_that_ends_before_it_starts": (
        ["a-b,A B,,JPN,r,o,minister,executive,none,x,2021-05-01,2021-04-30,"],
        r"line 2: valid_to is before valid_from"),
    "an_alias_for_two_people_in_office_together": (
        ["a-b,A B,Lee,KOR,r,o,minister,executive,none,x,2020,,",
         "c-d,C D,Lee,KOR,r,o,minister,executive,none,x,2021,2022,"],
        r"line 3: alias 'Lee' names 'a-b' \(line 2\)"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_ACTORS))
def test_an_actor_row_breaking_an_invariant_is_refused_naming_file_and_line(tmp_path, case):
    rows, message = REFUSED_ACTORS[case]
    with pytest.raises(InputError, match=message):
        load_actors(_actors(tmp_path, *rows))


def test_an_alias_shared_by_successive_office_holders_is_allowed(tmp_path):
    path = _actors(tmp_path, "a-b,A B,Lee,KOR,r,o,minister,executive,none,x,2019,2020-05-09,",
                   "c-d,C D,Lee,KOR,r,o,minister,executive,none,x,2020-05-10,,")
    assert len(load_actors(path)) == 2


def test_a_country_listed_twice_is_refused(tmp_path):
    shutil.copy(FIXTURES / "countries.csv", tmp_path / "countries.csv")
    with (tmp_path / "countries.csv").open("a", encoding="utf-8") as handle:
        handle.write("JPN,Japan again,Japan,,,\n")
    with pytest.raises(InputError, match=r"line 5: JPN is listed twice \(first on line 2\)"):
        load_countries(tmp_path / "countries.csv")


DISPUTE_HEADER = "dispute_id,complainant,respondent,measure_type,products,filed,closed,title,note\n"
GOODS = ("barley", "wine")
REFUSED_DISPUTES = {
    "an_id_that_is_not_a_wto_number": ("590,KOR,JPN,tariff,barley,2019-09-11,,t,",
                                       r"disputes.csv, line 2: dispute_id '590'"),
    "a_product_the_products_list_lacks": ("DS1,AUS,CHN,tariff,barley;lobster,2020-12-16,,t,",
                                          r"line 2: products must be product codes.*lobster"),
    "a_measure_type_outside_the_codebook": ("DS1,AUS,CHN,duty,barley,2020-12-16,,t,",
                                            r"line 2: measure_type 'duty'"),
    "a_dispute_closed_before_it_was_filed": ("DS1,AUS,CHN,tariff,wine,2021-06-22,2020,t,",
                                             r"line 2: a dispute needs a filing date, before"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_DISPUTES))
def test_a_dispute_row_breaking_an_invariant_is_refused_naming_file_and_line(tmp_path, case):
    row, message = REFUSED_DISPUTES[case]
    path = tmp_path / "disputes.csv"
    path.write_text(DISPUTE_HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_disputes(path, GOODS)


KNOWN_HEADER = "product,imposer,measure_type,since,note\n"
REFUSED_KNOWN = {
    "a_product_the_products_list_lacks": ("lobster,CHN,import_ban,2020-11-02,",
                                          r"known_measures.csv, line 2: product 'lobster'"),
    "a_measure_type_outside_the_codebook": ("barley,CHN,duty,2020-05-18,",
                                            r"line 2: measure_type 'duty'"),
    "a_measure_without_its_date": ("wine,CHN,tariff,,", r"line 2: a known measure needs"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_KNOWN))
def test_a_known_measure_row_breaking_an_invariant_is_refused_naming_file_and_line(tmp_path,
                                                                                    case):
    row, message = REFUSED_KNOWN[case]
    path = tmp_path / "known_measures.csv"
    path.write_text(KNOWN_HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_known_measures(path, GOODS)
