"""Find date expressions in a sentence and resolve them against the publication date.

The codebook's rules: a weekday is the latest such day on or before publication unless
the text looks forward; "last month" is the previous calendar month; "in August" the
latest August not after publication; "next week" the following Monday-Sunday; an
explicit date in the text ("(October 30)") wins over inference; a weekday or month in
the future tense, or attached to an expected or planned act, resolves forward. Durations
("more than 3½ years") are recognised so that they are never taken for dates. Explicit
month-day strings are parsed with dateutil; the relative rules are our own. Ranges
("Nov. 15-17", "Tuesday and Wednesday") and stays of N days anchored on a day ("a
three-day visit that began Monday") keep their first and last day; their words are data
(``data/rules/dates.yaml``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from dateutil import parser as dateutil_parser

from tradetalks.paths import RULES_DIR
from tradetalks.prefilter import compile as guarded

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_RANGE = r"(?:-|–|to|through|until)"
# "August last year", "July 4 this year": the year named relative to publication
_REL_YEAR = r"\s+(?:of\s+)?(?P<relyear>last|this|next)\s+year\b"
_REL_STEP = {"last": -1, "this": 0, "next": 1}

with (RULES_DIR / "dates.yaml").open(encoding="utf-8") as _handle:
    RANGE_RULES = yaml.safe_load(_handle)
NUMBER_WORDS: dict[str, int] = RANGE_RULES["number_words"]


def _words(key: str) -> str:
    """An alternation of the data file's words, longest first."""
    words = sorted(RANGE_RULES[key], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


_COUNT = r"(?P<count>\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
_ANCHOR = (rf"(?:(?:on|last|next|this|coming)\s+)?(?P<anchor>{_WEEKDAY}|{_MONTH}\s+{_DAY}"
           rf"(?:,?\s+{_YEAR})?)")
_STAY = (rf"{_COUNT}(?:[- ]days?\s+|\s+days\s+of\s+)(?:[\w-]+\s+){{0,2}}?"
         rf"{_words('stay_nouns')}")
_OWNER = r"(?:a|an|his|her|their|its|the)\s+"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("stay_first", guarded(
        rf"\b{_ANCHOR},?\s+for\s+(?:{_OWNER})?{_STAY}\b", re.I)),
    ("stay_began", guarded(
        rf"\b{_OWNER}{_STAY}\s+(?:that|which)\s+(?:\w+\s+)?{_words('start_verbs')}\s+"
        rf"{_ANCHOR}", re.I)),
    ("stay_ended", guarded(
        rf"\b{_words('end_verbs')}\s+{_OWNER}{_STAY}\b[^.;,]{{0,40}}?\s{_ANCHOR}", re.I)),
    ("weekday_range", guarded(
        rf"\b(?:(?:on|from|between|last|next|this|coming)\s+)?(?P<first>{_WEEKDAY})\s*"
        rf"(?:and|{_RANGE})\s*(?P<last>{_WEEKDAY})\b", re.I)),
    ("day_first_range", guarded(
        rf"\b(?P<between>between\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:\s+(?P<m1>{_MONTH}))?\s*(?(between)and|{_RANGE})\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?\b", re.I)),
    ("duration", guarded(
        r"\b(?:more than|over|about|around|nearly|almost|some|for|after|within|in the past|"
        r"the past|the last)\s+(?:\d+(?:[.,]\d+)?½?|½|a|an|one|two|three|four|five|six|seven|"
        r"eight|nine|ten|several|a few|many)\s*[- ]?(?:years?|months?|weeks?|days?|hours?|"
        r"decades?)(?:[- ]long)?\b"
        r"|\b\d+(?:\.\d+)?½?[- ](?:years?|months?|weeks?|days?|hours?)[- ](?:long|old)\b"
        r"|\b\d+½?\s+(?:years?|months?|decades?)\b", re.I)),
    ("weekday_explicit", guarded(
        rf"\b(?:(?:on|last|next|this|coming)\s+)?{_WEEKDAY}{_PART}\s*(?:\(\s*(?:{_MONTH}\s+{_DAY}|"
        rf"{_DAY}\s+{_MONTH})(?:,?\s+{_YEAR})?\s*\)|,\s+(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})"
        rf"(?:,?\s+{_YEAR})?\b)", re.I)),
    ("day_range", guarded(
        rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*"
        rf"{_RANGE}\s*(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})\b(?!\s*%)"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"
        rf"|\bbetween\s+(?P<bm1>{_MONTH})\s+(?P<bd1>\d{{1,2}})(?:st|nd|rd|th)?\s+and\s+"
        rf"(?:(?P<bm2>{_MONTH})\s+)?(?P<bd2>\d{{1,2}})\b(?:,?\s+(?P<byear>{_YEAR}))?",
        re.I)),
    ("explicit_day", guarded(
        rf"\b(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR}|{_REL_YEAR})?|"
        rf"{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}|{_REL_YEAR.replace('relyear', 'relyear2')})?)"
        rf"\b(?!\s*%)", re.I)),
    ("weekday", guarded(
        rf"\b(?:(?:last|next|this|coming|on|since|from|until|by)\s+)?{_WEEKDAY}{_PART}\b", re.I)),
    ("month_of_relative_year", guarded(
        rf"\b(?:(?:in|since|from|by|until|through|during|late|early|mid-?|end of)\s+)?"
        rf"{_MONTH}{_REL_YEAR}", re.I)),
    ("period_end", guarded(
        r"\b(?:before|by|until|at)\s+the\s+end\s+of\s+(?:the|this)\s+(?:year|month|week)\b|"
        r"\blater\s+in\s+the\s+(?:year|month|week)\b|\bthis\s+weekend\b", re.I)),
    ("half_year", guarded(
        rf"\b(?:in\s+)?the\s+(?:first|second)\s+half\s+of\s+(?:(?:this|next|last)\s+year|"
        rf"{_YEAR})\b", re.I)),
    ("relative", guarded(
        r"\b(?:(?:earlier|later|late|early)\s+)?(?:last|next|this|past|coming)\s+"
        r"(?:week|month|year)(?:'s|’s)?\b|\b(?:yesterday|today|tomorrow|tonight)\b|"
        r"\bthis\s+(?:morning|afternoon|evening)\b", re.I)),
    ("month", guarded(
        rf"\b(?:(?:in|since|from|starting in|starting from|beginning in|by|until|through|"
        rf"during|late|early|mid|end of|until the end of|last|next)\s+|mid-)?"
        rf"(?:{_MONTH.replace('May|', '')}|"
        rf"(?<=in )May|(?<=since )May|(?<=from )May|(?<=last )May|(?<=next )May|"
        rf"(?<=early )May|(?<=late )May|(?<=mid-)May|(?<=mid )May)"
        rf"(?:\s+(?:of\s+)?{_YEAR})?\b(?!\s*\d)", re.I)),
    ("season", guarded(
        rf"\b(?:(?:in|since|from|starting in|during|over)\s+)?the\s+(?:summer|spring|autumn|fall|"
        rf"winter)(?:\s+of\s+{_YEAR})?\b", re.I)),
    ("year", guarded(rf"\b(?:(?:in|since|from|by|until|of|during|late|early|mid-?)\s+)?"
                        rf"{_YEAR}\b(?![-–/]\d)", re.I)),
]

SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression; offsets are relative to the searched text."""

    start: int
    end: int
    text: str
    rule: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str  # day | week | month | year | window | "" for durations

    @property
    def is_date(self) -> bool:
        return self.date_start is not None

    def iso(self) -> str:
        """ISO 8601 at the mention's precision (a week or window as start/end)."""
        if self.date_start is None or self.date_end is None:
            return ""
        if self.precision == "year":
            return f"{self.date_start.year}"
        if self.precision == "month":
            return f"{self.date_start:%Y-%m}"
        if self.precision == "day" and self.date_start == self.date_end:
            return self.date_start.isoformat()
        return f"{self.date_start.isoformat()}/{self.date_end.isoformat()}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), _month_end(year, month)


# "early April" is its 1st to 10th, "mid-April" its 11th to 20th, "late April" its 21st to
# its end (the codebook's date conventions)
PART_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _part_of_month(lower: str, year: int, month: int) -> tuple[dt.date, dt.date, str]:
    """The month, or the third of it that an opening "early", "mid" or "late" names."""
    first, last = _month_window(year, month)
    part = re.match(r"(early|mid|late)\b", lower)
    if part is None:
        return first, last, "month"
    start, end = PART_OF_MONTH[part.group(1)]
    return first.replace(day=start), min(last, first.replace(day=min(end, last.day))), "window"


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _resolve_month(month: int, year: int | None, published: dt.date, forward: bool) -> int:
    if year is not None:
        return year
    if forward:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _resolve_day(month: int, day: int, year: int | None, published: dt.date,
                 forward: bool) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return None
    if forward and candidate < published:
        candidate = candidate.replace(year=candidate.year + 1)
    elif not forward and candidate > published:
        candidate = candidate.replace(year=candidate.year - 1)
    return candidate


