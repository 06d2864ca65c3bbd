"""Per-article extraction: annotate every sentence, then find meetings, measures and quotes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .annotate import Annotator, Found, SentenceAnnotations, default_annotator
from .corpus import Article
from .dictionaries import ActorEntry, load_dictionaries
from .events import MeasureRecord, MeetingRecord
from .measures import MeasureRules, extract_measures
from .meetings import MeetingRules, extract_meetings
from .pipeline import ProcessedArticle, process_article
from .quotes import Quote, extract_quotes


@dataclass
class ArticleExtraction:
    processed: ProcessedArticle
    meetings: list[MeetingRecord]
    measures: list[MeasureRecord]
    quotes: list[Quote]
    actors: list[ActorEntry]
    unknown_persons: list[tuple[str, int, str]]  # (name, sentence index, sentence)


def resolve_surnames(annotations: list[SentenceAnnotations]) -> None:
    """Within one article, a bare name part ("Wang", "Li") that is not a dictionary alias
    refers to the one person of that name already introduced in full (coreference as a
    reader does it); where two introduced people share it, it stays unresolved."""
    seen: dict[str, set[str]] = {}
    actors: dict[str, ActorEntry] = {}
    for ann in annotations:
        text = ann.text
        taken = [(f.start, f.end) for f, _ in ann.persons]
        for part, ids in seen.items():
            if len(ids) != 1:
                continue
            actor = actors[next(iter(ids))]
            for m in re.finditer(rf"(?<![\w-]){re.escape(part)}(?![\w-])", text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                ann.persons.append((Found(m.start(), m.end(), m.group(), actor.actor_id), actor))
                taken.append(m.span())
        ann.persons.sort(key=lambda pair: pair[0].start)
        for _, actor in ann.persons:
            actors[actor.actor_id] = actor
            for part in actor.name.split():
                if len(part) >= 2 and part[0].isupper():
                    seen.setdefault(part, set()).add(actor.actor_id)


def date_demands_by_meetings(measures: list[MeasureRecord], meetings: list[MeetingRecord],
                             article_id: str, published) -> None:
    """'During the meeting, Akazawa urged China to lift ...': a demand made in a sentence
    that reports a meeting is dated by that meeting's day, not by the publication date."""
    fallback = f", {published.isoformat()}"
    for measure in measures:
        updated = []
        for demand in measure.demands:
            index = measure.demand_sentences.get(demand)
            meeting = next((m for m in meetings if m.window and m.window.precision == "day"
                            and m.window.start == m.window.end
                            and any(x.article_id == article_id and x.sentence_index == index
                                    for x in m.mentions)), None)
            if meeting is not None and demand.endswith(fallback):
                new = demand[: -len(fallback)] + f", {meeting.window.start.isoformat()}"
                measure.demand_sentences[new] = index
                demand = new
            if demand not in updated:
                updated.append(demand)
        measure.demands = updated


@lru_cache(maxsize=1)
def _rules() -> tuple[MeetingRules, MeasureRules, dict]:
    triggers = load_dictionaries().triggers
    return MeetingRules(triggers), MeasureRules(triggers), triggers["quote"]


def extract_article(article: Article, annotator: Annotator | None = None) -> ArticleExtraction:
    annotator = annotator or default_annotator()
    meeting_rules, measure_rules, quote_spec = _rules()
    processed = process_article(article)
    published = article.published
    annotations: list[SentenceAnnotations] = [annotator.annotate(s.text, published)
                                              for s in processed.sentences]
    resolve_surnames(annotations)
    country_counts: Counter = Counter()
    for ann in annotations:
        country_counts.update(f.value.rstrip("?") for f in ann.countries)
        country_counts.update(actor.country for _, actor in ann.persons)
    sentences = list(processed.sentences)
    meetings = extract_meetings(article.article_id, published, sentences, annotations,
                                annotator, meeting_rules, country_counts)
    measures = extract_measures(article.article_id, published, sentences, annotations,
                                measure_rules)
    date_demands_by_meetings(measures, meetings, article.article_id, published)
    quotes = extract_quotes(article.article_id, processed.cleaned.text,
                            processed.cleaned.paragraphs, published, annotator,
                            quote_spec["verbs"], int(quote_spec["min_words"]))
    actors: dict[str, ActorEntry] = {}
    unknown: list[tuple[str, int, str]] = []
    for sentence, ann in zip(sentences, annotations, strict=True):
        for _, actor in ann.persons:
            actors.setdefault(actor.actor_id, actor)
        for found in ann.unknown_persons:
            unknown.append((found.value, sentence.index, sentence.text))
    return ArticleExtraction(processed, meetings, measures, quotes, list(actors.values()),
                             unknown)
