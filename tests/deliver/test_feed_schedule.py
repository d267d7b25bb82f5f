"""The Atom feed of editions and the cron / systemd text of `briefgen schedule`."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import time, timedelta
from pathlib import Path

import feedparser
import pytest

from briefgen.deliver import write_edition_feed
from briefgen.deliver.schedule import (
    Schedule,
    check_timezone,
    crontab,
    on_calendar,
    parse_at,
    systemd_units,
)
from briefgen.errors import ConfigError
from tests.deliver.conftest import DAY, write_edition

CRON_FIELD = r"(\*|\*/\d+|\d+(-\d+)?(,\d+)*)"
CRON_LINE = re.compile(rf"^{CRON_FIELD}( {CRON_FIELD}){{4}} \S.*$")


def test_the_feed_has_one_entry_per_edition_newest_first(tmp_path: Path, pdf_bytes: bytes) -> None:
    days = [DAY - timedelta(days=2), DAY, DAY - timedelta(days=1)]
    for day in days:
        write_edition(tmp_path, day, pdf_bytes)
    (tmp_path / "not-a-day").mkdir()
    (tmp_path / "not-a-day" / "briefing-x.json").write_text("{}")
    broken = tmp_path / "2031-01-01"
    broken.mkdir()
    (broken / "briefing-2031-01-01.json").write_text("{not json")

    path = write_edition_feed(
        tmp_path, title="Morning Brief", base_url="https://briefs.example.org/"
    )

    assert path == tmp_path / "feed.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Morning Brief"
    assert parsed.feed.id and parsed.feed.updated
    entries = parsed.entries
    assert [e.title for e in entries] == [
        f"Morning Brief — {d.isoformat()} (No. 7)" for d in sorted(days, reverse=True)
    ]
    first = entries[0]
    links = {link.rel: link for link in first.links}
    assert (
        links["alternate"].href == "https://briefs.example.org/2031-03-14/briefing-2031-03-14.html"
    )
    assert links["enclosure"].href.endswith("/2031-03-14/briefing-2031-03-14.pdf")
    assert links["enclosure"].type == "application/pdf"
    assert "Harbour authorities in Northport reopened berth 1" in first.summary
    assert len({e.id for e in entries}) == 3
    assert not list(tmp_path.glob(".feed.xml.*"))  # no temporary file left behind


def test_the_feed_without_base_url_links_relative_to_itself(
    tmp_path: Path, pdf_bytes: bytes
) -> None:
    write_edition(tmp_path, DAY, pdf_bytes)
    raw = write_edition_feed(tmp_path, title="Brief & <Co>").read_bytes()
    headers = {
        "content-location": "http://x.test/out/feed.xml",
        "content-type": "application/atom+xml",
    }
    parsed = feedparser.parse(raw, response_headers=headers)
    assert not parsed.bozo
    assert parsed.feed.title == "Brief & <Co>"
    assert parsed.entries[0].link == "http://x.test/out/2031-03-14/briefing-2031-03-14.html"
    assert parsed.feed.id.startswith("urn:uuid:")


def test_an_empty_output_folder_gives_a_valid_empty_feed(tmp_path: Path) -> None:
    parsed = feedparser.parse(write_edition_feed(tmp_path, title="Brief").read_bytes())
    assert not parsed.bozo and parsed.entries == []


def plan(**kw: object) -> Schedule:
    base: dict[str, object] = {
        "at": time(6, 30),
        "timezone": "Europe/London",
        "workdir": Path("/srv/brief ing"),
        "email": True,
        "program": "/opt/briefgen/bin/briefgen",
    }
    base.update(kw)
    return Schedule(**base)  # type: ignore[arg-type]


def cron_jobs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_crontab_in_the_schedules_own_zone_is_a_plain_line() -> None:
    jobs = cron_jobs(crontab(plan(cron_zone="Europe/London")))
    assert all(CRON_LINE.match(job) for job in jobs), jobs
    assert jobs[0] == (
        "30 6 * * * cd '/srv/brief ing' && /opt/briefgen/bin/briefgen --log-file "
        "'/srv/brief ing/briefgen.log' build --email --quiet"
    )
    assert jobs[1].startswith("*/30 * * * * ") and jobs[1].endswith("send --retry --quiet")
    assert len(cron_jobs(crontab(plan(email=False, cron_zone="Europe/London")))) == 1


def test_crontab_needs_no_cron_tz_and_keeps_the_time_all_year() -> None:
    text = crontab(plan(cron_zone="America/New_York"), year=2024)
    assert "CRON_TZ" not in text
    build = cron_jobs(text)[0]
    assert CRON_LINE.match(build)
    assert build.startswith(
        "30 * * * * [ \"$(TZ=Europe/London date +\\%H:\\%M)\" = 06:30 ] && cd '/srv/brief ing' && "
    )
    assert "cron keeps this machine's zone, America/New_York" in text


def test_crontab_converts_a_time_that_is_the_same_all_year() -> None:
    # India keeps no daylight saving: 06:30 there is always 01:00 UTC.
    text = crontab(plan(timezone="Asia/Kolkata", cron_zone="UTC"), year=2024)
    assert cron_jobs(text)[0].startswith("0 1 * * * cd ")
    assert "# (cron keeps this machine's zone, UTC: 01:00 here)" in text


def run_guarded(tmp_path: Path, at: time) -> bool:
    marker = tmp_path / "ran"
    marker.unlink(missing_ok=True)
    program = tmp_path / "fake-briefgen"
    program.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    program.chmod(0o755)
    s = plan(
        at=at, timezone="Asia/Tokyo", cron_zone="Europe/London",
        workdir=tmp_path, program=str(program), email=False,
    )  # fmt: skip
    # What cron runs: the command after the five time fields, with \% as %.
    command = cron_jobs(crontab(s))[0].split(" ", 5)[5].replace("\\%", "%")
    subprocess.run(["sh", "-c", command], check=False)
    return marker.exists()


def test_the_cron_guard_lets_the_run_through_only_at_the_set_time(tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    for _attempt in range(3):  # the minute may turn over while the command runs
        now = datetime.now(ZoneInfo("Asia/Tokyo"))
        later = now + timedelta(hours=2)
        results = (
            run_guarded(tmp_path, time(now.hour, now.minute)),
            run_guarded(tmp_path, time(later.hour, later.minute)),
        )
        if datetime.now(ZoneInfo("Asia/Tokyo")).minute == now.minute:
            break
    assert results == (True, False)


def test_machine_zone_reads_etc_localtime(tmp_path: Path) -> None:
    from briefgen.deliver.schedule import machine_zone

    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "timezone").write_text("Europe/Berlin\n", encoding="utf-8")
    assert machine_zone(tmp_path) == "Europe/Berlin"
    zoneinfo = tmp_path / "usr" / "share" / "zoneinfo" / "America"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Chicago").write_bytes(b"")
    (etc / "localtime").symlink_to(zoneinfo / "Chicago")
    assert machine_zone(tmp_path) == "America/Chicago"
    assert machine_zone(tmp_path / "nowhere") == "UTC"


def test_systemd_recipe_is_a_shell_script_that_writes_the_units(tmp_path: Path) -> None:
    from briefgen.deliver.schedule import systemd_script

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    for tool in ("systemctl", "loginctl"):
        stub = bin_dir / tool
        stub.write_text(f'#!/bin/sh\necho "{tool} $*" >> {calls}\n', encoding="utf-8")
        stub.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": f"{bin_dir}:/usr/bin:/bin", "USER": "desk"}
    result = subprocess.run(
        ["sh", "-c", systemd_script(plan())], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    units = home / ".config" / "systemd" / "user"
    assert (units / "briefgen.service").read_text() == systemd_units(plan())["briefgen.service"]
    assert sorted(p.name for p in units.iterdir()) == [
        "briefgen-retry.service", "briefgen-retry.timer", "briefgen.service", "briefgen.timer"
    ]  # fmt: skip
    assert calls.read_text().splitlines() == [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now briefgen.timer briefgen-retry.timer",
        "loginctl enable-linger desk",
    ]


def test_systemd_timer_uses_the_timezone_in_on_calendar() -> None:
    units = systemd_units(plan())
    assert set(units) == {
        "briefgen.service", "briefgen.timer", "briefgen-retry.service", "briefgen-retry.timer"
    }  # fmt: skip
    assert "OnCalendar=*-*-* 06:30:00 Europe/London\n" in units["briefgen.timer"]
    service = units["briefgen.service"]
    assert "ExecStart=/opt/briefgen/bin/briefgen build --email --quiet\n" in service
    assert "WorkingDirectory=/srv/brief ing\n" in service


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_calendar_expressions() -> None:
    s = plan()
    for expression in (on_calendar(s), "*-*-* *:00/30:00"):
        result = subprocess.run(
            ["systemd-analyze", "calendar", expression], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "Next elapse" in result.stdout


@pytest.mark.parametrize("value", ["6:30", "06:30", "23:59", "0:00"])
def test_parse_at_accepts_clock_times(value: str) -> None:
    hour, minute = map(int, value.split(":"))
    assert parse_at(value) == time(hour, minute)


@pytest.mark.parametrize("value", ["24:00", "6.30", "630", "06:60", "noon"])
def test_parse_at_refuses_the_rest(value: str) -> None:
    with pytest.raises(ConfigError, match="HH:MM"):
        parse_at(value)


def test_unknown_timezone_is_refused() -> None:
    assert check_timezone("Europe/London") == "Europe/London"
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        check_timezone("Mars/Olympus")
