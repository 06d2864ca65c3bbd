"""Date resolution (tradetalks.dates) against the codebook's "Dates" section.

Every expected value below is derived from the codebook's wording, not from the code:
a weekday is the latest such day on or before publication; an explicit date in the text
wins; "last month" is the previous calendar month; "in August" the latest August not after
publication; "next week" the following Monday-Sunday; "last week" the previous
Monday-Sunday (or the week ending on a Sunday publication day); future-tense or planned
acts resolve forward; durations are not dates; several known days are precision ``day``
with start != end; ISO strings are "2023", "2023-12", "2023-12-01" and "start/end".
"""

from __future__ import annotations

import datetime as dt

import pytest

from tradetalks.knowledge.dates import RANGE_RULES, DateMention, find_dates

D = dt.date.fromisoformat


def the_date(text: str, published: str, phrase: str, forward: bool = False) -> DateMention:
    """The single resolved date mention in ``text`` whose words contain ``phrase``."""
    found = [d for d in find_dates(text, D(published), forward) if d.is_date]
    hits = [d for d in found if phrase in d.text]
    assert len(hits) == 1, f"expected one date covering {phrase!r}, got {found}"
    mention = hits[0]
    assert text[mention.start:mention.end] == mention.text
    return mention


def window(m: DateMention) -> tuple[str, str, str]:
    return m.date_start.isoformat(), m.date_end.isoformat(), m.precision


# --- weekdays ----------------------------------------------------------------------------

def test_weekday_resolves_to_latest_such_day_before_publication():
    # published Saturday 2025-11-01: "on Thursday" is Thursday 2025-10-30
    m = the_date("The ministers met in Tokyo on Thursday.", "2025-11-01", "Thursday")
    assert window(m) == ("2025-10-30", "2025-10-30", "day")


def test_weekday_on_publication_day_is_that_day():
    # published Thursday 2025-10-30: "on Thursday" is the publication day itself
    m = the_date("The ministers met in Tokyo on Thursday.", "2025-10-30", "Thursday")
    assert window(m) == ("2025-10-30", "2025-10-30", "day")


def test_last_weekday_on_publication_day_is_that_day():
    # "last Thursday" = the latest Thursday on or before publication, as for "Thursday"
    m = the_date("They spoke last Thursday.", "2025-10-30", "Thursday")
    assert window(m) == ("2025-10-30", "2025-10-30", "day")


@pytest.mark.parametrize(("published", "expected"), [
    ("2025-11-01", "2025-11-06"),  # Saturday → the coming Thursday
    ("2025-10-30", "2025-11-06"),  # on a Thursday, "next Thursday" is a week on
])
def test_next_weekday_looks_forward_without_the_forward_flag(published, expected):
    # the codebook: a weekday is the latest on or before publication "unless the text says
    # 'next'"; the word alone decides, whatever the caller's tense guess
    m = the_date("The ministers meet next Thursday.", published, "Thursday")
    assert window(m) == (expected, expected, "day")


def test_future_tense_weekday_resolves_forward():
    # published Friday 2025-10-31: "will announce on Wednesday" is Wednesday 2025-11-05
    m = the_date("The ministry will announce the rules on Wednesday.", "2025-10-31",
                 "Wednesday", forward=True)
    assert window(m) == ("2025-11-05", "2025-11-05", "day")


# --- explicit dates win over inference ----------------------------------------------------

def test_last_weekday_with_explicit_date_uses_the_explicit_date():
    # published Friday 2025-11-07: inference alone would give Thursday 2025-11-06,
    # but the text says October 30, which wins; date_text keeps the whole phrase
    m = the_date("The two ministers met last Thursday (October 30) in Seoul.", "2025-11-07",
                 "Thursday")
    assert window(m) == ("2025-10-30", "2025-10-30", "day")
    assert m.text == "last Thursday (October 30)"


def test_weekday_with_explicit_date_in_parentheses():
    # published Monday 2025-11-03
    m = the_date("The leaders spoke by phone on Sunday (November 2).", "2025-11-03", "Sunday")
    assert window(m) == ("2025-11-02", "2025-11-02", "day")
    assert "Sunday (November 2)" in m.text


@pytest.mark.parametrize("sentence", [
    "Wang sat down with Raimondo in Washington on Thursday, 25 May, and raised concerns.",
    "Wang sat down with Raimondo in Washington on Thursday, May 25, and raised concerns.",
])
def test_weekday_with_explicit_date_after_a_comma(sentence):
    # published Monday 2023-06-05: inference alone would give Thursday 2023-06-01
    m = the_date(sentence, "2023-06-05", "Thursday")
    assert window(m) == ("2023-05-25", "2023-05-25", "day")


