"""The one orchestrator: corpus folder in, the codebook's tables out.

Reading order of the whole package, stage by stage:

1. ``ingest``: load and validate the corpus, clean each article (logging every removed
   line), split it into sentences with offsets (``ingest.article.process_article``);
2. ``knowledge``: annotate each sentence with actors, places, dates, products and topics
   from the curated dictionaries; resolve surnames within the article;
3. ``rules``: find meetings, measures and quotes;
4. ``resolve``: decide which mentions are one event, within and across articles;
5. ``publish``: the tables (``publish.tables.build_tables``) and, in the CLI, the data package.

The CLI (``extract``), the make targets and the notebooks (through ``report.book``) all
call :func:`run`.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tradetalks.ingest.article import ProcessedArticle, process_article
from tradetalks.ingest.corpus import (
    Article,
    Entry,
    ManifestScan,
    ordered_warnings,
    read_article,
)
from tradetalks.knowledge.annotate import Annotator, SentenceAnnotations, default_annotator
from tradetalks.knowledge.coreference import resolve_surnames
from tradetalks.knowledge.dates import date_count
from tradetalks.knowledge.dictionaries import ActorEntry, load_dictionaries
from tradetalks.knowledge.parse import parse
from tradetalks.publish.rowfiles import SortedSpool
from tradetalks.publish.tables import (
    ArticleParts,
    TableBuilder,
    TableRows,
    Tables,
    article_parts,
)
from tradetalks.resolve import date_demands_by_meetings
from tradetalks.rules.extraction import ArticleExtraction
from tradetalks.rules.measures import MeasureRules, extract_measures
from tradetalks.rules.meetings import (
    MeetingRules,
    extract_meetings,
    speaker_country,
    top_countries,
)
from tradetalks.rules.quotes import extract_quotes
from tradetalks.rules.roles import definite_meeting_noun, may_refer_back, worth_parsing
from tradetalks.workers import ignore_interrupt, worker_pool

ENTRY_BLOCK = 5_000  # manifest entries sorted in memory before a block goes to disk
POOL_BATCH = 16  # articles per task on a local process pool, and per parse call
DASK_BATCH = 32  # articles per Dask task: big enough to hide the scheduler's overhead
IN_FLIGHT_PER_WORKER = 4  # batches queued per worker: keeps workers busy, memory bounded


@lru_cache(maxsize=1)
def _rules() -> tuple[MeetingRules, MeasureRules, dict]:
    dictionaries = load_dictionaries()
    triggers = dictionaries.triggers
    measures = MeasureRules(triggers, dictionaries.disputes, dictionaries.known_measures)
    return MeetingRules(triggers), measures, triggers["quote"]


def _country_counts(annotations: list[SentenceAnnotations]) -> Counter:
    """How often each government is named: the article's main parties, for 'the two sides'."""
    counts: Counter = Counter()
    for ann in annotations:
        counts.update(f.value.rstrip("?") for f in ann.countries)
        counts.update(actor.country for _, actor in ann.persons)
    return counts


def _people(sentences, annotations) -> tuple[list[ActorEntry], list[tuple[str, int, str]]]:
    actors: dict[str, ActorEntry] = {}
    unknown: list[tuple[str, int, str]] = []
    for sentence, ann in zip(sentences, annotations, strict=True):
        for _, actor in ann.persons:
            actors.setdefault(actor.actor_id, actor)
        for found in ann.unknown_persons:
            unknown.append((found.value, sentence.index, sentence.text))
    return list(actors.values()), unknown


def _topics(sentences, annotations) -> list[dict]:
    counts: Counter = Counter()
    example: dict[str, str] = {}
    for sentence, ann in zip(sentences, annotations, strict=True):
        for topic in ann.topics:
            counts[topic] += 1
            example.setdefault(topic, sentence.text)
    return [{"topic": t, "sentences": n, "example": example[t]}
            for t, n in sorted(counts.items())]


def _worth_parsing(text: str, meeting_rules: MeetingRules,
                   measure_rules: MeasureRules) -> bool:
    """A trigger matched and a parse rule can apply: an imposer verb after a measure
    trigger or just before it, or a definite meeting noun in a meeting sentence."""
    if any(worth_parsing(text, m.start(), m.end()) for m, _, _ in measure_rules.matches(text)):
        return True
    found = [m for m, _, _ in meeting_rules.matches(text)]
    if any(meeting_rules.acts.get(meeting_rules.ids[m.re]) == "summons" for m in found):
        return True  # the parse tells the summoner and the summoned from the rest
    if found and date_count(text) > 1:
        return True  # the parse tells which date belongs to the meeting
    if not definite_meeting_noun().search(text):
        return False  # the cheap test first: no definite meeting noun, no back-reference
    return may_refer_back(text, found)


