"""CAMEO and PLOVER codes come from the mapping table in data/codes/, one rule per test.

The expected codes are those of the CAMEO manual and the CAMEO->PLOVER table the issue
names (036 intent to meet -> AGREE, 041-044 CONSULT modes, 057 -> SUPPORT, 114/115 ->
ACCUSE, 125 -> REJECT, 163 -> COERCE restrict, 085 -> RETREAT ease, 1054 -> DEMAND
yield), written here by hand, not read from the program.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from tradetalks.errors import InputError
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, Mention
from tradetalks.paths import CODES_DIR, CORPORA_DIR, PROJECT_ROOT
from tradetalks.pipeline import run
from tradetalks.publish.codes import demand_code, load_codebook, measure_code, meeting_code
from tradetalks.vocabulary import vocabulary


def mapping_triples() -> set[tuple[str, str, str]]:
    with (CODES_DIR / "cameo_plover.csv").open(encoding="utf-8") as handle:
        return {(r["cameo"], r["plover_type"], r["plover_mode"]) for r in csv.DictReader(handle)}


def meeting(status="held", fmt="bilateral", outcome="not_reported", matched="met",
            location="", countries=("CHN", "JPN")) -> MeetingRecord:
    mention = Mention("a", 0, 0, 10, "They met.", "meeting_trigger", matched)
    return MeetingRecord(["a"], dt.date(2025, 1, 1), set(countries), set(), "minister", fmt,
                         status, None, location, "", set(), outcome, [mention])


def measure(status="in_force", measure_type="export_control") -> MeasureRecord:
    return MeasureRecord(["a"], dt.date(2025, 1, 1), "CHN", {"JPN"}, measure_type,
                         vocabulary().direction_of(status), {"gallium"}, {}, status, [])


def triple(code) -> tuple[str, str, str]:
    return code.cameo, code.plover, code.plover_mode


# --- every table, every corpus ------------------------------------------------------------

CORPORA = ["seeds", *sorted(p.name for p in CORPORA_DIR.iterdir()
                            if (p / "manifest.csv").is_file())]


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_code_triple_in_every_table_is_a_row_of_the_mapping_table(corpus):
    tables = run(PROJECT_ROOT / corpus if corpus == "seeds" else CORPORA_DIR / corpus)
    allowed = mapping_triples()
    found = set(zip(tables.meetings["cameo"], tables.meetings["plover"],
                    tables.meetings["plover_mode"], strict=True))
    found |= set(zip(tables.measures["cameo"], tables.measures["plover"],
                     tables.measures["plover_mode"], strict=True))
    demands = tables.measures[tables.measures["demands"] != ""]
    found |= set(zip(demands["demand_cameo"], demands["demand_plover"],
                     demands["demand_plover_mode"], strict=True))
    assert found, "no coded rows"
    assert found <= allowed, sorted(found - allowed)


# --- meetings -----------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["planned", "proposed", "undecided"])
def test_a_meeting_not_yet_held_is_036_agree(status):
    assert triple(meeting_code(meeting(status=status), "party")) == ("036", "AGREE", "")


def test_a_cancelled_meeting_is_125_reject():
    assert triple(meeting_code(meeting(status="cancelled"), "")) == ("125", "REJECT", "")


def test_a_phone_call_is_041_consult_phone():
    assert triple(meeting_code(meeting(fmt="phone"), "")) == ("041", "CONSULT", "phone")


def test_a_meeting_in_a_party_country_is_042_consult_visit():
    assert triple(meeting_code(meeting(), "party")) == ("042", "CONSULT", "visit")


def test_a_meeting_in_a_third_country_is_044_consult_third_party():
    assert triple(meeting_code(meeting(), "third")) == ("044", "CONSULT", "third-party")


def test_a_meeting_without_place_is_040_consult():
    assert triple(meeting_code(meeting(), "")) == ("040", "CONSULT", "")


def test_a_protest_delivered_is_114_accuse():
    m = meeting(outcome="concerns_raised", matched="lodged a strong protest with")
    assert triple(meeting_code(m, "party")) == ("114", "ACCUSE", "")


def test_concerns_raised_at_a_meeting_stay_a_consultation():
    m = meeting(outcome="concerns_raised", matched="met")
    assert triple(meeting_code(m, "third")) == ("044", "CONSULT", "third-party")


def test_a_commitment_without_a_signing_is_not_057():
    m = meeting(outcome="agreement", matched="met")
    assert meeting_code(m, "party").cameo != "057"


def test_a_reported_signing_is_057_support():
    m = meeting(outcome="agreement", matched="signed a memorandum")
    assert triple(meeting_code(m, "party")) == ("057", "SUPPORT", "")


def test_quad_class_and_goldstein_come_with_the_code():
    code = meeting_code(meeting(status="cancelled"), "")
    assert (code.quad_class, code.goldstein) == (3, -5.0)


# --- measures and demands -----------------------------------------------------------------

@pytest.mark.parametrize("status", ["expected", "announced", "in_force"])
def test_a_restriction_is_163_coerce_restrict(status):
    assert triple(measure_code(measure(status))) == ("163", "COERCE", "restrict")


@pytest.mark.parametrize("status", ["lifted", "eased", "withdrawn"])
def test_a_lifted_or_eased_measure_is_085_retreat_ease(status):
    assert triple(measure_code(measure(status))) == ("085", "RETREAT", "ease")


def test_a_wto_complaint_is_115_accuse():
    assert triple(measure_code(measure(measure_type="wto_dispute"))) == ("115", "ACCUSE", "")


def test_a_demand_to_lift_is_1054_demand_yield():
    assert triple(demand_code()) == ("1054", "DEMAND", "yield")


def test_every_status_format_and_measure_type_gets_a_code():
    v = vocabulary()
    for status in v.meeting_statuses:
        for fmt in v.formats:
            for place in ("party", "third", ""):
                assert meeting_code(meeting(status=status, fmt=fmt), place).cameo
    for status in v.measure_statuses:
        for kind in v.measure_types:
            assert measure_code(measure(status, kind)).cameo


# --- bad data -----------------------------------------------------------------------------

def test_a_rule_with_an_unknown_status_names_file_and_line(tmp_path):
    for name in ("cameo_plover.csv", "evidence.csv"):
        (tmp_path / name).write_bytes((CODES_DIR / name).read_bytes())
    (tmp_path / "event_codes.csv").write_text(
        "event_kind,status,format,outcome,place,evidence,measure_type,cameo,note\n"
        "meeting,postponed,,,,,,125,\n", encoding="utf-8")
    load_codebook.cache_clear()
    try:
        with pytest.raises(InputError, match=r"event_codes.csv, line 2: status value"):
            load_codebook(tmp_path)
    finally:
        load_codebook.cache_clear()


def test_a_rule_naming_a_code_missing_from_the_mapping_is_refused(tmp_path):
    for name in ("cameo_plover.csv", "evidence.csv"):
        (tmp_path / name).write_bytes((CODES_DIR / name).read_bytes())
    (tmp_path / "event_codes.csv").write_text(
        "event_kind,status,format,outcome,place,evidence,measure_type,cameo,note\n"
        "meeting,held,,,,,,0431,\n", encoding="utf-8")
    load_codebook.cache_clear()
    try:
        with pytest.raises(InputError, match="not in cameo_plover.csv"):
            load_codebook(tmp_path)
    finally:
        load_codebook.cache_clear()
