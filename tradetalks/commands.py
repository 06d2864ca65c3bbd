"""The ``extract`` and ``evaluate`` commands."""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .corpus import Article, load_corpus
from .errors import InputError


def _extract_one(article: Article):
    from .extract import extract_article

    return extract_article(article)


def run_extraction(corpus_dir: Path, jobs: int = 1, progress: bool = False):
    from .tables import build_tables

    corpus = load_corpus(corpus_dir)
    articles = list(corpus.articles)
    results = []
    started = time.monotonic()
    step = max(1, len(articles) // 20)

    def report(done: int) -> None:
        if progress and (done % step == 0 or done == len(articles)):
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"extract: {done}/{len(articles)} articles ({rate:.0f}/s)", file=sys.stderr)

    if jobs > 1 and len(articles) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, result in enumerate(pool.map(_extract_one, articles,
                                                chunksize=max(1, len(articles) // (jobs * 8))),
                                       start=1):
                results.append(result)
                report(i)
    else:
        for i, article in enumerate(articles, start=1):
            results.append(_extract_one(article))
            report(i)
    return corpus, build_tables(results)


def _extract(args: argparse.Namespace) -> int:
    from .package import write_package

    corpus, tables = run_extraction(args.corpus, jobs=args.jobs, progress=not args.quiet)
    log = "".join(f"warning: {w}\n" for w in corpus.warnings)
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    written = write_package(tables, args.out, {"run_log.txt": log.encode("utf-8")})
    if not args.quiet:
        counts = ", ".join(f"{len(frame)} {name}" for name, frame in tables.items())
        print(f"wrote {len(written)} files to {args.out}: {counts}", file=sys.stderr)
        if len(tables.meetings) == 0 and len(tables.measures) == 0:
            print("note: no meeting or trade measure was recognised in this corpus; the "
                  "tables are written with their headers only", file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_folder, format_report

    if not args.gold.is_dir():
        raise InputError("gold folder not found", args.gold)
    report = evaluate_folder(args.output, args.gold, corpus_dir=args.corpus)
    print(format_report(report, title=str(args.gold)))
    return 0


def add_commands(sub) -> None:
    extract = sub.add_parser("extract", help="extract the codebook's tables from a corpus folder")
    extract.add_argument("corpus", type=Path, help="folder with text files and manifest.csv")
    extract.add_argument("--out", type=Path, required=True, help="output folder")
    extract.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    extract.add_argument("--quiet", action="store_true", help="no progress on stderr")
    extract.set_defaults(func=_extract)

    evaluate = sub.add_parser("evaluate", help="score an output folder against gold")
    evaluate.add_argument("output", type=Path, help="folder written by extract")
    evaluate.add_argument("gold", type=Path, help="folder with gold meetings.csv, measures.csv")
    evaluate.add_argument("--corpus", type=Path, default=None,
                          help="corpus folder (for the keyword baseline)")
    evaluate.set_defaults(func=_evaluate)
