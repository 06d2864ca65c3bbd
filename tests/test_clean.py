"""Debris rules and the removal log (tradetalks.clean), on the team's own texts and the seeds.

Every rule in data/rules/debris.yaml, and the two rules in code, is exercised on a small text
written for this file; the seed tests check the cleaned articles against
tests/seed_boundaries.csv, written by reading the seed files (not by running the cleaner).
"""

from __future__ import annotations

import csv
import time
from functools import cache
from pathlib import Path

import pytest

from tradetalks.ingest.clean import Removal, clean_text
from tradetalks.paths import SEEDS_DIR

BOUNDARIES = Path(__file__).with_name("seed_boundaries.csv")

BODY_1 = "Tokyo and Seoul agreed on Tuesday to resume working-level talks on chip materials."
BODY_2 = "The two ministries will meet again in Seoul before the end of the year, officials said."


def removed(text: str) -> dict[str, str]:
    """Removed line text -> rule id."""
    return {r.text: r.rule for r in clean_text(text).removals}


def article_with(*debris: str) -> str:
    """Two article paragraphs with the given debris lines between them."""
    return "\n\n".join([BODY_1, *debris, BODY_2])


def assert_body_kept(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"


# --- rules from data/rules/debris.yaml ----------------------------------------------------------

@pytest.mark.parametrize("line", [
    "(LEAD) Tokyo, Seoul trade officials to hold talks on chip materials",
    "(2nd LD) Tokyo, Seoul agree to resume working-level talks",
    "(ATTN: ADDS comments from the trade ministry in paras 4-5)",
])
def test_wire_editorial_tag_lines_are_removed(line):
    text = article_with(line)
    assert removed(text) == {line: "wire_editorial_tag"}
    assert_body_kept(text)


def test_a_sentence_with_a_bracket_inside_is_not_a_wire_tag():
    text = article_with("The ministry (LEAD agency for the talks) said it would respond.")
    assert removed(text) == {}


@pytest.mark.parametrize("line", [
    "TOPIX 2,701.49 Increased By ▲ 12.06 (0.45%)",
    "SONY 3,120.00 No Change ▼ 0.00 (0%)",
    "NIKKEI 38,120.50 ▲ 210.30 (+0.55%)",
    "KOSPI 2,480.12 -15.40 (-0.62%)",
])
def test_market_ticker_lines_are_removed(line):
    text = article_with(line)
    assert removed(text) == {line: "market_ticker"}
    assert_body_kept(text)


def test_market_ticker_strip_of_many_lines_is_removed_entirely():
    strip = "TOPIX 2,701.49 Increased By ▲ 12.06 (0.45%)\nNIKKEI 38,120.50 ▲ 210.30 (+0.55%)"
    cleaned = clean_text(f"{strip}\n\n{BODY_1}")
    assert [r.rule for r in cleaned.removals] == ["market_ticker", "market_ticker"]
    assert cleaned.text == BODY_1


def test_sentence_starting_word_number_up_is_not_a_market_ticker():
    sentence = "In 2024 up to 300 Japanese firms applied for export licences, the ministry said."
    assert clean_text(sentence).text == sentence


@pytest.mark.parametrize("line", [
    "Comments",
    "0 Comments",
    "200 characters",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
])
def test_comment_widget_lines_are_removed(line):
    text = article_with(line)
    assert removed(text) == {line: "comment_widget"}
    assert_body_kept(text)


def test_related_links_heading_and_its_bullet_list_are_removed():
    links = ("READ ALSO:\n- Seoul Restores Japan To Export White List\n"
             "- Beijing Tightens Rules On Graphite Exports")
    text = f"{BODY_1}\n{links}\n{BODY_2}"
    assert removed(text) == {
        "READ ALSO:": "related_links",
        "- Seoul Restores Japan To Export White List": "related_links",
        "- Beijing Tightens Rules On Graphite Exports": "related_links",
    }
    assert_body_kept(text)


def test_related_links_read_more_on_one_line_is_removed():
    line = "Read more: Seoul and Tokyo restore fast-track trade status"
    text = article_with(line)
    assert removed(text) == {line: "related_links"}
    assert_body_kept(text)


@pytest.mark.parametrize("line", [
    "Subscribe today for unlimited access to our trade coverage.",
    "Independent reporting like this depends on quality journalism.",
    "Support our journalism by becoming a member.",
])
def test_subscription_plea_lines_are_removed(line):
    text = article_with(line)
    assert removed(text) == {line: "subscription_plea"}
    assert_body_kept(text)


def test_article_sentence_using_subscribe_is_not_a_subscription_plea():
    sentence = ("China urged Japan to support the free-trade principles that both "
                "countries subscribe to.")
    assert clean_text(sentence).text == sentence


@pytest.mark.parametrize("line", [
    "Featured image credit: Kyodo News",
    "Photo: Reuters/Kim Hong-Ji",
    "Image credit: Ministry of Economy, Trade and Industry",
])
def test_image_credit_lines_are_removed(line):
    text = article_with(line)
    assert removed(text) == {line: "image_credit"}
    assert_body_kept(text)


@pytest.mark.parametrize("line", [
    "Advertisement",
    "Story continues below advertisement",
    "Share this article",
    "Follow us on Telegram for the latest updates.",
])
def test_advertisement_lines_are_removed(line):
    text = article_with(line)
    assert removed(text) == {line: "advertisement"}
    assert_body_kept(text)


# --- rules in code ---------------------------------------------------------------------------

@pytest.mark.parametrize("fragment", ["…..Tokyo Weighs Its Response", "...Seoul Responds"])
def test_leading_ellipsis_headline_fragment_is_removed(fragment):
    cleaned = clean_text(f"{fragment}\n{BODY_1}\n{BODY_2}")
    assert cleaned.removals == (Removal(1, "headline_fragment", fragment),)
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"


def test_short_related_headline_between_paragraphs_is_removed():
    headline = "Seoul weighs new curbs on Japanese chemicals"
    text = article_with(headline)
    assert removed(text) == {headline: "headline_fragment"}
    assert_body_kept(text)


def test_duplicate_paragraph_second_copy_is_removed_and_first_kept():
    cleaned = clean_text(f"{BODY_1}\n{BODY_2}\n{BODY_1}")
    assert cleaned.removals == (Removal(3, "duplicate_paragraph", BODY_1),)
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"


def test_duplicate_paragraph_ignores_case_and_spacing():
    copy = "  " + BODY_1.upper().replace(" ", "   ") + "  "
    cleaned = clean_text(f"{BODY_1}\n{copy}")
    assert [r.rule for r in cleaned.removals] == ["duplicate_paragraph"]
    assert cleaned.text == BODY_1


def test_short_repeated_sentence_is_not_a_duplicate_paragraph():
    cleaned = clean_text("Talks resumed.\nTalks resumed.")
    assert cleaned.removals == ()


# --- the removal log ------------------------------------------------------------------------

def test_every_removal_is_logged_with_line_number_rule_and_text():
    text = "\n".join([
        "NIKKEI 38,120.50 ▲ 210.30 (+0.55%)",  # 1
        "",                                    # 2
        BODY_1,                                # 3
        "Photo: Reuters/Kim Hong-Ji",          # 4
        BODY_2,                                # 5
        "",                                    # 6
        "Leave a Reply",                       # 7
    ])
    assert clean_text(text).removals == (
        Removal(1, "market_ticker", "NIKKEI 38,120.50 ▲ 210.30 (+0.55%)"),
        Removal(4, "image_credit", "Photo: Reuters/Kim Hong-Ji"),
        Removal(7, "comment_widget", "Leave a Reply"),
    )


def test_paragraph_spans_point_into_the_cleaned_text():
    cleaned = clean_text(article_with("Advertisement", "Comments"))
    assert [cleaned.text[s:e] for s, e in cleaned.paragraphs] == [BODY_1, BODY_2]


# --- article text survives -------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Talks resumed.",
    "Officials called the meeting “a first step”",
    "Kishida said Japan would not back down: “We will keep talking.”",
    "The ministry listed three demands:",
    "Will the curbs be lifted?",
])
def test_ordinary_article_lines_survive(line):
    text = f"{BODY_1}\n{line}\n{BODY_2}"
    cleaned = clean_text(text)
    assert cleaned.removals == ()
    assert cleaned.text == f"{BODY_1}\n\n{line}\n\n{BODY_2}"


