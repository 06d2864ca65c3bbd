"""Score extracted tables against gold with the codebook's matching rules, and compare
with a plain keyword baseline.

Scoring is per article: gold lists each event once per article that reports it; a
predicted event counts for an article when one of its mentions is in that article.
Within an article each gold event matches at most one prediction (maximum bipartite
matching). Precision, recall and F1 per table; date exactness and field accuracy over
matched pairs.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tradetalks.knowledge.dates import iso_window
from tradetalks.knowledge.records import measure_family
from tradetalks.publish.cells import restore
from tradetalks.vocabulary import vocabulary

MEETING_FIELDS = ("level", "status", "format")
MEASURE_FIELDS = ("status", "targets", "direction")


def _set(value: str) -> set[str]:
    return {v.strip() for v in (value or "").split(";") if v.strip()}


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: restore((v or "").strip()) for k, v in row.items()}
                for row in csv.DictReader(handle)]


def _window(row: dict, start_key: str = "date_start", end_key: str = "date_end"):
    if not row.get(start_key):
        return None
    return (dt.date.fromisoformat(row[start_key]),
            dt.date.fromisoformat(row.get(end_key) or row[start_key]))


def _overlap(a, b) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def meetings_match(pred: dict, gold: dict) -> bool:
    if _set(pred["countries"]) != _set(gold["countries"]):
        return False
    pw, gw = _window(pred), _window(gold)
    if pw and gw:
        return _overlap(pw, gw)
    pp, gp = _set(pred["participants"]), _set(gold["participants"])
    if pp and gp:
        return bool(pp & gp)
    return pred["status"] == gold["status"]


def _product_families(products: set[str]) -> set[str]:
    return vocabulary().product_families_of(products)


def measures_match(pred: dict, gold: dict) -> bool:
    if pred["imposer"] != gold["imposer"]:
        return False
    if measure_family(pred["measure_type"]) != measure_family(gold["measure_type"]):
        return False
    pp, gp = _set(pred["products"]), _set(gold["products"])
    if pp == {"all_goods"} and gp == {"all_goods"}:
        return True
    return bool(_product_families(pp) & _product_families(gp))


def meeting_date_exact(pred: dict, gold: dict) -> bool:
    pw, gw = _window(pred), _window(gold)
    if pw is None or gw is None:
        return pw is None and gw is None
    return pw == gw or (gw[0] <= pw[0] and pw[1] <= gw[1])


def measure_date_exact(pred: dict, gold: dict) -> bool:
    """Every date field of the article's gold is matched (same window, or inside it); a
    field the gold lacks counts against a prediction only if the prediction comes from
    this article alone (a merged event may carry dates that other articles supply)."""
    merged = len(pred.get("_articles", ())) > 1
    for key in vocabulary().date_fields:
        pw, gw = iso_window(pred.get(key, "")), iso_window(gold.get(key, ""))
        if pw is None and gw is None:
            continue
        if gw is None and merged:
            continue
        if pw is None or gw is None:
            return False
        if not (pw == gw or (gw[0] <= pw[0] and pw[1] <= gw[1])):
            return False
    return True


def _max_matching(preds: list[dict], golds: list[dict], match) -> list[tuple[int, int]]:
    """Maximum bipartite matching (augmenting paths); small per-article sets."""
    edges = {g: [p for p, pr in enumerate(preds) if match(pr, gold)]
             for g, gold in enumerate(golds)}
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    return sorted((g, p) for p, g in owner.items())


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    dates_exact: int = 0
    field_correct: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_table(pred_rows: list[dict], gold_rows: list[dict], match, date_exact,
                fields: tuple[str, ...], id_key: str) -> Score:
    score = Score(field_correct={f: 0 for f in fields})
    articles = sorted({g["article_id"] for g in gold_rows} | {
        a for p in pred_rows for a in p["_articles"]})
    for article in articles:
        preds = [p for p in pred_rows if article in p["_articles"]]
        golds = [g for g in gold_rows if g["article_id"] == article]
        pairs = _max_matching(preds, golds, match)
        score.predicted += len(preds)
        score.gold += len(golds)
        score.matched += len(pairs)
        for g, p in pairs:
            score.dates_exact += date_exact(preds[p], golds[g])
            for f in fields:
                same = (_set(preds[p].get(f, "")) == _set(golds[g].get(f, "")))
                score.field_correct[f] += same
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        score.misses += [f"{article}: {golds[g]['evidence'][:90]}" for g in range(len(golds))
                         if g not in matched_g]
        score.spurious += [f"{article}: {preds[p][id_key]}" for p in range(len(preds))
                           if p not in matched_p]
    return score


def _with_articles(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["_articles"] = {m.rsplit(":", 1)[0] for m in _set(row.get("mentions", ""))}
    return rows


@dataclass
class Report:
    meetings: Score
    measures: Score
    baseline_meetings: Score | None = None
    baseline_measures: Score | None = None


def evaluate_rows(meetings: list[dict], measures: list[dict], gold: Path) -> tuple[Score, Score]:
    gold_meetings = read_rows(gold / "meetings.csv")
    gold_measures = read_rows(gold / "measures.csv")
    return (score_table(_with_articles(meetings), gold_meetings, meetings_match,
                        meeting_date_exact, MEETING_FIELDS, "meeting_id"),
            score_table(_with_articles(measures), gold_measures, measures_match,
                        measure_date_exact, MEASURE_FIELDS, "measure_id"))


def evaluate_folder(output: Path, gold: Path, corpus_dir: Path | None = None) -> Report:
    """Score an output folder written by ``extract``."""
    return evaluate_predictions(read_rows(output / "meetings.csv"),
                                read_rows(output / "measures.csv"), gold, corpus_dir)


def evaluate_predictions(meetings: list[dict], measures: list[dict], gold: Path,
                         corpus_dir: Path | None = None,
                         baseline: tuple[list[dict], list[dict]] | None = None) -> Report:
    """Score predicted rows (as strings) against a gold folder; with ``corpus_dir``, the
    keyword baseline too (its rows computed here, or given as ``baseline`` when the
    build has them already)."""
    meetings_score, measures_score = evaluate_rows(meetings, measures, gold)
    report = Report(meetings_score, measures_score)
    if corpus_dir is not None and baseline is None:
        from tradetalks.evaluation.baseline import baseline_rows
        from tradetalks.ingest.corpus import load_corpus

        baseline = baseline_rows(load_corpus(corpus_dir))
    if corpus_dir is not None:
        b_meetings, b_measures = baseline
        report.baseline_meetings, report.baseline_measures = evaluate_rows(b_meetings,
                                                                           b_measures, gold)
    return report


def report_rows(report: Report) -> list[dict]:
    rows = []
    for system, meetings, measures in (("rules", report.meetings, report.measures),
                                       ("keyword baseline", report.baseline_meetings,
                                        report.baseline_measures)):
        for table, s in (("meetings", meetings), ("measures", measures)):
            if s is None:
                continue
            row = {"system": system, "table": table, "gold": s.gold, "predicted": s.predicted,
                   "matched": s.matched, "precision": round(s.precision, 3),
                   "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                   "dates_exact": round(s.dates_exact / s.matched, 3) if s.matched else 0.0}
            for f, n in s.field_correct.items():
                row[f"{f}_accuracy"] = round(n / s.matched, 3) if s.matched else 0.0
            rows.append(row)
    return rows


def format_errors(report: Report) -> str:
    """The rules' misses (gold evidence) and spurious rows (ids), for error analysis."""
    lines = []
    for table, s in (("meetings", report.meetings), ("measures", report.measures)):
        lines += [f"missed {table[:-1]}: {m}" for m in s.misses]
        lines += [f"spurious {table[:-1]}: {m}" for m in s.spurious]
    return "\n".join(lines)


def format_report(report: Report, title: str = "") -> str:
    lines = [f"Evaluation against {title}" if title else "Evaluation"]
    lines.append(f"{'system':<17} {'table':<9} {'gold':>4} {'pred':>4} {'match':>5} "
                 f"{'P':>5} {'R':>5} {'F1':>5} {'dates':>5}  fields")
    for row in report_rows(report):
        fields = ", ".join(f"{k.removesuffix('_accuracy')} {v:.2f}" for k, v in row.items()
                           if k.endswith("_accuracy"))
        lines.append(f"{row['system']:<17} {row['table']:<9} {row['gold']:>4} "
                     f"{row['predicted']:>4} {row['matched']:>5} {row['precision']:>5.2f} "
                     f"{row['recall']:>5.2f} {row['f1']:>5.2f} {row['dates_exact']:>5.2f}  "
                     f"{fields}")
    return "\n".join(lines)
