"""The streaming writer: the same bytes as pandas' CSV, an external sort equal to a stable
in-memory sort, and a run whose spools spill to disk writes the same files."""

from __future__ import annotations

import random
import tracemalloc

import pandas as pd

import tradetalks.publish.rowfiles as rowfiles
from tradetalks.cli import main
from tradetalks.paths import CORPORA_DIR
from tradetalks.publish.package import csv_bytes
from tradetalks.publish.rowfiles import CsvSink, SortedSpool

ROWS = [("=SUM(A1)", 3, 35.6895, True, "a,b", None, 0.1 + 0.2),
        ("x\n\"y\"", -3, None, False, "", "-x", 4.0),
        ("'=z", 0, float("nan"), True, "  ", "é", -10.0)]
COLUMNS = ["text", "start", "latitude", "flag", "list", "speaker", "goldstein"]


def test_streamed_csv_has_the_bytes_of_pandas_to_csv(tmp_path):
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    sink = CsvSink(tmp_path / "t.csv", COLUMNS)
    sink.write(ROWS)
    sink.close()
    assert (tmp_path / "t.csv").read_bytes() == csv_bytes(frame)


def test_rows_of_a_dataframe_stream_to_the_same_bytes(tmp_path):
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    sink = CsvSink(tmp_path / "t.csv", COLUMNS)
    sink.write(frame.itertuples(index=False, name=None))
    sink.close()
    assert (tmp_path / "t.csv").read_bytes() == csv_bytes(frame)


def test_spilled_spool_reads_back_as_a_stable_sort():
    draw = random.Random(7)
    rows = [(draw.choice("abcde"), draw.randint(0, 3), i) for i in range(500)]
    spool = SortedSpool(lambda r: (r[0], r[1]), block=37)
    for start in range(0, len(rows), 11):
        spool.extend(rows[start:start + 11])
    assert list(spool) == sorted(rows, key=lambda r: (r[0], r[1]))
    spool.close()


def test_many_runs_are_merged_a_few_at_a_time_and_still_read_as_a_stable_sort(monkeypatch):
    monkeypatch.setattr(rowfiles, "MERGE_FAN_IN", 3)
    reading, most = 0, 0
    chunks = rowfiles._chunks

    def counted(path):
        nonlocal reading, most
        reading += 1
        most = max(most, reading)
        try:
            yield from chunks(path)
        finally:
            reading -= 1

    monkeypatch.setattr(rowfiles, "_chunks", counted)
    draw = random.Random(11)
    rows = [(draw.choice("abc"), draw.randint(0, 2), i) for i in range(400)]
    spool = SortedSpool(lambda r: (r[0], r[1]), block=10)  # 40 runs
    for row in rows:
        spool.extend([row])
    assert list(spool) == sorted(rows, key=lambda r: (r[0], r[1]))
    assert most == 3
    spool.close()


def test_a_run_whose_spools_spill_writes_the_same_files(tmp_path, monkeypatch):
    corpus = CORPORA_DIR / "generalisation"

    def extract(out):
        assert main(["extract", str(corpus), "--out", str(out), "--quiet"]) == 0
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}

    in_memory = extract(tmp_path / "memory")
    monkeypatch.setattr(rowfiles, "SPOOL_BLOCK", 3)
    assert extract(tmp_path / "spilled") == in_memory


def test_one_long_iterable_is_spilled_block_by_block_while_it_is_added():
    spool = SortedSpool(lambda row: row, block=10)
    held = []

    def rows():
        for i in range(100, 0, -1):
            held.append(len(spool._rows))
            yield (i,)

    spool.extend(rows())
    assert max(held) < 10  # never more than a block in memory while adding
    assert list(spool) == [(i,) for i in range(1, 101)]


def test_a_sink_writes_rows_of_megabytes_out_as_it_goes(tmp_path):
    # an actor named by tens of thousands of articles is one row of megabytes: gathering
    # 250 such rows before writing held hundreds of megabytes
    big = ";".join(f"article-{i:07d}" for i in range(25_000))  # 400,000 characters
    rows = (("actor", big) for _ in range(30))
    sink = CsvSink(tmp_path / "actors.csv", ["actor_id", "articles"])
    tracemalloc.start()
    try:
        sink.write(rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        sink.close()
    assert sink.rows == 30
    assert peak < 12 * len(big)  # a few copies of one row, not thirty rows at once
