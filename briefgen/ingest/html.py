"""Article pages: the main text and its metadata, extracted with trafilatura.

trafilatura keeps the article body and drops navigation, related links,
comments, scripts and styles. Its output is walked paragraph by paragraph;
headings inside the body (crossheads) and anything shorter than a sentence
without closing punctuation are left out.

The published time comes from the page's own metadata when it gives one with
a time and zone (``article:published_time``, ``datePublished``, Parse.ly's
``pub_date``...), else from trafilatura's date, taken as noon UTC.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from briefgen.errors import SkippedInput
from briefgen.ingest.base import RawInput, register
from briefgen.ingest.dates import day_only, parse_date
from briefgen.ingest.decode import (
    NOT_XML_CHARS,
    decode_document,
    defuse_markup,
    media_type,
    web_url,
)
from briefgen.ingest.outlets import outlet_name
from briefgen.models import Article

# Without a handler of their own, these libraries' log records reach stderr through
# logging's last-resort handler, doubling the one warning a skipped page gets.
for _library in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".ece"}
_MEDIA_TYPES = {"text/html", "application/xhtml+xml"}
_LOOKS_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: libxml2 nests elements at most 256 deep and keeps no text node (an inline script of
#: a page's state, a long paragraph) over 10,000,000 bytes; past either limit it drops
#: the rest without raising: on a page of nested layout tables or unclosed ``<div>``s,
#: the rest of the article. A page that may pass one is parsed with libxml2's "huge"
#: limits (2,048 levels, a gigabyte of text).
DEPTH_LIMIT, HUGE_DEPTH_LIMIT, TEXT_LIMIT = 256, 2_048, 10_000_000

# Metadata names that carry the publication time, most trusted first.
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pub_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "sailthru.date",
    "parsely-pub-date",
    "dcterms.created",
    "dc.date.issued",
    "dcsext.articlefirstpublished",
    "originalpublicationdate",
    "date",
    "revision_date",
)
# Teasers for other articles end with the link text that led to them.
_TEASER = re.compile(
    r"(full article|full coverage|read more|continue reading|watch video)\s*[»›→]?$", re.I
)
_CLOSING = tuple(".!?:;\"'”’)…")
#: A block this short without closing punctuation is a crosshead, kicker or caption.
CROSSHEAD_MAX_WORDS = 12
#: Elements that start a block of their own; any other element runs on in the line.
_BLOCKS = frozenset(
    "address article aside blockquote center dd details dialog div dl dt fieldset "  # noqa: SIM905
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section table tbody td tfoot th thead tr ul".split()
)
#: A date set after a page's title and site name ("… | DW | 10.06.2013").
_TRAILING_DATE = re.compile(r"\s+[|–—-]\s+\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d$")
#: Words a run of text beside an element's paragraphs needs to be read as one.
LOOSE_MIN_WORDS = 8
#: The class of an element that holds a photo's credit ("source", "photo-credit").
_CREDIT_CLASS = re.compile(
    r"(?:^|\s)(?:(?:photo|image|img|media|picture|pic|caption)[-_]?)?(?:credits?|source)(?:\s|$)",
    re.I,
)
#: Words a photo's credit stays within ("Photographer: Lorenzo Tugnoli for Bloomberg").
CREDIT_MAX_WORDS = 12
#: The class or id of an element that lists other articles: related content,
#: recommendations, the next posts ("relatedContent", "jp-relatedposts",
#: "next-post-thumbnails", "nextstory", "read-next", "up-next", "recirculation").
_OTHER_STORIES = re.compile(
    r"related|recommend|next-?(?:posts?|stor(?:y|ies))|read-?next|up-?next|more-?stories|recirc",
    re.I,
)
#: Share of the page's words past which an element so named is taken for the page's own
#: wrapper (``<div class="post has-related">``), never for a list of other articles.
OTHER_STORIES_MAX_SHARE = 0.5


class HtmlReader:
    name = "html"

    def sniff(self, raw: RawInput) -> bool:
        kind = media_type(raw.content_type)
        if raw.suffix in _SUFFIXES or kind in _MEDIA_TYPES:
            return True
        if raw.suffix and raw.url is None:
            return False
        return bool(_LOOKS_HTML.search(raw.data[:4096]))

    def read(self, raw: RawInput) -> list[Article]:
        text = decode_document(raw.data, raw.name, raw.content_type)
        text = _XML_DECLARATION.sub("", defuse_markup(text, raw.name))
        return [extract_article(text, raw)]


def extract_article(page: str, raw: RawInput) -> Article:
    """One article from the (decoded, defused) HTML of a page."""
    tree = _parse(page, raw)
    meta = _metadata(tree)
    _drop_other_stories(tree)
    _drop_credits(tree)
    _wrap_loose_text(tree)
    document = _extract(tree, raw, tables=False)
    paragraphs = body_paragraphs(document.body) if document is not None else ()
    if len(paragraphs) < 2 and tree.find(".//table") is not None:
        # A page laid out in tables, its paragraphs cut by <br>s in a cell: without the
        # tables trafilatura falls back to the page's whole text as one paragraph, the
        # navigation, the headline and the footer run into the article's first sentence.
        in_tables = _extract(tree, raw, tables=True)
        found = body_paragraphs(in_tables.body) if in_tables is not None else ()
        if len(found) > len(paragraphs):
            document, paragraphs = in_tables, found
    if document is None or not paragraphs:
        raise SkippedInput(f"{raw.name}: no article text found on the page")
    lede = _lede_left_out(tree, meta, paragraphs)
    if lede is not None:
        paragraphs = (lede, *paragraphs)
    title = _clean(document.title) or meta.get("og:title") or ""
    if not title:
        words = paragraphs[0].split()
        title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    url = _canonical(tree, raw) or web_url(document.url) or web_url(raw.url)
    published, date_only = _published(meta, tree, document.date)
    site = _clean(meta.get("og:site_name")) or _clean(document.sitename)
    outlet = outlet_name(site=site, urls=(url, raw.url))
    return Article(
        title=_without_site_name(title, outlet, url),
        paragraphs=paragraphs,
        published=published or raw.fetched_at,
        outlet=outlet,
        url=url,
        author=_clean(document.author) or None,
        standfirst=_clean(meta.get("description")) or None,
        source_path=raw.name if raw.path else None,
        language=_language(tree, document.language),
        date_estimated=published is None,
        date_only=date_only,
    )


def _parse(page: str, raw: RawInput) -> Any:
    """The page's tree, parsed as trafilatura parses it, with libxml2's limits raised for
    a page that may pass them (:data:`DEPTH_LIMIT`)."""
    # Imported on the first page: a day of text files and feeds never needs it (0.1 s).
    from trafilatura.utils import load_html

    if len(page) >= TEXT_LIMIT // 4:  # it may pass the limit in bytes, at 4 a character
        return _parse_huge(page, raw)
    try:
        tree = load_html(page)
    except Exception as exc:  # lxml's errors vary with the damage
        raise SkippedInput(f"{raw.name}: not an HTML page ({exc})") from exc
    if tree is None:
        raise SkippedInput(f"{raw.name}: not an HTML page")
    # A tree cut at the limit reaches to within a level or two of it.
    return _parse_huge(page, raw) if _reaches(tree, DEPTH_LIMIT - 8) else tree


def _drop_other_stories(tree: Any) -> None:
    """Take out the lists of other articles a page sets beside its own, known by their
    class or id (:data:`_OTHER_STORIES`), before the page is read. trafilatura drops many
    from the text, but not all: the excerpts of a blog's next posts ran on after the
    article as if its own paragraphs, and a point from them would cite the wrong article.
    Its date search reads the page whole, too: a related piece's date of 2019 was taken
    for the publication date of an article of 2013. An element holding more than
    :data:`OTHER_STORIES_MAX_SHARE` of the page's words is the page's own and stays, and
    so does an inline one (a link classed "related-link" inside a sentence)."""
    body = tree.find(".//body")
    words = len((body if body is not None else tree).text_content().split())
    for element in list(tree.iter()):
        # A block only: a link or a span so named inside a sentence is the sentence's.
        if not isinstance(element.tag, str) or element.tag.lower() not in _BLOCKS:
            continue
        named = f"{element.get('class') or ''} {element.get('id') or ''}"
        parent = element.getparent()
        if parent is None or not _OTHER_STORIES.search(named):
            continue
        if len(element.text_content().split()) <= OTHER_STORIES_MAX_SHARE * words:
            _remove(element)


def _drop_credits(tree: Any) -> None:
    """Take out photo credits ("Shamil Zhumatov/REUTERS", "Wikimedia Commons") that a
    page sets in an element of their own inside the text: the caption beside them is
    left out as a caption, and the credit ran into the article's first sentence
    ("Shamil Zhumatov/REUTERSThe UK may be forced …"). Known by the element's class and
    a credit's length; the text after the element stays."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or not _CREDIT_CLASS.search(element.get("class") or ""):
            continue
        parent = element.getparent()
        if parent is not None and len(element.text_content().split()) <= CREDIT_MAX_WORDS:
            _remove(element)


