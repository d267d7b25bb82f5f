"""Many writers on one PostgreSQL store: ingesters, builds and senders on several "machines".

Each machine is a process of its own here, as in production each would be a
host; they share nothing but the database.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from briefgen.deliver.ledger import Delivery, Ledger
from briefgen.deliver.lock import edition_lock
from briefgen.errors import LockedError, StoreError
from briefgen.store import SCHEMA_VERSION, ArticleStore
from tests.conftest import EVAL, REPO, needs_eval

DAY = date(2031, 3, 14)
NOW = datetime(2031, 3, 14, 6, 0, tzinfo=UTC)
REUTERS = EVAL / "perf" / "reuters21578"

HOLD_LOCK = """
import sys, time
from datetime import date
from pathlib import Path
from briefgen.deliver.lock import edition_lock
with edition_lock(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), db=sys.argv[3]):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def database(postgres_server: object) -> str:
    url: str = postgres_server.new_database()  # type: ignore[attr-defined]
    return url


def briefgen(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "briefgen", *map(str, args)]


def test_a_newer_schema_on_the_server_is_refused(database: str) -> None:
    with ArticleStore.open(database) as store:
        store.connection.execute("UPDATE briefgen_schema SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer briefgen"):
        ArticleStore.open(database)


def test_an_unreachable_server_is_one_clear_error(postgres_server: object) -> None:
    url = postgres_server.url("postgres").replace(  # type: ignore[attr-defined]
        f":{postgres_server.port}/",  # type: ignore[attr-defined]
        ":1/",
    )
    with pytest.raises(StoreError, match="cannot connect to the PostgreSQL article store"):
        ArticleStore.open(url)


