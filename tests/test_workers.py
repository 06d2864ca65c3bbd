"""Worker pools leave Ctrl-C to the main process (a worker's traceback failed CI once:
the validation pool had no initializer)."""

import multiprocessing
import os
import signal

from tradetalks.workers import worker_pool


def _pid(_: object = None) -> int:
    return os.getpid()


def _initialised_marker() -> None:
    os.environ["TRADETALKS_TEST_INITIALISED"] = "yes"


def _marker() -> str | None:
    return os.environ.get("TRADETALKS_TEST_INITIALISED")


def test_workers_survive_ctrl_c_and_keep_working():
    with worker_pool(2) as pool:
        workers = {p.pid for p in multiprocessing.active_children()}
        assert len(workers) == 2
        for pid in workers:
            os.kill(pid, signal.SIGINT)
        assert set(pool.map(_pid, range(8))) <= workers  # no worker died or was replaced


def test_workers_are_forked_before_the_pool_is_handed_out():
    with worker_pool(2) as pool:
        assert len(pool._processes) == 2  # noqa: SLF001 (no public API counts them)


def test_worker_pool_runs_the_given_initializer_as_well():
    with worker_pool(1, _initialised_marker) as pool:
        assert pool.submit(_marker).result() == "yes"
