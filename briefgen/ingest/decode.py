"""Bytes to text, refusing what is not text.

Order: a byte-order mark wins; then strict UTF-8; then cp1252 (a superset of
Latin-1 for printable text, which is what old feeds and Windows text files use).
"""

from __future__ import annotations

import codecs

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
