"""RSS 0.9x / 1.0 / 2.0 and Atom feeds, read with feedparser.

Each entry with text becomes an article: its full content when the feed
carries it (``content:encoded``, Atom ``content``), else its description or
summary, turned from HTML into plain paragraphs. Entries that carry only a
headline are left out: a briefing quotes sentences, and a headline alone has
none to give.

The document is decoded and defused here before feedparser sees it (see
:func:`briefgen.ingest.decode.defuse_markup`), then handed over as UTF-8.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

import feedparser

from briefgen.errors import SkippedInput
from briefgen.ingest.base import RawInput, paragraphs_from_lines, register
from briefgen.ingest.dates import day_only, has_time, parse_date
from briefgen.ingest.decode import decode_document, defuse_markup, media_type, web_url
from briefgen.ingest.fragments import html_paragraphs
from briefgen.ingest.outlets import outlet_name
from briefgen.ingest.text import reads_as_standfirst
from briefgen.models import Article

_SUFFIXES = {".rss", ".atom", ".rdf"}
_MEDIA_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
_XML_MEDIA_TYPES = {"application/xml", "text/xml"}
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
_PROLOGUE = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!\s*DOCTYPE(?:[^>\[]|\[[^\]]*\])*>)", re.S | re.I
)
_ROOT = re.compile(r"\s*<\s*([\w:.-]+)")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_MRSS_PREFIX = re.compile(r"xmlns:([\w.-]+)\s*=\s*[\"']http://search\.yahoo\.com/mrss/?[\"']")

# Lines feeds append to every entry, which are not part of the story.
_BOILERPLATE = re.compile(
    r"^(continue reading|read more|related: |read the full (story|article)|click here|"
    r"the post .* appeared first on|this article originally appeared|\[\.\.\.\]|…)",
    re.I,
)
#: Marks that set off the items of a list run into one line.
_LIST_MARK = re.compile(r"(?:^|\s)[•▪●■►▸](?=\s)")
_SENTENCE_END = tuple(".!?\"'”’)…")


def link_list(paragraph: str) -> bool:
    """Whether ``paragraph`` is a list of headlines run into one line, each item after a
    mark ("• Nordvik governor visits the border garrison • Opinion: Why the port deal
    matters • …"), which some feeds give as an entry's description: other articles'
    headlines, not this one's text. Most of its items end as no sentence ends."""
    if not _LIST_MARK.match(paragraph):
        return False
    items: list[str] = [i.strip() for i in _LIST_MARK.split(paragraph) if i.strip()]
    return 2 * sum(i.endswith(_SENTENCE_END) for i in items) < len(items)


class FeedReader:
    name = "feed"

    def sniff(self, raw: RawInput) -> bool:
        kind = media_type(raw.content_type)
        if raw.suffix in _SUFFIXES or kind in _MEDIA_TYPES:
            return True
        if raw.suffix not in ("", ".xml") and kind not in _XML_MEDIA_TYPES:
            # A page or text file is judged by its suffix; content decides for
            # .xml, suffix-less paths and URLs.
            return raw.url is not None and _root_element(raw.data) in _FEED_ROOTS
        return _root_element(raw.data) in _FEED_ROOTS

    def read(self, raw: RawInput) -> list[Article]:
        text = decode_document(raw.data, raw.name, raw.content_type)
        text = without_media_text(defuse_markup(text, raw.name))
        # Re-declared as UTF-8, since that is what feedparser is now given.
        data = '<?xml version="1.0" encoding="utf-8"?>\n' + _XML_DECLARATION.sub("", text)
        try:
            parsed = feedparser.parse(
                data.encode("utf-8"),
                response_headers={"content-type": "application/xml; charset=utf-8"},
                resolve_relative_uris=True,
                sanitize_html=True,
            )
        except Exception as exc:  # feedparser's parsers raise many kinds on broken input
            raise SkippedInput(f"{raw.name}: cannot parse the feed ({exc})") from exc
        if not parsed.entries:
            if parsed.get("bozo"):
                problem = parsed.get("bozo_exception")
                raise SkippedInput(f"{raw.name}: not a well-formed feed ({problem})")
            raise SkippedInput(f"{raw.name}: the feed has no entries")
        with warnings.catch_warnings():
            # feedparser warns when 'updated' falls back to 'published'; both are asked for.
            warnings.simplefilter("ignore", DeprecationWarning)
            return _articles(parsed, raw)


def without_media_text(document: str) -> str:
    """The feed without Media RSS captions and photo titles.

    feedparser files ``media:description`` under the entry's content (or its
    summary, when it comes first) and ``media:title`` under its title, so a
    photo caption would become the article's text and a photo's name its headline.
    """
    prefixes = "|".join(map(re.escape, {"media"} | set(_MRSS_PREFIX.findall(document))))
    opening = re.compile(rf"<((?:{prefixes}):(?:description|title))\b[^>]*?(/?)>")
    kept: list[str] = []
    position = 0
    # One pass, each closing tag searched once: a feed full of unclosed tags stays linear.
    while match := opening.search(document, position):
        kept.append(document[position : match.start()])
        if match.group(2):
            position = match.end()
            continue
        closing = re.compile(rf"</{re.escape(match.group(1))}\s*>").search(document, match.end())
        if closing is None:
            position = match.start()
            break
        position = closing.end()
    kept.append(document[position:])
    return "".join(kept)


def _root_element(data: bytes) -> str:
    head = data[:4096]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "ignore").encode("utf-8")
    text = head.decode("utf-8", "ignore").lstrip("\ufeff")
    position = 0
    while match := _PROLOGUE.match(text, position):
        if match.end() == position:
            break
        position = match.end()
    root = _ROOT.match(text, position)
    return root.group(1).lower() if root else ""


