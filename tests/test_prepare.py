"""Preparing a build: the tables and the chapters side by side, a chapter that scores the
evaluation sets only once they are stored."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.corpus_helpers import mini_book
from tests.notebook_helpers import myst_chapter
from tradetalks.build.preexecute import chapter_paths, missing, open_cache, read_chapter
from tradetalks.build.prepare import prepare_book, reads_evaluation_sets
from tradetalks.report import book

CODE = """from tradetalks.report import book

folders, todo = book.store_plan(book.book_root())
print("sets still to extract:", len(todo))"""


def _root(tmp_path: Path) -> Path:
    """A book with the seeds, one evaluation set (two seed articles) and two chapters:
    one that reads only the seeds, one whose front matter says it scores the sets."""
    root = mini_book(tmp_path / "root", book.book_root())
    (root / "notebooks").mkdir()
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n"
                                   "- file: notebooks/seeds_only\n- file: notebooks/scores\n",
                                   encoding="utf-8")
    # the two chapters' code differs: jupyter-cache keys a notebook by its code, and two
    # identical notebooks cached at the same moment by two kernels collide on one folder
    (root / "notebooks" / "seeds_only.md").write_text(
        myst_chapter(CODE + "\n# the chapter on the seeds"), encoding="utf-8")
    (root / "notebooks" / "scores.md").write_text(
        myst_chapter(CODE + "\n# the chapter on the scores", "reads_evaluation_sets: true\n"),
        encoding="utf-8")
    return root


def _printed(cache: Path, chapter: Path) -> str:
    record = open_cache(cache).match_cache_notebook(read_chapter(chapter))
    bundle = open_cache(cache).get_cache_bundle(record.pk)
    return "".join(output.get("text", "") for cell in bundle.nb.cells
                   for output in cell.get("outputs", []))


def test_the_flag_is_read_from_the_chapters_front_matter(tmp_path):
    root = _root(tmp_path)
    assert [reads_evaluation_sets(p) for p in chapter_paths(root)] == [False, True]


@pytest.mark.slow  # kernels and the sentence splitter start
def test_prepare_stores_every_set_and_caches_every_chapter(tmp_path):
    root = _root(tmp_path)
    cache = root / "_build" / ".jupyter_cache"
    folders, done = prepare_book(root, cache, jobs=2, book_tables=root / "book" / "tables")
    assert [Path(p).name for p in done] == ["seeds_only.md", "scores.md"]
    assert missing(chapter_paths(root), cache) == []
    assert book.store_plan(root)[1] == []  # nothing left to extract
    assert folders == book.build_store(root)  # the folders build-tables would keep
    assert json.loads((root / "book" / "tables" / "datapackage.json").read_text())


def _slow_evaluation_set(corpus: Path, folder: Path, gold: Path | None = None) -> Path:
    """The extraction, slowed down for the evaluation set only: a chapter started
    before the set is stored would see it missing."""
    if corpus.name == "mini":
        time.sleep(4)
    return EXTRACT_INTO(corpus, folder, gold)


EXTRACT_INTO = book.extract_into


@pytest.mark.slow
def test_a_chapter_that_scores_the_sets_starts_after_they_are_stored(tmp_path, monkeypatch):
    root = _root(tmp_path)
    cache = root / "_build" / ".jupyter_cache"
    monkeypatch.setattr(book, "extract_into", _slow_evaluation_set)
    prepare_book(root, cache, jobs=2)
    assert "sets still to extract: 0" in _printed(cache, root / "notebooks" / "scores.md")


def test_every_chapter_of_the_book_that_scores_the_sets_says_so():
    code = re.compile(r"book\.(evaluation_table|_evaluations)\(")
    for path in chapter_paths(book.book_root()):
        if code.search(path.read_text(encoding="utf-8")):
            assert reads_evaluation_sets(path), f"{path.name} lacks reads_evaluation_sets"
