"""The per-article stage as ``dask.distributed`` tasks, one task per batch of articles.

Generic on purpose: it is given the batch function and the per-worker warm-up, and knows
nothing of the rules, so a slower extractor (a dependency parse) changes nothing here.
Without a scheduler address it starts a loopback-only ``LocalCluster`` (processes, no
dashboard); with one it joins that cluster, whose workers must see the corpus folder
(a shared file system) and have this package installed. Results are consumed in batch
order with a bounded window of tasks in flight, so the merge downstream sees
publication order and finished results do not pile up. A worker lost mid-run is
replaced and its tasks re-run by the scheduler; a task that raises (bad input) stops the
run with that error.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator

import dask
from distributed import Client, LocalCluster, WorkerPlugin

IN_FLIGHT_PER_WORKER = 4


class WarmUp(WorkerPlugin):
    """Loads the dictionaries and the parser once per worker process, at worker start."""

    name = "tradetalks-warm-up"

    def __init__(self, warm: Callable[[], None]) -> None:
        self.warm = warm

    def setup(self, worker) -> None:
        self.warm()


# Dask's statistical profiler samples each worker's running task every 10 ms and keeps
# an hour of per-second call trees (``distributed.worker.profile``). With the many call
# paths of the rules those trees grew each worker by about 3 MiB per 1,000 articles:
# the whole of the growth the 100,000-article benchmark measured. A run started here
# has it off; for a cluster of your own, set
# DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False in the workers' environment
# (docs/large-corpora.md).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def _client(scheduler: str | None, workers: int) -> tuple[Client, LocalCluster | None]:
    if scheduler:
        return Client(scheduler), None
    with dask.config.set(WORKER_CONFIG):  # the nannies hand this config to their workers
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
    return Client(cluster), cluster


def dask_stream(batches: Iterable[list], task: Callable, warm: Callable[[], None],
                scheduler: str | None = None, workers: int = 2) -> Iterator:
    """Run ``task`` on every batch as Dask tasks; yield the results' items in order."""
    client, cluster = _client(scheduler, workers)
    try:
        client.register_plugin(WarmUp(warm))
        window = max(1, len(client.scheduler_info()["workers"])) * IN_FLIGHT_PER_WORKER
        upcoming = iter(batches)
        pending = deque(client.submit(task, b, pure=False)
                        for b in itertools.islice(upcoming, window))
        while pending:
            future = pending.popleft()
            done = future.result()
            future.release()
            following = next(upcoming, None)
            if following is not None:
                pending.append(client.submit(task, following, pure=False))
            yield from done
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
