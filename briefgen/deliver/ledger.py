"""The delivery ledger: one row per (edition day, reader) in the article store's database.

States::

    queued ──claim──▶ sending ──accepted──▶ sent
      ▲  ▲               │
      │  │               ├──4xx / dropped / refused──▶ failed-temporary ──(backoff due)──▶ claim
      │  │               │                             (for more than email.retry_hours:
      │  │               │                              failed-permanent, "gave up after …")
      │  │               ├──5xx for this reader──────▶ failed-permanent
      │  └───────────────┴──a local problem (edition or PDF missing, unreadable): queued,
      │                     with the reason; not an attempt, never given up
      ├── a run that died while 'sending' is claimed again (at-least-once)
      └── `briefgen outbox --requeue` puts failed rows back

The UNIQUE (desk, edition_date, recipient) key means a reader is queued once per
desk edition however often a run repeats. A claim is one IMMEDIATE transaction (on
PostgreSQL, one holding the store's advisory write lock), so two runs, on one
machine or two, never take the same row. The Message-ID is stored with the claim,
before the message leaves; a message resent after a crash carries the same
Message-ID, which lets mail programs recognise the duplicate.

The ``edition_builds`` table records where each edition was built, so that a send
finds it whatever ``--out`` or working folder it is run with. Both tables are
created by the article store's migrations (:data:`briefgen.store.MIGRATIONS`);
the store owns the database and its schema version.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from briefgen.database import Database, DbTarget, is_postgres
from briefgen.storefile import guarded, store_failure

State = Literal["queued", "sending", "sent", "failed-temporary", "failed-permanent"]
STATES: tuple[State, ...] = ("queued", "sending", "sent", "failed-temporary", "failed-permanent")

#: First retry after this long, doubling after each failure, never more than BACKOFF_CAP.
BACKOFF_BASE = timedelta(minutes=2)
BACKOFF_CAP = timedelta(hours=6)
#: A 'sending' row older than this belongs to a run that died (even on another host).
STALE_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Delivery:
    """One ledger row."""

    id: int
    day: date
    edition: int
    recipient: str
    state: State
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    message_id: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    #: When the server started failing this message (None when it is not failing).
    failing_since: datetime | None = None
    #: The desk whose edition this is ("" for the default desk).
    desk: str = ""


@dataclass(frozen=True)
class BuiltEdition:
    """Where an edition was built, as the build recorded it."""

    day: date
    out: Path
    folder: Path
    host: str
    built_at: datetime


def stamp(when: datetime) -> str:
    """UTC, second precision, sortable as text."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 2, 4, 8 … minutes, at most 6 hours."""
    wait: timedelta = BACKOFF_BASE * 2 ** min(max(attempts - 1, 0), 16)
    return min(wait, BACKOFF_CAP)


