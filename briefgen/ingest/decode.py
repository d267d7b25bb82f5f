"""Bytes to text, refusing what is not text; and defusing markup before it is parsed.

Order: a byte-order mark wins; then strict UTF-8; then cp1252 (a superset of
Latin-1 for printable text, which is what old feeds and Windows text files use).
Web documents (:func:`decode_document`) also heed the charset their HTTP header
or their own declaration names. :func:`defuse_markup` refuses XML entity
declarations, and :func:`web_url` keeps only http(s) links.
"""

from __future__ import annotations

import codecs
import re

from briefgen.errors import SkippedInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that never appear in text (tab, newline, carriage return and
# form feed excepted).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
#: Characters XML 1.0 cannot carry at all (libxml2 and XML writers refuse them).
NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Characters that shape text without being seen: the soft hyphen, the zero-width
#: space, the word joiner, a byte-order mark inside the text, and the bidirectional
#: embeddings, overrides and isolates. Left in, they split words ("Ja&shy;pan" is no
#: country to the reader, "Wash&#8203;ington" no capital), and an override shows a
#: sentence reversed. The joiners that shape scripts and emoji (U+200C, U+200D) and the
#: direction marks (U+200E, U+200F) stay.
INVISIBLE_CHARS = re.compile("[\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` without :data:`INVISIBLE_CHARS`."""
    return INVISIBLE_CHARS.sub("", text)


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode ``data`` as text or raise SkippedInput saying why it is not text."""
    if not data.strip():
        raise SkippedInput(f"{name}: empty file")
    encoding = bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise SkippedInput(f"{name}: not valid {encoding} despite its byte-order mark") from exc
    if looks_binary(data):
        raise SkippedInput(f"{name}: binary data, not text")
    candidates = [declared] if declared else []
    candidates += ["utf-8", "cp1252", "latin-1"]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise SkippedInput(f"{name}: cannot decode as text")  # pragma: no cover (latin-1 decodes all)


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control characters in its first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls > max(8, len(head) // 100)


def media_type(content_type: str | None) -> str:
    """``text/html`` from ``text/html; charset=utf-8``; empty when unknown."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1).lower() if match else None


_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:-]+)[\"']")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def declared_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration or an HTML ``<meta>`` names in the first bytes."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def decode_document(data: bytes, name: str, content_type: str | None = None) -> str:
    """Decode a web document (feed or page) or raise SkippedInput saying why it is not text.

    A byte-order mark wins. Then strict UTF-8, because bytes that are valid
    UTF-8 are almost never meant as anything else, whatever a header claims;
    then the encoding the HTTP header or the document itself declares; then
    cp1252, which is what undeclared Latin-1 feeds really are.
    """
    if not data.strip():
        raise SkippedInput(f"{name}: empty file")
    if bom_encoding(data):
        return decode_text(data, name)
    if looks_binary(data):
        raise SkippedInput(f"{name}: binary data, not text")
    candidates = ["utf-8", charset(content_type), declared_encoding(data), "cp1252", "latin-1"]
    for candidate in candidates:
        if not candidate or candidate.replace("-", "").replace("_", "") in ("utf16", "utf32"):
            # Without a byte-order mark a UTF-16 claim is wrong: the data has no NULs.
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise SkippedInput(f"{name}: cannot decode as text")  # pragma: no cover (latin-1 decodes all)


# An entity declaration, in any case and with any spacing parsers tolerate.
_ENTITY_DECLARATION = re.compile(r"<!\s*ENTITY", re.I)
# A DOCTYPE with an optional internal subset in brackets.
_DOCTYPE = re.compile(r"<!\s*DOCTYPE(?:[^>\[]|\[[^\]]*\])*>", re.I)


def defuse_markup(text: str, name: str) -> str:
    """``text`` without its DOCTYPE; a document that declares entities is refused.

    Entity declarations are how XML bombs expand ("billion laughs") and how
    external entities read local files (``SYSTEM "file:///etc/passwd"``). News
    feeds and pages have no use for them, so rather than trusting each parser's
    settings, such a document never reaches a parser. The DOCTYPE goes too, so
    that no parser is tempted to load an external DTD.
    """
    if _ENTITY_DECLARATION.search(text):
        raise SkippedInput(
            f"{name}: declares XML entities (<!ENTITY>), which can expand without bound "
            "or read local files; refused"
        )
    return _DOCTYPE.sub("", text)


def web_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http(s) URL, else None.

    Links end up in briefings as ``href``s; a ``javascript:`` or ``file:``
    link from a hostile feed must not.
    """
    if not value:
        return None
    value = value.strip()
    return value if re.match(r"(?i)^https?://[^\s/]", value) else None
