"""What the store and the output folder hold: find, count and remove articles; remove editions.

The library side of ``briefgen articles`` and ``briefgen editions``::

    from briefgen.archive import find_articles, remove_edition
    for article in find_articles(settings, date(2017, 8, 31), outlet="guardian"):
        print(article.title)
    remove_edition(settings, date(2017, 8, 31))
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from briefgen.config import Settings
from briefgen.errors import InputError
from briefgen.models import Article

CountBy = Literal["day", "outlet", "language"]
COUNT_BY: tuple[CountBy, ...] = ("day", "outlet", "language")


def find_articles(
    settings: Settings,
    day: date | None = None,
    *,
    outlet: str | None = None,
    search: str | None = None,
) -> list[Article]:
    """Stored articles of ``day`` (all days when None), oldest first.

    ``outlet`` keeps those whose outlet name contains it; ``search`` those whose
    title or text contains every one of its words (both ignore case).
    """
    from briefgen.pipeline import day_articles

    found = day_articles(settings, day)
    if outlet:
        wanted = outlet.casefold()
        found = [a for a in found if wanted in a.outlet.casefold()]
    if search:
        words = search.casefold().split()
        found = [a for a in found if all(w in f"{a.title}\n{a.text}".casefold() for w in words)]
    return found


def article_day(article: Article, timezone: str) -> date:
    """The day an article belongs to in ``timezone``: its own day when it gave only a day."""
    from briefgen.ingest.dates import get_zone

    if article.date_only:
        return article.published.date()
    return article.published.astimezone(get_zone(timezone)).date()


def count_articles(
    articles: Sequence[Article], by: CountBy, timezone: str
) -> list[tuple[str, int]]:
    """How many of ``articles`` there are per day, outlet or language, in key order."""
    if by == "day":
        keys = [article_day(a, timezone).isoformat() for a in articles]
    elif by == "outlet":
        keys = [a.outlet for a in articles]
    else:
        keys = [a.language for a in articles]
    return sorted(Counter(keys).items(), key=lambda item: item[0].casefold())


def remove_articles(settings: Settings, ids: Sequence[str]) -> list[Article]:
    """Delete stored articles by id, or by a prefix of one as ``briefgen articles`` shows it.

    Every id is checked before anything is removed: an unknown or ambiguous one
    is an InputError and nothing is deleted.
    """
    from briefgen.store import ArticleStore

    with ArticleStore.open(settings.db_path) as store:
        chosen: list[str] = []
        for given in ids:
            matches = store.ids_starting(given) if given.strip() else []
            if not matches:
                raise InputError(f"no stored article has the id {given!r}; see `briefgen articles`")
            if len(matches) > 1:
                shown = ", ".join(matches[:4]) + (", …" if len(matches) > 4 else "")
                raise InputError(
                    f"{given!r} is the start of {len(matches)} article ids ({shown}); "
                    "give more of it"
                )
            chosen.append(matches[0])
        removed = []
        with store.transaction():
            for article_id in dict.fromkeys(chosen):
                article = store.remove(article_id)
                if article is not None:
                    removed.append(article)
    return removed


def remove_edition(settings: Settings, day: date) -> list[Path]:
    """Delete the edition of ``day`` and its files; rewrite the archive page and the feed.

    The edition keeps its number in the store: built again, it is the same
    edition. Returns the files removed; InputError when there is no such edition.
    """
    from briefgen.deliver.feed import write_edition_feed
    from briefgen.deliver.lock import edition_lock
    from briefgen.layout import edition_folder, unpublish
    from briefgen.render.archive import write_archive

    out = settings.build.out
    folder = edition_folder(out, day)
    stem = f"briefing-{day.isoformat()}"
    with edition_lock(out, day, db=settings.db_path):
        files = (
            sorted(p for p in folder.glob(f"{stem}.*") if p.is_file()) if folder.is_dir() else []
        )
        if not files:
            raise InputError(
                f"no edition for {day.isoformat()} under {out}; see `briefgen editions`"
            )
        if folder.is_symlink():
            unpublish(out, day)  # the edition goes at once, its build folder after it
        else:
            # Written in place by an earlier briefgen. JSON first: the edition stops
            # counting as built before its other files go.
            for path in sorted(files, key=lambda p: p.suffix != ".json"):
                path.unlink()
            dry_run = folder / "dry-run"
            if dry_run.is_dir():
                shutil.rmtree(dry_run)
            if not any(folder.iterdir()):
                folder.rmdir()
        write_archive(settings)
        write_edition_feed(out, title=settings.build.title)
    return files