def _event_sentences(sentences, meeting_rules: MeetingRules,
                     measure_rules: MeasureRules) -> list:
    """The sentences that can hold an event and where a parse rule can apply."""
    return [s for s in sentences if _worth_parsing(s.text, meeting_rules, measure_rules)]


@dataclass
class _Prepared:
    """One article up to the parse: its sentences, their annotations and the sentences
    to parse (parsed together with the other articles of its batch)."""

    article: Article
    processed: ProcessedArticle
    sentences: list
    annotations: list[SentenceAnnotations]
    to_parse: list


def _prepare(article: Article, annotator: Annotator) -> _Prepared:
    meeting_rules, measure_rules, _ = _rules()
    processed = process_article(article)
    sentences = list(processed.sentences)
    annotations = [annotator.annotate(s.text, article.published) for s in sentences]
    resolve_surnames(annotations)
    return _Prepared(article, processed, sentences, annotations,
                     _event_sentences(sentences, meeting_rules, measure_rules))


def _finish(prepared: _Prepared, docs: dict, annotator: Annotator) -> ArticleExtraction:
    """The rules on one article, given the parses of its event sentences."""
    meeting_rules, measure_rules, quote_spec = _rules()
    article, processed = prepared.article, prepared.processed
    sentences, annotations, published = prepared.sentences, prepared.annotations, \
        article.published
    counts = _country_counts(annotations)
    speaker = speaker_country(annotator.people(article.title, published), annotations[:3])
    meetings = extract_meetings(article.article_id, published, sentences, annotations,
                                annotator, meeting_rules, counts, docs, speaker)
    measures = extract_measures(article.article_id, published, sentences, annotations,
                                measure_rules, docs, tuple(top_countries(counts)))
    date_demands_by_meetings(measures, meetings, article.article_id, published)
    quotes = extract_quotes(article.article_id, processed.cleaned.text,
                            processed.cleaned.paragraphs, published, annotator,
                            quote_spec["verbs"], int(quote_spec["min_words"]))
    actors, unknown = _people(sentences, annotations)
    return ArticleExtraction(processed, meetings, measures, quotes, actors, unknown,
                             _topics(sentences, annotations))


def extract_articles(articles: Iterable[Article],
                     annotator: Annotator | None = None) -> Iterator[ArticleExtraction]:
    """Every stage up to the per-article records (no cross-article merge), for a few
    articles at once: their event sentences go to the parser in one ``nlp.pipe`` call,
    which costs far less per sentence than one call per article. The parses, and so
    the records, are the same as one article at a time."""
    annotator = annotator or default_annotator()
    prepared = [_prepare(a, annotator) for a in articles]
    parsed = iter(parse(s.text for p in prepared for s in p.to_parse))
    for p in prepared:
        yield _finish(p, {s.index: next(parsed) for s in p.to_parse}, annotator)


def extract_article(article: Article, annotator: Annotator | None = None) -> ArticleExtraction:
    """Every stage up to the per-article records (no cross-article merge)."""
    return next(extract_articles([article], annotator))


def extract_batch(entries: list[Entry]) -> list[ArticleParts]:
    """One task of a parallel or distributed run: a few articles, read by the worker from
    their files, so neither texts nor the annotator travel with the task; their event
    sentences are parsed together."""
    found = [article_parts(x) for x in extract_articles(read_article(e) for e in entries)]
    for parts, entry in zip(found, entries, strict=True):
        parts.line = entry.line
    return found


def warm_up() -> None:
    """Load the dictionaries, the annotator and the rules once per worker process; every
    later task in the process reuses them (they are module-level caches). Workers leave
    Ctrl-C to the main process."""
    ignore_interrupt()
    default_annotator()
    _rules()


def load_models() -> None:
    """Load everything an extraction needs, the spaCy pipelines included, in this process:
    the book's build calls it before it forks its extraction workers, which then start
    with all of it in memory they share with the parent instead of each importing spaCy
    and loading the model again (a command-line run keeps its main process free of them,
    see ``sentence_pipeline``)."""
    from tradetalks.ingest.sentences import sentence_pipeline
    from tradetalks.knowledge.parse import nlp

    default_annotator()
    _rules()
    sentence_pipeline()
    nlp()


