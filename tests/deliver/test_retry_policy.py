"""Nothing lost, nothing stuck: only a 5xx from the server fails a reader, never a mistake.

Against a real SMTP server on 127.0.0.1 (aiosmtpd), with editions built by the
real build where the manifest matters.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from briefgen.config import Settings
from briefgen.deliver import deliver_edition, outbox, retry_queued
from briefgen.deliver.ledger import Ledger
from briefgen.layout import edition_file, edition_folder
from briefgen.pipeline import build
from tests.conftest import SEEDS
from tests.deliver.conftest import DAY, Server, free_port, make_settings
from tests.deliver.test_cli import briefgen

SEED_DAY = date(2017, 8, 31)
SEED = SEEDS / SEED_DAY.isoformat()
ANA = "ana@example.org"


def with_port(settings: Settings, port: int) -> Settings:
    return replace(settings, email=replace(settings.email, port=port))


@pytest.fixture
def built(tmp_path: Path, smtp_server: Server) -> Settings:
    """The seed's edition, built by the real build, and one reader for it."""
    settings = make_settings(tmp_path / "reports", smtp_server.port, readers=(ANA,))
    build(settings, SEED_DAY, inputs=[SEED])
    return settings


def attachments(server: Server, address: str) -> list[str]:
    return [
        part.get_content_type()
        for received in server.recorder.to(address)
        for part in received.message.iter_attachments()
    ]


def test_the_build_records_where_its_edition_is(built: Settings) -> None:
    with Ledger(built.db_path) as ledger:
        where = ledger.built_edition(SEED_DAY)
    assert where is not None
    assert where.out == built.build.out.resolve()
    assert where.folder == edition_folder(built.build.out, SEED_DAY).resolve()


def test_a_missing_pdf_keeps_the_reader_queued_until_the_edition_is_whole(
    built: Settings, smtp_server: Server
) -> None:
    edition_file(built.build.out, SEED_DAY, ".pdf").unlink()

    report = deliver_edition(built, SEED_DAY)

    assert smtp_server.recorder.received == []  # nobody gets an edition without its PDF
    assert report.exit_code == 3
    (waiting,) = report.queued
    pdf = edition_file(built.build.out, SEED_DAY, ".pdf")
    assert waiting.error == (
        f"{pdf}: the edition's PDF is missing, though the edition was built with it; "
        "rebuild the edition (briefgen build --date 2017-08-31)"
    )
    # However often and however late it is tried, a problem on this side gives nobody up.
    for days in (1, 3, 30):
        later = retry_queued(built, now=datetime.now(UTC) + timedelta(days=days))
        assert later.exit_code == 3 and later.failed == ()
    (row,) = outbox(built)
    assert (row.state, row.attempts) == ("queued", 0)

    build(built, SEED_DAY, inputs=[SEED])
    done = retry_queued(built)

    assert [o.recipient for o in done.sent] == [ANA] and done.exit_code == 0
    assert attachments(smtp_server, ANA) == ["application/pdf"]


def test_a_damaged_pdf_is_never_sent(built: Settings, smtp_server: Server) -> None:
    pdf = edition_file(built.build.out, SEED_DAY, ".pdf")
    pdf.write_bytes(pdf.read_bytes()[:1000])

    report = deliver_edition(built, SEED_DAY)

    assert smtp_server.recorder.received == []
    (waiting,) = report.queued
    assert "not the file the edition was built with" in (waiting.error or "")


def test_an_edition_built_before_manifests_still_needs_its_pdf(
    out: Path, smtp_server: Server
) -> None:
    settings = make_settings(out, smtp_server.port, readers=(ANA,))  # formats include pdf
    edition_file(out, DAY, ".pdf").unlink()

    report = deliver_edition(settings, DAY)

    assert smtp_server.recorder.received == []
    assert "PDF is missing" in (report.queued[0].error or "")
    json_only = replace(settings, build=replace(settings.build, formats=("html", "json")))
    assert deliver_edition(json_only, DAY).exit_code == 0  # no PDF was asked for
    assert attachments(smtp_server, ANA) == []


def test_a_retry_with_a_wrong_out_folder_finds_the_edition_where_it_was_built(
    built: Settings, smtp_server: Server, tmp_path: Path
) -> None:
    down = deliver_edition(with_port(built, free_port()), SEED_DAY)
    assert [o.recipient for o in down.queued] == [ANA]
    wrong = replace(built, build=replace(built.build, out=tmp_path / "elsewhere"))

    report = retry_queued(wrong, now=datetime.now(UTC) + timedelta(hours=1))

    assert [o.recipient for o in report.sent] == [ANA] and report.exit_code == 0
    assert attachments(smtp_server, ANA) == ["application/pdf"]


