"""Fetching URLs: limits, redirects, conditional GET, and refusing what is not http(s)."""

from __future__ import annotations

import pytest

from briefgen import __version__
from briefgen.errors import SkippedInput
from briefgen.ingest.fetch import MAX_REDIRECTS, fetch
from tests.ingest.conftest import LocalServer

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferry resumes</title><link>http://example.invalid/ferry</link>
<description>The island ferry resumed its crossings on Monday after the storm.</description>
<pubDate>Mon, 29 Jan 2018 09:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_fetch_returns_body_content_type_and_validators(http_server: LocalServer) -> None:
    url = http_server.add("/feed.rss", FEED, "application/rss+xml; charset=utf-8")
    result = fetch(url, max_bytes=100_000, timeout=5)
    assert result.status == 200
    assert result.raw is not None
    assert result.raw.data == FEED
    assert result.raw.content_type == "application/rss+xml; charset=utf-8"
    assert result.etag and result.last_modified
    assert not result.not_modified


def test_user_agent_names_briefgen_and_its_version(http_server: LocalServer) -> None:
    url = http_server.add("/feed.rss", FEED, "application/rss+xml")
    fetch(url, max_bytes=100_000, timeout=5)
    assert http_server.user_agents[-1].startswith(f"briefgen/{__version__} ")


def test_second_request_with_validators_gets_304_and_no_body(http_server: LocalServer) -> None:
    url = http_server.add("/feed.rss", FEED, "application/rss+xml")
    first = fetch(url, max_bytes=100_000, timeout=5)
    second = fetch(url, max_bytes=100_000, timeout=5, etag=first.etag)
    assert second.not_modified
    assert second.raw is None
    assert second.status == 304
    assert http_server.not_modified["/feed.rss"] == 1


def test_redirects_are_followed_up_to_the_cap(http_server: LocalServer) -> None:
    http_server.add("/feed.rss", FEED, "application/rss+xml")
    result = fetch(http_server.url(f"/redirect/{MAX_REDIRECTS - 1}"), max_bytes=100_000, timeout=5)
    assert result.raw is not None
    assert result.raw.url == http_server.url("/feed.rss")


def test_too_many_redirects_are_refused(http_server: LocalServer) -> None:
    http_server.add("/feed.rss", FEED, "application/rss+xml")
    with pytest.raises(SkippedInput, match="redirects"):
        fetch(http_server.url("/redirect/20"), max_bytes=100_000, timeout=5)
    assert sum(http_server.hits.values()) <= MAX_REDIRECTS + 1


def test_a_redirect_to_a_local_file_is_refused(http_server: LocalServer) -> None:
    with pytest.raises(SkippedInput, match="not http"):
        fetch(http_server.url("/to-file"), max_bytes=100_000, timeout=5)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.invalid/x", "gopher://x"])
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    with pytest.raises(SkippedInput, match="only http"):
        fetch(url, max_bytes=100_000, timeout=5)


def test_a_body_over_the_cap_is_abandoned(http_server: LocalServer) -> None:
    url = http_server.add("/big.html", b"<p>word</p>" * 10_000)
    with pytest.raises(SkippedInput, match="over the 1,000-byte limit"):
        fetch(url, max_bytes=1_000, timeout=5)


def test_a_stream_without_length_stops_at_the_cap(http_server: LocalServer) -> None:
    with pytest.raises(SkippedInput, match="over the 100,000-byte limit"):
        fetch(http_server.url("/endless"), max_bytes=100_000, timeout=5)


def test_a_server_that_does_not_answer_times_out(http_server: LocalServer) -> None:
    with pytest.raises(SkippedInput, match=r"no answer within 0\.5 seconds"):
        fetch(http_server.url("/silent"), max_bytes=100_000, timeout=0.5)


def test_a_trickling_body_is_bounded_by_the_timeout(http_server: LocalServer) -> None:
    with pytest.raises(SkippedInput, match=r"no answer within 0\.5 seconds"):
        fetch(http_server.url("/trickle"), max_bytes=100_000, timeout=0.5)


def test_http_errors_and_refused_connections_are_skips(http_server: LocalServer) -> None:
    with pytest.raises(SkippedInput, match="HTTP 404"):
        fetch(http_server.url("/missing"), max_bytes=100_000, timeout=5)
    with pytest.raises(SkippedInput, match="cannot connect"):
        fetch("http://127.0.0.1:9/", max_bytes=100_000, timeout=5)
