"""``build(settings, day)``: the stages in order, top to bottom.

ingest the sources into the store → select the day's articles → compose the
briefing → render HTML / PDF / JSON → update the archive and the edition feed.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.config import Settings
from briefgen.errors import ConfigError, output_failure
from briefgen.ingest.base import SkipHandler, Skipped
from briefgen.layout import built_editions, edition_file, remove_leftovers, staged_edition
from briefgen.models import Article, Briefing, plural

if TYPE_CHECKING:
    from briefgen.analysis import ArticleAnalysis
    from briefgen.classify import Taxonomy
    from briefgen.compose import DayDecisions
    from briefgen.desks import Desk
    from briefgen.store import IngestSummary

#: Called with a short description of each stage as it starts.
StageHandler = Callable[[str], None]


#: The language briefings are written from: the taxonomy, the quality rules and the
#: sentence splitter are English. Articles in other languages are left out, and counted.
BRIEFING_LANGUAGE = "en"


@dataclass(frozen=True)
class BuildResult:
    day: date
    #: None when the day had no articles (nothing is written then).
    briefing: Briefing | None
    files: dict[str, Path]
    #: What reading the sources into the store did.
    ingested: IngestSummary
    #: Articles of the day the briefing was composed from.
    articles: int
    #: Articles of the day left out for their language: language code -> how many.
    other_languages: dict[str, int] = field(default_factory=dict)
    #: No --input, no configured sources and no ./seeds: nothing was read.
    no_sources: bool = False
    #: The desk built ("" for the default desk).
    desk: str = ""
    #: When the desk's filters let none of the day's articles in: what they are, in words.
    unmatched: str = ""

    def summary(self) -> str:
        """What happened to the day, in one line: '2017-08-31: 3 points from 1 article …'."""
        line = self._summary()
        return f"desk {self.desk}: {line}" if self.desk else line

    def _summary(self) -> str:
        day = self.day.isoformat()
        left = self._left_out()
        if self.unmatched:
            return f"{day}: {self.unmatched}; no report written"
        if self.briefing is None:
            what = "no articles in English" if self.other_languages else "no articles"
            return f"{what} for {day}{f' ({left})' if left else ''}; no report written"
        stats = self.briefing.stats
        line = (
            f"{day}: {plural(stats.points, 'point')} from {plural(self.articles, 'article')}"
            f" by {stats.publishers()}"
        )
        if stats.skipped_inputs:
            # Counted from the store: a cron log shows them though an earlier ingest read them.
            line += (
                f"; {plural(stats.skipped_inputs, 'input')} of the day skipped"
                f" (briefgen articles --skipped --date {day})"
            )
        return line + (f"; {left}" if left else "")

    def _left_out(self) -> str:
        from briefgen.ingest.language import language_name

        if not self.other_languages:
            return ""
        total = sum(self.other_languages.values())
        each = ", ".join(
            f"{n} {language_name(code)}"
            for code, n in sorted(self.other_languages.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return f"{plural(total, 'article')} left out, not in English: {each}"


def default_sources(settings: Settings, cwd: Path | None = None) -> list[str]:
    """The configured sources, else ``seeds/`` in the working folder, else none."""
    if settings.sources.paths:
        return list(settings.sources.paths)
    seeds = (cwd or Path.cwd()) / "seeds"
    return [str(seeds)] if seeds.is_dir() else []


def build(
    settings: Settings,
    day: date,
    *,
    inputs: Sequence[str | Path] = (),
    on_skip: SkipHandler | None = None,
    on_stage: StageHandler | None = None,
    on_progress: StageHandler | None = None,
) -> BuildResult:
    """Build the edition for ``day`` and write it under ``settings.build.out``.

    ``on_stage`` is told each stage as it starts; ``on_progress`` is told, a few
    times a second at most, how far a long stage has come (count and rate).
    """
    from briefgen.desks import default_desk

    (result,) = build_desks(
        settings,
        day,
        [default_desk(settings)],
        inputs=inputs,
        on_skip=on_skip,
        on_stage=on_stage,
        on_progress=on_progress,
    )
    return result


def build_desks(
    settings: Settings,
    day: date,
    desks: Sequence[Desk],
    *,
    inputs: Sequence[str | Path] = (),
    on_skip: SkipHandler | None = None,
    on_stage: StageHandler | None = None,
    on_progress: StageHandler | None = None,
) -> list[BuildResult]:
    """Build ``day``'s edition of each of ``desks`` (see :mod:`briefgen.desks`).

    The sources are read and analysed once, and the day's stories and their
    sections decided once; then each desk's edition is composed from its own
    articles and written under its own folder.
    """
    from briefgen.classify import load_taxonomy
    from briefgen.compose import decide_day
    from briefgen.parallel import map_each

    stage = on_stage or (lambda _message: None)
    sources = list(inputs) or default_sources(settings)
    taxonomy = load_taxonomy(settings.taxonomy)  # config errors surface before any work

    if not sources:
        _check_something_to_read(settings)
    stage(f"ingesting {len(sources)} source(s)")
    summary = ingest_sources(
        settings, sources, on_skip=on_skip, on_progress=on_progress, taxonomy=taxonomy
    )
    articles, other_languages = by_language(day_articles(settings, day))
    if not articles:
        return [
            BuildResult(day, None, {}, summary, 0, other_languages, not sources, desk=d.name)
            for d in desks
        ]
    skipped = len(day_skips(settings, day))
    stage(f"reading the analyses of {len(articles)} article(s)")
    analyses = day_analyses(settings, articles, taxonomy, on_progress=on_progress)
    stage(f"grouping {len(articles)} article(s) into stories")
    decided = decide_day(articles, taxonomy, analyses, workers=settings.build.workers)
    results: dict[str, BuildResult] = {}
    jobs: list[_Edition] = []
    for desk in desks:
        kept = [a for a in articles if desk.keeps(a)]
        if kept:
            jobs.append(
                _Edition(
                    desk, day, kept, analyses, decided, taxonomy, summary, skipped, other_languages
                )
            )
            continue
        results[desk.name] = BuildResult(
            day,
            None,
            {},
            summary,
            0,
            other_languages,
            not sources,
            desk=desk.name,
            unmatched=f"the filters ({desk.describe_filters()}) match none of the "
            f"day's {plural(len(articles), 'article')}",
        )
    # Each desk's edition is its own work (own folder, own lock): desks run side by side,
    # on the Dask cluster when there is one, else on this machine's cores (where only
    # the job's number goes to a worker: it inherits the day's analyses).
    if settings.executor.address and jobs:
        from functools import partial

        from briefgen.cluster import imap_on_cluster

        for job in jobs:
            stage(f"sending {job.desk.name or 'the'} edition to {settings.executor.address}")
        written = list(
            imap_on_cluster(
                partial(
                    _write_edition_on_worker,
                    no_sources=not sources,
                    epoch=os.environ.get("SOURCE_DATE_EPOCH"),
                ),
                [_portable(job) for job in jobs],
                settings.executor.address,
                chunksize=1,
            )
        )
        _check_visible(written, settings.executor.address)
    else:
        written = map_each(
            lambda n: _write_edition(jobs[n], stage, not sources),
            range(len(jobs)),
            workers=settings.build.workers,
        )
    results.update((r.desk, r) for r in written)
    if settings.desks:
        _write_desk_index(settings)
    return [results[d.name] for d in desks]


def _write_desk_index(settings: Settings) -> None:
    """The top page listing every configured desk."""
    from briefgen.desks import all_desks
    from briefgen.render.archive import write_desk_index

    try:
        write_desk_index(settings, all_desks(settings))
    except OSError as exc:
        raise output_failure(settings.build.out, exc) from exc


@dataclass(frozen=True)
class _Edition:
    """What one desk's edition of a day is made from."""

    desk: Desk
    day: date
    articles: list[Article]
    analyses: Mapping[str, ArticleAnalysis]
    decided: DayDecisions
    taxonomy: Taxonomy
    summary: IngestSummary
    #: The day's inputs left out when last read (by this run or an earlier ingest).
    skipped_inputs: int
    other_languages: dict[str, int]


