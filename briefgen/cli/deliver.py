"""``briefgen send``, ``briefgen outbox`` and ``briefgen schedule``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from briefgen.cli import (
    COMMAND,
    DATE_HELP,
    AllDesksOption,
    ConfigOption,
    DbOption,
    DeskOption,
    OutOption,
    QuietOption,
    app,
    check_choice,
    chosen_desks,
    db_target,
    note,
    run,
    settings_from,
    the_day,
)

ToOption = Annotated[
    list[str] | None,
    typer.Option("--to", metavar="ADDRESS", help="Also send to this address (repeatable)."),
]


@app.command(cls=COMMAND)
def send(
    day: Annotated[
        str | None,
        typer.Option(
            "--date", "-d", metavar="DATE", help=f"Edition to send: {DATE_HELP} (default today)."
        ),
    ] = None,
    to: ToOption = None,
    retry: Annotated[
        bool,
        typer.Option(
            "--retry",
            help="Send what earlier runs left queued and whose backoff is over "
            "(every edition, or only --date).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write .eml files instead of sending.")
    ] = False,
    dry_run_dir: Annotated[
        Path | None,
        typer.Option(
            "--dry-run-dir",
            metavar="DIR",
            help="Where --dry-run writes its .eml files (default the edition's dry-run folder).",
        ),
    ] = None,
    out: OutOption = None,
    db: DbOption = None,
    desk: DeskOption = None,
    all_desks: AllDesksOption = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """E-mail an edition already built: once per reader, failures queued for --retry.

    With desks configured, each desk's edition goes to the desk's readers.
    """

    def body() -> int:
        from briefgen.config import override
        from briefgen.deliver.service import deliver_edition, retry_queued
        from briefgen.errors import ConfigError

        settings = settings_from(config)
        settings = override(settings, "build", out=out)
        settings = override(settings, "store", db=db_target(db))
        if retry and to:
            raise ConfigError("--to adds readers to an edition; it cannot be used with --retry")
        if retry and dry_run:
            raise ConfigError("--dry-run cannot be used with --retry")
        if retry and day is None:
            report = retry_queued(settings)
            failed = bool(report.exit_code)
            note(report.summary(), quiet=quiet and not failed, err=failed)
            return report.exit_code
        code = 0
        for one in chosen_desks(settings, desk, all_desks):
            report = deliver_edition(
                one.settings,
                the_day(day, settings),
                extra_recipients=tuple(to or ()),
                retry_only=retry,
                dry_run=dry_run,
                dry_run_dir=dry_run_dir,
                desk=one.name,
            )
            failed = bool(report.exit_code)
            line = f"desk {one.name}: {report.summary()}" if one.name else report.summary()
            note(line, quiet=quiet and not failed, err=failed)
            code = code or report.exit_code
        return code

    run(body)


@app.command(cls=COMMAND)
def outbox(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="table (the default) or json (one object per line).",
        ),
    ] = "table",
    show_all: Annotated[bool, typer.Option("--all", help="Include messages already sent.")] = False,
    requeue: Annotated[
        bool,
        typer.Option(
            "--requeue",
            help="Put failed messages back in the queue, due at once: all of them, or those "
            "of the edition and readers given. The next retry sends them.",
        ),
    ] = False,
    day: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="DATE", help=f"Only this edition: {DATE_HELP}."),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", metavar="ADDRESS", help="Only this reader (repeatable)."),
    ] = None,
    out: OutOption = None,
    db: DbOption = None,
    desk: DeskOption = None,
    config: ConfigOption = None,
) -> None:
    """List e-mails still queued or failed, with why and when they are tried again."""

    def body() -> int:
        check_choice("--format", fmt, ("table", "json"))
        from briefgen.config import override
        from briefgen.deliver.ledger import stamp
        from briefgen.deliver.service import outbox as read_outbox
        from briefgen.deliver.service import requeue as put_back

        settings = settings_from(config)
        settings = override(settings, "build", out=out)
        settings = override(settings, "store", db=db_target(db))
        only_day = the_day(day, settings) if day else None
        readers = {a.lower() for a in to or ()}
        desks = {d.name for d in chosen_desks(settings, desk, False)} if desk else None
        if requeue:
            done = [
                r
                for name in (desks or [None])
                for r in put_back(settings, day=only_day, recipients=tuple(readers), desk=name)
            ]
            if not done:
                typer.echo("nothing to re-queue: no failed message matches")
                return 0
            typer.echo(f"re-queued {len(done)} message(s); `briefgen send --retry` sends them now")
            for r in done:
                typer.echo(f"  {r.desk + '  ' if r.desk else ''}{r.day.isoformat()}  {r.recipient}")
            return 0
        rows = [
            r
            for r in read_outbox(settings, include_sent=show_all)
            if (only_day is None or r.day == only_day)
            and (not readers or r.recipient.lower() in readers)
            and (desks is None or r.desk in desks)
        ]
        if fmt == "json":
            for r in rows:
                record = {
                    "desk": r.desk,
                    "date": r.day.isoformat(),
                    "edition": r.edition,
                    "recipient": r.recipient,
                    "state": r.state,
                    "attempts": r.attempts,
                    "next_attempt_at": stamp(r.next_attempt_at) if r.next_attempt_at else None,
                    "last_error": r.last_error,
                    "message_id": r.message_id,
                    "sent_at": stamp(r.sent_at) if r.sent_at else None,
                }
                typer.echo(json.dumps(record, ensure_ascii=False))
            return 0
        if not rows:
            typer.echo("outbox is empty: nothing queued or failed")
            return 0
        header: tuple[str, ...] = ("DATE", "RECIPIENT", "STATE", "TRIES", "NEXT TRY (UTC)", "WHY")
        with_desks = any(r.desk for r in rows)
        if with_desks:
            header = ("DESK", *header)
        table = [
            (
                *((r.desk or "-",) if with_desks else ()),
                r.day.isoformat(),
                r.recipient,
                r.state,
                str(r.attempts),
                f"{r.next_attempt_at:%Y-%m-%d %H:%M}" if r.next_attempt_at else "-",
                r.last_error or "-",
            )
            for r in rows
        ]
        last = len(header) - 1
        widths = [max(len(row[i]) for row in [header, *table]) for i in range(last)]
        for row in [header, *table]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            typer.echo("  ".join([*cells, row[last]]).rstrip())
        return 0

    run(body)


@app.command(cls=COMMAND)
def schedule(
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="HH:MM",
            help="Time of the daily run, in --timezone (required unless every desk has its "
            "own schedule).",
        ),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            "--tz",
            metavar="ZONE",
            help="IANA zone of --at, e.g. Europe/London (default build.timezone).",
        ),
    ] = None,
    email: Annotated[
        bool, typer.Option("--email", help="E-mail each edition, and retry queued mail.")
    ] = False,
    workdir: Annotated[
        Path | None,
        typer.Option(
            "--workdir", metavar="DIR", help="Folder the runs start in (default this folder)."
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="cron: lines for crontab -e (the default); systemd: a shell recipe that "
            "writes and starts a user timer.",
        ),
    ] = "cron",
    config: ConfigOption = None,
) -> None:
    """Print a recipe that runs briefgen every day, ready to paste: crontab lines or systemd.

    cron reads times in this machine's zone: when --timezone differs, the line still
    runs at --at in --timezone all year. Each run builds today in build.timezone.
    """

    def body() -> int:
        check_choice("--format", fmt, ("cron", "systemd"))
        from briefgen.deliver.schedule import (
            Schedule,
            check_timezone,
            desk_schedules,
            find_program,
            machine_zone,
            parse_at,
            render,
        )
        from briefgen.errors import ConfigError

        settings = settings_from(config)
        desk_times = {
            name: parse_at(d.schedule) if d.schedule else None for name, d in settings.desks.items()
        }
        if at is None and (not desk_times or None in desk_times.values()):
            raise ConfigError(
                "missing option '--at' (see 'briefgen schedule --help')"
                + ("; or give every desk a schedule in briefgen.toml" if desk_times else "")
            )
        when = parse_at(at or "00:00")
        zone = timezone or settings.build.timezone
        plan = Schedule(
            at=when,
            timezone=check_timezone(zone),
            workdir=(workdir or Path.cwd()).absolute(),
            email=email,
            program=find_program(),
            config=config.absolute() if config else None,
            cron_zone=machine_zone(),
        )
        for one in desk_schedules(plan, desk_times):
            typer.echo(render(one, fmt), nl=False)
        return 0

    run(body)