def _remove(element: Any) -> None:
    """Take ``element`` out of its parent, keeping the text after it (its tail)."""
    parent = element.getparent()
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _wrap_loose_text(tree: Any) -> None:
    """Make a paragraph of each sentence written beside an element's paragraphs, not in one.

    An article's first paragraph often follows its headline or dateline bare, before the
    ``<p>``s of the rest (``<h1>…</h1>Valley councillors voted…<p>The council…``);
    trafilatura reads the ``<p>``s and drops such text. A browser shows it as a
    paragraph, and so it is read here, when it has a sentence's length and end.
    """
    from lxml import html

    for parent in dict.fromkeys(p.getparent() for p in tree.iter("p")):
        runs: list[tuple[int, list[Any]]] = []  # (where, inline children), text first
        start, inline = 0, list[Any]()
        for n, child in enumerate(parent):
            if isinstance(child.tag, str) and child.tag.lower() in _BLOCKS:
                runs.append((start, inline))
                start, inline = n + 1, []
            else:
                inline.append(child)
        runs.append((start, inline))
        for where, children in reversed(runs):
            before = parent.text if where == 0 else parent[where - 1].tail
            text = _clean(
                (before or "")
                + "".join(
                    (c.text_content() if isinstance(c.tag, str) else "") + (c.tail or "")
                    for c in children
                )
            )
            if len(text.split()) < LOOSE_MIN_WORDS or not text.endswith(_CLOSING):
                continue
            paragraph = html.Element("p")
            paragraph.text = before
            paragraph.extend(children)  # moves them, with their tails
            if where == 0:
                parent.text = None
            else:
                parent[where - 1].tail = None
            parent.insert(where, paragraph)


