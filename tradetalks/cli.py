"""Command line: ``python -m tradetalks <command>`` (extract, build-tables, scores, evaluate, bib,
cache-guard, checksums, describe, release).


Bad input ends with one message naming the file and line and exit status 2, never a
traceback: input errors, every operating-system error (disk full, no permission, a name
too long, a file where a folder should be) and anything unforeseen are one ``error:``
line; ``--debug`` shows the traceback of an unforeseen one.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tradetalks.errors import InputError, Terminated

# What each operating-system error means for the user, by errno
OS_ERRORS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "a file name is too long for the file system",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "a folder where a file was expected",
    errno.EEXIST: "already exists",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "too many levels of symbolic links",
    errno.EMFILE: "too many open files",
    errno.EIO: "input/output error (a failing disk?)",
}
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """A message safe for a terminal: control characters and bidirectional overrides
    (from stray file names or manifest fields) are shown as escapes, never obeyed."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def os_error_message(exc: OSError) -> str:
    """One line naming the path: ``…/OUT/meetings.csv: no space left on the device``."""
    meaning = OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
    paths = [p for p in (exc.filename, exc.filename2) if p]
    where = " -> ".join(os.fsdecode(p) for p in paths)
    return f"{where}: {meaning}" if where else meaning


def _machine_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _jobs(requested: int) -> int:
    """--jobs: at least 1; more than the machine's CPUs is capped, with a warning."""
    if requested < 1:
        raise InputError(f"--jobs {requested}: give a whole number of at least 1")
    cpus = _machine_cpus()
    if requested > cpus:
        shown = str(requested) if requested < 10**12 else f"{str(requested)[:12]}…"
        print(f"warning: --jobs {shown} is more than this machine's {cpus} CPUs; using {cpus}",
              file=sys.stderr)
        return cpus
    return requested


def _extract(args: argparse.Namespace) -> int:
    from tradetalks.pipeline import run_rows
    from tradetalks.publish.output import SwapState
    from tradetalks.publish.package import write_package

    jobs = _jobs(args.jobs)
    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if args.out.resolve() == args.corpus.resolve():
        raise InputError("--out is the corpus folder; the outputs go to a folder of their own",
                         args.out)
    state = SwapState()
    try:
        tables = run_rows(args.corpus, jobs=jobs, progress=not args.quiet, engine=args.engine,
                     scheduler=args.scheduler, follow_symlinks=args.follow_symlinks)
        for warning in tables.warnings:
            print(printable(f"warning: {warning}"), file=sys.stderr)
        written = write_package(tables, args.out, state, jobs=jobs)
    except KeyboardInterrupt as stop:
        word, status = _stopped(stop)
        if state.swapped:
            print(f"{word} after the new outputs were in place: {args.out} holds the "
                  "new set", file=sys.stderr)
        else:
            print(f"{word} before the new outputs were in place: {args.out} was left "
                  "as it was", file=sys.stderr)
        return status
    if not args.quiet:
        counts = ", ".join(f"{count} {name}" for name, count in tables.counts.items())
        print(printable(f"wrote {len(written)} files to {args.out}: {counts}"), file=sys.stderr)
        if tables.counts["meetings"] == 0 and tables.counts["measures"] == 0:
            print("note: no meeting or trade measure was recognised in this corpus; the "
                  "tables are written with their headers only", file=sys.stderr)
    return 0


def _build_tables(args: argparse.Namespace) -> int:
    from tradetalks.report.book import book_root, build_store, publish_seeds

    folders = build_store(book_root(args.root), jobs=_jobs(args.jobs))
    if args.book_tables:
        publish_seeds(folders[0], args.book_tables)
    if not args.quiet:
        print(f"tables of {len(folders)} article sets in {folders[0].parent}", file=sys.stderr)
    return 0


