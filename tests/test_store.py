"""The build's extraction store: a stored set reads back as the tables a fresh run gives,
its folder name follows every input, and the notebooks fall back to a fresh run when the
store has nothing for the current inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from tests.corpus_helpers import manifest_bytes, row
from tradetalks.pipeline import run
from tradetalks.publish.package import write_package
from tradetalks.publish.store import extraction_digest, read_tables, same_package, stored_folder
from tradetalks.report import book

TEXT = ("Japan and South Korea held their first export-control dialogue in three years on "
        "Monday, officials said after the meeting in Tokyo.\n\nNo one said more.\n")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Two articles, one saved with Windows line ends (a repair in the run log)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a1.txt").write_text(TEXT)
    (folder / "a2.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())
    (folder / "manifest.csv").write_bytes(manifest_bytes([row("a1"), row("a2", url="")]))
    return folder


def test_stored_tables_read_back_equal_to_a_fresh_run(corpus, tmp_path):
    fresh = run(corpus)
    write_package(fresh, tmp_path / "stored")
    stored = read_tables(tmp_path / "stored")
    for (name, expected), (_, got) in zip(fresh.items(), stored.items(), strict=True):
        assert_frame_equal(got, expected, obj=name)
    assert stored.warnings == fresh.warnings and fresh.warnings


def test_incomplete_folder_reads_as_missing(corpus, tmp_path):
    write_package(run(corpus), tmp_path / "stored")
    (tmp_path / "stored" / "quotes.csv").unlink()
    assert read_tables(tmp_path / "stored") is None


@pytest.mark.parametrize("change", ["text", "manifest", "new text"])
def test_digest_follows_the_corpus(corpus, change):
    before = extraction_digest(corpus)
    if change == "text":
        (corpus / "a1.txt").write_text(TEXT + "More.\n")
    elif change == "manifest":
        (corpus / "manifest.csv").write_bytes(manifest_bytes([row("a1", title="New"),
                                                             row("a2", url="")]))
    else:
        (corpus / "a3.txt").write_text(TEXT)
    assert extraction_digest(corpus) != before


@pytest.mark.parametrize("folder", ["data", "package"])
def test_digest_follows_the_data_and_the_package(corpus, tmp_path, folder):
    data, package = tmp_path / "data", tmp_path / "package"
    (data / "rules").mkdir(parents=True)
    (data / "rules" / "triggers.yaml").write_text("a: 1\n")
    package.mkdir()
    (package / "rules.py").write_text("X = 1\n")
    before = extraction_digest(corpus, data, package)
    changed = data / "rules" / "triggers.yaml" if folder == "data" else package / "rules.py"
    changed.write_text(changed.read_text() + "# edit\n")
    assert extraction_digest(corpus, data, package) != before


def test_notebooks_read_the_store_when_it_matches(corpus, tmp_path, monkeypatch):
    store = tmp_path / "root" / book.STORE
    marker = run(corpus)
    marker.articles.loc[0, "title"] = "from the store"
    write_package(marker, stored_folder(store, "corpus", corpus))
    monkeypatch.setattr("tradetalks.pipeline.run", _no_run)
    got = book._stored_or_run(tmp_path / "root", "corpus", corpus)
    assert got.articles.loc[0, "title"] == "from the store"


def test_notebooks_extract_when_the_store_is_stale(corpus, tmp_path):
    store = tmp_path / "root" / book.STORE
    stale = run(corpus)
    stale.articles.loc[0, "title"] = "stale"
    write_package(stale, stored_folder(store, "corpus", corpus))
    (corpus / "a1.txt").write_text(TEXT + "More.\n")
    got = book._stored_or_run(tmp_path / "root", "corpus", corpus)
    assert got.articles.loc[0, "title"] == "[Story a1]"


def _seeds_only_root(tmp_path: Path) -> Path:
    """A book root holding the seeds and no evaluation set."""
    root = tmp_path / "root"
    shutil.copytree(book.book_root() / "seeds", root / "seeds")
    (root / "corpora").mkdir()
    (root / "corpora" / "sets.csv").write_text(
        "name,label,corpus,gold,role,order,description\n")
    (root / "_config.yml").write_text("title: t\n")
    return root


def test_build_store_keeps_one_folder_per_set(tmp_path):
    root = _seeds_only_root(tmp_path)
    first = book.build_store(root)
    (root / "seeds" / "manifest.csv").write_bytes(
        (root / "seeds" / "manifest.csv").read_bytes() + b"\n")
    second = book.build_store(root)
    assert first != second
    visible = sorted(p.name for p in (root / book.STORE).iterdir() if not p.name.startswith("."))
    assert visible == [second[0].name]
    hidden = {p.name.split(".v-")[0].removesuffix(".lock")
              for p in (root / book.STORE).iterdir() if p.name.startswith(".")}
    assert hidden == {f".{second[0].name}"}  # the kept set's own folder and lock only


def _no_run(*args, **kwargs):
    raise AssertionError("extracted although the store matched")


def test_build_store_keeps_the_keyword_baseline_rows_of_a_set(tmp_path):
    from tradetalks.evaluation.baseline import baseline_rows
    from tradetalks.ingest.corpus import load_corpus

    root = _seeds_only_root(tmp_path)
    book.build_store(root)
    stored = book._stored_baseline(root, book.SEEDS, root / "seeds")
    assert stored == baseline_rows(load_corpus(root / "seeds"))


def test_a_spreadsheet_safe_cell_reads_back_as_the_original_text(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = "=HYPERLINK(\"x\")\n\n" + TEXT + "\n- READ ALSO: a linked headline\n"
    (folder / "a1.txt").write_text(text)
    (folder / "manifest.csv").write_bytes(manifest_bytes([row("a1", title="=1+1")]))
    fresh = run(folder)
    write_package(fresh, tmp_path / "stored")
    assert "'=1+1" in (tmp_path / "stored" / "articles.csv").read_text(encoding="utf-8")
    stored = read_tables(tmp_path / "stored")
    assert stored.articles.loc[0, "title"] == "=1+1"
    assert_frame_equal(stored.removals, fresh.removals)


def _root_with_seeds(tmp_path) -> Path:
    root = _seeds_only_root(tmp_path)
    return root


def test_book_tables_written_from_the_store_are_not_rewritten(tmp_path, monkeypatch):
    import tradetalks.publish.package as package

    root = _root_with_seeds(tmp_path)
    book.build_store(root)
    out = book.write_tables(root)  # the first time: written from the seeds' tables
    monkeypatch.setattr(package, "write_package", _no_run)
    assert book.write_tables(root) == out  # the same package: neither written nor validated


def test_book_tables_differing_from_the_store_are_rewritten(tmp_path):
    root = _root_with_seeds(tmp_path)
    book.build_store(root)
    out = book.write_tables(root)
    stored = stored_folder(root / book.STORE, book.SEEDS, root / "seeds")
    (out / "quotes.csv").unlink()
    assert not same_package(stored, out)
    book.write_tables(root)
    assert same_package(stored, out)


def test_build_store_does_not_validate_its_cache_but_publishing_does(tmp_path, monkeypatch):
    from tradetalks.publish import package

    calls = []
    monkeypatch.setattr(package, "validate_package", lambda folder, jobs=1: calls.append(folder))
    root = _seeds_only_root(tmp_path)
    folders = book.build_store(root)
    assert calls == []
    write_package(read_tables(folders[0]), tmp_path / "published")
    assert len(calls) == 1
