"""The codebook's tables as DataFrames, columns in the codebook's order, then extras."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

import pandas as pd

from tradetalks.ingest.clean import word_count
from tradetalks.knowledge.dictionaries import ActorEntry
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, why_text
from tradetalks.publish.codes import EventCode, demand_code, measure_code, meeting_code
from tradetalks.publish.locations import actor_ids, locate, multilateral_occasion, place_relation
from tradetalks.publish.rowfiles import SortedSpool
from tradetalks.resolve import measure_merger, meeting_merger
from tradetalks.vocabulary import vocabulary

if TYPE_CHECKING:  # the notebooks read stored tables without loading the sentence splitter
    from tradetalks.ingest.article import ProcessedArticle
    from tradetalks.rules.extraction import ArticleExtraction

ARTICLE_COLUMNS = ["article_id", "file", "outlet", "url", "title", "published", "date_basis",
                   "language", "words_raw", "words_clean", "lines_removed", "sentences"]
REMOVAL_COLUMNS = ["article_id", "line", "rule", "text"]

CODE_COLUMNS = ["cameo", "plover", "plover_mode", "plover_context", "quad_class", "goldstein"]
MEETING_COLUMNS = ["meeting_id", "date_start", "date_end", "date_precision", "date_text",
                   "status", "level", "format", "countries", "participants", "participant_ids",
                   "location", "place_id", "location_country", "latitude", "longitude",
                   "occasion", "multilateral_occasion", "topics", "outcome", *CODE_COLUMNS,
                   "mentions", "articles", "rule", "matched_text", "why"]
MEASURE_COLUMNS = ["measure_id", "imposer", "targets", "measure_type", "direction", "products",
                   *vocabulary().date_fields, "date_precision", "date_text", "status",
                   *CODE_COLUMNS, "demands", "demand_cameo", "demand_plover",
                   "demand_plover_mode", "mentions", "articles", "rule", "matched_text", "why"]
PARTICIPANT_COLUMNS = ["meeting_id", "actor_id", "name"]
ACTOR_COLUMNS = ["actor_id", "name", "country", "role", "organisation", "aliases", "level",
                 "sector", "wikidata", "articles", "in_dictionary"]
QUOTE_COLUMNS = ["quote_id", "article_id", "speaker", "text", "start", "end", "speaker_name",
                 "rule"]
MENTION_COLUMNS = ["mention_id", "article_id", "sentence", "start", "end", "event_kind",
                   "event_id", "meeting_id", "measure_id", "rule", "matched_text"]
UNKNOWN_COLUMNS = ["name", "article_id", "sentence_index", "sentence"]
TOPIC_COLUMNS = ["article_id", "topic", "sentences", "example"]


def _join(values) -> str:
    return ";".join(sorted(v for v in values if v))


def code_fields(code: EventCode) -> dict:
    return {"cameo": code.cameo, "plover": code.plover, "plover_mode": code.plover_mode,
            "plover_context": code.plover_context, "quad_class": code.quad_class,
            "goldstein": code.goldstein}


def meeting_row(meeting_id: str, m: MeetingRecord) -> dict:
    w = m.window
    where = locate(m.location)
    return {
        "meeting_id": meeting_id,
        "date_start": w.start.isoformat() if w else "",
        "date_end": w.end.isoformat() if w else "",
        "date_precision": w.precision if w else "", "date_text": w.text if w else "",
        "status": m.status, "level": m.level, "format": m.format,
        "countries": _join(m.countries), "participants": _join(m.participants),
        "participant_ids": ";".join(actor_ids(m.participants)),
        "location": m.location, "place_id": where.place_id if where else "",
        "location_country": where.country if where else "",
        "latitude": where.latitude if where else None,
        "longitude": where.longitude if where else None,
        "occasion": m.occasion, "multilateral_occasion": multilateral_occasion(m),
        "topics": _join(m.topics), "outcome": m.outcome,
        **code_fields(meeting_code(m, place_relation(m))),
        "mentions": ";".join(x.mention_id for x in _ordered(m.mentions)),
        "articles": _join(m.article_ids),
        "rule": ";".join(x.rule for x in _ordered(m.mentions)),
        "matched_text": " | ".join(x.matched_text for x in _ordered(m.mentions)),
        "why": why_text(m.why),
    }


def _ordered(mentions):
    return sorted(mentions, key=lambda x: (x.article_id, x.sentence_index))


def measure_row(measure_id: str, m: MeasureRecord) -> dict:
    fields = vocabulary().date_fields
    return {
        "measure_id": measure_id, "imposer": m.imposer, "targets": _join(m.targets),
        "measure_type": m.measure_type, "direction": m.direction,
        "products": _join(m.products),
        **{f: m.dates[f].iso() if f in m.dates else "" for f in fields},
        "date_precision": ";".join(f"{f}:{m.dates[f].precision}" for f in fields
                                   if f in m.dates),
        "date_text": " | ".join(f"{f}={m.dates[f].text}" for f in fields if f in m.dates),
        "status": m.status, **code_fields(measure_code(m)),
        "demands": "; ".join(m.demands),
        **_demand_fields(m),
        "mentions": ";".join(x.mention_id for x in _ordered(m.mentions)),
        "articles": _join(m.article_ids),
        "rule": ";".join(x.rule for x in _ordered(m.mentions)),
        "matched_text": " | ".join(x.matched_text for x in _ordered(m.mentions)),
        "why": why_text(m.why),
    }


def _demand_fields(m: MeasureRecord) -> dict:
    code = demand_code() if m.demands else None
    return {"demand_cameo": code.cameo if code else "",
            "demand_plover": code.plover if code else "",
            "demand_plover_mode": code.plover_mode if code else ""}


def _participant_rows(meeting_id: str, m: MeetingRecord) -> Iterator[tuple]:
    """One row per meeting and participant: the join of meetings to actors."""
    return ((meeting_id, a, n) for n in sorted(m.participants) for a in actor_ids([n]))


@dataclass
class Tables:
    articles: pd.DataFrame
    removals: pd.DataFrame
    mentions: pd.DataFrame
    meetings: pd.DataFrame
    measures: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    unknown_actors: pd.DataFrame
    topics: pd.DataFrame
    participants: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=PARTICIPANT_COLUMNS))
    warnings: tuple[str, ...] = field(default=())

    def run_log(self) -> str:
        """The run log written beside the tables: every repair the loader made."""
        return "".join(f"warning: {w}\n" for w in self.warnings)

    def items(self):
        return [("articles", self.articles), ("removals", self.removals),
                ("mentions", self.mentions), ("meetings", self.meetings),
                ("measures", self.measures), ("actors", self.actors),
                ("participants", self.participants), ("quotes", self.quotes),
                ("unknown_actors", self.unknown_actors), ("topics", self.topics)]


def _article_row(p: ProcessedArticle) -> tuple:
    a = p.article
    return (a.article_id, a.file, a.outlet, a.url, a.title, a.published.isoformat(),
            a.date_basis, a.language, word_count(a.text), word_count(p.cleaned.text),
            len(p.cleaned.removals), len(p.sentences))


def articles_table(processed: list[ProcessedArticle]) -> pd.DataFrame:
    return pd.DataFrame([_article_row(p) for p in processed], columns=ARTICLE_COLUMNS)


def _removal_rows(p: ProcessedArticle) -> list[tuple]:
    return [(p.article.article_id, r.line, r.rule, r.text) for r in p.cleaned.removals]


def removals_table(processed: list[ProcessedArticle]) -> pd.DataFrame:
    return pd.DataFrame([r for p in processed for r in _removal_rows(p)],
                        columns=REMOVAL_COLUMNS)


@dataclass
class ArticleParts:
    """One article's share of the tables, small enough to send between processes: its
    rows of the per-article tables, the people it names and its unmerged events. The
    text, sentences and annotations stay in the worker."""

    article_id: str
    published: object  # datetime.date; the merge takes articles in (published, id) order
    rows: dict[str, list[tuple]]
    actors: list[ActorEntry]
    meetings: list[MeetingRecord]
    measures: list[MeasureRecord]
    warnings: tuple[str, ...] = ()
    line: int = 0  # the article's manifest line (set by the task that read it)

    @property
    def order(self) -> tuple:
        return (self.published, self.article_id)


def article_parts(e: ArticleExtraction) -> ArticleParts:
    """The per-article rows of one extraction (quotes numbered in text order)."""
    p = e.processed
    article_id = p.article.article_id
    quotes = [(f"{q.article_id}:q{i}", q.article_id, q.speaker_id, q.text, q.start, q.end,
               q.speaker_name, q.rule)
              for i, q in enumerate(sorted(e.quotes, key=lambda q: q.start))]
    rows = {
        "articles": [_article_row(p)], "removals": _removal_rows(p), "quotes": quotes,
        "unknown_actors": [(n, article_id, i, s) for n, i, s in e.unknown_persons],
        "topics": [(article_id, t["topic"], t["sentences"], t["example"]) for t in e.topics],
    }
    return ArticleParts(article_id, p.article.published, rows, list(e.actors),
                        e.meetings, e.measures, p.article.warnings)


def _mention_rows(kind: str, event_id: str, record) -> Iterator[tuple]:
    for x in record.mentions:
        yield (x.mention_id, x.article_id, x.sentence, x.start, x.end, kind,
               event_id, event_id if kind == "meeting" else "",
               event_id if kind == "measure" else "", x.rule, x.matched_text)


def _mention_order(row: tuple) -> tuple:
    """article, sentence index (the number after the mention id's last colon), kind, id."""
    return (row[1], int(row[0].rsplit(":", 1)[1]), row[5], row[6])


def _frame(rows: Iterable[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=columns)


def _values(row: dict, columns: list[str]) -> tuple:
    return tuple(row[c] for c in columns)


def _order_by(columns: list[str], by: list[str]):
    at = [columns.index(name) for name in by]
    return lambda row: tuple(row[i] for i in at)


# the per-article tables: columns, and the columns the rows are sorted by
_PER_ARTICLE = {
    "articles": (ARTICLE_COLUMNS, ["article_id"]),
    "removals": (REMOVAL_COLUMNS, ["article_id"]),
    "quotes": (QUOTE_COLUMNS, ["article_id", "start"]),
    "unknown_actors": (UNKNOWN_COLUMNS, ["article_id", "sentence_index", "name"]),
    "topics": (TOPIC_COLUMNS, ["article_id", "topic"]),
}
# meeting and measure rows carry every mention id and matched phrase: fewer per block
EVENT_ROW_BLOCK = 2_000
TABLE_ORDER = ("articles", "removals", "mentions", "meetings", "measures", "actors",
               "participants", "quotes", "unknown_actors", "topics")


@dataclass
class TableRows:
    """Every table as its columns and its rows (tuples, in the file's order), produced
    one at a time: what the package writer streams to disk."""

    columns: dict[str, list[str]]
    rows: dict[str, Iterable[tuple]]
    warnings: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # rows written, per table

    def run_log(self) -> str:
        return "".join(f"warning: {w}\n" for w in self.warnings)

    @classmethod
    def of(cls, tables: Tables) -> TableRows:
        items = tables.items()
        return cls({name: list(frame.columns) for name, frame in items},
                   {name: frame.itertuples(index=False, name=None) for name, frame in items},
                   tuple(tables.warnings))


class TableBuilder:
    """The tables, built as articles arrive in publication order: per-article rows go to
    sorted spools (``publish.rowfiles``: spilled to disk in sorted blocks), events are
    merged at once into an on-disk store (``resolve.EventMerger``), so nothing of an
    article outlives its arrival in memory and memory does not grow with the corpus."""

    def __init__(self) -> None:
        self._rows = {name: SortedSpool(_order_by(columns, by))
                      for name, (columns, by) in _PER_ARTICLE.items()}
        self._meetings = meeting_merger()
        self._measures = measure_merger()
        self._actors: dict[str, dict] = {}
        self._actor_articles = SortedSpool(lambda pair: pair)  # (actor id, article id)
        self._last: tuple | None = None

    def add(self, parts: ArticleParts) -> None:
        if self._last is not None and parts.order < self._last:
            raise ValueError("articles must arrive in publication order")
        self._last = parts.order
        for name, rows in parts.rows.items():
            self._rows[name].extend(rows)
        self._meetings.add(parts.meetings)
        self._measures.add(parts.measures)
        for actor in parts.actors:
            row = self._actors.setdefault(actor.actor_id, {
                "actor_id": actor.actor_id, "name": actor.name, "country": actor.country,
                "role": actor.role, "organisation": actor.organisation,
                "aliases": ";".join(actor.aliases), "level": actor.level,
                "sector": actor.sector, "wikidata": actor.wikidata, "in_dictionary": True})
            row.update(role=actor.role, organisation=actor.organisation, level=actor.level,
                       sector=actor.sector)
        self._actor_articles.extend((actor.actor_id, parts.article_id)
                                    for actor in parts.actors)

    def _actor_rows(self) -> Iterator[tuple]:
        """The actors sorted by id, each with the articles naming it (sorted, once)."""
        articles = groupby(self._actor_articles, key=itemgetter(0))
        for (_, row), (_, pairs) in zip(sorted(self._actors.items()), articles, strict=True):
            ids = ";".join(dict.fromkeys(a for _, a in pairs if a))
            yield _values({**row, "articles": ids}, ACTOR_COLUMNS)

    def rows(self) -> TableRows:
        """The finished tables as streams of rows, each table sorted as in the files."""
        self._meetings.finish()
        self._measures.finish()
        # one pass over the events: the mentions table comes first in the package, so
        # the events' own rows wait in spools kept in arrival order
        mentions = SortedSpool(_mention_order)
        participants = SortedSpool(_order_by(PARTICIPANT_COLUMNS, ["meeting_id", "actor_id"]))
        meetings, measures = (SortedSpool(None, block=EVENT_ROW_BLOCK),
                              SortedSpool(None, block=EVENT_ROW_BLOCK))
        for event_id, m in self._meetings.ordered():
            mentions.extend(_mention_rows("meeting", event_id, m))
            participants.extend(_participant_rows(event_id, m))
            meetings.extend([_values(meeting_row(event_id, m), MEETING_COLUMNS)])
        for event_id, m in self._measures.ordered():
            mentions.extend(_mention_rows("measure", event_id, m))
            measures.extend([_values(measure_row(event_id, m), MEASURE_COLUMNS)])
        streams: dict[str, Iterable[tuple]] = {
            "mentions": mentions, "meetings": meetings, "measures": measures,
            "actors": self._actor_rows(),
            "participants": participants,
            **self._rows}
        columns = {name: columns for name, (columns, _) in _PER_ARTICLE.items()}
        columns.update(mentions=MENTION_COLUMNS, meetings=MEETING_COLUMNS,
                       measures=MEASURE_COLUMNS, actors=ACTOR_COLUMNS,
                       participants=PARTICIPANT_COLUMNS)
        return TableRows({n: columns[n] for n in TABLE_ORDER},
                         {n: streams[n] for n in TABLE_ORDER})

    def tables(self) -> Tables:
        """The finished tables as DataFrames (what the notebooks and the tests read)."""
        stream = self.rows()
        return Tables(**{name: _frame(rows, stream.columns[name])
                         for name, rows in stream.rows.items()})


def build_tables(extractions: list[ArticleExtraction]) -> Tables:
    """The tables of a list of extractions (any order): what the streaming run builds."""
    builder = TableBuilder()
    for parts in sorted(map(article_parts, extractions), key=lambda p: p.order):
        builder.add(parts)
    return builder.tables()