def run_token() -> str:
    """Names the run that claims rows: host and pid (to spot dead runs) and a nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _dead(token: str | None) -> bool:
    """True when ``token`` names a process on this host that no longer exists."""
    if not token:
        return True
    host, _, rest = token.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Ledger:
    """The ``deliveries`` and ``edition_builds`` tables; one per thread (it holds a connection)."""

    def __init__(self, db_path: DbTarget) -> None:
        from briefgen.store import ArticleStore

        self.path = db_path
        # The store creates the file and brings its schema, the ledger's tables
        # included, up to date (and says clearly what is wrong when it cannot).
        store = ArticleStore.open(db_path)
        self._db = store.connection
        self._db.rows_by_name()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """The store's write lock is taken up front, so read-then-update is atomic."""
        with guarded(self.path):
            self._db.begin(exclusive=True)
            try:
                yield self._db
            except BaseException:
                self._db.rollback()
                raise
            self._db.commit()

    def record_edition(
        self, day: date, out: Path, folder: Path, now: datetime, *, desk: str = ""
    ) -> None:
        """Remember that ``day``'s edition was built into ``folder`` under ``out`` (absolute)."""
        with self._write() as db:
            db.execute(
                "INSERT INTO edition_builds (desk, edition_date, out_dir, folder, host, built_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (desk, edition_date) DO UPDATE SET"
                " out_dir = excluded.out_dir, folder = excluded.folder,"
                " host = excluded.host, built_at = excluded.built_at",
                (desk, day.isoformat(), str(out), str(folder), socket.gethostname(), stamp(now)),
            )

    def built_edition(self, day: date, *, desk: str = "") -> BuiltEdition | None:
        """Where ``desk``'s edition of ``day`` was last built, if the ledger knows."""
        with guarded(self.path):
            row = self._db.execute(
                "SELECT * FROM edition_builds WHERE desk = ? AND edition_date = ?",
                (desk, day.isoformat()),
            ).fetchone()
        if row is None:
            return None
        built = _parse(row["built_at"])
        assert built is not None  # NOT NULL column
        return BuiltEdition(day, Path(row["out_dir"]), Path(row["folder"]), row["host"], built)

    def enqueue(
        self,
        day: date,
        edition: int,
        recipients: Sequence[str],
        now: datetime,
        *,
        desk: str = "",
    ) -> None:
        """Queue each reader once for ``desk``'s edition of ``day``; readers already in the
        ledger are untouched."""
        with self._write() as db:
            db.executemany(
                "INSERT INTO deliveries (desk, edition_date, edition, recipient, state,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)"
                " ON CONFLICT DO NOTHING",
                [(desk, day.isoformat(), edition, r, stamp(now), stamp(now)) for r in recipients],
            )

    def rows(
        self,
        day: date | None = None,
        states: Sequence[State] = STATES,
        *,
        desk: str | None = "",
    ) -> list[Delivery]:
        """Rows of ``desk`` (None: of every desk), of ``day`` when given, in ``states``."""
        marks = ", ".join("?" for _ in states)
        sql = f"SELECT * FROM deliveries WHERE state IN ({marks})"
        params: list[str] = list(states)
        if desk is not None:
            sql += " AND desk = ?"
            params.append(desk)
        if day is not None:
            sql += " AND edition_date = ?"
            params.append(day.isoformat())
        sql += " ORDER BY edition_date, id"
        with guarded(self.path):
            return [_row(r) for r in self._db.execute(sql, params)]

    def claim(
        self,
        token: str,
        now: datetime,
        *,
        day: date | None = None,
        due_only: bool = True,
        recipients: Sequence[str] | None = None,
        new_message_id: Callable[[], str | None],
        desk: str = "",
    ) -> list[Delivery]:
        """Mark the rows this run will send as 'sending' and return them.

        Takes queued and temporarily failed rows (only those whose backoff is over
        when ``due_only``) and 'sending' rows left by a run that died.
        """
        with self._write() as db:
            candidates = self._claimable(db, now, day, due_only, desk)
            if recipients is not None:
                wanted = {r.lower() for r in recipients}
                candidates = [c for c in candidates if c["recipient"].lower() in wanted]
            for c in candidates:
                db.execute(
                    "UPDATE deliveries SET state = 'sending', claimed_by = ?, claimed_at = ?,"
                    " attempts = attempts + 1, message_id = COALESCE(message_id, ?),"
                    " updated_at = ? WHERE id = ?",
                    (token, stamp(now), new_message_id(), stamp(now), c["id"]),
                )
            return _rows_by_id(db, [c["id"] for c in candidates], "id")

    def _claimable(
        self, db: Database, now: datetime, day: date | None, due_only: bool, desk: str
    ) -> list[Any]:
        sql = (
            "SELECT * FROM deliveries WHERE state IN ('queued', 'failed-temporary', 'sending')"
            " AND desk = ?"
        )
        params: list[str] = [desk]
        if day is not None:
            sql += " AND edition_date = ?"
            params.append(day.isoformat())
        found = []
        for row in db.execute(sql + " ORDER BY edition_date, id", params).fetchall():
            if row["state"] == "sending":
                claimed_at = _parse(row["claimed_at"])
                stale = claimed_at is None or now - claimed_at > STALE_AFTER
                if not (stale or _dead(row["claimed_by"])):
                    continue  # another live run is sending it
            elif due_only and row["next_attempt_at"] and row["next_attempt_at"] > stamp(now):
                continue
            found.append(row)
        return found

    def use_message_id(self, ids: Sequence[int], message_id: str, token: str) -> None:
        """Give the rows of one Bcc batch the batch's Message-ID before it is sent."""
        with self._write() as db:
            db.executemany(
                "UPDATE deliveries SET message_id = ? WHERE id = ? AND claimed_by = ?",
                [(message_id, i, token) for i in ids],
            )

    def mark_sent(self, ids: Sequence[int], token: str, now: datetime) -> None:
        with self._write() as db:
            db.executemany(
                "UPDATE deliveries SET state = 'sent', sent_at = ?, updated_at = ?,"
                " last_error = NULL, last_code = NULL, next_attempt_at = NULL,"
                " failing_since = NULL WHERE id = ? AND claimed_by = ? AND state = 'sending'",
                [(stamp(now), stamp(now), i, token) for i in ids],
            )

    def mark_failed(
        self,
        row: Delivery,
        token: str,
        now: datetime,
        *,
        reason: str,
        code: int | None,
        temporary: bool,
        retry_for: timedelta,
    ) -> Delivery:
        """Record the server's failure to take a message.

        A temporary failure is retried after a backoff until the server has been
        failing the message for ``retry_for``; then it is given up (permanent).
        """
        failing_since = row.failing_since or now
        if temporary and now - failing_since >= retry_for:
            temporary = False
            hours = retry_for.total_seconds() / 3600
            reason = (
                f"gave up after retrying for {hours:g} hours (email.retry_hours) "
                f"and {row.attempts} attempts: {reason}"
            )
        state: State = "failed-temporary" if temporary else "failed-permanent"
        next_at = stamp(now + backoff(row.attempts)) if temporary else None
        with self._write() as db:
            db.execute(
                "UPDATE deliveries SET state = ?, last_error = ?, last_code = ?,"
                " next_attempt_at = ?, updated_at = ?, claimed_by = NULL, failing_since = ?"
                " WHERE id = ? AND claimed_by = ? AND state = 'sending'",
                (state, reason, code, next_at, stamp(now), stamp(failing_since), row.id, token),
            )
            updated = db.execute("SELECT * FROM deliveries WHERE id = ?", (row.id,)).fetchone()
        return _row(updated)

    def hold(self, rows: Sequence[Delivery], token: str, now: datetime, reason: str) -> None:
        """Put claimed rows back in the queue, with why they could not be sent.

        For problems on this side (the edition or its PDF missing or unreadable):
        not an attempt, and never a reason to give a reader up.
        """
        with self._write() as db:
            db.executemany(
                "UPDATE deliveries SET state = 'queued', last_error = ?, last_code = NULL,"
                " next_attempt_at = NULL, updated_at = ?, claimed_by = NULL,"
                " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END"
                " WHERE id = ? AND claimed_by = ? AND state = 'sending'",
                [(reason, stamp(now), row.id, token) for row in rows],
            )

    def requeue(
        self,
        now: datetime,
        *,
        day: date | None = None,
        recipients: Sequence[str] = (),
        desk: str | None = "",
    ) -> list[Delivery]:
        """Put failed rows back in the queue, due at once with a new retry window.

        Only ``desk``'s (None: every desk's), only ``day``'s rows, and only
        ``recipients``' when given. Returns the rows.
        """
        sql = "SELECT * FROM deliveries WHERE state IN ('failed-permanent', 'failed-temporary')"
        params: list[str] = []
        if desk is not None:
            sql += " AND desk = ?"
            params.append(desk)
        if day is not None:
            sql += " AND edition_date = ?"
            params.append(day.isoformat())
        with self._write() as db:
            found = db.execute(sql + " ORDER BY edition_date, id", params).fetchall()
            wanted = {r.lower() for r in recipients}
            ids = [r["id"] for r in found if not wanted or r["recipient"].lower() in wanted]
            db.executemany(
                "UPDATE deliveries SET state = 'queued', next_attempt_at = NULL,"
                " failing_since = NULL, last_error = 'queued again by hand (was: '"
                " || COALESCE(last_error, 'no reason given') || ')', updated_at = ? WHERE id = ?",
                [(stamp(now), i) for i in ids],
            )
            return _rows_by_id(db, ids, "edition_date, id")