def _check_visible(results: Sequence[BuildResult], address: str) -> None:
    """Editions the cluster wrote where this host cannot see them are an error, not silence."""
    for result in results:
        missing = [path for path in result.files.values() if not path.exists()]
        if missing:
            raise ConfigError(
                f"the cluster at {address} wrote {missing[0]}, which this host cannot see: "
                "give the build an output folder its workers share (build.out, --out), "
                "or build without --scheduler"
            )


def _portable(edition: _Edition) -> _Edition:
    """``edition`` with the paths it writes to made absolute, for a worker elsewhere."""
    settings = edition.desk.settings
    db = settings.store.db
    absolute = replace(
        settings,
        build=replace(settings.build, out=settings.build.out.resolve()),
        store=replace(settings.store, db=db.resolve() if isinstance(db, Path) else db),
        render=replace(
            settings.render,
            templates=settings.render.templates.resolve() if settings.render.templates else None,
        ),
    )
    return replace(edition, desk=replace(edition.desk, settings=absolute))


def _write_edition_on_worker(edition: _Edition, no_sources: bool, epoch: str | None) -> BuildResult:
    """Runs on a Dask worker: one desk's edition, written where the settings say.

    The caller's SOURCE_DATE_EPOCH holds here too, so a reproducible build is the
    same wherever its editions are written.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    _set_epoch(epoch)
    try:
        return _write_edition(edition, lambda _message: None, no_sources)
    finally:
        _set_epoch(before)


def _set_epoch(value: str | None) -> None:
    if value is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = value


def _write_edition(edition: _Edition, stage: StageHandler, no_sources: bool) -> BuildResult:
    """Compose, render and publish one desk's edition; then its archive page and feed."""
    from briefgen.compose import compose
    from briefgen.deliver.feed import write_edition_feed
    from briefgen.deliver.ledger import Ledger
    from briefgen.deliver.lock import edition_lock
    from briefgen.readers import write_variants
    from briefgen.render import write_briefing
    from briefgen.render.archive import write_archive

    desk, day, articles = edition.desk, edition.day, edition.articles
    settings = desk.settings
    out = settings.build.out
    who = f"{desk.name}: " if desk.name else ""
    with edition_lock(out, day, db=settings.db_path, desk=desk.name):
        # Before any slow work: whatever a killed run left for the day goes first.
        remove_leftovers(out, day)
        stage(f"{who}composing {len(articles)} article(s)")
        briefing = compose(
            articles,
            settings,
            day,
            taxonomy=edition.taxonomy,
            generated_at=generation_time(),
            edition=edition_number(settings, day, desk.name),
            previous_points=previous_points(out, day),
            skipped_inputs=edition.skipped_inputs,
            analyses=edition.analyses,
            desk=desk if desk.name else None,
            day_decisions=edition.decided,
        )
        left_out = sum(edition.other_languages.values())
        briefing = replace(briefing, stats=replace(briefing.stats, other_language=left_out))
        stage(f"{who}rendering")
        # All the edition's files, then one switch: readers never see a mix.
        with staged_edition(out, day) as folder:
            files = write_briefing(briefing, settings, folder=folder)
            files.update(_write_mail_bodies(briefing, settings, folder))
            # Readers who chose some of the sections get an edition of those alone.
            write_variants(briefing, settings, desk.section_keys, folder)
        # Where the edition is, for a send run from anywhere (briefgen.deliver.service).
        with Ledger(settings.db_path) as ledger:
            ledger.record_edition(
                day, out.resolve(), folder.resolve(), datetime.now(UTC), desk=desk.name
            )
        try:
            write_archive(settings)
            write_edition_feed(out, title=settings.build.title)
        except OSError as exc:
            raise output_failure(out, exc) from exc
    return BuildResult(
        day,
        briefing,
        files,
        edition.summary,
        len(articles),
        edition.other_languages,
        no_sources,
        desk=desk.name,
    )


