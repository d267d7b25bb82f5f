"""Web markup in text: HTML fragments to paragraphs, and plain text that carries a
page's escapes or tags.

A feed's description is an HTML fragment; so, often, is the text of a JSON Lines
export or a text file saved from a content system ("caf&#233;", "<p>…</p>", a link
left in a sentence). Whatever the reader, the words come out as plain paragraphs:
never markup, never scripts.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from html.parser import HTMLParser

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "blockquote", "section", "article", "table",
    "tr", "td", "th", "dd", "dt", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_SKIPPED = {"script", "style", "noscript", "template", "figure", "figcaption", "iframe",
            "object", "svg", "math", "button", "form", "select", "textarea"}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _TextCollector(HTMLParser):
    """Collects text between block boundaries, leaving out scripts, figures and captions."""

    def __init__(self, keep_headings: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_headings = keep_headings
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED or (tag in _HEADINGS and not self.keep_headings):
            self.skipping.append(tag)
        elif tag in _BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in _BLOCKS and not self.skipping:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def html_paragraphs(fragment: str, *, keep_headings: bool = False) -> tuple[str, ...]:
    """The paragraphs of an HTML fragment as plain text: never markup, never scripts.

    Headings are crossheads, and figures carry captions; both are left out.
    """
    collector = _TextCollector(keep_headings)
    collector.feed(fragment)
    # What the parser cannot finish at the end (a comment, a tag or a CDATA section
    # left open) is markup that runs to the end, as a browser reads it: never text.
    if collector.rawdata.startswith("<"):
        collector.rawdata = ""
    collector.close()
    collector.flush()
    return tuple(collector.blocks)


#: HTML elements that carry text in a page's body.
_ELEMENT = (
    r"(?:a|abbr|b|blockquote|br|cite|code|div|em|font|h[1-6]|i|img|li|ol|p|pre|q|s|small"
    r"|span|strike|strong|sub|sup|table|td|th|tr|u|ul|script|style|iframe|figure|figcaption)"
)
#: Markup no plain text has: a closing tag, a line break, or an opening tag with an
#: attribute. A lone "<S>" or "<Strong Point Inc>" is a wire's company name, not a tag.
_MARKUP = re.compile(rf"</{_ELEMENT}\s*>|<br\s*/?>|<{_ELEMENT}\s+[\w:-]+\s*=\s*[\"']", re.I)
#: A character reference with its closing semicolon ("&#233;", "&nbsp;", "&amp;").
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def has_markup(text: str) -> bool:
    """Whether plain text holds HTML tags (see :data:`_MARKUP`)."""
    return "<" in text and _MARKUP.search(text) is not None


def plain_characters(text: str) -> str:
    """``text`` with its character references resolved ("caf&#233;" -> "café",
    "&nbsp;" -> a space); a reference to a control character is dropped, and an
    unknown name ("AT&T;") is left as it is."""
    if "&" not in text:
        return text

    def resolve(match: re.Match[str]) -> str:
        reference = match[0]
        if reference[1] != "#" and reference[1:] not in html.entities.html5:
            return reference  # not a name HTML knows: "AT&T;", "&ampx;"
        char = html.unescape(reference)
        if char == "\u00a0":
            return " "
        return "" if any(unicodedata.category(c) == "Cc" for c in char) else char

    return _CHARACTER_REFERENCE.sub(resolve, text)


def plain_blocks(block: str, *, keep_headings: bool = True) -> list[str]:
    """A block of plain text as plain paragraphs: its character references resolved
    and, when it holds tags, read as HTML (one paragraph per block element)."""
    text = plain_characters(block)
    if has_markup(text):
        return list(html_paragraphs(text, keep_headings=keep_headings))
    return [text]


def plain_line(text: str) -> str:
    """One line (a headline, a name) as plain text: :func:`plain_blocks` joined."""
    return " ".join(" ".join(plain_blocks(text)).split())
