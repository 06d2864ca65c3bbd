"""Recorded scores (results/scores): the build reads a set's record only while it was
computed from the current inputs, and the records equal a fresh extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tradetalks.pipeline
from tests.corpus_helpers import mini_book
from tradetalks.errors import InputError
from tradetalks.evaluation.records import current_record, record_path
from tradetalks.report import book

REPO = book.book_root()


def _root(tmp_path: Path) -> Path:
    """A book with the seeds and one evaluation set of two seed articles, with gold."""
    return mini_book(tmp_path / "root", REPO, REPO / "corpora" / "seeds" / "gold")


def _mini(root: Path) -> tuple[Path, Path]:
    return root / "corpora" / "mini", root / "corpora" / "mini" / "gold"


def test_every_evaluation_set_has_a_current_score_record():
    stale = [s.name for s in book.article_sets(REPO)
             if s.corpus != REPO / "seeds" and (s.corpus / "manifest.csv").is_file()
             and current_record(REPO, s.name, s.corpus, s.gold) is None]
    assert not stale, f"score records missing or stale for {stale}: run `make scores`"


def test_a_current_record_spares_the_build_extracting_its_set(tmp_path, monkeypatch):
    root = _root(tmp_path)
    assert book.record_scores(root) == ["mini"]
    _, todo = book.store_plan(root)
    assert [corpus.name for corpus, _, _ in todo] == ["seeds"]

    def refuse(*args, **kwargs):
        raise AssertionError("a set with a current record was extracted")

    monkeypatch.setattr(tradetalks.pipeline, "run", refuse)
    record = json.loads(record_path(root, "mini").read_text(encoding="utf-8"))
    assert book.evaluation_table(root)["f1"].tolist() == [r["f1"] for r in record["rows"]]


def test_a_record_of_other_gold_is_stale_and_the_set_is_extracted(tmp_path):
    root = _root(tmp_path)
    book.record_scores(root)
    corpus, gold = _mini(root)
    meetings = gold / "meetings.csv"
    meetings.write_text("".join(meetings.read_text(encoding="utf-8")
                                .splitlines(keepends=True)[:-1]), encoding="utf-8")
    assert current_record(root, "mini", corpus, gold) is None
    _, todo = book.store_plan(root)
    assert sorted(c.name for c, _, _ in todo) == ["mini", "seeds"]


def test_a_damaged_record_names_its_file_and_the_command_that_rewrites_it(tmp_path):
    root = _root(tmp_path)
    path = record_path(root, "mini")
    path.parent.mkdir(parents=True)
    path.write_text('{"inputs": ', encoding="utf-8")
    with pytest.raises(InputError, match=r"mini\.json.*make scores"):
        current_record(root, "mini", *_mini(root))


def test_check_reports_a_record_whose_scores_differ_and_writes_nothing(tmp_path):
    root = _root(tmp_path)
    book.record_scores(root)
    assert book.record_scores(root, check=True) == []
    path = record_path(root, "mini")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["rows"][0]["f1"] = 0.123  # same inputs, other scores: only a fresh run tells
    altered = json.dumps(record)
    path.write_text(altered, encoding="utf-8")
    assert book.record_scores(root, check=True) == ["mini"]
    assert path.read_text(encoding="utf-8") == altered


@pytest.mark.slow
def test_score_records_equal_a_fresh_extraction_of_every_set():
    assert book.record_scores(REPO, jobs=2, check=True) == []
