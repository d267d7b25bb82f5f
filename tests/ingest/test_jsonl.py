"""JSON Lines exports: one article per line, bad lines left out with a warning."""

from __future__ import annotations

import json
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefgen.errors import SkippedInput
from briefgen.ingest import RawInput, read_raw
from briefgen.ingest.base import ItemSkipped

GOOD = {
    "title": "Bridge reopens",
    "text": "The old bridge reopened on Friday.\n\nTraffic was light in the morning.",
    "url": "https://valley-post.example/bridge",
    "published": "2018-01-30T08:00:00+01:00",
    "outlet": "Valley Post",
}


def test_lines_become_articles() -> None:
    data = (json.dumps(GOOD) + "\n").encode()
    (article,) = read_raw(RawInput(name="export.jsonl", data=data, path=Path("export.jsonl")))
    assert article.title == "Bridge reopens"
    assert article.paragraphs == (
        "The old bridge reopened on Friday.",
        "Traffic was light in the morning.",
    )
    assert article.published == datetime(2018, 1, 30, 7, tzinfo=UTC)
    assert article.outlet == "Valley Post"


def test_a_bad_line_is_skipped_with_a_warning_naming_file_and_line() -> None:
    lines = [
        json.dumps(GOOD),
        '{"title": "Broken", "text": ',
        json.dumps({**GOOD, "url": "https://valley-post.example/2", "title": "Second"}),
        json.dumps({"title": "No text"}),
        json.dumps({**GOOD, "published": "someday", "url": "https://valley-post.example/3"}),
    ]
    raw = RawInput(name="export.jsonl", data="\n".join(lines).encode())
    with pytest.warns(ItemSkipped) as caught:
        articles = read_raw(raw)
    assert [a.title for a in articles] == ["Bridge reopens", "Second"]
    messages = [str(w.message) for w in caught]
    assert len(messages) == 3
    assert messages[0].startswith("skipped export.jsonl, line 2: not valid JSON")
    assert "export.jsonl, line 4" in messages[1] and "'text'" in messages[1]
    assert "export.jsonl, line 5" in messages[2] and "someday" in messages[2]


def test_a_line_without_date_takes_the_fetch_time() -> None:
    record = {k: v for k, v in GOOD.items() if k != "published"}
    fetched = datetime(2018, 2, 1, tzinfo=UTC)
    raw = RawInput(name="x.ndjson", data=json.dumps(record).encode(), fetched_at=fetched)
    (article,) = read_raw(raw)
    assert article.published == fetched and article.date_estimated


def test_a_line_that_does_not_close_its_sentence_ends_a_paragraph() -> None:
    record = {
        **GOOD,
        "text": "Velmar said Kessel fighters were hiding near the market halls\n"
        "The raids were among several across Arvand.\n\n"
        "Officials counted the dead\nin three towns.",
    }
    data = (json.dumps(record) + "\n").encode()
    (article,) = read_raw(RawInput(name="export.jsonl", data=data, path=Path("export.jsonl")))
    assert article.paragraphs == (
        "Velmar said Kessel fighters were hiding near the market halls",
        "The raids were among several across Arvand.",
        "Officials counted the dead in three towns.",
    )


def test_a_published_day_without_a_time_is_kept_as_a_day() -> None:
    lines = [{**GOOD, "published": "2018-01-30"}, GOOD]
    data = "".join(json.dumps(r) + "\n" for r in lines).encode()
    day, timed = read_raw(RawInput(name="export.jsonl", data=data, path=Path("export.jsonl")))
    assert (day.published, day.date_only) == (datetime(2018, 1, 30, 12, tzinfo=UTC), True)
    assert timed.date_only is False


def test_an_html_body_is_read_as_a_page_is() -> None:
    """A content system's export: paragraphs from the markup, never tags or scripts,
    escapes resolved in the body and the headline."""
    record = {
        **GOOD,
        "title": "<b>Bridge</b> reopens &amp; traffic returns",
        "text": (
            '<p>The old <a href="https://valley-post.example/b">bridge</a> reopened on'
            " Friday, caf&#233; owners said.</p><script>alert(1)</script>"
            '<figure><img src="file:///etc/passwd"><figcaption>The bridge</figcaption></figure>'
            "<p>Traffic was light&nbsp;in the morning.<br>Queues formed later.</p>"
        ),
    }
    (article,) = read_raw(RawInput(name="export.jsonl", data=json.dumps(record).encode()))
    assert article.title == "Bridge reopens & traffic returns"
    assert article.paragraphs == (
        "The old bridge reopened on Friday, café owners said.",
        "Traffic was light in the morning.",
        "Queues formed later.",
    )


def test_a_body_of_markup_alone_is_skipped_with_a_warning() -> None:
    lines = [json.dumps(GOOD), json.dumps({**GOOD, "text": "<p><script>x()</script></p>"})]
    with pytest.warns(ItemSkipped, match="line 2: its 'text' holds no words"):
        articles = read_raw(RawInput(name="export.jsonl", data="\n".join(lines).encode()))
    assert [a.title for a in articles] == ["Bridge reopens"]


def test_a_json_document_of_articles_is_read() -> None:
    """An array of article objects, or a news API's answer with the names it uses."""
    second = {**GOOD, "url": "https://valley-post.example/2", "title": "Second"}
    raw = RawInput(name="export.json", data=json.dumps([GOOD, second], indent=2).encode())
    assert [a.title for a in read_raw(raw)] == ["Bridge reopens", "Second"]
    answer = {
        "status": "ok",
        "totalResults": 1,
        "articles": [
            {
                "source": {"id": None, "name": "Valley Post"},
                "author": "Ann Berg",
                "title": "Bridge reopens",
                "description": "The old bridge reopened.",
                "url": "https://valley-post.example/bridge",
                "publishedAt": "2018-01-30T07:00:00Z",
                "content": "The old bridge reopened on Friday. Traffic was light… [+2345 chars]",
            }
        ],
    }
    (article,) = read_raw(RawInput(name="news.json", data=json.dumps(answer).encode()))
    assert article.outlet == "Valley Post" and article.author == "Ann Berg"
    assert article.paragraphs == ("The old bridge reopened on Friday. Traffic was light…",)
    assert article.published == datetime(2018, 1, 30, 7, tzinfo=UTC)


def test_a_json_document_that_holds_no_articles_is_skipped_with_why() -> None:
    bad = {**GOOD, "title": ""}
    raw = RawInput(name="export.json", data=json.dumps({"items": [GOOD, bad]}).encode())
    with pytest.warns(ItemSkipped, match="export.json, article 2: needs a non-empty"):
        assert [a.title for a in read_raw(raw)] == ["Bridge reopens"]
    for data, why in (
        (b'{"status": "ok", "count": 3}', "no list of articles"),
        (b'[{"title": "x"', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (json.dumps([bad]).encode(), "no readable articles"),
    ):
        with pytest.raises(SkippedInput, match=why), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            read_raw(RawInput(name="export.json", data=data))