def test_hard_wrapped_line_continuing_in_lower_case_is_joined_not_removed():
    text = "Japan and South Korea agreed on Monday to hold\nanother round of talks in Seoul."
    cleaned = clean_text(text)
    assert cleaned.removals == ()
    assert cleaned.text == ("Japan and South Korea agreed on Monday to hold another round of "
                            "talks in Seoul.")
    assert cleaned.paragraphs == ((0, len(cleaned.text)),)


def test_hard_wrapped_line_continuing_with_a_name_is_not_removed():
    text = "The ministers were joined at the table by Prime Minister\nShinzo Abe and two aides."
    cleaned = clean_text(text)
    assert cleaned.removals == ()


def test_article_bullet_list_after_a_colon_is_kept():
    text = ("The ministry listed two demands:\n- lifting the ban on Japanese seafood\n"
            "- releasing the detained businessman")
    assert clean_text(text).removals == ()


def test_hard_wrapped_line_ending_with_a_preposition_is_joined():
    text = "Officials said the talks would be held in\nSeoul before the end of the year."
    cleaned = clean_text(text)
    assert cleaned.removals == ()
    assert cleaned.text == text.replace("\n", " ")


@pytest.mark.parametrize("headline", [
    "Seoul weighs new curbs on Japanese chemicals",  # sentence case, ends with a noun
    "Talks Resume With The Prime Minister",  # Title Case: no lower-case content word
])
def test_headline_directly_above_a_paragraph_is_not_joined_to_it(headline):
    cleaned = clean_text(f"{headline}\n{BODY_1}")
    assert cleaned.removals == (Removal(1, "headline_fragment", headline),)
    assert cleaned.text == BODY_1


