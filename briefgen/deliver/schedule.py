"""Crontab lines and systemd units that run briefgen every day at a set local time.

Pure text: nothing is installed. Each recipe is printed on its own, ready to
paste where it goes: the crontab lines into ``crontab -e``, the systemd recipe
into a shell.

cron reads its times in the machine's own zone (``CRON_TZ`` is ignored by
Debian's and Ubuntu's cron, and changes every later line where it is obeyed).
When that zone differs from the schedule's, the line wakes at the right minute
of every hour and goes on only when the clock in the schedule's zone shows the
set time, so a daylight-saving change in either zone needs no edit. systemd
timers take the zone in ``OnCalendar`` itself.

The day each run builds is today in ``build.timezone``, whatever zone the
command runs in.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefgen.errors import ConfigError

#: How often queued messages are tried again, as cron minutes and a systemd calendar.
RETRY_CRON = "*/30 * * * *"
RETRY_CALENDAR = "*-*-* *:00/30:00"
#: Where the cron jobs append their messages, in the working folder.
LOG_NAME = "briefgen.log"


@dataclass(frozen=True)
class Schedule:
    at: time
    timezone: str
    workdir: Path
    email: bool = False
    #: The briefgen program to run (an absolute path).
    program: str = "briefgen"
    config: Path | None = None
    name: str = "briefgen"
    #: The zone cron reads its times in: the machine's (see :func:`machine_zone`).
    cron_zone: str = "UTC"
    #: The desks this run builds (``--desk``); none: every desk.
    desks: tuple[str, ...] = ()
    #: Whether this recipe carries the retry job (one recipe of several does).
    retry: bool = True

    def argv(self, *args: str, log: bool = False) -> list[str]:
        config = ["--config", str(self.config)] if self.config else []
        logging = ["--log-file", str(self.log_file)] if log else []
        return [self.program, *logging, *args, *config, "--quiet"]

    @property
    def log_file(self) -> Path:
        return self.workdir / LOG_NAME

    def build_argv(self, *, log: bool = False) -> list[str]:
        desks = [a for d in self.desks for a in ("--desk", d)]
        return self.argv("build", *desks, *(["--email"] if self.email else []), log=log)

    def retry_argv(self, *, log: bool = False) -> list[str]:
        return self.argv("send", "--retry", log=log)


def parse_at(value: str) -> time:
    """``HH:MM`` (24-hour) as a time; ConfigError otherwise."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        raise ConfigError(f"--at {value!r}: give a 24-hour time as HH:MM, e.g. 06:30")
    return time(int(match[1]), int(match[2]))


def check_timezone(name: str) -> str:
    """An IANA zone name such as Europe/London; ConfigError otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"--timezone {name!r}: not a known time zone; use an IANA name such as "
            "Europe/London or UTC"
        ) from None
    return name


def find_program() -> str:
    """The absolute path of the briefgen command this Python runs, for cron's bare PATH."""
    beside = Path(sys.executable).parent / "briefgen"
    if beside.is_file():
        return str(beside)
    found = shutil.which("briefgen")
    return str(Path(found).absolute()) if found else "briefgen"


def machine_zone(root: Path = Path("/")) -> str:
    """The zone this machine's clock (and so cron) keeps: /etc/localtime's, else UTC."""
    localtime = root / "etc" / "localtime"
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if _is_zone(name):
            return name
    try:
        name = (root / "etc" / "timezone").read_text(encoding="utf-8").strip()
    except OSError:
        name = ""
    return name if name and _is_zone(name) else "UTC"


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _zone(name: str) -> tzinfo:
    return UTC if name.upper() in ("UTC", "GMT") else ZoneInfo(name)


def _wall_clocks(s: Schedule, year: int) -> set[tuple[int, int]]:
    """The (hour, minute) in cron's zone at which the set time falls, through a year."""
    clocks = set()
    for week in range(53):
        day = date(year, 1, 1) + timedelta(weeks=week)
        moment = datetime.combine(day, s.at, tzinfo=_zone(s.timezone))
        local = moment.astimezone(_zone(s.cron_zone))
        clocks.add((local.hour, local.minute))
    return clocks