def test_one_edition_is_built_on_one_machine_at_a_time(database: str, tmp_path: Path) -> None:
    # Two machines, two output folders, one database: the lock lives in the database.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "a"), DAY.isoformat(), database],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with (
            pytest.raises(LockedError, match="another briefgen run"),
            edition_lock(tmp_path / "b", DAY, db=database),
        ):
            pass
        with edition_lock(tmp_path / "b", date(2031, 3, 15), db=database):
            pass  # another day is free
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # The server drops a killed holder's lock with its session, once it sees the
    # connection gone (at once on an idle machine; under load it may take a moment).
    deadline = time.monotonic() + 10
    while True:
        try:
            with edition_lock(tmp_path / "b", DAY, db=database) as key:
                assert isinstance(key, str) and DAY.isoformat() in key
            break
        except LockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_each_desk_has_its_own_edition_lock(database: str, tmp_path: Path) -> None:
    with edition_lock(tmp_path / "energy", DAY, db=database, desk="energy"):
        with edition_lock(tmp_path / "main", DAY, db=database):
            pass  # the default desk's edition of the day is another lock
        holder = subprocess.run(
            [
                sys.executable,
                "-c",
                HOLD_LOCK.replace("db=sys.argv[3]", "db=sys.argv[3], desk='energy'"),
                str(tmp_path / "x"),
                DAY.isoformat(),
                database,
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
        )
    assert "LockedError" in holder.stderr, holder.stderr  # refused, not waiting


def test_two_machines_sending_never_claim_the_same_reader(database: str) -> None:
    readers = [f"reader{i}@example.org" for i in range(60)]
    with Ledger(database) as ledger:
        ledger.enqueue(DAY, 1, readers, NOW)
    claimed: dict[str, list[Delivery]] = {}
    start = threading.Barrier(2)

    def send(host: str) -> None:
        with Ledger(database) as ledger:
            start.wait()
            claimed[host] = [
                row
                for _ in range(6)
                for row in ledger.claim(f"{host}:1:run", NOW, day=DAY, new_message_id=lambda: None)
            ]

    threads = [threading.Thread(target=send, args=(h,)) for h in ("alpha", "beta")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    alpha = {r.recipient for r in claimed["alpha"]}
    beta = {r.recipient for r in claimed["beta"]}
    assert not alpha & beta
    assert alpha | beta == set(readers)


def test_a_reader_is_queued_once_whatever_the_case_of_the_address(database: str) -> None:
    with Ledger(database) as ledger:
        ledger.enqueue(DAY, 1, ["Ana@Example.org"], NOW)
        ledger.enqueue(DAY, 1, ["ana@example.org", "ben@example.org"], NOW)
        assert [r.recipient for r in ledger.rows(DAY)] == ["Ana@Example.org", "ben@example.org"]


def reuters_files(count: int) -> list[Path]:
    return sorted(p for day in sorted(REUTERS.iterdir()) for p in sorted(day.glob("*.txt")))[:count]


def stored_ids(database: str | Path) -> list[str]:
    with ArticleStore.open(database) as store:
        return store.article_ids()


def ids_of_one_ingester(files: list[Path], tmp_path: Path) -> list[str]:
    """What one process ingesting ``files`` into a SQLite store of its own stores."""
    alone = tmp_path / "alone.db"
    subprocess.run(briefgen("ingest", "--quiet", "--db", alone, *files), check=True, cwd=tmp_path)
    return sorted(stored_ids(alone))


@needs_eval()
def test_four_ingesters_of_overlapping_halves_store_every_article_once(
    database: str, tmp_path: Path
) -> None:
    files = reuters_files(160)
    # Each ingester reads half of the files, starting at its own quarter, so every
    # file is read by two of them, in a different order.
    quarter = len(files) // 4
    halves = [(files * 2)[i * quarter : i * quarter + 2 * quarter] for i in range(4)]
    env = {**os.environ, "BRIEFGEN_DB": database}
    runs = [
        subprocess.Popen(
            briefgen("ingest", *(half if i % 2 else half[::-1])),
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, half in enumerate(halves)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [(run.returncode, err) for run, (_, err) in zip(runs, outputs, strict=True)] == [
        (0, "")
    ] * 4

    ids = stored_ids(database)
    assert len(ids) == len(set(ids))
    assert sorted(ids) == ids_of_one_ingester(files, tmp_path)
    with ArticleStore.open(database) as store:
        assert store.unanalysed_ids() == []
    # The ingesters shared the analysis out rather than each analysing everything.
    analysed = [int(re.search(r"(\d+) analysed", out)[1]) for out, _ in outputs]  # type: ignore[index]
    assert len(ids) <= sum(analysed) < 1.25 * len(ids), analysed


@needs_eval()
def test_an_ingester_killed_midway_loses_nothing_the_next_run_does_not_finish(
    database: str, tmp_path: Path
) -> None:
    files = reuters_files(120)
    env = {**os.environ, "BRIEFGEN_DB": database}
    other = subprocess.Popen(
        briefgen("ingest", "--quiet", *files[60:]), cwd=tmp_path, env=env, text=True
    )
    victim = subprocess.Popen(briefgen("ingest", "--quiet", *files), cwd=tmp_path, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(stored_ids(database)) < 30:
        time.sleep(0.2)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert other.wait(timeout=600) == 0
    assert len(stored_ids(database)) < len(files)  # the kill did cut the run short

    subprocess.run(briefgen("ingest", "--quiet", *files), cwd=tmp_path, env=env, check=True)
    ids = stored_ids(database)
    assert len(ids) == len(set(ids))
    assert sorted(ids) == ids_of_one_ingester(files, tmp_path)
    with ArticleStore.open(database) as store:
        assert store.unanalysed_ids() == []


def test_an_empty_listing_names_the_server_store_without_its_password(
    database: str, tmp_path: Path
) -> None:
    with_password = database.replace("postgresql://postgres@", "postgresql://postgres:hunter2@")
    assert with_password != database
    listed = subprocess.run(
        briefgen("articles", "--db", with_password, "--date", "2001-01-01"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert listed.stdout == ""
    assert "hunter2" not in listed.stderr
    assert listed.stderr.startswith("no articles for 2001-01-01 in postgresql://postgres:***@")
