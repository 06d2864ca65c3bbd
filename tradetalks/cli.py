"""Command line: ``python -m tradetalks extract|build-tables|evaluate|bib|cache-guard|checksums``.

Bad input ends with one message naming the file and line and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tradetalks.errors import InputError


def _extract(args: argparse.Namespace) -> int:
    from tradetalks.pipeline import run
    from tradetalks.publish.package import write_package

    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    tables = run(args.corpus, jobs=args.jobs, progress=not args.quiet, engine=args.engine,
                 scheduler=args.scheduler)
    for warning in tables.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    written = write_package(tables, args.out)
    if not args.quiet:
        counts = ", ".join(f"{len(frame)} {name}" for name, frame in tables.items())
        print(f"wrote {len(written)} files to {args.out}: {counts}", file=sys.stderr)
        if len(tables.meetings) == 0 and len(tables.measures) == 0:
            print("note: no meeting or trade measure was recognised in this corpus; the "
                  "tables are written with their headers only", file=sys.stderr)
    return 0


def _build_tables(args: argparse.Namespace) -> int:
    from tradetalks.publish.package import write_package
    from tradetalks.publish.store import read_tables, same_files
    from tradetalks.report.book import book_root, build_store

    folders = build_store(book_root(args.root), jobs=args.jobs)
    if args.book_tables and not same_files(folders[0], args.book_tables):
        write_package(read_tables(folders[0]), args.book_tables)
    if not args.quiet:
        print(f"tables of {len(folders)} article sets in {folders[0].parent}", file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from tradetalks.evaluation.score import evaluate_folder, format_errors, format_report

    if not args.gold.is_dir():
        raise InputError("gold folder not found", args.gold)
    report = evaluate_folder(args.output, args.gold, corpus_dir=args.corpus)
    print(format_report(report, title=str(args.gold)))
    if args.errors:
        print(format_errors(report))
    return 0


def _bib(args: argparse.Namespace) -> int:
    from tradetalks.ingest.corpus import load_corpus
    from tradetalks.publish.bibliography import bibtex
    from tradetalks.publish.output import write_atomic

    text = bibtex(load_corpus(args.corpus))
    if args.out:
        write_atomic(Path(args.out), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def _cache_guard(args: argparse.Namespace) -> int:
    from tradetalks.build.cachegate import guard_cache

    cleared = guard_cache(Path(args.cache), Path(args.stamp),
                          also=tuple(Path(p) for p in args.also))
    if cleared:
        print(f"inputs changed since the last build: cleared {args.cache}", file=sys.stderr)
    return 0


def _checksums(args: argparse.Namespace) -> int:
    from tradetalks.publish.checksums import compare, write_manifest

    if args.write:
        write_manifest(args.tables, args.write)
        print(f"wrote {args.write}", file=sys.stderr)
        return 0
    differing = compare(args.tables, args.check)
    if differing:
        print("tables differ from " + str(args.check) + ": " + ", ".join(differing),
              file=sys.stderr)
        return 1
    print(f"all tables match {args.check}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tradetalks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="extract the codebook's tables from a corpus folder")
    extract.add_argument("corpus", type=Path, help="folder with text files and manifest.csv")
    extract.add_argument("--out", type=Path, required=True, help="output folder")
    extract.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    extract.add_argument("--quiet", action="store_true", help="no progress on stderr")
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local processes (default) or dask.distributed tasks")
    extract.add_argument("--scheduler", default=None,
                         help="with --engine dask: address of a running Dask scheduler "
                              "(default: a two-worker cluster on this machine)")
    extract.set_defaults(func=_extract)

    store = sub.add_parser(
        "build-tables", help="extract the seeds and every evaluation set once for the book")
    store.add_argument("--root", type=Path, default=None, help="book folder (default: cwd)")
    store.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    store.add_argument("--book-tables", type=Path, default=None,
                       help="also write the seeds' tables and data package here")
    store.add_argument("--quiet", action="store_true")
    store.set_defaults(func=_build_tables)

    evaluate = sub.add_parser("evaluate", help="score an output folder against gold")
    evaluate.add_argument("output", type=Path, help="folder written by extract")
    evaluate.add_argument("gold", type=Path, help="folder with gold meetings.csv, measures.csv")
    evaluate.add_argument("--corpus", type=Path, default=None,
                          help="corpus folder (for the keyword baseline)")
    evaluate.add_argument("--errors", action="store_true",
                          help="also list each missed gold row and each spurious row")
    evaluate.set_defaults(func=_evaluate)

    bib = sub.add_parser("bib", help="write the corpus bibliography as BibTeX")
    bib.add_argument("corpus", type=Path)
    bib.add_argument("--out", type=Path)
    bib.set_defaults(func=_bib)

    guard = sub.add_parser(
        "cache-guard", help="clear the notebook cache when the book's inputs change")
    guard.add_argument("--cache", default="_build/.jupyter_cache")
    guard.add_argument("--stamp", default="_build/.inputs-digest")
    guard.add_argument("--also", action="append", default=[],
                       help="a further folder to clear with the cache (repeatable)")
    guard.set_defaults(func=_cache_guard)

    sums = sub.add_parser("checksums", help="record or check the tables' checksums")
    sums.add_argument("tables", type=Path, help="folder written by extract")
    mode = sums.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="write the checksum manifest here")
    mode.add_argument("--check", type=Path, help="compare with this checksum manifest")
    sums.set_defaults(func=_checksums)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; earlier outputs were left as they were", file=sys.stderr)
        return 130
