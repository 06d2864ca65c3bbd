"""Process pools whose workers leave Ctrl-C to the main process.

Ctrl-C in a terminal reaches the whole process group. A worker that receives it prints
its own traceback (``KeyboardInterrupt`` inside ``call_queue.get``), and the user sees
a screenful instead of the one line the command line promises. Setting ``SIG_IGN`` in a
pool initializer leaves a window between the fork and the initializer; so SIGINT is
blocked in the main thread while the pool forks its workers (they inherit the blocked
mask and then ignore it), and unblocked at once in the main process, where a Ctrl-C
that arrived meanwhile is delivered as usual.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def ignore_interrupt() -> None:
    """Pool initializer: the worker ignores Ctrl-C (the main process reports it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _initialise(initializer: Callable[[], None] | None) -> None:
    """A forked worker ignores Ctrl-C, and SIGTERM ends it at once, as by default: the
    main process's SIGTERM handler (``cli``), inherited by the fork, would print a
    traceback from the worker."""
    ignore_interrupt()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if initializer is not None:
        initializer()


def _started() -> None:
    """The first task: submitting it makes the pool fork all its workers."""


@contextmanager
def worker_pool(jobs: int,
                initializer: Callable[[], None] | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` processes, all forked before it is handed out, none of which
    prints anything on Ctrl-C."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_initialise,
                               initargs=(initializer,))
    with pool:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            first = pool.submit(_started)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        first.result()
        yield pool