def _publication_key(e: Entry) -> tuple:
    return (e.published, e.article_id)


def publication_order(entries: Iterable[Entry]) -> list[Entry]:
    """The order the cross-article merge needs: by publication date, then article_id."""
    return sorted(entries, key=_publication_key)


def spooled_publication_order(entries: Iterable[Entry]) -> SortedSpool:
    """:func:`publication_order` for a corpus of any size: the entries sorted on disk in
    blocks, so a million manifest rows are never held at once."""
    spool = SortedSpool(_publication_key, block=ENTRY_BLOCK)
    spool.extend(entries)
    return spool


def batched(entries: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    batch: list[Entry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pool_stream(batches: Iterable[list[Entry]], jobs: int) -> Iterator[ArticleParts]:
    """Batches on a process pool, a bounded window in flight, results in batch order (so
    the merge downstream sees publication order whatever finishes first)."""
    window = jobs * IN_FLIGHT_PER_WORKER
    upcoming = iter(batches)
    with worker_pool(jobs, warm_up) as pool:
        pending = deque(pool.submit(extract_batch, b) for b in itertools.islice(upcoming,
                                                                                window))
        while pending:
            done = pending.popleft().result()
            following = next(upcoming, None)
            if following is not None:
                pending.append(pool.submit(extract_batch, following))
            yield from done


def _stream(entries: Iterable[Entry], count: int, jobs: int, engine: str,
            scheduler: str | None) -> Iterator[ArticleParts]:
    if engine == "dask":
        from tradetalks.dask_engine import dask_stream

        return dask_stream(batched(entries, DASK_BATCH), extract_batch, warm_up,
                           scheduler=scheduler, workers=max(jobs, 2))
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}")
    if jobs > 1 and count > 1:
        jobs = min(jobs, count)  # no idle workers, each loading the models
        return _pool_stream(batched(entries, POOL_BATCH), jobs)
    return (parts for batch in batched(entries, POOL_BATCH) for parts in extract_batch(batch))


def _with_progress(results: Iterable[ArticleParts], total: int,
                   progress: bool) -> Iterator[ArticleParts]:
    started = time.monotonic()
    step = max(1, total // 20)
    for done, result in enumerate(results, start=1):
        if progress and (done % step == 0 or done == total):
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"extract: {done}/{total} articles ({rate:.0f}/s)", file=sys.stderr)
        yield result


def _build(corpus_dir: Path | str, jobs: int, progress: bool, engine: str,
           scheduler: str | None, follow_symlinks: bool) -> tuple[TableBuilder, tuple]:
    scan = ManifestScan(corpus_dir, follow_symlinks=follow_symlinks)
    entries = spooled_publication_order(scan)  # every row validated before any is read
    builder = TableBuilder()
    repairs: list[tuple[int, tuple[str, ...]]] = []
    for parts in _with_progress(_stream(entries, entries.count, jobs, engine, scheduler),
                                entries.count, progress):
        builder.add(parts)
        if parts.warnings:
            repairs.append((parts.line, parts.warnings))
    entries.close()
    return builder, tuple(ordered_warnings(scan.warnings, repairs))


def run(corpus_dir: Path | str, jobs: int = 1, progress: bool = False,
        engine: str = "local", scheduler: str | None = None,
        follow_symlinks: bool = False) -> Tables:
    """Validate the manifest, stream the articles through extraction (``jobs`` processes,
    or Dask tasks with ``engine="dask"``) into the merge, and return the tables with the
    corpus warnings. The tables do not depend on ``jobs`` or the engine."""
    builder, warnings = _build(corpus_dir, jobs, progress, engine, scheduler,
                               follow_symlinks)
    tables = builder.tables()
    tables.warnings = warnings
    return tables


def run_rows(corpus_dir: Path | str, jobs: int = 1, progress: bool = False,
             engine: str = "local", scheduler: str | None = None,
             follow_symlinks: bool = False) -> TableRows:
    """:func:`run` for a corpus of any size: the tables as streams of rows for
    ``publish.package.write_package``, never whole in memory (the extract command)."""
    builder, warnings = _build(corpus_dir, jobs, progress, engine, scheduler,
                               follow_symlinks)
    rows = builder.rows()
    rows.warnings = warnings
    return rows