def _lede_left_out(tree: Any, meta: dict[str, str], paragraphs: Sequence[str]) -> str | None:
    """The article's opening paragraph, when the page sets it apart in a box of its own
    above the body (a "teaser" ``<div>``) and trafilatura, reading the body, left it out.

    It is known by the page's description: a paragraph of the page that is word for
    word the description, above the first paragraph read, and not among those read.
    """
    described = _clean(meta.get("og:description") or meta.get("description"))
    if len(described.split()) <= CROSSHEAD_MAX_WORDS or not described.endswith(_CLOSING):
        return None
    if described in " ".join(paragraphs):  # read already (maybe cut at its line breaks)
        return None
    above = False
    for element in tree.iter("p"):
        text = _clean(element.text_content())
        if paragraphs[0] in text:  # the first paragraph read: the description came before?
            return described if above else None
        above = above or text == described
    return None


def _extract(tree: Any, raw: RawInput, *, tables: bool) -> Any:
    """trafilatura's reading of the page (the tree is left as it was), or None."""
    import trafilatura

    try:
        with warnings.catch_warnings():
            # htmldate asks dateutil about zone names it cannot place; that is not news.
            warnings.simplefilter("ignore")
            document = trafilatura.bare_extraction(
                tree,
                url=raw.url,
                with_metadata=True,
                include_comments=False,
                include_tables=tables,
                include_images=False,
                include_links=False,
                deduplicate=False,
            )
    except Exception as exc:  # trafilatura raises many kinds on odd pages
        raise SkippedInput(f"{raw.name}: cannot extract the article ({exc})") from exc
    if document is None or isinstance(document, dict) or document.body is None:
        return None
    return document


def _reaches(tree: Any, depth: int) -> bool:
    """Whether some element of the page lies ``depth`` levels below its root."""
    return bool(tree.xpath("/".join(("self::*", *["*"] * depth))))


def _parse_huge(page: str, raw: RawInput) -> Any:
    """The page parsed with libxml2's "huge" limits, as trafilatura parses it otherwise."""
    from lxml import etree, html

    parser = html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        data = NOT_XML_CHARS.sub("", page).encode("utf-8", "replace")
        tree = html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise SkippedInput(f"{raw.name}: not an HTML page ({exc})") from exc
    for error in parser.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            if "depth" in error.message:
                reason = f"its markup nests elements more than {HUGE_DEPTH_LIMIT:,} deep"
            else:
                reason = f"it is past the HTML parser's limits ({error.message.strip()})"
            raise SkippedInput(f"{raw.name}: {reason}, where the article text cannot be read")
    return tree


def body_paragraphs(body: Any) -> tuple[str, ...]:
    """Paragraphs of trafilatura's body: headings, captions and kickers left out."""
    paragraphs: list[str] = []
    for element in body.iter("p", "quote", "item"):
        if element.tag == "item" and any(p.tag == "p" for p in element.iterancestors()):
            continue
        for text in _lines(element):
            if not text or _is_crosshead(text) or _TEASER.search(text):
                continue
            if paragraphs and paragraphs[-1] == text:
                continue
            paragraphs.append(text)
    return tuple(paragraphs)


