"""What the notebooks call: the book's tables, evaluation against every gold set, and glue.

The build extracts the seeds, and every evaluation set whose recorded scores
(``results/scores/``, see ``tradetalks.evaluation.records``) are missing or stale, once
(``build_store``, the ``build-tables`` command, run by ``make book`` before the notebooks)
into ``_build/tables/<set>-<digest>/``; each notebook reads those files and the current
records. A notebook run on its own (Binder, no build before it) finds no folder for the
current inputs' digest and extracts for itself, once per kernel.

Notebooks stay thin: they import this module, show what it returns and tell the story.
The book's root is found from the working directory (the folder holding ``_config.yml``
and ``seeds/``), so a copy of the repository, Binder, or a test's scratch copy each
report on their own ``seeds/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from tradetalks.paths import PROJECT_ROOT
from tradetalks.workers import worker_pool


def book_root(start: Path | None = None) -> Path:
    """The folder with ``_config.yml`` and ``seeds/`` at or above ``start`` (the cwd)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "seeds").is_dir():
            return folder
    return PROJECT_ROOT


STORE = Path("_build") / "tables"
SEEDS = "seeds"


def _stored_or_run(root: Path, name: str, corpus: Path):
    """The set's tables from this build's store, or a fresh extraction when the store
    holds none for the current inputs."""
    from tradetalks.publish.store import read_tables, stored_folder

    stored = read_tables(stored_folder(root / STORE, name, corpus))
    if stored is not None:
        return stored
    from tradetalks.pipeline import run

    return run(corpus)


def _corpora(root: Path) -> list[tuple[str, Path, Path | None]]:
    """The book's corpus and every evaluation set with a manifest: (name, folder, gold
    folder or None)."""
    sets = [(s.name, s.corpus, s.gold) for s in article_sets(root)
            if (s.corpus / "manifest.csv").is_file() and s.gold.is_dir()]
    seeds_gold = next((g for _, c, g in sets if c == root / "seeds"), None)
    return [(SEEDS, root / "seeds", seeds_gold),
            *[(n, c, g) for n, c, g in sets if c != root / "seeds"]]


BASELINE = "baseline.json"  # the keyword baseline's rows, beside the set's tables
EVALUATION = "evaluation.json"  # the set's scores against its gold, beside its tables


def _scored(t, gold: Path, corpus: Path, baseline) -> list[dict]:
    from tradetalks.evaluation.score import evaluate_predictions, report_rows

    return report_rows(evaluate_predictions(t.meetings.astype(str).to_dict("records"),
                                            t.measures.astype(str).to_dict("records"),
                                            gold, corpus, baseline=baseline))


def extract_into(corpus: Path, folder: Path, gold: Path | None = None) -> Path:
    """One set's tables, keyword baseline and, given its gold, its scores into its store
    folder (a pool task): each set is scored once per build, in the process that
    extracted it, not once in every chapter that shows the scores."""
    from tradetalks.evaluation.baseline import baseline_rows
    from tradetalks.ingest.corpus import load_corpus
    from tradetalks.pipeline import run
    from tradetalks.publish.output import write_atomic
    from tradetalks.publish.package import write_package
    from tradetalks.publish.store import folder_digest, read_tables

    # the store is the build's cache: not validated here; book/tables, the package a
    # reader downloads, is validated when build-tables publishes it
    write_package(run(corpus), folder, validate=False)
    meetings, measures = baseline_rows(load_corpus(corpus))
    text = json.dumps({"meetings": meetings, "measures": measures}, sort_keys=True)
    write_atomic(folder / BASELINE, text.encode("utf-8"))
    if gold is not None and all((gold / f"{n}.csv").is_file() for n in ("meetings", "measures")):
        t = read_tables(folder)  # scored as the chapters would score the stored tables
        scores = {"gold": folder_digest(gold), "articles": len(t.articles),
                  "rows": _scored(t, gold, corpus, (meetings, measures))}
        write_atomic(folder / EVALUATION,
                     json.dumps(scores, sort_keys=True).encode("utf-8"))
    return folder


def _stored_baseline(root: Path, name: str, corpus: Path):
    """The keyword baseline's rows stored by this build, or None (then they are computed)."""
    from tradetalks.publish.store import stored_folder

    path = stored_folder(root / STORE, name, corpus) / BASELINE
    if not path.is_file():
        return None
    rows = json.loads(path.read_text(encoding="utf-8"))
    return rows["meetings"], rows["measures"]


def _recorded(root: Path, name: str, corpus: Path, gold: Path | None) -> bool:
    """Whether an evaluation set's scores are recorded for the current inputs (then the
    build need not extract it; the seeds, the report's own corpus, always are)."""
    from tradetalks.evaluation.records import current_record

    return name != SEEDS and gold is not None and \
        current_record(root, name, corpus, gold) is not None


