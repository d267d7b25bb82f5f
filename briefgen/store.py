"""The article store: one SQLite file that every later stage reads from.

``briefgen ingest`` from one cron job and ``briefgen build`` from another
share it, so it runs in WAL mode with a busy timeout, and every write is a
short ``BEGIN IMMEDIATE`` transaction.

An article is stored once: it is keyed by its canonical URL and by the hash
of its text, so ingesting the same feed twice stores nothing new. The same
wire story carried by two outlets is stored twice but linked: the later copy's
``duplicate_of`` names the first (found by MinHash over word shingles).

The schema is versioned with ``PRAGMA user_version``; :data:`MIGRATIONS` is an
append-only list, so other parts of briefgen add their tables by appending a
step. Tables the store does not know are left alone.
"""

from __future__ import annotations

import json
import random
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import numpy.typing as npt

from briefgen.database import Database, DbTarget, postgres_ddl, shown
from briefgen.errors import StoreError
from briefgen.ingest import expand_sources, read_each
from briefgen.ingest.base import SkipHandler, Skipped
from briefgen.ingest.text import date_in_path
from briefgen.models import Article
from briefgen.storefile import BUSY_TIMEOUT, guarded, store_failure

AddResult = Literal["new", "duplicate", "near-duplicate"]

#: The desk whose editions are numbered when none is named (there is one desk for now).
DEFAULT_DESK = ""


@dataclass(frozen=True)
class OnlyPostgres:
    """A schema statement that PostgreSQL needs and SQLite does not (SQLite has it built in)."""

    statement: str


@dataclass(frozen=True)
class Migration:
    """One step of the schema; step N (from 1) brings the store to version N.

    Statements are written for SQLite; on PostgreSQL their type names are made
    exact by :func:`briefgen.database.postgres_ddl`.
    """

    description: str
    statements: tuple[str | OnlyPostgres, ...]

    def for_dialect(self, postgres: bool) -> list[str]:
        if not postgres:
            return [s for s in self.statements if isinstance(s, str)]
        return [
            s.statement if isinstance(s, OnlyPostgres) else postgres_ddl(s) for s in self.statements
        ]


