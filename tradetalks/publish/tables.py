"""The codebook's tables as DataFrames, columns in the codebook's order, then extras."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from tradetalks.ingest.clean import word_count
from tradetalks.knowledge.dictionaries import ActorEntry, load_dictionaries
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord
from tradetalks.resolve import assign_ids, measure_merger, meeting_merger
from tradetalks.vocabulary import vocabulary

if TYPE_CHECKING:  # the notebooks read stored tables without loading the sentence splitter
    from tradetalks.ingest.article import ProcessedArticle
    from tradetalks.rules.extraction import ArticleExtraction

ARTICLE_COLUMNS = ["article_id", "file", "outlet", "url", "title", "published", "date_basis",
                   "language", "words_raw", "words_clean", "lines_removed", "sentences"]
REMOVAL_COLUMNS = ["article_id", "line", "rule", "text"]

MEETING_COLUMNS = ["meeting_id", "date_start", "date_end", "date_precision", "date_text",
                   "status", "level", "format", "countries", "participants", "location",
                   "occasion", "topics", "outcome", "cameo", "plover", "mentions",
                   "articles", "rule", "matched_text"]
MEASURE_COLUMNS = ["measure_id", "imposer", "targets", "measure_type", "direction", "products",
                   "announced", "in_force", "lifted", "date_precision", "date_text", "status",
                   "demands", "mentions", "articles", "rule", "matched_text"]
ACTOR_COLUMNS = ["actor_id", "name", "country", "role", "organisation", "aliases", "level",
                 "articles", "in_dictionary"]
QUOTE_COLUMNS = ["quote_id", "article_id", "speaker", "text", "start", "end", "speaker_name",
                 "rule"]
MENTION_COLUMNS = ["mention_id", "article_id", "sentence", "start", "end", "event_kind",
                   "event_id", "rule", "matched_text"]
UNKNOWN_COLUMNS = ["name", "article_id", "sentence_index", "sentence"]
TOPIC_COLUMNS = ["article_id", "topic", "sentences", "example"]


def _join(values) -> str:
    return ";".join(sorted(v for v in values if v))


def cameo_plover(m: MeetingRecord) -> tuple[str, str]:
    if m.status in vocabulary().prospective:
        return "036", "CONSULT/intent"
    if m.format == "phone":
        return "040", "CONSULT/phone"
    if m.format == "written":
        return "040", "CONSULT/written"
    if m.outcome == "agreement" and "sign" in " ".join(x.sentence for x in m.mentions).lower():
        return "057", "AGREE/sign"
    location_country = m.location.rsplit(",", 1)[-1].strip() if m.location else ""
    if location_country:
        names = _country_names()
        parties = {names.get(c, c) for c in m.countries}
        if location_country in parties:
            return "043", "CONSULT/visit"
        return "044", "CONSULT/third-party"
    return "040", "CONSULT/meeting"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {c.iso3: c.name for c in load_dictionaries().countries}


def meeting_row(meeting_id: str, m: MeetingRecord) -> dict:
    cameo, plover = cameo_plover(m)
    w = m.window
    return {
        "meeting_id": meeting_id,
        "date_start": w.start.isoformat() if w else "",
        "date_end": w.end.isoformat() if w else "",
        "date_precision": w.precision if w else "", "date_text": w.text if w else "",
        "status": m.status, "level": m.level, "format": m.format,
        "countries": _join(m.countries), "participants": _join(m.participants),
        "location": m.location, "occasion": m.occasion, "topics": _join(m.topics),
        "outcome": m.outcome, "cameo": cameo, "plover": plover,
        "mentions": ";".join(x.mention_id for x in _ordered(m.mentions)),
        "articles": _join(m.article_ids),
        "rule": ";".join(x.rule for x in _ordered(m.mentions)),
        "matched_text": " | ".join(x.matched_text for x in _ordered(m.mentions)),
    }


def _ordered(mentions):
    return sorted(mentions, key=lambda x: (x.article_id, x.sentence_index))


def measure_row(measure_id: str, m: MeasureRecord) -> dict:
    fields = ("announced", "in_force", "lifted")
    return {
        "measure_id": measure_id, "imposer": m.imposer, "targets": _join(m.targets),
        "measure_type": m.measure_type, "direction": m.direction,
        "products": _join(m.products),
        **{f: m.dates[f].iso() if f in m.dates else "" for f in fields},
        "date_precision": ";".join(f"{f}:{m.dates[f].precision}" for f in fields
                                   if f in m.dates),
        "date_text": " | ".join(f"{f}={m.dates[f].text}" for f in fields if f in m.dates),
        "status": m.status, "demands": "; ".join(m.demands),
        "mentions": ";".join(x.mention_id for x in _ordered(m.mentions)),
        "articles": _join(m.article_ids),
        "rule": ";".join(x.rule for x in _ordered(m.mentions)),
        "matched_text": " | ".join(x.matched_text for x in _ordered(m.mentions)),
    }


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
    warnings: tuple[str, ...] = field(default=())

    def run_log(self) -> str:
        """The run log written beside the tables: every repair the loader made."""
        return "".join(f"warning: {w}\n" for w in self.warnings)

    def items(self):
        return [("articles", self.articles), ("removals", self.removals),
                ("mentions", self.mentions), ("meetings", self.meetings),
                ("measures", self.measures), ("actors", self.actors), ("quotes", self.quotes),
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


def _mentions_table(meeting_ids, measure_ids) -> pd.DataFrame:
    mention_rows = []
    for kind, pairs in (("meeting", meeting_ids), ("measure", measure_ids)):
        for event_id, record in pairs:
            for x in record.mentions:
                mention_rows.append((x.mention_id, x.article_id, x.sentence, x.start, x.end,
                                     kind, event_id, x.rule, x.matched_text))
    mentions = pd.DataFrame(mention_rows, columns=MENTION_COLUMNS)
    if len(mentions):
        mentions["_i"] = mentions["mention_id"].str.rsplit(":", n=1).str[1].astype(int)
        mentions = mentions.sort_values(["article_id", "_i", "event_kind", "event_id"]).drop(
            columns="_i").reset_index(drop=True)
    return mentions


def _sorted(rows: list[tuple], columns: list[str], by: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).sort_values(by, kind="stable").reset_index(
        drop=True)


class TableBuilder:
    """The tables, built as articles arrive in publication order: per-article rows are
    appended, events are merged at once into keyed blocks (``resolve.EventMerger``), so
    nothing of an article but its rows outlives its arrival."""

    def __init__(self) -> None:
        self._rows: dict[str, list[tuple]] = {name: [] for name in _PER_ARTICLE}
        self._meetings = meeting_merger()
        self._measures = measure_merger()
        self._actors: dict[str, dict] = {}
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
                "aliases": ";".join(actor.aliases), "level": actor.level, "articles": set(),
                "in_dictionary": True})
            row.update(role=actor.role, organisation=actor.organisation, level=actor.level)
            row["articles"].add(parts.article_id)

    def tables(self) -> Tables:
        """The finished tables; the builder's rows are handed over, not copied."""
        meeting_ids, measure_ids = assign_ids(self._meetings.merged, self._measures.merged)
        for row in self._actors.values():
            row["articles"] = _join(row["articles"])
        actors = pd.DataFrame(sorted(self._actors.values(), key=lambda r: r["actor_id"]),
                              columns=ACTOR_COLUMNS)
        rows, self._rows = self._rows, {name: [] for name in _PER_ARTICLE}
        return Tables(
            articles=_sorted(rows.pop("articles"), ARTICLE_COLUMNS, ["article_id"]),
            removals=_sorted(rows.pop("removals"), REMOVAL_COLUMNS, ["article_id"]),
            mentions=_mentions_table(meeting_ids, measure_ids),
            meetings=pd.DataFrame([meeting_row(i, m) for i, m in meeting_ids],
                                  columns=MEETING_COLUMNS),
            measures=pd.DataFrame([measure_row(i, m) for i, m in measure_ids],
                                  columns=MEASURE_COLUMNS),
            actors=actors,
            quotes=_sorted(rows.pop("quotes"), QUOTE_COLUMNS, ["article_id", "start"]),
            unknown_actors=_sorted(rows.pop("unknown_actors"), UNKNOWN_COLUMNS,
                                   ["article_id", "sentence_index", "name"]),
            topics=_sorted(rows.pop("topics"), TOPIC_COLUMNS, ["article_id", "topic"]))


_PER_ARTICLE = ("articles", "removals", "quotes", "unknown_actors", "topics")


def build_tables(extractions: list[ArticleExtraction]) -> Tables:
    """The tables of a list of extractions (any order): what the streaming run builds."""
    builder = TableBuilder()
    for parts in sorted(map(article_parts, extractions), key=lambda p: p.order):
        builder.add(parts)
    return builder.tables()