def store_plan(root: Path, use_records: bool = True) -> tuple[
        dict[str, tuple[Path, Path]], list[tuple[Path, Path, Path | None]]]:
    """Each corpus's store folder ({name: (corpus, folder)}, the book's seeds first) and
    the (corpus, folder, gold) still to extract: those missing or stale, but for the
    evaluation sets whose recorded scores are current."""
    from tradetalks.publish.store import is_complete, stored_folder

    corpora = _corpora(root)
    folders = {name: (corpus, stored_folder(root / STORE, name, corpus))
               for name, corpus, _ in corpora}
    todo = [(corpus, folders[name][1], gold) for name, corpus, gold in corpora
            if not is_complete(folders[name][1])
            and not (use_records and _recorded(root, name, corpus, gold))]
    return folders, todo


def finish_store(root: Path, folders: dict[str, tuple[Path, Path]]) -> list[Path]:
    """Remove older digests' folders; the store folders this build holds, the book's
    seeds first (a set whose recorded scores are current has none)."""
    from tradetalks.publish.store import is_complete, remove_stale

    for name, (_, folder) in folders.items():
        remove_stale(root / STORE, name, folder)
    return [folder for _, folder in folders.values() if is_complete(folder)]


def publish_seeds(folder: Path, out: Path) -> None:
    """The seeds' stored tables as the validated data package readers download, unless
    ``out`` already holds these bytes."""
    from tradetalks.publish.package import write_package
    from tradetalks.publish.store import read_tables, same_package

    if not same_package(folder, out):
        write_package(read_tables(folder), out)


def build_store(root: Path | None = None, jobs: int = 1) -> list[Path]:
    """Extract each corpus whose store folder is missing or stale (once per build);
    returns the folders, the book's seeds first. With ``jobs`` > 1 the sets are shared
    among that many processes, each loading the dictionaries once for all its sets."""
    root = root or book_root()
    folders, todo = store_plan(root)
    _extract_all(todo, jobs)
    return finish_store(root, folders)


def _extract_all(todo: list[tuple[Path, Path, Path | None]], jobs: int) -> None:
    """``extract_into`` for each (corpus, folder, gold), shared among ``jobs`` processes
    (each loading the dictionaries once for all its sets) when there is more than one."""
    if jobs > 1 and len(todo) > 1:
        from tradetalks.pipeline import warm_up  # loads the sentence splitter: only if needed

        with worker_pool(jobs, warm_up) as pool:
            list(pool.map(extract_into, *zip(*todo, strict=True)))
    else:
        for corpus, folder, gold in todo:
            extract_into(corpus, folder, gold)


def score_sets(root: Path, jobs: int = 1) -> dict[str, dict]:
    """Every evaluation set's scores (not the seeds'), each set extracted afresh into a
    scratch store whatever the build store and the records hold: what ``make scores``
    records and the test suite checks the records against."""
    import tempfile

    sets = [(name, corpus, gold) for name, corpus, gold in _corpora(root)
            if name != SEEDS and gold is not None]
    with tempfile.TemporaryDirectory(prefix="tradetalks-scores-") as scratch:
        folders = [Path(scratch) / name for name, _, _ in sets]
        todo = [(corpus, folder, gold) for (_, corpus, gold), folder in zip(sets, folders,
                                                                             strict=True)]
        from tradetalks.pipeline import load_models

        load_models()  # once, here: any forked workers share it
        _extract_all(todo, jobs)
        return {name: json.loads((folder / EVALUATION).read_text(encoding="utf-8"))
                for (name, _, _), folder in zip(sets, folders, strict=True)}


def record_scores(root: Path | None = None, jobs: int = 1,
                  check: bool = False) -> list[str]:
    """Recompute every evaluation set's scores and write their records (``check``: compare
    with the records instead, writing nothing). Returns the sets whose record was
    rewritten, or (``check``) differs from the fresh scores."""
    from tradetalks.evaluation.records import record_path, record_text, write_record

    root = root or book_root()
    gold = {name: (corpus, g) for name, corpus, g in _corpora(root)}
    changed = []
    for name, scores in score_sets(root, jobs).items():
        corpus, g = gold[name]
        path = record_path(root, name)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old != record_text(corpus, g, scores):
            changed.append(name)
            if not check:
                write_record(root, name, corpus, g, scores)
    return changed


@lru_cache(maxsize=2)
def _extraction(root: Path):
    return _stored_or_run(root, SEEDS, root / "seeds")


def tables(root: Path | None = None):
    return _extraction(root or book_root())


@dataclass(frozen=True)
class EvaluationResult:
    name: str
    label: str
    description: str
    articles: int
    rows: list[dict]


