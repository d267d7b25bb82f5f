"""Crontab lines and systemd units that run briefgen every day at a set local time.

Pure text: nothing is installed. The commands run with ``TZ`` set to the same
zone as the schedule, so that "today" for ``briefgen build`` is the day the
schedule means, whatever the machine's own zone is.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefgen.errors import ConfigError

#: How often queued messages are tried again, as cron minutes and a systemd calendar.
RETRY_CRON = "*/30 * * * *"
RETRY_CALENDAR = "*-*-* *:00/30:00"


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

    def argv(self, *args: str) -> list[str]:
        config = ["--config", str(self.config)] if self.config else []
        return [self.program, *args, *config, "--quiet"]

    @property
    def build_argv(self) -> list[str]:
        return self.argv("build", *(["--email"] if self.email else []))

    @property
    def retry_argv(self) -> list[str]:
        return self.argv("send", "--retry")


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


def crontab(s: Schedule) -> str:
    """Lines for ``crontab -e``: CRON_TZ for when, TZ for what "today" means."""
    lines = [
        f"# briefgen: every day at {s.at:%H:%M} {s.timezone}",
        f"CRON_TZ={s.timezone}",
        f"{s.at.minute} {s.at.hour} * * * {_cron_command(s, s.build_argv)}",
    ]
    if s.email:
        lines += [
            "# briefgen: send what is still queued (backoff permitting)",
            f"{RETRY_CRON} {_cron_command(s, s.retry_argv)}",
        ]
    return "\n".join(lines) + "\n"


def _cron_command(s: Schedule, argv: list[str]) -> str:
    command = f"cd {shlex.quote(str(s.workdir))} && TZ={shlex.quote(s.timezone)} " + shlex.join(
        argv
    )
    # cron turns an unescaped % into a newline.
    return command.replace("%", r"\%")


def on_calendar(s: Schedule) -> str:
    return f"*-*-* {s.at:%H:%M}:00 {s.timezone}"


def systemd_units(s: Schedule) -> dict[str, str]:
    """Unit file name -> contents, for ``~/.config/systemd/user/``."""
    what = "Build and e-mail" if s.email else "Build"
    units = {
        f"{s.name}.service": _service(s, f"{what} the daily briefing", s.build_argv),
        f"{s.name}.timer": _timer(
            f"{what} the daily briefing at {s.at:%H:%M} {s.timezone}", on_calendar(s)
        ),
    }
    if s.email:
        units[f"{s.name}-retry.service"] = _service(s, "Send queued briefing e-mails", s.retry_argv)
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
        f"Environment=TZ={s.timezone}\n"
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


def render(s: Schedule, fmt: str = "all") -> str:
    """What ``briefgen schedule`` prints: the crontab, the systemd units, or both."""
    parts: list[str] = []
    if fmt in ("all", "cron"):
        parts.append("# --- crontab (crontab -e) ---\n" + crontab(s))
    if fmt in ("all", "systemd"):
        units = systemd_units(s)
        for name, text in units.items():
            parts.append(f"# --- ~/.config/systemd/user/{name} ---\n{text}")
        timers = " ".join(n for n in units if n.endswith(".timer"))
        parts.append(
            "# then: systemctl --user daemon-reload && "
            f"systemctl --user enable --now {timers}\n"
            '#       loginctl enable-linger "$USER"   # so the timers run while logged out\n'
        )
    return "\n".join(parts)
