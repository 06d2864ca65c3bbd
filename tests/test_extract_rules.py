"""One codebook rule per test, on short articles of the team's own wording.

Each article is built in memory as a ``tradetalks.corpus.Article`` and run through
``extract_article``. Expected values come from the codebook (docs/codebook.md);
a test the current extractor fails is kept, marked ``xfail(strict=True)`` with the bug.
Known actors are taken from data/dictionaries/actors.csv and chosen to be in office on the
publication date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tradetalks.ingest.corpus import Article
from tradetalks.knowledge.dates import RANGE_RULES
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord
from tradetalks.pipeline import ArticleExtraction, extract_article


def run(*paragraphs: str, published: str = "2025-11-01") -> ArticleExtraction:
    """Extract from an article whose paragraphs are separated by a blank line."""
    article = Article(
        article_id="rule-test", file="rule-test.txt", outlet="Test Wire", url="",
        title="", published=dt.date.fromisoformat(published), date_basis="manifest",
        language="en", text="\n\n".join(paragraphs) + "\n", path=Path("x.txt"), warnings=(),
    )
    return extract_article(article)


def one_meeting(result: ArticleExtraction) -> MeetingRecord:
    assert len(result.meetings) == 1, [
        (sorted(m.countries), m.status, m.format) for m in result.meetings]
    return result.meetings[0]


def measures_of(result: ArticleExtraction, measure_type: str) -> list[MeasureRecord]:
    return [m for m in result.measures if m.measure_type == measure_type]


def one_measure(result: ArticleExtraction, measure_type: str) -> MeasureRecord:
    found = measures_of(result, measure_type)
    assert len(found) == 1, [(m.imposer, m.measure_type, sorted(m.products), m.status)
                             for m in result.measures]
    return found[0]


# =========================================================================================
# MEETINGS
# =========================================================================================

# Published Saturday 2025-11-01, so "on Thursday" is 2025-10-30 and "next week" is
# Monday 2025-11-03 to Sunday 2025-11-09.

def test_held_bilateral_ministerial_meeting_with_date_and_place():
    m = one_meeting(run(
        "Japanese Foreign Minister Toshimitsu Motegi met Chinese Foreign Minister Wang Yi "
        "in Tokyo on Thursday to discuss rare earth supplies."
    ))
    assert m.countries == {"CHN", "JPN"}
    assert m.status == "held"
    assert m.level == "minister"
    assert m.format == "bilateral"
    assert m.participants == {"Toshimitsu Motegi", "Wang Yi"}
    assert m.window is not None
    assert (m.window.start, m.window.end, m.window.precision) == (
        dt.date(2025, 10, 30), dt.date(2025, 10, 30), "day")
    assert m.window.text == "on Thursday" or m.window.text == "Thursday"
    assert m.location.startswith("Tokyo")


def test_planned_meeting_next_week_is_planned_with_a_week_window():
    m = one_meeting(run(
        "Japanese Trade Minister Ryosei Akazawa will meet South Korean Trade Minister "
        "Yeo Han-koo in Seoul next week, officials in Tokyo said."
    ))
    assert m.countries == {"JPN", "KOR"}
    assert m.status == "planned"
    assert m.window is not None
    assert (m.window.start, m.window.end, m.window.precision) == (
        dt.date(2025, 11, 3), dt.date(2025, 11, 9), "week")


def test_no_decision_about_meeting_is_undecided():
    m = one_meeting(run(
        "No decision has been made about Prime Minister Sanae Takaichi meeting Chinese "
        "President Xi Jinping at the end of the month, a government source said."
    ))
    assert m.countries == {"CHN", "JPN"}
    assert m.status == "undecided"


def test_spoke_by_phone_is_format_phone():
    m = one_meeting(run(
        "Japanese Foreign Minister Toshimitsu Motegi spoke by phone with South Korean "
        "Foreign Minister Cho Hyun on Tuesday about the detained fishermen."
    ))
    assert m.countries == {"JPN", "KOR"}
    assert m.format == "phone"
    assert m.status == "held"


def test_held_telephone_talks_is_format_phone():
    m = one_meeting(run(
        "Japanese Foreign Minister Toshimitsu Motegi held telephone talks with South Korean "
        "Foreign Minister Cho Hyun on Tuesday."
    ))
    assert m.format == "phone"


def test_letter_is_format_written():
    m = one_meeting(run(
        "South Korean President Lee Jae-myung sent a letter to Japanese Prime Minister "
        "Sanae Takaichi on Monday proposing closer cooperation on supply chains."
    ))
    assert m.countries == {"JPN", "KOR"}
    assert m.format == "written"
    assert m.level == "leader"


def test_trilateral_summit_has_three_countries():
    m = one_meeting(run(
        "The leaders of Japan, China and South Korea held a trilateral summit in Seoul on "
        "Monday and pledged to deepen trade ties."
    ))
    assert m.countries == {"CHN", "JPN", "KOR"}
    assert m.format == "trilateral"
    assert m.level == "leader"
    assert m.status == "held"


def test_press_conference_alone_is_not_a_meeting():
    result = run(
        "Chief Cabinet Secretary Minoru Kihara told a news conference in Tokyo on Friday "
        "that Japan was watching China's latest export rules closely."
    )
    assert result.meetings == []


def test_press_conference_mentioning_talks_is_not_a_meeting():
    result = run(
        "At a press conference in Beijing on Friday, foreign ministry spokesperson Mao Ning "
        "said China hoped Japan would create the right conditions for talks."
    )
    assert result.meetings == []


def test_domestic_cabinet_meeting_is_not_a_meeting():
    result = run(
        "At a cabinet meeting in Tokyo on Tuesday, Japanese ministers discussed how to respond "
        "to China's new curbs on rare earth exports."
    )
    assert result.meetings == []


def test_regular_talks_without_a_contact_is_not_a_meeting():
    result = run(
        "Japan and South Korea have agreed in principle to hold regular talks on export "
        "controls, according to people familiar with the matter."
    )
    assert result.meetings == []


def test_directors_general_are_senior_officials():
    m = one_meeting(run(
        "Directors-general from the foreign ministries of Japan and China met in Beijing on "
        "Wednesday to discuss the seafood issue."
    ))
    assert m.countries == {"CHN", "JPN"}
    assert m.level == "senior_official"


def test_top_export_control_officials_are_senior_officials():
    m = one_meeting(run(
        "Japanese and South Korean top export control officials met in Tokyo on Wednesday "
        "for the first time in three years."
    ))
    assert m.level == "senior_official"


def test_officials_of_unstated_rank_are_working_level():
    m = one_meeting(run(
        "Japanese and South Korean officials met in Seoul on Wednesday to review the "
        "list of controlled items."
    ))
    assert m.countries == {"JPN", "KOR"}
    assert m.level == "working_level"


def test_officials_from_two_countries_met_is_a_meeting():
    m = one_meeting(run(
        "Officials from Japan and South Korea met in Seoul on Wednesday to review the "
        "list of controlled items."
    ))
    assert m.countries == {"JPN", "KOR"}
    assert m.level == "working_level"


# =========================================================================================
# TRADE MEASURES
# =========================================================================================

def test_export_control_on_gallium_by_china():
    result = run(
        "China imposed export controls on gallium, a metal used in making semiconductors, "
        "in August 2023.",
        published="2023-09-15",
    )
    m = one_measure(result, "export_control")
    assert m.imposer == "CHN"
    assert "gallium" in m.products
    assert m.direction == "restrictive"


def test_export_control_products_leave_out_a_descriptive_aside():
    result = run(
        "China imposed export controls on gallium, a metal used in making semiconductors, "
        "in August 2023.",
        published="2023-09-15",
    )
    assert one_measure(result, "export_control").products == {"gallium"}


@pytest.mark.parametrize(("text", "published", "measure_type", "expected"), [
    pytest.param("China imposed export controls on gallium, a metal used in making "
                 "semiconductors, in August 2023.", "2023-09-15", "export_control", "2023-08",
                 id="gallium"),
    pytest.param("Japan removed South Korea from its white list of trusted trading partners "
                 "in August 2019.", "2019-09-20", "preferential_status_removal", "2019-08",
                 id="white-list"),
])
def test_measure_dated_a_few_words_after_its_verb(text, published, measure_type, expected):
    m = one_measure(run(text, published=published), measure_type)
    dated = {m.dates[f].iso() for f in ("announced", "in_force") if f in m.dates}
    assert expected in dated, {f: w.iso() for f, w in m.dates.items()}


def test_import_ban_on_japanese_seafood_targets_japan():
    result = run(
        "China banned imports of Japanese seafood in August 2023 after Tokyo began releasing "
        "treated water from the Fukushima plant into the sea.",
        published="2024-02-10",
    )
    m = one_measure(result, "import_ban")
    assert m.imposer == "CHN"
    assert m.targets == {"JPN"}
    assert m.products == {"seafood"}
    assert m.status == "in_force"


def test_lifting_in_a_later_sentence_updates_the_measure():
    result = run(
        "China imposed a ban on Japanese seafood in August 2023 over the release of treated "
        "water.",
        "Beijing lifted the ban on Japanese seafood in June 2025, officials said.",
        published="2025-07-10",
    )
    m = one_measure(result, "import_ban")
    assert m.imposer == "CHN"
    assert m.status == "lifted"
    assert m.direction == "liberalising"
    assert "lifted" in m.dates
    assert m.dates["lifted"].iso() == "2025-06"
    assert len(m.mentions) == 2


def test_lifting_by_anaphora_updates_the_measure():
    result = run(
        "China imposed a ban on Japanese seafood in August 2023 over the release of treated "
        "water.",
        "Beijing lifted the import ban in June 2025, officials said.",
        published="2025-07-10",
    )
    m = one_measure(result, "import_ban")
    assert m.status == "lifted"
    assert m.direction == "liberalising"
    assert m.dates.get("lifted") is not None


def test_urging_to_lift_fills_demands_and_does_not_lift():
    result = run(
        "China has banned imports of Japanese seafood since August 2023.",
        "On Thursday, Japanese Prime Minister Sanae Takaichi urged Beijing to lift the ban on "
        "Japanese seafood.",
    )
    m = one_measure(result, "import_ban")
    assert m.imposer == "CHN"
    assert m.demands, "the demand to lift should be recorded"
    assert m.demands[0].startswith("JPN")
    assert m.status not in ("lifted", "eased", "withdrawn")
    assert m.direction == "restrictive"
    assert "lifted" not in m.dates


def test_demand_is_dated_by_the_urging():
    result = run(
        "China has banned imports of Japanese seafood since August 2023.",
        "On Thursday, Japanese Prime Minister Sanae Takaichi urged Beijing to lift the ban on "
        "Japanese seafood.",
    )
    m = one_measure(result, "import_ban")
    assert m.demands == ["JPN urged lifting, 2025-10-30"]


def test_no_plans_to_impose_tariffs_is_no_measure():
    result = run(
        "South Korea has no plans to impose tariffs on Chinese steel, the trade ministry "
        "said on Friday."
    )
    assert result.measures == []


def test_wto_complaint_complainant_is_imposer():
    result = run(
        "South Korea filed a complaint with the World Trade Organization against Japan's "
        "export curbs on chip materials.",
        published="2019-09-20",
    )
    m = one_measure(result, "wto_dispute")
    assert m.imposer == "KOR"
    assert m.targets == {"JPN"}
    assert "semiconductor_materials" in m.products


def test_wto_case_without_products_challenges_the_goods_curbs_not_the_list_removal():
    result = run(
        "In July 2019 Japan tightened controls on exports to South Korea of three chip "
        "materials, and the following month it removed South Korea from its white list.",
        "South Korea's case at the World Trade Organization is still in its early stages.",
        published="2021-06-20",
    )
    m = one_measure(result, "wto_dispute")
    assert (m.imposer, m.targets) == ("KOR", {"JPN"})
    # the known chip-materials dispute (DS590), or the article's curbs: never the list
    assert "semiconductor_materials" in m.products and "dual_use_items" not in m.products


def test_white_list_removal_is_preferential_status_removal_of_dual_use_items():
    result = run(
        "Japan removed South Korea from its white list of trusted trading partners in "
        "August 2019.",
        published="2019-09-20",
    )
    m = one_measure(result, "preferential_status_removal")
    assert m.imposer == "JPN"
    assert m.products == {"dual_use_items"}
    assert m.targets == {"KOR"}


def test_white_list_removal_is_restrictive_not_lifted():
    result = run(
        "Japan removed South Korea from its white list of trusted trading partners in "
        "August 2019.",
        published="2019-09-20",
    )
    m = one_measure(result, "preferential_status_removal")
    assert m.direction == "restrictive"
    assert m.status in ("in_force", "announced")
    assert "lifted" not in m.dates


# =========================================================================================
# QUOTES AND ACTORS
# =========================================================================================

@pytest.mark.parametrize("attribution", [" Kajiyama said.", " said Kajiyama."])
def test_quote_followed_by_name_said_sets_the_speaker(attribution):
    inner = "We will keep reviewing the export controls on a case-by-case basis,"
    result = run(
        "Japan tightened its export controls on three chemicals last year.",
        f"“{inner}”{attribution}",
        published="2020-07-14",
    )
    quotes = [q for q in result.quotes if q.text == inner]
    assert len(quotes) == 1, result.quotes
    q = quotes[0]
    assert result.processed.cleaned.text[q.start:q.end] == inner
    assert q.speaker_id == "hiroshi-kajiyama"
    assert q.speaker_name == "Hiroshi Kajiyama"


def test_titled_person_not_in_dictionary_is_reported_unknown():
    result = run(
        "Chinese Vice Commerce Minister Ling Ji met Japanese business leaders in Beijing "
        "on Tuesday."
    )
    names = [name for name, _index, _sentence in result.unknown_persons]
    assert "Ling Ji" in names
    assert all(a.name != "Ling Ji" for a in result.actors)


@pytest.mark.parametrize("sentence", [
    "Since July, Japan has required separate licences for every shipment of photoresist "
    "to South Korea.",
    "Since July, Japan has made exporters apply for individual licences for shipments of "
    "photoresist to South Korea.",
])
def test_a_licence_requirement_with_words_between_is_an_export_control(sentence):
    # "required separate licences", "apply for individual licences": the licence
    # requirement is the measure, whatever adjective qualifies the licence
    measure = one_measure(run(sentence, published="2020-03-01"), "export_control")
    assert measure.imposer == "JPN" and "photoresist" in measure.products


@pytest.mark.parametrize("sentence", [
    "Foreign Minister Yoko Kamikawa said she had spoken with Chinese Foreign Minister Wang Yi "
    "by telephone on Monday.",
    "Foreign Minister Yoko Kamikawa said she had spoken to her counterpart Wang Yi on Monday.",
])
def test_a_speaker_reporting_her_own_call_is_a_party(sentence):
    # "X said she had spoken with Y": the speaker reports her own contact, in any form of
    # the verb
    meeting = one_meeting(run(sentence, published="2024-03-14"))
    assert meeting.countries == {"CHN", "JPN"}
    assert {"Yoko Kamikawa", "Wang Yi"} <= meeting.participants


def test_speaking_to_someone_by_phone_with_words_between_is_a_call():
    meeting = one_meeting(run(
        "Prime Minister Fumio Kishida wants to speak to President Joe Biden by phone "
        "as soon as possible.", published="2023-05-02"))
    assert meeting.format == "phone" and meeting.status == "proposed"


def test_restrictions_on_the_sale_of_goods_are_an_export_control():
    measure = one_measure(run(
        "Washington imposed new restrictions in December on the sale of advanced chips to "
        "China.", published="2023-01-10"), "export_control")
    assert measure.imposer == "USA" and measure.targets == {"CHN"}


def test_resuming_imports_eases_the_import_ban():
    measure = one_measure(run(
        "China will resume imports of beef from several Australian abattoirs.",
        published="2024-04-12"), "import_ban")
    assert (measure.imposer, measure.status, measure.direction) == (
        "CHN", "eased", "liberalising")


def test_a_requested_resumption_of_imports_is_a_demand_not_an_easing():
    result = run(
        "China suspended imports of Japanese seafood in August 2023.",
        "The minister requested the early resumption of imports of Japanese seafood.",
        published="2024-12-26")
    measure = one_measure(result, "import_ban")
    assert measure.status == "in_force" and measure.imposer == "CHN"


def test_a_second_trigger_word_in_the_same_clause_is_the_same_measure():
    # "Tariff" in the agency's name is not a second tariff with its own date
    result = run("China will impose an additional 34% tariff on all imports of U.S. goods "
                 "from April 10, the State Council Tariff Commission says.",
                 published="2025-04-04")
    assert len(measures_of(result, "tariff")) == 1


def test_triggers_in_two_clauses_of_one_sentence_stay_two_measures():
    result = run("Beijing began requiring export licences for gallium in August last year, "
                 "and shipments of antimony have needed a licence since Sept. 15.",
                 published="2024-12-04")
    assert len(measures_of(result, "export_control")) == 2


def test_restrictions_in_a_clause_of_their_own_after_a_list_change_are_a_measure():
    # the licences that follow from a list change describe it; restrictions that a verb of
    # their own imposes ("... and expanded restrictions on ...") are a second measure
    result = run("The U.S. Commerce Department on Monday added 140 Chinese entities to its Entity "
                 "List and expanded restrictions on the sale of chipmaking tools to China.",
                 published="2024-12-03")
    assert len(measures_of(result, "entity_list")) == 1
    assert one_measure(result, "export_control").products == {"chipmaking_equipment"}


def test_two_meetings_in_two_dated_clauses_are_two_meetings():
    # one sentence, two contacts: each clause has its own trigger, date and counterpart,
    # and "she" in the second clause is the first clause's first person
    result = run("On May 12, Prime Minister Fumio Kishida held talks with President Yoon Suk "
                 "Yeol in Seoul, and on May 19 he met President Joe Biden in Hiroshima.",
                 published="2023-05-22")
    found = sorted((sorted(m.countries), m.window.start.isoformat()) for m in result.meetings)
    assert found == [(["JPN", "KOR"], "2023-05-12"), (["JPN", "USA"], "2023-05-19")]


def test_a_second_clause_without_its_own_date_stays_part_of_the_meeting():
    result = run("Prime Minister Fumio Kishida met President Yoon Suk Yeol in Seoul on May 7, "
                 "and the two leaders agreed to hold regular talks.", published="2023-05-08")
    assert len(result.meetings) == 1


def test_a_summons_and_a_protest_lodged_with_the_embassy_are_two_meetings():
    result = run("Japan lodged a protest with the Chinese embassy in Tokyo over the ban.",
                 "Japanese Vice Foreign Minister Masataka Okano summoned Chinese Ambassador "
                 "Wu Jianghao on Tuesday over the ban.", published="2023-08-24")
    assert len(result.meetings) == 2
    assert {bool(m.window) for m in result.meetings} == {True, False}


def test_a_definite_meeting_noun_gives_way_to_the_sentence_s_own_trigger():
    # "the summit ended" dates the sentence; the summons is the event it reports
    result = run("Leaders of the Group of Seven met in Hiroshima from May 19 to May 21.",
                 "On the Sunday the summit ended, Chinese Vice Foreign Minister Sun Weidong "
                 "summoned the Japanese ambassador.", published="2023-05-23")
    summons = [m for m in result.meetings if m.countries == {"CHN", "JPN"}]
    assert len(summons) == 1
    assert summons[0].mentions[0].rule == "meeting.summons"


def test_shipments_held_up_at_the_border_are_an_export_ban():
    measure = one_measure(run("Chinese customs held up shipments of rare earths to Japan for "
                              "two months in 2010.", published="2019-07-10"), "export_ban")
    assert measure.imposer == "CHN" and measure.products == {"rare_earths"}


def test_a_clause_with_a_subject_of_its_own_reports_its_own_meeting():
    result = run("Trump said he would visit China in April, and that Xi would make a reciprocal "
                 "visit to the United States later.", published="2025-11-01")
    assert len(result.meetings) == 2


def test_a_clause_sharing_the_first_subject_is_the_same_meeting():
    result = run("Prime Minister Anthony Albanese visited Beijing in November, the first such "
                 "trip in seven years, and held talks with President Xi Jinping.",
                 published="2024-03-01")
    assert len(result.meetings) == 1


def test_a_pronoun_that_imposes_is_the_sentence_s_subject():
    result = run("Japan removed South Korea from its white list in August 2019, a month after "
                 "it tightened controls on exports of photoresist.", published="2023-07-21")
    assert one_measure(result, "export_control").imposer == "JPN"


def test_an_occasion_inside_the_month_named_gives_the_meeting_its_days():
    # "at the ASEAN summit in Jakarta next month": the summit's days, not the whole month
    meeting = one_meeting(run(
        "Prime Minister Fumio Kishida hopes to meet Chinese Premier Li Qiang on the sidelines "
        "of the ASEAN summit in Jakarta next month.", published="2023-08-24"))
    assert meeting.window is not None and meeting.window.start.month == 9
    assert (meeting.window.end - meeting.window.start).days < 7


def _meeting_of_sentence(result: ArticleExtraction, index: int) -> MeetingRecord:
    found = [m for m in result.meetings
             if any(x.sentence_index == index for x in m.mentions)]
    assert len(found) == 1, [(sorted(m.countries), m.window) for m in result.meetings]
    return found[0]


def test_the_two_joining_a_third_government_are_the_pair_of_the_meeting_before():
    result = run(
        "Foreign Minister Taro Kono and his South Korean counterpart Kang Kyung-wha met in "
        "Bangkok on Aug. 1.",
        "The next day, the two sat down with U.S. Secretary of State Mike Pompeo for a "
        "three-way meeting.",
        published="2019-08-05",
    )
    m = _meeting_of_sentence(result, 1)
    assert m.countries == {"JPN", "KOR", "USA"}
    assert m.format == "trilateral"
    assert m.why["parties"] == "the-two+previous-meeting"


@pytest.mark.parametrize("example", RANGE_RULES["relative_day"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_relative_day_example_dates_the_meeting_from_the_one_before(example):
    result = run(example["before"], example["text"],
                 published=str(example["published"]))
    window = _meeting_of_sentence(result, 1).window
    assert [window.start, window.end] == example["expect"]


# -- development 8 ---------------------------------------------------------------------------


def test_a_government_expected_to_announce_restrictions_imposes_them():
    # gen_05, dev8_11: "announce" with the infinitive's bare form is an imposing verb
    measure = one_measure(run("The Biden administration is expected to announce further "
                              "restrictions on exports of chipmaking equipment to China."),
                          "export_control")
    assert measure.imposer == "USA"


@pytest.mark.parametrize("sentence", [
    "The three materials Tokyo placed under case-by-case licensing on July 4 were "
    "fluorinated polyimide, photoresist and hydrogen fluoride.",
    "MOFCOM adds several types of graphite, used in battery anodes, to the licensing list, "
    "effective Dec. 1.",
    "Japan added tighter licensing on three key chipmaking materials on July 4.",
])
def test_licensing_as_a_noun_is_an_export_control(sentence):
    # dev6_11, dev8_01, dev8_15: "placed under licensing", "the licensing list",
    # "tighter licensing"
    assert measures_of(run(sentence, published="2023-12-05"), "export_control")


def test_a_list_of_preferred_or_favoured_partners_is_the_white_list():
    # dev7_01, dev8_01: "Seoul's own list of favoured trade partners"
    result = run("South Korean officials said on Wednesday they planned to drop Japan from "
                 "Seoul's own list of favoured trade partners.", published="2019-08-08")
    assert one_measure(result, "preferential_status_removal").imposer == "KOR"


def test_the_government_a_decision_moves_on_a_list_is_not_its_imposer():
    # dev6_02, dev8_01: "Japan's decision to return South Korea to its list": the object of
    # the infinitive, and "South Korea to its list", are not the acting government
    result = run("Japan's decision to return South Korea to its list of preferred trading "
                 "partners took effect Friday.", published="2023-07-21")
    assert one_measure(result, "preferential_status_removal").imposer == "JPN"


def test_a_sentence_naming_no_government_continues_the_latest_measure():
    # dev_07, dev8_11: "Exports of antimony ... have required licences since Sept. 15"
    result = run("China suspended imports of Japanese seafood in August last year.",
                 "Exports of antimony, used in batteries, have required licences since Sept. 15.",
                 published="2024-10-10")
    assert one_measure(result, "export_control").imposer == "CHN"


@pytest.mark.parametrize("sentence", [
    "On Tuesday, China put five U.S.-based subsidiaries of the South Korean shipbuilder Hanwha "
    "Ocean on a sanctions list.",
    "China's countermeasures against five U.S.-related subsidiaries of Hanwha Ocean took "
    "effect on Tuesday."], ids=["sanctions-list", "countermeasures-against-companies"])
def test_sanctions_on_named_companies_are_an_entity_list_measure(sentence):
    measure = one_measure(run(sentence, published="2025-10-15"), "entity_list")
    assert measure.imposer == "CHN"


def test_sanctions_on_a_country_are_not_an_entity_list_measure():
    result = run("The European Union imposed new sanctions on Russia on Friday.",
                 published="2025-10-15")
    assert not [m for m in result.measures if m.measure_type == "entity_list"]


def test_a_complaint_naming_no_goods_takes_those_of_the_one_dispute_open_between_the_two():
    result = run("Japan removed South Korea from its white list of trusted trading partners.",
                 "South Korea filed a complaint with the World Trade Organization in September "
                 "over the July measures.", published="2019-12-21")
    measure = one_measure(result, "wto_dispute")
    assert measure.imposer == "KOR"
    assert measure.products == {"fluorinated_polyimide", "hydrogen_fluoride", "photoresist",
                                "semiconductor_materials"}
    assert measure.why["products"] == "known-dispute:DS590"


def test_a_new_complaint_is_not_given_the_goods_of_one_of_several_open_disputes():
    result = run("China has filed a complaint with the World Trade Organization over the U.S. "
                 "\"reciprocal tariffs\", the commerce ministry says.", published="2025-04-04")
    assert not [m for m in result.measures if m.measure_type == "wto_dispute"
                and m.why["products"].startswith("known-dispute")]


def test_a_government_struck_off_a_list_does_not_impose_the_removal():
    measure = one_measure(run("Japan has also signaled that it may strike South Korea off its "
                              "\"white list\" of trusted trading partners.",
                              published="2019-07-10"), "preferential_status_removal")
    assert measure.imposer == "JPN"


def test_what_was_said_in_a_call_does_not_make_the_call_planned():
    result = run("Japan's Minister of Economy, Trade and Industry Yasutoshi Nishimura told "
                 "Commerce Secretary Gina Raimondo during a video call on October 14 that Japan "
                 "would respond appropriately.", published="2022-10-20")
    assert [(m.status, str(m.window.start)) for m in result.meetings] == [("held", "2022-10-14")]


@pytest.mark.parametrize("text", [
    "In November, Beijing halted again the imports of Japanese seafood that it had resumed.",
    "Beijing has barred imports of all fishery products since 2011.",
    "China said it would maintain its ban on food imports, including aquatic products.",
])
def test_a_verb_of_stopping_imports_with_words_between_is_an_import_ban(text):
    assert one_measure(run(text, published="2023-08-30"), "import_ban").measure_type == \
        "import_ban"


@pytest.mark.parametrize(("text", "imposer"), [
    ("China, for its part, has barred imports of food, including fishery products, from "
     "10 Japanese prefectures since 2011.", "CHN"),
    ("Washington agreed to cut the so-called fentanyl tariff on Chinese goods from 20% to "
     "10%.", "USA"),
    ("Seoul said it would maintain its ban on seafood imports from Fukushima.", "KOR"),
])
def test_the_subject_of_a_verb_of_imposing_imposes_its_object(text, imposer):
    result = run("Japan tightened its export controls on chips in July.", text,
                 published="2025-11-01")
    assert imposer in {m.imposer for m in result.measures
                       if m.measure_type in ("import_ban", "tariff")}


def test_conjoined_subjects_leave_the_imposer_to_the_words():
    from tradetalks.knowledge.parse import parse
    from tradetalks.rules.roles import imposers

    text = "The United States, Japan and the Netherlands have agreed to restrict exports."
    assert imposers(parse([text])[0], 0, len(text)) == []


def test_items_added_to_a_control_list_are_an_export_control_not_an_entity_list():
    result = run("Japan, meanwhile, will add 23 types of chip-manufacturing equipment to its "
                 "export control list on July 23.", published="2023-05-23")
    measure = one_measure(result, "export_control")
    assert (measure.imposer, measure.products) == ("JPN", {"chipmaking_equipment"})
    assert not measures_of(result, "entity_list")


def test_a_pronoun_imposer_in_a_clause_stands_for_the_government_above_it():
    import datetime as dt

    from tradetalks.knowledge.annotate import default_annotator
    from tradetalks.knowledge.parse import parse
    from tradetalks.rules.roles import parse_imposer

    text = "The United States will modify the additional duties it has imposed on Chinese goods."
    ann = default_annotator().annotate(text, dt.date(2019, 12, 13))
    start = text.index("duties")
    assert parse_imposer(parse([text])[0], start, start + len("duties"), ann) == (
        "USA", "pronoun-clause-subject")


def test_the_top_tier_of_a_strategic_goods_list_is_the_white_list():
    result = run("South Korea removed Japan from the top tier of its strategic goods export "
                 "destinations in September.", published="2019-09-20")
    assert one_measure(result, "preferential_status_removal").imposer == "KOR"


def test_taking_a_ban_to_the_wto_is_a_wto_step():
    result = run("South Korea banned imports of fishery products from eight prefectures.",
                 "Japan took the ban to the World Trade Organization in 2015.",
                 published="2019-04-12")
    assert one_measure(result, "wto_dispute").imposer == "JPN"


def test_what_a_government_should_have_taken_to_the_wto_is_no_wto_step():
    result = run("Tokyo should have taken Beijing to the WTO back in 2010.",
                 published="2023-07-05")
    assert not measures_of(result, "wto_dispute")


def test_goods_one_government_is_known_to_control_name_it_when_the_sentence_names_none():
    result = run("A: The export controls on gallium and germanium in force since August 1, "
                 "2023 will continue to apply.", published="2024-12-03")
    measure = one_measure(result, "export_control")
    assert (measure.imposer, measure.why["imposer"]) == ("CHN", "known-measure:gallium")


def test_goods_are_not_known_by_a_measure_announced_after_the_article():
    result = run("A: The export controls on gallium and germanium will continue to apply.",
                 published="2022-12-03")
    assert not measures_of(result, "export_control")


def test_a_meeting_dated_days_after_publication_without_past_tense_is_planned():
    meeting = one_meeting(run("The trade talks cleared the way for a three-way meeting of the "
                              "Japanese and South Korean leaders with Chinese Premier Li Keqiang "
                              "on Dec. 24.", published="2019-12-17"))
    assert (meeting.status, str(meeting.window.start)) == ("planned", "2019-12-24")


def test_a_meeting_with_a_past_verb_keeps_its_calendar_day_in_the_past():
    meeting = one_meeting(run("Japanese and South Korean trade ministers met in Tokyo on Dec. 24 "
                              "to discuss the export curbs.", published="2019-12-17"))
    assert (meeting.status, str(meeting.window.start)) == ("held", "2018-12-24")


def test_a_trilateral_summit_naming_two_of_the_three_neighbours_is_between_the_three():
    meeting = one_meeting(run("A trilateral summit that Japan had planned to host in January "
                              "was called off after Beijing said conditions were not right.",
                              published="2025-12-20"))
    assert meeting.countries == {"CHN", "JPN", "KOR"}


def test_a_trilateral_summit_naming_one_of_the_three_neighbours_is_between_the_three():
    meeting = one_meeting(run("A trilateral summit that Japan had hoped to host this month "
                              "has been put off indefinitely.", published="2025-12-20"))
    assert meeting.countries == {"CHN", "JPN", "KOR"}
    assert meeting.status == "cancelled"


def test_discussing_a_matter_with_a_named_foreign_leader_is_a_meeting():
    meeting = one_meeting(run("Dutch Prime Minister Mark Rutte had discussed export controls "
                              "with President Joe Biden at the White House on January 17.",
                              published="2023-01-28"))
    assert meeting.countries == {"NLD", "USA"}
    assert meeting.status == "held"


def test_a_trilateral_naming_a_government_outside_the_three_keeps_its_parties():
    meeting = one_meeting(run("Japanese and South Korean officials will hold trilateral talks "
                              "with the United States in Washington next week.",
                              published="2025-12-20"))
    assert meeting.countries == {"JPN", "KOR", "USA"}


@pytest.mark.parametrize("text", [
    "Japan's curbs on exports of three chipmaking chemicals to South Korea remain in place.",
    "Japan has controlled exports of 23 types of chipmaking equipment since July last year.",
])
def test_curbs_on_exports_and_controlled_exports_are_export_controls(text):
    assert one_measure(run(text, published="2024-03-01"), "export_control").imposer == "JPN"


def test_the_subject_of_is_expected_to_impose_imposes_the_measure():
    result = run("China has restricted exports of gallium since August.",
                 "Japan is expected to unveil its own controls on chipmaking equipment as "
                 "early as this month.", published="2023-03-20")
    assert "JPN" in {m.imposer for m in measures_of(result, "export_control")
                     if "chipmaking_equipment" in m.products}


def test_tariffs_on_us_goods_are_on_all_goods():
    measure = one_measure(run("China lowered its additional tariffs on U.S. goods to 10 percent.",
                              published="2025-05-14"), "tariff")
    assert (measure.imposer, measure.products) == ("CHN", {"all_goods"})


def test_goods_listed_long_before_a_licence_requirement_are_its_goods():
    result = run("Beijing tightened its export controls on graphite in 2023.",
                 "From today, exports of seven medium and heavy rare earth elements, namely "
                 "samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, "
                 "require a licence.", published="2025-04-04")
    assert {"rare_earths"} in [m.products for m in measures_of(result, "export_control")]


def test_a_negated_trigger_keeps_the_other_meeting_of_its_sentence():
    meeting = one_meeting(run(
        "Australian Prime Minister Scott Morrison has not spoken with Chinese President Xi "
        "Jinping since the two met on the sidelines of the G20 summit in Osaka last June.",
        published="2020-05-20"))
    # dated by the G20 summit in Osaka that "last June" names (June 28-29, 2019)
    assert (meeting.status, str(meeting.window.start)) == ("held", "2019-06-28")


def test_a_measure_on_one_story_governments_goods_is_imposed_by_the_other():
    result = run("The United States and China traded barbs over industrial subsidies this week.",
                 "Tariffs on Chinese electric vehicles will rise to 100 percent this year.",
                 published="2024-05-16")
    (tariff,) = measures_of(result, "tariff")
    assert (tariff.imposer, tariff.why["imposer"]) == ("USA", "story-other-government")


@pytest.mark.parametrize("text", [
    "The move followed Tokyo's tightening on July 4 of exports to South Korea of "
    "fluorinated polyimide, photoresist and hydrogen fluoride.",
    "Seoul welcomed the end of Japan's measures on the export of fluorinated polyimide, "
    "photoresist and hydrogen fluoride.",
])
def test_tightening_or_measures_on_exports_are_export_controls(text):
    assert one_measure(run(text, published="2023-03-20"), "export_control").imposer == "JPN"


@pytest.mark.parametrize("text", [
    "Japan then scrapped South Korea's status as a preferred trading partner.",
    "Seoul retaliated by taking Japan off its own list of trusted trading partners.",
])
def test_losing_preferred_partner_status_is_a_white_list_removal(text):
    assert measures_of(run(text, published="2019-09-20"), "preferential_status_removal")


def test_solemn_representations_lodged_with_a_government_are_a_contact():
    meeting = one_meeting(run("The Chinese side lodged solemn representations with the U.S. "
                              "side on Tuesday over the tariff increases.",
                              published="2024-05-16"))
    assert meeting.countries == {"CHN", "USA"}


@pytest.mark.parametrize("text", [
    "South Korea's government proposed on Monday that the two sides hold further talks "
    "with Japan at the director-general level.",
    "South Korea has proposed another round of the export control dialogue with Japan.",
])
def test_a_proposal_that_the_sides_meet_is_a_proposed_meeting(text):
    assert one_meeting(run(text, published="2019-07-20")).status == "proposed"


@pytest.mark.parametrize("text", [
    "South Korea avoided the steel tariff in 2018 only by accepting a quota.",
    "Japan requested relief from the additional tariffs on steel and aluminum.",
])
def test_a_government_that_avoids_or_seeks_relief_from_a_tariff_does_not_impose_it(text):
    assert all(m.imposer not in {"KOR", "JPN"} for m in run(text, published="2025-10-28").measures)


def test_an_invitation_to_visit_is_a_proposed_meeting():
    meeting = one_meeting(run("South Korean Foreign Minister Cho Hyun invited Chinese Foreign "
                              "Minister Wang Yi to visit Seoul at a mutually convenient time.",
                              published="2025-09-14"))
    assert meeting.status == "proposed"


def test_an_accepted_invitation_is_a_planned_meeting():
    meeting = one_meeting(run("Prime Minister Sanae Takaichi invited President Lee Jae-myung to "
                              "visit her hometown of Nara, and President Lee accepted.",
                              published="2025-10-31"))
    assert (meeting.status, meeting.why["status"]) == ("planned", "proposal-accepted:planned")


def test_food_banned_from_prefectures_is_an_import_ban():
    result = run("Taiwan, which has banned food, including seafood, from five Japanese "
                 "prefectures since 2011, is weighing an easing of its rules.",
                 published="2021-04-20")
    (ban,) = measures_of(result, "import_ban")
    assert ban.imposer == "TWN" and "seafood" in ban.products


def test_talks_that_could_be_held_are_undecided():
    result = run("Officials say a fifth round of economic talks between Chinese Vice Premier "
                 "He Lifeng and U.S. Treasury Secretary Scott Bessent could be held before "
                 "the APEC summit, though no date has been proposed.", published="2025-10-01")
    assert one_meeting(result).status == "undecided"


def test_a_ministry_meeting_with_its_own_industry_is_no_meeting():
    result = run("China curbed urea exports on Friday. South Korea's trade ministry said it "
                 "would hold an emergency meeting with importers on Monday to review "
                 "stockpiles.", published="2021-11-05")
    assert result.meetings == []


def test_a_newsletter_teaser_reports_no_meeting():
    result = run("Good morning. This week: the first U.S.-Japan economic talks, Seoul's "
                 "foreign minister in Tokyo, and a China-Japan meeting in the making.",
                 published="2022-07-25")
    assert result.meetings == []


def test_goods_added_to_an_export_control_list_are_an_export_control():
    result = run("Beijing also added seven rare earth elements, including samarium and "
                 "dysprosium, to its export control list on April 4.", published="2025-04-10")
    assert [m.measure_type for m in result.measures] == ["export_control"]
    assert "rare_earths" in result.measures[0].products


def test_companies_added_to_an_export_control_list_are_an_entity_list():
    result = run("China added 28 U.S. companies to its export control list on Thursday.",
                 published="2025-01-04")
    assert [m.measure_type for m in result.measures] == ["entity_list"]


@pytest.mark.parametrize("sentence", [
    "Australia is considering whether to challenge the barley duties at the World Trade "
    "Organization.",
    "Is China worried that Japan could bring a complaint to the WTO over the tariffs?",
])
def test_a_wto_step_only_weighed_is_no_dispute(sentence):
    result = run(sentence, published="2020-05-20")
    assert measures_of(result, "wto_dispute") == []


def test_a_wto_complaint_filed_is_a_dispute():
    result = run("Australia filed a complaint at the World Trade Organization over China's "
                 "duties on barley on Wednesday.", published="2020-12-18")
    assert [m.imposer for m in measures_of(result, "wto_dispute")] == ["AUS"]


def test_a_government_raising_a_measure_in_talks_is_not_its_imposer():
    result = run("Japanese Prime Minister Sanae Takaichi met Chinese Premier Li Qiang on "
                 "Friday. Takaichi also raised rare-earth export controls and the detention "
                 "of Japanese nationals in China.")
    assert all(m.imposer != "JPN" for m in result.measures)


def test_a_government_raising_its_own_tariffs_imposes_them():
    result = run("China has raised its tariffs on American goods to 125%, effective Saturday.",
                 published="2025-04-11")
    assert [m.imposer for m in measures_of(result, "tariff")] == ["CHN"]


@pytest.mark.parametrize("sentence", [
    "Ryosei Akazawa made eight trips to Washington, and on July 22 Donald Trump received him "
    "at the White House.",
    "Donald Trump announced the deal on July 22 after hosting Ryosei Akazawa at the White House.",
])
def test_a_leader_receiving_or_hosting_a_named_visitor_is_a_meeting(sentence):
    meeting = one_meeting(run(sentence, published="2025-07-25"))
    assert meeting.countries == {"JPN", "USA"} and meeting.status == "held"


@pytest.mark.parametrize("sentence", [
    "Seoul retaliated by dropping Japan from its own list of preferential partners, "
    "effective September 18.",
    "South Korea retaliated by downgrading Japan's trade status in September.",
])
def test_dropping_a_country_from_a_preferential_list_is_a_status_removal(sentence):
    [measure] = measures_of(run(sentence, published="2019-10-01"),
                            "preferential_status_removal")
    assert measure.imposer == "KOR"


def test_officials_who_sat_down_in_a_city_met():
    meeting = one_meeting(run(
        "Officials from South Korea's trade ministry and Japan's trade ministry sat down in "
        "Tokyo on Friday for about five hours.", published="2019-07-15"))
    assert meeting.countries == {"JPN", "KOR"} and meeting.status == "held"


@pytest.mark.parametrize("sentence", [
    "Masaaki Kanai of Japan's foreign ministry protested to a senior official of the Chinese "
    "embassy in Tokyo on January 7.",
    "South Korea's First Vice Foreign Minister Cho Sei-young called in Japanese Ambassador "
    "Koji Tomita on Thursday afternoon.",
    "Australia's ambassador in Beijing delivered Canberra's objections to officials of China's "
    "commerce ministry on May 18.",
])
def test_a_protest_or_an_envoy_called_in_is_a_contact(sentence):
    meeting = one_meeting(run(sentence, published="2020-05-20"))
    assert len(meeting.countries) == 2 and meeting.status == "held"


@pytest.mark.parametrize("sentence", [
    "Australia on Wednesday asked the World Trade Organization for consultations with China "
    "over the anti-dumping duties of 80.5% that Beijing has imposed on Australian barley.",
    "On Saturday Australia asked the World Trade Organization to settle its dispute over "
    "China's anti-dumping duties on Australian wine.",
])
def test_the_complainant_of_a_wto_step_is_never_inside_what_it_challenges(sentence):
    [dispute] = measures_of(run(sentence, published="2021-06-22"), "wto_dispute")
    assert dispute.imposer == "AUS"


def test_a_wto_complaint_is_about_the_dispute_known_before_the_articles_other_goods():
    result = run(
        "China has banned imports of Japanese seafood since August 2023.",
        "South Korea's WTO complaint against Japan's curbs, filed in September 2019, is "
        "still pending.", published="2023-10-02")
    [dispute] = measures_of(result, "wto_dispute")
    assert dispute.imposer == "KOR" and "semiconductor_materials" in dispute.products
    assert dispute.why["products"].startswith("known-dispute:")


def test_entity_list_written_with_a_hyphen_is_an_entity_list():
    result = run("Washington suspended for a year its affiliates rule, which had extended "
                 "entity-list restrictions to subsidiaries of listed Chinese firms.",
                 published="2025-11-12")
    assert [m.imposer for m in measures_of(result, "entity_list")] == ["USA"]


# --- the tenth round --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Seoul stopped Japanese seafood imports once more in March.",
    "Beijing bans beef and other meat imports from three Australian abattoirs.",
    "Beijing has kept the suspensions of wine imports from two Australian estates since May.",
])
def test_a_verb_or_noun_of_stopping_with_modifiers_before_imports_is_an_import_ban(text):
    assert one_measure(run(text, published="2024-05-02"), "import_ban").status == "in_force"


@pytest.mark.parametrize(("text", "imposer"), [
    ("Exporters fear that Washington will tighten its chip controls again this year.", "USA"),
    ("Nothing in the deal touches the US chip curbs that started the dispute.", "USA"),
    ("The Dutch government's new rules on advanced lithography equipment take effect "
     "next month.", "NLD"),
    ("They welcomed the updated rules on exports of advanced semiconductors that Japan "
     "published on Friday.", "JPN"),
])
def test_controls_named_by_their_goods_or_rules_on_exports_are_export_controls(text, imposer):
    (measure,) = measures_of(run(text, published="2024-05-02"), "export_control")
    assert measure.imposer == imposer


def test_a_ban_on_exports_with_an_adverb_is_an_export_ban():
    result = run("In January, China banned outright the export of antimony to the United "
                 "States.", published="2025-02-10")
    assert one_measure(result, "export_ban").products == {"antimony"}


@pytest.mark.parametrize("text", [
    "President Donald Trump said on Friday that imports from Canada would face a 35% tariff "
    "from Aug. 1.",
    "President Donald Trump on Friday sent a letter to Canada's prime minister informing him "
    "that goods from his country will face a 35% tariff from Aug. 1, raising the pressure "
    "on America's neighbour.",
])
def test_a_tariff_in_a_clause_the_subject_reports_is_the_subjects(text):
    measure = one_measure(run(text, published="2025-07-12"), "tariff")
    assert (measure.imposer, measure.products) == ("USA", {"all_goods"})
    assert measure.why["imposer"] == "measure.imposer-reporting-subject"


def test_a_measure_a_reported_clause_challenges_is_not_the_subjects():
    result = run("China imposed duties of 80% on Australian barley in May.",
                 "Birmingham said on Tuesday that the government was weighing a challenge at "
                 "the World Trade Organization over the barley duties.", published="2020-06-02")
    assert {m.imposer for m in result.measures} == {"CHN"}


@pytest.mark.parametrize("text", [
    "Japan and China agreed to hold the next round of their export control dialogue in "
    "Tokyo, with the date to be arranged through diplomatic channels.",
    "Nothing has been decided on a summit between Prime Minister Sanae Takaichi and "
    "President Lee Jae-myung.",
    "A summit between Prime Minister Sanae Takaichi and President Lee Jae-myung is under "
    "discussion, but nothing is scheduled.",
])
def test_a_meeting_whose_date_is_still_to_be_set_is_undecided(text):
    m = one_meeting(run(text, published="2025-11-05"))
    assert (m.status, m.window) == ("undecided", None)


@pytest.mark.parametrize("text", [
    "Japan requested consultations with South Korea on 9 March regarding duties of 30% on "
    "Japanese steel.",
    "Japan said the panel established in June to examine South Korea's duties on Japanese "
    "steel had been composed.",
])
def test_consultations_requested_or_a_panel_examining_a_measure_are_a_wto_step(text):
    (step,) = measures_of(run(text, published="2025-09-02"), "wto_dispute")
    assert (step.imposer, step.products) == ("JPN", {"steel"})


def test_goods_named_after_the_next_trigger_belong_to_that_measure():
    result = run("On Tuesday China banned exports of gallium and antimony to the United States, "
                 "a day after Washington tightened its chip controls.", published="2024-12-05")
    assert one_measure(result, "export_ban").products == {"antimony", "gallium"}


@pytest.mark.parametrize("text", [
    "Since July 4 Japan has required its exporters to seek a licence for each shipment of "
    "photoresist bound for South Korea.",
    "Japanese exporters have had to obtain case-by-case approval to ship photoresist to "
    "South Korea since July 4.",
])
def test_a_licence_or_approval_sought_for_each_shipment_is_an_export_control(text):
    measure = one_measure(run(text, published="2019-09-02"), "export_control")
    assert (measure.imposer, measure.products) == ("JPN", {"photoresist"})


def test_a_complaint_lodged_with_the_wto_is_no_contact_between_governments():
    result = run("Canberra lodged a formal complaint with the World Trade Organization on "
                 "Wednesday over Beijing's duties on Australian wine.", published="2021-06-25")
    assert result.meetings == []
    assert [m.measure_type for m in result.measures].count("wto_dispute") == 1


def test_anti_dumping_deposits_are_a_tariff():
    measure = one_measure(run("In November, Beijing imposed temporary anti-dumping deposits of "
                              "up to 212 per cent on Australian wine from November 28.",
                              published="2021-03-20"), "tariff")
    assert (measure.imposer, measure.products, measure.targets) == ("CHN", {"wine"}, {"AUS"})


def test_a_request_for_wto_consultations_is_no_proposed_meeting():
    result = run("Australia on Wednesday asked the World Trade Organization for consultations "
                 "with China over the anti-dumping duties on Australian barley.",
                 published="2020-12-17")
    assert result.meetings == []
    assert [m.measure_type for m in result.measures] == ["wto_dispute"]


def test_a_wto_step_over_a_governments_named_measure_codes_that_measure_too():
    result = run("The Australian government announced on Sunday that it would suspend its WTO "
                 "dispute over China's anti-dumping duties on Australian wine.",
                 published="2023-10-23")
    tariff = one_measure(result, "tariff")
    assert (tariff.imposer, tariff.products, tariff.status) == ("CHN", {"wine"}, "in_force")
    assert one_measure(result, "wto_dispute").imposer == "AUS"


def test_a_wto_step_over_another_governments_measure_is_not_the_complainants():
    result = run("China's WTO complaint against the U.S. chip controls is still pending.",
                 published="2023-10-23")
    assert [m.imposer for m in result.measures if m.measure_type == "export_control"] != ["CHN"]


@pytest.mark.parametrize(("text", "published"), [
    pytest.param("Prime Minister Fumio Kishida discussed the export rules with reporters in "
                 "Tokyo on Monday.", "2023-01-28", id="discussed-with-reporters"),
    pytest.param("The China-EU High-level Economic and Trade Dialogue was established in 2007.",
                 "2023-09-26", id="a-dialogue-founded"),
    pytest.param("Beijing told its citizens to avoid travel to Japan, and on November 19 it "
                 "suspended imports of Japanese seafood again.", "2025-12-01",
                 id="a-travel-advisory"),
])
def test_a_sentence_that_reports_no_contact_makes_no_meeting(text, published):
    assert run(text, published=published).meetings == []


@pytest.mark.parametrize("sentence", [
    "China's licensing regime for strategic materials now covers gallium and germanium "
    "(since August 2023), graphite (since December 2023) and antimony (since September 2024).",
    "China has required export licences for gallium and germanium since August 2023 and "
    "for graphite since December 2023.",
])
def test_goods_each_with_their_own_start_date_are_measures_of_their_own(sentence):
    found = measures_of(run(sentence, published="2024-12-10"), "export_control")
    starts = {frozenset(m.products): m.dates["in_force"].start.isoformat()[:7] for m in found}
    assert starts[frozenset({"graphite"})] == "2023-12"
    assert starts[frozenset({"gallium", "germanium"})] == "2023-08"
    assert all(m.why["products"] == "measure.split-by-date" for m in found
               if "graphite" in m.products)


def test_goods_sharing_one_date_stay_one_measure():
    (measure,) = measures_of(run(
        "In December 2024, China banned exports of gallium, germanium and antimony to the "
        "United States.", published="2025-01-10"), "export_ban")
    assert measure.products == {"gallium", "germanium", "antimony"}


def test_a_clause_after_the_next_trigger_is_not_the_first_triggers_sibling():
    found = measures_of(run(
        "Exports of antimony have required licences since Sept. 15, adding to controls on "
        "gallium and germanium from August 2023 and on graphite from December 2023.",
        published="2024-10-10"), "export_control")
    dated = sorted((sorted(m.products), m.dates["in_force"].start.isoformat()[:7])
                   for m in found)
    assert dated == [(["antimony"], "2024-09"), (["gallium", "germanium"], "2023-08"),
                     (["graphite"], "2023-12")]


def test_one_government_met_through_another_person_the_same_day_is_a_meeting_of_its_own():
    result = run("Japanese Foreign Minister Yoshimasa Hayashi held talks with Chinese Foreign "
                 "Minister Qin Gang in Beijing on Sunday.",
                 "On the same day, Hayashi paid a courtesy call on Chinese Premier Li Qiang.",
                 published="2023-04-03")
    assert sorted(sorted(m.participants) for m in result.meetings) == [
        ["Li Qiang", "Yoshimasa Hayashi"], ["Qin Gang", "Yoshimasa Hayashi"]]


def test_a_clause_without_a_subject_meeting_another_person_is_a_meeting_of_its_own():
    result = run("On Sunday, Japanese Foreign Minister Yoshimasa Hayashi paid a courtesy call on "
                 "Mr. Li Qiang, Premier of the State Council, and held a meeting with Mr. Wang "
                 "Yi, Director of the Office of the Central Foreign Affairs Commission.",
                 published="2023-04-03")
    found = sorted((sorted(m.participants), m.window.start.isoformat()) for m in result.meetings)
    assert found == [(["Li Qiang", "Yoshimasa Hayashi"], "2023-04-02"),
                     (["Wang Yi", "Yoshimasa Hayashi"], "2023-04-02")]


def test_a_coordinated_clause_is_dated_by_its_own_words():
    found = measures_of(run(
        "China has required licences for exports of gallium and germanium since August "
        "2023, and for graphite from December 2023.", published="2024-12-10"),
        "export_control")
    dated = {frozenset(m.products): m.dates["in_force"].start.isoformat()[:7] for m in found}
    assert dated == {frozenset({"gallium", "germanium"}): "2023-08",
                     frozenset({"graphite"}): "2023-12"}


def test_the_month_of_may_is_no_hedge():
    measure = one_measure(run("China imposed tariffs on Australian barley in May.",
                              published="2021-01-10"), "tariff")
    assert (measure.status, measure.dates["in_force"].start.isoformat()) == (
        "in_force", "2020-05-01")


def test_controls_on_the_named_chip_chemicals_are_export_controls():
    measure = one_measure(run(
        "Japan's controls on fluorinated polyimide, photoresist and hydrogen fluoride have "
        "applied to South Korea since July 4.", published="2019-11-08"), "export_control")
    assert (measure.imposer, measure.dates["in_force"].start.isoformat()) == ("JPN", "2019-07-04")


def test_exchanging_views_with_a_named_counterpart_is_a_meeting():
    meeting = one_meeting(run(
        "Earlier in the day, Prime Minister Fumio Kishida exchanged views with Prime Minister "
        "Han Duck-soo of South Korea over lunch.", published="2023-03-17"))
    assert meeting.countries == {"JPN", "KOR"}


def test_an_instrument_named_with_the_trigger_outranks_an_earlier_possessive():
    found = run("The suspension of China's October rare-earth rules runs until November, and "
                "the Section 232 tariffs on steel and aluminium remain in force.",
                published="2025-11-20")
    (tariff,) = measures_of(found, "tariff")
    assert (tariff.imposer, tariff.why["imposer"]) == ("USA", "measure.imposer-named-instrument")


def test_a_meeting_said_to_be_unlikely_is_undecided():
    meeting = one_meeting(run(
        "Analysts say a meeting between Prime Minister Scott Morrison and President Xi "
        "Jinping in November is unlikely.", published="2020-10-20"))
    assert meeting.status == "undecided"


def test_an_arrival_told_in_the_present_is_planned():
    meeting = one_meeting(run(
        "U.S. Treasury Secretary Janet Yellen arrives in Beijing on Thursday for a four-day "
        "visit and is slated to meet Chinese Vice-Premier He Lifeng.", published="2023-07-04"))
    assert (meeting.status, meeting.window.start.isoformat()) == ("planned", "2023-07-06")


@pytest.mark.parametrize("sentence", [
    "A trilateral summit of Japan, China and South Korea that Tokyo had hoped to host in "
    "January was shelved after Beijing signalled that it would not attend.",
    "China has told Japan it will not take part in the trilateral summit with South Korea "
    "that Tokyo had planned to host in January, effectively cancelling the meeting.",
])
def test_a_shelved_or_cancelling_meeting_is_cancelled(sentence):
    assert one_meeting(run(sentence, published="2025-12-20")).status == "cancelled"


def test_a_ban_interrupted_by_with_immediate_effect_is_an_export_ban():
    measure = one_measure(run(
        "On Jan 6, China's commerce ministry banned, with immediate effect, exports of "
        "dual-use items to Japanese military end users.", published="2026-01-10"), "export_ban")
    assert (measure.imposer, measure.products) == ("CHN", {"dual_use_items"})


@pytest.mark.parametrize("sentence", [
    "China's commerce ministry said it would apply stricter end-user reviews to graphite "
    "exports bound for the United States.",
    "The ministry also tightened end-use and end-user reviews for graphite items bound for "
    "the U.S., citing national security.",
])
def test_end_user_reviews_are_an_export_control(sentence):
    measure = one_measure(run(sentence, published="2024-12-05"), "export_control")
    assert (measure.imposer, measure.products) == ("CHN", {"graphite"})


def test_barring_buyers_from_buying_a_countrys_chips_is_an_import_ban():
    measure = one_measure(run(
        "China's cyberspace regulator on Sunday barred operators of critical information "
        "infrastructure from buying products of U.S. memory chipmaker Micron Technology.",
        published="2023-05-25"), "import_ban")
    assert (measure.imposer, measure.targets, measure.products) == (
        "CHN", {"USA"}, {"semiconductors"})


@pytest.mark.parametrize("sentence", [
    "The Netherlands has blocked sales of ASML's most advanced extreme ultraviolet "
    "lithography machines to China since 2019.",
    "The Netherlands is expected to bar ASML from selling some deep ultraviolet lithography "
    "systems to China.",
])
def test_blocking_sales_or_barring_a_seller_is_an_export_control(sentence):
    measure = one_measure(run(sentence, published="2023-01-20"), "export_control")
    assert (measure.imposer, measure.targets, measure.products) == (
        "NLD", {"CHN"}, {"chipmaking_equipment"})


@pytest.mark.parametrize("sentence", [
    "Beijing suspended the sweeping rare-earth rules it announced in October for a year.",
    "China's rare earth export rules announced last October have been suspended for one year.",
])
def test_rare_earth_rules_are_an_export_control(sentence):
    measure = one_measure(run(sentence, published="2025-12-05"), "export_control")
    assert (measure.imposer, measure.products) == ("CHN", {"rare_earths"})


@pytest.mark.parametrize("sentence", [
    "The licence regime for gallium and germanium has applied to all destinations since "
    "August last year, China's commerce ministry says.",
    "In July 2023 China announced licensing for exports of gallium and germanium.",
    "In 2023 China first imposed licences on gallium and germanium.",
])
def test_licence_wordings_are_an_export_control(sentence):
    measure = one_measure(run(sentence, published="2024-09-05"), "export_control")
    assert (measure.imposer, measure.products) == ("CHN", {"gallium", "germanium"})


def test_goods_that_would_be_licensed_are_an_export_control():
    measure = one_measure(run(
        "In October of 2023 China said graphite would be licensed from December 1.",
        published="2024-09-05"), "export_control")
    assert (measure.imposer, measure.products) == ("CHN", {"graphite"})


def test_deposits_of_a_rate_are_a_tariff():
    measure = one_measure(run(
        "Beijing then imposed deposits of up to 212 percent on Australian wine from "
        "November 28.", published="2020-12-10"), "tariff")
    assert (measure.imposer, measure.targets, measure.products) == ("CHN", {"AUS"}, {"wine"})


@pytest.mark.parametrize("sentence", [
    "South Korea said its own removal of Japan from the top tier of trusted trade partners "
    "will take effect Sept. 18.",
    "South Korea's trade ministry said it would go ahead with removing Japan from its \"Ga\" "
    "group of export destinations.",
])
def test_removal_of_a_government_from_a_list_group_or_tier_is_a_status_removal(sentence):
    measure = one_measure(run(sentence, published="2019-09-10"), "preferential_status_removal")
    assert (measure.imposer, measure.targets) == ("KOR", {"JPN"})


@pytest.mark.parametrize("sentence", [
    "Those steps build on the sweeping restrictions Washington imposed last October on "
    "sales of advanced chips and chipmaking tools to Chinese buyers.",
    "Washington's sweeping curbs imposed in October 2022 on advanced chips and chipmaking "
    "tools bound for China remain in force.",
])
def test_curbs_imposed_on_goods_or_sales_are_an_export_control(sentence):
    measure = one_measure(run(sentence, published="2023-03-10"), "export_control")
    assert (measure.imposer, measure.targets) == ("USA", {"CHN"})


def test_an_unnamed_tariff_on_imported_cars_after_march_2025_is_washingtons():
    measure = one_measure(run(
        "Tokyo wants relief from the 25 percent tariff on imported cars and auto parts, which "
        "took effect on April 3 for cars.", published="2025-06-20"), "tariff")
    assert measure.imposer == "USA"
    assert measure.why["imposer"].startswith("known-measure:")


@pytest.mark.parametrize("opening", ["In August it dropped", "Then on August 28, it dropped"])
def test_it_after_an_opening_time_phrase_is_the_previous_sentences_subject(opening):
    result = run("Japan tightened its controls on three chemicals bound for South Korea in July. "
                 f"{opening} South Korea from its list of preferred trading partners.",
                 published="2019-10-01")
    measure = one_measure(result, "preferential_status_removal")
    assert (measure.imposer, measure.targets) == ("JPN", {"KOR"})


def test_another_kinds_trigger_words_are_no_status_cue():
    result = run("In July Japan tightened its controls on exports of photoresist to South Korea. "
                 "South Korea hit back by taking its case to the World Trade Organization in "
                 "September and by removing Japan from its own list of trusted trading partners "
                 "the same month.", published="2019-11-20")
    assert one_measure(result, "wto_dispute").status != "lifted"


@pytest.mark.parametrize("sentence", [
    "Japan will host the next trilateral summit with China and South Korea, though no date "
    "has been set.",
    "Tokyo wants a meeting between Prime Minister Sanae Takaichi and Chinese President Xi "
    "Jinping there, but officials say nothing has been arranged.",
])
def test_a_meeting_with_no_date_set_is_undecided(sentence):
    assert one_meeting(run(sentence, published="2025-11-20")).status == "undecided"


def test_a_leaders_meeting_at_one_forum_takes_its_window_not_an_overlapping_forums():
    meeting = one_meeting(run(
        "Joe Biden and Xi Jinping may meet in person at the G20 summit in Bali next month, "
        "but neither side has confirmed any such plan.", published="2022-10-20"))
    assert (meeting.window.start.isoformat(), meeting.window.end.isoformat()) == (
        "2022-11-15", "2022-11-16")


def test_a_named_forum_in_a_past_month_is_that_months_meeting_of_the_series():
    meeting = one_meeting(run(
        "Kishida and President Xi Jinping met in San Francisco in November, on the sidelines "
        "of the Asia-Pacific Economic Cooperation summit.", published="2024-09-23"))
    assert (meeting.window.start.isoformat(), meeting.window.end.isoformat()) == (
        "2023-11-11", "2023-11-17")


def test_a_forum_that_overlaps_the_week_named_dates_the_meeting():
    meeting = one_meeting(run(
        "Foreign Minister Yoko Kamikawa will meet Chinese Foreign Minister Wang Yi on the "
        "sidelines of the United Nations General Assembly in New York next week.",
        published="2024-09-18"))
    assert (meeting.window.start.isoformat(), meeting.window.end.isoformat()) == (
        "2024-09-24", "2024-09-30")


def test_a_same_day_phrase_narrows_a_stay_to_its_first_day():
    meeting = one_meeting(run(
        "President Yoon Suk Yeol will fly to Tokyo on Thursday for a two-day visit, and is due "
        "to sit down with Prime Minister Fumio Kishida the same afternoon.",
        published="2023-03-14"))
    assert (meeting.window.start.isoformat(), meeting.window.end.isoformat()) == (
        "2023-03-16", "2023-03-16")


@pytest.mark.parametrize(("sentence", "imposer"), [
    ("In April, South Korea returned Japan to its white list of trusted trading partners.",
     "KOR"),
    ("Korea moved Japan from its Ga group to a new Ga-2 group of export destinations on "
     "September 18, 2019.", "KOR"),
])
def test_the_subject_that_returns_or_moves_a_country_on_its_list_is_the_imposer(sentence,
                                                                                  imposer):
    result = run(sentence, published="2023-05-10")
    assert one_measure(result, "preferential_status_removal").imposer == imposer


def test_writing_to_another_governments_minister_is_a_written_contact():
    meeting = one_meeting(run(
        "Trade Minister Simon Birmingham wrote to his Chinese counterpart Zhong Shan in May "
        "proposing a call to discuss barley.", published="2020-06-15"))
    assert (sorted(meeting.countries), meeting.format, meeting.status) == (
        ["AUS", "CHN"], "written", "held")
