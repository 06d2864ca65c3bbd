"""Scaling of the two cases that used to be quadratic, at 1x, 2x and 4x the input.

- ``article``: one article of N sentences "Japan held talks with China. ", through the
  real command (``python -m tradetalks extract``); every mention merges into one meeting.
- ``distinct``: N articles that each report a distinct meeting (CHN/JPN, one day apart),
  the cross-article merge step alone (``resolve.merge_meetings``), and the same for
  distinct measures (``resolve.merge_measures``).

    .venv/bin/python benchmarks/bench_merge.py article --sizes 5000 10000 20000
    .venv/bin/python benchmarks/bench_merge.py distinct --sizes 1000 2000 4000

Times are wall-clock seconds on whatever machine runs it; the ratios are what matter.
``tests/test_linear_merge.py`` asserts the ratio bound (4x the input within 5x the time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ("article_id,file,outlet,url,title,published,date_basis,language\n"
            "a1,a1.txt,Bench,,,2024-03-01,page date,en\n")


def article_case(n: int, work: Path) -> float:
    corpus = work / f"article-{n}"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "a1.txt").write_text("Japan held talks with China. " * n + "\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tradetalks", "extract", str(corpus), "--out",
                    str(work / f"out-{n}"), "--quiet"], check=True, cwd=ROOT)
    return time.perf_counter() - started


def distinct_case(n: int) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    from tests.test_linear_merge import _distinct_measures, _distinct_meetings

    times = []
    for work in (_distinct_meetings, _distinct_measures):
        started = time.perf_counter()
        work(n)
        times.append(time.perf_counter() - started)
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("case", choices=["article", "distinct"])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    args = parser.parse_args()
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    if args.case == "article":
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.sizes or (5000, 10000, 20000):
                print(f"{n:>7} sentences: {article_case(n, Path(tmp)):7.1f} s (whole command)")
    else:
        for n in args.sizes or (1000, 2000, 4000):
            meetings, measures = distinct_case(n)
            print(f"{n:>7} articles: meetings merge {meetings:6.3f} s, "
                  f"measures merge {measures:6.3f} s")


if __name__ == "__main__":
    main()