def _scores(args: argparse.Namespace) -> int:
    from tradetalks.evaluation.records import RECORDS
    from tradetalks.report.book import book_root, record_scores

    changed = record_scores(book_root(args.root), jobs=_jobs(args.jobs), check=args.check)
    if args.check:
        if changed:
            print(f"recorded scores differ from a fresh extraction ({len(changed)} sets: "
                  f"{', '.join(changed)}); rewrite them with `make scores`", file=sys.stderr)
            return 1
        print(f"every score record in {RECORDS} equals a fresh extraction", file=sys.stderr)
        return 0
    print(f"rewrote {len(changed)} score records in {RECORDS}" if changed
          else f"every score record in {RECORDS} was already current", file=sys.stderr)
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

    text = bibtex(load_corpus(args.corpus, follow_symlinks=args.follow_symlinks))
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


def _execute_notebooks(args: argparse.Namespace) -> int:
    from tradetalks.build.preexecute import execute_missing
    from tradetalks.report.book import book_root

    root, jobs = book_root(args.root), _jobs(args.jobs)
    done = execute_missing(root, root / args.cache, jobs=jobs)
    if done:
        print(f"executed {len(done)} notebooks, {jobs} at a time", file=sys.stderr)
    return 0


def _prepare_book(args: argparse.Namespace) -> int:
    from tradetalks.build.prepare import prepare_book
    from tradetalks.report.book import book_root

    root, jobs = book_root(args.root), _jobs(args.jobs)
    folders, done = prepare_book(root, root / args.cache, jobs=jobs,
                                 book_tables=args.book_tables)
    print(f"tables of {len(folders)} article sets in {folders[0].parent}; executed "
          f"{len(done)} notebooks, {jobs} at a time", file=sys.stderr)
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


FOLLOW_HELP = ("read symbolic links in the corpus folder (and the folder itself, if a link); "
               "links to anything outside the corpus folder are still refused")
def _describe(args: argparse.Namespace) -> int:
    from tradetalks.publish.descriptors import write_descriptors

    for path in write_descriptors():
        print(f"wrote and validated {path}", file=sys.stderr)
    return 0


