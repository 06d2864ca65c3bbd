"""Event records shared by the extraction stages, and small helpers they use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import DateMention

STATUS_ORDER_MEETING = ("undecided", "proposed", "planned", "cancelled", "held")
STATUS_ORDER_MEASURE = ("expected", "announced", "in_force", "eased", "withdrawn", "lifted")
OUTCOME_ORDER = ("not_reported", "no_substantive_result", "concerns_raised", "agreement",
                 "mechanism_established")
MEASURE_FAMILY = {"export_control": "export", "screening": "export", "export_ban": "export"}
PRODUCT_FAMILY = {"hydrogen_fluoride": "semiconductor_materials",
                  "photoresist": "semiconductor_materials",
                  "fluorinated_polyimide": "semiconductor_materials",
                  "germanium": "gallium"}


def measure_family(measure_type: str) -> str:
    return MEASURE_FAMILY.get(measure_type, measure_type)


def product_families(products: set[str]) -> set[str]:
    return {PRODUCT_FAMILY.get(p, p) for p in products}


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
    demand_sentences: dict[str, int] = field(default_factory=dict)
