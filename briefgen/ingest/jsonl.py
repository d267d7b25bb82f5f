"""JSON exports: JSON Lines, one article per line, and JSON documents of articles.

Each line is an object ``{"title", "text", "url", "published", "outlet"}``;
``title`` and ``text`` are required, ``author`` and ``language`` are read
when present. A line that is not such an object is left out with a warning
naming the file and the line; the other lines are kept.

A ``.json`` document holds the same objects in an array, or in an array under
``articles`` (a news API's answer), ``items``, ``results``, ``data`` or ``entries``.
The names such exports use are read too: the text from ``content``, ``body`` or
``description`` when there is no ``text``, the time from ``publishedAt``, ``pubDate``
or ``date``, the outlet from ``source`` (a name, or an object with a ``name``), the
link from ``link``. A text an API cut short ("… [+2345 chars]") loses that marker.
"""

from __future__ import annotations

import json
import re
from typing import Any

from briefgen.errors import SkippedInput
from briefgen.ingest.base import RawInput, paragraphs_from_lines, register, skip_item
from briefgen.ingest.dates import day_only, has_time, parse_date
from briefgen.ingest.decode import decode_text, media_type, web_url
from briefgen.ingest.fragments import has_markup, html_paragraphs, plain_characters, plain_line
from briefgen.ingest.outlets import outlet_name
from briefgen.models import Article

_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
_MEDIA_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines"}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: Where a JSON document keeps its list of articles, when it is not the list itself.
_LIST_KEYS = ("articles", "items", "results", "data", "entries")
#: Other names exports give an article's text, time and link, in order of preference.
_TEXT_KEYS = ("text", "content", "body", "description")
_TIME_KEYS = ("published", "publishedAt", "pubDate", "date")
_LINK_KEYS = ("url", "link")
#: A news API's mark that it cut the text: "… [+2345 chars]".
_CUT_MARK = re.compile(r"\s*\[\+\d+ chars\]\s*$")


class JsonLinesReader:
    name = "jsonl"

    def sniff(self, raw: RawInput) -> bool:
        if raw.suffix in _SUFFIXES or media_type(raw.content_type) in _MEDIA_TYPES:
            return True
        if raw.suffix not in ("", ".json", ".txt"):
            return False
        first = raw.data.lstrip()[:1]
        if first != b"{":
            return False
        line = raw.data.lstrip().split(b"\n", 1)[0]
        try:
            record = json.loads(line)
        except ValueError:
            return False
        return isinstance(record, dict) and "text" in record and "title" in record

    def read(self, raw: RawInput) -> list[Article]:
        text = decode_text(raw.data, raw.name)
        articles = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{raw.name}, line {number}"
            try:
                articles.append(_article(json.loads(line), raw, where))
            except ValueError as exc:
                skip_item(where, _why(exc))
        if not articles:
            raise SkippedInput(f"{raw.name}: no readable article lines")
        return articles


def _why(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    return str(exc)


def _article(record: Any, raw: RawInput, where: str) -> Article:
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    title = _field(record, "title")
    body = _CUT_MARK.sub("", _first(record, _TEXT_KEYS))
    if not title or not body:
        raise ValueError("needs a non-empty 'title' and 'text'")
    body = plain_characters(body)
    if has_markup(body):  # a content system's HTML body: read as a page's would be
        paragraphs = html_paragraphs(body)
    else:
        chunks = _PARAGRAPH_BREAK.split(body) if _PARAGRAPH_BREAK.search(body) else body.split("\n")
        paragraphs = tuple(p for c in chunks for p in paragraphs_from_lines(c))
    if not paragraphs:
        raise ValueError("its 'text' holds no words")
    url = web_url(_first(record, _LINK_KEYS))
    time_key = next((key for key in _TIME_KEYS if _field(record, key)), "published")
    published_text = _field(record, time_key)
    published = parse_date(published_text)
    if published_text and published is None:
        raise ValueError(f"'{time_key}' {published_text!r} is not a date")
    date_only = published is not None and not has_time(published_text)
    if published is not None and date_only:
        published = day_only(published.date())
    return Article(
        title=plain_line(title),
        paragraphs=paragraphs,
        published=published or raw.fetched_at,
        outlet=outlet_name(stated=plain_line(_outlet(record)), urls=(url,)),
        url=url,
        author=plain_line(_field(record, "author")) or None,
        source_path=raw.name if raw.path else None,
        language=_field(record, "language") or "en",
        date_estimated=published is None,
        date_only=date_only,
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    """The first of ``keys`` the record gives a non-empty string."""
    for key in keys:
        if value := _field(record, key):
            return value
    return ""


def _outlet(record: dict[str, Any]) -> str:
    """The outlet a record names: ``outlet``, or ``source`` as a name or ``{"name": …}``."""
    if outlet := _field(record, "outlet"):
        return outlet
    source = record.get("source")
    if isinstance(source, dict):
        return _field(source, "name")
    return _field(record, "source")


def _field(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string, not {type(value).__name__}")
    return value.strip()


class JsonDocumentReader:
    """A ``.json`` document of articles (see the module's docstring)."""

    name = "json"

    def sniff(self, raw: RawInput) -> bool:
        return raw.suffix == ".json" or media_type(raw.content_type) == "application/json"

    def read(self, raw: RawInput) -> list[Article]:
        text = decode_text(raw.data, raw.name)
        try:
            document = json.loads(text)
        except ValueError as exc:
            raise SkippedInput(f"{raw.name}: {_why(exc)}") from None
        except RecursionError:
            raise SkippedInput(f"{raw.name}: nested too deeply to be a list of articles") from None
        records = _records(document)
        if records is None:
            raise SkippedInput(
                f"{raw.name}: no list of articles (an array, or one under "
                f"{', '.join(repr(k) for k in _LIST_KEYS)})"
            )
        articles = []
        for number, record in enumerate(records, start=1):
            where = f"{raw.name}, article {number}"
            try:
                articles.append(_article(record, raw, where))
            except ValueError as exc:
                skip_item(where, str(exc))
        if not articles:
            raise SkippedInput(f"{raw.name}: no readable articles")
        return articles


def _records(document: Any) -> list[Any] | None:
    """The list of article objects a JSON document holds, or None."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _LIST_KEYS:
            if isinstance(document.get(key), list):
                return list(document[key])
    return None


register(JsonLinesReader())
register(JsonDocumentReader())