def _articles(parsed: Any, raw: RawInput) -> list[Article]:
    channel = parsed.feed
    site = _clean(channel.get("title", ""))
    language = _language(channel.get("language"))
    zone = _feed_zone(parsed)
    articles = []
    for entry in parsed.entries:
        paragraphs = _body(entry)
        title = _clean(entry.get("title", ""))
        if not paragraphs:
            continue
        # A first paragraph that reads as a standfirst (a line under the headline with
        # no closing punctuation, as a text file's: "UN envoy defends presence at the
        # talks") is set apart, as the text reader sets it apart: the paragraph after
        # it is the report's lead.
        standfirst = None
        if title and len(paragraphs) > 1 and reads_as_standfirst(paragraphs[0]):
            standfirst, paragraphs = paragraphs[0], paragraphs[1:]
        if not title:
            words = paragraphs[0].split()
            title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        published, date_only = _entry_date(entry, zone)
        url = web_url(entry.get("link")) or _permalink(entry)
        articles.append(
            Article(
                title=title,
                paragraphs=paragraphs,
                published=published or raw.fetched_at,
                outlet=outlet_name(site=site, urls=(url, channel.get("link"), raw.url)),
                url=url,
                author=_clean(entry.get("author", "")) or None,
                standfirst=standfirst,
                source_path=raw.name if raw.path else None,
                language=_language(entry.get("language")) or language or "en",
                date_estimated=published is None,
                date_only=date_only,
            )
        )
    if not articles:
        raise SkippedInput(f"{raw.name}: no entry has any text (the feed gives only headlines)")
    return articles


def _body(entry: Any) -> tuple[str, ...]:
    """The fullest text the entry carries, as plain paragraphs."""
    candidates = [c for c in entry.get("content", []) if c.get("value")]
    summary = entry.get("summary_detail") or (
        {"value": entry.get("summary"), "type": "text/html"} if entry.get("summary") else None
    )
    if summary and summary.get("value"):
        candidates.append(summary)
    best: tuple[str, ...] = ()
    for candidate in candidates:
        value = candidate["value"]
        if "html" in (candidate.get("type") or "text/html"):
            paragraphs = html_paragraphs(value)
        else:
            # Plain text: its line breaks are real, and may end a sentence.
            chunks = re.split(r"\n\s*\n", value)
            paragraphs = tuple(p for c in chunks for p in paragraphs_from_lines(c))
        paragraphs = tuple(p for p in paragraphs if not _BOILERPLATE.match(p) and not link_list(p))
        if _letters(paragraphs) > _letters(best):
            best = paragraphs
    return best


def _letters(paragraphs: tuple[str, ...]) -> int:
    """How much text: blanks left out, so that one text cut in two weighs the same."""
    return sum(len(p) - p.count(" ") for p in paragraphs)


def _entry_date(entry: Any, zone: tzinfo) -> tuple[datetime | None, bool]:
    """The entry's publication time, and whether the feed gave only its day."""
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        moment = parse_date(value, zone)
        if moment is not None:
            if not has_time(value):
                return day_only(moment.date()), True
            return moment, False
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:  # feedparser gives these in UTC
            year, month, day, hour, minute, second = parsed[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC), False
    return None, False


def _feed_zone(parsed: Any) -> tzinfo:
    """The zone most of the feed's dates are written in, for the dates that lack one."""
    offsets: Counter[timedelta] = Counter()
    values = [parsed.feed.get(k) for k in ("published", "updated")]
    values += [e.get(k) for e in parsed.entries for k in ("published", "updated")]
    for value in values:
        moment = parse_date(value, _NO_ZONE)
        if moment is not None and moment.tzinfo is not _NO_ZONE:
            offset = moment.utcoffset()
            if offset is not None:
                offsets[offset] += 1
    if not offsets:
        return UTC
    return timezone(offsets.most_common(1)[0][0])


class _Marker(tzinfo):
    """Stands for 'no zone was written' while the feed's usual zone is worked out."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "unknown"


_NO_ZONE = _Marker()


def _permalink(entry: Any) -> str | None:
    guid = entry.get("id")
    if isinstance(guid, str) and guid.startswith(("http://", "https://")):
        return guid
    return None


def _language(value: str | None) -> str:
    if not value:
        return ""
    return re.split(r"[-_]", value.strip())[0].lower()


def _clean(text: str) -> str:
    """Plain text with any markup removed and whitespace collapsed."""
    if "<" in text or "&" in text:
        return " ".join(html_paragraphs(text, keep_headings=True))
    return " ".join(text.split())


register(FeedReader())
