"""deliver_edition / retry_queued against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from briefgen.config import Settings
from briefgen.deliver import DeliveryReport, deliver_edition, outbox, retry_queued
from briefgen.errors import ConfigError, InputError
from tests.deliver.conftest import (
    DAY,
    READERS,
    Recorder,
    Server,
    free_port,
    make_settings,
    write_edition,
)

LATER = datetime.now(UTC) + timedelta(days=1)


def test_each_reader_gets_one_message_with_the_pdf_and_both_bodies(
    settings: Settings, smtp_server: Server, pdf_bytes: bytes
) -> None:
    report = deliver_edition(settings, DAY)

    assert report.exit_code == 0
    assert sorted(o.recipient for o in report.sent) == sorted(READERS)
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)
    msg = smtp_server.recorder.to("ana@example.org")[0].message
    assert msg["To"] == "ana@example.org"
    assert msg["From"] == "desk@example.org"
    assert msg["Subject"] == "Morning Brief — 2031-03-14 (No. 7)"
    assert msg["Date"] and msg["Message-ID"]
    plain = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert plain is not None and "Berth 1 reopened." in plain.get_content()
    assert html is not None and "<h1>Morning Brief</h1>" in html.get_content()
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "briefing-2031-03-14.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == pdf_bytes
    # Each reader's message is a message of its own.
    ids = {r.message["Message-ID"] for r in smtp_server.recorder.received}
    assert len(ids) == len(READERS)


def test_a_second_run_sends_nothing_and_a_new_reader_gets_exactly_one(
    settings: Settings, smtp_server: Server
) -> None:
    deliver_edition(settings, DAY)
    again = deliver_edition(settings, DAY)
    assert again.sent == ()
    assert len(again.already_sent) == len(READERS)
    assert "already sent 3" in again.summary()

    extra = deliver_edition(settings, DAY, extra_recipients=["dora@example.org"])
    deliver_edition(settings, DAY, extra_recipients=["Dora@Example.org"])
    assert [o.recipient for o in extra.sent] == ["dora@example.org"]
    assert smtp_server.recorder.count() == {**dict.fromkeys(READERS, 1), "dora@example.org": 1}


def test_server_down_leaves_everything_queued_then_retry_delivers_once(out: Path) -> None:
    port = free_port()  # nothing listens here
    settings = make_settings(out, port)

    report = deliver_edition(settings, DAY)

    assert report.exit_code == 3
    assert report.sent == () and len(report.queued) == len(READERS)
    assert all("connection refused by 127.0.0.1" in (o.error or "") for o in report.queued)
    assert "queued 3" in report.summary()
    assert (out / DAY.isoformat() / "briefing-2031-03-14.pdf").is_file()
    rows = outbox(settings)
    assert {r.state for r in rows} == {"failed-temporary"}
    assert all(r.next_attempt_at and r.next_attempt_at > r.updated_at for r in rows)

    # Not due yet: a retry right now leaves them alone.
    early = retry_queued(settings)
    assert early.sent == () and early.exit_code == 3

    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        retried = retry_queued(settings, now=LATER)
        again = retry_queued(settings, now=LATER + timedelta(hours=1))
    finally:
        controller.stop()
    assert retried.exit_code == 0 and len(retried.sent) == len(READERS)
    assert again.sent == ()
    assert recorder.count() == dict.fromkeys(READERS, 1)
    assert outbox(settings) == []


@pytest.mark.parametrize(
    "reply", ["450 4.2.1 Mailbox busy, try later", "421 4.3.2 Service shutting down"]
)
def test_a_temporary_refusal_is_retried_and_delivered(
    settings: Settings, smtp_server: Server, reply: str
) -> None:
    smtp_server.recorder.rcpt_replies["ben@example.net"] = [reply]

    first = deliver_edition(settings, DAY)

    assert first.exit_code == 3
    assert [o.recipient for o in first.queued] == ["ben@example.net"]
    assert reply.split()[0] in (first.queued[0].error or "")
    assert smtp_server.recorder.count() == {"ana@example.org": 1, "chloe@example.com": 1}

    retried = retry_queued(settings, now=LATER)
    assert [o.recipient for o in retried.sent] == ["ben@example.net"]
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)


def test_421_on_data_then_success(settings: Settings, smtp_server: Server) -> None:
    smtp_server.recorder.data_faults.append("421 4.3.2 Too busy, closing")

    first = deliver_edition(settings, DAY)

    assert [o.recipient for o in first.queued] == ["ana@example.org"]
    assert len(first.sent) == 2  # the client reconnected for the next reader
    retry_queued(settings, now=LATER)
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)


def test_permanent_refusal_for_one_reader_is_not_retried(
    settings: Settings, smtp_server: Server
) -> None:
    smtp_server.recorder.rcpt_always["chloe@example.com"] = "550 5.1.1 No such mailbox"

    report = deliver_edition(settings, DAY)

    assert report.exit_code == 3
    assert sorted(o.recipient for o in report.sent) == ["ana@example.org", "ben@example.net"]
    assert [o.recipient for o in report.failed] == ["chloe@example.com"]
    assert "550 5.1.1 No such mailbox" in (report.failed[0].error or "")
    assert "failed  chloe@example.com" in report.summary()
    (row,) = outbox(settings)
    assert row.state == "failed-permanent" and row.recipient == "chloe@example.com"

    del smtp_server.recorder.rcpt_always["chloe@example.com"]
    assert retry_queued(settings, now=LATER).sent == ()
    # Not retried, but not forgotten either: every run for the edition says so.
    rerun = deliver_edition(settings, DAY)
    assert rerun.sent == () and rerun.exit_code == 3
    assert [o.recipient for o in rerun.failed] == ["chloe@example.com"]
    assert "outbox --requeue" in rerun.summary()
    assert "chloe@example.com" not in smtp_server.recorder.count()


def test_disconnect_during_data_is_retried_without_a_duplicate(
    settings: Settings, smtp_server: Server
) -> None:
    smtp_server.recorder.data_faults.append("disconnect")

    first = deliver_edition(settings, DAY)

    assert [o.recipient for o in first.queued] == ["ana@example.org"]
    assert "closed the connection" in (first.queued[0].error or "")
    assert len(first.sent) == 2
    message_id = first.queued[0].message_id
    retried = retry_queued(settings, now=LATER)
    assert [o.recipient for o in retried.sent] == ["ana@example.org"]
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)
    # The resent message keeps the Message-ID recorded before the first try.
    assert smtp_server.recorder.to("ana@example.org")[0].message["Message-ID"] == message_id


@pytest.mark.parametrize(
    "address",
    [
        "a@example.org\r\nBcc: b@example.org",
        "a@example.org\nBcc: b@example.org",
        "Ann <a@example.org>",
        "a@example.org, b@example.org",
        "not-an-address",
        "a@@example.org",
    ],
)
def test_a_bad_address_is_refused_before_anything_is_sent(
    settings: Settings, smtp_server: Server, address: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        deliver_edition(settings, DAY, extra_recipients=[address])
    assert repr(address) in str(caught.value)
    assert "--to" in str(caught.value)
    assert smtp_server.recorder.received == []
    assert outbox(settings, include_sent=True) == []


def test_a_bad_configured_reader_or_sender_is_named(settings: Settings) -> None:
    bad_reader = replace(settings, email=replace(settings.email, recipients=("x@y\r\nz",)))
    with pytest.raises(ConfigError, match=r"email\.recipients"):
        deliver_edition(bad_reader, DAY)
    bad_sender = replace(settings, email=replace(settings.email, sender="Desk <d@example.org>"))
    with pytest.raises(ConfigError, match=r"email\.sender"):
        deliver_edition(bad_sender, DAY)


def test_concurrent_runs_send_one_message_per_reader(
    settings: Settings, smtp_server: Server
) -> None:
    reports = []
    errors: list[BaseException] = []

    def one_run() -> None:
        try:
            reports.append(deliver_edition(settings, DAY, wait=True))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=one_run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)
    assert sum(len(r.sent) for r in reports) == len(READERS)


def test_bcc_batches_hide_readers_and_reach_each_once(out: Path, smtp_server: Server) -> None:
    settings = make_settings(out, smtp_server.port, bcc_batch=2)

    report = deliver_edition(settings, DAY)

    assert report.exit_code == 0 and len(report.sent) == 3
    received = smtp_server.recorder.received
    assert [len(r.recipients) for r in received] == [2, 1]
    for r in received:
        assert r.message["To"] == "desk@example.org"
        assert r.message["Bcc"] is None
        assert not any(reader in r.data.decode() for reader in READERS)
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)


def test_dry_run_writes_eml_files_and_sends_nothing(
    settings: Settings, smtp_server: Server, tmp_path: Path, pdf_bytes: bytes
) -> None:
    folder = tmp_path / "eml"
    report = deliver_edition(settings, DAY, dry_run=True, dry_run_dir=folder)

    assert smtp_server.recorder.received == []
    assert len(report.dry_run_files) == len(READERS)
    from email import message_from_bytes
    from email.policy import default

    msg = message_from_bytes(report.dry_run_files[0].read_bytes(), policy=default)
    assert msg["To"] == READERS[0]
    assert next(iter(msg.iter_attachments())).get_content() == pdf_bytes
    # Nothing was recorded: the real send still reaches everyone.
    assert deliver_edition(settings, DAY).exit_code == 0
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)


def test_an_empty_edition_is_sent_only_with_send_empty(
    tmp_path: Path, smtp_server: Server, pdf_bytes: bytes
) -> None:
    out = tmp_path / "reports"
    write_edition(out, DAY, pdf_bytes, points=0)
    settings = make_settings(out, smtp_server.port)

    report = deliver_edition(settings, DAY)
    assert report.skipped_empty and report.exit_code == 0
    assert "no points" in report.summary()
    assert smtp_server.recorder.received == []

    forced = deliver_edition(make_settings(out, smtp_server.port, send_empty=True), DAY)
    assert len(forced.sent) == len(READERS)


def test_no_email_html_falls_back_to_the_web_page(
    tmp_path: Path, smtp_server: Server, pdf_bytes: bytes
) -> None:
    out = tmp_path / "reports"
    write_edition(out, DAY, pdf_bytes, email_html=False)
    deliver_edition(make_settings(out, smtp_server.port, readers=("ana@example.org",)), DAY)
    html = smtp_server.recorder.received[0].message.get_body(("html",))
    assert html is not None and "<h1>Web</h1>" in html.get_content()


def test_a_missing_edition_or_no_readers_is_a_clear_error(settings: Settings) -> None:
    with pytest.raises(InputError, match="briefgen build --date 2031-03-15"):
        deliver_edition(settings, DAY + timedelta(days=1))
    nobody = replace(settings, email=replace(settings.email, recipients=()))
    with pytest.raises(ConfigError, match=r"email\.recipients"):
        deliver_edition(nobody, DAY)


def test_a_reader_the_server_fails_for_longer_than_retry_hours_is_given_up(out: Path) -> None:
    settings = make_settings(out, free_port(), readers=("ana@example.org",), retry_hours=48)
    start = datetime.now(UTC)
    reports: list[DeliveryReport] = []
    for when in (start, start + timedelta(days=1), start + timedelta(hours=48, minutes=1)):
        reports.append(
            retry_queued(settings, now=when)
            if reports
            else deliver_edition(settings, DAY, now=when)
        )
    assert [len(r.queued) for r in reports] == [1, 1, 0]
    assert "gave up after retrying for 48 hours (email.retry_hours) and 3 attempts" in (
        reports[-1].failed[0].error or ""
    )
    # Failed, not forgotten: a retry now has nothing to do for the edition.
    assert retry_queued(settings, now=start + timedelta(days=3)).failed == ()


def test_retry_for_one_date_adds_nobody_and_waits_for_the_backoff(
    settings: Settings, smtp_server: Server
) -> None:
    smtp_server.recorder.rcpt_replies["ben@example.net"] = ["451 4.3.0 Try again later"]
    deliver_edition(settings, DAY)

    early = deliver_edition(settings, DAY, retry_only=True, extra_recipients=["eve@example.org"])
    assert early.sent == () and [o.recipient for o in early.queued] == ["ben@example.net"]
    due = deliver_edition(settings, DAY, retry_only=True, now=LATER)
    assert [o.recipient for o in due.sent] == ["ben@example.net"]
    assert smtp_server.recorder.count() == dict.fromkeys(READERS, 1)  # no eve


def test_the_command_line_loads_no_mail_or_database_code_for_help() -> None:
    import subprocess
    import sys

    code = (
        "import sys, briefgen.cli; "
        "print(sorted(m for m in ('smtplib', 'sqlite3', 'briefgen.deliver.service') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize(
    ("template", "message"),
    [("{title", "not a valid template"), ("{title} {nope}", "unknown field {nope}")],
)
def test_a_bad_subject_template_is_refused_before_sending(
    settings: Settings, smtp_server: Server, template: str, message: str
) -> None:
    bad = replace(settings, email=replace(settings.email, subject=template))
    with pytest.raises(ConfigError, match=re.escape(message)):
        deliver_edition(bad, DAY)
    assert smtp_server.recorder.received == []


def test_a_damaged_body_file_queues_the_readers_without_a_traceback(
    settings: Settings, smtp_server: Server, out: Path
) -> None:
    (out / DAY.isoformat() / "briefing-2031-03-14.txt").write_bytes(b"\xff\xfe broken")

    report = deliver_edition(settings, DAY)

    assert report.exit_code == 3 and len(report.queued) == len(READERS)
    assert "briefing-2031-03-14.txt: cannot be read (not UTF-8 text)" in (
        report.queued[0].error or ""
    )
    assert smtp_server.recorder.received == []


def test_a_server_that_never_answers_times_out_and_queues(out: Path) -> None:
    import socket

    with socket.socket() as silent:  # accepts connections (backlog) but never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings = make_settings(out, silent.getsockname()[1], timeout=0.5)
        report = deliver_edition(settings, DAY)
    assert report.exit_code == 3 and len(report.queued) == len(READERS)
    assert "did not answer within 0.5 seconds (email.timeout)" in (report.queued[0].error or "")
