"""The codebook's tables as DataFrames, columns in the codebook's order, then extras."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from tradetalks.ingest.article import ProcessedArticle
from tradetalks.ingest.clean import word_count
from tradetalks.knowledge.dictionaries import load_dictionaries
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, why_text
from tradetalks.resolve import assign_ids, merge_measures, merge_meetings
from tradetalks.rules.extraction import ArticleExtraction
from tradetalks.vocabulary import vocabulary

ARTICLE_COLUMNS = ["article_id", "file", "outlet", "url", "title", "published", "date_basis",
                   "language", "words_raw", "words_clean", "lines_removed", "sentences"]
REMOVAL_COLUMNS = ["article_id", "line", "rule", "text"]

MEETING_COLUMNS = ["meeting_id", "date_start", "date_end", "date_precision", "date_text",
                   "status", "level", "format", "countries", "participants", "location",
                   "occasion", "topics", "outcome", "cameo", "plover", "mentions",
                   "articles", "rule", "matched_text", "why"]
MEASURE_COLUMNS = ["measure_id", "imposer", "targets", "measure_type", "direction", "products",
                   "announced", "in_force", "lifted", "date_precision", "date_text", "status",
                   "demands", "mentions", "articles", "rule", "matched_text", "why"]
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
        "why": why_text(m.why),
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
        "why": why_text(m.why),
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


def articles_table(processed: list[ProcessedArticle]) -> pd.DataFrame:
    rows = [{
        "article_id": p.article.article_id, "file": p.article.file, "outlet": p.article.outlet,
        "url": p.article.url, "title": p.article.title,
        "published": p.article.published.isoformat(), "date_basis": p.article.date_basis,
        "language": p.article.language, "words_raw": word_count(p.article.text),
        "words_clean": word_count(p.cleaned.text), "lines_removed": len(p.cleaned.removals),
        "sentences": len(p.sentences),
    } for p in processed]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def removals_table(processed: list[ProcessedArticle]) -> pd.DataFrame:
    rows = [{"article_id": p.article.article_id, "line": r.line, "rule": r.rule, "text": r.text}
            for p in processed for r in p.cleaned.removals]
    return pd.DataFrame(rows, columns=REMOVAL_COLUMNS)


def build_tables(extractions: list[ArticleExtraction]) -> Tables:
    extractions = sorted(extractions, key=lambda e: (e.processed.article.published,
                                                     e.processed.article.article_id))
    meetings = merge_meetings([e.meetings for e in extractions])
    measures = merge_measures([e.measures for e in extractions])
    meeting_ids, measure_ids = assign_ids(meetings, measures)
    mention_rows = []
    for kind, pairs in (("meeting", meeting_ids), ("measure", measure_ids)):
        for event_id, record in pairs:
            for x in record.mentions:
                mention_rows.append({"mention_id": x.mention_id, "article_id": x.article_id,
                                     "sentence": x.sentence, "start": x.start, "end": x.end,
                                     "event_kind": kind, "event_id": event_id, "rule": x.rule,
                                     "matched_text": x.matched_text})
    mentions = pd.DataFrame(mention_rows, columns=MENTION_COLUMNS)
    if len(mentions):
        mentions["_i"] = mentions["mention_id"].str.rsplit(":", n=1).str[1].astype(int)
        mentions = mentions.sort_values(["article_id", "_i", "event_kind", "event_id"]).drop(
            columns="_i").reset_index(drop=True)
    actor_rows: dict[str, dict] = {}
    for e in extractions:
        for actor in e.actors:
            row = actor_rows.setdefault(actor.actor_id, {
                "actor_id": actor.actor_id, "name": actor.name, "country": actor.country,
                "role": actor.role, "organisation": actor.organisation,
                "aliases": ";".join(actor.aliases), "level": actor.level, "articles": set(),
                "in_dictionary": True})
            row.update(role=actor.role, organisation=actor.organisation, level=actor.level)
            row["articles"].add(e.processed.article.article_id)
    for row in actor_rows.values():
        row["articles"] = _join(row["articles"])
    actors = pd.DataFrame(sorted(actor_rows.values(), key=lambda r: r["actor_id"]),
                          columns=ACTOR_COLUMNS)
    quote_rows = []
    for e in extractions:
        for i, q in enumerate(sorted(e.quotes, key=lambda q: q.start)):
            quote_rows.append({"quote_id": f"{q.article_id}:q{i}", "article_id": q.article_id,
                               "speaker": q.speaker_id, "text": q.text, "start": q.start,
                               "end": q.end, "speaker_name": q.speaker_name, "rule": q.rule})
    quotes = pd.DataFrame(quote_rows, columns=QUOTE_COLUMNS).sort_values(
        ["article_id", "start"], kind="stable").reset_index(drop=True)
    unknown = pd.DataFrame(
        [{"name": n, "article_id": e.processed.article.article_id, "sentence_index": i,
          "sentence": s} for e in extractions for n, i, s in e.unknown_persons],
        columns=UNKNOWN_COLUMNS).sort_values(["article_id", "sentence_index", "name"],
                                             kind="stable").reset_index(drop=True)
    processed = sorted((e.processed for e in extractions), key=lambda p: p.article.article_id)
    return Tables(
        articles=articles_table(processed), removals=removals_table(processed),
        mentions=mentions,
        meetings=pd.DataFrame([meeting_row(i, m) for i, m in meeting_ids],
                              columns=MEETING_COLUMNS),
        measures=pd.DataFrame([measure_row(i, m) for i, m in measure_ids],
                              columns=MEASURE_COLUMNS),
        actors=actors, quotes=quotes, unknown_actors=unknown,
        topics=pd.DataFrame([{"article_id": e.processed.article.article_id, **row}
                             for e in extractions for row in e.topics],
                            columns=TOPIC_COLUMNS).sort_values(
            ["article_id", "topic"], kind="stable").reset_index(drop=True))
