"""`briefgen send`, `outbox` and `schedule`, run as a cron job would run them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.deliver.conftest import DAY, HOLD_LOCK, READERS, Recorder, Server, free_port

BRIEFGEN = shutil.which("briefgen", path=str(Path(sys.executable).parent)) or "briefgen"
D = DAY.isoformat()


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    return {**clean, "NO_COLOR": "1", "COLUMNS": "200"}


def briefgen(
    *args: str, cwd: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRIEFGEN, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**env(), **(extra_env or {})},
        timeout=120,
    )


def configure(folder: Path, port: int, **email: object) -> None:
    lines = [
        "[build]",
        'out = "reports"',
        "[email]",
        'host = "127.0.0.1"',
        f"port = {port}",
        'sender = "desk@example.org"',
        "timeout = 5.0",
        "recipients = [" + ", ".join(f'"{r}"' for r in READERS) + "]",
    ]
    lines += [f"{k} = {json.dumps(v)}" for k, v in email.items()]
    (folder / "briefgen.toml").write_text("\n".join(lines) + "\n")


@pytest.fixture
def work(out: Path) -> Path:
    return out.parent  # holds reports/ with the edition of DAY


def test_send_then_send_again(work: Path, smtp_server: Server) -> None:
    configure(work, smtp_server.port)

    first = briefgen("send", "--date", D, cwd=work)
    second = briefgen("send", "--date", D, cwd=work)
    quiet = briefgen("send", "--date", D, "--quiet", cwd=work)

    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"{D}: sent 3, already sent 0, queued 0, failed 0")
    assert second.returncode == 0 and "sent 0, already sent 3" in second.stdout
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)


def test_server_down_exit_3_then_delivered_once(work: Path) -> None:
    port = free_port()
    configure(work, port)

    down = briefgen("send", "--date", D, "--quiet", cwd=work)

    assert down.returncode == 3
    assert "Traceback" not in down.stderr
    assert "queued 3" in down.stderr and "connection refused by 127.0.0.1" in down.stderr
    assert (work / "reports" / D / f"briefing-{D}.pdf").is_file()
    listed = briefgen("outbox", "--format", "json", cwd=work)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {(r["recipient"], r["state"]) for r in rows} == {
        (r, "failed-temporary") for r in READERS
    }
    table = briefgen("outbox", cwd=work)
    assert table.stdout.splitlines()[0].split()[:3] == ["DATE", "RECIPIENT", "STATE"]
    assert "connection refused" in table.stdout

    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        not_due = briefgen("send", "--retry", cwd=work)  # backoff not over yet
        assert not_due.returncode == 3 and recorder.received == []
        now = briefgen("send", "--date", D, cwd=work)  # an explicit send does not wait
        again = briefgen("send", "--retry", cwd=work)
    finally:
        controller.stop()
    assert now.returncode == 0, now.stderr
    assert again.returncode == 0 and "retry: sent 0" in again.stdout
    assert recorder.count() == dict.fromkeys(READERS, 1)
    assert "outbox is empty" in briefgen("outbox", cwd=work).stdout


def test_header_injection_through_to_is_refused(work: Path, smtp_server: Server) -> None:
    configure(work, smtp_server.port)

    result = briefgen("send", "--date", D, "--to", "a@example.org\r\nBcc: b@example.org", cwd=work)

    assert result.returncode == 2
    assert result.stderr.startswith(
        "briefgen: error: --to: 'a@example.org\\r\\nBcc: b@example.org'"
    )
    assert "nothing was sent" in result.stderr
    assert smtp_server.recorder.received == []
    assert briefgen("outbox", "--all", "--format", "json", cwd=work).stdout == ""


def test_permanent_failure_exit_3_and_reason(work: Path, smtp_server: Server) -> None:
    configure(work, smtp_server.port)
    smtp_server.recorder.rcpt_always["ben@example.net"] = "550 5.1.1 User unknown"

    result = briefgen("send", "--date", D, cwd=work)

    assert result.returncode == 3
    assert "failed  ben@example.net: the server refused this reader: 550 5.1.1 User unknown" in (
        result.stderr
    )
    assert smtp_server.recorder.count() == {"ana@example.org": 1, "chloe@example.com": 1}


def test_two_sends_at_once_deliver_one_message_per_reader(work: Path, smtp_server: Server) -> None:
    configure(work, smtp_server.port)
    runs = [
        subprocess.Popen(
            [BRIEFGEN, "send", "--date", D, "--to", "dora@example.org"],
            cwd=work,
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in runs]

    codes = sorted(code for code, _, _ in results)
    assert set(codes) <= {0, 4} and 0 in codes, results
    for code, _, err in results:
        if code == 4:
            assert "another briefgen run is building or sending" in err
    assert smtp_server.recorder.count() == {**dict.fromkeys(READERS, 1), "dora@example.org": 1}


def test_a_held_lock_gives_exit_4(work: Path, smtp_server: Server) -> None:
    configure(work, smtp_server.port)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(work / "reports"), D],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = briefgen("send", "--date", D, cwd=work)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 4
    assert result.stderr.startswith(
        f"briefgen: error: another briefgen run is building or sending {D}"
    )
    assert smtp_server.recorder.received == []


def test_dry_run_writes_eml_files(work: Path, smtp_server: Server) -> None:
    configure(work, smtp_server.port)

    result = briefgen("send", "--date", D, "--dry-run", cwd=work)

    assert result.returncode == 0, result.stderr
    files = sorted((work / "reports" / D / "dry-run").glob("*.eml"))
    assert [f.name for f in files] == [f"{i:03d}-{r}.eml" for i, r in enumerate(READERS, 1)]
    assert "Subject: Morning Brief" in files[0].read_text()
    assert smtp_server.recorder.received == []


def test_password_from_the_environment_never_shows(work: Path) -> None:
    configure(work, free_port(), user="desk")
    secret = "hunter2-Very-Secret"

    result = briefgen("send", "--date", D, cwd=work, extra_env={"BRIEFGEN_SMTP_PASSWORD": secret})
    listed = briefgen("outbox", "--format", "json", cwd=work)

    assert result.returncode == 3
    for text in (result.stdout, result.stderr, listed.stdout):
        assert secret not in text
    for path in (work / "reports").rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_bad_usage_is_one_line_exit_2(work: Path, smtp_server: Server) -> None:
    configure(work, smtp_server.port)
    cases = {
        ("send", "--date", "2031-02-30"): "--date '2031-02-30' is not a date",
        ("send", "--date", "2031-03-15"): "no edition for 2031-03-15",
        ("send", "--retry", "--to", "x@example.org"): "--to adds readers",
        ("schedule", "--at", "25:00"): "--at '25:00'",
        ("schedule", "--at", "06:00", "--timezone", "Nowhere/Town"): "'Nowhere/Town'",
    }
    for args, message in cases.items():
        result = briefgen(*args, cwd=work)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_sending_a_day_never_built_leaves_nothing_behind(tmp_path: Path) -> None:
    result = briefgen("send", "--date", "2031-03-15", "--to", "x@example.org", cwd=tmp_path)
    assert result.returncode == 2
    assert "no edition for 2031-03-15" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_schedule_prints_one_paste_ready_recipe_at_a_time(work: Path) -> None:
    args = ("schedule", "--at", "06:30", "--timezone", "Europe/London", "--email")
    result = briefgen(*args, "--workdir", str(work), cwd=work)
    assert result.returncode == 0, result.stderr
    cron = result.stdout
    # Only crontab lines: comments and jobs, no systemd unit, no CRON_TZ.
    assert all(
        line.startswith("#") or re.match(r"^(\*|\*/\d+|\d+) ", line) for line in cron.splitlines()
    ), cron
    assert "CRON_TZ" not in cron and "[Unit]" not in cron
    job = next(line for line in cron.splitlines() if " build " in line and line[0] != "#")
    assert f"--log-file {work}/briefgen.log build --email --quiet" in job
    program = job.split(" && ")[-1].split()[0]
    assert Path(program).is_absolute() and os.access(program, os.X_OK)
    systemd = briefgen(*args, "--format", "systemd", "--workdir", str(work), cwd=work).stdout
    assert "OnCalendar=*-*-* 06:30:00 Europe/London" in systemd
    assert f"WorkingDirectory={work}" in systemd
    assert "crontab" not in systemd and not re.search(r"^\d+ \d+ \* \* \*", systemd, re.M)
