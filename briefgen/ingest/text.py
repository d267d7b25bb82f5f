"""Plain text and Markdown articles, with or without front matter.

The plain shape is the one newspapers export: the headline on the first line,
an optional standfirst (a line without closing punctuation, no longer than a
headline and with no "said": a longer one is the lead with its full stop lost),
then paragraphs. Paragraphs are separated by blank lines or, in files that have
no blank lines at all, one per line. Short lines without closing punctuation
between paragraphs ("International condemnation") are crossheads and are dropped.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from briefgen.errors import SkippedInput
from briefgen.ingest.base import RawInput, display_name, register
from briefgen.ingest.dates import day_only, has_time
from briefgen.ingest.decode import decode_text
from briefgen.ingest.fragments import plain_blocks, plain_line
from briefgen.ingest.outlets import outlet_name, wire_credit
from briefgen.models import Article

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
_DATE_IN_PATH = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_CLOSING = tuple(".!?:;\"'”’)…")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S))|((?<=\S)[*_](?!\w))")

_KEY_ALIASES = {
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
    "standfirst": "standfirst",
    "summary": "standfirst",
    "language": "language",
    "lang": "language",
}

CROSSHEAD_MAX_WORDS = 8
#: A first line longer than this is body text, not a headline.
HEADLINE_MAX_WORDS = 40
#: What a wire's lead reports ("… Inc said it agreed to …"); a standfirst says "says".
_REPORTED = re.compile(r"\bsaid\b")


class TextReader:
    name = "text"

    def sniff(self, raw: RawInput) -> bool:
        return raw.suffix in _TEXT_SUFFIXES and raw.url is None

    def read(self, raw: RawInput) -> list[Article]:
        text = decode_text(raw.data, raw.name)
        undated = None if raw.date_required else raw.fetched_at
        return [parse_text_article(text, raw.name, raw.path, undated=undated)]


def parse_text_article(
    text: str, name: str, path: Path | None = None, *, undated: datetime | None = None
) -> Article:
    """One article from the text of a file; ``name`` is used in messages.

    A file that gives no date is skipped, unless ``undated`` says what to date it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text)
    meta = {key: plain_line(value) for key, value in meta.items()}
    markdown = path is not None and path.suffix.lower() in (".md", ".markdown")
    # A page's escapes and tags left in the text ("caf&#233;", a link in a sentence).
    blocks = [p for block in _blocks(body) for p in plain_blocks(block)]
    if markdown:
        blocks = [_strip_markdown(b) for b in blocks]
        blocks = [b for b in blocks if b]
    if not blocks:
        raise SkippedInput(f"{name}: no text")
    title = meta.get("title")
    if not title:
        if len(blocks[0].split()) > HEADLINE_MAX_WORDS:
            # No headline line: the text starts straight away. Cite its opening words.
            words = blocks[0].split()
            title = " ".join(words[:12]) + "…"
        else:
            title = blocks.pop(0)
    standfirst = meta.get("standfirst")
    if not standfirst and len(blocks) > 1 and reads_as_standfirst(blocks[0]):
        standfirst = blocks.pop(0)
    paragraphs = tuple(b for b in blocks if not is_crosshead(b))
    if not paragraphs:
        raise SkippedInput(f"{name}: a headline but no paragraphs")
    date_estimated = undated is not None and not meta.get("date") and not _date_in(name)
    published = undated if date_estimated and undated else _published(meta.get("date"), name)
    date_only = not date_estimated and not has_time(meta.get("date"))
    # With no name and no link, an agency's dateline or sign-off still says whose copy it is.
    outlet = outlet_name(
        stated=meta.get("outlet"),
        urls=(meta.get("url"),),
        credit=wire_credit(paragraphs[0], blocks[-1]),
    )
    return Article(
        title=title.strip(),
        paragraphs=paragraphs,
        published=published,
        outlet=outlet,
        url=meta.get("url") or None,
        author=meta.get("author") or None,
        standfirst=standfirst,
        source_path=display_name(path) if path else None,
        language=meta.get("language") or "en",
        date_estimated=date_estimated,
        date_only=date_only,
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines between ``---`` fences at the top; unknown keys are ignored."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        alias = _KEY_ALIASES.get(key.strip().lower())
        if sep and alias:
            meta[alias] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def is_crosshead(block: str) -> bool:
    """A short line with no closing punctuation: a sub-heading, not a sentence."""
    return "\n" not in block and len(block.split()) <= CROSSHEAD_MAX_WORDS and not _closes(block)


def reads_as_standfirst(block: str) -> bool:
    """A line under the headline with no closing punctuation, as long as a headline at
    most and reporting no one: "Abe and May expected to discuss further sanctions".

    A longer unclosed block, or one with a "said", is the lead with its full stop lost
    and stays body text: a wire's lead that ends in a ticker ("… to Velmar Shipping Plc
    <VSH.L>"), "…, a public policy study group said", a lead with a credit glued on
    ("… The Kessel Times: Nov. 18, 2004"). Taken for a standfirst, none of its
    sentences could be a point.
    """
    return (
        not _closes(block)
        and len(block.split()) <= HEADLINE_MAX_WORDS
        and not _REPORTED.search(block)
    )


def _closes(block: str) -> bool:
    return block.rstrip().endswith(_CLOSING)


def _blocks(body: str) -> list[str]:
    lines = body.strip("\n").split("\n")
    if any(not line.strip() for line in lines):
        # Blank-line separated paragraphs; hard-wrapped lines inside one are joined,
        # but a line set off by an indent or list mark (":", "*", "•", or "- " after a
        # line that ends a sentence or a clause, not a dash wrapped to the line start)
        # starts a paragraph of its own: a quoted e-mail or a list is not the sentence
        # above.
        chunks = re.split(
            r"\n[ \t]*\n|\n(?=[ \t]*[:*•])|(?<=[.!?:;\"”)\]])[ \t]*\n(?=[ \t]*[-–] )", body.strip()
        )
        return [" ".join(c.split()) for c in chunks if c.strip()]
    return [" ".join(line.split()) for line in lines if line.strip()]


def _strip_markdown(block: str) -> str:
    block = _MD_HEADING.sub("", block)
    block = _MD_LINK.sub(r"\1", block)
    return _MD_EMPHASIS.sub("", block).strip()


def _published(value: str | None, name: str) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise SkippedInput(f"{name}: date {value!r} is not YYYY-MM-DD or ISO 8601") from None
        if not has_time(value):
            return day_only(parsed.date())
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    match = _date_in(name)
    if match:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise SkippedInput(f"{name}: {match[0]} in the path is not a real date") from None
        return day_only(day)
    raise SkippedInput(
        f"{name}: no date (add 'date: YYYY-MM-DD' front matter or put the date in the path)"
    )


def date_in_path(name: str) -> date | None:
    """The last real ``YYYY-MM-DD`` date in ``name``, if any."""
    match = _date_in(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _date_in(name: str) -> re.Match[str] | None:
    """The last ``YYYY-MM-DD`` in the path: the most specific one."""
    return next(reversed(list(_DATE_IN_PATH.finditer(name))), None)


register(TextReader())
