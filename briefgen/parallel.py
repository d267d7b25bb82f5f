"""Per-article work on every core, with exactly the result of a plain ``map``.

:func:`map_articles` cuts the items into a few chunks per worker and runs
them in a process pool; results come back in input order, and an exception
raised for any item is raised in the caller. :func:`imap_articles` yields
the same results one by one as they are ready, so the caller can use one
(e.g. store it) while the workers compute the next. Small jobs, and
``workers=1``, run in the calling process: starting a pool costs more than
it saves there.

Where the platform forks (Linux), workers inherit the function and whatever
it closes over (settings, taxonomy, loaded modules) from the parent, so only
the items and the results cross process boundaries and a worker starts in
milliseconds. Elsewhere workers are spawned, and the function must pickle.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from briefgen.errors import ConfigError

__all__ = [
    "MIN_ITEMS_PER_WORKER",
    "Feeder",
    "imap_articles",
    "map_articles",
    "map_each",
    "map_forked",
    "one_blas_thread",
    "worker_count",
]

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items per worker a pool does not pay for its start-up.
MIN_ITEMS_PER_WORKER = 32
#: Chunks per worker: enough to even out articles of different lengths,
#: few enough that each chunk's pickling overhead stays small.
CHUNKS_PER_WORKER = 4

# The function a forked worker runs, set just before the pool forks. The lock
# keeps two threads of one process from swapping it under each other.
_inherited: Callable[[Any], Any] | None = None
_fork_lock = threading.Lock()


def worker_count(workers: int) -> int:
    """The number of processes ``workers`` asks for: 0 means one per core."""
    if workers < 0:
        raise ConfigError(
            f"build.workers is {workers}: use 0 (one process per core) or a positive number"
        )
    return workers or os.cpu_count() or 1


def map_articles(
    func: Callable[[T], R], items: Sequence[T], *, workers: int, chunksize: int | None = None
) -> list[R]:
    """``[func(x) for x in items]``, spread over ``workers`` processes.

    ``workers=0`` uses one process per core. The output equals the serial
    map's, in the same order; the first failing item's exception is raised.
    """
    return list(imap_articles(func, items, workers=workers, chunksize=chunksize))


def imap_articles(
    func: Callable[[T], R], items: Sequence[T], *, workers: int, chunksize: int | None = None
) -> Iterator[R]:
    """Like :func:`map_articles`, but yields each result, in order, as soon as it is ready.

    The caller can store one result while the workers compute the next. A
    few chunks per worker are in flight at a time, so results waiting to be
    taken stay few however long ``items`` is.
    """
    count = min(worker_count(workers), len(items) // MIN_ITEMS_PER_WORKER)
    if count <= 1:
        yield from map(func, items)
        return
    if not can_fork():
        yield from _stream(count, None, _chunks(items, count, chunksize), func)
        return
    # The first item runs here, before the fork: the modules it imports lazily
    # and the caches it fills are then inherited by every worker instead of
    # being loaded again in each.
    yield func(items[0])
    yield from _stream(count, "fork", _chunks(items[1:], count, chunksize), func)


def map_forked(func: Callable[[T], R], items: Sequence[T], *, workers: int) -> list[R]:
    """:func:`map_articles` for a ``func`` that may close over anything (the day's
    matrices): spread over forked workers where the platform forks, else run here."""
    if not can_fork():
        return [func(x) for x in items]
    return map_articles(func, items, workers=workers)


def map_each(func: Callable[[T], R], items: Sequence[T], *, workers: int) -> list[R]:
    """``[func(x) for x in items]`` for a few big jobs (a desk's edition each), one per task.

    Only where the platform forks, so that ``func`` may close over anything (the
    day's analyses) and only the items and results are pickled; elsewhere, or with
    one worker, the jobs run here one after the other. The first runs here before
    the fork, so that what it loads (fonts, templates) is inherited by the workers.
    """
    count = min(worker_count(workers), len(items) - 1)
    if count < 1 or not can_fork():
        return [func(x) for x in items]
    first = func(items[0])
    return [first, *_stream(count, "fork", [[x] for x in items[1:]], func)]


def _chunks(items: Sequence[T], count: int, chunksize: int | None) -> list[Sequence[T]]:
    size = chunksize or max(1, -(-len(items) // (count * CHUNKS_PER_WORKER)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def can_fork() -> bool:
    # Forking is cheap and safe on Linux; macOS's system libraries may not
    # survive a fork, which is why Python spawns there by default. A process
    # running other threads (a server calling the library) is not forked
    # either: the child would inherit locks those threads may hold.
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _stream(
    count: int, method: str | None, chunks: Sequence[Sequence[Any]], func: Callable[[Any], Any]
) -> Iterator[Any]:
    queued = iter(chunks)
    pending: deque[Future[list[Any]]] = deque()
    with _pool(count, method) as pool:

        def submit() -> None:
            chunk = next(queued, None)
            if chunk is not None:
                if method == "fork":
                    pending.append(pool.submit(_run_inherited, chunk))
                else:
                    pending.append(pool.submit(_run_chunk, func, chunk))

        if method == "fork":
            with _inheriting(func):
                submit()  # every worker forks here, inheriting func
        for _ in range(count * CHUNKS_PER_WORKER):
            submit()
        yield from drain_in_order(pending, submit)


def _pool(count: int, method: str | None) -> ProcessPoolExecutor:
    """A pool of ``count`` workers started by ``method``, each dying with this process."""
    return ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


@contextmanager
def _inheriting(func: Callable[[Any], Any]) -> Iterator[None]:
    """Workers forked inside this block run ``func`` (the lock keeps two threads of one
    process from swapping it under each other)."""
    global _inherited
    with _fork_lock:
        previous, _inherited = _inherited, func
        try:
            yield
        finally:
            _inherited = previous


def drain_in_order(pending: deque[Any], submit: Callable[[], None]) -> Iterator[Any]:
    """Yield the results of ``pending`` chunk futures in order, submitting one more per chunk.

    A failed item, or a caller that stops early, cancels the chunks not yet taken.
    """
    try:
        while pending:
            results = pending.popleft().result()
            submit()
            yield from results
    except BaseException:
        for future in pending:
            future.cancel()
        raise


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    one_blas_thread()
    # The heap a forked worker inherits lives as long as the worker: left to the
    # collector, each full collection walks it again (and copies its pages).
    gc.freeze()


#: prctl option: the signal the kernel sends this process when its parent dies.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` ends, however it ends (``kill -9`` included).

    A worker left behind by a killed build would keep computing for nobody,
    holding memory and whatever the parent had open. On Linux the kernel
    delivers SIGKILL when the parent dies; elsewhere a thread watches for it.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            if os.getppid() != parent:  # the parent died before the signal was armed
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def one_blas_thread() -> None:
    """Limit this process's OpenBLAS libraries (numpy's, scipy's) to one thread each.

    A worker's matrices are per-article and small: BLAS threads cannot speed
    them up, and each worker's BLAS pool busy-waiting beside the other
    workers takes the cores they need (measured: no gain from two workers
    on two cores without this). Libraries other than OpenBLAS are left as is.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_SETTERS:
            setter = getattr(library, name, None)
            if setter is not None:
                # 64-bit-integer builds (ILP64, names ending "64_") take an int64.
                setter(ctypes.c_int64(1) if name.endswith("64_") else ctypes.c_int(1))
                break


#: How OpenBLAS builds name their thread setter (plain, 64-bit ints, scipy-openblas).
_BLAS_SETTERS = (
    "openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
)


class Feeder:
    """Work that arrives in batches (articles as they are stored), spread over the cores.

    :meth:`put` queues items and returns the results that are ready, in order,
    without waiting; :meth:`finish` waits for the rest. The caller thus keeps
    reading while the workers analyse what it has read. Until
    :data:`MIN_ITEMS_PER_WORKER` items per worker have come, nothing starts: a
    small job runs in this process at :meth:`finish`, as :func:`imap_articles`
    would run it, and the pool is started only where the platform forks.
    """

    #: Items sent to a worker at a time.
    CHUNK = 8

    def __init__(self, func: Callable[[Any], Any], *, workers: int) -> None:
        self._func = func
        self._workers = workers
        self._count = worker_count(workers)
        self._waiting: list[Any] = []
        self._pending: deque[Future[list[Any]]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        self._ready: list[Any] = []

    def __enter__(self) -> Feeder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def put(self, items: Sequence[Any]) -> list[Any]:
        """Queue ``items``; the results finished so far, in order."""
        self._waiting.extend(items)
        enough = len(self._waiting) >= self._count * MIN_ITEMS_PER_WORKER
        if self._pool is None and self._count > 1 and enough and can_fork():
            self._start()
        if self._pool is not None:
            self._submit_waiting()
        return self._take(wait=False)

    def finish(self) -> list[Any]:
        """Every result not yet returned, in order, once all are computed."""
        if self._pool is None:
            # Nothing started: a small job, or a platform that does not fork. What
            # imap_articles would do with it (here, or on spawned workers) is done.
            waiting, self._waiting = self._waiting, []
            done = list(imap_articles(self._func, waiting, workers=self._workers))
            return [*self._take(wait=True), *done]
        self._submit_waiting(final=True)
        return self._take(wait=True)

    def close(self) -> None:
        """Stop the workers; work not taken is dropped."""
        if self._pool is not None:
            for future in self._pending:
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start(self) -> None:
        # The first item runs here before the fork, so the caches it fills and
        # the modules it loads are inherited by every worker (as in imap_articles).
        self._ready.append(self._func(self._waiting.pop(0)))
        self._pool = _pool(self._count, "fork")
        with _inheriting(self._func):
            self._submit_chunk()  # every worker forks here, inheriting the function

    def _submit_waiting(self, final: bool = False) -> None:
        while len(self._waiting) >= self.CHUNK or (final and self._waiting):
            # Bounded work in flight: results do not pile up faster than they are taken.
            if len(self._pending) >= self._count * CHUNKS_PER_WORKER * 4:
                self._ready.extend(self._pending.popleft().result())
            self._submit_chunk()

    def _submit_chunk(self) -> None:
        assert self._pool is not None
        chunk, self._waiting = self._waiting[: self.CHUNK], self._waiting[self.CHUNK :]
        self._pending.append(self._pool.submit(_run_inherited, chunk))

    def _take(self, *, wait: bool) -> list[Any]:
        out, self._ready = self._ready, []
        while self._pending and (wait or self._pending[0].done()):
            out.extend(self._pending.popleft().result())
        return out


def _run_inherited(chunk: Sequence[Any]) -> list[Any]:
    if _inherited is None:  # pragma: no cover - only if a worker was not forked
        raise RuntimeError("map_articles: worker started without its function")
    return [_inherited(x) for x in chunk]


def _run_chunk(func: Callable[[Any], Any], chunk: Sequence[Any]) -> list[Any]:
    return [func(x) for x in chunk]
