"""Every rule id has a purpose and an example, and every example does what it says."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from tradetalks.knowledge.parse import parse
from tradetalks.paths import RULES_DIR
from tradetalks.rules.roles import imposers, role_rules

TRIGGERS = yaml.safe_load((RULES_DIR / "triggers.yaml").read_text(encoding="utf-8"))
TRIGGER_RULES = [t for kind in ("meeting", "measure") for t in TRIGGERS[kind]["triggers"]]
ROLE_EXAMPLES = [(rule["id"], ex) for rule in role_rules()["imposer"]
                 for ex in rule["examples"]]
BACK_EXAMPLES = [(rule["id"], ex) for rule in role_rules()["back_reference"]
                 for ex in rule["examples"]]


def test_every_rule_id_is_unique():
    ids = [t["id"] for t in TRIGGER_RULES] + [r["id"] for kind in ("imposer", "back_reference")
                                              for r in role_rules()[kind]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", TRIGGER_RULES, ids=lambda r: r["id"])
def test_trigger_example_matches_its_pattern(rule):
    assert rule["purpose"]
    assert re.search(rule["pattern"], rule["example"], re.I)


@pytest.mark.parametrize(("rule_id", "example"), ROLE_EXAMPLES,
                         ids=[f"{i}:{n}" for n, (i, _) in enumerate(ROLE_EXAMPLES)])
def test_role_example_finds_the_government_it_names(rule_id, example):
    text = example["text"]
    found = [(rule, text[a:b]) for rule, a, b in imposers(parse([text])[0], 0, len(text))]
    assert (rule_id, example["expect"]) in found


@pytest.mark.parametrize(("rule_id", "example"), BACK_EXAMPLES,
                         ids=[f"{i}:{n}" for n, (i, _) in enumerate(BACK_EXAMPLES)])
def test_back_reference_example_is_found(rule_id, example):
    import datetime as dt

    from tradetalks.knowledge.annotate import default_annotator
    from tradetalks.rules.roles import back_references

    text = example["text"]
    ann = default_annotator().annotate(text, dt.date(2025, 1, 1))
    found = [(rule, text[a:b]) for rule, a, b in back_references(parse([text])[0], ann)]
    assert (rule_id, example["expect"]) in found


def test_a_verb_outside_the_imposer_list_names_no_imposer():
    text = "Farmers complained about the tariffs that Washington criticised."
    assert imposers(parse([text])[0], 0, len(text)) == []


def test_counter_examples_are_not_back_references():
    import datetime as dt

    from tradetalks.knowledge.annotate import default_annotator
    from tradetalks.rules.roles import back_references

    annotator = default_annotator()
    for rule in role_rules()["back_reference"]:
        for text in rule["counter_examples"]:
            ann = annotator.annotate(text, dt.date(2025, 1, 1))
            assert back_references(parse([text])[0], ann) == [], text



MEETING = TRIGGERS["meeting"]


def _meetings(text: str, published: dt.date = dt.date(2025, 11, 1), title: str = "") -> list:
    from tradetalks.ingest.corpus import Article
    from tradetalks.pipeline import extract_article

    article = Article(article_id="rule-test", file="rule-test.txt", outlet="Test Wire", url="",
                      title=title, published=published, date_basis="manifest", language="en",
                      text=text + "\n", path=Path("x.txt"), warnings=())
    return extract_article(article).meetings


@pytest.mark.parametrize("example", MEETING["negated"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_negated_trigger_example_reports_the_meetings_it_says(example):
    assert len(_meetings(example["text"])) == example["meetings"]


@pytest.mark.parametrize("example", MEETING["question"]["examples"],
                         ids=lambda e: e["text"][-30:])
def test_a_question_reports_no_meeting_of_its_own(example):
    assert len(_meetings(example["text"], example["published"])) == example["meetings"]


@pytest.mark.parametrize("example", MEETING["counted_rounds"]["examples"],
                         ids=lambda e: e["text"][:30])
def test_counted_rounds_example_is_one_meeting_per_day(example):
    meetings = _meetings(example["text"], example["published"])
    assert sorted(m.window.start for m in meetings) == example["days"]


@pytest.mark.parametrize("example", MEETING["date_choice"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_date_choice_example_dates_the_meeting_from_its_own_clause(example):
    (meeting,) = _meetings(example["text"], example["published"])
    if example["date"] is None:  # the sentence's only date is not the meeting's
        assert meeting.window is None
    else:
        assert meeting.window.start == example["date"]
    assert meeting.why["date"].startswith(example.get("why", ""))


@pytest.mark.parametrize("example", MEETING["separate_talks"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_separate_talks_example_reports_one_meeting_per_guest(example):
    meetings = _meetings(example["text"])
    assert len(meetings) == example["meetings"]
    if example["meetings"] > 1:
        assert all(len(m.countries) == 2 and m.format == "bilateral" for m in meetings)


@pytest.mark.parametrize("example", MEETING["past_date"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_a_meeting_still_to_come_is_not_dated_before_the_article(example):
    meetings = _meetings(example["text"], example["published"])
    assert len(meetings) == example["meetings"]
    assert all(m.window is None and m.status != "held" for m in meetings)
    assert all(m.why["date"].startswith(MEETING["past_date"]["id"]) for m in meetings)


@pytest.mark.parametrize("example", MEETING["first_person"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_first_person_example_makes_the_speaker_a_party(example):
    (meeting,) = _meetings(example["text"], title=example["title"])
    assert sorted(meeting.countries) == example["countries"]
    assert MEETING["first_person"]["id"] in meeting.why["parties"]


def test_a_quoted_first_person_is_not_the_article_speaker():
    meetings = _meetings('Wang said: "Today I met Minister Sefcovic in Paris."',
                         title="Statement by Minister Reinette Klever")
    assert all("NLD" not in m.countries for m in meetings)


PARTY_RULE_EXAMPLES = [(key, example) for key in ("pronoun_subject", "collective_parties",
                                                    "speaker_pronoun")
                       for example in MEETING[key]["examples"]]


@pytest.mark.parametrize(("key", "example"), PARTY_RULE_EXAMPLES,
                         ids=[f"{k}:{e['text'][:30]}" for k, e in PARTY_RULE_EXAMPLES])
def test_party_rule_example_names_the_governments_it_says(key, example):
    """A "he" subject is the earlier sentence's first person; "the three governments" are
    those of the latest three-way meeting."""
    meetings = [m for m in _meetings(example["text"], example["published"])
                if MEETING[key]["id"] in m.why["parties"]]
    assert [sorted(m.countries) for m in meetings] == [example["countries"]]


@pytest.mark.parametrize("example", MEETING["relative_clause"]["examples"],
                         ids=lambda e: e["text"][:30])
def test_relative_clause_example_reports_one_meeting_per_clause(example):
    """The who-clause's meeting is between the clause and the words it hangs on; the main
    clause's meeting, if any, leaves the who-clause's people out."""
    meetings = _meetings(example["text"], example["published"])
    assert sorted(sorted(m.countries) for m in meetings) == example["countries"]
    assert all(MEETING["relative_clause"]["id"] in m.why["parties"] for m in meetings)


def test_a_visit_in_a_who_clause_is_the_setting_of_the_main_meeting():
    text = ("On November 15, Mr. Shigeru Ishiba, Prime Minister of Japan, who is visiting "
            "Lima, Peru, to attend the APEC Economic Leaders' Meeting, held a Japan-ROK "
            "Summit Meeting with President Yoon Suk Yeol.")
    meetings = _meetings(text, dt.date(2024, 11, 16))
    assert [sorted(m.countries) for m in meetings] == [["JPN", "KOR"]]


def test_a_quoted_he_is_no_pronoun_subject():
    text = ("Australian Prime Minister Scott Morrison said on Monday that trade would top "
            'his agenda. Wang said: "He will hold talks with Japan soon."')
    meetings = _meetings(text, dt.date(2020, 11, 16))
    assert not any(MEETING["pronoun_subject"]["id"] in m.why["parties"] for m in meetings)


def test_coordinated_guests_each_take_their_own_place_and_date():
    meetings = _meetings("Chinese Foreign Minister Wang Yi met Japanese Prime Minister "
                         "Yoshihide Suga in Tokyo on November 25 and President Moon Jae-in "
                         "in Seoul the next day.", dt.date(2020, 12, 1))
    found = sorted((sorted(m.countries), m.window.start, m.location) for m in meetings)
    assert found == [(["CHN", "JPN"], dt.date(2020, 11, 25), "Tokyo, Japan"),
                     (["CHN", "KOR"], dt.date(2020, 11, 26), "Seoul, South Korea")]


@pytest.mark.parametrize("example", MEETING["visit_elsewhere"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_the_country_arrived_in_from_a_meeting_elsewhere_is_no_party(example):
    (meeting,) = _meetings(example["text"], example["published"])
    assert sorted(meeting.countries) == example["countries"]


def _measures(text: str, published: dt.date) -> list:
    from tradetalks.ingest.corpus import Article
    from tradetalks.pipeline import extract_article

    article = Article(article_id="rule-test", file="rule-test.txt", outlet="Test Wire", url="",
                      title="", published=published, date_basis="manifest", language="en",
                      text=text + "\n", path=Path("x.txt"), warnings=())
    return extract_article(article).measures


@pytest.mark.parametrize("example", TRIGGERS["measure"]["followed_suit"]["examples"],
                         ids=lambda e: e["text"][:60])
def test_followed_suit_example_copies_the_measure_to_the_follower(example):
    measures = _measures(example["text"], example["published"])
    assert [m.imposer for m in measures] == example["imposers"]
    assert len({(m.measure_type, frozenset(m.products)) for m in measures}) == 1


@pytest.mark.parametrize("example", TRIGGERS["measure"]["instruments"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_a_measure_named_by_its_instrument_is_that_governments(example):
    measures = _measures(example["text"], example["published"])
    assert [m.imposer for m in measures] == [example["imposer"]]
    assert measures[0].why["imposer"] == TRIGGERS["measure"]["instruments"]["id"]


@pytest.mark.parametrize("example", MEETING["trilateral_host"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_a_bilateral_at_a_three_way_meeting_reports_both(example):
    meetings = _meetings(example["text"], example.get("published", dt.date(2019, 8, 23)))
    assert len(meetings) == example["meetings"]
    if example["meetings"] == 2:
        assert sorted(len(m.countries) for m in meetings) == [2, 3]
        assert all(m.status == meetings[0].status for m in meetings)


@pytest.mark.parametrize("example", TRIGGERS["measure"]["coordinated_owner"]["examples"],
                         ids=lambda e: e["text"][:60])
def test_a_clause_opening_with_another_governments_rules_is_its_measure(example):
    measures = _measures(example["text"], example["published"])
    assert [m.imposer for m in measures] == example["imposers"]
    assert all(m.measure_type == measures[0].measure_type for m in measures)


@pytest.mark.parametrize("example", MEETING["appositive"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_a_phrase_naming_the_event_takes_the_status_of_the_clause_before_it(example):
    (meeting,) = _meetings(example["text"], example["published"])
    assert meeting.status == example["status"]


@pytest.mark.parametrize("example", TRIGGERS["measure"]["reporting_subject"]["examples"],
                         ids=lambda e: e["text"][:60])
def test_a_measure_in_a_reported_clause_is_the_reporting_subjects(example):
    measures = _measures(example["text"], example["published"])
    assert [m.imposer for m in measures] == [example["imposer"]]
    assert measures[0].why["imposer"] == TRIGGERS["measure"]["reporting_subject"]["id"]


@pytest.mark.parametrize("example", MEETING["other_counterpart"]["examples"],
                         ids=lambda e: e["text"][:60])
def test_another_person_of_one_government_the_same_day_is_another_meeting(example):
    meetings = _meetings(example["text"], example["published"])
    assert sorted(sorted(m.participants) for m in meetings) == example["participants"]


@pytest.mark.parametrize("example", TRIGGERS["measure"]["split_by_date"]["examples"],
                         ids=lambda e: e["text"][:60])
def test_goods_each_with_their_own_date_are_one_measure_per_date(example):
    measures = _measures(example["text"], example["published"])
    assert sorted(sorted(m.products) for m in measures) == example["groups"]


@pytest.mark.parametrize("example", TRIGGERS["measure"]["goods_followed"]["examples"],
                         ids=lambda e: e["text"][-60:])
def test_goods_joining_the_measure_just_reported_are_a_measure_of_its_kind(example):
    measures = _measures(example["text"], example["published"])
    assert sorted(sorted(m.products) for m in measures) == example["groups"]
    assert len({(m.imposer, m.measure_type) for m in measures}) == 1


@pytest.mark.parametrize("example", TRIGGERS["measure"]["again"]["examples"],
                         ids=lambda e: e["text"][-50:])
def test_a_measure_taken_anew_is_a_row_of_its_own(example):
    assert len(_measures(example["text"], example["published"])) == example["rows"]


@pytest.mark.parametrize("example", MEETING["held_then_agreed"]["examples"],
                         ids=lambda e: e["text"][:60])
def test_an_agreement_to_meet_after_a_past_contact_leaves_it_held(example):
    (meeting,) = _meetings(example["text"], example["published"])
    assert meeting.status == example["status"]


@pytest.mark.parametrize("example", MEETING["pair_outcome"]["examples"],
                         ids=lambda e: e["text"][:60])
def test_a_meeting_whose_outcome_says_the_two_is_between_two_governments(example):
    meetings = _meetings(example["text"], example["published"])
    assert [sorted(m.countries) for m in meetings] == [example["countries"]]
