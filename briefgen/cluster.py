"""Per-article work on a Dask distributed cluster, for stores too big for one machine.

With ``[executor] address`` (or ``--scheduler``) set, :func:`imap_on_cluster`
replaces :func:`briefgen.parallel.imap_articles`: the same function over the
same items, results in input order, each exactly the value the local pool
would give. The items go to the cluster in small chunks; the caller (and only
the caller) stores the results, so a chunk that runs twice, because its worker
died and the scheduler gave it to another, is still stored once.

Dask is imported only here, and only when a cluster is asked for: the base
install has no Dask (``pip install 'briefgen[dask]'``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from briefgen.errors import ConfigError
from briefgen.parallel import drain_in_order, one_blas_thread

T = TypeVar("T")
R = TypeVar("R")

#: Articles per task: small, so a task lost with its worker is cheap to run again.
CHUNK = 16
#: Tasks in flight per worker thread: keeps workers busy while results are stored.
IN_FLIGHT_PER_THREAD = 4
#: Seconds to wait for the scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 10
#: Times a task that failed with an error is tried again (tasks whose worker
#: died are rescheduled by the scheduler without counting here).
RETRIES = 2

_clients: dict[str, Any] = {}


def client_for(address: str) -> Any:
    """A connected ``distributed.Client`` for ``address``, one per process and address."""
    client = _clients.get(address)
    if client is not None and client.status == "running":
        return client
    try:
        from dask.distributed import Client
    except ImportError:
        raise ConfigError(
            f"executor.address is {address!r} but Dask is not installed: "
            "pip install 'briefgen[dask]'"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address} ({reason}); start it "
            "(dask scheduler) or fix executor.address / --scheduler"
        ) from None
    _clients[address] = client
    return client


def close_clients() -> None:
    """Disconnect from every scheduler this process connected to."""
    while _clients:
        _, client = _clients.popitem()
        client.close()


def imap_on_cluster(
    func: Callable[[T], R], items: Sequence[T], address: str, *, chunksize: int = CHUNK
) -> Iterator[R]:
    """``map(func, items)`` computed on the cluster at ``address``, yielded in order."""
    if not items:
        return
    client = client_for(address)
    threads = sum(client.nthreads().values()) or 1
    chunks = [items[i : i + chunksize] for i in range(0, len(items), chunksize)]
    queued = iter(chunks)
    # Sent once, not with every task.
    [shared] = client.scatter([func], broadcast=True, hash=False)
    pending: deque[Any] = deque()

    def submit() -> None:
        chunk = next(queued, None)
        if chunk is not None:
            pending.append(
                client.submit(_run_chunk, shared, list(chunk), pure=False, retries=RETRIES)
            )

    for _ in range(threads * IN_FLIGHT_PER_THREAD):
        submit()
    yield from drain_in_order(pending, submit)


def _run_chunk(func: Callable[[Any], Any], chunk: Sequence[Any]) -> list[Any]:
    """Runs on a worker: one chunk, with the local pool's one-BLAS-thread rule."""
    one_blas_thread()
    return [func(x) for x in chunk]
