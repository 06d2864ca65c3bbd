"""What the notebooks call: the pipeline over the book's corpus, run once per kernel,
evaluation against every gold set, and glue.

Notebooks stay thin: they import this module, show what it returns and tell the story.
The book's root is found from the working directory (the folder holding ``_config.yml``
and ``seeds/``), so a copy of the repository, Binder, or a test's scratch copy each
report on their own ``seeds/``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .config import PROJECT_ROOT

# Gold sets, in the order the methods chapter reports them. Each is (corpus, gold, role).
EVALUATION_SETS = (
    ("seeds", "seeds", "data/gold/seeds",
     "The five seed articles (annotated by reading them, before the rules were written)"),
    ("generalisation", "data/generalisation", "data/gold/generalisation",
     "The team's own varied articles, used while developing the rules"),
    ("development 2", "data/heldout", "data/gold/heldout",
     "A second set of the team's articles: held out at first, then used for error analysis"),
    ("development 3", "data/dev3", "data/gold/dev3",
     "Wire-style articles in many outlets' manners: scored once, then used for error analysis"),
    ("development 4", "data/dev4", "data/gold/dev4",
     "Articles with events in passing and long background: scored once, before session's end"),
    ("test", "data/test", "data/gold/test",
     "A final held-out set, written after the rules and never used to change them"),
)


def book_root(start: Path | None = None) -> Path:
    """The folder with ``_config.yml`` and ``seeds/`` at or above ``start`` (the cwd)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "seeds").is_dir():
            return folder
    return PROJECT_ROOT


@lru_cache(maxsize=2)
def _extraction(root: Path):
    from .commands import run_extraction

    return run_extraction(root / "seeds")


def corpus_and_tables(root: Path | None = None):
    return _extraction(root or book_root())


def tables(root: Path | None = None):
    return corpus_and_tables(root)[1]


def corpus_tables():
    t = tables()
    return t.articles, t.removals


@dataclass(frozen=True)
class EvaluationResult:
    name: str
    description: str
    articles: int
    rows: list[dict]


@lru_cache(maxsize=2)
def _evaluations(root: Path) -> tuple[EvaluationResult, ...]:
    from .baseline import baseline_rows
    from .commands import run_extraction
    from .corpus import load_corpus
    from .evaluate import Report, evaluate_rows, report_rows

    results = []
    for name, corpus_dir, gold_dir, description in EVALUATION_SETS:
        corpus_path, gold_path = root / corpus_dir, root / gold_dir
        if not (corpus_path / "manifest.csv").is_file() or not gold_path.is_dir():
            continue
        corpus, t = run_extraction(corpus_path)
        meetings = t.meetings.astype(str).to_dict("records")
        measures = t.measures.astype(str).to_dict("records")
        m_score, x_score = evaluate_rows(meetings, measures, gold_path)
        b_meetings, b_measures = baseline_rows(load_corpus(corpus_path))
        bm, bx = evaluate_rows(b_meetings, b_measures, gold_path)
        rows = report_rows(Report(m_score, x_score, bm, bx))
        results.append(EvaluationResult(name, description, len(corpus.articles), rows))
    return tuple(results)


def evaluation_table(root: Path | None = None) -> pd.DataFrame:
    """One row per (set, system, table): precision, recall, F1, dates exact, fields."""
    rows = []
    for result in _evaluations(root or book_root()):
        for row in result.rows:
            rows.append({"set": result.name, "articles": result.articles, **row})
    return pd.DataFrame(rows)


def evaluation_sets(root: Path | None = None) -> list[EvaluationResult]:
    return list(_evaluations(root or book_root()))


def evaluation_log(root: Path | None = None) -> pd.DataFrame:
    """First scores of each set, recorded before the set was used for anything
    (data/evaluation_log.csv): the honest estimate for articles the rules have not seen."""
    path = (root or book_root()) / "data" / "evaluation_log.csv"
    return pd.read_csv(path, dtype=str).fillna("") if path.is_file() else pd.DataFrame()


def topic_counts(root: Path | None = None) -> pd.DataFrame:
    """Sentences per article that touch each topic of the codebook's vocabulary."""
    from .annotate import default_annotator
    from .corpus import load_corpus
    from .pipeline import process_article

    annotator = default_annotator()
    rows = []
    corpus = load_corpus((root or book_root()) / "seeds")
    for article in corpus.articles:
        processed = process_article(article)
        counts: Counter = Counter()
        evidence: dict[str, str] = {}
        for s in processed.sentences:
            for topic in annotator.annotate(s.text, article.published).topics:
                counts[topic] += 1
                evidence.setdefault(topic, s.text)
        for topic, n in sorted(counts.items()):
            rows.append({"article_id": article.article_id, "outlet": article.outlet,
                         "published": article.published.isoformat(), "topic": topic,
                         "sentences": n, "example": evidence[topic]})
    return pd.DataFrame(rows, columns=["article_id", "outlet", "published", "topic",
                                       "sentences", "example"])


def write_tables(root: Path | None = None) -> Path:
    """Write the book's tables and data package to book/tables (the appendix downloads;
    also what ``make reproduce`` compares with data/checksums.json)."""
    from .package import write_package

    root = root or book_root()
    corpus, t = corpus_and_tables(root)
    log = "".join(f"warning: {w}\n" for w in corpus.warnings)
    out = root / "book" / "tables"
    write_package(t, out, {"run_log.txt": log.encode("utf-8")})
    return out


def glue_value(name: str, value: Any) -> None:
    """Glue a number or short text for the prose; text is stored as plain text only."""
    from myst_nb import glue

    if hasattr(value, "item"):
        value = value.item()
    glue(name, value, display=False)


def glue_all(values: dict[str, Any]) -> None:
    for name, value in values.items():
        glue_value(name, value)


def chart_specs(root: Path | None = None) -> dict[str, dict]:
    """Every chart of the book as its Vega-Lite spec (for the determinism check)."""
    from . import charts

    t = tables(root)
    return {
        "removals-by-rule": charts.removals_chart(t.removals, t.articles).to_dict(),
        "meetings-timeline": charts.meetings_timeline(t.meetings, t.mentions,
                                                      t.articles).to_dict(),
        "measures-over-time": charts.measures_chart(t.measures, t.mentions,
                                                    t.articles).to_dict(),
        "actor-network": charts.actor_network(t.meetings, t.actors).to_dict(),
        "topics-by-article": charts.topics_matrix(topic_counts(root)).to_dict(),
    }
