"""``briefgen build``: one dated edition, optionally e-mailed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from briefgen.cli import (
    COMMAND,
    DATE_HELP,
    AlgorithmOption,
    AllDesksOption,
    ConfigOption,
    DbOption,
    DeskOption,
    OutOption,
    QuietOption,
    SchedulerOption,
    SkipWarnings,
    VerboseOption,
    app,
    check_algorithm,
    chosen_desks,
    db_target,
    error,
    log,
    note,
    run,
    settings_from,
    the_day,
)


def parse_formats(value: str | None) -> tuple[str, ...] | None:
    from briefgen.errors import ConfigError

    if value is None:
        return None
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("html", "pdf", "json")]
    if unknown or not formats:
        raise ConfigError(f"--format {value!r}: choose from html, pdf, json (comma-separated)")
    return formats


@app.command(cls=COMMAND)
def build(
    day: Annotated[
        str | None,
        typer.Option(
            "--date", "-d", metavar="DATE", help=f"Briefing day: {DATE_HELP} (default today)."
        ),
    ] = None,
    inputs: Annotated[
        list[str] | None,
        typer.Option(
            "--input",
            "-i",
            metavar="PATH|URL",
            help="File, folder or URL to read (repeatable). Default: configured sources, "
            "else ./seeds.",
        ),
    ] = None,
    out: OutOption = None,
    formats: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="LIST",
            help="Files to write, comma-separated from html, pdf, json (default all three).",
        ),
    ] = None,
    algorithm: AlgorithmOption = None,
    max_points: Annotated[
        int | None,
        typer.Option(
            "--max-points", min=1, metavar="N", help="Most points per section (default 5)."
        ),
    ] = None,
    window: Annotated[
        str | None,
        typer.Option(
            "--window",
            metavar="SPAN",
            help="How far back from the end of the day articles count, e.g. 2d or 36h "
            "(default 1d).",
        ),
    ] = None,
    db: DbOption = None,
    scheduler: SchedulerOption = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", metavar="DIR", help="Folder of templates overriding the theme."
        ),
    ] = None,
    pdf_variant: Annotated[
        str | None,
        typer.Option("--pdf-variant", metavar="NAME", help="PDF variant, e.g. pdf/a-3b."),
    ] = None,
    email: Annotated[bool, typer.Option("--email", help="E-mail the edition when built.")] = False,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", metavar="ADDRESS", help="Also send to this address (repeatable)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on an empty day or on skipped inputs.")
    ] = False,
    desk: DeskOption = None,
    all_desks: AllDesksOption = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Build the briefing for one day: HTML, PDF and JSON under OUT/YYYY-MM-DD/.

    With desks configured, each desk's edition goes under OUT/DESK/YYYY-MM-DD/.
    """

    def body() -> int:
        from briefgen.config import override
        from briefgen.ingest.base import Skipped
        from briefgen.pipeline import build_desks
        from briefgen.render.pdf import print_pdf
        from briefgen.render.press import press

        settings = settings_from(config)
        settings = override(
            settings,
            "build",
            out=out,
            formats=parse_formats(formats),
            algorithm=check_algorithm(algorithm),
            max_points=max_points,
            window=window,
            strict=strict or None,
        )
        settings = override(settings, "store", db=db_target(db))
        settings = override(settings, "executor", address=scheduler)
        settings = override(settings, "render", templates=templates, pdf_variant=pdf_variant)
        day_built = the_day(day, settings)
        if email or to:
            from briefgen.deliver.message import check_recipients

            check_recipients((), to or ())  # a bad --to fails before the build, not after
        skipped: list[Skipped] = []
        warn_skip = SkipWarnings(quiet=quiet)

        def on_skip(skip: Skipped) -> None:
            skipped.append(skip)
            warn_skip(skip)

        # Stage lines on a terminal (overwritten in place), or all of them with --verbose.
        live = not quiet and not verbose and sys.stderr.isatty()

        def on_stage(message: str) -> None:
            log(message)
            if verbose:
                typer.echo(f"briefgen: {message}", err=True)
            elif live:
                typer.echo(f"\r\x1b[Kbriefgen: {message}…", err=True, nl=False)

        def on_progress(message: str) -> None:
            typer.echo(f"\r\x1b[Kbriefgen: {message}", err=True, nl=False)

        desks = chosen_desks(settings, desk, all_desks)
        # WeasyPrint loads in a press process while the day is read and composed.
        with press(print_pdf, enabled="pdf" in settings.build.formats):
            results = build_desks(
                settings,
                day_built,
                desks,
                inputs=inputs or (),
                on_skip=on_skip,
                on_stage=on_stage,
                on_progress=on_progress if live else None,
            )
        if live:
            typer.echo("\r\x1b[K", err=True, nl=False)
        warn_skip.finish()
        strict_on = settings.build.strict
        note(f"ingested: {results[0].ingested.describe()}", quiet=quiet)
        code = 0
        for one, result in zip(desks, results, strict=True):
            if result.briefing is None:
                hint = ""
                if result.no_sources and not (result.unmatched or result.other_languages):
                    hint = " (nothing was read: no --input, no [sources] paths, no ./seeds)"
                note(f"briefgen: {result.summary()}{hint}", quiet=quiet and not strict_on, err=True)
                code = code or (1 if strict_on else 0)
                continue
            lines = [
                result.summary(),
                *(f"  {result.files[k]}" for k in ("html", "pdf", "json") if k in result.files),
            ]
            note("\n".join(lines), quiet=quiet)
            if email or to:
                from briefgen.deliver import deliver_edition

                report = deliver_edition(
                    one.settings, day_built, extra_recipients=tuple(to or ()), desk=one.name
                )
                note(
                    report.summary(),
                    quiet=quiet and not report.exit_code,
                    err=bool(report.exit_code),
                )
                code = code or report.exit_code
            if strict_on and result.briefing.is_empty:
                error(f"no points for {day_built.isoformat()} (--strict): the edition is empty")
                code = code or 1
        if strict_on and skipped:
            error(f"{len(skipped)} input(s) skipped (--strict)")
            code = code or 1
        return code

    run(body)
    sys.stdout.flush()
