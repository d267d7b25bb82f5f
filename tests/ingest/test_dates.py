"""Dates as feeds write them, and the briefing day's window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from briefgen.errors import ConfigError
from briefgen.ingest.dates import day_window, parse_date, parse_window

EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 30 Jan 2018 12:29:57 -0500", datetime(2018, 1, 30, 12, 29, 57, tzinfo=EST)),
        ("Thu, 08 Aug 2024 15:39:03 GMT", datetime(2024, 8, 8, 15, 39, 3, tzinfo=UTC)),
        ("2016-02-01T17:22:00+01:00", datetime(2016, 2, 1, 16, 22, tzinfo=UTC)),
        ("2018-01-31T20:15:15Z", datetime(2018, 1, 31, 20, 15, 15, tzinfo=UTC)),
        ("2018-01-31 20:15:15", datetime(2018, 1, 31, 20, 15, 15, tzinfo=UTC)),
        # Portuguese and Italian weekday and month names.
        ("Seg, 24 Set 2018 19:42:40 -0300", datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC)),
        ("mer, 16 nov 2022 00:38:15 +0100", datetime(2022, 11, 15, 23, 38, 15, tzinfo=UTC)),
        ("Mo, 05 Okt 2020 08:00:00 +0200", datetime(2020, 10, 5, 6, 0, tzinfo=UTC)),
        # US order with a 12-hour clock, with and without a zone.
        ("Sat, Dec 16 2023 02:02:33 PM", datetime(2023, 12, 16, 14, 2, 33, tzinfo=UTC)),
        ("December 16, 2023 2:02 PM EST", datetime(2023, 12, 16, 14, 2, tzinfo=EST)),
        ("Dec 16 2023 12:10 AM", datetime(2023, 12, 16, 0, 10, tzinfo=UTC)),
    ],
)
def test_parse_date_reads_the_shapes_feeds_use(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


def test_a_date_without_zone_takes_the_zone_given() -> None:
    assert parse_date("Sat, Dec 16 2023 02:02:33 PM", EST) == datetime(
        2023, 12, 16, 14, 2, 33, tzinfo=EST
    )


@pytest.mark.parametrize("text", ["", "   ", "yesterday", "32 Foo 2020", None])
def test_parse_date_returns_none_for_what_is_not_a_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_one_day_window_is_the_calendar_day_in_the_zone() -> None:
    start, end = day_window(date(2018, 1, 30), "America/New_York", "1d")
    assert start == datetime(2018, 1, 30, 5, tzinfo=UTC)
    assert end == datetime(2018, 1, 31, 5, tzinfo=UTC)


def test_a_day_across_a_clock_change_is_still_one_calendar_day() -> None:
    start, end = day_window(date(2024, 3, 31), "Europe/London", "1d")
    # Python subtracts same-zone datetimes on the wall clock, so compare in UTC.
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=23)
    assert start.astimezone(UTC) == datetime(2024, 3, 31, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("window", "hours"), [("1d", 24), ("2d", 48), ("36h", 36), ("1d12h", 36), ("90m", 1.5)]
)
def test_windows_reach_back_from_the_end_of_the_day(window: str, hours: float) -> None:
    start, end = day_window(date(2018, 1, 30), "UTC", window)
    assert end == datetime(2018, 1, 31, tzinfo=UTC)
    assert end - start == timedelta(hours=hours)


@pytest.mark.parametrize("window", ["", "3x", "d", "0d", "1w", "-1d", "1.5d"])
def test_a_bad_window_is_a_config_error_naming_it(window: str) -> None:
    with pytest.raises(ConfigError, match=f"window '{window}'"):
        parse_window(window)


def test_a_bad_zone_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match="timezone 'Mars/Olympus_Mons'"):
        day_window(date(2018, 1, 30), "Mars/Olympus_Mons", "1d")


# ---- "the day": one definition for every command ----


def test_today_is_today_in_the_briefing_zone_not_the_machines() -> None:
    from briefgen.ingest.dates import briefing_day

    # 06:58 in Tokyo is still the evening before in UTC.
    tokyo_morning = datetime(2024, 8, 8, 21, 58, tzinfo=UTC)
    assert briefing_day("today", "UTC", now=tokyo_morning) == date(2024, 8, 8)
    assert briefing_day(None, "UTC", now=tokyo_morning) == date(2024, 8, 8)
    assert briefing_day("today", "Asia/Tokyo", now=tokyo_morning) == date(2024, 8, 9)
    assert briefing_day("yesterday", "Asia/Tokyo", now=tokyo_morning) == date(2024, 8, 8)
    assert briefing_day("2017-08-31", "Asia/Tokyo", now=tokyo_morning) == date(2017, 8, 31)


def test_a_day_that_is_not_a_date_says_what_is() -> None:
    from briefgen.ingest.dates import briefing_day

    with pytest.raises(ConfigError) as caught:
        briefing_day("tomorow", "UTC")
    assert str(caught.value) == "--date 'tomorow' is not a date: use YYYY-MM-DD, today or yesterday"
