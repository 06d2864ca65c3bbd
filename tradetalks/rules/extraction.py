"""What the rules found in one article, before any cross-article merge."""

from __future__ import annotations

from dataclasses import dataclass

from tradetalks.ingest.article import ProcessedArticle
from tradetalks.knowledge.dictionaries import ActorEntry
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord
from tradetalks.rules.quotes import Quote


@dataclass
class ArticleExtraction:
    processed: ProcessedArticle
    meetings: list[MeetingRecord]
    measures: list[MeasureRecord]
    quotes: list[Quote]
    actors: list[ActorEntry]
    unknown_persons: list[tuple[str, int, str]]  # (name, sentence index, sentence)
    topics: list[dict]  # per topic: sentences touching it and the first of them