def test_a_deleted_edition_keeps_its_readers_queued_until_it_is_built_again(
    built: Settings, smtp_server: Server
) -> None:
    down = deliver_edition(with_port(built, free_port()), SEED_DAY)
    assert down.exit_code == 3
    shutil.rmtree(edition_folder(built.build.out, SEED_DAY).resolve())

    report = retry_queued(built, now=datetime.now(UTC) + timedelta(days=5))

    assert report.exit_code == 3 and report.failed == () and report.sent == ()
    assert f"no edition for {SEED_DAY.isoformat()}" in (report.queued[0].error or "")
    build(built, SEED_DAY, inputs=[SEED])
    assert [o.recipient for o in retry_queued(built).sent] == [ANA]


def test_explicit_sends_during_an_outage_never_give_a_reader_up(
    out: Path, smtp_server: Server
) -> None:
    settings = make_settings(out, smtp_server.port, readers=())
    outage = with_port(settings, free_port())
    extra = ["xavier@example.org"]
    reports = [deliver_edition(outage, DAY, extra_recipients=extra) for _ in range(8)]
    assert all(r.exit_code == 3 and r.failed == () for r in reports)
    assert reports[-1].queued[0].attempts == 8

    back = deliver_edition(settings, DAY, extra_recipients=extra)

    assert [o.recipient for o in back.sent] == extra and back.exit_code == 0
    assert smtp_server.recorder.count() == {"xavier@example.org": 1}


def test_a_send_from_another_working_folder_delivers_what_was_queued(
    tmp_path: Path, smtp_server: Server
) -> None:
    desk, elsewhere = tmp_path / "desk", tmp_path / "elsewhere"
    shutil.copytree(SEED, desk / "seeds" / SEED_DAY.isoformat())
    elsewhere.mkdir()
    shared = {
        "BRIEFGEN_DB": str(tmp_path / "ledger.db"),  # absolute, the output folder relative
        "BRIEFGEN_SMTP_HOST": "127.0.0.1",
        "BRIEFGEN_MAIL_FROM": "desk@example.org",
    }
    down = {**shared, "BRIEFGEN_SMTP_PORT": str(free_port())}
    built = briefgen("build", "--date", SEED_DAY.isoformat(), "--to", ANA, cwd=desk, extra_env=down)
    assert built.returncode == 3, built.stderr
    assert "queued 1" in built.stderr

    with Ledger(tmp_path / "ledger.db") as ledger, ledger._write() as db:
        db.execute("UPDATE deliveries SET next_attempt_at = NULL")  # the backoff is over
    up = {**shared, "BRIEFGEN_SMTP_PORT": str(smtp_server.port)}
    retried = briefgen("send", "--retry", cwd=elsewhere, extra_env=up)

    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert retried.stdout.startswith("retry: sent 1")
    assert attachments(smtp_server, ANA) == ["application/pdf"]


def test_failed_readers_are_requeued_by_date_and_reader_then_sent(
    out: Path, smtp_server: Server
) -> None:
    from tests.deliver.test_cli import configure

    work = out.parent
    configure(work, smtp_server.port)
    for reader in ("ben@example.net", "chloe@example.com"):
        smtp_server.recorder.rcpt_always[reader] = "550 5.1.1 No such mailbox"
    first = briefgen("send", "--date", DAY.isoformat(), cwd=work)
    assert first.returncode == 3 and "failed 2" in first.stderr
    again = briefgen("send", "--date", DAY.isoformat(), cwd=work)
    assert again.returncode == 3, "failed readers are reported on every run"
    assert "briefgen outbox --requeue" in again.stderr
    smtp_server.recorder.rcpt_always.clear()

    one = briefgen(
        "outbox", "--requeue", "--date", DAY.isoformat(), "--to", "chloe@example.com", cwd=work
    )
    assert one.returncode == 0 and one.stdout.startswith("re-queued 1 message(s)")
    sent_one = briefgen("send", "--retry", cwd=work)
    assert sent_one.returncode == 3  # ben is still failed for the edition it touched
    assert smtp_server.recorder.count() == {"ana@example.org": 1, "chloe@example.com": 1}

    rest = briefgen("outbox", "--requeue", cwd=work)
    assert rest.returncode == 0 and "ben@example.net" in rest.stdout
    final = briefgen("send", "--retry", cwd=work)
    assert final.returncode == 0, final.stderr
    assert smtp_server.recorder.count() == {
        "ana@example.org": 1,
        "ben@example.net": 1,
        "chloe@example.com": 1,
    }
    assert briefgen("outbox", cwd=work).stdout.startswith("outbox is empty")
