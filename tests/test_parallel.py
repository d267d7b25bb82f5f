"""map_articles and imap_articles: the serial map's result, in order, on every core."""

from __future__ import annotations

import os

import pytest

from briefgen import parallel
from briefgen.errors import ConfigError, SkippedInput
from briefgen.parallel import (
    MIN_ITEMS_PER_WORKER,
    Feeder,
    imap_articles,
    map_articles,
    worker_count,
)

MANY = 10 * MIN_ITEMS_PER_WORKER


def words_and_length(text: str) -> tuple[int, int]:
    return len(text.split()), len(text)


def pid_of(_item: int) -> int:
    return os.getpid()


def fail_on_thirteen(item: int) -> int:
    if item == 13:
        raise SkippedInput(f"article {item}: unreadable")
    return item * 2


def texts(n: int) -> list[str]:
    return [f"Paragraph {i} of the harbour report " + "word " * (i % 17) for i in range(n)]


@pytest.mark.parametrize("workers", [0, 1, 2, 3])
def test_same_result_as_a_serial_map_in_input_order(workers: int) -> None:
    items = texts(MANY)
    assert map_articles(words_and_length, items, workers=workers) == [
        words_and_length(t) for t in items
    ]


@pytest.mark.parametrize("chunksize", [1, 7, MANY])
def test_any_chunk_size_keeps_the_order(chunksize: int) -> None:
    items = list(range(MANY))
    assert map_articles(str, items, workers=2, chunksize=chunksize) == [str(i) for i in items]


def test_closures_work() -> None:
    offset = 1000
    items = list(range(MANY))
    assert map_articles(lambda x: x + offset, items, workers=2) == [x + offset for x in items]


def test_empty_input() -> None:
    assert map_articles(str, [], workers=2) == []


def test_a_large_job_runs_in_other_processes() -> None:
    pids = map_articles(pid_of, list(range(MANY)), workers=2)
    others = [pid for pid in pids if pid != os.getpid()]
    assert len(others) > len(pids) // 2


@pytest.mark.parametrize("items", [list(range(MANY)), list(range(5))])
def test_one_worker_or_a_small_job_stays_in_this_process(items: list[int]) -> None:
    workers = 1 if len(items) == MANY else 2
    assert set(map_articles(pid_of, items, workers=workers)) == {os.getpid()}


@pytest.mark.parametrize("workers", [1, 2])
def test_an_item_s_exception_reaches_the_caller(workers: int) -> None:
    with pytest.raises(SkippedInput, match="article 13: unreadable"):
        map_articles(fail_on_thirteen, list(range(MANY)), workers=workers)


def test_the_pool_still_works_after_a_failure() -> None:
    with pytest.raises(SkippedInput):
        map_articles(fail_on_thirteen, list(range(MANY)), workers=2)
    assert map_articles(fail_on_thirteen, list(range(14, 14 + MANY)), workers=2)[0] == 28


def test_worker_count() -> None:
    assert worker_count(0) == (os.cpu_count() or 1)
    assert worker_count(3) == 3
    with pytest.raises(ConfigError, match=r"build\.workers is -1"):
        worker_count(-1)


def test_imap_yields_the_serial_results_in_order() -> None:
    items = texts(MANY)
    assert list(imap_articles(words_and_length, items, workers=2, chunksize=5)) == [
        words_and_length(t) for t in items
    ]


def test_imap_can_be_left_early() -> None:
    taken = []
    for n, result in enumerate(imap_articles(str, list(range(MANY)), workers=2, chunksize=3)):
        taken.append(result)
        if n == 10:
            break
    assert taken == [str(i) for i in range(11)]
    # The pool of the abandoned iteration is gone; a new map works.
    assert map_articles(str, list(range(MANY)), workers=2) == [str(i) for i in range(MANY)]


def test_spawned_workers_give_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the platform does not fork, workers are spawned and the function pickled.
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    items = texts(MANY)
    assert map_articles(words_and_length, items, workers=2) == [words_and_length(t) for t in items]
    with pytest.raises(SkippedInput, match="article 13"):
        map_articles(fail_on_thirteen, list(range(MANY)), workers=2)


def test_a_process_running_threads_is_not_forked() -> None:
    # Called from a thread (as a server would), with another thread alive.
    import threading

    results: list[list[tuple[int, int]]] = []
    stop = threading.Event()
    idle = threading.Thread(target=stop.wait)
    idle.start()
    try:
        items = texts(MANY)
        worker = threading.Thread(
            target=lambda: results.append(map_articles(words_and_length, items, workers=2))
        )
        worker.start()
        worker.join()
    finally:
        stop.set()
        idle.join()
    assert results == [[words_and_length(t) for t in texts(MANY)]]


def test_a_feeder_gives_the_serial_results_in_order_as_batches_come() -> None:
    items = texts(MANY)
    got = []
    with Feeder(words_and_length, workers=2) as feeder:
        for start in range(0, MANY, 7):  # batches as an ingest commits them
            got.extend(feeder.put(items[start : start + 7]))
        got.extend(feeder.finish())
    assert got == [words_and_length(t) for t in items]


def test_a_feeder_runs_a_large_job_in_other_processes_and_a_small_one_here() -> None:
    with Feeder(pid_of, workers=2) as feeder:
        pids = feeder.put(list(range(MANY))) + feeder.finish()
    assert len([p for p in pids if p != os.getpid()]) > MANY // 2
    with Feeder(pid_of, workers=2) as feeder:
        assert feeder.put([1, 2, 3]) == []  # nothing starts for so little
        assert feeder.finish() == [os.getpid()] * 3


@pytest.mark.parametrize("workers", [1, 2])
def test_a_feeder_passes_an_item_s_exception_on(workers: int) -> None:
    with (
        pytest.raises(SkippedInput, match="article 13"),
        Feeder(fail_on_thirteen, workers=workers) as feeder,
    ):
        feeder.put(list(range(MANY)))
        feeder.finish()
    # Its pool is gone; the next one works.
    assert map_articles(str, list(range(MANY)), workers=2) == [str(i) for i in range(MANY)]


def test_a_feeder_where_the_platform_does_not_fork_spawns_at_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    items = texts(MANY)
    with Feeder(words_and_length, workers=2) as feeder:
        assert feeder.put(items) == []  # nothing starts while reading
        assert feeder.finish() == [words_and_length(t) for t in items]
    with Feeder(pid_of, workers=2) as feeder:
        feeder.put(list(range(MANY)))
        assert set(feeder.finish()) - {os.getpid()}  # spawned workers did the work
