"""Dates the way sources write them, always made timezone-aware.

Feeds and pages write dates in many shapes: RFC 822 (``Wed, 3 Mar 2021
08:15:00 -0500``), ISO 8601, RFC 822 with the weekday and month in the feed's
own language (``Qua, 3 Mar 2021``), or US style without a zone (``Sat, Mar 2
2024 11:05:10 AM``). :func:`parse_date` reads all of these; a date without a
zone takes the zone the caller says the source uses (UTC by default).

:func:`day_window` turns a briefing day into the half-open interval of
instants whose articles belong to it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefgen.errors import ConfigError

# Month names and abbreviations in the languages of the feeds we meet, mapped to
# the English abbreviation RFC 822 expects. Ambiguous prefixes are avoided: each
# key is matched as a whole word.
_MONTHS = {
    "jan": 1, "january": 1, "janeiro": 1, "gennaio": 1, "januar": 1, "janvier": 1,
    "enero": 1, "ene": 1, "gen": 1, "jän": 1,
    "feb": 2, "february": 2, "fev": 2, "fevereiro": 2, "febbraio": 2, "februar": 2,
    "février": 2, "fevrier": 2, "febrero": 2, "fév": 2,
    "mar": 3, "march": 3, "março": 3, "marco": 3, "marzo": 3, "märz": 3, "mär": 3,
    "maerz": 3, "mars": 3,
    "apr": 4, "april": 4, "abr": 4, "abril": 4, "aprile": 4, "avr": 4, "avril": 4,
    "may": 5, "mai": 5, "maio": 5, "maggio": 5, "mayo": 5, "mag": 5,
    "jun": 6, "june": 6, "junho": 6, "giugno": 6, "juni": 6, "juin": 6, "junio": 6,
    "giu": 6,
    "jul": 7, "july": 7, "julho": 7, "luglio": 7, "juli": 7, "juillet": 7, "julio": 7,
    "lug": 7, "juil": 7,
    "aug": 8, "august": 8, "ago": 8, "agosto": 8, "août": 8, "aout": 8,
    "sep": 9, "sept": 9, "september": 9, "set": 9, "setembro": 9, "settembre": 9,
    "septembre": 9, "septiembre": 9,
    "oct": 10, "october": 10, "out": 10, "outubro": 10, "ottobre": 10, "okt": 10,
    "oktober": 10, "octobre": 10, "octubre": 10, "ott": 10,
    "nov": 11, "november": 11, "novembro": 11, "novembre": 11, "noviembre": 11,
    "dec": 12, "december": 12, "dez": 12, "dezembro": 12, "dicembre": 12, "dezember": 12,
    "décembre": 12, "decembre": 12, "diciembre": 12, "dic": 12, "déc": 12,
}  # fmt: skip
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# A leading weekday in any language ("Seg,", "mer,", "Thursday,") carries no
# information RFC 822 parsing needs, and foreign ones make it fail.
_WEEKDAY = re.compile(r"^\s*[^\W\d_]{2,12}\.?,\s*")
_WORD = re.compile(r"[^\W\d_]+")
# "Dec 16 2023 02:02:33 PM" and "December 16, 2023 2:02 PM": US order, 12-hour clock.
_US = re.compile(
    r"^(?P<mon>[^\W\d_]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"(?:\s+(?:at\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*$"
)
_WINDOW = re.compile(r"(\d+)\s*([dhm])")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_US_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}  # fmt: skip


def parse_date(value: str | None, default_tz: tzinfo = UTC) -> datetime | None:
    """An aware datetime from ``value``, or None when it is not a date we can read.

    A value without a zone is taken to be in ``default_tz``.
    """
    if not value or not value.strip():
        return None
    text = " ".join(value.split())
    parsed = _iso(text) or _us(text) or _rfc822(text) or _rfc822(_englished(text))
    if parsed is None:
        return None
    return ensure_aware(parsed, default_tz)


def has_time(value: str | None) -> bool:
    """Whether a written date gives a time of day (``2017-08-31`` does not)."""
    return bool(value and _CLOCK.search(value))


def day_only(day: date) -> datetime:
    """The instant stored for a source that gave a day but no time: noon UTC of that day.

    Noon keeps it on that calendar day in nearly every zone; the store selects
    such articles by their day, and they are shown without a time.
    """
    return datetime.combine(day, time(12), tzinfo=UTC)


def ensure_aware(moment: datetime, default_tz: tzinfo = UTC) -> datetime:
    """``moment`` itself when it has a zone, else the same wall time in ``default_tz``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=default_tz)
    return moment


