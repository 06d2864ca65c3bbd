"""Command line: ``python -m tradetalks extract|evaluate|bib|cache-guard``.

Bad input ends with one message naming the file and line and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import InputError


def _bib(args: argparse.Namespace) -> int:
    from .bibliography import bibtex
    from .corpus import load_corpus
    from .output import write_atomic

    text = bibtex(load_corpus(args.corpus))
    if args.out:
        write_atomic(Path(args.out), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def _cache_guard(args: argparse.Namespace) -> int:
    from .buildcache import guard_cache

    cleared = guard_cache(Path(args.cache), Path(args.stamp),
                          also=tuple(Path(p) for p in args.also))
    if cleared:
        print(f"inputs changed since the last build: cleared {args.cache}", file=sys.stderr)
    return 0


def _checksums(args: argparse.Namespace) -> int:
    from .checksums import compare, write_manifest

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

    bib = sub.add_parser("bib", help="write the corpus bibliography as BibTeX")
    bib.add_argument("corpus", type=Path)
    bib.add_argument("--out", type=Path)
    bib.set_defaults(func=_bib)

    guard = sub.add_parser(
        "cache-guard", help="clear the notebook cache when seeds/, data/ or tradetalks/ change")
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

    try:
        from .commands import add_commands
    except ImportError:  # pragma: no cover - during bootstrap only
        pass
    else:
        add_commands(sub)
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
