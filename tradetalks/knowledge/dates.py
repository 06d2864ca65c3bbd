"""Find date expressions in a sentence and resolve them against the publication date.

The codebook's rules: a weekday is the latest such day on or before publication unless
the text looks forward; "last month" is the previous calendar month; "in August" the
latest August not after publication; "next week" the following Monday-Sunday; an
explicit date in the text ("(October 30)") wins over inference; a weekday or month in
the future tense, or attached to an expected or planned act, resolves forward. Durations
("more than 3½ years") are recognised so that they are never taken for dates. Explicit
month-day strings are parsed with dateutil; the relative rules are our own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

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

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("duration", re.compile(
        r"\b(?:more than|over|about|around|nearly|almost|some|for|after|within|in the past|"
        r"the past|the last)\s+(?:\d+(?:[.,]\d+)?½?|½|a|an|one|two|three|four|five|six|seven|"
        r"eight|nine|ten|several|a few|many)\s*[- ]?(?:years?|months?|weeks?|days?|hours?|"
        r"decades?)(?:[- ]long)?\b"
        r"|\b\d+(?:\.\d+)?½?[- ](?:years?|months?|weeks?|days?|hours?)[- ](?:long|old)\b"
        r"|\b\d+½?\s+(?:years?|months?|decades?)\b", re.I)),
    ("weekday_explicit", re.compile(
        rf"\b(?:(?:on|last|next|this|coming)\s+)?{_WEEKDAY}{_PART}\s*\(\s*(?:{_MONTH}\s+{_DAY}|"
        rf"{_DAY}\s+{_MONTH})(?:,?\s+{_YEAR})?\s*\)", re.I)),
    ("day_range", re.compile(
        rf"\b{_MONTH}\s+(\d{{1,2}})\s*(?:-|–|to|through)\s*(\d{{1,2}})(?:,?\s+({_YEAR}))?\b",
        re.I)),
    ("explicit_day", re.compile(
        rf"\b(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)\b(?!\s*%)",
        re.I)),
    ("weekday", re.compile(
        rf"\b(?:(?:last|next|this|coming|on|since|from|until|by)\s+)?{_WEEKDAY}{_PART}\b", re.I)),
    ("relative", re.compile(
        r"\b(?:(?:earlier|later|late|early)\s+)?(?:last|next|this|past|coming)\s+"
        r"(?:week|month|year)(?:'s|’s)?\b|\b(?:yesterday|today|tomorrow)\b", re.I)),
    ("month", re.compile(
        rf"\b(?:(?:in|since|from|starting in|starting from|beginning in|by|until|through|"
        rf"during|late|early|mid-?|end of|until the end of)\s+)?(?:{_MONTH.replace('May|', '')}|"
        rf"(?<=in )May|(?<=since )May|(?<=from )May)(?:\s+(?:of\s+)?{_YEAR})?\b(?!\s*\d)", re.I)),
    ("season", re.compile(
        rf"\b(?:(?:in|since|from|starting in|during|over)\s+)?the\s+(?:summer|spring|autumn|fall|"
        rf"winter)(?:\s+of\s+{_YEAR})?\b", re.I)),
    ("year", re.compile(rf"\b(?:(?:in|since|from|by|until|of|during|late|early|mid-?)\s+)?"
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


def _weekday_date(name: str, published: dt.date, forward: bool) -> dt.date:
    target = WEEKDAYS[name.lower()]
    if forward:
        delta = (target - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=delta)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def _rule_duration(text: str, lower: str, published: dt.date, forward: bool):
    return None, None, ""


def _rule_weekday_explicit(text: str, lower: str, published: dt.date, forward: bool):
    inner = text[text.index("(") + 1: text.rindex(")")]
    parsed = _parse_month_day(inner)
    if parsed is None:
        return None, None, ""
    day = _resolve_day(parsed[0], parsed[1], parsed[2], published, forward)
    return day, day, "day"


def _rule_day_range(text: str, lower: str, published: dt.date, forward: bool):
    m = PATTERNS[2][1].search(text)
    month = MONTHS[re.match(r"[A-Za-z]+", text).group().lower()]
    year = int(m.group(3)) if m.group(3) else None
    first = _resolve_day(month, int(m.group(1)), year, published, forward)
    if first is None:
        return None, None, ""
    try:
        last = first.replace(day=int(m.group(2)))
    except ValueError:
        return None, None, ""
    return (first, last, "day") if last >= first else (None, None, "")


def _rule_explicit_day(text: str, lower: str, published: dt.date, forward: bool):
    parsed = _parse_month_day(text)
    if parsed is None:
        return None, None, ""
    day = _resolve_day(parsed[0], parsed[1], parsed[2], published, forward)
    return day, day, "day"


def _rule_weekday(text: str, lower: str, published: dt.date, forward: bool):
    name = re.search(_WEEKDAY, text, re.I).group()
    ahead = forward or lower.startswith(("next ", "coming ", "until ", "by "))
    if lower.startswith("last "):
        ahead = False
    day = _weekday_date(name, published, ahead)
    return day, day, "day"


def _rule_relative(text: str, lower: str, published: dt.date, forward: bool):
    if "yesterday" in lower:
        day = published - dt.timedelta(days=1)
        return day, day, "day"
    if "today" in lower:
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
        return *_month_window(index // 12, index % 12 + 1), "month"
    year = published.year + step
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _rule_month(text: str, lower: str, published: dt.date, forward: bool):
    name = re.search(_MONTH, text, re.I).group().rstrip(".").lower()
    month = MONTHS[name]
    year_match = re.search(_YEAR, text)
    ahead = forward or bool(re.match(r"(starting|beginning|from)\b", lower)) and forward
    year = _resolve_month(month, int(year_match.group()) if year_match else None,
                          published, ahead)
    return *_month_window(year, month), "month"


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


_RESOLVERS = {name: globals()[f"_rule_{name}"] for name in (
    "duration",
    "weekday_explicit",
    "day_range",
    "explicit_day",
    "weekday",
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


def find_dates(text: str, published: dt.date, forward: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, left to right, the longest match winning."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if rule == "year" and re.search(r"\d[\d,.]*\s*$", text[:start]):
                continue
            taken.append((start, end))
            first, last, precision = _resolve(rule, match.group(), published, forward)
            found.append(DateMention(start, end, match.group(), rule, first, last, precision))
    found.sort(key=lambda d: d.start)
    return found


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
