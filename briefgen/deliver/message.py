"""The e-mail for one edition: plain text, an HTML alternative and the PDF attached.

Addresses are checked before anything is sent. Only a bare ``local@domain``
(RFC 5322 dot-atom on both sides, ASCII) passes: no display names, no comments,
no line breaks, so nothing a reader list or ``--to`` holds can add a header.
"""

from __future__ import annotations

import hashlib
import re
import string
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from briefgen.deliver.editions import Edition, plain_text
from briefgen.errors import ConfigError, InputError

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDR_SPEC = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@{_LABEL}(?:\.{_LABEL})*")
#: RFC 5321: at most 64 octets before the @ and 254 in all.
_MAX_LOCAL, _MAX_ADDRESS = 64, 254

SUBJECT_FIELDS = ("title", "date", "edition")


def check_address(address: str, where: str) -> str:
    """Return ``address`` when it is a plain addr-spec, else raise ConfigError naming it.

    ``where`` names its origin for the message, e.g. ``--to`` or ``email.recipients``.
    """
    if not isinstance(address, str):
        raise ConfigError(f"{where}: {address!r} is not an e-mail address")
    if any(ch in address for ch in "\r\n\0"):
        raise ConfigError(
            f"{where}: {address!r} contains a line break; give one plain address "
            "such as reader@example.org"
        )
    if (
        not _ADDR_SPEC.fullmatch(address)
        or len(address) > _MAX_ADDRESS
        or len(address.partition("@")[0]) > _MAX_LOCAL
    ):
        raise ConfigError(
            f"{where}: {address!r} is not a plain e-mail address; "
            "write it as name@example.org, without a display name, quotes or spaces"
        )
    return address


def check_recipients(configured: Iterable[str], extra: Iterable[str]) -> list[str]:
    """All readers, configured first, each once (case-insensitively); every one checked."""
    readers: list[str] = []
    seen: set[str] = set()
    checked = [(a, "email.recipients") for a in configured] + [(a, "--to") for a in extra]
    problems: list[str] = []
    for address, where in checked:
        try:
            check_address(address, where)
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        if address.lower() not in seen:
            seen.add(address.lower())
            readers.append(address)
    if problems:
        raise ConfigError("; ".join(problems) + "; nothing was sent")
    return readers


def subject_line(template: str, edition: Edition) -> str:
    """Fill ``email.subject``; ConfigError when it names an unknown field."""
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
        unknown = [n for n in names if n not in SUBJECT_FIELDS]
        if not unknown:
            filled = template.format(
                title=edition.title, date=edition.day.isoformat(), edition=edition.number
            )
    except (ValueError, IndexError, KeyError, AttributeError) as exc:
        raise ConfigError(
            f"email.subject: {template!r} is not a valid template ({exc}); "
            'write e.g. "{title} — {date}" (double a brace to print one)'
        ) from exc
    if unknown:
        raise ConfigError(
            f"email.subject: unknown field {{{unknown[0]}}}; "
            f"use {', '.join('{' + f + '}' for f in SUBJECT_FIELDS)}"
        )
    # A subject is one line whatever the title holds.
    return " ".join(filled.split())


def new_message_id(sender: str, edition: Edition) -> str:
    """A globally unique Message-ID, kept in the ledger so a resend reuses it."""
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<briefgen.{edition.day.isoformat()}.{uuid.uuid4().hex}@{domain}>"


def build_message(
    edition: Edition,
    *,
    sender: str,
    to: Sequence[str],
    subject: str,
    message_id: str,
    sent_at: datetime | None = None,
    require_pdf: bool = False,
) -> EmailMessage:
    """The message for ``to`` (one reader, or the sender itself for a Bcc batch).

    Every file comes from the edition's one build folder and must be the file
    its manifest lists (same size and SHA-256). Raises InputError when a file
    the edition was built with is missing, damaged or unreadable, or when
    ``require_pdf`` and there is no PDF: a reader never gets half an edition.
    """
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = format_datetime(sent_at or datetime.now(UTC))
    msg["Message-ID"] = message_id
    # Tells mail servers this is automatic, so they send no vacation replies.
    msg["Auto-Submitted"] = "auto-generated"
    text = _part(edition, ".txt")
    msg.set_content(
        text.decode("utf-8") if text is not None else plain_text(edition),
        subtype="plain",
        cte="quoted-printable",
    )
    html = _part(edition, ".email.html")
    if html is None:
        html = _part(edition, ".html")
    if html is not None:
        msg.add_alternative(html.decode("utf-8", "replace"), subtype="html")
    pdf = _part(edition, ".pdf")
    if pdf is None and require_pdf:
        raise InputError(
            f"{edition.shown(_name(edition, '.pdf'))}: the edition's PDF is missing; "
            f"rebuild the edition (briefgen build --date {edition.day.isoformat()})"
        )
    if pdf is not None:
        msg.add_attachment(
            pdf,
            maintype="application",
            subtype="pdf",
            filename=_name(edition, ".pdf"),
        )
    return msg


def _name(edition: Edition, suffix: str) -> str:
    return edition.file_name(suffix)


def _part(edition: Edition, suffix: str) -> bytes | None:
    """The bytes of the edition's file with ``suffix``; None when it was not built."""
    path = edition.folder / _name(edition, suffix)
    shown = edition.shown(path.name)
    rebuild = f"rebuild the edition (briefgen build --date {edition.day.isoformat()})"
    manifest = edition.manifest
    if manifest is not None and not manifest:
        raise InputError(f"{edition.shown('manifest.json')}: cannot be read; {rebuild}")
    expected = manifest.get(path.name) if manifest is not None else None
    if not path.is_file():
        if expected is None:
            return None
        what = "the edition's PDF is missing" if suffix == ".pdf" else "missing"
        raise InputError(f"{shown}: {what}, though the edition was built with it; {rebuild}")
    try:
        data = path.read_bytes()
        if path.suffix == ".txt":
            data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InputError(f"{shown}: cannot be read ({why}); {rebuild}") from exc
    if expected is not None and (len(data), hashlib.sha256(data).hexdigest()) != expected:
        raise InputError(
            f"{shown}: not the file the edition was built with ({len(data):,} bytes, "
            f"{expected[0]:,} expected); {rebuild}"
        )
    return data
