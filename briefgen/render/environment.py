"""The Jinja environment: where templates come from, and errors that name file and line.

A user's folder (``render.templates``) comes first, so any file in it replaces
the built-in one of the same name; the built-in theme stays reachable as
``default:NAME`` so that an override can ``{% extends "default:briefing.html" %}``
and change one block. Autoescape is on for every template and the environment
is sandboxed: article text only ever arrives as data, never as template source.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import SandboxedEnvironment

import briefgen
from briefgen.config import Settings
from briefgen.errors import TemplateError
from briefgen.ingest.outlets import UNKNOWN_OUTLET
from briefgen.models import Source, plural

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def default_template_dir() -> Path:
    """The built-in theme: inside the package for a wheel, else the repository's ``templates/``."""
    package = Path(briefgen.__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "briefing.html").is_file():
            return candidate
    raise TemplateError(
        f"the built-in theme is missing: no briefing.html in {package / 'templates'} "
        f"or {package.parent / 'templates'}; reinstall briefgen"
    )


def template_dirs(settings: Settings) -> list[Path]:
    """Folders searched for templates, first match wins: the user's, then the built-in theme."""
    dirs: list[Path] = []
    user = settings.render.templates
    if user is not None:
        if not user.is_dir():
            raise TemplateError(
                f"render.templates: {user} is not a folder; create it or remove the setting"
            )
        dirs.append(user.resolve())
    dirs.append(default_template_dir())
    return dirs


def environment(settings: Settings) -> SandboxedEnvironment:
    """The environment for ``settings`` (cached per set of template folders)."""
    return _environment(tuple(template_dirs(settings)))


@lru_cache(maxsize=8)
def _environment(dirs: tuple[Path, ...]) -> SandboxedEnvironment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in dirs]),
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(dirs[-1]))}, ":"),
        ]
    )
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        # A misspelt name in a template is an error, not an empty string in a briefing.
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def render_template(settings: Settings, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``; any template fault becomes a TemplateError naming file and line."""
    dirs = template_dirs(settings)
    env = _environment(tuple(dirs))
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise TemplateError(f"{where}, line {exc.lineno}: {exc.message}; fix the template") from exc
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(str(d) for d in dirs)
        raise TemplateError(
            f"template {exc.name!r} not found{_location(exc, dirs)} (searched {searched}); "
            "add the file or remove the reference to it"
        ) from exc
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        location = _location(exc, dirs)
        if not location:
            raise  # not raised by template code: a bug to report, not a theme to fix
        message = getattr(exc, "message", None) or str(exc)
        raise TemplateError(f"template error{location}: {message}; fix the template") from exc


def _location(exc: BaseException, dirs: list[Path]) -> str:
    """' in FILE, line N' for the innermost template frame of the traceback, else ''."""
    roots = [str(d) for d in dirs]
    found = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if any(frame.filename.startswith(root) for root in roots):
            found = f" in {frame.filename}, line {frame.lineno}"
    return found


# ---- filters: formatting that does not depend on the machine's locale ----


def long_date(value: date | datetime) -> str:
    """'Thursday 31 August 2017'."""
    return f"{_DAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"


def short_date(value: date | datetime) -> str:
    """'31 Aug 2017'."""
    return f"{value.day} {_MONTHS[value.month - 1][:3]} {value.year}"


def date_time(value: datetime, zone: str = "UTC") -> str:
    """'31 Aug 2017, 02:15 EDT': the time in ``zone`` (build.timezone), with the zone's name.

    Naive times are taken as UTC.
    """
    moment = in_zone(value, zone)
    return f"{short_date(moment)}, {moment:%H:%M} {zone_name(moment, zone)}"


def published(source: Source, zone: str = "UTC") -> str:
    """When ``source`` was published: its day alone when it gave no time, else :func:`date_time`."""
    if source.date_only:
        return short_date(source.published.astimezone(UTC))
    return date_time(source.published, zone)


def published_day(source: Source, zone: str = "UTC") -> str:
    """'31 Aug 2017': the day ``source`` was published, in ``zone``."""
    if source.date_only:
        return short_date(source.published.astimezone(UTC))
    return short_date(in_zone(source.published, zone))


def published_iso(source: Source) -> str:
    """For ``<time datetime>``: the instant, or only the day when the source gave no time."""
    if source.date_only:
        return source.published.astimezone(UTC).date().isoformat()
    return source.published.isoformat()


def in_zone(value: datetime, zone: str) -> datetime:
    from briefgen.ingest.dates import get_zone

    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(get_zone(zone))


def zone_name(moment: datetime, zone: str) -> str:
    """'EDT', 'BST', 'UTC'; a zone with no abbreviation of its own is 'UTC+04'."""
    name = moment.tzname() or zone
    return f"UTC{name}" if name[:1] in "+-" else name


def iso_date(value: date | datetime) -> str:
    return value.isoformat()


def w3c_datetime(value: datetime) -> str:
    """The form WeasyPrint reads from ``dcterms.created``: 2017-08-31T06:00:00Z."""
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def web_url(value: str | None) -> str | None:
    """The URL when it is http(s); anything else (javascript:, file:) is never made a link."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def hostname(value: str | None) -> str:
    """'theguardian.com' for a web URL, '' otherwise."""
    url = web_url(value)
    if url is None:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def unquote(value: str) -> str:
    """A quotation without the quote marks around it (the template adds typographic ones)."""
    return value.strip().strip("\"'“”‘’«»„").strip()


def thousands(value: int) -> str:
    return f"{value:,}"


#: Words of a title that name an unnamed outlet's article in a list of sources.
_NAME_WORDS = 8


def stop(text: str) -> str:
    """The full stop to put after ``text`` in a list: none when it already ends a
    sentence ("Talks resume…", "Who pays?", "Deal done.")."""
    return "" if text.rstrip().rstrip("\"'”’)]").endswith((".", "!", "?", "…")) else "."


def outlet_label(source: Source) -> str:
    """The outlet to print beside a source, or "" when none is known (a local file):
    the citation then stands on the article's title and date alone."""
    return "" if source.outlet == UNKNOWN_OUTLET else source.outlet


def source_name(source: Source) -> str:
    """How a list of sources names ``source``: its outlet, or, when no outlet is known,
    the opening words of its title in quotation marks ("“Talks resume in Geneva…”")."""
    if source.outlet != UNKNOWN_OUTLET:
        return source.outlet
    words = source.title.split()
    if not words:
        return source.outlet
    short = " ".join(words[:_NAME_WORDS]).rstrip(",;:.")
    return f"“{short}…”" if len(words) > _NAME_WORDS else f"“{short}”"


FILTERS: dict[str, Callable[..., Any]] = {
    "long_date": long_date,
    "short_date": short_date,
    "date_time": date_time,
    "published": published,
    "published_day": published_day,
    "published_iso": published_iso,
    "iso_date": iso_date,
    "w3c_datetime": w3c_datetime,
    "web_url": web_url,
    "hostname": hostname,
    "plural": plural,
    "thousands": thousands,
    "outlet_label": outlet_label,
    "stop": stop,
    "source_name": source_name,
    "unquote": unquote,
}