def get_zone(name: str) -> tzinfo:
    """The IANA zone ``name`` (e.g. Europe/London), or ConfigError naming it."""
    if name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"timezone {name!r} is not a known IANA zone (use a name such as UTC, "
            "Europe/London or America/New_York)"
        ) from None


def parse_window(window: str) -> tuple[int, timedelta]:
    """``"2d"`` → (2, 0h); ``"36h"`` → (0, 36h); ``"1d12h"`` → (1, 12h).

    Whole days are kept apart from hours so that a day is a calendar day in the
    briefing's zone, whatever its length across a daylight-saving change.
    """
    text = window.strip().lower().replace(" ", "")
    parts = _WINDOW.findall(text)
    if not text or "".join(n + u for n, u in parts) != text:
        raise ConfigError(
            f"window {window!r} is not a duration: use a number of days, hours or "
            "minutes such as 1d, 2d, 36h or 1d12h"
        )
    days = 0
    rest = timedelta()
    for number, unit in parts:
        if unit == "d":
            days += int(number)
        elif unit == "h":
            rest += timedelta(hours=int(number))
        else:
            rest += timedelta(minutes=int(number))
    if days == 0 and not rest:
        raise ConfigError(f"window {window!r} is empty: it must cover some time, e.g. 1d")
    if days > 3660:
        raise ConfigError(f"window {window!r} is longer than ten years")
    return days, rest


def briefing_day(value: str | None, tz: str, *, now: datetime | None = None) -> date:
    """The day ``value`` names: ``today`` (the default), ``yesterday`` or ``YYYY-MM-DD``.

    "Today" is today in ``tz`` (``build.timezone``), not in the machine's own
    zone: the same day every command means, and the one :func:`day_window` spans.
    """
    text = (value or "today").strip().lower()
    if text in ("today", "yesterday"):
        moment = now if now is not None else datetime.now(UTC)
        today = ensure_aware(moment).astimezone(get_zone(tz)).date()
        return today if text == "today" else today - timedelta(days=1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            f"--date {value!r} is not a date: use YYYY-MM-DD, today or yesterday"
        ) from None


def day_window(day: date, tz: str, window: str) -> tuple[datetime, datetime]:
    """The instants [start, end) whose articles belong to the briefing for ``day``.

    The window ends at the end of ``day`` in ``tz`` (midnight that starts the next
    day) and reaches back ``window`` from there: ``1d`` is the calendar day itself.
    Both ends are aware datetimes in ``tz``.
    """
    zone = get_zone(tz)
    days, rest = parse_window(window)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    start = datetime.combine(day + timedelta(days=1 - days), time(0), tzinfo=zone)
    # Hours are elapsed time, so they are taken off in UTC, not on the wall clock.
    start = (start.astimezone(UTC) - rest).astimezone(zone)
    return start, end


def _iso(text: str) -> datetime | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    if not re.match(r"^\d{4}-\d{2}-\d{2}", candidate):
        return None
    candidate = re.sub(r"(?i)z$", "+00:00", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _rfc822(text: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    # parsedate_to_datetime marks "-0000" (zone unknown) as naive; so do we.
    return parsed


def _englished(text: str) -> str:
    """Foreign weekday dropped and month name replaced by its English abbreviation."""
    text = _WEEKDAY.sub("", text)

    def month(match: re.Match[str]) -> str:
        number = _MONTHS.get(match.group(0).lower().rstrip("."))
        return _MONTH_ABBR[number - 1] if number else match.group(0)

    return _WORD.sub(month, text)


def _us(text: str) -> datetime | None:
    match = _US.match(_WEEKDAY.sub("", text))
    if not match:
        return None
    number = _MONTHS.get(match["mon"].lower())
    if not number:
        return None
    hour = int(match["h"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = datetime(
            int(match["year"]), number, int(match["day"]), hour, int(match["m"] or 0),
            int(match["s"] or 0),
        )  # fmt: skip
    except ValueError:
        return None
    zone = match["zone"]
    if zone:
        offset = _US_ZONES.get(zone.upper())
        if offset is not None:
            return moment.replace(tzinfo=UTC if offset == 0 else _fixed(offset * 60))
        signed = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
        if signed:
            minutes = int(signed[2]) * 60 + int(signed[3])
            return moment.replace(tzinfo=_fixed(-minutes if signed[1] == "-" else minutes))
    return moment


def _fixed(minutes: int) -> tzinfo:
    return timezone(timedelta(minutes=minutes))