def by_language(articles: Sequence[Article]) -> tuple[list[Article], dict[str, int]]:
    """The articles in the briefing's language, and how many there are in each other one."""
    kept = [a for a in articles if a.language == BRIEFING_LANGUAGE]
    others = Counter(a.language for a in articles if a.language != BRIEFING_LANGUAGE)
    return kept, dict(others)


def _check_something_to_read(settings: Settings) -> None:
    """With no sources at all, an empty store means nothing is set up to be read."""
    from briefgen.database import store_exists
    from briefgen.store import ArticleStore

    if store_exists(settings.db_path):
        with ArticleStore.open(settings.db_path) as store:
            if store.count():
                return  # another job ingests; this one builds from the store
    where = f" in {settings.path.name}" if settings.path else " in briefgen.toml"
    raise ConfigError(
        f"nothing to read: no --input, no [sources] paths{where}, no ./seeds folder, and "
        f"the article store {settings.db_path} is empty; give --input PATH|URL or list your "
        "feeds and folders under [sources] paths"
    )


def ingest_sources(
    settings: Settings,
    sources: Sequence[str | Path],
    *,
    on_skip: SkipHandler | None = None,
    reanalyse: bool = False,
    reread: bool = False,
    on_progress: StageHandler | None = None,
    taxonomy: Taxonomy | None = None,
) -> IngestSummary:
    """Read ``sources`` into the article store, within the configured size and time limits.

    Then every stored article without an analysis (the new ones, and any a killed
    run left) is analysed; with ``reanalyse``, every stored article is. ``taxonomy`` is
    the configured one, when the caller has already loaded it. An input left out
    counts under the date in its path, else under today in ``build.timezone``.
    """
    from briefgen.analysis import AnalyseAsStored, analyse_store
    from briefgen.classify import load_taxonomy
    from briefgen.ingest.dates import get_zone
    from briefgen.store import ArticleStore, ingest

    if taxonomy is None:
        taxonomy = load_taxonomy(settings.taxonomy)
    progress = counter(on_progress)
    with ArticleStore.open(settings.db_path) as store:
        # New articles are analysed on the local workers while the reading goes on;
        # a cluster, a shared PostgreSQL store and --reanalyse analyse afterwards.
        alongside = not (reanalyse or store.postgres or settings.executor.address)
        with AnalyseAsStored(store, settings, taxonomy, progress) as analyser:
            summary = ingest(
                store,
                sources,
                max_bytes=settings.store.max_file_bytes,
                timeout=settings.store.fetch_timeout,
                on_skip=on_skip,
                reread=reread,
                on_stored=analyser if alongside else None,
                skip_day=datetime.now(get_zone(settings.build.timezone)).date(),
            )
            summary.analysed = analyser.finish()
        # What is still without an analysis: everything, with --reanalyse; else
        # what a killed run left, or what was stored where no analyser ran.
        summary.analysed += analyse_store(
            store, settings, taxonomy, everything=reanalyse, on_progress=progress
        )
    return summary


