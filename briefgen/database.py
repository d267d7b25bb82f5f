"""One connection API over the two stores briefgen can use: a SQLite file or PostgreSQL.

The store, the delivery ledger and the edition locks write their SQL once, in
the subset both engines accept, with ``?`` placeholders. On PostgreSQL (through
psycopg 3, the ``postgres`` extra) the placeholders become ``%s`` and the few
type names SQLite is lax about are made exact (:func:`postgres_ddl`).

A *target* is what ``--db``, ``BRIEFGEN_DB`` and ``[store] db`` give: a path
selects SQLite, a ``postgresql://`` URL selects PostgreSQL.

Writes on SQLite are serialised by the file (``BEGIN IMMEDIATE``). On
PostgreSQL many processes write at once: articles and analyses rely on unique
keys and ``ON CONFLICT``; the few read-then-write steps (edition numbers, the
delivery ledger's claims) take a transaction-scoped advisory lock, which is
what ``BEGIN IMMEDIATE`` gives them on SQLite.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol, cast
from urllib.parse import urlsplit, urlunsplit

from briefgen.errors import StoreError

#: Where the store is: a SQLite file, or a PostgreSQL URL.
DbTarget = Path | str
Dialect = Literal["sqlite", "postgres"]

#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 30.0

#: First key of every advisory lock briefgen takes ("brie"), so it keeps out of others' way.
LOCK_SPACE = 0x62726965
#: Second keys: the schema migration, the store's serialised writes (edition locks
#: use one-number keys, see briefgen.deliver.lock).
MIGRATION_LOCK = 1
WRITE_LOCK = 2

_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: DbTarget) -> bool:
    """True when ``target`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(_SCHEMES)


def as_target(value: str | Path) -> DbTarget:
    """A ``--db`` value as a target: URLs stay text, anything else is a path."""
    text = str(value)
    return text if text.startswith(_SCHEMES) else Path(text).expanduser()


def store_exists(target: DbTarget) -> bool:
    """True when the store may hold something: a SQLite file that exists, or any server."""
    return is_postgres(target) or Path(target).is_file()


def shown(target: DbTarget) -> str:
    """``target`` for messages: a URL without its password."""
    if not is_postgres(target):
        return str(target)
    parts = urlsplit(str(target))
    if parts.password is None:
        return str(target)
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database:
    """An open connection to the store, SQLite or PostgreSQL, in autocommit mode."""

    def __init__(self, raw: Any, dialect: Dialect, target: DbTarget) -> None:
        self.raw = raw
        self.dialect = dialect
        self.target = target

    @classmethod
    def connect(cls, target: DbTarget) -> Database:
        """Open ``target``; a SQLite file's folder is created. Errors are the engine's own."""
        if is_postgres(target):
            psycopg = _psycopg()
            raw = psycopg.connect(str(target), autocommit=True, connect_timeout=int(BUSY_TIMEOUT))
            return cls(raw, "postgres", target)
        import sqlite3

        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        return cls(connection, "sqlite", path)

    @property
    def postgres(self) -> bool:
        return self.dialect == "postgres"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        if self.postgres:
            return cast(Cursor, self.raw.execute(postgres_sql(sql), tuple(params)))
        return cast(Cursor, self.raw.execute(sql, params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        if self.postgres:
            with self.raw.cursor() as cursor:
                cursor.executemany(postgres_sql(sql), [tuple(r) for r in rows])
            return
        self.raw.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        if self.postgres:
            return bool(self.raw.info.transaction_status != _psycopg().pq.TransactionStatus.IDLE)
        return bool(self.raw.in_transaction)

    def begin(self, *, exclusive: bool = False) -> None:
        """Start a write transaction; ``exclusive`` ones run one at a time, store-wide."""
        if not self.postgres:
            self.execute("BEGIN IMMEDIATE")
            return
        self.execute("BEGIN")
        if exclusive:
            self.execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_SPACE, WRITE_LOCK))

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.execute("ROLLBACK")

    def rows_by_name(self) -> None:
        """Rows read from now on are indexed by column name (the ledger reads them so)."""
        if self.postgres:
            self.raw.row_factory = _psycopg().rows.dict_row
        else:
            import sqlite3

            self.raw.row_factory = sqlite3.Row

    def close(self) -> None:
        self.raw.close()

    def schema_version(self) -> int:
        """The number of migration steps applied (0 for a new store)."""
        if not self.postgres:
            return int(self.execute("PRAGMA user_version").fetchone()[0])
        row = self.execute("SELECT to_regclass('briefgen_schema') IS NOT NULL").fetchone()
        if not _first(row):
            return 0
        row = self.execute("SELECT max(version) FROM briefgen_schema").fetchone()
        return int(_first(row) or 0)

    def set_schema_version(self, number: int) -> None:
        if not self.postgres:
            self.execute(f"PRAGMA user_version = {int(number)}")
            return
        self.execute("DELETE FROM briefgen_schema")
        self.execute("INSERT INTO briefgen_schema (version) VALUES (?)", (number,))

    def lock_for_migration(self) -> None:
        """Within a transaction: wait until no other process is migrating the schema."""
        if self.postgres:
            self.execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_SPACE, MIGRATION_LOCK))
            self.execute("CREATE TABLE IF NOT EXISTS briefgen_schema (version BIGINT NOT NULL)")

    def is_transient(self, exc: BaseException) -> bool:
        """True for a failure that trying the transaction again can cure (a deadlock)."""
        if not self.postgres:
            return False
        errors = _psycopg().errors
        return isinstance(exc, (errors.DeadlockDetected, errors.SerializationFailure))


def _first(row: Any) -> Any:
    if row is None:
        return None
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def database_errors() -> tuple[type[BaseException], ...]:
    """The exception classes of the engines in use (loaded ones only: the CLI starts light)."""
    found: list[type[BaseException]] = []
    for module, name in (("sqlite3", "Error"), ("psycopg", "Error")):
        loaded = sys.modules.get(module)
        if loaded is not None:
            found.append(getattr(loaded, name))
    return tuple(found)


def _psycopg() -> Any:
    try:
        import psycopg
        import psycopg.rows
    except ImportError:
        raise StoreError(
            "a postgresql:// store needs psycopg: pip install 'briefgen[postgres]'"
        ) from None
    return psycopg


@lru_cache(maxsize=512)
def postgres_sql(sql: str) -> str:
    """``sql`` with ``?`` placeholders as psycopg's ``%s`` (and literal ``%`` doubled)."""
    out: list[str] = []
    quote: str | None = None
    for char in sql:
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        out.append("%%" if char == "%" else char)
    return "".join(out)


_DDL = [
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),  # band keys are 32-bit unsigned
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    # Readers are matched without case by a unique index on lower(recipient) instead.
    (re.compile(r"\s+COLLATE NOCASE\b"), ""),
]


def postgres_ddl(statement: str) -> str:
    """A schema statement written for SQLite, with PostgreSQL's exact type names."""
    for pattern, replacement in _DDL:
        statement = pattern.sub(replacement, statement)
    return statement
