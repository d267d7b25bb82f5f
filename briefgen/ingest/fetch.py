"""Fetching ``http(s)://`` sources with the standard library, politely and within limits.

A cron job polls the same feeds every hour, so every request has a timeout, a
size cap (the body is streamed and reading stops at the cap), a cap on
redirects, a User-Agent that says who is asking, and conditional GET headers
when the store remembers the feed's ETag / Last-Modified (an unchanged feed
answers 304 and is not downloaded again).
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO
from urllib.parse import urljoin, urlsplit

from briefgen import __version__
from briefgen.errors import SkippedInput
from briefgen.ingest.base import RawInput

USER_AGENT = f"briefgen/{__version__} (+https://example.invalid/briefgen)"
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5"
)


@dataclass(frozen=True)
class FetchResult:
    """What one request gave: the input to read, or ``not_modified`` after a 304."""

    raw: RawInput | None
    status: int
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s) URLs."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> object:
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise SkippedInput(f"{req.full_url}: redirected to {target}, which is not http(s)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            # Conditional headers belong to the original URL, not the new one.
            for header in ("If-none-match", "If-modified-since"):
                new.remove_header(header)
        return new


def _opener() -> urllib.request.OpenerDirector:
    # build_opener adds the default handlers (proxies from the environment,
    # http, https) but never a file:// or ftp:// one is used: the scheme is
    # checked before every request and every redirect.
    return urllib.request.build_opener(_RedirectHandler())


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """GET ``url``; raise SkippedInput with the reason when it cannot be had.

    ``timeout`` bounds each network wait and the whole download; a body over
    ``max_bytes`` is abandoned as soon as the cap is passed.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SkippedInput(f"{url}: only http:// and https:// URLs can be fetched")
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers, method="GET")
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            status = int(response.status)
            body = _read_capped(response, url, max_bytes, deadline)
            final_url = response.geturl()
            info = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResult(
                raw=None,
                status=304,
                etag=exc.headers.get("ETag") or etag,
                last_modified=exc.headers.get("Last-Modified") or last_modified,
                not_modified=True,
            )
        if 300 <= exc.code < 400:
            raise SkippedInput(f"{url}: more than {MAX_REDIRECTS} redirects") from None
        raise SkippedInput(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise SkippedInput(f"{url}: no answer within {timeout:g} seconds") from None
        raise SkippedInput(f"{url}: cannot connect ({_why(exc.reason)})") from None
    except TimeoutError:
        raise SkippedInput(f"{url}: no answer within {timeout:g} seconds") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise SkippedInput(f"{url}: the download failed ({_why(exc)})") from None
    return FetchResult(
        raw=RawInput(
            name=url,
            data=body,
            url=final_url,
            content_type=info.get("Content-Type"),
            fetched_at=datetime.now(UTC),
        ),
        status=status,
        etag=info.get("ETag"),
        last_modified=info.get("Last-Modified"),
    )


def _read_capped(
    response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float
) -> bytes:
    """The body, decompressed, refusing more than ``max_bytes`` and anything too slow."""
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise SkippedInput(f"{url}: {int(length):,} bytes is over the {max_bytes:,}-byte limit")
    gzipped = (response.headers.get("Content-Encoding") or "").lower() in ("gzip", "x-gzip")
    # wbits 16+MAX_WBITS reads the gzip wrapper; max_length below keeps a
    # compression bomb from inflating past the cap.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        # read1 returns after one network read, so a server trickling bytes
        # cannot hold the loop past the deadline.
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as exc:
                raise SkippedInput(f"{url}: the gzip body is corrupt ({exc})") from None
        size += len(chunk)
        if size > max_bytes:
            raise SkippedInput(f"{url}: the body is over the {max_bytes:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _why(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