def test_planned_weekday_with_explicit_date_after_publication():
    # published Friday 2025-10-31, a planned meeting: Sunday (November 2) is 2025-11-02
    m = the_date("The leaders will meet on Sunday (November 2).", "2025-10-31", "Sunday",
                 forward=True)
    assert window(m) == ("2025-11-02", "2025-11-02", "day")


def test_explicit_day_with_year():
    m = the_date("The rules took effect on Dec. 1, 2023.", "2024-01-05", "Dec. 1")
    assert window(m) == ("2023-12-01", "2023-12-01", "day")
    assert m.iso() == "2023-12-01"


def test_day_range_is_day_precision_with_distinct_start_and_end():
    # published Monday 2023-11-20: the summit ran Nov. 15-17, 2023
    m = the_date("Leaders gathered in San Francisco Nov. 15-17 for the summit.", "2023-11-20",
                 "Nov. 15")
    assert window(m) == ("2023-11-15", "2023-11-17", "day")
    assert m.date_start != m.date_end
    assert m.iso() == "2023-11-15/2023-11-17"


# --- months ------------------------------------------------------------------------------

def test_last_month_is_previous_calendar_month():
    m = the_date("Beijing tightened the rules last month.", "2025-11-01", "last month")
    assert window(m) == ("2025-10-01", "2025-10-31", "month")
    assert m.iso() == "2025-10"


def test_last_month_in_january_is_previous_december():
    m = the_date("Beijing tightened the rules last month.", "2025-01-15", "last month")
    assert window(m) == ("2024-12-01", "2024-12-31", "month")


def test_earlier_this_month_runs_from_month_start_to_the_day_before_publication():
    # project decision (methods chapter, changed in 0.15.0): "earlier this month" is over
    # before the day of the report (that day would be "today"), so it is the window from
    # the 1st to the day before publication
    m = the_date("The ban was announced earlier this month.", "2025-11-20", "this month")
    assert window(m) == ("2025-11-01", "2025-11-19", "window")


def test_earlier_this_month_on_the_first_is_that_day():
    m = the_date("The ban was announced earlier this month.", "2025-11-01", "this month")
    assert window(m) == ("2025-11-01", "2025-11-01", "window")


def test_later_this_year_runs_from_publication_to_year_end():
    m = the_date("A summit is planned for later this year.", "2025-04-22", "this year")
    assert window(m) == ("2025-04-22", "2025-12-31", "window")


@pytest.mark.parametrize(("published", "expected"), [
    ("2025-11-01", "2025-08"),  # after August: this year's August
    ("2025-08-20", "2025-08"),  # published in August: that August (it is not after publication)
    ("2025-03-10", "2024-08"),  # published in March: last year's August
])
def test_in_august_is_latest_august_not_after_publication(published, expected):
    m = the_date("Japan raised the issue in August.", published, "August")
    assert m.precision == "month"
    assert m.iso() == expected
    year, month = map(int, expected.split("-"))
    assert m.date_start == dt.date(year, month, 1)
    assert m.date_end == dt.date(year, month, 31)


def test_starting_in_december_for_an_expected_act_resolves_forward():
    # published 2023-10-20: "expected to restrict exports ... starting in December" → 2023-12
    m = the_date("China is expected to restrict graphite exports starting in December.",
                 "2023-10-20", "December", forward=True)
    assert window(m) == ("2023-12-01", "2023-12-31", "month")


def test_month_in_the_past_and_forward_differ():
    # the same words, published August 2025: backward → 2024-12, forward → 2025-12
    text = "The curbs apply starting in December."
    assert the_date(text, "2025-08-15", "December").iso() == "2024-12"
    assert the_date(text, "2025-08-15", "December", forward=True).iso() == "2025-12"


@pytest.mark.parametrize(("published", "expected"), [
    ("2025-03-10", "2025-07"),  # July still ahead this year
    ("2025-09-01", "2026-07"),  # July already past: next year's July
])
def test_will_take_effect_in_july_resolves_forward(published, expected):
    m = the_date("The tariff will take effect in July.", published, "July", forward=True)
    assert m.precision == "month"
    assert m.iso() == expected


# --- weeks -------------------------------------------------------------------------------

@pytest.mark.parametrize("forward", [True, False], ids=["forward", "backward"])
def test_next_week_is_following_monday_to_sunday(forward):
    # published Saturday 2025-11-01 → Monday 2025-11-03 to Sunday 2025-11-09, whatever the
    # caller's tense guess: "next" decides
    m = the_date("The ministers will meet next week.", "2025-11-01", "next week",
                 forward=forward)
    assert window(m) == ("2025-11-03", "2025-11-09", "week")


