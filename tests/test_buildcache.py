"""The notebook cache guard (tradetalks.buildcache) on a fake project root."""

from __future__ import annotations

import pytest

from tradetalks.build.cachegate import guard_cache, inputs_digest


@pytest.fixture
def root(tmp_path):
    project = tmp_path / "project"
    for relative, content in {
        "seeds/manifest.csv": "article_id,file\n",
        "seeds/a1.txt": "Talks resumed.\n",
        "data/debris.yaml": "rules: []\n",
        "data/gold/events.csv": "article_id,event\n",
        "tradetalks/clean.py": "X = 1\n",
        "book/intro.md": "# Intro\n",
        "results/evaluation_log.csv": "set,f1\n",
        "results/checksums.json": "{}\n",
    }.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return project


@pytest.mark.parametrize("relative", [
    "seeds/a1.txt", "seeds/manifest.csv", "data/debris.yaml", "data/gold/events.csv",
    "tradetalks/clean.py", "results/evaluation_log.csv",
])
def test_digest_changes_when_an_input_file_changes(root, relative):
    before = inputs_digest(root)
    (root / relative).write_text((root / relative).read_text() + "changed\n")
    assert inputs_digest(root) != before


@pytest.mark.parametrize("relative", ["seeds/a2.txt", "data/topics.csv", "tradetalks/new.py"])
def test_digest_changes_when_an_input_file_is_added(root, relative):
    before = inputs_digest(root)
    (root / relative).write_text("new\n")
    assert inputs_digest(root) != before


def test_digest_changes_when_an_input_file_is_renamed(root):
    before = inputs_digest(root)
    (root / "seeds/a1.txt").rename(root / "seeds/a9.txt")
    assert inputs_digest(root) != before


def test_digest_changes_when_an_input_file_is_deleted(root):
    before = inputs_digest(root)
    (root / "data/gold/events.csv").unlink()
    assert inputs_digest(root) != before


def test_digest_is_stable_when_nothing_changes(root):
    assert inputs_digest(root) == inputs_digest(root)


def test_digest_ignores_pycache_files(root):
    before = inputs_digest(root)
    cache = root / "tradetalks" / "__pycache__"
    cache.mkdir()
    (cache / "clean.cpython-311.pyc").write_bytes(b"\x00compiled")
    (cache / "notes.txt").write_text("anything\n")
    assert inputs_digest(root) == before


def test_digest_ignores_notebook_checkpoints(root):
    before = inputs_digest(root)
    checkpoints = root / "data" / ".ipynb_checkpoints"
    checkpoints.mkdir()
    (checkpoints / "debris-checkpoint.yaml").write_text("rules: [1]\n")
    assert inputs_digest(root) == before


def test_digest_ignores_folders_that_are_not_inputs(root):
    before = inputs_digest(root)
    (root / "book/intro.md").write_text("# Changed\n")
    assert inputs_digest(root) == before


def make_cache(root):
    cache = root / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    (cache / "global.db").write_bytes(b"cached outputs")
    return cache, root / "_build" / ".inputs-digest"


def test_guard_cache_clears_the_cache_when_the_digest_differs(root):
    cache, stamp = make_cache(root)
    stamp.write_text("0" * 64 + "\n")
    assert guard_cache(cache, stamp, root) is True
    assert not cache.exists()
    assert stamp.read_text().strip() == inputs_digest(root)


def test_guard_cache_clears_the_cache_when_there_is_no_stamp(root):
    cache, stamp = make_cache(root)
    assert guard_cache(cache, stamp, root) is True
    assert not cache.exists()
    assert stamp.read_text().strip() == inputs_digest(root)


def test_guard_cache_leaves_the_cache_when_the_digest_matches(root):
    cache, stamp = make_cache(root)
    stamp.write_text(inputs_digest(root) + "\n")
    assert guard_cache(cache, stamp, root) is False
    assert (cache / "global.db").read_bytes() == b"cached outputs"


def test_guard_cache_clears_after_an_input_changes_between_builds(root):
    cache, stamp = make_cache(root)
    stamp.write_text(inputs_digest(root) + "\n")
    assert guard_cache(cache, stamp, root) is False
    (root / "data/debris.yaml").write_text("rules: [changed]\n")
    assert guard_cache(cache, stamp, root) is True
    assert not cache.exists()


def test_guard_cache_without_a_cache_folder_writes_the_stamp(root):
    cache, stamp = root / "_build" / "missing-cache", root / "_build" / ".inputs-digest"
    assert guard_cache(cache, stamp, root) is False
    assert stamp.read_text().strip() == inputs_digest(root)


def test_guard_cache_also_clears_the_sphinx_doctrees_when_inputs_change(root, tmp_path):
    cache, stamp = tmp_path / "cache", tmp_path / "stamp"
    doctrees = tmp_path / "doctrees"
    for folder in (cache, doctrees):
        folder.mkdir()
        (folder / "x").write_text("old")
    assert guard_cache(cache, stamp, root, also=(doctrees,)) is True
    assert not doctrees.exists()


def test_digest_ignores_recorded_checksums(root):
    before = inputs_digest(root)
    (root / "results/checksums.json").write_text('{"meetings.csv": "x"}\n')
    assert inputs_digest(root) == before