def day_analyses(
    settings: Settings,
    articles: Sequence[Article],
    taxonomy: Taxonomy,
    *,
    on_progress: StageHandler | None = None,
) -> dict[str, ArticleAnalysis]:
    """The stored analyses of ``articles``; stale or missing ones are computed and stored."""
    from briefgen.analysis import analyses_for
    from briefgen.store import ArticleStore

    with ArticleStore.open(settings.db_path) as store:
        return analyses_for(store, articles, settings, taxonomy, on_progress=counter(on_progress))


def counter(report: StageHandler | None) -> Callable[[int, int], None] | None:
    """``(done, total)`` callbacks as lines for ``report``: count, rate, time left."""
    if report is None:
        return None
    start = time.monotonic()

    def advance(done: int, total: int) -> None:
        elapsed = max(time.monotonic() - start, 1e-3)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0.0
        report(f"analysing articles: {done:,} of {total:,} ({rate:,.0f}/s, {left:.0f} s left)")

    return advance


def day_articles(settings: Settings, day: date | None) -> list[Article]:
    """The stored articles of ``day``'s window (``build.timezone``, ``build.window``), or all."""
    from briefgen.ingest.dates import day_window
    from briefgen.store import ArticleStore
    from briefgen.storefile import guarded

    if day is None:
        start, end = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
    else:
        start, end = day_window(day, settings.build.timezone, settings.build.window)
    with ArticleStore.open(settings.db_path) as store, guarded(store.path):
        return store.articles_between(start, end)


def day_skips(settings: Settings, day: date | None) -> list[Skipped]:
    """What the inputs of ``day``'s window (or of every day) left out when last read."""
    from briefgen.ingest.dates import day_window
    from briefgen.store import ArticleStore
    from briefgen.storefile import guarded

    first, last = date.min, date.max
    if day is not None:
        start, end = day_window(day, settings.build.timezone, settings.build.window)
        first, last = start.date(), (end - timedelta(microseconds=1)).date()
    with ArticleStore.open(settings.db_path) as store, guarded(store.path):
        return store.skips_between(first, last)


def generation_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def edition_days(out: Path) -> list[date]:
    """Days that already have an edition under ``out``, oldest first."""
    return sorted(day for day, _path in built_editions(out))


def edition_number(settings: Settings, day: date, desk: str = "") -> int:
    """The edition's number, kept in the store: unique, and a rebuild keeps its number.

    Editions on disk from before the store kept numbers keep theirs, and new
    numbers come after the highest of them.
    """
    from briefgen.deliver.editions import find_editions
    from briefgen.store import ArticleStore

    on_disk = {e.day: e.number for e in find_editions(settings.build.out)}
    with ArticleStore.open(settings.db_path) as store:
        return store.edition_number(
            day, desk=desk, claimed=on_disk.get(day), at_least=max(on_disk.values(), default=0)
        )


def previous_points(out: Path, day: date) -> list[str]:
    """Point texts of the latest edition before ``day`` (for 'new' / 'continuing')."""
    earlier = [d for d in edition_days(out) if d < day]
    if not earlier:
        return []
    try:
        data = json.loads(edition_file(out, earlier[-1], ".json").read_text(encoding="utf-8"))
        return [p["text"] for s in data.get("sections", []) for p in s.get("points", [])]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _write_mail_bodies(briefing: Briefing, settings: Settings, folder: Path) -> dict[str, Path]:
    """The plain-text and e-mail-safe HTML bodies a mailer sends with the PDF, into ``folder``."""
    from briefgen.atomic import write_atomic
    from briefgen.render import render_html, render_text

    text = edition_file(settings.build.out, briefing.date, ".txt")
    email = edition_file(settings.build.out, briefing.date, ".email.html")
    write_atomic(folder / text.name, render_text(briefing, settings).encode("utf-8"))
    write_atomic(
        folder / email.name, render_html(briefing, settings, variant="email").encode("utf-8")
    )
    return {"text": text, "email": email}
