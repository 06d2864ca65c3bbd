"""Roles decided by the parse rules of data/rules/roles.yaml, through the whole extractor."""

from __future__ import annotations

from test_extract_rules import one_measure, run


def test_imposer_is_the_by_agent_not_the_speaker_or_region():
    m = one_measure(run(
        "The European Commission expressed concern over the export restrictions on "
        "lithography machines imposed by the Netherlands, which took effect on Sept. 1."
    ), "export_control")
    assert m.imposer == "NLD" and m.why["imposer"] == "measure.imposer-by-agent"


def test_imposer_is_the_relative_clause_subject_not_the_goods_origin():
    m = one_measure(run(
        "The minister requested the early resumption of imports of Japanese seafood, "
        "which China has suspended since August 2023."
    ), "import_ban")
    assert m.imposer == "CHN" and m.why["imposer"] == "measure.imposer-relative-subject"


def test_every_measure_row_says_why_its_imposer_was_chosen():
    m = one_measure(run("China announced export controls on graphite on Friday."),
                    "export_control")
    assert m.why["imposer"] and m.why["status"].startswith("clause:")


def test_a_summons_is_between_the_summoner_and_the_summoned_not_the_other_clause():
    result = run("Chinese Vice Foreign Minister Sun Weidong summoned Japanese Ambassador Kenji "
                 "Kanasugi in Beijing on Thursday and demanded that Prime Minister Sanae Takaichi "
                 "retract her remarks on Taiwan.", published="2025-11-14")
    summons = [m for m in result.meetings if m.mentions[0].rule == "meeting.summons"]
    assert len(summons) == 1
    assert summons[0].countries == {"CHN", "JPN"}
    assert "Sanae Takaichi" not in summons[0].participants
    assert summons[0].why["parties"].startswith("summoner+summoned")


def test_an_envoy_is_summoned_by_the_story_s_other_government_when_the_summoner_is_unnamed():
    result = run("China and Japan traded barbs over Taiwan this week.",
                 "On Nov 13, Vice-Foreign Minister Sun Weidong summoned Japanese Ambassador Kenji "
                 "Kanasugi to lodge stern representations.", published="2025-11-20")
    summons = [m for m in result.meetings if m.mentions[0].rule == "meeting.summons"]
    assert [m.countries for m in summons] == [{"CHN", "JPN"}]
    assert "summoned-envoy+story-government" in summons[0].why["parties"]


def test_the_bureau_of_industry_and_security_is_the_united_states_government():
    m = one_measure(run("On the same day, BIS added 31 Chinese companies and research institutes "
                        "to its Entity List.", published="2022-10-08"), "entity_list")
    assert m.imposer == "USA"


def test_the_ministry_of_commerce_named_alone_is_the_chinese_government():
    m = one_measure(run("On Jan 6, the Ministry of Commerce banned exports of all dual-use items "
                        "to Japanese military end users.", published="2026-01-07"), "export_ban")
    assert m.imposer == "CHN"
