"""JSON Lines exports: one article per line.

Each line is an object ``{"title", "text", "url", "published", "outlet"}``;
``title`` and ``text`` are required, ``author`` and ``language`` are read
when present. A line that is not such an object is left out with a warning
naming the file and the line; the other lines are kept.
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
    body = _field(record, "text")
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
    url = web_url(_field(record, "url") or _field(record, "link"))
    published_text = _field(record, "published") or _field(record, "date")
    published = parse_date(published_text)
    if published_text and published is None:
        raise ValueError(f"'published' {published_text!r} is not a date")
    date_only = published is not None and not has_time(published_text)
    if published is not None and date_only:
        published = day_only(published.date())
    return Article(
        title=plain_line(title),
        paragraphs=paragraphs,
        published=published or raw.fetched_at,
        outlet=outlet_name(stated=plain_line(_field(record, "outlet")), urls=(url,)),
        url=url,
        author=plain_line(_field(record, "author")) or None,
        source_path=raw.name if raw.path else None,
        language=_field(record, "language") or "en",
        date_estimated=published is None,
        date_only=date_only,
    )


def _field(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string, not {type(value).__name__}")
    return value.strip()


register(JsonLinesReader())