#: Append-only: never edit a released step, add a new one.
MIGRATIONS: list[Migration] = [
    Migration(
        "articles, near-duplicate bands and HTTP validators",
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                url_key TEXT UNIQUE,
                content_hash TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                paragraphs TEXT NOT NULL,
                published TEXT NOT NULL,
                published_utc TEXT NOT NULL,
                outlet TEXT NOT NULL,
                url TEXT,
                author TEXT,
                standfirst TEXT,
                source_path TEXT,
                language TEXT NOT NULL,
                date_estimated INTEGER NOT NULL DEFAULT 0,
                duplicate_of TEXT REFERENCES articles(id),
                similarity REAL,
                minhash BLOB,
                added_at TEXT NOT NULL
            )""",
            # SQLite numbers rows as they are added; near-duplicates link to the oldest.
            OnlyPostgres("ALTER TABLE articles ADD COLUMN rowid BIGSERIAL NOT NULL"),
            "CREATE INDEX articles_by_published ON articles(published_utc, id)",
            "CREATE INDEX articles_by_original ON articles(duplicate_of)",
            """CREATE TABLE article_bands (
                band INTEGER NOT NULL,
                key INTEGER NOT NULL,
                article_id TEXT NOT NULL REFERENCES articles(id)
            )""",
            "CREATE INDEX article_bands_lookup ON article_bands(band, key)",
            """CREATE TABLE http_validators (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                updated_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        "edition numbers per desk and day; articles whose source gave only a day",
        (
            # desk '' is the default desk; a desk's numbers are unique and never reused.
            """CREATE TABLE editions (
                desk TEXT NOT NULL DEFAULT '',
                edition_date TEXT NOT NULL,
                number INTEGER NOT NULL CHECK (number >= 1),
                created_at TEXT NOT NULL,
                PRIMARY KEY (desk, edition_date),
                UNIQUE (desk, number)
            )""",
            "ALTER TABLE articles ADD COLUMN date_only INTEGER NOT NULL DEFAULT 0",
        ),
    ),
    Migration(
        "delivery ledger: retries limited by time, and where each edition was built",
        (
            # The ledger's table as delivery created it before this step, when missing.
            """CREATE TABLE IF NOT EXISTS deliveries (
                id              INTEGER PRIMARY KEY,
                edition_date    TEXT    NOT NULL,
                edition         INTEGER NOT NULL DEFAULT 1,
                recipient       TEXT    NOT NULL COLLATE NOCASE,
                state           TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN
                                ('queued', 'sending', 'sent', 'failed-temporary',
                                 'failed-permanent')),
                attempts        INTEGER NOT NULL DEFAULT 0,
                last_error      TEXT,
                last_code       INTEGER,
                next_attempt_at TEXT,
                message_id      TEXT,
                claimed_by      TEXT,
                claimed_at      TEXT,
                created_at      TEXT    NOT NULL,
                updated_at      TEXT    NOT NULL,
                sent_at         TEXT,
                UNIQUE (edition_date, recipient)
            )""",
            "CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries (state, next_attempt_at)",
            # COLLATE NOCASE on SQLite: a reader is queued once whatever the case of the address.
            OnlyPostgres(
                "CREATE UNIQUE INDEX deliveries_reader"
                " ON deliveries (edition_date, lower(recipient))"
            ),
            # Since when the server has been failing this message (NULL: it is not).
            "ALTER TABLE deliveries ADD COLUMN failing_since TEXT",
            """CREATE TABLE edition_builds (
                edition_date TEXT PRIMARY KEY,
                out_dir      TEXT NOT NULL,
                folder       TEXT NOT NULL,
                host         TEXT NOT NULL,
                built_at     TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        "per-article analysis computed at ingest (briefgen.analysis)",
        (
            """CREATE TABLE article_analysis (
                article_id TEXT PRIMARY KEY REFERENCES articles(id),
                analysis_version INTEGER NOT NULL,
                algorithm TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                payload BLOB NOT NULL,
                analysed_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        "the delivery ledger and the edition builds keyed by desk",
        (
            # SQLite cannot change a UNIQUE key in place: the tables are copied.
            """CREATE TABLE deliveries_by_desk (
                id              INTEGER PRIMARY KEY,
                desk            TEXT    NOT NULL DEFAULT '',
                edition_date    TEXT    NOT NULL,
                edition         INTEGER NOT NULL DEFAULT 1,
                recipient       TEXT    NOT NULL COLLATE NOCASE,
                state           TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN
                                ('queued', 'sending', 'sent', 'failed-temporary',
                                 'failed-permanent')),
                attempts        INTEGER NOT NULL DEFAULT 0,
                last_error      TEXT,
                last_code       INTEGER,
                next_attempt_at TEXT,
                message_id      TEXT,
                claimed_by      TEXT,
                claimed_at      TEXT,
                created_at      TEXT    NOT NULL,
                updated_at      TEXT    NOT NULL,
                sent_at         TEXT,
                failing_since   TEXT,
                UNIQUE (desk, edition_date, recipient)
            )""",
            """INSERT INTO deliveries_by_desk (id, desk, edition_date, edition, recipient, state,
                attempts, last_error, last_code, next_attempt_at, message_id, claimed_by,
                claimed_at, created_at, updated_at, sent_at, failing_since)
            SELECT id, '', edition_date, edition, recipient, state, attempts, last_error,
                last_code, next_attempt_at, message_id, claimed_by, claimed_at, created_at,
                updated_at, sent_at, failing_since FROM deliveries""",
            "DROP TABLE deliveries",
            "ALTER TABLE deliveries_by_desk RENAME TO deliveries",
            "CREATE INDEX deliveries_pending ON deliveries (state, next_attempt_at)",
            # COLLATE NOCASE on SQLite, as in step 3; and the copied ids are taken.
            OnlyPostgres(
                "CREATE UNIQUE INDEX deliveries_reader_by_desk"
                " ON deliveries (desk, edition_date, lower(recipient))"
            ),
            OnlyPostgres(
                "SELECT setval(pg_get_serial_sequence('deliveries', 'id'),"
                " coalesce(max(id), 0) + 1, false) FROM deliveries"
            ),
            """CREATE TABLE edition_builds_by_desk (
                desk         TEXT NOT NULL DEFAULT '',
                edition_date TEXT NOT NULL,
                out_dir      TEXT NOT NULL,
                folder       TEXT NOT NULL,
                host         TEXT NOT NULL,
                built_at     TEXT NOT NULL,
                PRIMARY KEY (desk, edition_date)
            )""",
            """INSERT INTO edition_builds_by_desk
            SELECT '', edition_date, out_dir, folder, host, built_at FROM edition_builds""",
            "DROP TABLE edition_builds",
            "ALTER TABLE edition_builds_by_desk RENAME TO edition_builds",
        ),
    ),
    Migration(
        "the inputs left out, by the day they count under",
        (
            # One row per skip: the input itself, or an item inside it (a feed entry).
            """CREATE TABLE skipped_inputs (
                source     TEXT NOT NULL,
                name       TEXT NOT NULL,
                reason     TEXT NOT NULL,
                day        TEXT NOT NULL,
                skipped_at TEXT NOT NULL
            )""",
            "CREATE INDEX skipped_inputs_by_source ON skipped_inputs(source)",
            "CREATE INDEX skipped_inputs_by_day ON skipped_inputs(day)",
        ),
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)

#: Articles a band bucket holds at most; a near-duplicate lookup compares at most
#: MAX_CANDIDATES of the articles its buckets hold (those sharing the most bands).
BUCKET_SIZE = 16
MAX_CANDIDATES = 64
#: A long ingest (a feed of thousands of items) commits every this many articles,
#: so a run killed midway keeps what it stored.
INGEST_BATCH = 500

#: Estimated Jaccard similarity of word shingles above which two texts are one story.
NEAR_DUPLICATE_THRESHOLD = 0.6
SHINGLE_WORDS = 3
#: Texts with fewer shingles than this are too short to compare reliably.
MIN_SHINGLES = 12
_PERMUTATIONS = 128
_BANDS = 32  # 32 bands of 4 rows: a pair at Jaccard 0.6 is a candidate 99% of the time.
_ROWS = _PERMUTATIONS // _BANDS
_PRIME = (1 << 31) - 1
_MINHASH_BLOCK = 8192
_rng = np.random.default_rng(20240808)  # fixed: signatures are stored and compared later
_A = _rng.integers(1, _PRIME, _PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, _PERMUTATIONS, dtype=np.uint64)

_TRACKING = {"fbclid", "gclid", "mc_cid", "mc_eid", "wt_mc", "ocid", "cmpid", "cmp", "ncid"}
_WORD = re.compile(r"\w+")
Signature = npt.NDArray[np.uint32]


def _use_wal(connection: Database) -> None:
    """Put a SQLite store in WAL mode, waiting out others that open it at the same moment.

    SQLite does not call its busy handler for a change of journal mode: of two processes
    opening a new store together, one got "database is locked" at once. So the switch is
    tried again, with growing pauses, for up to :data:`BUSY_TIMEOUT` seconds, as writes wait.
    """
    import sqlite3

    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(pause * random.uniform(0.5, 1.5))
        pause = min(pause * 2, 0.25)


class ArticleStore:
    """Articles and the conditional-GET memory, in a SQLite file or a PostgreSQL database."""

    def __init__(self, connection: Database, path: DbTarget) -> None:
        self.connection = connection
        #: The SQLite file, or the PostgreSQL URL (see :func:`briefgen.database.shown`).
        self.path = path

    @classmethod
    def open(cls, path: DbTarget) -> ArticleStore:
        """Open ``path`` (a file or a postgresql:// URL), creating the schema on first use.

        Raises StoreError saying what is wrong: not a store, a newer one, damaged,
        read-only (the file or its folder), busy, or a server that cannot be reached.
        """
        try:
            connection = Database.connect(path)
        except StoreError:
            raise
        except Exception as exc:
            raise store_failure(path, exc) from exc
        store = cls(connection, path)
        try:
            if not connection.postgres:
                timeout = int(BUSY_TIMEOUT * 1000)
                connection.execute(f"PRAGMA busy_timeout = {timeout}")
                _use_wal(connection)
                connection.execute("PRAGMA synchronous = NORMAL")
                connection.execute("PRAGMA foreign_keys = ON")
            store._migrate()
        except StoreError:
            connection.close()
            raise
        except Exception as exc:
            connection.close()
            raise store_failure(path, exc) from exc
        return store

    @property
    def postgres(self) -> bool:
        return self.connection.postgres

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{shown(self.path)} was written by a newer briefgen (schema version {version};"
                f" this version knows up to {SCHEMA_VERSION}): upgrade briefgen or use another --db"
            )
        if version == SCHEMA_VERSION:
            return
        with self.transaction():
            # Read again under the write lock: another process may have migrated meanwhile.
            self.connection.lock_for_migration()
            version = self.schema_version()
            for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in step.for_dialect(self.postgres):
                    self.connection.execute(statement)
                self.connection.set_schema_version(number)

    def schema_version(self) -> int:
        return self.connection.schema_version()

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, exclusive: bool = False) -> Iterator[None]:
        """A write transaction; nested uses join the outer one.

        ``exclusive`` is for read-then-write steps: on PostgreSQL they run one at
        a time (SQLite runs every write transaction so).
        """
        if self.connection.in_transaction:
            yield
            return
        self.connection.begin(exclusive=exclusive)
        try:
            yield
        except BaseException:
            self.connection.rollback()
            raise
        self.connection.commit()

    # -- articles -----------------------------------------------------------

    def add(self, article: Article) -> AddResult:
        """Store ``article`` unless it is already stored; link it when it is a near-duplicate."""
        if article.published.tzinfo is None:
            raise ValueError(f"article {article.title!r} has a naive published date")
        url_key = canonical_url(article.url) if article.url else None
        digest = article.content_hash
        with self.transaction():
            # Spares the MinHash work for a feed read again; the unique keys decide,
            # since another writer may store the same article at the same moment.
            seen = self.connection.execute(
                "SELECT 1 FROM articles WHERE content_hash = ? OR url_key = ? OR id = ?",
                (digest, url_key, article.id),
            ).fetchone()
            if seen:
                return "duplicate"
            signature = minhash(article.text)
            original, similarity = self._nearest(signature)
            inserted = self.connection.execute(
                "INSERT INTO articles (id, url_key, content_hash, title, paragraphs, published,"
                " published_utc, outlet, url, author, standfirst, source_path, language,"
                " date_estimated, date_only, duplicate_of, similarity, minhash, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (
                    article.id,
                    url_key,
                    digest,
                    article.title,
                    json.dumps(list(article.paragraphs), ensure_ascii=False),
                    article.published.isoformat(),
                    _utc_key(article.published),
                    article.outlet,
                    article.url,
                    article.author,
                    article.standfirst,
                    article.source_path,
                    article.language,
                    int(article.date_estimated),
                    int(article.date_only),
                    original,
                    similarity if original else None,
                    signature.tobytes() if signature is not None else None,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            ).rowcount
            if not inserted:
                return "duplicate"
            if signature is not None:
                # A full bucket takes no more: the alike articles it holds stand for this one.
                self.connection.executemany(
                    "INSERT INTO article_bands (band, key, article_id) SELECT ?, ?, ?"
                    " WHERE (SELECT count(*) FROM (SELECT 1 FROM article_bands"
                    " WHERE band = ? AND key = ? LIMIT ?) AS bucket) < ?",
                    [
                        (band, key, article.id, band, key, BUCKET_SIZE, BUCKET_SIZE)
                        for band, key in enumerate(_band_keys(signature))
                    ],
                )
        return "near-duplicate" if original else "new"

    def _nearest(self, signature: Signature | None) -> tuple[str | None, float]:
        """The stored original most similar to ``signature``, if similar enough.

        The cost is bounded whatever the store holds: a bucket holds at most
        :data:`BUCKET_SIZE` articles (see :meth:`add`), and of the articles the
        buckets name only the :data:`MAX_CANDIDATES` sharing the most bands are
        compared. A templated feed puts thousands of alike items in one bucket;
        reading every one made ingesting such a feed quadratic. Any copy in a
        full bucket will do: copies are linked to the first article of their story.
        """
        if signature is None:
            return None, 0.0
        keys = _band_keys(signature)
        bucket = (
            "SELECT * FROM (SELECT article_id FROM article_bands"
            " WHERE band = ? AND key = ? LIMIT ?) AS bucket"
        )
        params: list[int] = [v for band, key in enumerate(keys) for v in (band, key, BUCKET_SIZE)]
        rows = self.connection.execute(
            "SELECT a.id, a.duplicate_of, a.minhash FROM (SELECT article_id, count(*) AS bands"
            f" FROM ({' UNION ALL '.join([bucket] * len(keys))}) AS found GROUP BY article_id"
            " ORDER BY bands DESC LIMIT ?) AS c JOIN articles a ON a.id = c.article_id"
            " ORDER BY a.rowid",
            [*params, MAX_CANDIDATES],
        ).fetchall()
        if not rows:
            return None, 0.0
        others = np.stack([np.frombuffer(blob, dtype=np.uint32) for _, _, blob in rows])
        similarity = (others == signature).mean(axis=1)
        best = int(np.argmax(similarity))  # the oldest of equally similar ones
        if similarity[best] < NEAR_DUPLICATE_THRESHOLD:
            return None, 0.0
        article_id, duplicate_of, _ = rows[best]
        return duplicate_of or article_id, float(similarity[best])

    def get(self, article_id: str) -> Article | None:
        row = self.connection.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row) if row else None

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles_between(
        self, start: datetime, end: datetime, *, include_near_duplicates: bool = True
    ) -> list[Article]:
        """Articles published in [start, end), oldest first (ties by id).

        An article whose source gave only a day belongs to that day: it is in
        when the day is, from ``start``'s day to the day before ``end``'s, as
        the calendar of their zone reads.
        """
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("articles_between needs timezone-aware datetimes")
        where = (
            "((date_only = 0 AND published_utc >= ? AND published_utc < ?)"
            " OR (date_only = 1 AND substr(published_utc, 1, 10) >= ?"
            " AND substr(published_utc, 1, 10) < ?))"
        )
        if not include_near_duplicates:
            where += " AND duplicate_of IS NULL"
        rows = self.connection.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE {where} ORDER BY published_utc, id",
            (_utc_key(start), _utc_key(end), _day_key(start), _day_key(end)),
        ).fetchall()
        return [_article(row) for row in rows]

    def duplicate_of(self, article_id: str) -> str | None:
        """The id of the article ``article_id`` was linked to as a near-duplicate."""
        row = self.connection.execute(
            "SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def near_duplicates_of(self, article_id: str) -> list[str]:
        """Ids of the other articles carrying the same story, oldest first."""
        root = self.duplicate_of(article_id) or article_id
        rows = self.connection.execute(
            "SELECT id FROM articles WHERE (id = ? OR duplicate_of = ?) AND id != ?"
            " ORDER BY published_utc, id",
            (root, root, article_id),
        ).fetchall()
        return [r[0] for r in rows]

    def remove(self, article_id: str) -> Article | None:
        """Delete one article; its near-duplicates are linked to the oldest of them instead."""
        with self.transaction(exclusive=True):
            removed = self.get(article_id)
            if removed is None:
                return None
            copies = [
                r[0]
                for r in self.connection.execute(
                    "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY published_utc, id",
                    (article_id,),
                )
            ]
            if copies:
                heir, rest = copies[0], copies[1:]
                self.connection.execute(
                    "UPDATE articles SET duplicate_of = NULL, similarity = NULL WHERE id = ?",
                    (heir,),
                )
                self.connection.executemany(
                    "UPDATE articles SET duplicate_of = ? WHERE id = ?",
                    [(heir, other) for other in rest],
                )
            self.connection.execute("DELETE FROM article_bands WHERE article_id = ?", (article_id,))
            self.connection.execute(
                "DELETE FROM article_analysis WHERE article_id = ?", (article_id,)
            )
            self.connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return removed

    def ids_starting(self, prefix: str) -> list[str]:
        """Ids of the stored articles that start with ``prefix`` (as ``articles`` shows them)."""
        key = prefix.strip().lower()
        rows = self.connection.execute(
            "SELECT id FROM articles WHERE substr(id, 1, CAST(? AS INTEGER)) = ? ORDER BY id",
            (len(key), key),
        ).fetchall()
        return [r[0] for r in rows]

    # -- edition numbers --------------------------------------------------------

    def edition_number(
        self, day: date, *, desk: str = DEFAULT_DESK, claimed: int | None = None, at_least: int = 0
    ) -> int:
        """The number of ``desk``'s edition of ``day``: the one it got first, else the next.

        Numbers are unique per desk and never change: a rebuild keeps its number,
        and building days out of order never gives two editions one number.
        ``claimed`` is the number an edition built before numbers were kept here
        already carries (kept when free); ``at_least`` the highest such number
        (new numbers come after it).
        """
        key = day.isoformat()
        with self.transaction(exclusive=True):
            row = self.connection.execute(
                "SELECT number FROM editions WHERE desk = ? AND edition_date = ?", (desk, key)
            ).fetchone()
            if row:
                return int(row[0])
            taken = (
                claimed is not None
                and claimed >= 1
                and self.connection.execute(
                    "SELECT 1 FROM editions WHERE desk = ? AND number = ?", (desk, claimed)
                ).fetchone()
            )
            if claimed is not None and claimed >= 1 and not taken:
                number = claimed
            else:
                top = self.connection.execute(
                    "SELECT coalesce(max(number), 0) FROM editions WHERE desk = ?", (desk,)
                ).fetchone()[0]
                number = max(int(top), at_least) + 1
            self.connection.execute(
                "INSERT INTO editions (desk, edition_date, number, created_at) VALUES (?, ?, ?, ?)",
                (desk, key, number, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        return number

    def article_ids(self) -> list[str]:
        """Every stored article's id, oldest first."""
        rows = self.connection.execute("SELECT id FROM articles ORDER BY published_utc, id")
        return [r[0] for r in rows]

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in the order given (unknown ids left out)."""
        found: dict[str, Article] = {}
        for start in range(0, len(ids), 500):  # SQLite caps the parameters of one query
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.connection.execute(
                f"SELECT id, {_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            )
            found.update((row[0], _article(row[1:])) for row in rows)
        return [found[i] for i in ids if i in found]

    # -- per-article analyses (briefgen.analysis) ------------------------------

    def analyses(self, ids: Sequence[str], fingerprint: str) -> dict[str, bytes]:
        """The stored analysis payloads of ``ids`` computed under ``fingerprint``."""
        out: dict[str, bytes] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.connection.execute(
                "SELECT article_id, payload FROM article_analysis"
                f" WHERE fingerprint = ? AND article_id IN ({marks})",
                (fingerprint, *chunk),
            )
            out.update((article_id, bytes(payload)) for article_id, payload in rows)
        return out

    def save_analyses(
        self, payloads: Sequence[tuple[str, bytes]], version: int, algorithm: str, fingerprint: str
    ) -> None:
        """Store (article id, payload) pairs, replacing older analyses of those articles."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction():
            self.connection.executemany(
                "INSERT INTO article_analysis (article_id, analysis_version, algorithm,"
                " fingerprint, payload, analysed_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET"
                " analysis_version = excluded.analysis_version, algorithm = excluded.algorithm,"
                " fingerprint = excluded.fingerprint, payload = excluded.payload,"
                " analysed_at = excluded.analysed_at",
                [(i, version, algorithm, fingerprint, p, now) for i, p in payloads],
            )

    def unanalysed_ids(self) -> list[str]:
        """Ids of stored articles without any analysis (new, or left by a killed run)."""
        rows = self.connection.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM article_analysis x WHERE x.article_id = a.id)"
            " ORDER BY published_utc, id"
        )
        return [r[0] for r in rows]

    def claim_unanalysed(self, limit: int) -> list[str]:
        """Ids of up to ``limit`` unanalysed articles that no other writer is analysing.

        PostgreSQL only, inside a transaction: the rows stay locked until it ends,
        so concurrent ingesters share the analysis out instead of each doing all of
        it (a killed one's rows are freed with its session).
        """
        rows = self.connection.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM article_analysis x WHERE x.article_id = a.id)"
            " ORDER BY published_utc, id LIMIT ? FOR UPDATE SKIP LOCKED",
            (limit,),
        )
        return [r[0] for r in rows]

    # -- inputs left out --------------------------------------------------------

    def skipped_sources(self) -> set[str]:
        """The keys of the inputs that had something left out when last read."""
        return {r[0] for r in self.connection.execute("SELECT DISTINCT source FROM skipped_inputs")}

    def record_skips(self, source: str, skipped: Sequence[Skipped], day: date) -> None:
        """What the last read of ``source`` left out (nothing: it was read whole), under ``day``."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction():
            self.connection.execute("DELETE FROM skipped_inputs WHERE source = ?", (source,))
            self.connection.executemany(
                "INSERT INTO skipped_inputs (source, name, reason, day, skipped_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(source, s.name, s.reason, day.isoformat(), now) for s in skipped],
            )

    def skips_between(self, first: date, last: date) -> list[Skipped]:
        """What the inputs of the days ``first`` to ``last`` left out when last read.

        A local file that is no longer there is no longer an input, and not counted. Two
        PostgreSQL ingesters recording the same input at once may both insert its rows:
        each is counted once.
        """
        rows = self.connection.execute(
            "SELECT DISTINCT source, name, reason FROM skipped_inputs WHERE day BETWEEN ? AND ?"
            " ORDER BY name, reason, source",
            (first.isoformat(), last.isoformat()),
        )
        return [Skipped(name, reason) for source, name, reason in rows if _still_there(source)]

    # -- conditional GET memory ----------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The (ETag, Last-Modified) last seen for ``url``, or None."""
        row = self.connection.execute(
            "SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.transaction():
            if not etag and not last_modified:
                self.connection.execute("DELETE FROM http_validators WHERE url = ?", (url,))
                return
            self.connection.execute(
                "INSERT INTO http_validators (url, etag, last_modified, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, updated_at = excluded.updated_at",
                (url, etag, last_modified, datetime.now(UTC).isoformat(timespec="seconds")),
            )


_COLUMNS = (
    "title, paragraphs, published, outlet, url, author, standfirst, source_path,"
    " language, date_estimated, date_only"
)


def _article(row: tuple[object, ...]) -> Article:
    title, paragraphs, published, outlet, url, author, standfirst, path, language, est, only = row
    return Article(
        title=str(title),
        paragraphs=tuple(json.loads(str(paragraphs))),
        published=datetime.fromisoformat(str(published)),
        outlet=str(outlet),
        url=url if isinstance(url, str) else None,
        author=author if isinstance(author, str) else None,
        standfirst=standfirst if isinstance(standfirst, str) else None,
        source_path=path if isinstance(path, str) else None,
        language=str(language),
        date_estimated=bool(est),
        date_only=bool(only),
    )


def _still_there(source: str) -> bool:
    """False for a local file (a ``file:`` URI) that no longer exists."""
    if not source.startswith("file:"):
        return True
    from urllib.request import url2pathname

    return Path(url2pathname(urlsplit(source).path)).exists()


def _utc_key(moment: datetime) -> str:
    """A UTC timestamp that sorts as text (fixed width, one zone)."""
    try:
        return moment.astimezone(UTC).isoformat(timespec="microseconds")
    except OverflowError:
        # datetime.min / max in a zone east or west of UTC: clamp to the ends.
        edge = datetime.min if moment.year == 1 else datetime.max
        return edge.replace(tzinfo=UTC).isoformat(timespec="microseconds")


def _day_key(moment: datetime) -> str:
    """The calendar day of ``moment`` in its own zone, as the store writes days."""
    return moment.date().isoformat()


def canonical_url(url: str) -> str:
    """``url`` without its fragment and tracking parameters, scheme and host lower-cased."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING
    ]
    netloc = parts.netloc.lower()
    for scheme, port in (("http", ":80"), ("https", ":443")):
        if parts.scheme.lower() == scheme and netloc.endswith(port):
            netloc = netloc[: -len(port)]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def minhash(text: str) -> Signature | None:
    """A MinHash signature of the text's word shingles; None for very short texts."""
    words = _WORD.findall(text.casefold())
    shingles = {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if len(shingles) < MIN_SHINGLES:
        return None
    values = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    lowest = np.full(_PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    # In blocks, so a huge text needs a few MB rather than 128 × 8 bytes per shingle.
    for start in range(0, len(values), _MINHASH_BLOCK):
        block = values[start : start + _MINHASH_BLOCK]
        # (a·x + b) mod p, one row per permutation; a, x < 2^32 so nothing overflows 64 bits.
        hashed = (np.outer(_A, block) + _B[:, None]) % _PRIME
        np.minimum(lowest, hashed.min(axis=1), out=lowest)
    signature: Signature = lowest.astype(np.uint32)
    return signature


def _band_keys(signature: Signature) -> list[int]:
    rows = signature.reshape(_BANDS, _ROWS)
    return [zlib.crc32(row.tobytes()) for row in rows]


# -- ingesting sources into the store -----------------------------------------------


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    #: URLs the server said had not changed since the last poll (HTTP 304).
    not_modified: int = 0
    #: Local files with the size and modification time they had when last stored.
    unchanged_files: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    #: Stored articles analysed after reading (see ``briefgen.analysis``).
    analysed: int = 0

    def describe(self) -> str:
        """'110 new, 4 duplicate, 0 near-duplicate, 5 skipped' (and unchanged URLs, if any)."""
        text = (
            f"{self.new} new, {self.duplicate} duplicate, {self.near_duplicate} near-duplicate,"
            f" {len(self.skipped)} skipped"
        )
        if self.not_modified:
            text += f", {self.not_modified} unchanged since the last poll"
        if self.unchanged_files:
            text += f", {self.unchanged_files} files unchanged since they were read"
        return text


def ingest(
    store: ArticleStore,
    sources: Sequence[str | Path],
    *,
    max_bytes: int,
    timeout: float,
    on_skip: SkipHandler | None = None,
    reread: bool = False,
    on_stored: Callable[[list[str]], None] | None = None,
    skip_day: date | None = None,
) -> IngestSummary:
    """Read every source into ``store``; bad inputs are skipped and reported, not fatal.

    URLs are fetched with the validators the store remembers, so a feed that
    has not changed answers 304 and stores nothing; a local file whose size and
    modification time are those it had when stored is not read again (unless
    ``reread``). ``on_stored`` is given the ids of the articles each committed
    batch stored (new and near-duplicate), so they can be analysed while the
    reading goes on.

    What each input read leaves out is kept in the store (and forgotten when it is
    read whole), so a briefing counts its day's skipped inputs however its articles
    came in: under the date in the input's path, else ``skip_day``, the day it was
    read (by default today, UTC).
    """
    with guarded(store.path):
        return _ingest(
            store,
            sources,
            max_bytes,
            timeout,
            on_skip,
            reread,
            on_stored,
            skip_day or datetime.now(UTC).date(),
        )


def _ingest(
    store: ArticleStore,
    sources: Sequence[str | Path],
    max_bytes: int,
    timeout: float,
    on_skip: SkipHandler | None,
    reread: bool,
    on_stored: Callable[[list[str]], None] | None,
    skip_day: date,
) -> IngestSummary:
    summary = IngestSummary()
    pending = _Pending(store, summary, on_stored)
    with_skips = store.skipped_sources()
    reads_per_transaction = 1 if store.postgres else FILES_PER_TRANSACTION
    own_files: set[Path] = set()
    if isinstance(store.path, Path):
        here = store.path.resolve()
        own_files = {here} | {here.with_name(here.name + s) for s in ("-wal", "-shm", "-journal")}
    own_names = {f.name for f in own_files}
    # The store itself is never an input, even when it lives in a folder being ingested
    # (only a file named as one of the store's can be one, or a link to it).
    inputs = [
        source
        for source in expand_sources(sources)
        if not isinstance(source, Path)
        or (source.name not in own_names and not source.is_symlink())
        or source.resolve() not in own_files
    ]
    for read in read_each(
        inputs,
        max_bytes=max_bytes,
        timeout=timeout,
        validators=store.validators,
        reread_files=reread,
    ):
        for item in read.skipped:
            summary.skipped.append(item)
            if on_skip:
                on_skip(item)
        if read.fetch is not None and read.fetch.raw is None:
            summary.not_modified += 1
            continue
        if read.unchanged:
            summary.unchanged_files += 1
            continue
        skips: list[tuple[str, list[Skipped], date]] = []
        if read.skipped or read.key in with_skips:
            skips.append((read.key, read.skipped, date_in_path(read.name) or skip_day))
            with_skips.add(read.key)
        if read.failed:
            pending.add([], [], skips)
            if pending.reads >= reads_per_transaction:
                pending.flush()
            continue
        # A feed of thousands of items is stored as it goes, a batch per transaction;
        # small files share one (on SQLite a commit costs more than a short article).
        batches = [
            read.articles[i : i + INGEST_BATCH] for i in range(0, len(read.articles), INGEST_BATCH)
        ] or [[]]
        for number, batch in enumerate(batches, 1):
            # Remembered only once all the content is stored, so a failed read
            # is fetched (or read) again.
            remember: list[tuple[str, str | None, str | None]] = []
            if number == len(batches):
                if read.fetch is not None:
                    remember.append((read.name, read.fetch.etag, read.fetch.last_modified))
                if read.file_validator is not None:
                    remember.append((*read.file_validator, None))
            if len(pending.articles) + len(batch) > INGEST_BATCH:
                pending.flush()
            pending.add(batch, remember, skips if number == len(batches) else [])
            if len(batches) > 1 or pending.reads >= reads_per_transaction:
                pending.flush()
    pending.flush()
    return summary


#: Small files stored in one transaction on SQLite (PostgreSQL writers, which may
#: contend for the same rows, keep a transaction per file).
FILES_PER_TRANSACTION = 32


@dataclass
class _Pending:
    """Articles and validators waiting to be stored in one transaction."""

    store: ArticleStore
    summary: IngestSummary
    on_stored: Callable[[list[str]], None] | None
    articles: list[Article] = field(default_factory=list)
    remember: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    skips: list[tuple[str, list[Skipped], date]] = field(default_factory=list)
    reads: int = 0

    def add(
        self,
        articles: Sequence[Article],
        remember: Sequence[tuple[str, str | None, str | None]],
        skips: Sequence[tuple[str, list[Skipped], date]],
    ) -> None:
        self.articles.extend(articles)
        self.remember.extend(remember)
        self.skips.extend(skips)
        self.reads += 1

    def flush(self) -> None:
        if not self.reads:
            return
        outcomes, stored = _store_batch(self.store, self.articles, self.remember, self.skips)
        self.articles, self.remember, self.skips, self.reads = [], [], [], 0
        if self.on_stored is not None and stored:
            self.on_stored(stored)
        self.summary.new += outcomes["new"]
        self.summary.duplicate += outcomes["duplicate"]
        self.summary.near_duplicate += outcomes["near-duplicate"]


#: Times a batch is tried when PostgreSQL ends it to break a deadlock between writers.
BATCH_ATTEMPTS = 5


def _store_batch(
    store: ArticleStore,
    batch: Sequence[Article],
    remember: Sequence[tuple[str, str | None, str | None]],
    skips: Sequence[tuple[str, list[Skipped], date]] = (),
) -> tuple[Counter[AddResult], list[str]]:
    """Store one batch, the (key, etag, last-modified) validators and what the batch's
    inputs left out, in one transaction.

    Returns the outcomes and the ids of the articles stored. Writers storing the
    same articles in different orders can deadlock on PostgreSQL; the server then
    ends one transaction, which is tried again.
    """
    for attempt in range(1, BATCH_ATTEMPTS + 1):
        outcomes: Counter[AddResult] = Counter()
        stored: list[str] = []
        try:
            with store.transaction():
                for article in batch:
                    result = store.add(article)
                    outcomes[result] += 1
                    if result != "duplicate":
                        stored.append(article.id)
                for key, etag, last_modified in remember:
                    store.remember_validators(key, etag, last_modified)
                for source, skipped, day in skips:
                    store.record_skips(source, skipped, day)
        except Exception as exc:
            if attempt < BATCH_ATTEMPTS and store.connection.is_transient(exc):
                continue
            raise
        return outcomes, stored
    raise AssertionError("unreachable")  # pragma: no cover
