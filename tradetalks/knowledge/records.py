"""Event records shared by the extraction stages, and small helpers they use."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, fields, replace

from tradetalks.knowledge.dates import DateMention
from tradetalks.vocabulary import vocabulary


def measure_family(measure_type: str) -> str:
    return vocabulary().measure_family(measure_type)


@dataclass
class Mention:
    article_id: str
    sentence_index: int
    start: int
    end: int
    sentence: str
    rule: str
    matched_text: str

    @property
    def mention_id(self) -> str:
        return f"{self.article_id}:{self.sentence_index}"


@dataclass
class Window:
    start: dt.date
    end: dt.date
    precision: str
    text: str

    @classmethod
    def from_mention(cls, mention: DateMention) -> Window:
        return cls(mention.date_start, mention.date_end, mention.precision, mention.text)

    def overlaps(self, other: Window) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def width(self) -> int:
        return (self.end - self.start).days

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.start.year}"
        if self.precision == "month":
            return f"{self.start:%Y-%m}"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass
class MeetingRecord:
    article_ids: list[str]
    published: dt.date
    countries: set[str]
    participants: set[str]
    level: str
    format: str
    status: str
    window: Window | None
    location: str
    occasion: str
    topics: set[str]
    outcome: str
    mentions: list[Mention] = field(default_factory=list)
    # (article, sentence) pairs of ``mentions`` and how many mentions they cover, kept by
    # ``resolve`` so merging stays linear; mentions are only ever appended
    mention_keys: tuple[set, int] = field(default_factory=lambda: (set(), 0), repr=False,
                                          compare=False)
    # how each field was decided ("status" -> "clause:planned"); the tables' `why` column
    why: dict[str, str] = field(default_factory=dict)
    # diplomatic acts that are contacts of their own ("summons", "protest"): a summons and
    # a protest lodged with an embassy are two meetings
    acts: set[str] = field(default_factory=set)


@dataclass
class MeasureRecord:
    article_ids: list[str]
    published: dt.date
    imposer: str
    targets: set[str]
    measure_type: str
    direction: str
    products: set[str]
    dates: dict[str, Window]
    status: str
    demands: list[str]
    mentions: list[Mention] = field(default_factory=list)
    # (article, sentence) pairs of ``mentions`` and how many mentions they cover, kept by
    # ``resolve`` so merging stays linear; mentions are only ever appended
    mention_keys: tuple[set, int] = field(default_factory=lambda: (set(), 0), repr=False,
                                          compare=False)
    demand_sentences: dict[str, int] = field(default_factory=dict)
    # how each field was decided ("imposer" -> "possessive"); the tables' `why` column
    why: dict[str, str] = field(default_factory=dict)


def copied(record, **changes):
    """``record`` with ``changes``, sharing no list, set or dict with it (merging changes
    records in place) and with its mention index started afresh."""
    own = {f.name: copy.copy(value) for f in fields(record)
           if f.name not in changes
           and isinstance(value := getattr(record, f.name), (list, set, dict))}
    return replace(record, **own, **{"mention_keys": (set(), 0), **changes})


def why_text(why: dict[str, str]) -> str:
    """'parties=persons; status=clause:planned': the `why` column, fields in a fixed order."""
    return "; ".join(f"{k}={v}" for k, v in sorted(why.items()) if v)
