"""``OUT/feed.xml``: an Atom feed with one entry per edition, newest first.

Readers who prefer a feed reader to e-mail subscribe to it. Entries link to the
HTML and PDF of each edition; the key points are the summary. Links are relative
to the feed unless ``base_url`` says where ``OUT`` is published.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from briefgen.atomic import write_atomic
from briefgen.deliver.editions import Edition, find_editions
from briefgen.ingest.decode import NOT_XML_CHARS

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "feed.xml"


def write_edition_feed(
    out_dir: Path,
    *,
    title: str,
    base_url: str | None = None,
    author: str = "briefgen",
    limit: int | None = None,
) -> Path:
    """Write ``out_dir/feed.xml`` from the editions under ``out_dir`` (atomically)."""
    editions = find_editions(out_dir)
    if limit is not None:
        editions = editions[:limit]
    xml = feed_xml(editions, title=title, base_url=base_url, author=author)
    return write_atomic(out_dir / FEED_NAME, xml)


def feed_xml(
    editions: list[Edition], *, title: str, base_url: str | None = None, author: str = "briefgen"
) -> bytes:
    """The Atom document for ``editions`` (given newest first)."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    feed_id = _feed_id(base, title)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    updated = max((e.generated_at for e in editions), default=datetime(1970, 1, 1, tzinfo=UTC))
    _text(feed, "updated", _when(updated))
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", author)
    _text(feed, "generator", "briefgen")
    if base:
        _link(feed, "self", base + FEED_NAME, "application/atom+xml")
    for edition in editions:
        feed.append(_entry(edition, base, feed_id))
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _entry(edition: Edition, base: str, feed_id: str) -> ET.Element:
    day = edition.day.isoformat()
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "id", f"{base}{day}/" if base else _uuid(feed_id, day))
    _text(entry, "title", f"{edition.title} — {day} (No. {edition.number})")
    _text(entry, "updated", _when(edition.generated_at))
    _text(entry, "published", _when(edition.generated_at))
    if edition.html is not None:
        _link(entry, "alternate", f"{base}{day}/{edition.html.name}", "text/html")
    if edition.pdf is not None:
        pdf = _link(entry, "enclosure", f"{base}{day}/{edition.pdf.name}", "application/pdf")
        pdf.set("length", str(edition.pdf.stat().st_size))
    points = [p.text for p in edition.key_points] or [
        text for _, texts in edition.sections for text in texts
    ][:5]
    summary = "\n".join(f"• {p}" for p in points) or "No points in this edition."
    _text(entry, "summary", summary).set("type", "text")
    content = ET.SubElement(entry, f"{{{ATOM}}}content", type="xhtml")
    div = ET.SubElement(content, "{http://www.w3.org/1999/xhtml}div")
    items = ET.SubElement(div, "{http://www.w3.org/1999/xhtml}ul")
    for point in edition.key_points:
        item = ET.SubElement(items, "{http://www.w3.org/1999/xhtml}li")
        item.text = _clean(point.text) + " "
        if point.url.startswith(("http://", "https://")):
            cite = ET.SubElement(item, "{http://www.w3.org/1999/xhtml}a", href=point.url)
            cite.text = _clean(point.outlet or point.title or point.url)
        elif point.outlet:
            item.text += f"({_clean(point.outlet)})"
    if not edition.key_points:
        ET.SubElement(div, "{http://www.w3.org/1999/xhtml}p").text = summary
    return entry


def _feed_id(base: str, title: str) -> str:
    # Stable across rebuilds: the published address when known, else derived from the title.
    return base + FEED_NAME if base else _uuid("briefgen-feed", title)


def _uuid(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(parts))}"


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = _clean(value)
    return element


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{ATOM}}}link", rel=rel, href=href, type=kind)


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(value: str) -> str:
    # A stray character XML cannot carry would make the whole feed invalid.
    return NOT_XML_CHARS.sub("", value)