def crontab(s: Schedule, *, year: int | None = None) -> str:
    """Lines for ``crontab -e``, right in the machine's zone all year round."""
    when = f"{s.at:%H:%M}"
    clocks = _wall_clocks(s, year or datetime.now(UTC).year)
    minutes = {m for _, m in clocks}
    what = f"build {', '.join(s.desks)}" if s.desks else "build"
    lines = [f"# briefgen: {what} every day at {when} {s.timezone}, logging to {s.log_file}"]
    if len(clocks) == 1:
        hour, minute = clocks.pop()
        if (hour, minute) != (s.at.hour, s.at.minute):
            here = f"{hour:02d}:{minute:02d}"
            lines.append(f"# (cron keeps this machine's zone, {s.cron_zone}: {here} here)")
        build = f"{minute} {hour} * * * {_cron_command(s, s.build_argv(log=True))}"
    else:
        lines += [
            f"# cron keeps this machine's zone, {s.cron_zone}, where {when} {s.timezone} is not",
            "# the same time all year: the job wakes every hour and builds only when it is",
            f"# {when} in {s.timezone}.",
        ]
        guard = f'[ "$(TZ={shlex.quote(s.timezone)} date +%H:%M)" = {when} ]'
        minute_field = str(minutes.pop()) if len(minutes) == 1 else "*"
        build = f"{minute_field} * * * * {_cron_command(s, s.build_argv(log=True), guard)}"
    lines.append(build)
    if s.email and s.retry:
        lines += [
            "# briefgen: every 30 minutes, send what is still queued (backoff permitting)",
            f"{RETRY_CRON} {_cron_command(s, s.retry_argv(log=True))}",
        ]
    return "\n".join(lines) + "\n"


def _cron_command(s: Schedule, argv: list[str], guard: str = "") -> str:
    command = f"cd {shlex.quote(str(s.workdir))} && " + shlex.join(argv)
    if guard:
        command = f"{guard} && {command}"
    # cron turns an unescaped % into a newline.
    return command.replace("%", r"\%")


def on_calendar(s: Schedule) -> str:
    return f"*-*-* {s.at:%H:%M}:00 {s.timezone}"


def systemd_units(s: Schedule) -> dict[str, str]:
    """Unit file name -> contents, for ``~/.config/systemd/user/``."""
    what = "Build and e-mail" if s.email else "Build"
    units = {
        f"{s.name}.service": _service(s, f"{what} the daily briefing", s.build_argv()),
        f"{s.name}.timer": _timer(
            f"{what} the daily briefing at {s.at:%H:%M} {s.timezone}", on_calendar(s)
        ),
    }
    if s.email and s.retry:
        units[f"{s.name}-retry.service"] = _service(
            s, "Send queued briefing e-mails", s.retry_argv()
        )
        units[f"{s.name}-retry.timer"] = _timer(
            "Send queued briefing e-mails every 30 minutes", RETRY_CALENDAR
        )
    return units


def _service(s: Schedule, description: str, argv: list[str]) -> str:
    return (
        "[Unit]\n"
        f"Description={description}\n"
        "Wants=network-online.target\n"
        "After=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"WorkingDirectory={_unit_escape(str(s.workdir))}\n"
        f"ExecStart={' '.join(_exec_word(a) for a in argv)}\n"
    )


def _timer(description: str, calendar: str) -> str:
    return (
        "[Unit]\n"
        f"Description={description}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={calendar}\n"
        # Run at boot when the machine was off at the set time.
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def _unit_escape(value: str) -> str:
    return value.replace("%", "%%")


def _exec_word(word: str) -> str:
    word = _unit_escape(word)
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_script(s: Schedule) -> str:
    """A shell recipe that writes the systemd user units and starts their timers."""
    units = systemd_units(s)
    timers = " ".join(n for n in units if n.endswith(".timer"))
    lines = [
        f"# briefgen: a systemd user timer that builds every day at {s.at:%H:%M} {s.timezone}",
        "# (OnCalendar carries the zone: daylight-saving changes need no edit).",
        f"# Paste into a shell. Messages: journalctl --user -u {s.name}",
        'mkdir -p "$HOME/.config/systemd/user"',
    ]
    for name, text in units.items():
        lines += [
            f"cat > \"$HOME/.config/systemd/user/{name}\" <<'UNIT'",
            text.rstrip("\n"),
            "UNIT",
        ]
    lines += [
        "systemctl --user daemon-reload",
        f"systemctl --user enable --now {timers}",
        'loginctl enable-linger "$USER"  # so the timers run while you are logged out',
    ]
    return "\n".join(lines) + "\n"


def render(s: Schedule, fmt: str = "cron") -> str:
    """What ``briefgen schedule`` prints: the crontab lines, or the systemd shell recipe."""
    return systemd_script(s) if fmt == "systemd" else crontab(s)


def desk_schedules(plan: Schedule, desk_times: dict[str, time | None]) -> list[Schedule]:
    """One recipe per time of day for the desks (name -> own time, None: ``plan.at``).

    Desks that share a time share a run (``--desk`` each); the first recipe alone
    carries the retry job. No desks: ``plan`` itself.
    """
    if not desk_times:
        return [plan]
    by_time: dict[time, list[str]] = {}
    for name, at in desk_times.items():
        by_time.setdefault(at or plan.at, []).append(name)
    every = len(by_time) == 1
    return [
        replace(
            plan,
            at=at,
            desks=() if every else tuple(names),
            name=plan.name if every else f"{plan.name}-{'-'.join(names)}",
            retry=n == 0,
        )
        for n, (at, names) in enumerate(sorted(by_time.items()))
    ]
