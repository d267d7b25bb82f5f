"""The article store, on SQLite and PostgreSQL: keys, near-duplicates, the day's window,
schema versions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from briefgen.errors import StoreError
from briefgen.models import Article
from briefgen.store import SCHEMA_VERSION, ArticleStore, canonical_url

STORY = (
    "Harbour officials in the coastal town of Eastmere said on Tuesday that the damaged "
    "pier would stay closed for at least three weeks while engineers inspect its supports.",
    "The pier was struck by a cargo vessel that lost power during Monday night's gale, the "
    "port authority said, adding that nobody was hurt and the crew were safe.",
    "Local fishing boats have been moved to the northern basin, and the ferry to the islands "
    "will sail from the old quay until repairs are complete.",
)


def article(
    title: str = "Eastmere pier closed after collision",
    paragraphs: tuple[str, ...] = STORY,
    url: str | None = "https://eastmere-news.example/pier",
    outlet: str = "Eastmere News",
    published: datetime = datetime(2018, 1, 30, 9, 30, tzinfo=UTC),
) -> Article:
    return Article(title=title, paragraphs=paragraphs, published=published, outlet=outlet, url=url)


@pytest.fixture
def store(store_db: Path | str) -> Iterator[ArticleStore]:
    """An empty store, on SQLite and on PostgreSQL."""
    opened = ArticleStore.open(store_db)
    yield opened
    opened.close()


def test_open_creates_folder_schema_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "store.db"
    with ArticleStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    assert path.is_file()


def test_an_article_round_trips(store: ArticleStore) -> None:
    original = article(published=datetime(2018, 1, 30, 9, 30, tzinfo=timezone(timedelta(hours=-5))))
    assert store.add(original) == "new"
    again = store.get(original.id)
    assert again == original
    assert again is not None and again.published.utcoffset() == timedelta(hours=-5)
    assert store.count() == 1


def test_the_same_url_or_the_same_text_is_a_duplicate(store: ArticleStore) -> None:
    assert store.add(article()) == "new"
    assert store.add(article()) == "duplicate"
    # The same page with tracking parameters and a fragment.
    assert (
        store.add(
            article(
                url="https://Eastmere-News.example/pier?utm_source=rss#top", title="Pier closed"
            )
        )
        == "duplicate"
    )
    # The same text under another address.
    assert store.add(article(url="https://mirror.example/copy")) == "duplicate"
    assert store.count() == 1


def test_a_lightly_edited_copy_is_stored_and_linked(store: ArticleStore) -> None:
    first = article()
    edited = (
        STORY[0].replace("on Tuesday", "on Tuesday morning"),
        STORY[1],
        STORY[2].replace("the old quay", "the old quay in the town centre"),
    )
    second = article(
        title="Pier in Eastmere shut for weeks",
        paragraphs=edited,
        url="https://coast-wire.example/eastmere",
        outlet="Coast Wire",
        published=datetime(2018, 1, 30, 11, 0, tzinfo=UTC),
    )
    assert store.add(first) == "new"
    assert store.add(second) == "near-duplicate"
    assert store.count() == 2
    assert store.duplicate_of(second.id) == first.id
    assert store.near_duplicates_of(first.id) == [second.id]
    assert store.near_duplicates_of(second.id) == [first.id]
    assert [
        a.id
        for a in store.articles_between(
            datetime(2018, 1, 30, tzinfo=UTC),
            datetime(2018, 1, 31, tzinfo=UTC),
            include_near_duplicates=False,
        )
    ] == [first.id]


def test_a_different_story_is_not_linked(store: ArticleStore) -> None:
    other = article(
        title="Council approves new library",
        paragraphs=(
            "Eastmere council voted on Tuesday to build a new public library on the site of "
            "the former bus depot, ending a decade of argument over the land.",
            "Construction is expected to begin in the spring and to cost about four million "
            "pounds, most of it from a national cultural fund.",
        ),
        url="https://eastmere-news.example/library",
    )
    store.add(article())
    assert store.add(other) == "new"
    assert store.near_duplicates_of(other.id) == []


def test_articles_between_is_half_open_and_ordered(store: ArticleStore) -> None:
    zone = timezone(timedelta(hours=2))
    times = [
        datetime(2018, 1, 29, 23, 59, tzinfo=UTC),
        datetime(2018, 1, 30, 0, 0, tzinfo=UTC),
        datetime(2018, 1, 30, 12, 0, tzinfo=zone),  # 10:00 UTC
        datetime(2018, 1, 30, 9, 0, tzinfo=UTC),
        datetime(2018, 1, 31, 0, 0, tzinfo=UTC),
    ]
    for n, moment in enumerate(times):
        store.add(
            article(
                title=f"Item {n}",
                paragraphs=(f"Short item number {n}.",),
                url=f"https://x.example/{n}",
                published=moment,
            )
        )
    found = store.articles_between(
        datetime(2018, 1, 30, tzinfo=UTC), datetime(2018, 1, 31, tzinfo=UTC)
    )
    assert [a.title for a in found] == ["Item 1", "Item 3", "Item 2"]


def test_articles_between_accepts_the_widest_range(store: ArticleStore) -> None:
    store.add(article())
    everything = store.articles_between(
        datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
    )
    assert len(everything) == 1


def test_naive_datetimes_are_refused(store: ArticleStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.articles_between(datetime(2018, 1, 30), datetime(2018, 1, 31))


def test_validators_are_remembered_per_url(store: ArticleStore) -> None:
    url = "https://eastmere-news.example/feed.rss"
    assert store.validators(url) is None
    store.remember_validators(url, '"abc"', "Tue, 30 Jan 2018 12:00:00 GMT")
    assert store.validators(url) == ('"abc"', "Tue, 30 Jan 2018 12:00:00 GMT")
    store.remember_validators(url, '"def"', None)
    assert store.validators(url) == ('"def"', None)


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.db"
    ArticleStore.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer briefgen") as caught:
        ArticleStore.open(path)
    assert str(path) in str(caught.value)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a briefgen article store"):
        ArticleStore.open(path)


def test_other_tables_in_the_file_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE delivery_ledger (edition TEXT, reader TEXT)")
        connection.execute("INSERT INTO delivery_ledger VALUES ('2018-01-30', 'a@example.org')")
    with ArticleStore.open(path) as store:
        store.add(article())
    with ArticleStore.open(path) as store:
        rows = store.connection.execute("SELECT * FROM delivery_ledger").fetchall()
    assert rows == [("2018-01-30", "a@example.org")]


def test_two_connections_can_write_in_turn(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.db"
    with ArticleStore.open(path) as one, ArticleStore.open(path) as two:
        assert one.add(article()) == "new"
        assert two.add(article()) == "duplicate"
        assert two.count() == 1


def test_runs_opening_a_new_store_together_wait_for_each_other(tmp_path: Path) -> None:
    # Two cron jobs starting on a new store at the same minute: SQLite does not wait
    # on its own while another connection switches the file to WAL mode.
    import threading

    failures: list[BaseException] = []

    def open_three_times(path: Path, start: threading.Barrier) -> None:
        start.wait()
        try:
            for _ in range(3):
                ArticleStore.open(path).close()
        except BaseException as exc:  # reported below
            failures.append(exc)

    for n in range(40):
        path = tmp_path / f"store-{n}.db"
        start = threading.Barrier(8)
        threads = [threading.Thread(target=open_three_times, args=(path, start)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        with ArticleStore.open(path) as store:
            assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert store.schema_version() == SCHEMA_VERSION


def test_canonical_url_drops_tracking_and_fragment_only() -> None:
    assert (
        canonical_url("HTTPS://News.Example:443/a/b?id=7&utm_medium=rss&fbclid=x#comments")
        == "https://news.example/a/b?id=7"
    )


def test_edition_numbers_are_kept_per_desk_and_day(store: ArticleStore) -> None:
    from datetime import date

    assert store.edition_number(date(2024, 8, 8)) == 1
    assert store.edition_number(date(2024, 8, 6)) == 2  # out of order: still the next
    assert store.edition_number(date(2024, 8, 8)) == 1  # asked again: the same
    assert store.edition_number(date(2024, 8, 8), desk="europe") == 1  # another desk
    # A number an older edition already carries is kept when free.
    assert store.edition_number(date(2024, 8, 1), claimed=7) == 7
    assert store.edition_number(date(2024, 8, 2), claimed=2) == 8  # taken: the next one
    assert store.edition_number(date(2024, 8, 3), at_least=20) == 21


def test_an_older_store_gains_the_new_tables_and_keeps_its_articles(tmp_path: Path) -> None:
    from briefgen.store import MIGRATIONS

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:  # the first released schema, by hand
        for statement in MIGRATIONS[0].for_dialect(postgres=False):
            connection.execute(statement)
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO articles (id, content_hash, title, paragraphs, published, published_utc,"
            " outlet, language, added_at) VALUES ('a1', 'h', 'T', '[\"Text.\"]',"
            " '2018-01-30T09:30:00+00:00', '2018-01-30T09:30:00.000000+00:00', 'O', 'en', 'x')"
        )
    connection.close()
    with ArticleStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        kept = store.get("a1")
        assert kept is not None and kept.date_only is False
        assert store.edition_number(datetime(2018, 1, 30).date()) == 1


def test_removing_an_article_relinks_its_copies(store: ArticleStore) -> None:
    original = article()
    copy = article(
        url="https://other.example/pier",
        outlet="Other",
        paragraphs=(*STORY[:2], STORY[2].replace("old quay", "old harbour quay")),
        published=datetime(2018, 1, 30, 10, 0, tzinfo=UTC),
    )
    third = article(
        url="https://third.example/pier",
        outlet="Third",
        paragraphs=(*STORY[:2], STORY[2].replace("old quay", "old stone quay")),
        published=datetime(2018, 1, 30, 11, 0, tzinfo=UTC),
    )
    for a in (original, copy, third):
        store.add(a)
    assert store.duplicate_of(third.id) == original.id
    assert store.ids_starting(original.id[:6]) == [original.id]
    removed = store.remove(original.id)
    assert removed is not None and removed.title == original.title
    assert store.get(original.id) is None
    assert store.duplicate_of(copy.id) is None
    assert store.duplicate_of(third.id) == copy.id
    assert store.remove(original.id) is None
    assert store.count() == 2


def test_an_article_known_only_by_its_day_belongs_to_that_day_in_every_zone(
    store: ArticleStore,
) -> None:
    from dataclasses import replace
    from datetime import date

    from briefgen.ingest.dates import day_window

    dated = replace(article(), published=datetime(2018, 1, 30, 12, tzinfo=UTC), date_only=True)
    store.add(dated)
    # Noon UTC on the 30th is already the 31st at Kiritimati (UTC+14) and still the 30th
    # at Niue (UTC-11): by the clock it would move; by its day it does not.
    for zone in ("UTC", "Pacific/Kiritimati", "Pacific/Niue", "America/New_York"):
        on_day = store.articles_between(*day_window(date(2018, 1, 30), zone, "1d"))
        next_day = store.articles_between(*day_window(date(2018, 1, 31), zone, "1d"))
        assert [a.id for a in on_day] == [dated.id], zone
        assert next_day == [], zone
        assert on_day[0].date_only is True


def test_minhash_of_a_long_text_is_computed_in_blocks_with_the_same_result() -> None:
    import zlib

    import numpy as np

    from briefgen import store as store_module

    words = [f"w{i}" for i in range(30_000)]  # ~30,000 shingles: several blocks
    text = " ".join(words)
    shingles = {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(len(words) - 2)}
    values = np.fromiter(shingles, dtype=np.uint64)
    whole = (np.outer(store_module._A, values) + store_module._B[:, None]) % store_module._PRIME
    expected = whole.min(axis=1).astype(np.uint32)

    signature = store_module.minhash(text)

    assert signature is not None
    assert np.array_equal(signature, expected)


SECTORS = ("energy", "banking", "mining", "retail", "shipping", "technology", "insurance")


def templated(i: int) -> Article:
    """One item of a templated feed: every item reads nearly like every other."""
    return article(
        title=f"Market update {i}",
        paragraphs=(
            f"Update {i}: the index closed at {1000 + i % 997} points after a session led by "
            f"{SECTORS[i % 7]} shares, the exchange said in its daily statement. Volumes were "
            "in line with the monthly average, and analysts expect similar trading tomorrow "
            "as investors wait for the central bank.",
        ),
        url=f"https://markets.example.org/updates/{i}",
        outlet="Markets Wire",
    )


def sqlite_steps(store: ArticleStore, item: Article) -> int:
    """SQLite virtual-machine work (in units of 100 steps) that storing ``item`` takes."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    store.connection.raw.set_progress_handler(count, 100)
    try:
        assert store.add(item) == "near-duplicate"
    finally:
        store.connection.raw.set_progress_handler(None, 0)
    return steps


