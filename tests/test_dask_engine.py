"""``extract --engine dask``: the same bytes as the local engine, on a loopback-only
two-worker cluster; a worker killed mid-run is replaced and the tables are unchanged;
bad input is one clear error with OUT untouched. Each test starts a cluster (seconds)."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from tests.corpus_helpers import manifest_bytes, row
from tradetalks import pipeline
from tradetalks.cli import main
from tradetalks.paths import CORPORA_DIR

distributed = pytest.importorskip("distributed")
CORPUS = CORPORA_DIR / "generalisation"
pytestmark = pytest.mark.slow


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("local") / "out"
    assert main(["extract", str(CORPUS), "--out", str(out), "--quiet", "--jobs", "1"]) == 0
    return _files(out)


def test_dask_engine_gives_the_bytes_of_one_local_job(local, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "DASK_BATCH", 3)
    out = tmp_path / "out"
    assert main(["extract", str(CORPUS), "--out", str(out), "--quiet",
                 "--engine", "dask"]) == 0
    assert _files(out) == local


def _kill_a_worker_once_busy(client, done: threading.Event, killed: list[int]) -> None:
    """SIGKILL one worker process as soon as the scheduler shows a task in progress."""
    while not done.is_set():
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            return
        time.sleep(0.05)


def test_run_survives_a_worker_killed_mid_run(local, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "DASK_BATCH", 1)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    client = distributed.Client(cluster)
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_kill_a_worker_once_busy, args=(client, stop, killed))
    try:
        killer.start()
        out = tmp_path / "out"
        assert main(["extract", str(CORPUS), "--out", str(out), "--quiet", "--engine",
                     "dask", "--scheduler", cluster.scheduler_address]) == 0
    finally:
        stop.set()
        killer.join()
        client.close()
        cluster.close()
    assert killed, "no worker was busy while the run lasted"
    assert _files(out) == local


def test_bad_article_stops_the_dask_run_with_one_error_and_out_untouched(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text("Japan and China met in Tokyo on Monday, officials said.\n")
    (corpus / "a2.txt").write_bytes(b"\x00\x01\x02\x03binary" * 50)
    (corpus / "manifest.csv").write_bytes(manifest_bytes([row("a1"), row("a2")]))
    out = tmp_path / "out"
    out.mkdir()
    (out / "meetings.csv").write_text("previous\n")
    code = main(["extract", str(corpus), "--out", str(out), "--quiet", "--engine", "dask"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("error:") == 1 and "a2.txt" in err and "binary" in err
    assert "Traceback" not in err
    assert _files(out) == {"meetings.csv": b"previous\n"}