def _parse_month_day(text: str) -> tuple[int, int, int | None] | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip("() "))
    try:
        parsed = dateutil_parser.parse(cleaned, default=dt.datetime(1900, 1, 1), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    year = parsed.year if re.search(_YEAR, cleaned) else None
    return parsed.month, parsed.day, year


def _weekday_date(name: str, published: dt.date, forward: bool,
                  next_week: bool = False) -> dt.date:
    """The latest such day on or before publication, or forward the earliest on or after
    it ("are to meet on Thursday" in a Thursday story is that day), or after it when the
    text says "next" ("next Thursday" in a Thursday story is a week on)."""
    target = WEEKDAYS[name.lower()]
    if forward:
        delta = (target - published.weekday()) % 7 or (7 if next_week else 0)
        return published + dt.timedelta(days=delta)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def _rule_duration(text: str, lower: str, published: dt.date, forward: bool):
    return None, None, ""


def _rule_weekday_explicit(text: str, lower: str, published: dt.date, forward: bool):
    """"Tuesday (March 3)", "Thursday, 25 May": the explicit date wins over the weekday."""
    inner = text[text.index("(") + 1: text.rindex(")")] if "(" in text \
        else text.split(",", 1)[1]
    parsed = _parse_month_day(inner)
    if parsed is None:
        return None, None, ""
    day = _resolve_day(parsed[0], parsed[1], parsed[2], published, forward)
    return day, day, "day"


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day_span(m1: str, d1: str, m2: str | None, d2: str, year: str | None,
              published: dt.date, forward: bool):
    """First and last day of a range written with one or two month names."""
    first = _resolve_day(_month_number(m1), int(d1), int(year) if year else None, published,
                         forward)
    if first is None:
        return None, None, ""
    month = _month_number(m2) if m2 else first.month
    last_year = first.year + (month < first.month)
    try:
        last = dt.date(last_year, month, int(d2))
    except ValueError:
        return None, None, ""
    return (first, last, "day") if last >= first else (None, None, "")


def _rule_day_range(text: str, lower: str, published: dt.date, forward: bool):
    m = PATTERNS_BY_RULE["day_range"].match(text)
    if m.group("m1"):
        return _day_span(m.group("m1"), m.group("d1"), m.group("m2"), m.group("d2"),
                         m.group("year"), published, forward)
    return _day_span(m.group("bm1"), m.group("bd1"), m.group("bm2"), m.group("bd2"),
                     m.group("byear"), published, forward)


def _rule_day_first_range(text: str, lower: str, published: dt.date, forward: bool):
    m = PATTERNS_BY_RULE["day_first_range"].match(text)
    return _day_span(m.group("m1") or m.group("m2"), m.group("d1"), m.group("m2"),
                     m.group("d2"), m.group("year"), published, forward)


def _rule_weekday_range(text: str, lower: str, published: dt.date, forward: bool):
    m = PATTERNS_BY_RULE["weekday_range"].match(text)
    first_index = WEEKDAYS[m.group("first").lower()]
    span = (WEEKDAYS[m.group("last").lower()] - first_index) % 7
    if forward or lower.startswith(("next ", "coming ")):
        first = _weekday_date(m.group("first"), published, True)
        return first, first + dt.timedelta(days=span), "day"
    last = _weekday_date(m.group("last"), published, False)
    return last - dt.timedelta(days=span), last, "day"


def _anchor_day(anchor: str, published: dt.date, forward: bool) -> dt.date | None:
    if re.fullmatch(_WEEKDAY, anchor, re.I):
        return _weekday_date(anchor, published, forward)
    parsed = _parse_month_day(anchor)
    return None if parsed is None else _resolve_day(*parsed, published, forward)


def _stay(text: str, rule: str, published: dt.date, forward: bool):
    """An N-day stay from the day it began, or up to the day it ended."""
    m = PATTERNS_BY_RULE[rule].search(text)
    count = m.group("count").lower()
    days = int(count) if count.isdigit() else NUMBER_WORDS[count]
    day = _anchor_day(m.group("anchor"), published, forward)
    if day is None or not 1 < days <= 31:
        return None, None, ""
    length = dt.timedelta(days=days - 1)
    if rule in ("stay_first", "stay_began"):
        return day, day + length, "day"
    return day - length, day, "day"


def _rule_stay_first(text: str, lower: str, published: dt.date, forward: bool):
    return _stay(text, "stay_first", published, forward)


def _rule_stay_began(text: str, lower: str, published: dt.date, forward: bool):
    return _stay(text, "stay_began", published, forward)


def _rule_stay_ended(text: str, lower: str, published: dt.date, forward: bool):
    return _stay(text, "stay_ended", published, forward)


def _relative_year(lower: str, published: dt.date) -> int | None:
    """The year of "... last year", "... this year", "... next year", else None."""
    found = re.search(r"\b(last|this|next)\s+year\s*$", lower)
    return published.year + _REL_STEP[found.group(1)] if found else None


def _rule_explicit_day(text: str, lower: str, published: dt.date, forward: bool):
    relative = _relative_year(lower, published)
    parsed = _parse_month_day(re.sub(_REL_YEAR + r"\s*$", "", text, flags=re.I))
    if parsed is None:
        return None, None, ""
    day = _resolve_day(parsed[0], parsed[1], parsed[2] or relative, published, forward)
    return day, day, "day"


def _rule_weekday(text: str, lower: str, published: dt.date, forward: bool):
    name = re.search(_WEEKDAY, text, re.I).group()
    ahead = forward or lower.startswith(("next ", "coming ", "until ", "by "))
    if lower.startswith("last "):
        ahead = False
    day = _weekday_date(name, published, ahead, lower.startswith(("next ", "coming ")))
    return day, day, "day"


def _rule_relative(text: str, lower: str, published: dt.date, forward: bool):
    if "yesterday" in lower:
        day = published - dt.timedelta(days=1)
        return day, day, "day"
    if "today" in lower or "tonight" in lower or re.match(r"this\s+(morning|afternoon|evening)",
                                                          lower):
        # "held a summit ... this afternoon": a part of the day of publication
        return published, published, "day"
    if "tomorrow" in lower:
        day = published + dt.timedelta(days=1)
        return day, day, "day"
    unit = re.search(r"week|month|year", lower).group()
    partial = re.match(r"(earlier|later|early|late)\s+this\b", lower)
    if partial:
        # "earlier this month": from the period's start up to publication; "later this
        # year": from publication to the period's end
        if unit == "week":
            first, last = _week_of(published)
        elif unit == "month":
            first, last = _month_window(published.year, published.month)
        else:
            first, last = dt.date(published.year, 1, 1), dt.date(published.year, 12, 31)
        if partial.group(1) == "earlier" and first < published:
            # "earlier this month" is over before the day of the report
            return first, published - dt.timedelta(days=1), "window"
        if partial.group(1) in ("earlier", "early"):
            return first, published, "window"
        return published, last, "window"
    step = 0
    if re.search(r"\b(last|past)\b", lower):
        step = -1
    elif re.search(r"\b(next|coming)\b", lower):
        step = 1
    if unit == "week":
        if step == -1 and published.weekday() == 6:
            return *_week_of(published), "week"
        monday, _ = _week_of(published)
        monday += dt.timedelta(days=7 * step)
        return monday, monday + dt.timedelta(days=6), "week"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return _part_of_month(lower, index // 12, index % 12 + 1)
    year = published.year + step
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _rule_period_end(text: str, lower: str, published: dt.date, forward: bool):
    """"before the end of the year", "later in the month": from publication to the
    period's end; "this weekend": the Saturday and Sunday of the publication's week."""
    monday, sunday = _week_of(published)
    if "weekend" in lower:
        return sunday - dt.timedelta(days=1), sunday, "window"
    if "week" in lower:
        return published, sunday, "window"
    if "month" in lower:
        return published, _month_end(published.year, published.month), "window"
    return published, dt.date(published.year, 12, 31), "window"


def _rule_half_year(text: str, lower: str, published: dt.date, forward: bool):
    """"in the first half of next year": January to June (from publication, when it
    falls inside)."""
    year_match = re.search(_YEAR, text)
    year = int(year_match.group()) if year_match else published.year + _REL_STEP[
        re.search(r"(this|next|last)\s+year", lower).group(1)]
    first, last = ((dt.date(year, 1, 1), dt.date(year, 6, 30)) if "first" in lower
                   else (dt.date(year, 7, 1), dt.date(year, 12, 31)))
    return max(first, published) if first < published <= last else first, last, "window"


def _rule_month(text: str, lower: str, published: dt.date, forward: bool):
    name = re.search(_MONTH, text, re.I).group().rstrip(".").lower()
    month = MONTHS[name]
    year_match = re.search(_YEAR, text)
    ahead = forward or bool(re.match(r"(starting|beginning|from)\b", lower)) and forward
    relative = _relative_year(lower, published)
    year = _resolve_month(month, int(year_match.group()) if year_match else relative,
                          published, ahead)
    if not year_match and relative is None and month == published.month \
            and lower.startswith(("last ", "next ")):
        # "last September", written in September: a year before; "next May", in May: after
        year = published.year + (1 if lower.startswith("next ") else -1)
    elif not year_match and lower.startswith("next ") and month < published.month:
        year = published.year + 1
    return _part_of_month(lower, year, month)


_rule_month_of_relative_year = _rule_month


def _rule_season(text: str, lower: str, published: dt.date, forward: bool):
    season = re.search(r"summer|spring|autumn|fall|winter", lower).group()
    first, last = SEASONS[season]
    year_match = re.search(_YEAR, text)
    year = int(year_match.group()) if year_match else published.year
    if not year_match and not forward and dt.date(year, first, 1) > published:
        year -= 1
    if not year_match and forward and _month_end(year, last if last > first else 12) \
            < published:
        year += 1
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), _month_end(end_year, last), "window"


def _rule_year(text: str, lower: str, published: dt.date, forward: bool):
    year = int(re.search(_YEAR, text).group())
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


PATTERNS_BY_RULE = dict(PATTERNS)
_RESOLVERS = {name: globals()[f"_rule_{name}"] for name in (
    "stay_first",
    "stay_began",
    "stay_ended",
    "weekday_range",
    "day_first_range",
    "duration",
    "weekday_explicit",
    "day_range",
    "explicit_day",
    "weekday",
    "month_of_relative_year",
    "period_end",
    "half_year",
    "relative",
    "month",
    "season",
    "year",
)}


def _resolve(rule: str, text: str, published: dt.date, forward: bool):
    """The (first, last, precision) window one matched expression stands for."""
    try:
        resolver = _RESOLVERS[rule]
    except KeyError:
        raise ValueError(rule) from None
    return resolver(text, text.lower(), published, forward)


@lru_cache(maxsize=256)
def _expressions(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """(rule, start, end, matched text) of every date expression, left to right, the
    longest match winning. Cached: the meeting and the measure rules both read the
    dates of a sentence, backwards and forwards, and the matching does not depend on
    the publication date."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, int, int, str]] = []
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if rule == "year" and re.search(r"\d[\d,.]*\s*$", text[:start]):
                continue
            taken.append((start, end))
            found.append((rule, start, end, match.group()))
    return tuple(sorted(found, key=lambda f: f[1]))


def date_count(text: str) -> int:
    """How many date expressions ``text`` holds (no resolution: the cheap test before a
    parse chooses among them)."""
    return len(_expressions(text))


def find_dates(text: str, published: dt.date, forward: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published``."""
    return [DateMention(start, end, matched, rule,
                        *_resolve(rule, matched, published, forward))
            for rule, start, end, matched in _expressions(text)]


def iso_window(value: str):
    """'2023', '2023-12', '2023-12-01' or 'a/b' to a (first, last) day window."""
    if not value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        return iso_window(a)[0], iso_window(b)[1]
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        y, m = map(int, value.split("-"))
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    day = dt.date.fromisoformat(value)
    return day, day
