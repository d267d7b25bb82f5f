"""Send a built edition to its readers, once each, keeping account in the ledger.

``deliver_edition`` queues every reader of a day and sends to those who have
not had it; ``retry_queued`` sends what earlier runs left queued once its
backoff is over; ``requeue`` puts failed messages back. Sending holds the
edition's lock and never touches the edition's files: a failed send leaves
the report where it was.

Only the mail server can fail a message for good, by refusing it for that
reader (5xx), or by failing it for longer than ``email.retry_hours``. A
problem on this side (the edition or its PDF missing, damaged, unreadable)
keeps the reader queued with the reason, however long it lasts. The edition
is looked for where the build recorded it in the ledger, so a send from
another working folder or with another ``--out`` finds it.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from briefgen.atomic import write_atomic
from briefgen.config import Settings
from briefgen.database import store_exists
from briefgen.deliver import smtp
from briefgen.deliver.editions import Edition, edition_json, load_edition
from briefgen.deliver.ledger import Delivery, Ledger, State, read_rows, run_token
from briefgen.deliver.lock import edition_lock
from briefgen.deliver.message import (
    build_message,
    check_address,
    check_recipients,
    new_message_id,
    subject_line,
)
from briefgen.deliver.report import DeliveryReport, Outcome
from briefgen.errors import ConfigError, InputError, LockedError
from briefgen.layout import edition_file

Clock = Callable[[], datetime]
PENDING: tuple[State, ...] = ("queued", "sending", "failed-temporary")
FAILED: tuple[State, ...] = ("failed-permanent",)


def deliver_edition(
    settings: Settings,
    day: date,
    *,
    extra_recipients: Sequence[str] = (),
    retry_only: bool = False,
    dry_run: bool = False,
    dry_run_dir: Path | None = None,
    now: datetime | None = None,
    wait: bool = False,
    desk: str = "",
) -> DeliveryReport:
    """E-mail ``desk``'s edition of ``day`` (already built).

    ``settings`` are the desk's own (:attr:`briefgen.desks.Desk.settings`): its
    output folder and readers.

    Every configured reader and every address in ``extra_recipients`` is queued
    once; those who already have it get nothing. Readers still waiting for this
    edition are tried now, whatever their backoff. ``retry_only`` queues nobody
    new and tries only readers whose backoff is over. ``dry_run`` writes one
    ``.eml`` file per message to ``dry_run_dir`` (default ``OUT/DAY/dry-run``)
    and neither sends nor records anything.

    Raises ConfigError for a bad address or setting (before anything is sent),
    InputError when the edition is not built, LockedError when another run holds
    the edition (unless ``wait``). Failed sends are in the report, not raised;
    the report lists every reader of the edition still queued or failed.
    """
    clock = _clock(now)
    email = settings.email
    _check_settings(settings)
    readers = check_recipients(email.recipients, extra_recipients)
    if not readers and not retry_only:
        raise ConfigError(
            "nobody to send to: list readers in email.recipients in briefgen.toml "
            "or pass --to ADDRESS"
        )
    if dry_run:
        edition = load_edition(edition_out(settings, day, desk), day)
        subject_line(email.subject, edition)  # a bad template fails before anything is written
        if edition.is_empty and not email.send_empty:
            return DeliveryReport(day, skipped_empty=True)
        return _dry_run(settings, edition, readers, dry_run_dir, clock, desk)
    out = edition_out(settings, day, desk)
    # A day with no edition fails before anything is locked or opened: no lock file nor
    # store is left in a folder that holds no editions. It is read under the lock.
    edition_json(out, day)
    with (
        edition_lock(out, day, wait=wait, db=settings.db_path, desk=desk),
        Ledger(settings.db_path) as ledger,
    ):
        edition = load_edition(out, day)
        subject_line(email.subject, edition)  # a bad template fails before anything is sent
        if edition.is_empty and not email.send_empty:
            return DeliveryReport(day, skipped_empty=True)
        if not retry_only:
            ledger.enqueue(
                day, edition.number, _takers(settings, edition, readers), clock(), desk=desk
            )
        before_sent = {r.id for r in ledger.rows(day, ("sent",), desk=desk)}
        token = run_token()
        claimed = ledger.claim(
            token,
            clock(),
            day=day,
            due_only=retry_only,
            new_message_id=_ids(email.sender, edition),
            desk=desk,
        )
        sent = _send_variants(ledger, token, claimed, edition, settings, clock, out)
        after = ledger.rows(day, desk=desk)
    return DeliveryReport(
        day,
        sent=tuple(sent),
        already_sent=tuple(_outcome(r) for r in after if r.id in before_sent),
        queued=tuple(_outcome(r) for r in after if r.state in PENDING),
        failed=tuple(_outcome(r) for r in after if r.state in FAILED),
    )


def retry_queued(settings: Settings, *, now: datetime | None = None) -> DeliveryReport:
    """Send every queued message, across editions, whose backoff is over.

    An edition another run is busy with is skipped (and named in the report).
    The report lists every reader still queued or failed for the editions
    that had messages waiting.
    """
    from briefgen.desks import all_desks

    clock = _clock(now)
    _check_settings(settings)
    own = {d.name: d.settings for d in all_desks(settings)}
    own.setdefault("", settings)  # editions of before the desks were configured
    editions = sorted(
        {(r.desk, r.day) for r in read_rows(settings.db_path, PENDING) if r.desk in own}
    )
    sent: list[Outcome] = []
    locked: list[date] = []
    for desk, day in editions:
        mine = own[desk]
        try:
            out = edition_out(mine, day, desk)
            with (
                edition_lock(out, day, db=settings.db_path, desk=desk),
                Ledger(settings.db_path) as ledger,
            ):
                token = run_token()
                try:
                    edition = load_edition(out, day)
                except InputError as exc:
                    # The edition cannot be read here: its readers wait for it, with why.
                    waiting = ledger.claim(
                        token,
                        clock(),
                        day=day,
                        due_only=False,
                        new_message_id=lambda: None,
                        desk=desk,
                    )
                    ledger.hold(waiting, token, clock(), str(exc))
                    continue
                claimed = ledger.claim(
                    token,
                    clock(),
                    day=day,
                    new_message_id=_ids(settings.email.sender, edition),
                    desk=desk,
                )
                sent += _send_variants(ledger, token, claimed, edition, mine, clock, out)
        except LockedError:
            locked.append(day)
    touched = set(editions)
    rows = [
        r for r in read_rows(settings.db_path, (*PENDING, *FAILED)) if (r.desk, r.day) in touched
    ]
    return DeliveryReport(
        None,
        sent=tuple(sent),
        queued=tuple(_outcome(r) for r in rows if r.state in PENDING),
        failed=tuple(_outcome(r) for r in rows if r.state in FAILED),
        locked=tuple(locked),
    )


def outbox(settings: Settings, *, include_sent: bool = False) -> list[Delivery]:
    """Ledger rows still waiting or failed (and sent ones with ``include_sent``), oldest first."""
    if include_sent:
        return read_rows(settings.db_path)
    return read_rows(settings.db_path, (*PENDING, *FAILED))


def requeue(
    settings: Settings,
    *,
    day: date | None = None,
    recipients: Sequence[str] = (),
    now: datetime | None = None,
    desk: str | None = None,
) -> list[Delivery]:
    """Put failed messages back in the queue (all, or ``day``'s, or ``recipients``', or
    ``desk``'s), due now.

    Each gets a new retry window; ``briefgen send --retry`` then sends them.
    Returns the rows re-queued.
    """
    with Ledger(settings.db_path) as ledger:
        return ledger.requeue(_clock(now)(), day=day, recipients=recipients, desk=desk)


def edition_out(settings: Settings, day: date, desk: str = "") -> Path:
    """The output folder holding ``day``'s edition.

    Where the build recorded it in the ledger, while it is still there; else
    ``build.out``. So ``send`` finds an edition whatever its ``--out`` or working
    folder, and a wrong one cannot make readers fail.
    """
    if store_exists(settings.db_path):
        with Ledger(settings.db_path) as ledger:
            built = ledger.built_edition(day, desk=desk)
        if built is not None and edition_file(built.out, day, ".json").is_file():
            return built.out
    return settings.build.out


def _check_settings(settings: Settings) -> None:
    check_address(settings.email.sender, "email.sender (BRIEFGEN_MAIL_FROM)")
    if not settings.email.retry_hours > 0:
        raise ConfigError(
            f"email.retry_hours is {settings.email.retry_hours:g}: give the hours to keep "
            "retrying a reader, e.g. 48"
        )


def _takers(settings: Settings, edition: Edition, readers: Sequence[str]) -> list[str]:
    """The readers who take at least one of the edition's sections (``[readers]``)."""
    from briefgen.readers import reader_sections

    if not settings.readers:
        return list(readers)
    return [r for r in readers if reader_sections(settings, edition.section_keys, r)]


def _send_variants(
    ledger: Ledger,
    token: str,
    rows: Sequence[Delivery],
    edition: Edition,
    settings: Settings,
    clock: Clock,
    out: Path,
) -> list[Outcome]:
    """Send the claimed rows, each reader the edition of the sections they chose
    (:mod:`briefgen.readers`); a reader who takes none of them is given up."""
    from briefgen.readers import WHOLE, reader_variant

    sections = edition.section_keys
    by_variant: dict[str | None, list[Delivery]] = {}
    for row in rows:
        name = reader_variant(settings, sections, row.recipient) if settings.readers else WHOLE
        by_variant.setdefault(name, []).append(row)
    sent: list[Outcome] = []
    for name, group in by_variant.items():
        if name is None:
            for row in group:
                ledger.mark_failed(
                    row,
                    token,
                    clock(),
                    reason="the reader takes none of this desk's sections ([readers])",
                    code=None,
                    temporary=False,
                    retry_for=timedelta(0),
                )
            continue
        try:
            mine = edition if name == WHOLE else load_edition(out, edition.day, name)
        except InputError as exc:
            ledger.hold(group, token, clock(), str(exc))
            continue
        sent += _send(ledger, token, group, mine, settings, clock)
    return sent


def _send(
    ledger: Ledger,
    token: str,
    rows: Sequence[Delivery],
    edition: Edition,
    settings: Settings,
    clock: Clock,
) -> list[Outcome]:
    """Send the claimed rows; every row leaves 'sending' before this returns or raises."""
    email = settings.email
    subject = subject_line(email.subject, edition)
    retry_for = timedelta(hours=email.retry_hours)
    # Without a manifest (an edition built before them) the formats asked for say.
    require_pdf = (
        edition.file_name(".pdf") in edition.manifest
        if edition.manifest is not None
        else "pdf" in settings.build.formats
    )
    sent: list[Outcome] = []
    open_ids = {r.id for r in rows}

    def fail(row: Delivery, failure: smtp.Failure) -> None:
        ledger.mark_failed(
            row,
            token,
            clock(),
            reason=failure.reason,
            code=failure.code,
            temporary=failure.temporary,
            retry_for=retry_for,
        )
        open_ids.discard(row.id)

    client: smtplib.SMTP | None = None
    down: smtp.Failure | None = None  # the server cannot be reached: stop trying this run
    try:
        for group in _groups(rows, email.bcc_batch):
            message_id = group[0].message_id or new_message_id(email.sender, edition)
            if len(group) > 1:
                ledger.use_message_id([r.id for r in group], message_id, token)
            to = [group[0].recipient] if email.bcc_batch <= 0 else [email.sender]
            try:
                msg = build_message(
                    edition,
                    sender=email.sender,
                    to=to,
                    subject=subject,
                    message_id=message_id,
                    sent_at=clock(),
                    require_pdf=require_pdf,
                )
            except InputError as exc:
                # A problem with the edition on this side, not the server's: every reader
                # still waiting stays queued, with why, until the edition is whole again.
                waiting = [r for r in rows if r.id in open_ids]
                ledger.hold(waiting, token, clock(), str(exc))
                open_ids.clear()
                break
            if client is not None and client.sock is None:
                client = None  # smtplib hung up itself, e.g. after a 421 reply
            if down is None and client is None:
                try:
                    client = smtp.connect(email)
                except Exception as exc:  # classify() re-raises what it cannot explain
                    down = smtp.classify(exc, email)
            if down is not None or client is None:
                for row in group:
                    fail(row, down or smtp.Failure("not connected", temporary=True))
                continue
            try:
                refused = smtp.send(client, msg, email.sender, [r.recipient for r in group])
            except smtplib.SMTPRecipientsRefused as exc:
                refused = smtp.refused(exc)
            except Exception as exc:
                failure = smtp.classify(exc, email)
                for row in group:
                    fail(row, failure)
                if failure.connection_lost:
                    smtp.close(client)
                    client = None
                continue
            accepted = [r for r in group if r.recipient not in refused]
            ledger.mark_sent([r.id for r in accepted], token, clock())
            for row in accepted:
                open_ids.discard(row.id)
                sent.append(Outcome(row.day, row.recipient, row.attempts, None, None, message_id))
            for row in group:
                if row.recipient in refused:
                    fail(row, refused[row.recipient])
    finally:
        smtp.close(client)
        # Only an unexpected error (or Ctrl-C) gets here with rows open. Whether the
        # server took them is unknown; queueing them again is the at-least-once choice.
        for row in rows:
            if row.id in open_ids:
                ledger.mark_failed(
                    row,
                    token,
                    clock(),
                    reason="the run stopped while sending",
                    code=None,
                    temporary=True,
                    retry_for=retry_for,
                )
    return sent


def _groups(rows: Sequence[Delivery], batch: int) -> list[list[Delivery]]:
    if batch <= 0:
        return [[r] for r in rows]
    return [list(rows[i : i + batch]) for i in range(0, len(rows), batch)]


def _dry_run(
    settings: Settings,
    edition: Edition,
    readers: Iterable[str],
    folder: Path | None,
    clock: Clock,
    desk: str = "",
) -> DeliveryReport:
    email = settings.email
    done = {
        r.recipient.lower()
        for r in read_rows(settings.db_path, ("sent", "failed-permanent"))
        if r.day == edition.day and r.desk == desk
    }
    from briefgen.readers import WHOLE, reader_variant

    pending = _takers(settings, edition, [r for r in readers if r.lower() not in done])
    shown = edition.location or edition.folder
    folder = folder or shown / "dry-run"
    subject = subject_line(email.subject, edition)
    written: list[Path] = []
    batch = max(email.bcc_batch, 1)
    # Each reader the edition of the sections they chose, as a real send does.
    by_variant: dict[str, list[str]] = {}
    for reader in pending:
        name = reader_variant(settings, edition.section_keys, reader) if settings.readers else WHOLE
        by_variant.setdefault(name or WHOLE, []).append(reader)
    number = 0
    for variant, readers_of in by_variant.items():
        mine = edition if variant == WHOLE else load_edition(shown.parent, edition.day, variant)
        for start in range(0, len(readers_of), batch):
            number += 1
            group = readers_of[start : start + batch]
            to = group if email.bcc_batch <= 0 else [email.sender]
            msg = build_message(
                mine,
                sender=email.sender,
                to=to,
                subject=subject,
                message_id=new_message_id(email.sender, mine),
                sent_at=clock(),
            )
            if email.bcc_batch > 0:
                # Shown for review only; a real send never puts Bcc in the message.
                msg["X-Briefgen-Envelope-To"] = ", ".join(group)
            name = f"{number:03d}-{group[0].replace('/', '_')}.eml"
            written.append(write_atomic(folder / name, msg.as_bytes()))
    already = tuple(Outcome(edition.day, r) for r in readers if r.lower() in done)
    return DeliveryReport(edition.day, already_sent=already, dry_run_files=tuple(written))


def _ids(sender: str, edition: Edition) -> Callable[[], str]:
    return lambda: new_message_id(sender, edition)


def _outcome(row: Delivery) -> Outcome:
    return Outcome(
        row.day, row.recipient, row.attempts, row.last_error, row.next_attempt_at, row.message_id
    )


def _clock(now: datetime | None) -> Clock:
    if now is not None:
        fixed = now if now.tzinfo else now.replace(tzinfo=UTC)
        return lambda: fixed
    return lambda: datetime.now(UTC)
