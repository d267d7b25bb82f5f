"""The smaller commands: summarize, classify, ingest, articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from briefgen.cli import (
    COMMAND,
    DATE_HELP,
    AlgorithmOption,
    ConfigOption,
    DbOption,
    QuietOption,
    app,
    check_algorithm,
    check_choice,
    run,
    settings_from,
    the_day,
    warn,
)


@app.command(cls=COMMAND)
def summarize(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Article files to summarize; - for stdin."),
    ],
    sentences: Annotated[
        int,
        typer.Option(
            "--sentences", "-n", min=1, metavar="N", help="Sentences per article (default 3)."
        ),
    ] = 3,
    algorithm: AlgorithmOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="text, or json with one line per article (default text).",
        ),
    ] = "text",
    config: ConfigOption = None,
) -> None:
    """Print the best sentences of each article, in the article's order."""

    def body() -> int:
        check_choice("--format", fmt, ("text", "json"))
        from briefgen.compose import split_article
        from briefgen.errors import SkippedInput
        from briefgen.ingest import load_file, load_stdin, read_raw
        from briefgen.nlp.summarize import summarize as pick

        settings = settings_from(config)
        name = check_algorithm(algorithm) or settings.build.algorithm
        limit = settings.store.max_file_bytes
        failed = 0
        for path in files:
            try:
                # Summarizing needs no date: a text file without one is read all the same.
                raw = (
                    load_stdin(limit, date_required=False)
                    if str(path) == "-"
                    else load_file(path, limit, date_required=False)
                )
                articles = read_raw(raw)
            except SkippedInput as exc:
                warn(str(exc))
                failed += 1
                continue
            for article in articles:
                texts = [s.text for s in split_article(article)]
                chosen = [texts[i] for i in pick(texts, sentences, name, title=article.title)]
                if fmt == "json":
                    typer.echo(json.dumps({"file": str(path), "sentences": chosen}))
                else:
                    label = "standard input" if str(path) == "-" else str(path)
                    several = len(files) > 1 or len(articles) > 1
                    typer.echo(f"# {label}" + (f" — {article.title}" if several else ""))
                    for line in chosen:
                        typer.echo(line)
                    typer.echo("")
        return 1 if failed else 0

    run(body)


@app.command(cls=COMMAND)
def classify(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help='JSON Lines {"text": ...} or plain lines; - for stdin (the default).',
        ),
    ] = "-",
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="json, one line per input (the default), or text: label, tab, line.",
        ),
    ] = "json",
    config: ConfigOption = None,
) -> None:
    """Label each line security, trade, diplomacy or other, with the terms that decided it."""

    def body() -> int:
        check_choice("--format", fmt, ("json", "text"))
        from briefgen.classify import classify_lines, load_taxonomy
        from briefgen.errors import InputError

        settings = settings_from(config)
        taxonomy = load_taxonomy(settings.taxonomy)
        if source == "-":
            lines = sys.stdin
        else:
            try:
                lines = Path(source).open(encoding="utf-8")  # noqa: SIM115 (closed at exit)
            except OSError as exc:
                raise InputError(f"cannot read {source}: {exc.strerror}") from None
        for result in classify_lines(lines, taxonomy):
            if fmt == "json":
                typer.echo(json.dumps(result, ensure_ascii=False))
            else:
                typer.echo(f"{result['label']}\t{result['text']}")
        return 0

    run(body)


@app.command(cls=COMMAND)
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="PATH|URL...", help="Files, folders, page or feed URLs."),
    ],
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Read sources into the article store; say how many were new, duplicate, skipped."""

    def body() -> int:
        from briefgen.config import override
        from briefgen.ingest.base import Skipped
        from briefgen.pipeline import ingest_sources

        settings = override(settings_from(config), "store", db=db)

        def on_skip(skip: Skipped) -> None:
            warn(str(skip))

        summary = ingest_sources(settings, sources, on_skip=on_skip)
        if not quiet:
            typer.echo(
                f"{summary.new} new, {summary.duplicate} duplicate, "
                f"{summary.near_duplicate} near-duplicate, {len(summary.skipped)} skipped"
            )
        return 0

    run(body)


@app.command(cls=COMMAND)
def articles(
    day: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="DATE", help=f"Only this day: {DATE_HELP}."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", metavar="FORMAT", help="table (the default) or json (JSON Lines)."
        ),
    ] = "table",
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List the stored articles, for a day or all."""

    def body() -> int:
        check_choice("--format", fmt, ("table", "json"))
        from briefgen.config import override
        from briefgen.ingest.dates import get_zone
        from briefgen.pipeline import day_articles

        settings = override(settings_from(config), "store", db=db)
        found = day_articles(settings, the_day(day, settings) if day else None)
        zone = get_zone(settings.build.timezone)
        for a in found:
            if fmt == "json":
                record = {
                    "id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "outlet": a.outlet,
                    "published": a.published.isoformat(),
                    "text": a.text,
                }
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                when = a.published.astimezone(zone)
                typer.echo(f"{when:%Y-%m-%d %H:%M}  {a.outlet[:18]:<18}  {a.title[:70]}")
        return 0

    run(body)