def test_next_week_published_on_a_monday():
    # published Monday 2025-11-03 → the Monday after, 2025-11-10 to 2025-11-16
    m = the_date("The ministers will meet next week.", "2025-11-03", "next week", forward=True)
    assert window(m) == ("2025-11-10", "2025-11-16", "week")


def test_last_week_is_previous_monday_to_sunday():
    # published Wednesday 2025-11-05 → Monday 2025-10-27 to Sunday 2025-11-02
    m = the_date("Officials met last week.", "2025-11-05", "last week")
    assert window(m) == ("2025-10-27", "2025-11-02", "week")


def test_last_week_published_on_a_sunday_is_the_week_ending_that_day():
    # published Sunday 2025-11-02 → Monday 2025-10-27 to Sunday 2025-11-02
    m = the_date("Officials met last week.", "2025-11-02", "last week")
    assert window(m) == ("2025-10-27", "2025-11-02", "week")


# --- days, years, windows, durations ------------------------------------------------------

def test_yesterday_is_the_day_before_publication():
    m = the_date("The two sides met yesterday.", "2025-11-01", "yesterday")
    assert window(m) == ("2025-10-31", "2025-10-31", "day")


@pytest.mark.parametrize(("sentence", "phrase", "expected"), [
    ("The ministers met in early September.", "early September", ("2025-09-01", "2025-09-10")),
    ("The ministers met in mid-September.", "mid-September", ("2025-09-11", "2025-09-20")),
    ("The ministers met in late February.", "late February", ("2025-02-21", "2025-02-28")),
    ("The ministers met late last month.", "late last month", ("2025-10-21", "2025-10-31")),
    ("The ministers will meet early next month.", "early next month",
     ("2025-12-01", "2025-12-10")),
    ("The ministers met in early May.", "early May", ("2025-05-01", "2025-05-10")),
])
def test_early_mid_or_late_month_is_a_third_of_it(sentence, phrase, expected):
    assert window(the_date(sentence, "2025-11-01", phrase)) == (*expected, "window")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("before the end of the year", ("2026-02-10", "2026-12-31")),
    ("by the end of this month", ("2026-02-10", "2026-02-28")),
    ("later in the year", ("2026-02-10", "2026-12-31")),
    ("by the end of the week", ("2026-02-10", "2026-02-15")),
    ("this weekend", ("2026-02-14", "2026-02-15")),
    ("in the first half of next year", ("2027-01-01", "2027-06-30")),
    ("in the first half of this year", ("2026-02-10", "2026-06-30")),
])
def test_a_period_still_to_run_is_a_window_from_publication(phrase, expected):
    m = the_date(f"The two sides will meet {phrase}.", "2026-02-10", phrase, forward=True)
    assert window(m) == (*expected, "window")


@pytest.mark.parametrize("phrase", ["this afternoon", "this morning", "this evening", "tonight"])
def test_a_part_of_today_is_the_day_of_publication(phrase):
    m = the_date(f"The president held a summit with the premier {phrase}.", "2025-11-01", phrase)
    assert window(m) == ("2025-11-01", "2025-11-01", "day")


def test_year_alone():
    m = the_date("Japan first tightened the controls in 2008.", "2025-11-01", "2008")
    assert window(m) == ("2008-01-01", "2008-12-31", "year")
    assert m.iso() == "2008"


def test_the_summer_is_a_window():
    # published 2025-11-01: the summer just past, June to August 2025
    m = the_date("Talks stalled over the summer.", "2025-11-01", "summer")
    assert window(m) == ("2025-06-01", "2025-08-31", "window")


def test_the_summer_published_in_spring_is_last_years():
    # published 2025-03-01: the latest summer not after publication is 2024's
    m = the_date("Talks stalled over the summer.", "2025-03-01", "summer")
    assert window(m) == ("2024-06-01", "2024-08-31", "window")


def test_duration_is_not_a_date():
    text = "The dispute has dragged on for more than 3½ years."
    assert [d for d in find_dates(text, D("2025-11-01")) if d.is_date] == []
    durations = [d for d in find_dates(text, D("2025-11-01")) if "years" in d.text]
    for d in durations:
        assert d.precision == ""
        assert d.iso() == ""


def test_no_date_in_text_gives_nothing():
    assert [d for d in find_dates("The ministers met in Tokyo.", D("2025-11-01"))
            if d.is_date] == []


# --- ISO strings ---------------------------------------------------------------------------

def test_iso_year():
    assert the_date("The ban began in 2023.", "2025-11-01", "2023").iso() == "2023"


def test_iso_month():
    m = the_date("The ban began in December 2023.", "2025-11-01", "December")
    assert m.iso() == "2023-12"


def test_iso_day():
    assert the_date("The ban began on Dec. 1, 2023.", "2025-11-01", "Dec. 1").iso() == \
        "2023-12-01"