def test_near_duplicate_lookup_costs_the_same_however_many_alike_articles_are_stored(
    tmp_path: Path,
) -> None:
    # A templated feed: every item is a near-duplicate of every other one. Reading
    # every alike article on each lookup made ingesting such a feed quadratic.
    # (Counted in SQLite's virtual-machine steps; the SQL is the same on PostgreSQL.)
    store = ArticleStore.open(tmp_path / "briefgen.db")
    with store.transaction():
        for i in range(200):
            store.add(templated(i))
    early = sqlite_steps(store, templated(200))
    with store.transaction():
        for i in range(201, 1_000):
            store.add(templated(i))
    late = sqlite_steps(store, templated(1_000))

    assert late < 1.5 * early, (early, late)
    # Every copy is still linked to the first item of the story.
    first = templated(0).id
    assert store.duplicate_of(templated(1_000).id) == first
    buckets = store.connection.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM article_bands GROUP BY band, key)"
    ).fetchone()[0]
    assert buckets <= 16
    store.close()


def templated_feed(count: int) -> str:
    items = "".join(
        f"<item><title>{a.title}</title><link>{a.url}</link>"
        f"<pubDate>Thu, 31 Aug 2017 09:{i // 60 % 60:02d}:{i % 60:02d} +0000</pubDate>"
        f"<description>{a.paragraphs[0]}</description></item>\n"
        for i, a in ((i, templated(i)) for i in range(count))
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Markets Wire</title><link>https://markets.example.org/</link>"
        f"<description>Updates</description>\n{items}</channel></rss>\n"
    )