def _rows_by_id(db: Database, ids: Sequence[int], order: str) -> list[Delivery]:
    """The ledger's rows ``ids`` as they now are, in ``order``."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT * FROM deliveries WHERE id IN ({marks}) ORDER BY {order}"
    return [_row(r) for r in db.execute(sql, list(ids)).fetchall()]


def read_rows(db_path: DbTarget, states: Sequence[State] = STATES) -> list[Delivery]:
    """Rows of the ledger without creating anything (for the outbox and dry runs)."""
    if is_postgres(db_path):
        return _read_postgres_rows(str(db_path), states)
    db_path = Path(db_path)
    if not db_path.is_file():
        return []
    try:
        with closing(
            sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True, timeout=30.0)
        ) as db:
            db.row_factory = sqlite3.Row
            marks = ", ".join("?" for _ in states)
            found = db.execute(
                f"SELECT * FROM deliveries WHERE state IN ({marks}) ORDER BY edition_date, id",
                list(states),
            ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise store_failure(db_path, exc) from exc
    except sqlite3.Error as exc:
        raise store_failure(db_path, exc) from exc
    return [_row(r) for r in found]


def _read_postgres_rows(url: str, states: Sequence[State]) -> list[Delivery]:
    with guarded(url):
        db = Database.connect(url)
        try:
            if not db.execute("SELECT to_regclass('deliveries') IS NOT NULL").fetchone()[0]:
                return []
            db.rows_by_name()
            marks = ", ".join("?" for _ in states)
            found = db.execute(
                f"SELECT * FROM deliveries WHERE state IN ({marks}) ORDER BY edition_date, id",
                list(states),
            ).fetchall()
        finally:
            db.close()
    return [_row(r) for r in found]


def _row(r: Any) -> Delivery:
    created = _parse(r["created_at"])
    updated = _parse(r["updated_at"])
    assert created is not None and updated is not None  # NOT NULL columns
    # A ledger not yet migrated (read without writing, by the outbox) lacks the column.
    # ("in" on a sqlite3.Row looks at its values, not its keys.)
    failing = r["failing_since"] if "failing_since" in r.keys() else None  # noqa: SIM118
    return Delivery(
        id=r["id"],
        day=date.fromisoformat(r["edition_date"]),
        edition=r["edition"],
        recipient=r["recipient"],
        state=r["state"],
        attempts=r["attempts"],
        last_error=r["last_error"],
        next_attempt_at=_parse(r["next_attempt_at"]),
        message_id=r["message_id"],
        created_at=created,
        updated_at=updated,
        sent_at=_parse(r["sent_at"]),
        failing_since=_parse(failing),
        desk=r["desk"] if "desk" in r.keys() else "",  # noqa: SIM118
    )
