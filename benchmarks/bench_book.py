"""Time `make book` against a floor book (not a pytest test).

The floor book has as many notebooks as this book's table of contents, each drawing one
Altair chart from a 20-row DataFrame, with the same Jupyter Book and the same
``execute_notebooks: cache`` setting. Two cases, each timed A B A B ... in one run so that
both see the same machine:

- clean: this book from a clean copy (``make clean``, then ``make book``) against the floor
  book with its ``_build`` removed;
- prose edit: one sentence appended to the first chapter's markdown, then ``make book``,
  against the same sentence appended to the floor book's first chapter and a cached
  rebuild of it (its notebooks are in its cache, so neither book executes one); the build
  log must show no notebook executed. A third row compares the same edit with a floor
  rebuild in which nothing changed: Sphinx then reads and writes no page at all, which no
  edit can match (it reads the chapter and rewrites it and the root page whose table of
  contents lists it).

Run: ``.venv/bin/python benchmarks/bench_book.py [--runs 2]``. Prints one row per case with
median wall and CPU seconds (the whole process tree) and the ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# each chapter's cell differs (its chart title), or jupyter-cache would run one and reuse it
FLOOR_CELL = (
    "import altair as alt\nimport pandas as pd\n\n"
    "frame = pd.DataFrame({{'x': range(20), 'y': [i * i for i in range(20)]}})\n"
    "alt.Chart(frame, title='Floor chart {n}').mark_line().encode(x='x:Q', y='y:Q')\n"
)


def chapters() -> list[str]:
    """The notebooks this book's table of contents lists."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    return [line.split("file:")[1].strip() for line in toc.splitlines()
            if "file: notebooks/" in line]


def floor_book(folder: Path, count: int) -> None:
    """A book of ``count`` MyST notebooks, one chart each."""
    folder.mkdir(parents=True)
    (folder / "_config.yml").write_text(
        'title: "Floor"\nexecute:\n  execute_notebooks: cache\n  cache: "_build/.jupyter_cache"\n',
        encoding="utf-8")
    header = ("---\njupytext:\n  text_representation:\n    format_name: myst\n"
              "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n")
    names = [f"chapter{i}" for i in range(1, count + 1)]
    for n, name in enumerate(names, start=1):
        cell = FLOOR_CELL.format(n=n)
        (folder / f"{name}.md").write_text(
            f"{header}\n# {name}\n\nSome prose.\n\n```{{code-cell}}\n{cell}```\n",
            encoding="utf-8")
    (folder / "intro.md").write_text("# Floor book\n", encoding="utf-8")
    (folder / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n"
        + "".join(f"  - file: {n}\n" for n in names), encoding="utf-8")


def copy_repository(target: Path) -> None:
    """The tracked files, with this checkout's .venv linked (not rebuilt)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv")


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the process tree, and the output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(cwd)})
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}"
                         f"{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout + result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    jupyter_book = str(ROOT / ".venv" / "bin" / "jupyter-book")
    with tempfile.TemporaryDirectory() as scratch:
        book, floor = Path(scratch) / "book", Path(scratch) / "floor"
        book.mkdir()
        copy_repository(book)
        floor_book(floor, len(chapters()))
        make_book = ["make", "-s", "-o", ".venv/.installed", "book"]
        rows: dict[str, tuple[list, list]] = {
            "clean": ([], []), "prose edit": ([], []),
            "prose edit, against a floor rebuild with no change": ([], [])}
        executed = 0
        for _ in range(args.runs):
            shutil.rmtree(book / "_build", ignore_errors=True)
            shutil.rmtree(floor / "_build", ignore_errors=True)
            subprocess.run(["make", "-s", "clean"], cwd=book, check=True)
            rows["clean"][0].append(timed(make_book, book)[:2])
            rows["clean"][1].append(timed([jupyter_book, "build", "."], floor)[:2])
        for run in range(args.runs):
            chapter = book / f"{chapters()[0]}.md"
            with chapter.open("a", encoding="utf-8") as handle:
                handle.write(f"\nOne more sentence of prose ({run}).\n")
            wall, cpu, log = timed(make_book, book)
            executed += log.count("Executing notebook")
            with (floor / "chapter1.md").open("a", encoding="utf-8") as handle:
                handle.write(f"\nOne more sentence of prose ({run}).\n")
            edited_floor = timed([jupyter_book, "build", "."], floor)[:2]
            unchanged_floor = timed([jupyter_book, "build", "."], floor)[:2]
            rows["prose edit"][0].append((wall, cpu))
            rows["prose edit"][1].append(edited_floor)
            rows["prose edit, against a floor rebuild with no change"][0].append((wall, cpu))
            rows["prose edit, against a floor rebuild with no change"][1].append(unchanged_floor)
    print("| build | runs | this book (wall / CPU s) | floor (wall / CPU s) | ratio wall / CPU |")
    print("|---|---:|---:|---:|---:|")
    for case, (ours, floors) in rows.items():
        ow, oc = (statistics.median(x[i] for x in ours) for i in (0, 1))
        fw, fc = (statistics.median(x[i] for x in floors) for i in (0, 1))
        print(f"| {case} | {args.runs} | {ow:.1f} / {oc:.1f} | {fw:.1f} / {fc:.1f} | "
              f"{ow / fw:.2f} / {oc / fc:.2f} |")
    print(f"notebooks executed in the prose-edit builds: {executed}")


if __name__ == "__main__":
    main()