def test_a_long_ingest_killed_midway_keeps_what_it_stored(tmp_path: Path) -> None:
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    briefgen = shutil.which("briefgen", path=str(Path(sys.executable).parent)) or "briefgen"
    feed = tmp_path / "markets-2017-08-31.xml"
    feed.write_text(templated_feed(4_000), encoding="utf-8")
    db = tmp_path / "briefgen.db"
    command = [briefgen, "ingest", str(feed), "--db", str(db)]
    env = {k: v for k, v in os.environ.items() if k != "BRIEFGEN_DB"}
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    seen = 0
    try:
        deadline = time.monotonic() + 300
        while run.poll() is None and time.monotonic() < deadline:
            if db.exists():
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as reader:
                    try:
                        seen = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
                    except sqlite3.OperationalError:  # the schema is being created
                        seen = 0
                if seen:
                    run.send_signal(signal.SIGKILL)
                    break
            time.sleep(0.02)
    finally:
        if run.poll() is None:
            run.kill()
        run.wait()

    # Killed with part of the feed committed: that part stays, whole.
    assert 0 < seen < 4_000, seen
    with ArticleStore.open(db) as stored:
        assert stored.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = stored.count()
        assert seen <= kept < 4_000
    # The next run stores the rest and nothing twice.
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=600)
    with ArticleStore.open(db) as stored:
        assert stored.count() == 4_000
