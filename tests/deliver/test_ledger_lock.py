"""The ledger's claims and the edition lock, including across processes."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefgen.config import Settings
from briefgen.deliver import deliver_edition, edition_lock, outbox
from briefgen.deliver.ledger import STALE_AFTER, Ledger, backoff
from briefgen.errors import LockedError
from tests.deliver.conftest import DAY, HOLD_LOCK, READERS, Server

NOW = datetime(2031, 3, 14, 6, 0, tzinfo=UTC)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_two_ledgers_never_claim_the_same_row(tmp_path: Path) -> None:
    db = tmp_path / "briefgen.db"
    with Ledger(db) as setup:
        setup.enqueue(DAY, 1, [f"r{i}@example.org" for i in range(40)], NOW)
    claimed: list[list[int]] = []
    start = threading.Barrier(4)

    def claim(n: int) -> None:
        with Ledger(db) as ledger:
            start.wait()
            rows = ledger.claim(f"run{n}", NOW, day=DAY, new_message_id=lambda: "<x@y>")
            claimed.append([r.id for r in rows])

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for ids in claimed for i in ids]
    assert len(every) == 40 and len(set(every)) == 40


#: The ledger's table as the first release created it, before the store's migrations did.
FIRST_LEDGER = """
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY, edition_date TEXT NOT NULL, edition INTEGER NOT NULL DEFAULT 1,
    recipient TEXT NOT NULL COLLATE NOCASE, state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, last_code INTEGER,
    next_attempt_at TEXT, message_id TEXT, claimed_by TEXT, claimed_at TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, sent_at TEXT,
    UNIQUE (edition_date, recipient)
);
INSERT INTO deliveries (edition_date, recipient, state, attempts, last_error, created_at,
    updated_at) VALUES ('2031-03-14', 'ana@example.org', 'failed-temporary', 3, '421 busy',
    '2031-03-14T06:00:00Z', '2031-03-14T06:10:00Z');
"""


def test_a_ledger_of_the_first_release_is_brought_up_to_date_with_its_rows(
    tmp_path: Path,
) -> None:
    from briefgen.store import MIGRATIONS, SCHEMA_VERSION

    db = tmp_path / "briefgen.db"
    with sqlite3.connect(db) as conn:
        for statement in MIGRATIONS[0].for_dialect(postgres=False):
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.executescript(FIRST_LEDGER)

    with Ledger(db) as ledger:
        (row,) = ledger.rows(DAY)
        ledger.enqueue(DAY, 1, ["ANA@example.org", "ben@example.org"], NOW)
        assert [r.recipient for r in ledger.rows(DAY)] == ["ana@example.org", "ben@example.org"]

    assert (row.state, row.attempts, row.last_error, row.failing_since) == (
        "failed-temporary",
        3,
        "421 busy",
        None,
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "deliveries", "editions", "edition_builds"} <= tables


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (2, 4, 8)]
    assert backoff(50) == timedelta(hours=6)


def test_a_run_that_died_while_sending_is_resent_with_the_same_message_id(
    settings: Settings, smtp_server: Server
) -> None:
    dead = f"{socket.gethostname()}:{dead_pid()}:gone"
    with Ledger(settings.db_path) as ledger:
        ledger.enqueue(DAY, 7, ["ana@example.org"], NOW)
        (row,) = ledger.claim(dead, NOW, day=DAY, new_message_id=lambda: "<first@example.org>")
    assert row.state == "sending"

    report = deliver_edition(settings, DAY)

    assert report.exit_code == 0
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)
    sent = smtp_server.recorder.to("ana@example.org")[0].message
    assert sent["Message-ID"] == "<first@example.org>"


def test_a_live_run_keeps_its_rows_until_they_are_stale(
    settings: Settings, smtp_server: Server
) -> None:
    live = f"{socket.gethostname()}:1:busy"  # pid 1 is always alive
    started = datetime.now(UTC)
    with Ledger(settings.db_path) as ledger:
        ledger.enqueue(DAY, 7, ["ana@example.org"], started)
        ledger.claim(live, started, day=DAY, new_message_id=lambda: "<busy@example.org>")

    report = deliver_edition(settings, DAY)
    assert "ana@example.org" not in smtp_server.recorder.count()
    assert [o.recipient for o in report.queued] == ["ana@example.org"]

    later = deliver_edition(settings, DAY, now=started + STALE_AFTER + timedelta(minutes=1))
    assert [o.recipient for o in later.sent] == ["ana@example.org"]
    assert [r.state for r in outbox(settings, include_sent=True)] == ["sent"] * 3


def test_the_lock_is_exclusive_across_threads_and_reentrant_in_one(tmp_path: Path) -> None:
    seen: list[BaseException] = []
    with edition_lock(tmp_path, DAY) as path:
        assert path == tmp_path.absolute() / ".locks" / "2031-03-14.lock"
        with edition_lock(tmp_path, DAY):  # the same thread again
            pass

        def other() -> None:
            try:
                with edition_lock(tmp_path, DAY):
                    pass
            except LockedError as exc:
                seen.append(exc)

        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert len(seen) == 1 and "building or sending 2031-03-14" in str(seen[0])
    with edition_lock(tmp_path, DAY):  # released
        pass


def test_a_lock_held_by_another_process_refuses_and_dies_with_it(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path), DAY.isoformat()],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockedError, match="another briefgen run"), edition_lock(tmp_path, DAY):
            pass
    finally:
        holder.kill()
        holder.wait()
    with edition_lock(tmp_path, DAY):  # the kernel dropped the dead holder's lock
        pass


def test_retry_leaves_an_edition_another_run_is_busy_with(out: Path) -> None:
    from briefgen.deliver import retry_queued
    from tests.deliver.conftest import free_port, make_settings

    settings = make_settings(out, free_port(), readers=("ana@example.org",))
    deliver_edition(settings, DAY)  # server down: ana is queued
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with edition_lock(out, DAY):
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(30)
        report = retry_queued(settings, now=datetime.now(UTC) + timedelta(days=1))
    finally:
        release.set()
        holder.join()
    assert report.locked == (DAY,) and report.sent == ()
    assert "busy    2031-03-14: another run holds its lock" in report.summary()
    assert [r.attempts for r in outbox(settings)] == [1]  # not tried meanwhile
