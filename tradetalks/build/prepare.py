"""Prepare a book build: the tables and the notebooks at once, not one after the other.

A clean build extracts the seeds and every evaluation set, then executes the chapters.
Run one after the other, each phase leaves part of the machine idle: the extraction
waits for its slowest set, and a kernel spends much of its start waiting. Most chapters
read only the seeds' tables, so they can run while the evaluation sets are still being
extracted; a chapter that reads the evaluation sets says so in its front matter
(``reads_evaluation_sets: true``) and starts once every set is stored. What a notebook
computes does not change: it reads the same stored tables, and a chapter that started
early without the flag would find no stored set and extract it for itself (slower,
same result).
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from tradetalks.build.libraries import STATIC_FOLDER, write_libraries
from tradetalks.build.preexecute import (
    chapter_paths,
    execute_chapter,
    missing,
    open_cache,
    read_chapter,
)
from tradetalks.workers import worker_pool

EVALUATION_FLAG = "reads_evaluation_sets"


def reads_evaluation_sets(path: Path) -> bool:
    """Whether the chapter's front matter says it reads the evaluation sets' tables."""
    return bool(read_chapter(path).metadata.get(EVALUATION_FLAG, False))


def prepare_book(root: Path, cache_path: Path, jobs: int = 2,
                 book_tables: Path | None = None) -> tuple[list[Path], list[str]]:
    """Extract the sets the store lacks and execute the chapters the notebook cache lacks,
    ``jobs`` extraction processes and ``jobs`` kernels side by side. Returns the store
    folders (seeds first) and the chapters executed without error (a failing chapter is
    left out of the cache, so Sphinx runs it again and reports the error itself)."""
    from tradetalks.pipeline import load_models, warm_up
    from tradetalks.report.book import extract_into, finish_store, publish_seeds, store_plan

    folders, todo = store_plan(root)
    chapters = missing(chapter_paths(root), cache_path)
    late = [p for p in chapters if reads_evaluation_sets(p)]
    early = [p for p in chapters if p not in late]
    _, seeds = next(iter(folders.values()))
    with ExitStack() as pools:
        kernels = pools.enter_context(worker_pool(min(jobs, len(chapters)))) \
            if chapters else None
        # the chart library is built in a kernel's worker while the models load (once
        # per vl-convert version; then read from _build)
        libraries = kernels.submit(write_libraries, root / STATIC_FOLDER) if kernels else None
        if todo:
            load_models()  # once, here: the forked extraction workers share it
        # no pool for work there is none of: each extraction process loads the models
        extractors = pools.enter_context(worker_pool(min(jobs, len(todo)), warm_up)) \
            if todo else None
        sets = {folder: extractors.submit(extract_into, corpus, folder, gold)
                for corpus, folder, gold in todo}
        if seeds in sets:
            sets[seeds].result()
        if book_tables is not None:
            publish_seeds(seeds, book_tables)
        open_cache(cache_path)  # its database, created once before the kernels write to it
        runs = [kernels.submit(execute_chapter, p, cache_path) for p in early]
        for future in sets.values():
            future.result()
        runs += [kernels.submit(execute_chapter, p, cache_path) for p in late]
        done = [path for path, _, error in (f.result() for f in runs) if error is None]
        if libraries is not None:
            libraries.result()
    return finish_store(root, folders), done
