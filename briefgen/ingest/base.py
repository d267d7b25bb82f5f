"""What every reader shares: the raw input, the reader protocol and the registry."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from briefgen.models import Article


def display_name(name: str | Path) -> str:
    """``name`` (a path or URL) on one line, safe to print, log and store.

    Bytes of a file name that are not UTF-8 (decoded by Python as lone
    surrogates) become ``\\xNN``, and line breaks and other control characters
    become escapes (``\\n``, ``\\t``, ``\\x1b``), so an odd name is read like any
    other, and a name holding a line break cannot forge a line of output.
    """
    text = str(name)
    if text.isprintable():
        return text
    return "".join(_escape(ch) if not ch.isprintable() else ch for ch in text)


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True)
class RawInput:
    """The bytes of one source before any reader has looked at them."""

    #: A path or URL, used in messages.
    name: str
    data: bytes
    path: Path | None = None
    url: str | None = None
    #: The Content-Type header when the input came over HTTP.
    content_type: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    #: False when the caller has no use for a date (``briefgen summarize``): a text
    #: file without one is then read, dated when it was read, instead of skipped.
    date_required: bool = True

    @property
    def suffix(self) -> str:
        target = self.path.name if self.path else (self.url or self.name).split("?")[0]
        dot = target.rfind(".")
        return target[dot:].lower() if dot > target.rfind("/") else ""


@dataclass(frozen=True)
class Skipped:
    """An input left out of the batch, and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.name}: {self.reason}"


class Reader(Protocol):
    """Turns one raw input into articles. Raises SkippedInput when it cannot."""

    #: Short name shown in messages, e.g. "text" or "feed".
    name: str

    def sniff(self, raw: RawInput) -> bool:
        """True when this reader is the right one for ``raw``."""

    def read(self, raw: RawInput) -> list[Article]:
        """The articles in ``raw``."""


_REGISTRY: list[Reader] = []


def register(reader: Reader) -> Reader:
    """Add a reader; readers registered earlier are asked first."""
    _REGISTRY.append(reader)
    return reader


def registered() -> tuple[Reader, ...]:
    return tuple(_REGISTRY)


#: A function that receives each skipped input as it happens (for warnings).
SkipHandler = Callable[[Skipped], None]


class ItemSkipped(UserWarning):
    """One item inside an input (a JSON line, a feed entry) was left out.

    Issued with :func:`warnings.warn`, so a reader can still return the good
    items; :func:`briefgen.ingest.read_items` turns these into skip reports.
    """

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"skipped {name}: {reason}")
        self.name = name
        self.reason = reason


#: What ends a sentence at the end of a line.
_CLOSING = tuple(".!?…:;\"'”’»)]")
#: How a line that starts a new sentence (or a list item) may begin, besides a capital.
_STARTS = "\"'“‘«([•*–—-0123456789"


def paragraphs_from_lines(text: str) -> list[str]:
    """The paragraphs of one block of plain text, whitespace collapsed.

    Lines are joined with spaces, as wrapped text is, except after a line with
    no closing punctuation that is followed by one starting like a sentence:
    that line break ends a paragraph, so "...near the school compounds" and
    "The strikes were..." on two lines never run together as one sentence.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for raw_line in text.splitlines():
        line = " ".join(raw_line.split())
        if not line:
            continue
        if (
            current
            and not current[-1].endswith(_CLOSING)
            and (line[0].isupper() or line[0] in _STARTS)
        ):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def skip_item(name: str, reason: str) -> None:
    warnings.warn(ItemSkipped(name, reason), stacklevel=2)