def _lines(element: Any) -> list[str]:
    """The element's text, cut at its line breaks (``<br>``, trafilatura's ``<lb/>``).

    Joined, the text on either side of a line break runs together as one
    sentence ("...this whole system.”Afghanistan’s megarich...").
    """
    lines: list[list[str]] = [[]]

    def walk(node: Any) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                pass  # a comment or processing instruction: only its tail is text
            elif child.tag in ("lb", "br"):
                lines.append([])
            else:
                lines[-1].append(child.text or "")
                walk(child)
            lines[-1].append(child.tail or "")

    lines[-1].append(element.text or "")
    walk(element)
    return [" ".join("".join(parts).split()) for parts in lines]


def _is_crosshead(text: str) -> bool:
    return len(text.split()) <= CROSSHEAD_MAX_WORDS and not text.rstrip().endswith(_CLOSING)


def _metadata(tree: Any) -> dict[str, str]:
    """``<meta>`` values by lower-cased name / property / itemprop; first one wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content")
        if key and value and key.lower() not in found:
            found[key.lower()] = value.strip()
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            for key, value in _json_ld_dates(script.text).items():
                found.setdefault(key, value)
    parsely = found.get("parsely-page")
    if parsely:
        try:
            data = json.loads(parsely)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("pub_date"), str):
            found.setdefault("parsely-pub-date", data["pub_date"])
    return found


def _json_ld_dates(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    items = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        items = data["@graph"]
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
            return {"datepublished": item["datePublished"]}
    return {}


def _published(
    meta: dict[str, str], tree: Any, fallback: str | None
) -> tuple[datetime | None, bool]:
    """The publication time, and whether only its day is known."""
    for key in _PUBLISHED_KEYS:
        value = meta.get(key)
        if value and re.search(r"\d{1,2}:\d{2}", value):
            moment = parse_date(_asctime_zone(value))
            if moment is not None:
                return moment, False
    for element in tree.iter("time"):
        moment = parse_date(element.get("datetime"))
        if moment is not None and re.search(r"\d{1,2}:\d{2}", element.get("datetime", "")):
            return moment, False
    # Only a day is known: stored as that day, shown without a time.
    for value in [meta.get(k) for k in _PUBLISHED_KEYS] + [fallback]:
        moment = parse_date(value)
        if moment is not None:
            return day_only(moment.date()), True
    return None, False


def _asctime_zone(value: str) -> str:
    """``Mon Mar 4 09:10:00 UTC 2019`` → ``Mon, Mar 4 2019 09:10:00 UTC`` (US order)."""
    match = re.fullmatch(
        r"\s*\w{3} (\w{3}) +(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\w{1,5}) (\d{4})\s*", value
    )
    if not match:
        return value
    month, day, clock, zone, year = match.groups()
    return f"{month} {day} {year} {clock} {zone}"


def _without_site_name(title: str, outlet: str, url: str | None) -> str:
    """``Plane found - Telegraph`` → ``Plane found``: the site's name is not the headline,
    nor the date after it (``Wine of the valley | DW | 10.06.2013``)."""
    title = _TRAILING_DATE.sub("", title)
    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    site_words = set(re.findall(r"[a-z]{3,}", f"{outlet} {host}".lower()))
    site_words -= {"www", "com", "http", "https", "net", "org"}
    if "." in host:  # the site's own short name, as its address spells it ("dw" of dw.com)
        site_words.add(host.split(".")[0])
    for separator in (" - ", " | ", " — ", " – ", " :: "):
        head, sep, tail = title.rpartition(separator)
        words = set(re.findall(r"[a-z]{2,}", tail.lower()))
        if sep and head and len(tail.split()) <= 4 and words & site_words:
            return head.strip()
    return title


def _canonical(tree: Any, raw: RawInput) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _absolute(link.get("href"), raw)
    for element in tree.iter("meta"):
        if (element.get("property") or "").lower() == "og:url" and element.get("content"):
            return _absolute(element.get("content"), raw)
    return None


def _absolute(href: str, raw: RawInput) -> str | None:
    return web_url(urljoin(raw.url, href.strip()) if raw.url else href.strip())


def _language(tree: Any, detected: str | None) -> str:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or detected
    return re.split(r"[-_]", value.strip())[0].lower() if value and value.strip() else "en"


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


register(HtmlReader())
