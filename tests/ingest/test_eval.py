"""The real feeds and pages in ../shared/eval: from files and over HTTP, twice.

Skipped when ../shared/eval is not present. The token-F1 figures per page are
printed with ``pytest -s tests/ingest/test_eval.py -k f1`` and kept in docs/ingest.md.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefgen.ingest import load_file, read_raw
from briefgen.models import Article
from briefgen.store import ArticleStore, ingest
from tests.conftest import EVAL, needs_eval
from tests.ingest.conftest import LocalServer

pytestmark = needs_eval()

FEEDS = sorted(p for p in (EVAL / "feeds").glob("*.*") if p.is_file()) if EVAL.is_dir() else []
PAGES = sorted((EVAL / "html").glob("*.html")) if EVAL.is_dir() else []
F1_TARGET = 0.85
MAX_BYTES = 20_000_000


def token_scores(extracted: str, reference: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the extracted words (with repeats) against the reference."""
    ours = Counter(re.findall(r"\w+", extracted.lower()))
    theirs = Counter(re.findall(r"\w+", reference.lower()))
    common = sum((ours & theirs).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision = common / sum(ours.values())
    recall = common / sum(theirs.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def read(path: Path) -> list[Article]:
    return read_raw(load_file(path, MAX_BYTES))


def test_the_eval_data_is_all_there() -> None:
    assert len(FEEDS) == 10 and len(PAGES) == 10


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_text_f1_against_the_reference(page: Path) -> None:
    (article,) = read(page)
    reference = (EVAL / "html" / "expected_text" / f"{page.stem}.txt").read_text("utf-8")
    precision, recall, f1 = token_scores(article.text, reference)
    print(f"\n| {page.stem} | {precision:.3f} | {recall:.3f} | {f1:.3f} |", end="")
    assert f1 >= F1_TARGET
    assert article.published.tzinfo is not None
    assert article.url and article.url.startswith("http")


@pytest.mark.parametrize("feed", FEEDS, ids=lambda p: p.name)
def test_every_feed_gives_articles_with_aware_dates(feed: Path) -> None:
    articles = read(feed)
    assert articles
    for article in articles:
        assert article.published.tzinfo is not None
        assert article.paragraphs and all("<" not in p for p in article.paragraphs)


def _pattern(expected: str) -> re.Pattern[str]:
    # The reference parsers decoded some Latin-1 feeds as UTF-8, leaving U+FFFD
    # where an accented letter was; each one stands for any single character.
    expected = " ".join(expected.split())
    return re.compile("".join("." if c == "\ufffd" else re.escape(c) for c in expected))


EXPECTED = sorted((EVAL / "feeds" / "expected").glob("*.expected.json")) if EVAL.is_dir() else []


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_feeds_match_the_expected_parse(expected: Path) -> None:
    data = json.loads(expected.read_text("utf-8"))
    feed = next((EVAL / "feeds").glob(expected.name.split(".")[0] + ".*"))
    articles = read(feed)
    if "entries" in data:  # feed-rs shape
        items = [
            {
                "title": e["title"]["content"],
                "link": e["links"][0]["href"] if e["links"] else None,
                "published": e.get("published"),
                "has_text": bool((e.get("summary") or e.get("content") or {}).get("content")),
            }
            for e in data["entries"]
        ]
    else:  # rss-parser shape
        items = [
            {
                "title": i.get("title", ""),
                "link": i.get("link"),
                "published": i.get("isoDate"),
                "has_text": bool(i.get("contentSnippet")),
            }
            for i in data["feed"]["items"]
        ]
    with_text = [i for i in items if i["has_text"]]
    assert len(articles) == len(with_text)
    for ours, theirs in zip(articles, with_text, strict=True):
        assert _pattern(theirs["title"]).fullmatch(ours.title), (ours.title, theirs["title"])
        assert ours.url == theirs["link"]
        assert "\ufffd" not in ours.title + ours.text
        if theirs["published"]:
            stamp = theirs["published"].replace(".000Z", "Z").replace("Z", "+00:00")
            assert ours.published.astimezone(UTC) == datetime.fromisoformat(stamp)


def _ingest_twice(store: ArticleStore, sources: list[str]) -> tuple[int, int, int]:
    first = ingest(store, sources, max_bytes=MAX_BYTES, timeout=10)
    assert first.skipped == []
    second = ingest(store, sources, max_bytes=MAX_BYTES, timeout=10)
    assert second.skipped == []
    return first.new + first.near_duplicate, second.new + second.near_duplicate, store.count()


def test_everything_ingests_from_files_and_twice_changes_nothing(tmp_path: Path) -> None:
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        stored, again, count = _ingest_twice(store, [str(p) for p in FEEDS + PAGES])
    assert stored == count > 250
    assert again == 0


def test_everything_ingests_over_http_and_a_second_poll_gets_304(
    tmp_path: Path, http_server: LocalServer
) -> None:
    urls = [http_server.add(f"/feeds/{p.stem}", p.read_bytes(), "application/xml") for p in FEEDS]
    urls += [http_server.add(f"/pages/{p.stem}", p.read_bytes(), "text/html") for p in PAGES]
    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        stored, again, count = _ingest_twice(store, urls)
        by_file = ArticleStore.open(tmp_path / "files.db")
        with by_file:
            ingest(by_file, [str(p) for p in FEEDS + PAGES], max_bytes=MAX_BYTES, timeout=10)
            assert count == by_file.count()
    assert stored == count and again == 0
    assert sum(http_server.not_modified.values()) == len(urls)


def test_the_reuters_and_guardian_items_of_2018_01_30_are_in_the_day(tmp_path: Path) -> None:
    from datetime import date

    from briefgen.ingest.dates import day_window

    with ArticleStore.open(tmp_path / "briefgen.db") as store:
        ingest(store, [EVAL / "feeds"], max_bytes=MAX_BYTES, timeout=10)
        day = store.articles_between(*day_window(date(2018, 1, 30), "UTC", "1d"))
    outlets = Counter(a.outlet for a in day)
    assert outlets["Reuters"] >= 5
    assert outlets["The Guardian"] >= 1


def test_photo_captions_never_become_article_text() -> None:
    feed = EVAL / "feeds" / "nyt_worldnews_2024-08-08.rss"
    document = feed.read_text(encoding="utf-8")
    captions = {
        " ".join(c.split()) for c in re.findall(r"<media:description>(.*?)</", document, re.S)
    }
    assert len(captions) >= 50
    articles = read_raw(load_file(feed, MAX_BYTES))
    assert len(articles) == 60
    assert not [a.title for a in articles if " ".join(a.text.split()) in captions]
    first = articles[0]
    assert first.text.startswith("Israel said Hamas")


def test_outlets_are_named_as_readers_know_them() -> None:
    names = {}
    for path in [*FEEDS, *PAGES]:
        try:
            articles = read_raw(load_file(path, MAX_BYTES))
        except Exception:
            continue
        names[path.name] = {a.outlet for a in articles}
    assert names["nyt_worldnews_2024-08-08.rss"] == {"The New York Times"}
    assert names["bbc_news_world_2019-02-24.rss"] == {"BBC News"}
    assert names["reuters_worldnews_2018-01-30.rss"] == {"Reuters"}
    assert names["heise_de.atom"] == {"heise online"}
    assert names["huffpost_worldnews_2019-06-30.rss"] == {"HuffPost"}
    assert names["reuters.com1.html"] == names["reuters.com3.html"] == {"Reuters"}
    assert names["telegraph.co.uk1.html"] == {"The Telegraph"}
    assert names["businessweek.com1.html"] == {"Bloomberg Businessweek"}
    every = set().union(*names.values())
    assert not every & {"ReutersIndia", "Reuters_Co_Uk", "NYT > World News", "Businessweek.com"}


def test_the_nyt_strikes_item_is_two_sentences() -> None:
    from briefgen.compose import split_article

    first = read_raw(load_file(EVAL / "feeds" / "nyt_worldnews_2024-08-08.rss", MAX_BYTES))[0]
    sentences = [s.text for s in split_article(first)]
    assert sentences[0].endswith("near the school compounds")
    assert sentences[1].startswith("The strikes were among")
