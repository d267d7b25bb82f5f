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
#: Tables holding several named tables: ``[desks.NAME]``, ``[sections.NAME]``, ``[readers.X]``.
NAMED_TABLES = ("desks", "sections", "readers")
#: The sections every desk may use without defining them.
BUILT_IN_SECTIONS = ("security", "diplomacy", "trade")
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


def _schedule(value: Any) -> str | None:
    from briefgen.deliver.schedule import parse_at

    if not value:
        return None
    return _message(parse_at, value)


def _desk_name(name: str) -> str | None:
    import re
    from datetime import date

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        return "a desk name is its folder's name: use letters, digits, - and _ only"
    try:
        date.fromisoformat(name)
    except ValueError:
        return None
    return "a desk name cannot be a date (the default desk's editions use those folders)"


def _desk_problems(settings: Settings) -> list[tuple[str, str]]:
    """Desks, custom sections and readers that name what does not exist."""
    problems: list[tuple[str, str]] = []
    custom = settings.sections
    known = (*BUILT_IN_SECTIONS, *custom)
    for name, section in custom.items():
        if name in (*BUILT_IN_SECTIONS, "other"):
            problems.append(
                (f"sections.{name}", f"{name!r} is a built-in section; choose another name")
            )
        elif not section.terms and not section.examples:
            problems.append(
                (f"sections.{name}", "give terms or examples, or the section can take nothing")
            )
    for name, desk in settings.desks.items():
        problem = _desk_name(name)
        if problem:
            problems.append((f"desks.{name}", problem))
        unknown = [s for s in desk.sections if s not in known]
        if unknown:
            problems.append(
                (
                    f"desks.{name}.sections",
                    f"unknown section {unknown[0]!r} (known: {', '.join(known)}); "
                    f"define it under [sections.{unknown[0]}]",
                )
            )
        elif not desk.sections:
            problems.append((f"desks.{name}.sections", "list at least one section"))
        twice = sorted({s for s in desk.sections if desk.sections.count(s) > 1})
        if twice:
            problems.append((f"desks.{name}.sections", f"{twice[0]!r} is listed twice"))
    for address, reader in settings.readers.items():
        unknown = [s for s in reader.sections if s not in known]
        if unknown:
            problems.append(
                (
                    f'readers."{address}".sections',
                    f"unknown section {unknown[0]!r} (known: {', '.join(known)})",
                )
            )
    return problems


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
    ("desks", "max_points"): _at_least(0),
    ("desks", "templates"): _folder,
    ("desks", "recipients"): _addresses,
    ("desks", "schedule"): _schedule,
    ("sections", "threshold"): _at_least(0),
}


def value_problem(table: str, key: str, value: Any) -> str | None:
    """What is wrong with ``value`` as ``table.key`` (its type already checked), or None.

    ``table`` may name one of several tables of a kind, e.g. ``desks.asia``.
    """
    kind, _, _name = table.partition(".")
    check = _CHECKS.get((kind if kind in NAMED_TABLES else table, key))
    return check(value) if check is not None else None


def settings_problems(settings: Settings) -> list[tuple[str, str]]:
    """(key, problem) for settings that contradict each other."""
    email = settings.email
    problems = _desk_problems(settings)
    if email.port in _WRONG_PORTS.get(email.security, ()):
        usual = {"ssl": "465", "starttls": "587"}[email.security]
        problems += [
            (
                "email.security",
                f"{email.security!r} does not work on port {email.port}: set email.port = "
                f"{usual} (the usual port for {email.security}), or choose another "
                "email.security",
            )
        ]
    return problems