def _release(args: argparse.Namespace) -> int:
    from tradetalks.paths import PROJECT_ROOT
    from tradetalks.publish.release import write_release

    archive, digest = write_release(args.tables, args.out, PROJECT_ROOT, pdf=args.pdf)
    print(f"wrote {archive} (sha256 {digest})", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tradetalks", description=__doc__)
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the traceback of an unforeseen error")
    parser.add_argument("--debug", action="store_true", default=False,
                        help="show the traceback of an unforeseen error")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", parents=[debug],
                             help="extract the codebook's tables from a corpus folder")
    extract.add_argument("corpus", type=Path, help="folder with text files and manifest.csv")
    extract.add_argument("--out", type=Path, required=True,
                         help="output folder: new, empty, or written by an earlier run")
    extract.add_argument("--jobs", type=int, default=1,
                         help="worker processes (default 1; at most the machine's CPUs)")
    extract.add_argument("--quiet", action="store_true", help="no progress on stderr")
    extract.add_argument("--follow-symlinks", action="store_true", help=FOLLOW_HELP)
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local processes (default) or dask.distributed tasks")
    extract.add_argument("--scheduler", default=None,
                         help="with --engine dask: address of a running Dask scheduler "
                              "(default: a two-worker cluster on this machine)")
    extract.set_defaults(func=_extract)

    store = sub.add_parser(
        "build-tables", parents=[debug],
        help="extract the seeds and every evaluation set once for the book")
    store.add_argument("--root", type=Path, default=None, help="book folder (default: cwd)")
    store.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    store.add_argument("--book-tables", type=Path, default=None,
                       help="also write the seeds' tables and data package here")
    store.add_argument("--quiet", action="store_true")
    store.set_defaults(func=_build_tables)

    scores = sub.add_parser(
        "scores", parents=[debug],
        help="extract every evaluation set afresh and record its scores in results/scores "
        "(what the book reads while they are current)")
    scores.add_argument("--root", type=Path, default=None, help="book folder (default: cwd)")
    scores.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    scores.add_argument("--check", action="store_true",
                        help="compare the records with the fresh scores; write nothing")
    scores.set_defaults(func=_scores)

    evaluate = sub.add_parser("evaluate", parents=[debug],
                              help="score an output folder against gold")
    evaluate.add_argument("output", type=Path, help="folder written by extract")
    evaluate.add_argument("gold", type=Path, help="folder with gold meetings.csv, measures.csv")
    evaluate.add_argument("--corpus", type=Path, default=None,
                          help="corpus folder (for the keyword baseline)")
    evaluate.add_argument("--errors", action="store_true",
                          help="also list each missed gold row and each spurious row")
    evaluate.set_defaults(func=_evaluate)

    bib = sub.add_parser("bib", parents=[debug], help="write the corpus bibliography as BibTeX")
    bib.add_argument("corpus", type=Path)
    bib.add_argument("--out", type=Path)
    bib.add_argument("--follow-symlinks", action="store_true", help=FOLLOW_HELP)
    bib.set_defaults(func=_bib)

    guard = sub.add_parser(
        "cache-guard", parents=[debug],
        help="clear the notebook cache when the book's inputs change")
    guard.add_argument("--cache", default="_build/.jupyter_cache")
    guard.add_argument("--stamp", default="_build/.inputs-digest")
    guard.add_argument("--also", action="append", default=[],
                       help="a further folder to clear with the cache (repeatable)")
    guard.set_defaults(func=_cache_guard)

    execute = sub.add_parser(
        "execute-notebooks", parents=[debug],
        help="run the book's notebooks that the notebook cache lacks, side by side, "
        "and cache them for Jupyter Book")
    execute.add_argument("--jobs", type=int, default=2, help="notebooks at a time (default 2)")
    execute.add_argument("--cache", default="_build/.jupyter_cache")
    execute.add_argument("--root", type=Path, default=None, help="book folder (default: cwd)")
    execute.set_defaults(func=_execute_notebooks)

    prepare = sub.add_parser(
        "prepare-book", parents=[debug],
        help="build-tables and execute-notebooks at once: the chapters that read only the "
        "seeds run while the evaluation sets are extracted")
    prepare.add_argument("--jobs", type=int, default=2,
                         help="extraction processes, and notebooks at a time (default 2)")
    prepare.add_argument("--cache", default="_build/.jupyter_cache")
    prepare.add_argument("--book-tables", type=Path, default=None,
                         help="also write the seeds' tables and data package here")
    prepare.add_argument("--root", type=Path, default=None, help="book folder (default: cwd)")
    prepare.set_defaults(func=_prepare_book)

    sums = sub.add_parser("checksums", parents=[debug],
                          help="record or check the tables' checksums")
    sums.add_argument("tables", type=Path, help="folder written by extract")
    mode = sums.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="write the checksum manifest here")
    mode.add_argument("--check", type=Path, help="compare with this checksum manifest")
    sums.set_defaults(func=_checksums)

    describe = sub.add_parser(
        "describe", help="write and validate the data packages of the dictionaries, the "
        "code tables and the gold sets")
    describe.set_defaults(func=_describe)

    release = sub.add_parser(
        "release", help="write a dated archive of the tables, package, citation files and PDF")
    release.add_argument("tables", type=Path, help="folder written by extract")
    release.add_argument("--out", type=Path, required=True, help="folder for the archive")
    release.add_argument("--pdf", type=Path, default=None, help="the PDF, if built")
    release.set_defaults(func=_release)
    return parser


def _stopped(stop: KeyboardInterrupt) -> tuple[str, int]:
    """How a stopped run is reported: Ctrl-C exits 130, SIGTERM 143 (128 + the signal)."""
    if isinstance(stop, Terminated):
        return "terminated", 128 + signal.SIGTERM
    return "interrupted", 130


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` in the main process while a command runs, so
    ``finally`` blocks and context managers clean up (a default SIGTERM ends the process
    where it stands, leaving its temporary folders behind). Worker processes put the
    default action back (``workers.ignore_interrupt``). Off the main thread (a test calling
    ``main``) the handler cannot be set, and nothing changes."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with _sigterm_unwinds():
            return args.func(args)
    except InputError as exc:
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(printable(f"error: {os_error_message(exc)}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:
        word, status = _stopped(stop)
        print(word, file=sys.stderr)
        return status
    except Exception as exc:  # the promise: one line, never a traceback, unless asked
        if args.debug:
            raise
        print(printable(f"error: unexpected {type(exc).__name__}: {exc}; run again with "
                        "--debug to see the traceback, and please report it"),
              file=sys.stderr)
        return 1