def test_iso_week():
    # published Thursday 2025-03-20: next week is 2025-03-24 to 2025-03-30
    m = the_date("Talks will resume next week.", "2025-03-20", "next week", forward=True)
    assert m.iso() == "2025-03-24/2025-03-30"


# --- month-name edge cases ------------------------------------------------------------------

def test_in_may_is_a_month():
    # "in May" follows the "in August" rule: published 2025-11-01 → 2025-05
    m = the_date("The ministers met in May.", "2025-11-01", "May")
    assert window(m) == ("2025-05-01", "2025-05-31", "month")


def test_modal_may_is_not_a_date():
    text = "Japan may impose tariffs on steel."
    assert [d for d in find_dates(text, D("2025-11-01")) if d.is_date] == []


def test_duration_in_the_past_years_is_not_a_date():
    text = "Exports fell in the past two years."
    assert [d for d in find_dates(text, D("2025-11-01")) if d.is_date] == []


# --- ranges and multi-day stays (data/rules/dates.yaml) ------------------------------------

RANGE_EXAMPLES = [(rule["id"], example) for rule in RANGE_RULES["rules"]
                  for example in rule["examples"]]


def test_every_range_rule_has_a_purpose_and_an_example():
    for rule in RANGE_RULES["rules"]:
        assert rule["id"].startswith("date.") and rule["purpose"] and rule["examples"]


@pytest.mark.parametrize(("rule_id", "example"), RANGE_EXAMPLES,
                         ids=[f"{i}:{n}" for n, (i, _) in enumerate(RANGE_EXAMPLES)])
def test_range_example_keeps_its_first_and_last_day(rule_id, example):
    found = [d for d in find_dates(example["text"], example["published"],
                                   example.get("forward", False)) if d.is_date]
    assert [(d.date_start, d.date_end) for d in found] == [tuple(example["expect"])]
    assert found[0].precision == "day" and found[0].date_start < found[0].date_end


def test_two_days_joined_by_and_without_between_are_not_a_range():
    # "on 2 and 7 November": two separate days; only "7 November" is read as a date
    found = [d for d in find_dates("Talks were held on 2 and 7 November.", D("2024-11-20"))
             if d.is_date]
    assert [(d.date_start, d.date_end) for d in found] == [(D("2024-11-07"), D("2024-11-07"))]


def test_a_length_in_days_without_an_anchor_day_is_not_a_date():
    assert not [d for d in find_dates("She spent four days of talks in Beijing.",
                                      D("2023-07-10")) if d.is_date]


def test_a_day_before_at_the_end_of_a_trip_dates_the_clause_not_the_trip():
    # "met Xi on Tuesday, at the end of a four-day trip": the meeting is that Tuesday
    m = the_date("The premier met Xi in Beijing on Tuesday, at the end of a four-day trip.",
                 "2023-06-28", "Tuesday")
    assert window(m) == ("2023-06-27", "2023-06-27", "day")


def test_a_forward_weekday_on_its_own_day_of_publication_is_that_day():
    # published Thursday 2025-10-30: "are to meet on Thursday" is that day, not a week on
    m = the_date("The ministers are to meet on Thursday.", "2025-10-30", "on Thursday",
                 forward=True)
    assert window(m) == ("2025-10-30", "2025-10-30", "day")


def test_last_month_name_written_in_that_month_is_a_year_before():
    m = the_date("Kishida spoke with Li in Jakarta last September.", "2024-09-23", "September")
    assert window(m) == ("2023-09-01", "2023-09-30", "month")


def test_last_may_is_read_as_a_month():
    m = the_date("The two met last May.", "2024-09-23", "May")
    assert window(m) == ("2024-05-01", "2024-05-31", "month")


def test_next_month_name_earlier_in_the_year_is_next_year():
    m = the_date("They plan to meet next May.", "2024-09-23", "May")
    assert window(m) == ("2025-05-01", "2025-05-31", "month")


def test_a_month_of_last_year_is_in_the_year_before_publication():
    # written in October: "in August" alone would be two months before
    m = the_date("They met in Beijing in August last year.", "2024-10-02", "August")
    assert window(m) == ("2023-08-01", "2023-08-31", "month")
    assert m.text == "in August last year"


def test_a_day_of_last_year_is_in_the_year_before_publication():
    m = the_date("Controls have applied since July 4 last year.", "2024-10-02", "July 4")
    assert window(m) == ("2023-07-04", "2023-07-04", "day")


def test_a_month_of_next_year_is_in_the_year_after_publication():
    m = the_date("They plan to meet in March next year.", "2024-10-02", "March")
    assert window(m) == ("2025-03-01", "2025-03-31", "month")
