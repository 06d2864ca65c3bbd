"""A run that fails midway leaves the previous outputs byte-identical and no staging folder.

``package.write_package`` writes every file to a staging folder beside OUT, validates the
data package there, and only then moves the files into place. These tests make a second
run fail at each point before the move and compare OUT with what the first run wrote.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

import tradetalks.publish.package
from tradetalks.cli import main
from tradetalks.errors import InputError

MANIFEST = "article_id,file,outlet,url,title,published,date_basis,language\n"
FIRST = ("Japan and South Korea held their first export-control dialogue in three years on "
         "Monday, officials said after the meeting in Tokyo.\n")
SECOND = ("China and Japan agreed on Tuesday to hold regular talks on export controls, the "
          "trade ministry in Beijing said.\n")


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    lines = [MANIFEST]
    for article_id, text in texts.items():
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{article_id},{article_id}.txt,Test Wire,,,2024-03-01,page date,en\n")
    (folder / "manifest.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (hidden ones included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def extract(corpus: Path, out: Path) -> int:
    return main(["extract", str(corpus), "--out", str(out), "--quiet"])


@pytest.fixture
def previous(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """OUT holding a first run's outputs, and a changed corpus whose outputs would differ."""
    out = tmp_path / "out"
    assert extract(write_corpus(tmp_path / "corpus", {"a1": FIRST}), out) == 0
    before = snapshot(out)
    assert "articles.csv" in before and "run_log.txt" in before
    changed = write_corpus(tmp_path / "corpus", {"a1": FIRST, "a2": SECOND})
    return changed, out, before


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    assert snapshot(out) == before
    assert not [p.name for p in out.parent.iterdir() if ".staging-" in p.name]
    assert not [p.name for p in out.parent.iterdir() if ".old-" in p.name]


def test_the_changed_corpus_would_change_the_outputs(previous, tmp_path):
    corpus, _, before = previous
    other = tmp_path / "other"
    assert extract(corpus, other) == 0
    assert snapshot(other)["articles.csv"] != before["articles.csv"]


def test_failed_validation_leaves_previous_outputs(previous, monkeypatch, capsys):
    corpus, out, before = previous

    def invalid(folder: Path) -> None:
        assert folder.parent == out.parent and folder.name.startswith(f".{out.name}.staging-")
        assert (folder / "articles.csv").is_file()  # everything was written to staging
        raise InputError("output failed its schema: simulated", folder)

    monkeypatch.setattr(tradetalks.publish.package, "validate_package", invalid)
    assert extract(corpus, out) == 2
    err = capsys.readouterr().err
    assert "output failed its schema: simulated" in err and "Traceback" not in err
    assert_untouched(out, before)


def test_crash_while_writing_staging_files_leaves_previous_outputs(previous, monkeypatch):
    corpus, out, before = previous
    real_write_bytes = Path.write_bytes
    written: list[str] = []

    def write_bytes(self: Path, data: bytes) -> int:
        if ".staging-" in self.parent.name:
            if len(written) == 3:
                raise OSError(errno.ENOSPC, "No space left on device (simulated)", str(self))
            written.append(self.name)
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(OSError, match="simulated"):
        extract(corpus, out)
    monkeypatch.undo()
    assert len(written) == 3  # the run did fail midway, after some files
    assert_untouched(out, before)


def test_interrupt_during_validation_leaves_previous_outputs(previous, monkeypatch, capsys):
    corpus, out, before = previous

    def interrupted(folder: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(tradetalks.publish.package, "validate_package", interrupted)
    assert extract(corpus, out) == 130
    assert "earlier outputs were left as they were" in capsys.readouterr().err
    assert_untouched(out, before)


def test_successful_run_replaces_outputs_and_leaves_no_staging(previous):
    corpus, out, before = previous
    assert extract(corpus, out) == 0
    after = snapshot(out)
    assert after.keys() == before.keys()
    assert after["articles.csv"] != before["articles.csv"]
    assert not [p.name for p in out.parent.iterdir() if ".staging-" in p.name]
    assert not [p.name for p in out.parent.iterdir() if ".old-" in p.name]
