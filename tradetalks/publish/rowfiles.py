"""Rows to CSV without holding a table: a streaming writer and an external sort.

A table of a million rows is never a DataFrame here. ``SortedSpool`` keeps the rows that
arrive (in publication order) in a small block, sorts each full block by the table's key
and spills it to a temporary file; reading it back merges the sorted blocks, so the rows
come out in the same order as a stable sort of the whole table, in memory bounded by the
block size. At most ``MERGE_FAN_IN`` runs are merged at once (more are first merged in
consecutive groups into longer runs, as an external sort does), so the memory of the
merge does not grow with the number of rows either. ``CsvSink`` writes rows as they
come and hashes the bytes on the way, giving the same bytes as
``pandas.DataFrame.to_csv`` of the same rows (``cell`` formats the values as pandas does
for the value types the tables hold).
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import io
import itertools
import math
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from tradetalks.publish.cells import neutralise

SPOOL_BLOCK = 5_000  # rows sorted in memory before a block is spilled: every table of
# 10,000 articles fills a block, so a larger corpus holds no more rows at once
READ_CHUNK = 250  # rows per pickled chunk: a merge holds one chunk per spilled block
# characters a CSV sink gathers before it writes them out: by size, not by rows, because an
# event or actor reported by tens of thousands of articles makes a row of megabytes (and
# Python keeps a StringIO's text at four bytes a character)
FLUSH_CHARS = 1 << 18
MERGE_FAN_IN = 16  # runs merged at once: more are first merged in groups into longer runs


def cell(value: object) -> str:
    """One value as ``DataFrame.to_csv`` writes it: missing (None, NaN, NA) as empty,
    floats by ``repr``, booleans as True/False, text neutralised for spreadsheets."""
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if hasattr(value, "item"):
        value = value.item()  # a NumPy scalar, from a DataFrame
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    return "" if type(value).__name__ == "NAType" else str(value)


class CsvSink:
    """A CSV file written row by row; ``sha256`` and ``size`` describe the bytes written."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self._file: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._hash = hashlib.sha256()
        self.size = 0
        self.rows = 0
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer, lineterminator="\n")
        self._csv.writerow(columns)
        self._flush()

    def _flush(self) -> None:
        data = self._buffer.getvalue().encode("utf-8")
        self._buffer.seek(0)
        self._buffer.truncate()
        self._hash.update(data)
        self.size += len(data)
        self._file.write(data)

    def write(self, rows: Iterable[tuple]) -> None:
        for row in rows:
            self._csv.writerow([cell(v) for v in row])
            if self._buffer.tell() >= FLUSH_CHARS:
                self._flush()
            self.rows += 1
        self._flush()

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def close(self) -> None:
        self._file.close()


def _chunks(path: Path) -> Iterator[tuple]:
    with open(path, "rb") as handle:
        while True:
            try:
                yield from pickle.load(handle)
            except EOFError:
                return


class SortedSpool:
    """Rows in arrival order in, rows sorted by ``key`` out (stable: equal keys keep their
    arrival order; no key keeps the arrival order), with at most ``block`` rows in memory
    while adding."""

    def __init__(self, key: Callable[[tuple], tuple] | None, block: int | None = None) -> None:
        self._key, self._block = key, block or SPOOL_BLOCK
        self._rows: list[tuple] = []
        self._runs: list[Path] = []
        self._names = itertools.count()
        self._folder: tempfile.TemporaryDirectory | None = None
        self.count = 0

    def extend(self, rows: Iterable[tuple]) -> None:
        """Add rows, spilling each full block as it fills: one long iterable (a manifest
        of a million rows) is never held whole."""
        for row in rows:
            self._rows.append(row)
            self.count += 1
            if len(self._rows) >= self._block:
                self._spill()

    def _spill(self) -> None:
        rows = self._rows if self._key is None else sorted(self._rows, key=self._key)
        self._rows = []
        self._runs.append(self._write_run(rows))

    def _write_run(self, rows: Iterable[tuple]) -> Path:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="tradetalks-spool-")
        path = Path(self._folder.name) / f"run-{next(self._names):05d}.pickle"
        rows = iter(rows)
        with open(path, "wb") as handle:
            while chunk := list(itertools.islice(rows, READ_CHUNK)):
                pickle.dump(chunk, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    def _merged(self, runs: list[Path]) -> Iterator[tuple]:
        return heapq.merge(*(_chunks(p) for p in runs), key=self._key)

    def _fewer_runs(self) -> None:
        """Merge consecutive groups of runs until at most ``MERGE_FAN_IN`` are left; runs
        stay in arrival order, so equal keys keep it."""
        while len(self._runs) > MERGE_FAN_IN:
            groups = [self._runs[i:i + MERGE_FAN_IN]
                      for i in range(0, len(self._runs), MERGE_FAN_IN)]
            self._runs = []
            for group in groups:
                if len(group) == 1:
                    self._runs.append(group[0])
                    continue
                self._runs.append(self._write_run(self._merged(group)))
                for path in group:
                    path.unlink()

    def __iter__(self) -> Iterator[tuple]:
        """The rows in key order; runs spilled earlier come first among equal keys."""
        if self._key is None:
            return itertools.chain(*map(_chunks, self._runs), self._rows)
        tail = sorted(self._rows, key=self._key)
        if not self._runs:
            return iter(tail)
        self._fewer_runs()
        return heapq.merge(*(_chunks(p) for p in self._runs), tail, key=self._key)

    def close(self) -> None:
        """Remove the spilled runs (also done when the spool is garbage-collected)."""
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._runs, self._rows = [], []
