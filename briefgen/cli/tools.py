"""The smaller commands: summarize, classify, ingest, articles, editions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from briefgen.cli import (
    COMMAND,
    DATE_HELP,
    AlgorithmOption,
    ConfigOption,
    DbOption,
    OutOption,
    QuietOption,
    SchedulerOption,
    SkipWarnings,
    app,
    check_algorithm,
    check_choice,
    chosen_desks,
    db_target,
    run,
    settings_from,
    the_day,
    warn,
)
from briefgen.errors import ConfigError, StoreError

if TYPE_CHECKING:
    from briefgen.config import Settings
    from briefgen.models import Article


#: ``--format`` of the listing commands.
ListFormatOption = Annotated[
    str,
    typer.Option("--format", metavar="FORMAT", help="table (the default) or json (JSON Lines)."),
]


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
    """Print the best sentences of each article, in the article's order (never a caption,
    a time stamp or a page's furniture)."""

    def body() -> int:
        check_choice("--format", fmt, ("text", "json"))
        from briefgen.compose import debris, split_article
        from briefgen.errors import SkippedInput
        from briefgen.ingest import load_file, load_stdin, read_raw
        from briefgen.ingest.base import display_name
        from briefgen.nlp.summarize import score_sentences, top_indices

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
                split = split_article(article)
                texts = [s.text for s in split]
                # Ranked over the whole article; a caption, a time stamp, a page's
                # furniture or a table is never printed as one of its best sentences.
                scores = score_sentences(texts, name, title=article.title)
                junk = debris(article, split)
                kept = [i for i in range(len(texts)) if not junk[i]]
                chosen = [texts[kept[n]] for n in top_indices([scores[i] for i in kept], sentences)]
                if texts and not chosen:
                    warn(f"{display_name(path)}: no sentence of {article.title!r} is prose")
                if fmt == "json":
                    record = {"file": display_name(path), "sentences": chosen}
                    typer.echo(json.dumps(record))
                else:
                    label = "standard input" if str(path) == "-" else display_name(path)
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
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Decide each line as a story opening, as a build does: the section model, "
            "then the custom sections ([sections.NAME]), with why.",
        ),
    ] = False,
    desk: Annotated[
        str | None,
        typer.Option(
            "--desk", metavar="NAME", help="With --explain: only this desk's custom sections."
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Label each line security, trade, diplomacy or other, with the terms that decided it."""

    def body() -> int:
        check_choice("--format", fmt, ("json", "text"))
        from briefgen.classify import classify_lines, load_taxonomy

        settings = settings_from(config)
        taxonomy = load_taxonomy(settings.taxonomy)
        if explain:
            return _explain(settings, taxonomy, source, fmt, desk)
        for result in classify_lines(_lines(source), taxonomy):
            if fmt == "json":
                typer.echo(json.dumps(result, ensure_ascii=False))
            else:
                typer.echo(f"{result['label']}\t{result['text']}")
        return 0

    run(body)


def _explain(settings: Any, taxonomy: Any, source: str, fmt: str, desk: str | None) -> int:
    """``classify --explain``: each line decided as a build decides a story."""
    from briefgen.classify import read_lines
    from briefgen.desks import desks_named
    from briefgen.relevance import headed_lead
    from briefgen.sections import custom_sections, explain_story

    if desk:
        sections = list(desks_named(settings, [desk])[0].custom)
    else:
        sections = list(custom_sections(settings.sections).values())
    for text, title in read_lines(_lines(source)):
        # Read as a build reads an article: a record's title is its headline.
        opening = headed_lead(title or "", text)
        result = {**explain_story(opening, taxonomy, sections), "text": text}
        if title:
            result["title"] = title
        if fmt == "json":
            typer.echo(json.dumps(result, ensure_ascii=False))
        else:
            typer.echo(f"{result['label']}\t{title or text}\n\t{result['why']}")
    return 0


def _lines(source: str) -> TextIO:
    from briefgen.errors import InputError

    if source == "-":
        return sys.stdin
    try:
        return Path(source).open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from None


@app.command(cls=COMMAND)
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH|URL...", help="Files, folders, page or feed URLs."),
    ] = None,
    db: DbOption = None,
    scheduler: SchedulerOption = None,
    reanalyse: Annotated[
        bool,
        typer.Option("--reanalyse", help="Analyse every stored article again (after an upgrade)."),
    ] = False,
    reread: Annotated[
        bool,
        typer.Option(
            "--reread", help="Read every file again, even those unchanged since they were read."
        ),
    ] = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Read sources (default [sources] paths) into the store, analyse the new articles."""

    def body() -> int:
        from briefgen.config import override
        from briefgen.errors import ConfigError
        from briefgen.pipeline import ingest_sources

        settings = override(settings_from(config), "store", db=db_target(db))
        settings = override(settings, "executor", address=scheduler)

        on_skip = SkipWarnings()

        # An ingest host's cron line needs no arguments: its feed list is its config's.
        inputs = list(sources or settings.sources.paths)
        if not inputs and not reanalyse:
            raise ConfigError(
                "briefgen ingest: give the files, folders or URLs to read (or list them "
                "under [sources] paths), or --reanalyse"
            )
        if not inputs:
            _existing_store(settings)  # only stored articles to analyse again
        # Progress on a terminal only, overwritten in place: never in cron's mail.
        live = not quiet and sys.stderr.isatty()

        def on_progress(message: str) -> None:
            typer.echo(f"\r\x1b[Kbriefgen: {message}", err=True, nl=False)

        summary = ingest_sources(
            settings,
            inputs,
            on_skip=on_skip,
            reanalyse=reanalyse,
            reread=reread,
            on_progress=on_progress if live else None,
        )
        if live:
            typer.echo("\r\x1b[K", err=True, nl=False)
        on_skip.finish()
        if not quiet:
            typer.echo(f"{summary.describe()}; {summary.analysed} analysed")
        return 0

    run(body)


def _existing_store(settings: Settings) -> Path | str:
    """The store a command reads, which must be there already: reading must not leave an
    empty store behind, nor report on one as if it were the day's (a missing file is a
    wrong ``--db`` or folder). A server's store is checked when it is opened."""
    from briefgen.database import store_exists

    store = settings.db_path
    if not store_exists(store):
        raise StoreError(
            f"no article store at {store}: nothing has been read there yet (briefgen "
            "ingest or build writes it); pass --db FILE, or run in the folder of the "
            "configuration that names it"
        )
    return store


@app.command(cls=COMMAND)
def articles(
    day: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="DATE", help=f"Only this day: {DATE_HELP}."),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            "--outlet", metavar="NAME", help="Only outlets whose name contains NAME (any case)."
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Only articles whose title or text contains every one of WORDS (any case).",
        ),
    ] = None,
    count_by: Annotated[
        str | None,
        typer.Option(
            "--count-by",
            metavar="KEY",
            help="Count the articles per day, outlet or language instead of listing them.",
        ),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            metavar="ID",
            help="Delete this article from the store: its id, or the start of it as the "
            "list shows it (repeatable).",
        ),
    ] = None,
    skipped: Annotated[
        bool,
        typer.Option(
            "--skipped",
            help="List the inputs left out when last read, with why, instead of the articles "
            "(with --date: those the day's briefing counts as skipped).",
        ),
    ] = False,
    fmt: ListFormatOption = "table",
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List the stored articles (all, or a day's), count them, or remove some.

    Times are in build.timezone; a source that gave only a day shows the day.
    """

    def body() -> int:
        check_choice("--format", fmt, ("table", "json"))
        from briefgen.archive import COUNT_BY, count_articles, find_articles, remove_articles
        from briefgen.config import override
        from briefgen.database import shown

        if count_by is not None:
            check_choice("--count-by", count_by, COUNT_BY)
        settings = override(settings_from(config), "store", db=db_target(db))
        store = _existing_store(settings)
        if skipped:
            if outlet or search or count_by or remove:
                raise ConfigError("--skipped takes --date and --format only")
            from briefgen.pipeline import day_skips

            for skip in day_skips(settings, the_day(day, settings) if day else None):
                if fmt == "json":
                    record = {"input": skip.name, "reason": skip.reason}
                    typer.echo(json.dumps(record, ensure_ascii=False))
                else:
                    typer.echo(str(skip))
            return 0
        if remove:
            if day or outlet or search or count_by:
                raise ConfigError("--remove takes article ids only, without other options")
            for article in remove_articles(settings, remove):
                typer.echo(f"removed {article.id}  {article.title}")
            return 0
        found = find_articles(
            settings, the_day(day, settings) if day else None, outlet=outlet, search=search
        )
        zone = settings.build.timezone
        if count_by is not None:
            counts = count_articles(found, count_by, zone)  # type: ignore[arg-type]
            if fmt == "json":
                for key, n in counts:
                    typer.echo(json.dumps({count_by: key, "articles": n}, ensure_ascii=False))
                return 0
            key_width = max([len(count_by), *(len(key) for key, _ in counts)])
            typer.echo(f"{count_by.upper().ljust(key_width)}  ARTICLES")
            for key, n in counts:
                typer.echo(f"{key.ljust(key_width)}  {n}")
            return 0
        if not found:
            # On stderr: what a script reads from stdout stays an empty listing.
            which = f" for {the_day(day, settings).isoformat()}" if day else ""
            typer.echo(f"no articles{which} in {shown(store)}", err=True)
            return 0
        if fmt == "json":
            for a in found:
                typer.echo(json.dumps(article_record(a), ensure_ascii=False))
            return 0
        for line in article_table(found, zone, width=_columns()):
            typer.echo(line)
        return 0

    run(body)


def article_record(a: Article) -> dict[str, object]:
    return {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published.date().isoformat() if a.date_only else a.published.isoformat(),
        "date_only": a.date_only,
        "language": a.language,
        "text": a.text,
    }


#: Width of the outlet column at most; a longer name is cut with an ellipsis.
OUTLET_WIDTH = 22
#: Characters of the id the table shows: enough to tell articles apart, and to --remove one.
ID_WIDTH = 10


def article_table(found: list[Article], zone: str, *, width: int | None) -> list[str]:
    """ID, publication time (in ``zone``), language, outlet and title, one article a line.

    With ``width`` (a terminal's), a title that does not fit is cut with "…".
    """
    from briefgen.archive import article_day
    from briefgen.ingest.dates import get_zone

    if not found:
        return []
    outlet_width = min(OUTLET_WIDTH, max(len(a.outlet) for a in found))
    rows = [("ID", f"PUBLISHED ({zone})", "LANG", "OUTLET", "TITLE")]
    for a in found:
        when = (
            f"{article_day(a, zone).isoformat()}      "
            if a.date_only
            else f"{a.published.astimezone(get_zone(zone)):%Y-%m-%d %H:%M}"
        )
        rows.append((a.id[:ID_WIDTH], when, a.language, _cut(a.outlet, outlet_width), a.title))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for row in rows:
        head = "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True))
        title = row[4]
        if width is not None:
            title = _cut(title, max(10, width - len(head) - 2))
        lines.append(f"{head}  {title}".rstrip())
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _columns() -> int | None:
    """The terminal's width when printing to one; None (no cutting) into a pipe or file."""
    import shutil

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


@app.command(cls=COMMAND)
def editions(
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            metavar="DATE",
            help="Delete the edition of this day (YYYY-MM-DD, today or yesterday) and its "
            "files, then rewrite "
            "the archive page and the feed (repeatable).",
        ),
    ] = None,
    fmt: ListFormatOption = "table",
    out: OutOption = None,
    desk: Annotated[
        str | None,
        typer.Option("--desk", metavar="NAME", help="Only this desk's editions."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """List the editions built under OUT, newest first, or remove one with its files.

    With desks, every desk's editions (or --desk NAME's); --remove needs --desk.
    A removed edition keeps its number: built again, it is the same edition.
    """

    def body() -> int:
        check_choice("--format", fmt, ("table", "json"))
        from briefgen.archive import remove_edition
        from briefgen.config import override
        from briefgen.deliver.editions import find_editions
        from briefgen.ingest.dates import briefing_day

        settings = override(settings_from(config), "build", out=out)
        desks = chosen_desks(settings, [desk] if desk else None, False)
        if remove:
            if len(desks) > 1:
                raise ConfigError("--remove: name the desk too, with --desk NAME")
            days = [briefing_day(value, settings.build.timezone) for value in remove]
            for removed_day in dict.fromkeys(days):
                files = remove_edition(desks[0].settings, removed_day)
                typer.echo(f"removed the edition of {removed_day.isoformat()}: {len(files)} files")
            return 0
        found = [(d.name, e) for d in desks for e in find_editions(d.settings.build.out)]
        for name, e in found:
            formats = [
                name
                for name, path in (("html", e.html), ("pdf", e.pdf), ("json", e.json_path))
                if path is not None
            ]
            if fmt == "json":
                record = {
                    **({"desk": name} if settings.desks else {}),
                    "date": e.day.isoformat(),
                    "edition": e.number,
                    "title": e.title,
                    "points": e.points,
                    "generated_at": e.generated_at.isoformat(),
                    "files": [str(e.json_path.with_suffix(f".{f}")) for f in formats],
                }
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                typer.echo(
                    (f"{name}  " if settings.desks else "")
                    + f"{e.day.isoformat()}  No. {e.number:<4} {e.points:>3} points  "
                    f"{' '.join(formats)}  {e.folder}"
                )
        if not found and fmt == "table":
            typer.echo(f"no editions under {settings.build.out}")
        return 0

    run(body)
