"""The streaming run: output bytes do not depend on --jobs or the batch size, and the
merge refuses articles out of publication order (it would change which status wins)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tradetalks import pipeline
from tradetalks.cli import main
from tradetalks.ingest.corpus import scan_corpus
from tradetalks.paths import CORPORA_DIR
from tradetalks.publish.tables import ArticleParts, TableBuilder

CORPUS = CORPORA_DIR / "generalisation"  # 16 articles over several years


def _extract(out: Path, *options: str) -> dict[str, bytes]:
    assert main(["extract", str(CORPUS), "--out", str(out), "--quiet", *options]) == 0
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> dict[str, bytes]:
    return _extract(tmp_path_factory.mktemp("serial") / "out")


def test_two_jobs_with_one_article_per_task_give_the_serial_bytes(serial, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_BATCH", 1)
    assert _extract(tmp_path / "out", "--jobs", "2") == serial


def test_three_jobs_with_uneven_batches_give_the_serial_bytes(serial, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_BATCH", 5)
    assert _extract(tmp_path / "out", "--jobs", "3") == serial


def test_one_article_per_parse_call_gives_the_bytes_of_batched_parses(serial, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_BATCH", 1)
    assert _extract(tmp_path / "out", "--jobs", "1") == serial


def test_a_batch_of_articles_is_parsed_in_one_call(monkeypatch):
    calls: list[list[str]] = []

    def counting(texts):
        calls.append(list(texts))
        return pipeline_parse(calls[-1])

    pipeline_parse = pipeline.parse
    monkeypatch.setattr(pipeline, "parse", counting)
    entries = pipeline.publication_order(scan_corpus(CORPUS).entries)[:8]
    parts = pipeline.extract_batch(entries)
    assert [p.article_id for p in parts] == [e.article_id for e in entries]
    assert len(calls) == 1 and len(calls[0]) > 1


def test_batch_order_is_publication_order():
    entries = scan_corpus(CORPUS).entries
    ordered = pipeline.publication_order(entries)
    assert [(e.published, e.article_id) for e in ordered] == sorted(
        (e.published, e.article_id) for e in entries)
    batches = list(pipeline.batched(ordered, 5))
    assert [e for b in batches for e in b] == ordered and max(map(len, batches)) == 5


def test_entries_sorted_on_disk_in_small_blocks_come_in_publication_order(monkeypatch):
    monkeypatch.setattr(pipeline, "ENTRY_BLOCK", 3)
    entries = scan_corpus(CORPUS).entries
    spool = pipeline.spooled_publication_order(reversed(entries))
    assert spool._runs  # it did spill
    assert list(spool) == pipeline.publication_order(entries)


def _parts(article_id: str, day: int) -> ArticleParts:
    return ArticleParts(article_id, dt.date(2024, 1, day), {}, [], [], [])


def test_merge_refuses_an_article_published_before_the_previous_one():
    builder = TableBuilder()
    builder.add(_parts("b", 2))
    with pytest.raises(ValueError, match="publication order"):
        builder.add(_parts("a", 1))


def test_scheduler_without_the_dask_engine_is_one_clear_error(tmp_path, capsys):
    code = main(["extract", str(CORPUS), "--out", str(tmp_path / "out"), "--quiet",
                 "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2 and "--scheduler needs --engine dask" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
