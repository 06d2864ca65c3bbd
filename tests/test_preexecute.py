"""The book's notebooks run side by side before Sphinx, cached as myst-nb caches them."""

from __future__ import annotations

from pathlib import Path

from tests.notebook_helpers import myst_chapter
from tradetalks.build.preexecute import chapter_paths, execute_missing, missing


def _project(tmp_path: Path, values: dict[str, str]) -> Path:
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n"
        + "".join(f"- file: notebooks/{name}\n" for name in values), encoding="utf-8")
    for name, value in values.items():
        code = f":tags: [remove-input]\n\nx = {value}\nprint(x * 2)"
        (tmp_path / "notebooks" / f"{name}.md").write_text(myst_chapter(code),
                                                          encoding="utf-8")
    return tmp_path


def test_chapters_are_the_notebooks_of_the_table_of_contents_in_order(tmp_path):
    root = _project(tmp_path, {"b": "1", "a": "2"})
    assert [p.name for p in chapter_paths(root)] == ["b.md", "a.md"]


def test_executed_chapters_are_cached_and_a_failing_one_is_left_for_sphinx(tmp_path):
    root = _project(tmp_path, {"good": "21", "broken": "undefined_name"})
    cache = tmp_path / "_build" / ".jupyter_cache"
    done = execute_missing(root, cache, jobs=2)
    assert [Path(p).name for p, _ in done] == ["good.md"]
    # the cache now holds the good chapter under myst-nb's key; the broken one is missing,
    # so Jupyter Book runs it again and reports its error itself
    assert [p.name for p in missing(chapter_paths(root), cache)] == ["broken.md"]


def test_a_kernel_that_dies_at_start_is_started_again(tmp_path, monkeypatch):
    from tradetalks.build import preexecute

    monkeypatch.setattr(preexecute, "KERNEL_RETRY_PAUSE", 0.0)
    calls = []

    def run(notebook, **options):
        calls.append(options["cwd"])
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "executed"

    assert preexecute._run_notebook(None, tmp_path / "a.md", run) == "executed"
    assert len(calls) == 2


def test_a_kernel_that_never_starts_leaves_the_chapter_for_sphinx(tmp_path, monkeypatch):
    from tradetalks.build import preexecute

    monkeypatch.setattr(preexecute, "KERNEL_RETRY_PAUSE", 0.0)

    def run(notebook, **options):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(preexecute, "read_chapter", lambda path: None)
    monkeypatch.setattr("jupyter_cache.executors.utils.single_nb_execution", run)
    path, seconds, error = preexecute.execute_chapter(tmp_path / "a.md", tmp_path / "cache")
    assert error is not None and "Kernel died" in error
