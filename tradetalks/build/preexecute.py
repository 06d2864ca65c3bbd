"""Run the book's notebooks side by side before Sphinx starts.

myst-nb executes the notebooks of a Jupyter Book 1 build one after another. A clean
build spends most of its time there, one kernel at a time, while the machine has more
cores. This step reads each chapter exactly as myst-nb reads it, executes the ones the
jupyter-cache project does not hold yet in a pool of worker processes (one kernel each),
and stores them the way myst-nb would; Sphinx then finds every notebook in the cache and
executes none. Nothing here changes what a notebook computes: the outputs are those of
the same notebook run by the same executor in the same working directory.
"""

from __future__ import annotations

import time
from pathlib import Path

from tradetalks.build.libraries import book_kernels
from tradetalks.workers import worker_pool

EXECUTION_TIMEOUT = 600  # seconds, as _config.yml's execute.timeout
# Two kernels started at once can draw the same free port (jupyter_client picks ports by
# binding and releasing them), and one then dies before replying ("Kernel died before
# replying to kernel_info"): such a start is tried again, after a pause.
KERNEL_START_ATTEMPTS = 3
KERNEL_RETRY_PAUSE = 2.0  # seconds, times the attempt number
# the reader myst-nb records for a MyST text notebook in the cache's project
MYST_READER = {"type": "plugin", "name": "myst_nb_md"}


def chapter_paths(root: Path) -> list[Path]:
    """The notebooks of the table of contents, in its order."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return [root / f"{name}.md" for name in files if name.startswith("notebooks/")
            and (root / f"{name}.md").is_file()]


def read_chapter(path: Path):
    """The notebook myst-nb builds from a MyST text notebook (same reader, same options)."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"),
                                       config=MdParserConfig(), add_source_map=True,
                                       path=path)


def open_cache(cache_path: Path):
    from jupyter_cache import get_cache

    return get_cache(str(cache_path))


def missing(paths: list[Path], cache_path: Path) -> list[Path]:
    """The chapters whose code the cache does not hold."""
    cache = open_cache(cache_path)
    todo = []
    for path in paths:
        try:
            cache.match_cache_notebook(read_chapter(path))
        except KeyError:
            todo.append(path)
    return todo


def execute_chapter(path: Path, cache_path: Path) -> tuple[str, float, str | None]:
    """Execute one chapter in its own folder and cache it as myst-nb does; returns the
    path, the seconds taken and the error (None on success)."""
    from jupyter_cache.cache.main import CacheBundleIn
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = read_chapter(path)
    try:
        result = _run_notebook(notebook, path, single_nb_execution)
    except RuntimeError as err:  # the kernel never started: Sphinx runs the chapter again
        return str(path), 0.0, f"{err.__class__.__name__}: {err}"
    if result.err is not None:
        return str(path), result.time, f"{result.err.__class__.__name__}: {result.err}"
    cache = open_cache(cache_path)
    record = cache.add_nb_to_project(str(path), read_data=MYST_READER)
    cache.cache_notebook_bundle(CacheBundleIn(notebook, record.uri,
                                              data={"execution_seconds": result.time}),
                                check_validity=False, overwrite=True)
    return str(path), result.time, None


def _run_notebook(notebook, path: Path, run):
    """``run`` (jupyter-cache's single_nb_execution) on the chapter, starting its kernel
    again when it dies before replying (a port drawn by two kernels at once)."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            with book_kernels():  # the book's pages load the chart and table libraries
                return run(notebook, cwd=str(path.parent), allow_errors=False,
                           timeout=EXECUTION_TIMEOUT, meta_override=True)
        except RuntimeError as err:
            if "kernel" not in str(err).lower() or attempt == KERNEL_START_ATTEMPTS:
                raise
            time.sleep(KERNEL_RETRY_PAUSE * attempt)


def execute_missing(root: Path, cache_path: Path, jobs: int = 2) -> list[tuple[str, float]]:
    """Execute every chapter the cache lacks, ``jobs`` at a time; an error leaves that
    chapter out of the cache, so Sphinx runs it again and reports the error itself."""
    todo = missing(chapter_paths(root), cache_path)
    if not todo:
        return []
    open_cache(cache_path)  # create the cache's database once, before the workers write to it
    if jobs > 1 and len(todo) > 1:
        with worker_pool(min(jobs, len(todo)), None) as pool:
            results = list(pool.map(execute_chapter, todo, [cache_path] * len(todo)))
    else:
        results = [execute_chapter(path, cache_path) for path in todo]
    return [(path, seconds) for path, seconds, error in results if error is None]
