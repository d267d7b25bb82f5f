"""store.ingest over a local HTTP server: conditional GET and skipped URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ingest.base import Skipped
from briefgen.store import ArticleStore, ingest
from tests.ingest.conftest import LocalServer
from tests.ingest.test_fetch import FEED


def test_a_second_poll_gets_304_and_stores_nothing(
    tmp_path: Path, http_server: LocalServer
) -> None:
    url = http_server.add("/feed.rss", FEED, "application/rss+xml")
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        first = ingest(store, [url], max_bytes=100_000, timeout=5)
        assert (first.new, first.not_modified) == (1, 0)
        assert store.validators(url) is not None
        second = ingest(store, [url], max_bytes=100_000, timeout=5)
        assert (second.new, second.duplicate, second.not_modified) == (0, 0, 1)
        assert store.count() == 1
    assert http_server.not_modified["/feed.rss"] == 1


def test_a_changed_feed_is_downloaded_again(tmp_path: Path, http_server: LocalServer) -> None:
    url = http_server.add("/feed.rss", FEED, "application/rss+xml")
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        ingest(store, [url], max_bytes=100_000, timeout=5)
        changed = (
            FEED.replace(b"Ferry resumes", b"Ferry resumes crossings")
            .replace(b"/ferry<", b"/ferry-2<")
            .replace(b"after the storm", b"after the winter storm")
        )
        http_server.add("/feed.rss", changed, "application/rss+xml")
        again = ingest(store, [url], max_bytes=100_000, timeout=5)
    assert again.not_modified == 0
    assert again.new + again.near_duplicate == 1


def test_unfetchable_urls_are_skipped_and_the_rest_stored(
    tmp_path: Path, http_server: LocalServer
) -> None:
    good = http_server.add("/feed.rss", FEED, "application/rss+xml")
    bad = [http_server.url("/redirect/30"), http_server.url("/missing"), http_server.url("/silent")]
    skipped: list[Skipped] = []
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        summary = ingest(
            store, [*bad, good], max_bytes=100_000, timeout=0.5, on_skip=skipped.append
        )
    assert summary.new == 1
    assert [s.name for s in skipped] == bad
    assert "redirects" in skipped[0].reason
    assert "HTTP 404" in skipped[1].reason
    assert "no answer" in skipped[2].reason
    # A skipped URL's reason does not repeat its name.
    assert all(not s.reason.startswith("http") for s in skipped)


def test_a_store_inside_an_ingested_folder_is_not_read_as_input(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_bytes(FEED)
    skipped: list[Skipped] = []
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        ingest(store, [tmp_path], max_bytes=100_000, timeout=5, on_skip=skipped.append)
        summary = ingest(
            store, [tmp_path], max_bytes=100_000, timeout=5, on_skip=skipped.append, reread=True
        )
    assert skipped == []
    assert summary.duplicate == 1


def _story(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


def test_files_unchanged_since_they_were_stored_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "2017-08-31"  # a dated folder dates its text files
    folder.mkdir()
    (folder / "ferry.txt").write_text(
        _story("Ferry resumes", "The ferry to the island resumed service on Monday.")
    )
    (folder / "port.txt").write_text(
        _story("Port reopens", "The northern port reopened to container ships on Monday.")
    )
    (folder / "junk.bin").write_bytes(b"\x00\x01\x02" * 50)
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        first = ingest(store, [folder], max_bytes=100_000, timeout=5)
        assert (first.new, len(first.skipped), first.unchanged_files) == (2, 1, 0)

        import briefgen.ingest as reader

        opened: list[str] = []
        real_load = reader.load_file
        monkeypatch.setattr(
            reader,
            "load_file",
            lambda path, limit: opened.append(path.name) or real_load(path, limit),
        )
        second = ingest(store, [folder], max_bytes=100_000, timeout=5)
        # The stored files are not opened; the file that could not be read is tried again.
        assert opened == ["junk.bin"]
        assert (second.new, second.duplicate, second.unchanged_files) == (0, 0, 2)
        assert len(second.skipped) == 1
        assert "2 files unchanged since they were read" in second.describe()

        # A changed file (another size or time) is read again; its new story is stored.
        (folder / "ferry.txt").write_text(
            _story("Ferry cancelled", "The island ferry was cancelled again because of gales.")
        )
        opened.clear()
        third = ingest(store, [folder], max_bytes=100_000, timeout=5)
        assert sorted(opened) == ["ferry.txt", "junk.bin"]
        assert (third.new, third.unchanged_files) == (1, 1)

        # --reread opens every file, whatever is remembered.
        opened.clear()
        fourth = ingest(store, [folder], max_bytes=100_000, timeout=5, reread=True)
        assert sorted(opened) == ["ferry.txt", "junk.bin", "port.txt"]
        assert (fourth.new, fourth.duplicate, fourth.unchanged_files) == (0, 2, 0)
        assert store.count() == 3


def test_many_small_files_share_transactions_and_each_is_remembered(tmp_path: Path) -> None:
    from briefgen.store import FILES_PER_TRANSACTION

    folder = tmp_path / "2017-08-31"
    folder.mkdir()
    count = 2 * FILES_PER_TRANSACTION + 5  # two full transactions and a last, short one
    for n in range(count):
        (folder / f"story-{n:03}.txt").write_text(
            _story(f"Harbour notice {n}", f"Berth {n} of the harbour reopens after {n} days.")
        )
    batches: list[list[str]] = []
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        first = ingest(store, [folder], max_bytes=100_000, timeout=5, on_stored=batches.append)
        assert first.new == store.count() == count
        assert [len(b) for b in batches] == [FILES_PER_TRANSACTION, FILES_PER_TRANSACTION, 5]
        again = ingest(store, [folder], max_bytes=100_000, timeout=5)
    assert (again.new, again.unchanged_files) == (0, count)


def test_a_file_is_known_by_its_real_path_whichever_link_leads_to_it(tmp_path: Path) -> None:
    from briefgen.ingest import file_stamp

    real = tmp_path / "wire" / "2017-08-31"
    real.mkdir(parents=True)
    story = real / "quay.txt"
    story.write_text(_story("Quay closed", "The old quay closed to lorries on Monday."))
    (tmp_path / "linked").symlink_to(tmp_path / "wire")  # a linked folder
    (tmp_path / "alias.txt").symlink_to(story)  # a linked file
    folders: dict[Path, Path] = {}
    key = story.resolve().as_uri()
    assert file_stamp(story, folders)[0] == key  # type: ignore[index]
    assert file_stamp(tmp_path / "linked" / "2017-08-31" / "quay.txt", folders)[0] == key  # type: ignore[index]
    assert file_stamp(tmp_path / "alias.txt", folders)[0] == key  # type: ignore[index]
    assert file_stamp(tmp_path / "alias.txt") == file_stamp(story, {})
    assert file_stamp(tmp_path / "missing.txt", folders) is None
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        assert ingest(store, [real], max_bytes=100_000, timeout=5).new == 1
        again = ingest(store, [tmp_path / "linked" / "2017-08-31"], max_bytes=100_000, timeout=5)
    assert (again.new, again.unchanged_files) == (0, 1)


def test_a_link_to_the_store_is_not_read_as_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "feed.rss").write_bytes(FEED)
    (inputs / "archive.db").symlink_to(tmp_path / "briefgen.db")
    skipped: list[Skipped] = []
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        summary = ingest(store, [inputs], max_bytes=100_000, timeout=5, on_skip=skipped.append)
    assert skipped == []
    assert summary.new >= 1