def _stored_scores(root: Path, name: str, corpus: Path, gold: Path) -> dict | None:
    """The set's scores stored by this build for this gold, else its current record, or
    None."""
    from tradetalks.evaluation.records import current_record
    from tradetalks.publish.store import folder_digest, is_complete, stored_folder

    folder = stored_folder(root / STORE, name, corpus)
    path = folder / EVALUATION
    if is_complete(folder) and path.is_file():
        scores = json.loads(path.read_text(encoding="utf-8"))
        if scores.get("gold") == folder_digest(gold):
            return scores
    return None if name == SEEDS else current_record(root, name, corpus, gold)


@lru_cache(maxsize=2)
def _evaluations(root: Path) -> tuple[EvaluationResult, ...]:
    results = []
    for article_set in article_sets(root):
        if not (article_set.corpus / "manifest.csv").is_file() or not article_set.gold.is_dir():
            continue
        name = SEEDS if article_set.corpus == root / "seeds" else article_set.name
        scores = _stored_scores(root, name, article_set.corpus, article_set.gold)
        if scores is None:
            t = (_extraction(root) if name == SEEDS
                 else _stored_or_run(root, name, article_set.corpus))
            scores = {"articles": len(t.articles),
                      "rows": _scored(t, article_set.gold, article_set.corpus,
                                      _stored_baseline(root, name, article_set.corpus))}
        results.append(EvaluationResult(article_set.name, article_set.label,
                                        article_set.description, scores["articles"],
                                        scores["rows"]))
    return tuple(results)


def article_sets(root: Path | None = None):
    """The gold-annotated article sets, in the report's order (corpora/sets.csv)."""
    from tradetalks.evaluation.sets import load_sets

    root = root or book_root()
    return load_sets(root / "corpora" / "sets.csv", root)


def evaluation_table(root: Path | None = None) -> pd.DataFrame:
    """One row per (set, system, table): precision, recall, F1, dates exact, fields."""
    rows = []
    for result in _evaluations(root or book_root()):
        for row in result.rows:
            rows.append({"set": result.label, "key": result.name, "articles": result.articles,
                         **row})
    return pd.DataFrame(rows)


def evaluation_log(root: Path | None = None) -> pd.DataFrame:
    """First scores of each set, recorded before the set was used for anything
    (results/evaluation_log.csv): the honest estimate for articles the rules have not seen."""
    path = (root or book_root()) / "results" / "evaluation_log.csv"
    return pd.read_csv(path, dtype=str).fillna("") if path.is_file() else pd.DataFrame()


def topic_counts(root: Path | None = None) -> pd.DataFrame:
    """Sentences per article that touch each topic, with the article's outlet and date."""
    t = tables(root)
    meta = t.articles[["article_id", "outlet", "published"]]
    return t.topics.merge(meta, on="article_id", how="left")[
        ["article_id", "outlet", "published", "topic", "sentences", "example"]]


def write_tables(root: Path | None = None) -> Path:
    """Write the book's tables and data package to book/tables (the appendix downloads;
    also what ``make reproduce`` compares with results/checksums.json)."""
    from tradetalks.publish.package import write_package
    from tradetalks.publish.store import same_package, stored_folder

    root = root or book_root()
    out = root / "book" / "tables"
    if not same_package(stored_folder(root / STORE, SEEDS, root / "seeds"), out):
        write_package(tables(root), out)  # else `make tables` has just written these bytes
    return out


def glue_value(name: str, value: Any) -> None:
    """Glue a number or short text for the prose; text is stored as plain text only."""
    from myst_nb import glue

    if hasattr(value, "item"):
        value = value.item()
    glue(name, value, display=False)


class Figures:
    """The figures a chapter quotes, shown as a table in a notebook (every row, none
    elided), so that a notebook run in JupyterLab, where the prose's glue roles are not
    rendered, shows the numbers too."""

    def __init__(self, values: dict[str, Any]):
        self.values = {name: str(v.item() if hasattr(v, "item") else v)
                       for name, v in values.items()}

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        import html

        rows = "".join(f"<tr><td><code>{html.escape(k)}</code></td><td>{html.escape(v)}</td>"
                       "</tr>" for k, v in self.values.items())
        return {"text/plain": "\n".join(f"{k}: {v}" for k, v in self.values.items()),
                "text/html": ("<table><caption>Figures quoted in this chapter</caption>"
                              f"<thead><tr><th>figure</th><th>value</th></tr></thead>"
                              f"<tbody>{rows}</tbody></table>")}


def glue_all(values: dict[str, Any]) -> Figures:
    """Glue every value for the prose; return them as a table for the notebook to show."""
    for name, value in values.items():
        glue_value(name, value)
    return Figures(values)


def figure(name: str, chart) -> None:
    """Glue a chart for a numbered ``{glue:figure}`` in the prose, and display it, so that
    JupyterLab shows it where the book shows the captioned figure."""
    from myst_nb import glue

    glue(name, chart, display=True)


def chart_specs(root: Path | None = None) -> dict[str, dict]:
    """Every chart of the book as its Vega-Lite spec (for the determinism check)."""
    from tradetalks.report import charts

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