def test_list_of_related_headlines_without_bullets_is_not_joined():
    lines = ["China lifts barley tariffs as trade thaw deepens",
             "Winemakers eye return to Shanghai shelves"]
    cleaned = clean_text("\n".join([BODY_1, "", *lines, "", BODY_2]))
    assert [r.text for r in cleaned.removals] == lines


def test_bullets_after_a_short_heading_ending_with_a_colon_are_still_removed():
    text = f"{BODY_1}\nMore from Reuters:\n- Seoul Responds\n{BODY_2}"
    assert "Seoul Responds" not in clean_text(text).text


@pytest.mark.parametrize("line", [
    "KOSPI 1" + " " * 50_000 + "x",
    "Photo" + " " * 50_000 + "x",
    "Read more" + " " * 50_000 + "x",
    "subscribe " * 20_000 + "help us",
])
def test_long_lines_are_matched_in_linear_time(line):
    assert _seconds(clean_text, line * 4) < 8 * _seconds(clean_text, line) + 0.05


def _seconds(function, argument) -> float:
    """The best of three timings: a ratio of two such timings stays meaningful on a busy
    machine, where a wall-clock bound does not."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        function(argument)
        timings.append(time.perf_counter() - started)
    return min(timings)


def test_many_short_wrapped_lines_are_joined_in_linear_time():
    # 4x the lines in at most 8x the time (joining by repeated copies would be ~16x)
    small = "Talks\n" + "resumed\n" * 50_000
    large = "Talks\n" + "resumed\n" * 200_000
    assert _seconds(clean_text, large) < 8 * _seconds(clean_text, small) + 0.05
    assert len(clean_text(large).paragraphs) == 1


# --- the seeds -------------------------------------------------------------------------------

@cache
def seed_raw(article_id: str) -> str:
    return (SEEDS_DIR / f"{article_id}.txt").read_text(encoding="utf-8")


@cache
def seed_cleaned(article_id: str):
    return clean_text(seed_raw(article_id))


def seed_id(prefix: str) -> str:
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return path.stem


def read_boundaries() -> list[dict[str, str]]:
    with BOUNDARIES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SEED_IDS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))
DEBRIS_WORDS = ("comment", "leave a reply", "subscrib", "read also", "journalism",
                "email address", "characters", "image credit")


def test_seed_boundaries_file_covers_every_seed():
    assert sorted(r["article_id"] for r in read_boundaries()) == SEED_IDS


@pytest.mark.parametrize("boundary", read_boundaries(), ids=lambda r: r["article_id"])
def test_seed_cleaned_text_starts_and_ends_with_the_article_body(boundary):
    text = seed_cleaned(boundary["article_id"]).text
    assert text.startswith(boundary["first_sentence"])
    assert text.endswith(boundary["last_sentence"])


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_seed_removal_log_matches_the_raw_lines(article_id):
    raw_lines = seed_raw(article_id).split("\n")
    for removal in seed_cleaned(article_id).removals:
        assert raw_lines[removal.line - 1].strip() == removal.text


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_seed_lines_not_in_the_removal_log_are_kept(article_id):
    cleaned = seed_cleaned(article_id)
    removed_lines = {r.line for r in cleaned.removals}
    for number, line in enumerate(seed_raw(article_id).split("\n"), start=1):
        if line.strip() and number not in removed_lines:
            assert line.strip() in cleaned.text, f"line {number} lost: {line[:60]!r}"


def test_seed_002_starts_after_the_market_ticker():
    cleaned = seed_cleaned(seed_id("002"))
    assert cleaned.text.startswith("Chinese President Xi Jinping")
    assert {r.rule for r in cleaned.removals if r.line <= 34} == {"market_ticker"}


def test_seed_001_repeated_paragraph_is_kept_once():
    text = seed_cleaned(seed_id("001")).text
    assert text.count("According to reports from Bloomberg and Kyodo News") == 1


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_seed_ends_without_comment_subscription_or_link_debris(prefix):
    paragraphs = seed_cleaned(seed_id(prefix)).text.split("\n\n")
    tail = paragraphs[-1].casefold()
    assert not any(word in tail for word in DEBRIS_WORDS), tail
    assert paragraphs[-1].endswith(".")


def test_seed_004_related_link_lines_are_removed():
    cleaned = seed_cleaned(seed_id("004"))
    link_lines = [line for line in seed_raw(seed_id("004")).split("\n") if line.startswith("- ")]
    assert len(link_lines) == 3
    logged = {r.text: r.rule for r in cleaned.removals}
    for line in link_lines:
        assert logged.get(line) == "related_links"
        assert line[2:] not in cleaned.text
    assert "READ ALSO" not in cleaned.text


def test_a_long_linked_headline_under_a_related_heading_is_removed():
    text = ("Ministers met in Tokyo on Monday.\n\nRelated Articles\n"
            "S. Korea, Japan trade officials to hold talks in Geneva next week on export "
            "curbs\nJapan's white list removal of S. Korea to take effect Aug. 28\n")
    cleaned = clean_text(text)
    assert cleaned.text == "Ministers met in Tokyo on Monday."
    assert [r.rule for r in cleaned.removals] == ["related_links"] * 3
