"""What a setting's type cannot say: ranges, zones, durations, addresses, files.

:func:`value_problem` judges one value, :func:`settings_problems` the settings
that must agree with each other. Both return what is wrong in words a user can
act on, without the key (the caller names the key and where it came from), so
that every mistake is found before any work starts and reported at once.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import ConfigError

if TYPE_CHECKING:
    from briefgen.config import Settings

#: The files ``build.formats`` may name.
FORMATS = ("html", "pdf", "json")
#: The sections ``taxonomy.terms`` may extend.
TERM_SECTIONS = ("security", "trade", "diplomacy", "other")
#: The fields ``email.subject`` may use.
SUBJECT_FIELDS = ("title", "date", "edition")
#: The port each kind of SMTP security is (almost) never used on.
_WRONG_PORTS = {"ssl": (25, 587), "starttls": (465,)}


def _at_least(minimum: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value >= minimum else f"must be at least {minimum}, not {value}"

    return check


def _positive(value: Any) -> str | None:
    return None if value > 0 else f"must be more than 0, not {value}"


def _port(value: Any) -> str | None:
    return None if 1 <= value <= 65535 else f"must be a port number from 1 to 65535, not {value}"


def _timezone(value: Any) -> str | None:
    from briefgen.ingest.dates import get_zone

    return _message(get_zone, value)


def _window(value: Any) -> str | None:
    from briefgen.ingest.dates import parse_window

    return _message(parse_window, value)


def _message(check: Callable[[Any], object], value: Any) -> str | None:
    try:
        check(value)
    except ConfigError as exc:
        return str(exc)
    return None


def _formats(value: Any) -> str | None:
    unknown = [f for f in value if f not in FORMATS]
    if unknown:
        return (
            f"unknown format(s) {', '.join(map(repr, unknown))}: choose from {', '.join(FORMATS)}"
        )
    if not value:
        return f"list at least one of {', '.join(FORMATS)}"
    return None


def _address(value: Any) -> str | None:
    from briefgen.deliver.message import check_address

    try:
        check_address(value, "")
    except ConfigError as exc:
        return str(exc).removeprefix(": ")
    return None


def _addresses(value: Any) -> str | None:
    problems = [p for p in map(_address, value) if p]
    return "; ".join(problems) or None


def _subject(value: Any) -> str | None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
    except ValueError as exc:
        return f"{value!r} is not a valid template ({exc}); write {{{{ and }}}} for braces"
    unknown = [n for n in names if n not in SUBJECT_FIELDS]
    if unknown:
        known = ", ".join("{" + f + "}" for f in SUBJECT_FIELDS)
        return f"unknown field {{{unknown[0]}}} in {value!r}: use {known}"
    return None


def _terms(value: Any) -> str | None:
    unknown = [s for s in value if s not in TERM_SECTIONS]
    if unknown:
        return f"unknown section {unknown[0]!r} (known: {', '.join(TERM_SECTIONS)})"
    return None


def _file(value: Any) -> str | None:
    if value is not None and not Path(value).is_file():
        return f"{value} does not exist; give an existing file or remove the setting"
    return None


def _folder(value: Any) -> str | None:
    if value is not None and not Path(value).is_dir():
        return f"{value} is not a folder; create it or remove the setting"
    return None


_CHECKS: dict[tuple[str, str], Callable[[Any], str | None]] = {
    ("build", "formats"): _formats,
    ("build", "max_points"): _at_least(1),
    ("build", "key_points"): _at_least(0),
    ("build", "sentences_per_article"): _at_least(1),
    ("build", "timezone"): _timezone,
    ("build", "window"): _window,
    ("build", "workers"): _at_least(0),
    ("store", "max_file_bytes"): _at_least(1),
    ("store", "fetch_timeout"): _positive,
    ("taxonomy", "file"): _file,
    ("taxonomy", "terms"): _terms,
    ("render", "templates"): _folder,
    ("email", "port"): _port,
    ("email", "sender"): _address,
    ("email", "recipients"): _addresses,
    ("email", "subject"): _subject,
    ("email", "bcc_batch"): _at_least(0),
    ("email", "timeout"): _positive,
    ("email", "retry_hours"): _positive,
}


def value_problem(table: str, key: str, value: Any) -> str | None:
    """What is wrong with ``value`` as ``table.key`` (its type already checked), or None."""
    check = _CHECKS.get((table, key))
    return check(value) if check is not None else None


def settings_problems(settings: Settings) -> list[tuple[str, str]]:
    """(key, problem) for settings that contradict each other."""
    email = settings.email
    if email.port in _WRONG_PORTS.get(email.security, ()):
        usual = {"ssl": "465", "starttls": "587"}[email.security]
        return [
            (
                "email.security",
                f"{email.security!r} does not work on port {email.port}: set email.port = "
                f"{usual} (the usual port for {email.security}), or choose another "
                "email.security",
            )
        ]
    return []
