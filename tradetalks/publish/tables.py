"""The codebook's tables as DataFrames, columns in the codebook's order, then extras."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tradetalks.ingest.article import ProcessedArticle
from tradetalks.ingest.clean import word_count
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord
from tradetalks.publish.codes import EventCode, demand_code, measure_code, meeting_code
from tradetalks.publish.locations import actor_ids, locate, multilateral_occasion, place_relation
from tradetalks.resolve import assign_ids, merge_measures, merge_meetings
from tradetalks.rules.extraction import ArticleExtraction
from tradetalks.vocabulary import vocabulary

ARTICLE_COLUMNS = ["article_id", "file", "outlet", "url", "title", "published", "date_basis",
                   "language", "words_raw", "words_clean", "lines_removed", "sentences"]
REMOVAL_COLUMNS = ["article_id", "line", "rule", "text"]

CODE_COLUMNS = ["cameo", "plover", "plover_mode", "plover_context", "quad_class", "goldstein"]
MEETING_COLUMNS = ["meeting_id", "date_start", "date_end", "date_precision", "date_text",
                   "status", "level", "format", "countries", "participants", "participant_ids",
                   "location", "place_id", "location_country", "latitude", "longitude",
                   "occasion", "multilateral_occasion", "topics", "outcome", *CODE_COLUMNS,
                   "mentions", "articles", "rule", "matched_text"]
MEASURE_COLUMNS = ["measure_id", "imposer", "targets", "measure_type", "direction", "products",
                   *vocabulary().date_fields, "date_precision", "date_text", "status",
                   *CODE_COLUMNS, "demands", "demand_cameo", "demand_plover",
                   "demand_plover_mode", "mentions", "articles", "rule", "matched_text"]
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
    }


def _demand_fields(m: MeasureRecord) -> dict:
    code = demand_code() if m.demands else None
    return {"demand_cameo": code.cameo if code else "",
            "demand_plover": code.plover if code else "",
            "demand_plover_mode": code.plover_mode if code else ""}


def participants_table(meeting_ids: list[tuple[str, MeetingRecord]]) -> pd.DataFrame:
    """One row per meeting and participant: the join of meetings to actors."""
    rows = [{"meeting_id": i, "actor_id": a, "name": n} for i, m in meeting_ids
            for n in sorted(m.participants) for a in actor_ids([n])]
    return pd.DataFrame(rows, columns=PARTICIPANT_COLUMNS).sort_values(
        ["meeting_id", "actor_id"], kind="stable").reset_index(drop=True)


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
    order = {e.processed.article.article_id: i for i, e in enumerate(extractions)}
    meeting_ids, measure_ids = assign_ids(meetings, measures, order)
    mention_rows = []
    for kind, pairs in (("meeting", meeting_ids), ("measure", measure_ids)):
        for event_id, record in pairs:
            for x in record.mentions:
                mention_rows.append({"mention_id": x.mention_id, "article_id": x.article_id,
                                     "sentence": x.sentence, "start": x.start, "end": x.end,
                                     "event_kind": kind, "event_id": event_id,
                                     "meeting_id": event_id if kind == "meeting" else "",
                                     "measure_id": event_id if kind == "measure" else "",
                                     "rule": x.rule,
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
                "aliases": ";".join(actor.aliases), "level": actor.level,
                "sector": actor.sector, "wikidata": actor.wikidata, "articles": set(),
                "in_dictionary": True})
            row.update(role=actor.role, organisation=actor.organisation, level=actor.level,
                       sector=actor.sector)
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
        actors=actors, participants=participants_table(meeting_ids), quotes=quotes,
        unknown_actors=unknown,
        topics=pd.DataFrame([{"article_id": e.processed.article.article_id, **row}
                             for e in extractions for row in e.topics],
                            columns=TOPIC_COLUMNS).sort_values(
            ["article_id", "topic"], kind="stable").reset_index(drop=True))
